package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Heading vocabularies of the block kinds, in several languages, matched as
// substrings of a block's lower-cased heading; a list whose heading matches
// none is classed by its class and id names, else "more". Substring lists
// rather than expressions: they run on every short block of every page.
var (
	kindRelated = []string{
		"related", "relacionad*", "see also", "also read", "read also", "read more",
		"more on this", "more about", "more like this", "further reading", "keep reading", "相关",
		"相關", "関連", "관련", "verwandt*", "ähnlich*", "mehr zum thema", "auch interessant",
		"weitere artikel", "lee también", "ver también", "más noticias", "à lire aussi",
		"lire aussi", "sur le même sujet", "articles liés", "dans la même rubrique", "leggi anche",
		"correlat*", "похож*", "читайте также", "по теме", "ilgili*", "veja também", "leia também",
		"read these next", "read next", "up next",
	}
	kindRanking = []string{
		"ranking*", "rankings", "most read", "most popular", "most-popular", "most viewed",
		"most shared", "most commented", "most emailed", "popular", "trending", "hot", "top stories",
		"top news", "meistgelesen*", "meist gelesen*", "am meisten", "beliebt*", "más leíd*", "lo más",
		"más visto*", "plus lus", "plus populaires", "les plus", "più lett*", "mais lidas",
		"mais vistas", "популярн*", "самое читаемое", "排行", "排名", "热门", "熱門", "热点", "热榜",
		"点击", "ランキング", "人気", "アクセス", "많이 본", "인기", "랭킹",
	}
	kindRecommend = []string{
		"recommend*", "recomend*", "você pode gostar", "you may also like", "you might also like",
		"you may like", "might like", "may also like", "suggested", "sponsored", "promoted",
		"partner content", "from our partners", "around the web", "editor pick", "editors pick",
		"editor's pick", "editor’s pick", "editors' pick", "picked for you", "for you", "empfehl*",
		"könnte sie", "interessiert", "te puede interesar", "no te pierdas", "nous vous recommandons",
		"à ne pas manquer", "consigliat*", "potrebbe interessarti", "рекоменд*", "推荐", "推薦",
		"おすすめ", "オススメ", "お勧め", "추천", "猜你喜欢", "精选", "精選",
	}
)

// headingKind returns the block kind a heading names, "" when none.
func headingKind(heading string) string {
	h := strings.ToLower(heading)
	switch {
	case h == "":
		return ""
	case hasPhrase(h, kindRelated):
		return KindRelated
	case hasPhrase(h, kindRanking):
		return KindRanking
	case hasPhrase(h, kindRecommend):
		return KindRecommendation
	}
	return ""
}

// hasPhrase reports whether s holds one of the phrases as whole words: a
// phrase must start a word and, unless it ends with "*" (a stem such as
// "recommend*"), end one; "rank" is not in "Frank", "for you" not in "for
// your". Scripts written without spaces (CJK) match anywhere.
func hasPhrase(s string, phrases []string) bool {
	for _, p := range phrases {
		stem := strings.HasSuffix(p, "*")
		p = strings.TrimSuffix(p, "*")
		for off := 0; off < len(s); {
			i := strings.Index(s[off:], p)
			if i < 0 {
				break
			}
			i += off
			off = i + 1
			first, _ := utf8.DecodeRuneInString(p)
			if cjkRune(first) {
				return true
			}
			if i > 0 {
				if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			if j := i + len(p); !stem && j < len(s) {
				if r, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			return true
		}
	}
	return false
}

func blockKind(heading, class string) string {
	if k := headingKind(heading); k != "" {
		return k
	}
	c := strings.ToLower(class)
	switch {
	case c == "":
	case strings.Contains(c, "relat"):
		return KindRelated
	case strings.Contains(c, "rank") || strings.Contains(c, "popular") || strings.Contains(c, "trending") || strings.Contains(c, "most"):
		return KindRanking
	case strings.Contains(c, "recommend") || strings.Contains(c, "sponsor") || strings.Contains(c, "promo") ||
		strings.Contains(c, "suggest") || strings.Contains(c, "outbrain") || strings.Contains(c, "taboola"):
		return KindRecommendation
	}
	return KindMore
}

// foundBlock is a link list found on the page.
type foundBlock struct {
	node    *html.Node   // the list container
	heading *html.Node   // the heading element, if any
	items   []*html.Node // the <a> elements, in order
	inline  bool         // inside a paragraph: a widget (hover card), not a block
	block   Block
}

// findBlocks finds the link-list blocks of the page: containers whose child
// items each carry a headline link, with little text besides the links.
// Navigation (short link texts, or inside a navigation landmark) is left out.
func (p *page) findBlocks(base *url.URL) []foundBlock {
	if p.body == nil {
		return nil
	}
	var out []foundBlock
	taken := map[*html.Node]bool{}
	var walk func(n *html.Node, chrome bool)
	walk = func(n *html.Node, chrome bool) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.Nav || attr(n, "role") == "navigation" {
			chrome = true
		}
		if !chrome {
			if fb, ok := p.linkList(n, base); ok {
				out = append(out, fb)
				taken[n] = true
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, chrome)
		}
	}
	walk(p.body, false)
	return out
}

// linkList tests whether n is a link list: at least three item children
// each holding a link, links making most of its text, and link texts long
// enough to be headlines rather than navigation labels.
func (p *page) linkList(n *html.Node, base *url.URL) (foundBlock, bool) {
	st := p.stats[n]
	if st == nil || st.links < 3 || st.chars == 0 {
		return foundBlock{}, false
	}
	// Items: element children (or the links themselves) holding a link.
	var items []*html.Node
	var heading *html.Node
	itemsWithLink, otherItems := 0, 0
	otherChars := 0
	for _, c := range listChildren(n, p) {
		if c.Type == html.TextNode {
			k := countChars(c.Data)
			otherChars += k
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		cs := p.stats[c]
		if cs == nil || cs.chars == 0 {
			continue
		}
		if cs.links == 0 {
			// A short link-less child before any item is the heading.
			if itemsWithLink == 0 && heading == nil && cs.chars <= 60 {
				heading = c
				continue
			}
			otherItems++
			otherChars += cs.chars
			continue
		}
		if cs.links > 3 && c.DataAtom != atom.A {
			// A child holding a list of its own: n is a wrapper, not the list.
			return foundBlock{}, false
		}
		itemsWithLink++
		otherChars += cs.chars - cs.linkChars
		items = append(items, c)
	}
	if itemsWithLink < 3 || otherItems > itemsWithLink/3 {
		return foundBlock{}, false
	}
	linkChars := 0
	for _, it := range items {
		linkChars += p.stats[it].linkChars
	}
	if float64(linkChars) < 0.6*float64(linkChars+otherChars) {
		return foundBlock{}, false
	}
	// Collect the links: per item the longest-text link (a headline with a
	// thumbnail link beside it counts once).
	var links []Link
	var anchors []*html.Node
	words, cjk := 0, 0
	for _, it := range items {
		a, text := bestLink(it)
		if a == nil {
			continue
		}
		href := resolve(base, attr(a, "href"))
		if href == "" || strings.HasPrefix(href, "javascript:") {
			continue
		}
		links = append(links, Link{Title: text, URL: href})
		anchors = append(anchors, a)
		w, c := wordCount(text)
		words += w
		cjk += c
	}
	if len(links) < 3 {
		return foundBlock{}, false
	}
	// Headline-like: on average four words or more (or eight CJK characters).
	avgWords := float64(words) / float64(len(links))
	avgCJK := float64(cjk) / float64(len(links))
	if avgWords < 4 && avgCJK < 8 {
		return foundBlock{}, false
	}
	if heading == nil {
		heading = p.headingBefore(n)
	}
	htext := ""
	if heading != nil {
		htext = headingText(heading)
	}
	cls := classID(n)
	if heading != nil && cls == "" {
		cls = classID(heading)
	}
	if cls == "" && n.Parent != nil {
		cls = classID(n.Parent)
	}
	return foundBlock{node: n, heading: heading, items: anchors, inline: inParagraph(n), block: Block{
		Kind: blockKind(htext, cls), Heading: htext, Links: links,
	}}, true
}

// bestLink returns the <a href> of n (or n itself) with the longest text.
func bestLink(n *html.Node) (*html.Node, string) {
	var best *html.Node
	bestText := ""
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.A && hasAttr(n, "href") {
			t := nodeText(n)
			if len(t) > len(bestText) {
				best, bestText = n, t
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return best, bestText
}

// headingBefore finds the heading of a list: the nearest preceding element
// with short, link-free text, looking at the list's previous siblings and
// those of up to four ancestors that have no other content before the list.
func (p *page) headingBefore(n *html.Node) *html.Node {
	cur := n
	for up := 0; up < 5 && cur != nil; up++ {
		for s := cur.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.TextNode {
				if strings.TrimSpace(s.Data) != "" {
					return nil
				}
				continue
			}
			if s.Type != html.ElementNode {
				continue
			}
			st := p.stats[s]
			if st == nil || st.chars == 0 {
				continue
			}
			if st.chars <= 60 && st.linkChars*2 <= st.chars {
				return s
			}
			if st.chars <= 60 && st.links == 1 && headingLevel(s) > 0 {
				return s
			}
			return nil
		}
		cur = cur.Parent
		if cur == nil || cur.DataAtom == atom.Body {
			return nil
		}
	}
	return nil
}

// resolve makes href absolute against base; "" for empty or fragment-only.
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

// wordCount counts words (runs of letters or digits) and CJK characters.
func wordCount(s string) (words, cjk int) {
	in := false
	for _, r := range s {
		switch {
		case cjkRune(r):
			cjk++
			in = false
		case isWordRune(r):
			if !in {
				words++
			}
			in = true
		default:
			in = false
		}
	}
	return words, cjk
}

// inParagraph reports whether n sits inside a <p> or an inline element: a
// link list there is a widget in the text, not a block of the page.
func inParagraph(n *html.Node) bool {
	if !isBlock(n) {
		return true
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.P {
			return true
		}
		if isBlock(a) && a.DataAtom != atom.P {
			return false
		}
	}
	return false
}

// listChildren returns the children of n as list items; a row of cells each
// holding a link (a table grid, a flex row of cards) gives its cells.
func listChildren(n *html.Node, p *page) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom != atom.A {
			if st := p.stats[c]; st != nil && st.links >= 2 && st.links <= 6 {
				if cells := linkCells(c, p); cells != nil {
					out = append(out, cells...)
					continue
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// linkCells returns the element children of row when each one with text
// holds exactly one link, nil otherwise.
func linkCells(row *html.Node, p *page) []*html.Node {
	var cells []*html.Node
	for c := row.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		st := p.stats[c]
		if st == nil || st.chars == 0 {
			continue
		}
		if st.links != 1 {
			return nil
		}
		cells = append(cells, c)
	}
	if len(cells) < 2 {
		return nil
	}
	return cells
}

// isBlockHeading reports text that reads as the heading of a link block
// ("Related", "Most read", "You may also like", ...): short, no sentence.
func isBlockHeading(text string) bool {
	if len(text) > 60 {
		return false
	}
	if w, c := wordCount(text); w > 6 || c > 12 || w+c == 0 {
		return false
	}
	return headingKind(text) != ""
}

// headingText is a block heading's text without its links ("Related" of
// "Related  More >>") unless it is all links, trimmed of trailing marks.
func headingText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.DataAtom != atom.A:
				b.WriteByte(' ')
				walk(c)
				b.WriteByte(' ')
			}
		}
	}
	walk(n)
	t := collapse(b.String())
	if t == "" {
		t = nodeText(n)
	}
	return strings.TrimRight(t, ":：>» ")
}
