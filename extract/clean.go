package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsclip/newsclip/internal/baseurl"
)

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

var junkSet = atomSetOf(junkAtoms)

// prune walks the children of n in document order: it drops what is never
// visible text, notes what the metadata reads (collect), and measures each
// element it keeps, bottom-up, into st, the measures of n (nil in <head>,
// whose elements are dropped with it). inLink is set inside <a href>.
func (p *page) prune(n *html.Node, inHead bool, st *nstat, inLink bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			n.RemoveChild(c)
			c = next
			continue
		case html.TextNode:
			if st != nil {
				t := c.Data
				if strings.Contains(t, "\u00ad") {
					// A soft hyphen shows only where a line breaks: it is
					// no character of the text. The node is cut once the
					// walk is done: prune's own tests read it as parsed.
					t = strings.ReplaceAll(t, "\u00ad", "")
					p.softCuts = append(p.softCuts, softCut{c, t})
				}
				k := countChars(t)
				st.chars += k
				st.digits = st.digits || hasDigit(t)
				if inLink {
					st.linkChars += k
				}
			}
			c = next
			continue
		case html.ElementNode:
		default:
			c = next
			continue
		}
		if !p.collect(c, inHead) {
			n.RemoveChild(c)
			c = next
			continue
		}
		if len(p.heads) < maxHeads && !inHead && c.DataAtom != atom.H1 && headlineLike(c) {
			p.heads = append(p.heads, c)
		}
		if p.trail == nil && !inHead && marksTrail(c) {
			p.trail = c
		}
		if inHead {
			p.prune(c, true, nil, false)
			c = next
			continue
		}
		cs := p.newStat(c)
		link := inLink
		if c.DataAtom == atom.A && hasAttr(c, "href") {
			cs.links++
			link = true
		}
		p.prune(c, false, cs, link)
		st.chars += cs.chars
		st.linkChars += cs.linkChars
		st.links += cs.links
		st.digits = st.digits || cs.digits
		c = next
	}
}

// collect notes what element c holds for the metadata (<title>, <meta>,
// JSON-LD, <time>, ...) and reports whether c stays in the tree: not
// junk, not <head>, not hidden. <head> is walked here, then dropped.
func (p *page) collect(c *html.Node, inHead bool) bool {
	switch c.DataAtom {
	case atom.Html:
		p.html = c
	case atom.Body:
		p.body = c
	case atom.Title:
		if p.title == "" {
			p.title = collapse(textOf(c))
		}
		return false
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
		if !inHead && c.Parent != nil {
			p.buttons = append(p.buttons, c.Parent)
		}
	case atom.Base:
		if !p.hasBase && hasAttr(c, "href") {
			p.baseHref, p.hasBase = attr(c, "href"), true
		}
	}
	hidden := c.DataAtom != atom.Body && c.DataAtom != atom.Html && isHidden(c)
	// A <button> that is a reaction counter stays for reactions to read.
	junk := junkSet.has(c.DataAtom) && (c.DataAtom != atom.Button || !buttonCounter(c))
	if junk || c.DataAtom == atom.Head || hidden {
		if c.DataAtom == atom.Head {
			p.prune(c, true, nil, false) // collect metas, title, JSON-LD
		}
		return false
	}
	return true
}

// newStat returns the zeroed measures of element c, kept in p.stats.
func (p *page) newStat(c *html.Node) *nstat {
	if len(p.slab) == cap(p.slab) {
		// Chunks grow with the page: small pages stay small.
		p.slab = make([]nstat, 0, min(1024, max(64, 2*cap(p.slab))))
	}
	p.slab = p.slab[:len(p.slab)+1]
	st := &p.slab[len(p.slab)-1]
	p.stats.put(c, st)
	st.comments = isComments(c)
	return st
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

// ownURL is the address a page gives itself, absolute: its first
// <link rel=canonical>, else og:url; nil when it gives none. It stands in
// for the page's URL when the caller knows none (a saved file), so that
// relative links still come out absolute.
func (p *page) ownURL() *url.URL {
	for _, l := range p.links {
		if strings.EqualFold(attr(l, "rel"), "canonical") {
			if u := absURL(attr(l, "href")); u != nil {
				return u
			}
			break
		}
	}
	for _, m := range p.metas {
		if strings.EqualFold(attr(m, "property"), "og:url") {
			return absURL(attr(m, "content"))
		}
	}
	return nil
}

// absURL parses an absolute http(s) URL, nil for anything else.
func absURL(s string) *url.URL {
	u, err := url.Parse(baseurl.Clean(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// textOf concatenates the raw text nodes under n.
func textOf(n *html.Node) string {
	for k := n; k.FirstChild != nil && k.FirstChild == k.LastChild; k = k.FirstChild {
		if k.FirstChild.Type == html.TextNode {
			return k.FirstChild.Data // a chain of only children: no copy
		}
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

// srOnlyClasses are the screen-reader-only classes isHidden knows.
var srOnlyClasses = newPhraseSet([]string{"sr-only", "visually-hidden", "screen-reader", "visuallyhidden"})

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
			if srOnlyClasses.in(a.Val) {
				return true
			}
		}
	}
	return false
}

// isComments is isComments(n) from n's measures when it has them.
func (p *page) isComments(n *html.Node) bool {
	if st := p.stats.get(n); st != nil {
		return st.comments
	}
	return isComments(n)
}

func (p *page) linkDensity(n *html.Node) float64 {
	st := p.stats.get(n)
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
			if as := p.stats.get(a); as != nil {
				as.chars -= k
			}
		}
		n.Parent.RemoveChild(n)
		return
	}
	st := p.stats.get(n)
	if st == nil {
		return
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if as := p.stats.get(a); as != nil {
			as.chars -= st.chars
			as.linkChars -= st.linkChars
			as.links -= st.links
		}
	}
}
