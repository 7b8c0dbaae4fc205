package crawl

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/newsclip/newsclip/extract"
	"golang.org/x/net/html"
)

// Article or not: the decision is made from the page itself, never from
// its URL. The signals, in order:
//
//  1. A page with no run of two prose blocks (see pageScan.maxRun) and no
//     article metadata is a listing: it is not worth extracting.
//  2. The extractor: ErrNoArticle means no article body ("listing/extractor").
//  3. schema.org JSON-LD @type (NewsArticle, BlogPosting, Review, ...) or
//     og:type "article", with a body of 100 bytes or more: an article. The
//     extractor reads them (extract.Declaration), from its table of
//     schema.org types (internal/schemaorg).
//  4. JSON-LD saying CollectionPage, ItemList, SearchResultsPage, ... and
//     no article type: a listing; so is a page whose text is nearly all
//     link text (link density over 0.85). The threshold is high on purpose:
//     content-farm articles carry 26 headline links (Related, Ranking,
//     Recommendation) around a short body, and their link density passes
//     0.6; summary-style listings are caught by the prose run instead.
//  5. Otherwise the body decides: a run of 3 prose blocks and 300
//     bytes of body text, or a run of 2 and 600 bytes: an article.
//
// The decision's reason is counted in Stats.Decisions.

// readPage reads an HTML page fetched from final: it parses the page once,
// scans the tree for links and signals (X-Robots-Tag in header included)
// and decides, extracting the record from the same tree (see decide). A
// page the extractor finds no HTML in is decided as one with nothing in
// it. err is a parsing or extraction error (not ErrNoArticle, not
// ErrNotHTML); scan is nil with it when the page could not be parsed.
func (s *session) readPage(raw []byte, src extract.Source, final *url.URL, header http.Header) (*pageScan, *extract.Article, string, error) {
	doc, err := s.cfg.Extractor.Parse(raw, src)
	var root *html.Node
	switch {
	case err == nil:
		root = doc.Root()
	case errors.Is(err, extract.ErrNotHTML):
		doc = nil
	default:
		return nil, nil, "", err
	}
	scan := scanDoc(root, final)
	for _, v := range header.Values("X-Robots-Tag") {
		scan.robotsDirectives(v)
	}
	art, decision, err := s.decide(scan, doc)
	return scan, art, decision, err
}

// decide returns the page's record when it is an article, nil when it is
// not, the decision's reason, and an extraction error (not ErrNoArticle).
// doc is nil for a page the extractor found no HTML in: a listing by its
// structure, as a page with nothing in it.
func (s *session) decide(scan *pageScan, doc *extract.Document) (*extract.Article, string, error) {
	var said extract.Declaration // what the page's JSON-LD and og:type say it is
	if doc != nil {
		said = doc.Declared()
	}
	ldArticle, ldListing, ogArticle := said.Article, said.Listing, said.OGArticle
	meta := ldArticle || ogArticle
	if doc == nil || !meta && scan.maxRun < 2 {
		return nil, "listing/structure", nil
	}
	art, err := s.cfg.Extractor.ExtractDocument(doc)
	switch {
	case errors.Is(err, extract.ErrNoArticle):
		return nil, "listing/extractor", nil
	case err != nil:
		return nil, "", err
	}
	// Body size in bytes of UTF-8: a CJK character, three bytes, carries
	// about as much as three Latin letters.
	n := len(art.Text)
	density := 0.0
	if scan.textBytes > 0 {
		density = float64(scan.linkBytes) / float64(scan.textBytes)
	}
	switch {
	case ldArticle && n >= 100:
		return art, "article/json-ld", nil
	case ogArticle && n >= 100:
		return art, "article/og-type", nil
	case ldListing:
		return nil, "listing/json-ld", nil
	case density > 0.85:
		return nil, "listing/link-density", nil
	case scan.maxRun >= 3 && n >= 300, scan.maxRun >= 2 && n >= 600:
		return art, "article/text", nil
	case meta:
		return nil, "listing/short", nil
	default:
		return nil, "listing/text", nil
	}
}

// parseFailure is the failure reason of a page the extractor could not
// read or extract.
func parseFailure(err error) string {
	if errors.Is(err, extract.ErrTooLarge) {
		return "too-large"
	}
	return "extract"
}
