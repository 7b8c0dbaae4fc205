package markup

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropHeading removes a block's heading element and the wrappers it leaves
// empty.
func dropHeading(h *html.Node) {
	for h.Parent != nil && h.Parent.DataAtom != atom.Body {
		parent := h.Parent
		parent.RemoveChild(h)
		if len(elements(parent)) > 1 || visibleText(parent) != "" || holder(parent) || tableTag(parent.DataAtom) {
			return
		}
		h = parent
	}
}

// headingInside puts a block's heading where portals put it other than
// before the list: as the list's first item (a plain <li>, an <li> with a
// heading element, a table's heading row), as the <caption> of a table,
// the <legend> of a fieldset, the <summary> of an open <details> or the
// <figcaption> of a figure around the list; or only in the aria-label of
// the list's container, where no reader sees it: the block then has no
// heading.
func headingInside(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		if l, _ := b.items(); b.heading != nil && l != nil && !within(b.heading, l) && !within(l, b.heading) {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	l, _ := b.items()
	t := enclosingTable(l)
	modes := []string{"aria-label"}
	switch {
	case l.DataAtom == atom.Ul || l.DataAtom == atom.Ol:
		modes = append(modes, "first-li", "li>h2")
	case t != nil:
		modes = append(modes, "caption", "th-row")
		l = t
	}
	if flowParent(l.Parent) {
		modes = append(modes, "legend", "summary", "figcaption")
	}
	mode := pick(r, modes)
	h := visibleText(b.heading)
	dropHeading(b.heading)
	holder := elem(map[string]string{"first-li": "li", "li>h2": "h2", "caption": "caption", "th-row": "th",
		"legend": "legend", "summary": "summary", "figcaption": "figcaption"}[mode])
	holder.AppendChild(text(h))
	switch mode {
	case "aria-label":
		if flowParent(l.Parent) && r.IntN(2) == 0 {
			wrap(l, elem("section"))
			l = l.Parent
		}
		setAttr(l, "aria-label", h)
		holder, b.want = nil, ""
	case "first-li", "li>h2":
		li := holder
		if mode == "li>h2" {
			li = elem("li", "class", randomName(r))
			li.AppendChild(holder)
		}
		l.InsertBefore(li, l.FirstChild)
	case "caption":
		t.InsertBefore(holder, t.FirstChild)
	case "th-row":
		tr, head := elem("tr"), elem("thead")
		setAttr(holder, "colspan", "3")
		tr.AppendChild(holder)
		head.AppendChild(tr)
		t.InsertBefore(head, t.FirstChild)
	default:
		box := elem(map[string]string{"legend": "fieldset", "summary": "details", "figcaption": "figure"}[mode])
		if mode == "summary" {
			setAttr(box, "open", "")
		}
		wrap(l, box)
		box.InsertBefore(holder, l)
	}
	b.heading = holder
	return fmt.Sprintf("block %d %q: %s", b.idx, h, mode), true
}

// hides reports an element that keeps what it holds from a reader (the
// hidden copies of hiddenCopies): it is no plain wrapper.
func hides(e *html.Node) bool {
	_, h := getAttr(e, "hidden")
	_, ah := getAttr(e, "aria-hidden")
	style, _ := getAttr(e, "style")
	return h || ah || strings.Contains(strings.ToLower(strings.ReplaceAll(style, " ", "")), "display:none")
}

// hiddenCopies puts a copy of a block (its heading and items) next to it
// where no reader sees it, as portals ship one block for two layouts or
// for scripts: in a <template>, in a <noscript>, in an element with the
// hidden attribute or display:none, or as a carousel's aria-hidden clone.
// The record has the visible block once.
func hiddenCopies(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		if run := p.unit(b, r); run != nil && !tableTag(run[0].DataAtom) && flowParent(run[0].Parent) {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	run := p.unit(b, r)
	if run == nil || tableTag(run[0].DataAtom) || !flowParent(run[0].Parent) {
		return "", false
	}
	inner := elem("div", "class", randomName(r))
	for _, n := range run {
		inner.AppendChild(cloneTree(n, map[*html.Node]*html.Node{}))
	}
	mode := pick(r, []string{"template", "noscript", "hidden", "display:none", "aria-hidden"})
	var box *html.Node
	switch mode {
	case "template":
		box = elem("template", "id", randomName(r))
		box.AppendChild(inner)
	case "noscript":
		// Read as text by a parser that runs scripts: its markup is text.
		var buf bytes.Buffer
		if err := html.Render(&buf, inner); err != nil {
			return "", false
		}
		box = elem("noscript")
		box.AppendChild(text(buf.String()))
	case "hidden":
		box = inner
		setAttr(box, "hidden", "")
	case "display:none":
		box = inner
		setAttr(box, "style", pick(r, []string{"display:none", "display: none;", "DISPLAY:none"}))
	case "aria-hidden":
		box = inner
		// A carousel's clone, set off the screen.
		setAttr(box, "aria-hidden", "true")
		setAttr(box, "style", "position:absolute;left:-9999px")
	}
	where := "before"
	at := run[0]
	if r.IntN(2) == 0 {
		where, at = "after", run[len(run)-1].NextSibling
	}
	run[0].Parent.InsertBefore(box, at)
	return fmt.Sprintf("block %d %q: copy in %s %s it", b.idx, b.want, mode, where), true
}
