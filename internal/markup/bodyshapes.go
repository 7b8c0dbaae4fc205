package markup

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reSentence matches the end of a sentence and the space after it.
var reSentence = regexp.MustCompile(`[.!?]["”’)]?\s+|[。！？]`)

// reDateline matches the dateline that opens a wire story: a place and an
// agency ("MOSCOW (AP) —", "LONDON, March 3 (Reuters) -"), a Chinese
// agency's "新华社北京3月5日电", a Japanese agency in brackets ("【共同】").
var reDateline = regexp.MustCompile(`^(?:\p{Lu}[\p{L}.'’ -]{1,30}?(?:,[^()]{1,20})?\s*\([\p{L}. ]{2,20}\)\s*[—–-]+|[\p{Han}\d月日]{2,16}?电|【[^】]{1,10}】)`)

// bodyInline writes the body's paragraphs with the inline markup editors
// and old templates leave: every sentence in a span of its own, the text
// in <font> or a styled <span>, or the wire dateline in <strong>, <b> or a
// span. The text a reader sees stays as it is.
func bodyInline(p *Page, r *rand.Rand) (string, bool) {
	var paras []*html.Node
	seen := map[*html.Node]bool{}
	for _, n := range p.paras {
		if !seen[n] && n.Type == html.ElementNode && n != p.box && n.DataAtom != atom.Body {
			paras = append(paras, n)
		}
		seen[n] = true
	}
	if len(paras) == 0 {
		return "", false
	}
	modes := []string{"sentences", "font", "styled"}
	if first := firstText(p.paras[0]); first != nil && p.opens(first) {
		modes = append(modes, "dateline", "dateline")
	}
	mode := pick(r, modes)
	if mode == "dateline" {
		tag := pick(r, []string{"strong", "b", "span"})
		datelineIn(firstText(p.paras[0]), tag, r)
		return "dateline in <" + tag + ">", true
	}
	count := 0
	for _, n := range sample(r, paras, 0.6) {
		switch mode {
		case "sentences":
			count += sentenceSpans(n, r)
		default:
			if hasBlock(n) {
				continue
			}
			w := elem("font", "face", pick(r, []string{"Arial", "宋体", "Verdana, sans-serif"}), "size", pick(r, []string{"2", "3", "4"}))
			if mode == "styled" {
				w = elem("span", "style", pick(r, []string{"font-size:16px;line-height:1.8", "font-family:Georgia;color:#333333", "font-size: 14pt;"}))
			}
			moveChildren(n, w)
			n.AppendChild(w)
			count++
		}
	}
	if count == 0 {
		return "", false
	}
	return fmt.Sprintf("%s (%d)", mode, count), true
}

// firstText returns the first text node under n with a character.
func firstText(n *html.Node) *html.Node {
	var out *html.Node
	walk(n, func(c *html.Node) bool {
		if out != nil || hidden(c) {
			return false
		}
		if c.Type == html.TextNode && strings.TrimFunc(c.Data, isSpace) != "" {
			out = c
		}
		return out == nil
	})
	return out
}

// opens reports whether text node t opens the body with a dateline.
func (p *Page) opens(t *html.Node) bool {
	m := reDateline.FindString(strings.TrimLeft(t.Data, " \t\r\n\u00a0"))
	paras := p.paragraphs()
	return m != "" && len(paras) > 0 && strings.HasPrefix(paras[0], collapse(m))
}

// datelineIn sets the dateline at the start of text node t in an element
// of its own: the place alone, or the place and the agency.
func datelineIn(t *html.Node, tag string, r *rand.Rand) {
	lead := t.Data[:len(t.Data)-len(strings.TrimLeft(t.Data, " \t\r\n\u00a0"))]
	rest := t.Data[len(lead):]
	m := reDateline.FindString(rest)
	if i := strings.IndexAny(m, ",("); i > 0 && r.IntN(2) == 0 {
		m = strings.TrimRight(m[:i], " ") // the place alone
	} else if r.IntN(2) == 0 {
		m = strings.TrimRight(m, "—–- ") // without the dash
	}
	if m == "" {
		return
	}
	e := elem(tag)
	if tag == "span" {
		setAttr(e, "class", randomName(r))
	}
	e.AppendChild(text(m))
	t.Parent.InsertBefore(text(lead), t)
	t.Parent.InsertBefore(e, t)
	t.Data = rest[len(m):]
}

// sentenceSpans puts each sentence of the text children of n in a span of
// its own and returns how many it made.
func sentenceSpans(n *html.Node, r *rand.Rand) int {
	count := 0
	for _, c := range children(n) {
		if c.Type != html.TextNode {
			continue
		}
		ends := reSentence.FindAllStringIndex(c.Data, -1)
		if len(ends) == 0 {
			continue
		}
		var parts []string
		last := 0
		for _, e := range ends {
			parts = append(parts, c.Data[last:e[1]])
			last = e[1]
		}
		if last < len(c.Data) {
			parts = append(parts, c.Data[last:])
		}
		spaceInside := r.IntN(2) == 0
		for _, s := range parts {
			body, space := s, ""
			if !spaceInside {
				body = strings.TrimRight(s, " \t\r\n")
				space = s[len(body):]
			}
			if strings.TrimFunc(body, isSpace) == "" {
				n.InsertBefore(text(s), c)
				continue
			}
			sp := elem("span")
			sp.AppendChild(text(body))
			n.InsertBefore(sp, c)
			if space != "" {
				n.InsertBefore(text(space), c)
			}
			count++
		}
		n.RemoveChild(c)
	}
	return count
}

// pageWords are the labels of an article's page links, by language:
// previous, next, and "page 1 of 3". Written for this generator.
var pageWords = map[string][3]string{
	"en": {"‹ Previous", "Next ›", "Page 1 of 3"}, "zh": {"上一页", "下一页", "共3页"}, "ja": {"前へ", "次へ", "1/3ページ"},
	"ko": {"이전", "다음", "1/3 페이지"}, "de": {"« Zurück", "Weiter »", "Seite 1 von 3"},
	"fr": {"Précédent", "Suivant", "Page 1 sur 3"}, "es": {"Anterior", "Siguiente", "Página 1 de 3"},
	"pt": {"Anterior", "Próxima", "Página 1 de 3"}, "it": {"Precedente", "Successiva", "Pagina 1 di 3"},
	"ru": {"Назад", "Далее", "Страница 1 из 3"},
}

// pageURL returns the address of page k of the article, as paginated
// portals write it ("…/60d5b27e_2.html", "…?page=2").
func (p *Page) pageURL(k int, style int) string {
	u := *p.url
	if style == 0 && strings.HasSuffix(u.Path, ".html") {
		u.Path = strings.TrimSuffix(u.Path, ".html") + fmt.Sprintf("_%d.html", k)
	} else {
		u.RawQuery = fmt.Sprintf("page=%d", k)
	}
	return u.String()
}

// articlePages ends the body with the links to the other pages of the
// article ("‹ Previous 1 2 3 Next ›", "Page 1 of 3"), in a div, a
// paragraph or a navigation list: neither body text nor a block.
func articlePages(p *Page, r *rand.Rand) (string, bool) {
	if p.box == nil || len(p.paras) == 0 {
		return "", false
	}
	lang := pick(r, []string{p.pageLang(), p.pageLang(), pick(r, Languages)})
	w := pageWords[lang]
	style := r.IntN(2)
	form := pick(r, []string{"div", "p", "ul", "nav"})
	box := elem(map[string]string{"div": "div", "p": "p", "ul": "ul", "nav": "nav"}[form], "class", pick(r, []string{"pages", "pagination", randomName(r)}))
	list := box
	if form == "nav" {
		list = elem("ul")
		setAttr(box, "aria-label", "pagination")
		box.AppendChild(list)
	}
	item := func(n *html.Node) {
		if list.DataAtom == atom.Ul {
			li := elem("li")
			li.AppendChild(n)
			n = li
		} else if list.FirstChild != nil {
			list.AppendChild(text(" "))
		}
		list.AppendChild(n)
	}
	link := func(label string, k int) *html.Node {
		a := elem("a", "href", p.pageURL(k, style))
		a.AppendChild(text(label))
		return a
	}
	if r.IntN(2) == 0 {
		s := elem("span")
		s.AppendChild(text(w[2]))
		item(s)
	}
	if r.IntN(2) == 0 {
		s := elem("span", "class", "disabled")
		s.AppendChild(text(w[0]))
		item(s)
	}
	cur := elem(pick(r, []string{"span", "strong", "b"}), "class", "current")
	cur.AppendChild(text("1"))
	item(cur)
	item(link("2", 2))
	item(link("3", 3))
	item(link(w[1], 2))
	at := childToward(p.box, p.paras[len(p.paras)-1])
	inside := at != nil && flowParent(p.box)
	outside := p.box.DataAtom != atom.Body && p.box.Parent != nil && flowParent(p.box.Parent)
	where := "after the last paragraph"
	switch {
	case outside && (!inside || r.IntN(3) == 0):
		p.box.Parent.InsertBefore(box, p.box.NextSibling)
		where = "after the body's container"
	case inside:
		p.box.InsertBefore(box, at.NextSibling)
	default:
		return "", false
	}
	return fmt.Sprintf("%s %s, %s", form, lang, where), true
}

// dateLine returns the element that holds the visible date line (its date
// label, else a date of the record's moment in ISO form), nil when none.
func (p *Page) dateLine() *html.Node {
	var t *html.Node
	for _, l := range p.labels {
		if l.concept == "date" && t == nil {
			t = l.node
		}
	}
	if b := body(p.doc); t == nil && b != nil && len(p.rec.Published) >= 16 {
		walk(b, func(n *html.Node) bool {
			if t != nil || hidden(n) || n.Type == html.ElementNode && n.DataAtom == atom.A {
				return false
			}
			if m := reISODate.FindStringSubmatch(n.Data); n.Type == html.TextNode && m != nil && sameMoment(m, p.rec.Published) {
				t = n
			}
			return true
		})
	}
	if t == nil || t.Parent == nil {
		return nil
	}
	return p.outermost(t.Parent)
}

// outermost returns the highest ancestor of n (n included) that holds n's
// text alone and none of the record's nodes but labels: what moves with n.
// It returns nil when n itself holds such a node, or is the body's
// container or a table part.
func (p *Page) outermost(n *html.Node) *html.Node {
	other := p.roles()
	for _, l := range p.labels {
		delete(other, l.node)
	}
	ok := func(e *html.Node) bool {
		return e != nil && e.Type == html.ElementNode && e != p.box && e.DataAtom != atom.Body && !tableTag(e.DataAtom) &&
			!holdsAny(e, other) && !within(p.box, e)
	}
	if !ok(n) {
		return nil
	}
	for ok(n.Parent) && visibleText(n.Parent) == visibleText(n) {
		n = n.Parent
	}
	return n
}

// metaOrder moves the date line below the body or the reaction counter
// above it (or both), as portals of one family order them differently:
// after the container of the body, or inside it past its last paragraph
// or before its first. The record stays as it was.
func metaOrder(p *Page, r *rand.Rand) (string, bool) {
	if p.box == nil || len(p.paras) == 0 || p.box.DataAtom == atom.Body {
		return "", false
	}
	date := p.dateLine()
	var counter *html.Node
	if cs := p.counters(); len(cs) > 0 {
		counter = p.outermost(cs[0])
	}
	var notes []string
	if date != nil && (counter == nil || r.IntN(3) > 0) {
		if w := p.moveBeside(date, false, r); w != "" {
			notes = append(notes, "date line "+w)
		}
	}
	if counter != nil && (len(notes) == 0 || r.IntN(2) == 0) {
		if w := p.moveBeside(counter, true, r); w != "" {
			notes = append(notes, "counter "+w)
		}
	}
	if len(notes) == 0 {
		return "", false
	}
	return strings.Join(notes, ", "), true
}

// moveBeside moves n before (or after) the body: inside the body's
// container next to the first (last) paragraph, or beside the container.
// An inline element gets a div of its own. It returns where n went, ""
// when it could not move.
func (p *Page) moveBeside(n *html.Node, before bool, r *rand.Rand) string {
	para := p.paras[len(p.paras)-1]
	if before {
		para = p.paras[0]
	}
	at := childToward(p.box, para)
	inside := at != nil && flowParent(p.box)
	outside := p.box.Parent != nil && flowParent(p.box.Parent)
	if !inside && !outside {
		return ""
	}
	n.Parent.RemoveChild(n)
	if !blockTag(n.DataAtom) {
		d := elem("div", "class", randomName(r))
		d.AppendChild(n)
		n = d
	}
	where := map[bool]string{true: "before", false: "after"}[before]
	if outside && (!inside || r.IntN(2) == 0) {
		at = p.box
		if !before {
			at = at.NextSibling
		}
		p.box.Parent.InsertBefore(n, at)
		return where + " the body's container"
	}
	if !before {
		at = at.NextSibling
	}
	p.box.InsertBefore(n, at)
	return where + " the body, inside its container"
}
