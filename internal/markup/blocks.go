package markup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// items returns the common ancestor of b's links and, for each link, its
// item: the highest ancestor below that holds no other link of the block.
func (b *block) items() (*html.Node, []*html.Node) {
	if len(b.anchors) == 0 {
		return nil, nil
	}
	l := lca(b.anchors)
	if len(b.anchors) == 1 {
		l = l.Parent
	}
	var items []*html.Node
	for _, a := range b.anchors {
		it := a
		for it.Parent != l && !holdsOther(it.Parent, b.anchors, a) {
			it = it.Parent
		}
		items = append(items, it)
	}
	return l, items
}

func holdsOther(n *html.Node, anchors []*html.Node, a *html.Node) bool {
	for _, o := range anchors {
		if o != a && within(o, n) {
			return true
		}
	}
	return false
}

// listFlatten turns a block's list into sibling divs, into links separated
// by <br>, or into loose divs in the list's place.
func listFlatten(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		l, items := b.items()
		if l != nil && (l.DataAtom == atom.Ul || l.DataAtom == atom.Ol) && !slices.ContainsFunc(items, func(it *html.Node) bool {
			return it.DataAtom != atom.Li || it.Parent != l
		}) {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	l, items := b.items()
	if l.DataAtom == atom.Ol {
		numberItems(items)
	}
	mode := pick(r, []string{"divs", "br", "loose", "rows", "grid"})
	if mode != "divs" && mode != "br" && !flowParent(l.Parent) {
		mode = "divs"
	}
	if mode == "rows" || mode == "grid" {
		cols := 1
		if mode == "grid" {
			cols = 2 + r.IntN(3)
		}
		tabulate(l, cols)
		return fmt.Sprintf("block %d %q: %s of %d", b.idx, b.want, mode, cols), true
	}
	for i, it := range items {
		switch mode {
		case "br":
			if i > 0 {
				l.InsertBefore(elem("br"), it)
			}
			unwrap(it)
		default:
			rename(it, "div")
		}
	}
	for _, c := range children(l) {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			rename(c, "div") // a stray item that was not a link
		}
	}
	rename(l, "div")
	if mode == "loose" {
		unwrap(l)
	}
	return fmt.Sprintf("block %d %q: %s", b.idx, b.want, mode), true
}

// tabulate replaces list l by a table of cols cells a row, one item a
// cell, in reading order.
func tabulate(l *html.Node, cols int) {
	t, tb := elem("table"), elem("tbody")
	t.AppendChild(tb)
	var tr *html.Node
	k := 0
	for _, c := range children(l) {
		if blank(c) {
			continue
		}
		if k%cols == 0 {
			tr = elem("tr")
			tb.AppendChild(tr)
		}
		k++
		td := elem("td")
		tr.AppendChild(td)
		l.RemoveChild(c)
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			moveChildren(c, td)
		} else {
			td.AppendChild(c)
		}
	}
	l.Parent.InsertBefore(t, l)
	l.Parent.RemoveChild(l)
}

// numberItems writes the numbers an <ol> showed into its items, unless the
// items show their own.
func numberItems(items []*html.Node) {
	for _, it := range items {
		if t := visibleText(it); t != "" && unicode.IsDigit([]rune(t)[0]) {
			return
		}
	}
	for i, it := range items {
		it.InsertBefore(text(fmt.Sprintf("%d. ", i+1)), it.FirstChild)
	}
}

// listWrap puts a block's items that are not list items (sibling divs,
// table rows or cells, bare links) into a <ul> or <ol> of <li>s.
func listWrap(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		if l, items := b.items(); l != nil && !phrasing(l) && wrappable(l, items) {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	l, items := b.items()
	list := elem("ul")
	if p.rec.Blocks[b.idx].Kind == "ranking" && r.IntN(2) == 0 {
		list = elem("ol", "style", "list-style:none")
	}
	if t := enclosingTable(l); t != nil {
		t.Parent.InsertBefore(list, t)
		t.Parent.RemoveChild(t)
	} else {
		l.InsertBefore(list, items[0])
		for _, c := range children(l) {
			if between(c, items[0], items[len(items)-1]) && !slices.Contains(items, c) {
				l.RemoveChild(c) // separators between the items
			}
		}
	}
	for _, it := range items {
		li := elem("li")
		list.AppendChild(li)
		intoItem(it, li)
	}
	return fmt.Sprintf("block %d %q: %d items into <%s>", b.idx, b.want, len(items), list.Data), true
}

// wrappable reports whether a block's items can become list items: they are
// not list items already, and nothing but white space and separators lies
// between them (in a table: nothing else is in the table).
func wrappable(l *html.Node, items []*html.Node) bool {
	if slices.ContainsFunc(items, func(it *html.Node) bool { return it.DataAtom == atom.Li }) {
		return false
	}
	if t := enclosingTable(l); t != nil {
		var b strings.Builder
		for _, it := range items {
			b.WriteString(visibleText(it) + " ")
		}
		return collapse(b.String()) == visibleText(t) && flowParent(t.Parent)
	}
	if !flowParent(l) {
		return false
	}
	for _, c := range children(l) {
		if between(c, items[0], items[len(items)-1]) && !slices.Contains(items, c) && !separator(c) {
			return false
		}
	}
	return true
}

// enclosingTable returns the table l is a part of (l itself when it is a
// table), nil when l is not a table part.
func enclosingTable(l *html.Node) *html.Node {
	switch l.DataAtom {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
	default:
		return nil
	}
	for ; l != nil; l = l.Parent {
		if l.DataAtom == atom.Table {
			return l
		}
	}
	return nil
}

// between reports whether sibling c lies strictly between first and last.
func between(c, first, last *html.Node) bool {
	if c == first || c == last {
		return false
	}
	seen := false
	for s := first; s != nil; s = s.NextSibling {
		if s == c {
			seen = true
		}
		if s == last {
			return seen
		}
	}
	return false
}

// separator reports whether n is white space, a <br> or text of
// punctuation only ("|", "·").
func separator(n *html.Node) bool {
	if blank(n) || n.Type == html.ElementNode && n.DataAtom == atom.Br {
		return true
	}
	return n.Type == html.TextNode && strings.IndexFunc(n.Data, func(r rune) bool {
		return !isSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
	}) < 0
}

// intoItem moves item it into li: table cells give their content, rows
// their cells as spans.
func intoItem(it, li *html.Node) {
	switch it.DataAtom {
	case atom.Td, atom.Th:
		moveChildren(it, li)
		if it.Parent != nil {
			it.Parent.RemoveChild(it)
		}
	case atom.Tr:
		for _, c := range children(it) {
			it.RemoveChild(c)
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				rename(c, "span")
				li.AppendChild(c)
				li.AppendChild(text(" "))
			}
		}
		if it.Parent != nil {
			it.Parent.RemoveChild(it)
		}
	default:
		if it.Parent != nil {
			it.Parent.RemoveChild(it)
		}
		li.AppendChild(it)
	}
}

// foreign returns the record's nodes that are not b's.
func (p *Page) foreign(b *block) map[*html.Node]bool {
	m := p.roles()
	if b.heading != nil {
		delete(m, b.heading)
	}
	for _, a := range b.anchors {
		delete(m, a)
	}
	return m
}

func holdsAny(n *html.Node, set map[*html.Node]bool) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		found = found || set[c]
		return !found
	})
	return found
}

// unit returns the nodes that make up b on the page, its heading and its
// items with what lies between, as a run of siblings holding nothing else
// of the record: an ancestor picked at random among those that qualify, or
// the run of children of the lowest one.
func (p *Page) unit(b *block, r *rand.Rand) []*html.Node {
	nodes := slices.Clone(b.anchors)
	if b.heading != nil {
		nodes = append(nodes, b.heading)
	}
	l := lca(nodes)
	if l == nil || l.Type != html.ElementNode {
		return nil
	}
	other := p.foreign(b)
	if !holdsAny(l, other) {
		chain := []*html.Node{l}
		for a := l.Parent; a != nil && a.DataAtom != atom.Body && !holdsAny(a, other); a = a.Parent {
			chain = append(chain, a)
		}
		return []*html.Node{pick(r, chain)}
	}
	pos := order(p.doc)
	slices.SortFunc(nodes, func(x, y *html.Node) int { return pos[x] - pos[y] })
	first, last := childToward(l, nodes[0]), childToward(l, nodes[len(nodes)-1])
	var run []*html.Node
	for c := first; c != nil; c = c.NextSibling {
		if holdsAny(c, other) {
			return nil
		}
		run = append(run, c)
		if c == last {
			break
		}
	}
	return run
}

// portable detaches the run and returns it as one node that can stand in
// any block context: table parts get a table around them, list items a list.
func portable(run []*html.Node) *html.Node {
	var outer, inner *html.Node
	switch run[0].DataAtom {
	case atom.Td, atom.Th:
		outer, inner = elem("table"), elem("tr")
		tb := elem("tbody")
		outer.AppendChild(tb)
		tb.AppendChild(inner)
	case atom.Tr:
		outer, inner = elem("table"), elem("tbody")
		outer.AppendChild(inner)
	case atom.Tbody, atom.Thead, atom.Tfoot:
		outer = elem("table")
	case atom.Li:
		outer = elem("ul")
	case atom.Dt, atom.Dd:
		outer = elem("dl")
	default:
		if len(run) == 1 {
			run[0].Parent.RemoveChild(run[0])
			return run[0]
		}
		outer = elem("div")
	}
	if inner == nil {
		inner = outer
	}
	for _, n := range run {
		n.Parent.RemoveChild(n)
		if n.DataAtom == atom.Caption {
			rename(n, "div")
		}
		inner.AppendChild(n)
	}
	return outer
}

// blockMove moves one block before, after or inside the body's container.
func blockMove(p *Page, r *rand.Rand) (string, bool) {
	if p.box == nil || len(p.blocks) == 0 {
		return "", false
	}
	b := pick(r, p.blocks)
	run := p.unit(b, r)
	if run == nil {
		return "", false
	}
	where := pick(r, []string{"before", "after", "inside-start", "inside-end", "inside-middle"})
	if p.box.DataAtom == atom.Body && (where == "before" || where == "after") {
		where = "inside-end"
	}
	n := portable(run)
	switch where {
	case "before", "after":
		ref := p.box
		for ref.Parent != nil && ref.Parent.DataAtom != atom.Body && !flowParent(ref.Parent) {
			ref = ref.Parent
		}
		parent := ref.Parent
		if where == "after" {
			ref = ref.NextSibling
		}
		parent.InsertBefore(n, ref)
	case "inside-start":
		p.box.InsertBefore(n, p.box.FirstChild)
	case "inside-end":
		p.box.AppendChild(n)
	case "inside-middle":
		var gaps []*html.Node
		for i := 1; i < len(p.paras); i++ {
			c, prev := childToward(p.box, p.paras[i]), childToward(p.box, p.paras[i-1])
			if c != nil && c != prev {
				gaps = append(gaps, c)
			}
		}
		if len(gaps) == 0 {
			p.box.AppendChild(n)
			where = "inside-end"
			break
		}
		p.box.InsertBefore(n, pick(r, gaps))
	}
	return fmt.Sprintf("block %d %q (<%s>×%d) %s", b.idx, b.want, run[0].Data, len(run), where), true
}
