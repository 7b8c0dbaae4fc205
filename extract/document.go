package extract

import (
	"errors"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsclip/newsclip/internal/schemaorg"
)

// Document is a page decoded and parsed once, for a caller that reads the
// page's tree before it asks for the record: a crawler finds the page's
// links and tells articles from listings in the tree the record is then
// extracted from. Make one with [Extractor.Parse].
type Document struct {
	root     *html.Node
	src      source
	pageURL  *url.URL
	rawURL   string
	declared *Declaration
}

// Declaration is what a page's own metadata says the page is: the
// schema.org types of its JSON-LD objects (those of every
// application/ld+json script, their lists and @graph included) and its
// og:type. One table of schema.org types decides for the extractor and for
// the crawler.
type Declaration struct {
	// Article: a JSON-LD object is typed as an article (Article and its
	// subtypes, such as NewsArticle, BlogPosting, Report; Review and its
	// subtypes). A WebPage is not: listings are web pages too.
	Article bool
	// Listing: a JSON-LD object is typed as a listing (CollectionPage,
	// ItemList, SearchResultsPage, ProfilePage, ...). A page may say both.
	Listing bool
	// OGArticle: the page's og:type (its last og:type meta) is "article",
	// "article:…" or "news".
	OGArticle bool
}

// Parse decodes and parses one page as [Extractor.ExtractBytes] does, and
// fails as it does before extraction: with [ErrTooLarge], [ErrNotHTML] or
// a parsing error. The Document keeps raw (or its decoded copy) until it
// is extracted: raw must not be modified before.
func (e *Extractor) Parse(raw []byte, src Source) (*Document, error) {
	if e.maxBytes > 0 && int64(len(raw)) > e.maxBytes {
		return nil, ErrTooLarge
	}
	root, s, err := parse(raw, src.ContentType)
	if err != nil {
		return nil, err
	}
	d := &Document{root: root, src: s, rawURL: src.URL}
	if src.URL != "" {
		if u, err := url.Parse(src.URL); err == nil && u.IsAbs() {
			d.pageURL = u
		}
	}
	return d, nil
}

// Root returns the page's tree, to be read and not modified. It is whole
// until the Document is extracted, which takes it apart.
func (d *Document) Root() *html.Node { return d.root }

// Declared returns what the page's metadata says the page is. It reads
// the tree the first time (before extraction takes it apart: see
// [Extractor.ExtractDocument]).
func (d *Document) Declared() Declaration {
	if d.declared == nil {
		d.declared = declaration(d.root)
	}
	return *d.declared
}

// ExtractDocument returns the record of a parsed page: the same record,
// and the same error, as [Extractor.ExtractBytes] on the page's bytes. It
// takes the Document's tree apart: a Document is extracted once, and a
// second call fails.
func (e *Extractor) ExtractDocument(d *Document) (*Article, error) {
	if d.root == nil {
		return nil, errExtracted
	}
	d.Declared()
	root := d.root
	d.root = nil
	return extractDoc(root, d.src, d.pageURL, d.rawURL, nil)
}

var errExtracted = errors.New("extract: the document was extracted already")

// declaration reads the page's JSON-LD scripts and og:type, anywhere in the
// tree.
func declaration(root *html.Node) *Declaration {
	var scripts []string
	og := ""
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(c, "type")), "ld+json") {
					scripts = append(scripts, textOf(c))
				}
				continue
			case atom.Meta:
				if strings.EqualFold(strings.TrimSpace(attr(c, "property")), "og:type") ||
					strings.EqualFold(strings.TrimSpace(attr(c, "name")), "og:type") {
					og = strings.ToLower(strings.TrimSpace(attr(c, "content")))
				}
			}
			walk(c)
		}
	}
	walk(root)
	d := &Declaration{OGArticle: og == "article" || strings.HasPrefix(og, "article:") || og == "news"}
	if len(scripts) > 0 {
		d.Article, d.Listing = schemaorg.Declares(schemaorg.Objects(scripts))
	}
	return d
}
