package markup

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// itemExtras gives every item of one block the same extra beside its
// headline link, as lists show them: a thumbnail linked to the story, a
// date or time, a rank number or a comment count. The headline link, its
// text and its target stay as they are.
func itemExtras(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		if len(b.anchors) >= 2 {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	_, items := b.items()
	kind := pick(r, []string{"thumbnail", "date", "time", "rank", "comments"})
	forms := map[string][]string{
		"date":     {"2025-04-1%d", "1%d.04.2025", "Apr 1%d, 2025", "4月1%d日", "1%d/04", "1%d апреля"},
		"time":     {"%dh ago", "%d hours ago", "vor %d Std.", "%d時間前", "%d小时前", "il y a %d h", "hace %d h", "%d시간 전"},
		"rank":     {"%d", "%d.", "No.%d", "%d位"},
		"comments": {"(%d)", "%d comments", "%d Kommentare", "评论 %d", "%d件", "%d commenti"},
	}
	form := ""
	if kind != "thumbnail" {
		form = pick(r, forms[kind])
	}
	for i, it := range items {
		a := b.anchors[i]
		var extra *html.Node
		switch kind {
		case "thumbnail":
			href, _ := getAttr(a, "href")
			extra = elem("a", "href", href)
			extra.AppendChild(elem("img", "src", fmt.Sprintf("/thumbs/%s-%d.jpg", randomName(r), i), "width", "120", "height", "80", "alt", ""))
		default:
			extra = elem(pick(r, []string{"span", "em", "small", "span"}), "class", randomName(r))
			extra.AppendChild(text(fmt.Sprintf(form, i+1)))
		}
		placeExtra(it, a, extra, kind == "thumbnail" || kind == "rank")
	}
	return fmt.Sprintf("block %d %q: %s %q", b.idx, b.want, kind, form), true
}

// placeExtra puts extra beside the link a of item it: before or after it,
// inside the item, or beside the item when the item is the link (a row of
// a table gets a cell of its own).
func placeExtra(it, a, extra *html.Node, before bool) {
	switch {
	case it.DataAtom == atom.Tr:
		td := elem("td")
		td.AppendChild(extra)
		if before {
			it.InsertBefore(td, it.FirstChild)
		} else {
			it.AppendChild(td)
		}
	case it == a || phrasing(it) && it.Parent != nil && !phrasing(it.Parent) && it.Parent.DataAtom != atom.Tr:
		// Beside the item in its parent ("<a>…</a> <span>2h ago</span><br>").
		if before {
			it.Parent.InsertBefore(extra, it)
			it.Parent.InsertBefore(text(" "), it)
		} else {
			it.Parent.InsertBefore(text(" "), it.NextSibling)
			it.Parent.InsertBefore(extra, it.NextSibling.NextSibling)
		}
	case before:
		it.InsertBefore(text(" "), it.FirstChild)
		it.InsertBefore(extra, it.FirstChild)
	default:
		it.AppendChild(text(" "))
		it.AppendChild(extra)
	}
}

// moreLabels are the texts of a link to the rest of a list, by language.
var moreLabels = []string{"More »", "See all", "更多>>", "查看更多", "もっと見る", "一覧へ", "더보기", "Mehr", "Alle anzeigen",
	"Voir plus", "Ver más", "Ver mais", "Altro", "Vedi tutti", "Ещё", "Все новости"}

// moreLink ends one block with a link to the rest of its list ("More »"),
// in the list or right after it.
func moreLink(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		if l, _ := b.items(); l != nil && len(b.anchors) >= 2 {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	l, items := b.items()
	label := pick(r, moreLabels)
	a := elem("a", "href", "/"+randomName(r)+"/")
	a.AppendChild(text(label))
	last := items[len(items)-1]
	var n *html.Node
	switch last.DataAtom {
	case atom.Li:
		n = elem("li", "class", randomName(r))
	case atom.Tr:
		n = elem("tr")
		td := elem("td")
		n.AppendChild(td)
		td.AppendChild(a)
		l.InsertBefore(n, last.NextSibling)
		return fmt.Sprintf("block %d %q: %q row", b.idx, b.want, label), true
	case atom.Td, atom.Th:
		// A cell of its own in the last item's row.
		td := elem(last.Data)
		td.AppendChild(a)
		last.Parent.InsertBefore(td, last.NextSibling)
		return fmt.Sprintf("block %d %q: %q cell", b.idx, b.want, label), true
	default:
		if phrasing(last) || phrasing(l) {
			// Items of links in a line: the link joins them, after a <br>.
			l.InsertBefore(elem("br"), last.NextSibling)
			l.InsertBefore(a, last.NextSibling.NextSibling)
			return fmt.Sprintf("block %d %q: %q after a <br>", b.idx, b.want, label), true
		}
		n = elem(pick(r, []string{"div", "p"}), "class", randomName(r))
	}
	where := "in the list"
	if (l.DataAtom == atom.Ul || l.DataAtom == atom.Ol) && flowParent(l.Parent) && r.IntN(2) == 0 {
		n = elem("div", "class", randomName(r))
		n.AppendChild(a)
		l.Parent.InsertBefore(n, l.NextSibling)
		where = "after the list"
	} else {
		n.AppendChild(a)
		l.InsertBefore(n, last.NextSibling)
	}
	return fmt.Sprintf("block %d %q: %q %s", b.idx, b.want, label, where), true
}

// headingApart wraps a block's heading and its list each in wrappers of
// their own: the heading sits in another parent than the items.
func headingApart(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		if l, _ := b.items(); b.heading != nil && l != nil && !within(b.heading, l) && l.Parent != nil && !tableTag(l.DataAtom) {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	l, _ := b.items()
	dh, dl := 1+r.IntN(3), 1+r.IntN(3)
	wrapDeep(b.heading, dh, r)
	wrapDeep(l, dl, r)
	return fmt.Sprintf("block %d %q: heading in %d, list in %d", b.idx, b.want, dh, dl), true
}

// reReactionText matches a reaction counter as the pages print it: a label
// and a count in brackets ("veryGood! (46151)").
var reReactionText = regexp.MustCompile(`^(\p{L}[\p{L}\p{N} ']*[!！]?)\s*[(（]\s*([0-9][0-9,.]*)\s*[)）]$`)

// counters returns the deepest elements that hold a reaction counter of
// the record, in page order.
func (p *Page) counters() []*html.Node {
	var found []*html.Node
	b := body(p.doc)
	if b == nil || len(p.rec.Reactions) == 0 {
		return nil
	}
	walk(b, func(n *html.Node) bool {
		if n.Type != html.ElementNode || hidden(n) {
			return false
		}
		m := reReactionText.FindStringSubmatch(visibleText(n))
		if m == nil {
			return true
		}
		label := strings.TrimRight(m[1], "!！ ")
		v, err := strconv.Atoi(strings.NewReplacer(",", "", ".", "").Replace(m[2]))
		if want, ok := p.rec.Reactions[label]; !ok || err != nil || v != want {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && visibleText(c) == visibleText(n) {
				return true // the deepest element holding the counter
			}
		}
		found = append(found, n)
		return false
	})
	return found
}

// reactionShapes sets the reaction counters of the record in another
// markup: label and count in spans of their own, the count first, label
// and count in boxes of their own, or the counter a <button>.
func reactionShapes(p *Page, r *rand.Rand) (string, bool) {
	found := p.counters()
	if len(found) == 0 {
		return "", false
	}
	mode := pick(r, []string{"spans", "count-first", "boxes", "button"})
	for _, n := range found {
		m := reReactionText.FindStringSubmatch(visibleText(n))
		label, count := m[1], m[2]
		for _, c := range children(n) {
			if c.Type == html.TextNode || c.Type == html.ElementNode && c.DataAtom != atom.Img {
				n.RemoveChild(c)
			}
		}
		part := func(tag, s string) *html.Node {
			e := elem(tag, "class", randomName(r))
			e.AppendChild(text(s))
			return e
		}
		switch mode {
		case "spans":
			n.AppendChild(part("span", label))
			n.AppendChild(text(" "))
			n.AppendChild(part("span", "("+count+")"))
		case "count-first":
			n.AppendChild(part("span", "("+count+")"))
			n.AppendChild(text(" " + label))
		case "boxes":
			tag := "div"
			if phrasing(n) {
				tag = "span" // set as boxes by their style
			}
			l, c := part(tag, label), part(tag, "("+count+")")
			setAttr(l, "style", "display:block")
			setAttr(c, "style", "display:block")
			n.AppendChild(l)
			n.AppendChild(c)
		case "button":
			n.AppendChild(text(label + " (" + count + ")"))
			if n.DataAtom == atom.A {
				rename(n, "button")
				delAttr(n, "href")
				setAttr(n, "type", "button")
			} else {
				btn := elem("button", "type", "button")
				moveChildren(n, btn)
				n.AppendChild(btn)
			}
		}
	}
	return fmt.Sprintf("%d counter(s): %s", len(found), mode), true
}
