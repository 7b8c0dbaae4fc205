package markup

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// Record is the part of a golden record that locates the page's content and
// that a transformation may change: the body, the headline and the blocks.
type Record struct {
	URL    string
	Title  string
	Text   string // paragraphs joined by a blank line
	Blocks []Block
	// Published, Section and Reactions locate the date, the breadcrumb
	// and the reaction counters that some transformations rewrite; no
	// transformation changes them.
	Published string
	Section   []string
	Reactions map[string]int
}

// Block is one link list of the record.
type Block struct {
	Kind    string
	Heading string
	Links   []Link
}

// Link is one item of a [Block]; URL is absolute.
type Link struct {
	Title string
	URL   string
}

// Page is a parsed page with the nodes that carry its record.
type Page struct {
	doc     *html.Node
	url     *url.URL
	base    *url.URL // the document's base URL (a <base href>, else url)
	charset string   // the charset the page declares and is written in
	enc     encoding.Encoding
	// legacy is set by the charset transformation: at render time the page
	// is written in the legacy charset of this rank among those that can
	// encode its text.
	legacy int
	// refSeed and styleSeed, when set, make Render write characters of
	// the text as references and the tags in another style (entities,
	// renderStyle).
	refSeed, styleSeed uint64
	rec                Record

	paras    []*html.Node // paras[i] holds paragraph i of rec.Text (one node may hold several)
	box      *html.Node   // the body's container: the lowest common ancestor of paras
	headline *html.Node   // the visible headline, nil when not found
	blocks   []*block     // in the record's order
	labels   []*label

	warnings []string
}

// block is one record block on the page.
type block struct {
	idx     int        // index in rec.Blocks
	heading *html.Node // the element whose text is the heading; nil when none
	want    string     // the heading the record must give
	anchors []*html.Node
}

// label is a page label ("Date:", "Current:", "Share:") at the start of a
// text node.
type label struct {
	node    *html.Node
	concept string
	form    string // the label text now at the start of node.Data, after white space
}

// Load parses raw (in the charset it declares) and finds the nodes of rec
// on it. Nodes that cannot be found are listed by [Page.Warnings]; the
// transformations that need them then do nothing.
func Load(raw []byte, rec Record) (*Page, error) {
	u, err := url.Parse(rec.URL)
	if err != nil || !u.IsAbs() {
		return nil, fmt.Errorf("markup: page URL %q is not absolute", rec.URL)
	}
	enc, name, _ := charset.DetermineEncoding(raw, "")
	utf, _, err := transform.Bytes(enc.NewDecoder(), raw)
	if err != nil {
		return nil, fmt.Errorf("markup: decoding %s: %w", name, err)
	}
	doc, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("markup: %w", err)
	}
	if raw, err := htmlindex.Get(name); err == nil {
		enc = raw // without the HTML escaping charset.DetermineEncoding adds: Render adds its own
	}
	p := &Page{doc: doc, url: u, base: u, charset: name, enc: enc, rec: rec}
	p.base = documentBase(doc, u)
	p.findParas()
	p.findBlocks()
	p.headline = p.findText(rec.Title, nil, false)
	if p.headline == nil && rec.Text != "" {
		p.warn("headline %q not found", rec.Title)
	}
	p.findLabels()
	return p, nil
}

// Warnings lists the parts of the record that were not found on the page.
func (p *Page) Warnings() []string { return p.warnings }

func (p *Page) warn(format string, args ...any) {
	p.warnings = append(p.warnings, fmt.Sprintf(format, args...))
}

// documentBase returns the first <base href> resolved against u, else u.
func documentBase(doc *html.Node, u *url.URL) *url.URL {
	base := u
	walk(doc, func(n *html.Node) bool {
		if base != u || n.Type != html.ElementNode || n.DataAtom != atom.Base {
			return base == u
		}
		if href, ok := getAttr(n, "href"); ok {
			if b, err := u.Parse(strings.TrimSpace(href)); err == nil {
				base = b
			}
		}
		return false
	})
	return base
}

// paragraphs splits the record's body into collapsed paragraphs.
func (p *Page) paragraphs() []string {
	if p.rec.Text == "" {
		return nil
	}
	var out []string
	for _, s := range strings.Split(p.rec.Text, "\n\n") {
		out = append(out, collapse(s))
	}
	return out
}

// findParas finds, for each body paragraph, the deepest element whose text
// contains it, and their container.
func (p *Page) findParas() {
	b := body(p.doc)
	if b == nil {
		return
	}
	els := elements(b)
	texts := make(map[*html.Node]string, len(els))
	for _, e := range els {
		texts[e] = visibleText(e)
	}
	for i, para := range p.paragraphs() {
		var found *html.Node
		for _, e := range els {
			if !strings.Contains(texts[e], para) || hidden(e) {
				continue
			}
			deepest := true
			for c := e.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && strings.Contains(texts[c], para) {
					deepest = false
				}
			}
			if deepest {
				found = e
				break
			}
		}
		if found == nil {
			p.warn("paragraph %d %.40q… not found", i, para)
			continue
		}
		p.paras = append(p.paras, found)
	}
	p.box = lca(p.paras)
	for p.box != nil && phrasing(p.box) {
		p.box = p.box.Parent
	}
}

// findBlocks finds each block's links, in page order, and its heading: the
// deepest element before the first link whose text is the heading.
func (p *Page) findBlocks() {
	var anchors []*html.Node
	walk(p.doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			if _, ok := getAttr(n, "href"); ok {
				anchors = append(anchors, n)
			}
		}
		return true
	})
	used := map[*html.Node]bool{}
	cursor := 0
	for bi, rb := range p.rec.Blocks {
		b := &block{idx: bi, want: rb.Heading}
		for li, l := range rb.Links {
			i := p.findAnchor(anchors, used, cursor, l)
			if i < 0 {
				p.warn("block %d (%s) link %d %q not found", bi, rb.Heading, li, l.URL)
				continue
			}
			used[anchors[i]] = true
			cursor = i + 1
			b.anchors = append(b.anchors, anchors[i])
		}
		if rb.Heading != "" && len(b.anchors) > 0 {
			b.heading = p.findText(rb.Heading, b.anchors[0], true)
			if b.heading == nil {
				p.warn("block %d heading %q not found", bi, rb.Heading)
			}
		}
		p.blocks = append(p.blocks, b)
	}
}

// findAnchor returns the index of the first unused anchor from cursor on
// (then from the start) that links to l.URL with l.Title as its text; failing
// that, one that links to l.URL.
func (p *Page) findAnchor(anchors []*html.Node, used map[*html.Node]bool, cursor int, l Link) int {
	title := collapse(l.Title)
	for _, byText := range []bool{true, false} {
		for _, from := range []int{cursor, 0} {
			for i := from; i < len(anchors); i++ {
				a := anchors[i]
				if used[a] || p.resolve(a) != l.URL || byText && collapse(visibleText(a)) != title {
					continue
				}
				return i
			}
		}
	}
	return -1
}

// resolve returns the absolute URL of an anchor's href against the base.
func (p *Page) resolve(a *html.Node) string {
	href, _ := getAttr(a, "href")
	u, err := p.base.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	return u.String()
}

// findText returns the deepest visible element of the body whose text is s:
// the last one before limit when before is set, else the first one outside
// links.
func (p *Page) findText(s string, limit *html.Node, before bool) *html.Node {
	s = collapse(s)
	b := body(p.doc)
	if s == "" || b == nil {
		return nil
	}
	var found *html.Node
	done := false
	walk(b, func(n *html.Node) bool {
		if done || hidden(n) {
			return false
		}
		if n == limit {
			done = true
			return false
		}
		if n.Type != html.ElementNode || n.DataAtom == atom.A || visibleText(n) != s {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			// The deepest element, but a heading that is one link
			// ("<h2><a>Sport</a></h2>") is the element around the link.
			if c.Type == html.ElementNode && c.DataAtom != atom.A && visibleText(c) == s {
				return true
			}
		}
		found = n
		done = !before
		return false
	})
	return found
}

// Clone returns a deep copy of the page whose transformation leaves p as it
// is.
func (p *Page) Clone() *Page {
	m := map[*html.Node]*html.Node{}
	q := *p
	q.doc = cloneTree(p.doc, m)
	q.paras = make([]*html.Node, len(p.paras))
	for i, n := range p.paras {
		q.paras[i] = m[n]
	}
	q.box, q.headline = m[p.box], m[p.headline]
	q.blocks = nil
	for _, b := range p.blocks {
		nb := &block{idx: b.idx, heading: m[b.heading], want: b.want}
		for _, a := range b.anchors {
			nb.anchors = append(nb.anchors, m[a])
		}
		q.blocks = append(q.blocks, nb)
	}
	q.labels = nil
	for _, l := range p.labels {
		q.labels = append(q.labels, &label{node: m[l.node], concept: l.concept, form: l.form})
	}
	q.warnings = nil
	return &q
}

func cloneTree(n *html.Node, m map[*html.Node]*html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = slices.Clone(n.Attr)
	m[n] = c
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneTree(k, m))
	}
	return c
}

// Want returns the record the page must give now: the loaded record with
// the blocks in their present page order and their present headings.
func (p *Page) Want() Record {
	w := p.rec
	pos := order(p.doc)
	bs := slices.Clone(p.blocks)
	if !slices.ContainsFunc(bs, func(b *block) bool { return len(b.anchors) == 0 }) {
		slices.SortStableFunc(bs, func(a, b *block) int { return pos[a.anchors[0]] - pos[b.anchors[0]] })
	}
	w.Blocks = nil
	for _, b := range bs {
		rb := p.rec.Blocks[b.idx]
		rb.Heading = b.want
		w.Blocks = append(w.Blocks, rb)
	}
	return w
}
