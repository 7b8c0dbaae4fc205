package markup

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// wrapTargets are the nodes worth wrapping: the record's nodes, their
// parents, each block's items and the whole body.
func (p *Page) wrapTargets() []*html.Node {
	var out []*html.Node
	add := func(n *html.Node) {
		if n != nil && n.Parent != nil && n.Type == html.ElementNode && n.DataAtom != atom.Body {
			out = append(out, n)
		}
	}
	add(p.box)
	add(p.headline)
	for _, n := range p.paras {
		add(n)
	}
	for _, b := range p.blocks {
		add(b.heading)
		for _, a := range b.anchors {
			add(a)
			add(a.Parent)
		}
		add(lca(b.anchors))
	}
	return out
}

// wrapperDepth wraps some of the record's nodes in 1–4 extra levels, or
// (one time in three) removes plain wrappers that only hold blocks.
func wrapperDepth(p *Page, r *rand.Rand) (string, bool) {
	if r.IntN(3) == 0 {
		if n := p.unwrapSome(r); n > 0 {
			return fmt.Sprintf("unwrapped %d", n), true
		}
	}
	targets := p.wrapTargets()
	if b := body(p.doc); b != nil && r.IntN(4) == 0 {
		d := 1 + r.IntN(5)
		inner := b
		for range d {
			w := elem(pick(r, []string{"div", "div", "section"}))
			if r.IntN(2) == 0 {
				setAttr(w, "class", randomName(r))
			}
			moveChildren(inner, w)
			inner.AppendChild(w)
			inner = w
		}
		return fmt.Sprintf("body content in %d levels", d), true
	}
	if len(targets) == 0 {
		return "", false
	}
	var notes []string
	for range 1 + r.IntN(4) {
		t := pick(r, targets)
		d := 1 + r.IntN(4)
		wrapDeep(t, d, r)
		notes = append(notes, fmt.Sprintf("<%s> in %d", t.Data, d))
	}
	return strings.Join(notes, ", "), true
}

// wrapDeep wraps n in d levels of elements that keep its layout: inline
// ones around inline content, blocks around blocks; a table cell or list
// item gets them inside.
func wrapDeep(n *html.Node, d int, r *rand.Rand) {
	inline := phrasing(n.Parent) || !blockTag(n.DataAtom)
	inside := false
	switch n.DataAtom {
	case atom.Td, atom.Th, atom.Li, atom.Dt, atom.Dd, atom.Caption:
		inside, inline = true, false
	case atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot, atom.Colgroup, atom.Col, atom.Body, atom.Html, atom.Head, atom.Option:
		return
	}
	for range d {
		tag := pick(r, []string{"div", "div", "section"})
		if inline {
			tag = pick(r, []string{"span", "span", "font"})
			if hasBlock(n) {
				tag = "span" // a formatting element around blocks is rebuilt by the parser
			}
		}
		w := elem(tag)
		if r.IntN(2) == 0 {
			setAttr(w, "class", randomName(r))
		}
		if inside {
			moveChildren(n, w)
			n.AppendChild(w)
			continue
		}
		wrap(n, w)
	}
}

// unwrapSome removes plain div/section/span/font wrappers whose removal
// does not join lines: those that hold only blocks, among blocks.
func (p *Page) unwrapSome(r *rand.Rand) int {
	b := body(p.doc)
	if b == nil {
		return 0
	}
	roles := p.roles()
	var cands []*html.Node
	for _, e := range elements(b) {
		switch e.DataAtom {
		case atom.Div, atom.Section, atom.Center, atom.Span, atom.Font:
		default:
			continue
		}
		if !roles[e] && !hides(e) && onlyBlocks(e) && e.Parent != nil && flowParent(e.Parent) && onlyBlocks(e.Parent) {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		return 0
	}
	picked := sample(r, cands, 0.2+0.6*r.Float64())
	for _, e := range picked {
		unwrap(e)
	}
	return len(picked)
}

// onlyBlocks reports whether n's children are blocks, white space and
// comments.
func onlyBlocks(n *html.Node) bool {
	has := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case blank(c):
		case c.Type == html.ElementNode && blockTag(c.DataAtom) && !tableTag(c.DataAtom) || c.DataAtom == atom.Table:
			has = true
		case c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style):
		default:
			return false
		}
	}
	return has
}

// renames are the tag renames, each applied to a random share of the
// elements it fits.
var renames = []struct {
	name string
	fits func(n *html.Node) bool
	do   func(n *html.Node, r *rand.Rand)
}{
	{"div→section", is(atom.Div), func(n *html.Node, _ *rand.Rand) { rename(n, "section") }},
	{"section→div", is(atom.Section), func(n *html.Node, _ *rand.Rand) { rename(n, "div") }},
	{"div→span", func(n *html.Node) bool { return n.DataAtom == atom.Div && !phrasing(n.Parent) }, func(n *html.Node, _ *rand.Rand) {
		rename(n, "span")
		setAttr(n, "style", "display:block")
	}},
	{"span→font", func(n *html.Node) bool { return n.DataAtom == atom.Span && !hasBlock(n) }, func(n *html.Node, _ *rand.Rand) { rename(n, "font") }},
	{"font→span", is(atom.Font), func(n *html.Node, _ *rand.Rand) { rename(n, "span") }},
	{"p→div", is(atom.P), func(n *html.Node, _ *rand.Rand) { rename(n, "div") }},
	{"b↔strong", func(n *html.Node) bool { return n.DataAtom == atom.B || n.DataAtom == atom.Strong }, func(n *html.Node, _ *rand.Rand) {
		rename(n, map[atom.Atom]string{atom.B: "strong", atom.Strong: "b"}[n.DataAtom])
	}},
	{"table→divs", is(atom.Table), func(n *html.Node, _ *rand.Rand) { detable(n) }},
	{"div→cell", func(n *html.Node) bool { return n.DataAtom == atom.Div && flowParent(n.Parent) }, func(n *html.Node, _ *rand.Rand) {
		// n itself becomes the cell: it may be one of the record's nodes.
		tr, tb, t := elem("tr"), elem("tbody"), elem("table")
		rename(n, "td")
		wrap(n, tr)
		wrap(tr, tb)
		wrap(tb, t)
	}},
}

// hasBlock reports whether a block element lies under n.
func hasBlock(n *html.Node) bool {
	for _, e := range elements(n) {
		if e != n && blockTag(e.DataAtom) {
			return true
		}
	}
	return false
}

func is(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

// detable turns a table into divs: the table, each row and each cell
// becomes a div, in reading order.
func detable(t *html.Node) {
	for _, e := range elements(t) {
		if e != t && hasTableAncestorBelow(e, t) {
			continue // a nested table's parts stay
		}
		switch e.DataAtom {
		case atom.Tbody, atom.Thead, atom.Tfoot, atom.Colgroup:
			defer unwrap(e)
		case atom.Col:
			defer e.Parent.RemoveChild(e)
		case atom.Tr, atom.Td, atom.Th, atom.Caption:
			rename(e, "div")
		}
	}
	rename(t, "div")
}

// hasTableAncestorBelow reports whether a table other than t lies between
// e and t.
func hasTableAncestorBelow(e, t *html.Node) bool {
	for a := e.Parent; a != nil && a != t; a = a.Parent {
		if a.DataAtom == atom.Table {
			return true
		}
	}
	return false
}

// tagRename applies one to three renames to a share of the body's elements
// each fits.
func tagRename(p *Page, r *rand.Rand) (string, bool) {
	b := body(p.doc)
	if b == nil {
		return "", false
	}
	var notes []string
	for _, i := range r.Perm(len(renames))[:1+r.IntN(3)] {
		rn := renames[i]
		var fit []*html.Node
		for _, e := range elements(b) {
			if rn.fits(e) {
				fit = append(fit, e)
			}
		}
		if len(fit) == 0 {
			continue
		}
		picked := sample(r, fit, 0.3+0.7*r.Float64())
		for _, e := range picked {
			if e.Parent != nil && rn.fits(e) {
				rn.do(e, r)
			}
		}
		notes = append(notes, fmt.Sprintf("%s ×%d/%d", rn.name, len(picked), len(fit)))
	}
	return strings.Join(notes, ", "), len(notes) > 0
}

// classID obfuscates class and id names (a consistent mapping, applied to
// the page's styles and fragment links too), removes them all, or removes
// a random half.
func classID(p *Page, r *rand.Rand) (string, bool) {
	els := elements(p.doc)
	mode := pick(r, []string{"obfuscate", "obfuscate", "remove", "remove-some"})
	names := map[string]string{}
	fresh := func(old string) string {
		if n, ok := names[old]; ok {
			return n
		}
		n := randomName(r)
		for taken(names, n) {
			n = randomName(r) + randomName(r)
		}
		names[old] = n
		return n
	}
	count := 0
	for _, e := range els {
		for _, key := range []string{"class", "id"} {
			v, ok := getAttr(e, key)
			if !ok {
				continue
			}
			count++
			switch {
			case mode == "remove" || mode == "remove-some" && r.IntN(2) == 0:
				delAttr(e, key)
			case mode == "obfuscate":
				var out []string
				for _, f := range strings.Fields(v) {
					out = append(out, fresh(f))
				}
				setAttr(e, key, strings.Join(out, " "))
			}
		}
	}
	if count == 0 {
		return "", false
	}
	if mode == "obfuscate" {
		renameInStyles(els, names)
	}
	return fmt.Sprintf("%s %d names", mode, count), true
}

func taken(m map[string]string, v string) bool {
	for _, x := range m {
		if x == v {
			return true
		}
	}
	return false
}

var selectorName = regexp.MustCompile(`([.#])([A-Za-z_][-A-Za-z0-9_]*)`)

// renameInStyles applies the name mapping to <style> selectors, fragment
// links and the attributes that point at ids.
func renameInStyles(els []*html.Node, names map[string]string) {
	for _, e := range els {
		switch {
		case e.DataAtom == atom.Style && e.FirstChild != nil:
			e.FirstChild.Data = selectorName.ReplaceAllStringFunc(e.FirstChild.Data, func(s string) string {
				if n, ok := names[s[1:]]; ok {
					return s[:1] + n
				}
				return s
			})
		case e.Type == html.ElementNode:
			for i, a := range e.Attr {
				switch {
				case a.Key == "href" && strings.HasPrefix(a.Val, "#") && names[a.Val[1:]] != "":
					e.Attr[i].Val = "#" + names[a.Val[1:]]
				case a.Key == "for" || a.Key == "aria-labelledby" || a.Key == "aria-describedby":
					if n, ok := names[a.Val]; ok {
						e.Attr[i].Val = n
					}
				}
			}
		}
	}
}
