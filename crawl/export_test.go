package crawl

import (
	"net/http"
	"net/url"
	"time"
)

// ScanForBench runs the page scanner, for the benchmarks.
func ScanForBench(page []byte) int {
	base, _ := url.Parse("http://portal.test/")
	return len(scanHTML(page, base).links)
}

// GateStart returns when the crawler's politeness gate let req start: a
// transport under the crawler's (Config.Transport) sees it on each request.
func GateStart(req *http.Request) (time.Time, bool) {
	t, ok := req.Context().Value(startKey{}).(time.Time)
	return t, ok
}
