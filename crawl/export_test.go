package crawl

import (
	"net/http"
	"net/url"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// ScanForBench runs the page scanner on a parsed page, for the benchmarks.
func ScanForBench(doc *extract.Document) int {
	base, _ := url.Parse("http://portal.test/")
	return len(scanDoc(doc.Root(), base).links)
}

// GateStart returns when the crawler's politeness gate let req start: a
// transport under the crawler's (Config.Transport) sees it on each request.
func GateStart(req *http.Request) (time.Time, bool) {
	t, ok := req.Context().Value(startKey{}).(time.Time)
	return t, ok
}

// DefaultTrapBarrenForTest is Config.TrapBarren's default.
const DefaultTrapBarrenForTest = defaultTrapBarren
