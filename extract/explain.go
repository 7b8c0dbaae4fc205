package extract

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Explain is [Extractor.Extract] with an account of its decisions: the
// record it returns is the one Extract returns for the same input, and the
// [Trace] says, for each part of the page, what it was taken for and why.
// The trace is nil when the input is not read as HTML (ErrTooLarge,
// ErrNotHTML, a read error); with ErrNoArticle both come back.
func (e *Extractor) Explain(r io.Reader, src Source) (*Article, *Trace, error) {
	raw, err := e.read(r)
	if err != nil {
		return nil, nil, err
	}
	d, err := e.Parse(raw, src)
	if err != nil {
		return nil, nil, err
	}
	tr := newTracer(d.root)
	a, err := extractDoc(d.root, d.src, d.pageURL, d.rawURL, tr)
	t := tr.finish(a, err)
	t.Source, _ = io.ReadAll(d.src.reader()) // decoding to UTF-8 in memory does not fail
	return a, t, err
}

// linkBlocks records the link blocks findBlocks found.
func (t *tracer) linkBlocks(blocks []foundBlock) {
	for _, fb := range blocks {
		if fb.inline {
			reason := "a run of links inside a paragraph's text (a hover card): not body, no block"
			if len(fb.block.Links) == 0 {
				reason = "a heading naming a block kind over an empty list (filled in by script)"
			}
			for _, n := range fb.nodes {
				t.part(n, ClassDropped, "findBlocks", reason)
			}
			continue
		}
		kind := fb.block.Kind
		var reason string
		switch {
		case headingKind(fb.block.Heading) != "":
			reason = fmt.Sprintf("heading %q → %s", fb.block.Heading, kind)
		case kind != KindMore:
			reason = "class or id names → " + kind
		default:
			reason = "no heading or name says which kind → more"
		}
		n, words := len(fb.block.Links), 0
		for _, l := range fb.block.Links {
			w, c := wordCount(l.Title)
			words += w + c/2
		}
		figs := []Figure{fig("run of items of one shape", float64(n), ">=", 3)}
		if n < 3 {
			figs[0] = fig("items under a heading naming a kind", float64(n), ">=", 2)
		}
		if n > 0 {
			figs = append(figs, fig("words per headline", float64(words)/float64(n), ">=", 4))
		}
		what := "an item of a link block: "
		if len(fb.nodes) == 1 && n >= 2 {
			what = "a link block, all its container holds: "
		}
		for _, nd := range fb.nodes {
			t.part(nd, kind, "findBlocks", what+reason, figs...)
		}
		if fb.heading != nil {
			t.part(fb.heading, kind, "findBlocks", "the heading of a link block: "+reason)
		}
	}
}

// part records a decision about element n, or about text node n when it
// is all its parent holds (a bare text label beside other elements cannot
// be told apart from them and is left out).
func (t *tracer) part(n *html.Node, class, rule, reason string, figs ...Figure) {
	if n.Type == html.TextNode {
		if n.Parent == nil {
			return
		}
		for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				return
			}
		}
		n = n.Parent
	}
	t.add(n, class, rule, reason, figs...)
}

// reaction records a reaction counter.
func (t *tracer) reaction(n *html.Node, label string, count int) {
	t.add(n, ClassReactions, "reactions", fmt.Sprintf("a counter: the label %q and a count in brackets", label),
		fig("count", float64(count), "", 0))
}

// comments records a reader-comment section left out of the body.
func (t *tracer) comments(n *html.Node) {
	t.add(n, ClassComments, "skipComments", fmt.Sprintf("class or id %q names reader comments", classID(n)))
}

// entryBox records a sign-up box (a form to type into, its heading and
// blurb) left out of the body.
func (t *tracer) entryBox(n *html.Node) {
	t.add(n, ClassBoilerplate, "skipEntryBoxes", "a box around a form with a field to type into and a submit control")
}

// crumb records the element a breadcrumb trail was read from.
func (t *tracer) crumb(n *html.Node, marked bool) {
	reason := "a short element of links joined by separators, from the home page on"
	if marked {
		reason = "marked as a breadcrumb (ARIA label, microdata or class name) and read by separators"
	}
	t.add(n, ClassBreadcrumb, "breadcrumb", reason)
}

// markedCrumb records the element markedBreadcrumb read the trail from.
func (t *tracer) markedCrumb(doc *html.Node) {
	if n := findMarkedTrail(doc); n != nil {
		t.add(n, ClassBreadcrumb, "breadcrumb", "marked as a breadcrumb (microdata, ARIA label or class name): its items")
	}
}

// content records the containers findContent chose and the text blocks
// outside them.
func (t *tracer) content(p *page, c *candidates, pick, top *html.Node, topScore float64, out []*html.Node, blocks []tblock) {
	runner := -1e9
	for _, n := range c.order {
		if s := c.score[n]; !within(n, top) && !within(top, n) && s > runner {
			runner = s
		}
	}
	thr := max(10, topScore*0.2)
	for _, n := range out {
		var reason string
		var figs []Figure
		switch {
		case n == top && top == pick:
			reason = "the best-scoring container of the body's paragraphs (Readability's scores: a point per paragraph, per comma, per 100 characters)"
			figs = []Figure{fig("score", c.score[n], "", 0), fig("base score", c.base[n], "", 0), fig("link density", p.linkDensity(n), "", 0),
				fig("candidates", float64(len(c.order)), "", 0)}
			if runner > -1e9 {
				figs = append(figs, fig("next best elsewhere", runner, "", 0))
			}
		case n == top:
			reason = fmt.Sprintf("an ancestor of the best container (score %.2f): the body is split across its children, or it wraps the best alone", c.score[pick])
			figs = []Figure{fig("score", c.score[n], "", 0)}
		case n.Parent == top.Parent && c.score[n] >= thr:
			reason = "a sibling of the top container that scores enough to be more of the body"
			figs = []Figure{fig("score", c.score[n], ">=", round2(thr))}
		case n.Parent == top.Parent:
			reason = "a sibling of the top container read as more of the body: a paragraph with few links, or the other part of a body split by an ad or a figure"
			figs = []Figure{fig("link density", p.linkDensity(n), "", 0)}
		default:
			reason = "a container of the top's tag and class nearby (the body split by figures or ads), or a paragraph with the class of the body's paragraphs"
		}
		t.add(n, ClassContent, "findContent", reason, figs...)
	}
	for i := range blocks {
		b := &blocks[i]
		inside := false
		for _, n := range out {
			if b.elem != nil && within(b.elem, n) {
				inside = true
				break
			}
		}
		if !inside {
			t.outside(b, p)
		}
	}
}

// outside records a text block outside the body's containers.
func (t *tracer) outside(b *tblock, p *page) {
	d := b.density()
	switch {
	case p.title != "" && len(b.text) <= len(p.title)+80 && isTitleLine(b.text, strings.ToLower(collapse(p.title))),
		b.heading == 1:
		t.text(b, ClassHeadline, "findContent", "outside the body's containers: the headline")
	case navAncestor(b.elem):
		t.text(b, ClassNavigation, "findContent", "in a navigation landmark (<nav>, role=navigation)")
	case d > 0.5:
		t.text(b, ClassNavigation, "findContent", "links outside the body's containers (a menu, a list)",
			fig("link density", d, ">", 0.5))
	case chromeAncestor(b.elem):
		t.text(b, ClassChrome, "findContent", "in the page's header, footer or a sidebar (<header>, <footer>, <aside>, ARIA landmarks)")
	default:
		t.text(b, ClassChrome, "findContent", "outside the body's containers")
	}
}

// navAncestor reports an element in a navigation landmark.
func navAncestor(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if a.DataAtom == atom.Nav || attr(a, "role") == "navigation" {
			return true
		}
	}
	return false
}
