package crawl

import (
	"net/http"
	"net/url"

	"github.com/newsclip/newsclip/extract"
)

// Judge tells article pages from the rest as a crawl does, for pages
// fetched elsewhere (read from a WARC file): `newsclip extract` over a
// crawl's archive gives the records the crawl wrote. It is safe for
// concurrent use.
type Judge struct {
	r *run
}

// NewJudge returns a Judge extracting with ex (nil: extract.New with the
// default options).
func NewJudge(ex *extract.Extractor) *Judge {
	if ex == nil {
		ex = extract.New(extract.Options{})
	}
	return &Judge{r: &run{cfg: &Config{Extractor: ex}}}
}

// Page returns the record of an HTML page fetched from pageURL with the
// given response header, or nil when the crawl would write none, with the
// decision's reason ("article/json-ld", "listing/structure", "noindex",
// ...; see Stats.Decisions). err is an extraction error other than
// extract.ErrNoArticle (extract.ErrNotHTML, extract.ErrTooLarge).
func (j *Judge) Page(raw []byte, pageURL string, header http.Header) (*extract.Article, string, error) {
	ct := header.Get("Content-Type")
	base, err := url.Parse(pageURL)
	if err != nil {
		base = &url.URL{}
	}
	scan := scanHTML(decodeForScan(raw, ct, false), base)
	for _, v := range header.Values("X-Robots-Tag") {
		scan.robotsDirectives(v)
	}
	art, decision, err := j.r.decide(scan, raw, extract.Source{URL: pageURL, ContentType: ct})
	if err != nil {
		return nil, decision, err
	}
	if art != nil && scan.noindex {
		return nil, "noindex", nil
	}
	return art, decision, nil
}
