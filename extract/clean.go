package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsclip/newsclip/internal/baseurl"
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
	stats    map[*html.Node]*nstat
	slab     []nstat // backing store of stats, allocated in chunks
	// elements counts the elements kept by prune.
	elements int
	// tr collects the decisions for Explain; nil when no trace is asked for.
	tr *tracer
}

// nstat holds subtree measures of one element.
type nstat struct {
	chars     int // non-space characters of text
	linkChars int // of which inside <a>
	links     int // <a href> elements
}

// junkAtoms are removed with their subtree before anything else: they are
// never visible article text.
var junkAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Map: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Button: true,
	atom.Dialog: true, atom.Math: false, atom.Head: false, atom.Label: true,
	atom.Option: true, atom.Frameset: true, atom.Frame: true, atom.Link: true, atom.Meta: true,
}

// newPage walks the tree once: it collects head metadata, JSON-LD and
// <time> elements, drops invisible and non-text elements, and measures every
// remaining element.
func newPage(doc *html.Node) *page {
	p := &page{doc: doc}
	p.prune(doc, false)
	// Sized once from the count prune took: no growth, no rehashing.
	p.stats = make(map[*html.Node]*nstat, p.elements)
	p.slab = make([]nstat, 0, p.elements+1)
	p.measure(doc, false)
	return p
}

func (p *page) prune(n *html.Node, inHead bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || c.Type == html.DoctypeNode {
			n.RemoveChild(c)
			c = next
			continue
		}
		if c.Type != html.ElementNode {
			c = next
			continue
		}
		switch c.DataAtom {
		case atom.Html:
			p.html = c
		case atom.Body:
			p.body = c
		case atom.Title:
			if p.title == "" {
				p.title = collapse(textOf(c))
			}
			n.RemoveChild(c)
			c = next
			continue
		case atom.Meta:
			p.metas = append(p.metas, c)
		case atom.Link:
			p.links = append(p.links, c)
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(c, "type")), "ld+json") {
				p.jsonld = append(p.jsonld, textOf(c))
			} else if !inHead {
				p.noteDateScript(c)
			}
		case atom.Time:
			p.times = append(p.times, c)
		case atom.H1:
			p.h1s = append(p.h1s, c)
		case atom.Form:
			if !inHead && entryForm(c) {
				p.forms = append(p.forms, c)
			}
		case atom.Button:
			if !inHead {
				p.buttons = append(p.buttons, n)
			}
		case atom.Base:
			if !p.hasBase && hasAttr(c, "href") {
				p.baseHref, p.hasBase = attr(c, "href"), true
			}
		}
		hidden := c.DataAtom != atom.Body && c.DataAtom != atom.Html && isHidden(c)
		// A <button> that is a reaction counter stays for reactions to read.
		junk := junkAtoms[c.DataAtom] && (c.DataAtom != atom.Button || !buttonCounter(c))
		if junk || c.DataAtom == atom.Head || hidden {
			if c.DataAtom == atom.Head {
				p.prune(c, true) // collect metas, title, JSON-LD
			}
			n.RemoveChild(c)
			c = next
			continue
		}
		p.elements++
		if len(p.heads) < maxHeads && !inHead && c.DataAtom != atom.H1 && headlineLike(c) {
			p.heads = append(p.heads, c)
		}
		p.prune(c, inHead)
		c = next
	}
}

// documentBase returns the document's base URL as the HTML standard
// defines it: the href of the first <base> element that has one, resolved
// against the page's URL (see baseurl.Document); the page's URL when there
// is none.
func (p *page) documentBase(pageURL *url.URL) *url.URL {
	if !p.hasBase {
		return pageURL
	}
	return baseurl.Document(pageURL, p.baseHref)
}

// textOf concatenates the raw text nodes under n.
func textOf(n *html.Node) string {
	if n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode {
		return n.FirstChild.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// isHidden reports elements that a browser does not show.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
				return true
			}
		case "style":
			if strings.Contains(a.Val, "none") || strings.Contains(a.Val, "hidden") {
				s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
				if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
					return true
				}
			}
		case "class":
			// The screen-reader-only convention of CSS frameworks.
			if strings.Contains(a.Val, "sr-only") || strings.Contains(a.Val, "visually-hidden") ||
				strings.Contains(a.Val, "screen-reader") || strings.Contains(a.Val, "visuallyhidden") {
				return true
			}
		}
	}
	return false
}

// measure fills p.stats bottom-up for every element under n.
func (p *page) measure(n *html.Node, inLink bool) *nstat {
	if len(p.slab) == cap(p.slab) {
		// Chunks grow with the page: small pages stay small.
		p.slab = make([]nstat, 0, min(1024, max(32, 2*cap(p.slab))))
	}
	p.slab = p.slab[:len(p.slab)+1]
	st := &p.slab[len(p.slab)-1]
	if n.Type == html.ElementNode {
		p.stats[n] = st
		if n.DataAtom == atom.A && hasAttr(n, "href") {
			st.links++
			inLink = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.Contains(c.Data, "\u00ad") {
				// A soft hyphen shows only where a line breaks: it is no
				// character of the text.
				c.Data = strings.ReplaceAll(c.Data, "\u00ad", "")
			}
			k := countChars(c.Data)
			st.chars += k
			if inLink {
				st.linkChars += k
			}
		case html.ElementNode:
			cs := p.measure(c, inLink)
			st.chars += cs.chars
			st.linkChars += cs.linkChars
			st.links += cs.links
		}
	}
	return st
}

// countChars counts the non-space characters of s.
func countChars(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x80 {
			if r > ' ' {
				n++
			}
		} else if !isSpace(r) {
			n++
		}
	}
	return n
}

func (p *page) linkDensity(n *html.Node) float64 {
	st := p.stats[n]
	if st == nil || st.chars == 0 {
		return 0
	}
	return float64(st.linkChars) / float64(st.chars)
}

// drop marks n as left out of the body and takes its measures off its
// ancestors, so densities reflect what remains.
func (p *page) drop(n *html.Node, skip map[*html.Node]bool) {
	if skip[n] {
		return
	}
	skip[n] = true
	if n.Type == html.TextNode && n.Parent != nil {
		// A bare text heading ("See also<br><a>…"): no measures of its
		// own; its characters come off its ancestors and the text out of
		// the tree the body is read from.
		k := countChars(n.Data)
		for a := n.Parent; a != nil; a = a.Parent {
			if as := p.stats[a]; as != nil {
				as.chars -= k
			}
		}
		n.Parent.RemoveChild(n)
		return
	}
	st := p.stats[n]
	if st == nil {
		return
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if as := p.stats[a]; as != nil {
			as.chars -= st.chars
			as.linkChars -= st.linkChars
			as.links -= st.links
		}
	}
}
