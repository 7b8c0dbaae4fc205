package extract

import (
	"net/url"

	"golang.org/x/net/html"
)

// page is the working state of one extraction.
type page struct {
	doc    *html.Node
	html   *html.Node // <html>
	body   *html.Node // <body>
	title  string     // <title> text
	metas  []*html.Node
	links  []*html.Node // <link> elements
	jsonld []string     // raw JSON-LD script texts
	times  []*html.Node // <time> elements
	h1s    []*html.Node
	forms  []*html.Node // forms a reader types a line into and sends (entryForm)
	// buttons are the parents of the <button>s prune removed (signupBox).
	buttons []*html.Node
	heads   []*html.Node // other visible headline candidates (headlineLike)
	// dateScripts are the body's short inline scripts with a date.
	dateScripts []dateScript
	// baseHref is the href of the first <base> that has one (hasBase);
	// base is the document's base URL, against which every URL of the
	// record resolves (see documentBase).
	baseHref string
	hasBase  bool
	base     *url.URL
	resolved map[string]string // resolve(base, href) by href, for comparing link targets
	cells    []entry           // linkCells' room, reused: its caller copies the cells out
	stats    statTable
	slab     []nstat // backing store of stats, allocated in chunks
	// softCuts are the text nodes prune cuts soft hyphens from.
	softCuts []softCut
	// trail is the first element whose markup names a breadcrumb trail
	// (see marksTrail), noted by prune.
	trail *html.Node
	// tr collects the decisions for Explain; nil when no trace is asked for.
	tr *tracer
}

// nstat holds subtree measures of one element.
type nstat struct {
	chars     int // non-space characters of text
	linkChars int // of which inside <a>
	links     int // <a href> elements
	// comments is isComments of the element, asked of every element.
	comments bool
	// digits: an ASCII digit in the text as measured. Nodes leave the
	// tree later (drop) but none come in: false means hasDigitText is
	// false, true that it may be.
	digits bool
}

// newPage walks the tree once: it collects head metadata, JSON-LD and
// <time> elements, drops invisible and non-text elements, and measures every
// remaining element.
func newPage(doc *html.Node) *page { return newPageSized(doc, 0) }

// newPageSized is newPage for a document parsed from size bytes of HTML:
// the measures are sized for about one element per bytesPerElement.
func newPageSized(doc *html.Node, size int) *page {
	n := max(256, size/bytesPerElement)
	p := &page{doc: doc, stats: newStatTable(n), slab: make([]nstat, 0, n)}
	var top nstat // the document's: no element, kept nowhere
	p.prune(doc, false, &top, false)
	for _, sc := range p.softCuts {
		sc.n.Data = sc.text
	}
	p.softCuts = nil
	return p
}

// bytesPerElement is fewer bytes of HTML per element kept than most news
// pages have (the median is about 220, a tenth have fewer than 120): the
// table of measures is seldom grown, and seldom much too large.
const bytesPerElement = 160

// softCut is a text node measured without its soft hyphens, and that text.
type softCut struct {
	n    *html.Node
	text string
}
