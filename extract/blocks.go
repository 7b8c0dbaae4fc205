package extract

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsclip/newsclip/internal/baseurl"
)

// blockKinds is the one table of the block kinds, in the order they are
// asked: each kind with the phrases of its heading vocabulary, in several
// languages, matched as whole words of a block's lower-cased heading
// (hasPhrase; a phrase ending in "*" is a stem), and the parts of class and
// id names that mark it when no heading names a kind. A list that neither
// its heading nor its names place is KindMore. Phrase lists rather than
// expressions: they run on every short block of every page.
var blockKinds = []kindPhrases{
	kindRow(KindRelated, []string{
		"related", "relacionad*", "see also", "also read", "read also", "read more",
		"more on this", "more about", "more like this", "further reading", "keep reading", "相关",
		"相關", "関連", "관련", "verwandt*", "ähnlich*", "mehr zum thema", "zum thema", "auch interessant",
		"weitere artikel", "lee también", "ver también", "más noticias", "à lire aussi",
		"lire aussi", "sur le même sujet", "similaire*", "articles liés", "dans la même rubrique", "leggi anche",
		"correlat*", "похож*", "читайте также", "по теме", "ilgili*", "veja também", "leia também",
		"read these next", "read next", "up next",
	}, "relat"),
	kindRow(KindRanking, []string{
		"ranking*", "rankings", "most read", "most popular", "most-popular", "most viewed",
		"most shared", "most commented", "most emailed", "popular*", "popolar*", "trending", "hot", "top stories",
		"top news", "meistgelesen*", "meist gelesen*", "am meisten", "beliebt*", "más leíd*", "lo más",
		"más visto*", "plus lus", "plus populaires", "les plus", "più lett*", "mais lidas",
		"mais vistas", "популярн*", "самое читаемое", "排行", "排名", "热门", "熱門", "热点", "热榜",
		"点击", "ランキング", "人気", "アクセス", "많이 본", "인기", "랭킹",
	}, "rank", "popular", "trending", "most"),
	kindRow(KindRecommendation, []string{
		"recommend*", "recomend*", "você pode gostar", "you may also like", "you might also like",
		"you may like", "might like", "may also like", "suggested", "sponsored", "promoted",
		"partner content", "from our partners", "around the web", "editor pick*", "editors pick*",
		"editor's pick*", "editor’s pick*", "editors' pick*", "empfohlen*", "recommand*", "picked for you", "for you", "empfehl*",
		"könnte sie", "interessiert", "te puede interesar", "no te pierdas", "nous vous recommandons",
		"à ne pas manquer", "consigliat*", "potrebbe interessarti", "рекоменд*", "понрав*", "推荐", "推薦",
		"おすすめ", "オススメ", "お勧め", "추천", "猜你喜欢", "精选", "精選",
	}, "recommend", "sponsor", "promo", "suggest", "outbrain", "taboola"),
	// KindMore's headings name lists of other stories that name no more
	// particular kind: "Latest news", "More from <site>".
	kindRow(KindMore, []string{
		"latest news", "latest stories", "latest articles", "latest headlines", "more stories", "more news",
		"more articles", "more from", "more in", "other news", "other stories", "最新新闻", "最新文章", "最新消息",
		"最新资讯", "最新新聞", "其他新闻", "更多新闻", "更多文章", "新着", "最新ニュース", "最新記事", "その他のニュース",
		"최신 기사", "최신 뉴스", "다른 기사", "다른 뉴스", "주요 뉴스", "weitere nachrichten", "weitere meldungen",
		"neueste meldungen", "neueste nachrichten", "neueste artikel", "aktuelle nachrichten", "mehr nachrichten",
		"mehr aus", "autres actualités", "dernières actualités", "dernières nouvelles", "derniers articles",
		"otras noticias", "últimas noticias", "outras notícias", "últimas notícias", "mais notícias",
		"altre notizie", "ultime notizie", "ultimi articoli", "другие новости", "последние новости",
		"лента новостей", "ещё новости", "еще новости",
	}),
}

// headingKind returns the block kind a heading names, "" when none.
func headingKind(heading string) BlockKind {
	var buf lowerBuf
	h := lowerInto(&buf, heading)
	if h == "" {
		return ""
	}
	for _, k := range blockKinds {
		if k.words.in(h) && hasPhrase(h, k.phrases) {
			return k.kind
		}
	}
	return ""
}

// kindPhrases is a row of blockKinds: a kind, its heading phrases and the
// parts of class and id names that mark it; words holds the phrases, stems
// without their "*": a heading none of them is in holds no phrase
// (hasPhrase finds each with strings.Index before it looks at the words
// around it).
type kindPhrases struct {
	kind    BlockKind
	phrases []string
	words   *phraseSet
	names   []string
}

func kindRow(kind BlockKind, phrases []string, names ...string) kindPhrases {
	words := make([]string, len(phrases))
	for i, p := range phrases {
		words[i] = strings.TrimSuffix(p, "*")
	}
	return kindPhrases{kind, phrases, newPhraseSet(words), names}
}

// blockKind returns the kind the heading names, else the first kind whose
// name parts the lower-cased class and id names hold, else KindMore.
func blockKind(heading, class string) BlockKind {
	if k := headingKind(heading); k != "" {
		return k
	}
	c := strings.ToLower(class)
	if c == "" {
		return KindMore
	}
	for _, k := range blockKinds {
		for _, n := range k.names {
			if strings.Contains(c, n) {
				return k.kind
			}
		}
	}
	return KindMore
}

// foundBlock is a link block found on the page.
type foundBlock struct {
	nodes   []*html.Node // what the block covers: its items (with a trailing "More »"), or their container
	heading *html.Node   // the heading element or text, if any
	// inline marks what is left out of the body but is no block of the
	// record: a run inside a paragraph's text (a hover card), the heading
	// of a list filled in by script.
	inline bool
	// from, to are the entries of the run in its container, while the
	// finder reads that container.
	from, to int
	block    Block
}

// entry is one piece of a candidate container's content as the block
// finder reads it: an item, a heading, a "More" link, or what breaks a run.
type entry struct {
	node  *html.Node
	top   *html.Node // the container's child holding node: node, or the row of a cell
	kind  entryKind
	named bool       // a heading that names a block kind or is a heading element
	a     *html.Node // an item's headline link
	title string     // its text, once the run it is in is judged
	link  bool       // an item whose link the block lists (not "More »")
	card  bool       // an item that is a story card with a summary (teaserRuns)
	shape itemShape
}

type entryKind uint8

const (
	entItem    entryKind = iota
	entHeading           // short heading-like text: "Related", a bold label
	entGap               // a short link-free line between items (an ad label)
	entLead              // a lead story before a list: one address, with a summary
	entLabel             // short link-free text, judged (heading, gap or break) where a run needs it
	entBreak             // anything else: a paragraph, a wrapper of links
)

// itemShape is what tells the items of two lists set back to back apart:
// whether they show a picture, and text besides the link (a date, a count,
// a rank). Tags and class names do not: wrappers and names vary from item
// to item in one list as often as between lists.
type itemShape struct {
	img, extra bool
}

// findBlocks finds the link blocks of the page. A block is a run of similar
// link items, wherever it sits: consecutive children of one element (or the
// cells of its rows) that each hold one headline link and little else, with
// the nearest heading-like element before the run as its heading.
// Navigation (short link texts, or inside a navigation landmark) is left out.
func (p *page) findBlocks(base *url.URL) []foundBlock {
	if p.body == nil {
		return nil
	}
	var out []foundBlock
	var taken map[*html.Node]bool
	var es []entry
	var spans []span
	var walk func(n *html.Node, chrome bool)
	walk = func(n *html.Node, chrome bool) {
		if st := p.stats.get(n); st == nil || st.links < 2 {
			return // no run of links below
		}
		if n.DataAtom == atom.Nav || attr(n, "role") == "navigation" {
			chrome = true
		}
		if !chrome {
			es = p.entries(n, es[:0])
			out = p.emptyBlocks(es, out)
			spans = p.segment(es, spans[:0])
			found := len(out)
			for _, r := range spans {
				out = p.runBlocks(n, es, r, base, out)
			}
			for _, fb := range out[found:] {
				if len(fb.nodes) == 1 && fb.nodes[0] == n {
					return
				}
				if taken == nil {
					taken = map[*html.Node]bool{}
				}
				for i := fb.from; i < fb.to; i++ {
					taken[es[i].top] = true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !taken[c] {
				walk(c, chrome)
			}
		}
	}
	walk(p.body, false)
	// A container's runs are found before the lists inside its children:
	// the blocks are put back in page order.
	slices.SortStableFunc(out, func(a, b foundBlock) int {
		switch {
		case a.nodes[0] == b.nodes[0]:
			return 0
		case docBefore(a.nodes[0], b.nodes[0]):
			return -1
		}
		return 1
	})
	return out
}

// docBefore reports whether node a comes before node b in document order.
func docBefore(a, b *html.Node) bool {
	if within(b, a) {
		return true
	}
	if within(a, b) {
		return false
	}
	// The children of the nearest common ancestor that hold a and b.
	for x := a; x.Parent != nil; x = x.Parent {
		for y := b; y.Parent != nil; y = y.Parent {
			if x.Parent == y.Parent {
				for s := x.NextSibling; s != nil; s = s.NextSibling {
					if s == y {
						return true
					}
				}
				return false
			}
		}
	}
	return false
}

// emptyBlocks appends the heading boxes among es that head nothing: a
// heading naming a block kind, followed by no item, beside an empty list
// that a script fills in the browser. Left in the body's text, such a
// heading would cut the story where it stands.
func (p *page) emptyBlocks(es []entry, out []foundBlock) []foundBlock {
	for i := range es {
		e := &es[i]
		if e.kind != entLabel || e.node.Type != html.ElementNode || i+1 < len(es) && es[i+1].kind == entItem {
			continue
		}
		for c := e.node.FirstChild; c != nil; c = c.NextSibling {
			if st := p.stats.get(c); st != nil && st.chars == 0 && st.links == 0 &&
				(c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
				if p.judge(e); e.kind == entHeading && e.named {
					out = append(out, foundBlock{nodes: []*html.Node{e.node}, inline: true})
				}
				break
			}
		}
	}
	return out
}

// entries reads the children of n as block entries, leaving out what
// neither makes nor breaks a run: white space, separators ("|", "·"),
// line breaks, pictures and empty elements.
func (p *page) entries(n *html.Node, out []entry) []entry {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if !hasLetter(c.Data) {
				continue // a separator, a rank number ("2. ")
			}
			e := entry{node: c, top: c, kind: entBreak}
			if len(c.Data) <= 200 && countChars(c.Data) <= 40 {
				e.kind = entLabel
			}
			out = append(out, e)
		case html.ElementNode:
			out = p.elementEntries(c, out)
		}
	}
	p.teaserRuns(out)
	for i := 0; i+1 < len(out); i++ {
		if out[i].kind == entItem && out[i+1].kind == entItem &&
			(i == 0 || out[i-1].kind != entItem || out[i-1].node.Data != out[i].node.Data) {
			p.linkedHeading(&out[i], &out[i+1])
		}
	}
	return out
}

// teaserRuns makes items of story cards set one after another, two or
// more boxes of one tag each holding a headline link on a line of its own
// and a summary (a picture, a section label, a time): a list of cards is a
// link list as much as a list of bare headlines. A lone card stays a lead
// story; a headline in the summary's line ("<a>…</a> A summary.") is a
// teaser of running text, no item.
func (p *page) teaserRuns(es []entry) {
	var heads []*html.Node
	for i := 0; i < len(es); {
		j := i
		for j < len(es) && (es[j].kind == entLead || es[j].kind == entBreak) && es[j].node.Type == html.ElementNode &&
			es[j].node.Data == es[i].node.Data && p.stats.get(es[j].node).links > 0 {
			j++
		}
		if j-i < 2 {
			i = max(j, i+1)
			continue
		}
		heads = heads[:0]
		for k := i; k < j; k++ {
			a := p.cardHeadline(es[k].node)
			if a == nil {
				break
			}
			heads = append(heads, a)
		}
		if len(heads) == j-i {
			for k := i; k < j; k++ {
				e := &es[k]
				e.kind, e.a, e.shape, e.card = entItem, heads[k-i], itemShape{extra: true}, true
				p.longestLink(e.node, nil, &e.shape.img)
			}
		}
		i = j
	}
}

// cardHeadline returns the headline link of story card n, nil when n is
// no card: links to one address but for short ones (a section label),
// the headline's line holding little else, no more text than a card
// shows and the headline a fifth of it at least.
func (p *page) cardHeadline(n *html.Node) *html.Node {
	st := p.stats.get(n)
	if st == nil || st.links == 0 || st.links > 6 || st.chars > 600 || st.linkChars*5 < st.chars {
		return nil
	}
	var img bool
	a := p.longestLink(n, nil, &img)
	if a == nil {
		return nil
	}
	same := p.linkCharsTo(n, strings.TrimSpace(attr(a, "href")))
	if other := st.linkChars - same; other > itemExtra || other*2 > same {
		return nil
	}
	if inlineChars(lineOf(a, n), a) > itemExtra {
		return nil
	}
	return a
}

// lineOf returns the box whose line holds inline n: its nearest block
// ancestor, or top when there is none below it.
func lineOf(n, top *html.Node) *html.Node {
	for n != top && !isBlock(n) && n.Parent != nil {
		n = n.Parent
	}
	return n
}

// inlineChars counts the characters of n's text on the lines of its own
// inline content, outside the boxes it holds and outside skip.
func inlineChars(n, skip *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == skip:
		case c.Type == html.TextNode:
			k += countChars(c.Data)
		case c.Type == html.ElementNode && !isBlock(c):
			k += inlineChars(c, skip)
		}
	}
	return k
}

// linkedHeading makes item e, the first of a run, the run's heading when it
// reads as one: a short label, all link ("<h3><a>Sports</a></h3>",
// "<p><strong><a>Business</a></strong></p>"), set apart from the headline
// after it by its tag or by a heading element or bold text around it.
func (p *page) linkedHeading(e, next *entry) {
	st := p.stats.get(e.node)
	h := headingLevel(e.node) > 0
	if st.chars > 30 || st.chars != st.linkChars && !h {
		return
	}
	// Set apart by its tag or its emphasis; failing that, by being a
	// label of a word or two over headlines.
	apart := e.node.Data != next.node.Data || emphasis(e.node) > emphasis(next.node)
	t := headingText(e.node)
	if w, c := wordCount(t); w > 3 && !(h && w == 4) || c > 10 || w+c == 0 || !apart && (w > 2 || c > 4) {
		return
	}
	if w, c := wordCount(nodeText(next.a)); w < 4 && c < 8 || !apart && w < 5 && c < 10 {
		return // a menu
	}
	e.kind, e.named = entHeading, h || namesBlock(t)
}

// boldStyle reports an inline style that sets bold text.
func boldStyle(style string) bool {
	if !strings.Contains(style, "font-weight") {
		return false
	}
	s := strings.ToLower(strings.ReplaceAll(style, " ", ""))
	for _, v := range []string{"font-weight:bold", "font-weight:bolder", "font-weight:600", "font-weight:700", "font-weight:800", "font-weight:900"} {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// emphasis is the strongest mark of a heading on n or on the elements
// around its link: 2 for a heading element, 1 for bold text, 0 for none.
func emphasis(n *html.Node) int {
	k := 0
	for depth := 0; n != nil && n.DataAtom != atom.A && depth < 6; depth++ {
		switch {
		case headingLevel(n) > 0:
			return 2
		case n.DataAtom == atom.B || n.DataAtom == atom.Strong || boldStyle(attr(n, "style")):
			k = 1
		}
		c := n.FirstChild
		for c != nil && (c.Type != html.ElementNode) {
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				return k
			}
			c = c.NextSibling
		}
		n = c
	}
	return k
}

// elementEntries appends the entries of element c: one, or one per cell
// when c is a row of link cells.
func (p *page) elementEntries(c *html.Node, out []entry) []entry {
	st := p.stats.get(c)
	if st == nil || st.chars == 0 {
		return out
	}
	e := entry{node: c, top: c, kind: entBreak}
	switch {
	case st.links == 0:
		if st.chars <= 60 {
			e.kind = entLabel
		}
	case st.chars <= 60 && (st.linkChars*2 <= st.chars || headingLevel(c) > 0) && isBlockHeading(extraText(c)):
		// Its own text names a block kind: "Trending <a>More »</a>",
		// "<h3>Related coverage from <a>Money</a></h3>".
		e.kind, e.named = entHeading, true
	default:
		if st.links >= 2 && st.links <= 12 && c.DataAtom != atom.Nav && attr(c, "role") != "navigation" {
			// A row of a grid: its cells are the items (up to six, each
			// with a headline and maybe a thumbnail linked to the story);
			// never a navigation landmark, which findBlocks leaves out.
			if cells := p.linkCells(c); cells != nil {
				return append(out, cells...)
			}
		}
		if a, shape, ok := p.linkItem(c); ok {
			e.kind, e.a, e.shape = entItem, a, shape
			break
		}
		if p.leadTeaser(c) {
			e.kind = entLead
		}
	}
	return append(out, e)
}

// judge decides what the label e is: a heading (named when it names a
// block kind or is a heading element), a gap or a break. Bare text heads a
// run only when it names a block kind ("See also<br><a>…"); other text
// between links is prose.
func (p *page) judge(e *entry) {
	if e.kind != entLabel {
		return
	}
	e.kind = entBreak
	if e.node.Type == html.TextNode {
		if t := collapse(e.node.Data); namesBlock(t) {
			e.kind, e.named = entHeading, true
		}
		return
	}
	switch {
	case p.headingLike(e.node, &e.named):
		e.kind = entHeading
	case p.stats.get(e.node).chars <= 30 && (!sentenceEnd(lastText(e.node)) || !hasLetter(nodeText(e.node))):
		// A short line between items, not a sentence: a date, a count, a
		// rank ("3." is a number, not the end of one).
		e.kind = entGap
	}
}

// lastText returns the last text node under n with a character, raw.
func lastText(n *html.Node) string {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			if trimSpace(c.Data) != "" {
				return c.Data
			}
		case html.ElementNode:
			if t := lastText(c); t != "" {
				return t
			}
		}
	}
	return ""
}

// soleElement returns the one child element of n with text when n holds
// nothing else (white space, empty elements), nil otherwise.
func soleElement(p *page, n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if trimSpace(c.Data) != "" {
				return nil
			}
		case html.ElementNode:
			if st := p.stats.get(c); st == nil || st.chars == 0 {
				continue
			}
			if only != nil {
				return nil
			}
			only = c
		}
	}
	return only
}

// leadTeaser reports a list's lead story: links to one address (a picture,
// the headline) with a summary, and no more text than a teaser has.
func (p *page) leadTeaser(n *html.Node) bool {
	st := p.stats.get(n)
	if st == nil || st.links == 0 || st.links > 6 || st.chars > 600 || st.linkChars*5 < st.chars {
		return false
	}
	href := ""
	one := true
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for k := c.FirstChild; k != nil && one; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if k.DataAtom == atom.A && hasAttr(k, "href") {
				h := strings.TrimSpace(attr(k, "href"))
				if href != "" && !p.sameTarget(h, href) {
					one = false
				}
				href = h
				continue
			}
			walk(k)
		}
	}
	walk(n)
	return one
}

// linkCells returns the cells of row as item entries when each of its
// element children with text is a link item, nil otherwise. Wrappers that
// hold the row alone (a table's body and its one row) are looked through:
// the cells are cousins of other rows' cells. The cells are valid until
// the next call (they live in p.cells).
func (p *page) linkCells(row *html.Node) []entry {
	cells := p.cells[:0]
	defer func() { p.cells = cells[:0] }()
	least, most := 1<<30, 0
	in := row
	for k := 0; k < 4; k++ {
		only := soleElement(p, in)
		if only == nil {
			break
		}
		in = only
	}
	for c := in.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			if hasWordRune(c.Data) {
				return nil
			}
			continue
		}
		if st := p.stats.get(c); c.Type != html.ElementNode || st == nil || st.chars == 0 {
			continue
		}
		a, shape, ok := p.linkItem(c)
		card := false
		if !ok {
			// A story card with a summary, in a grid.
			if a = p.cardHeadline(c); a == nil {
				return nil
			}
			card, shape = true, itemShape{extra: true}
			p.longestLink(c, nil, &shape.img)
		}
		if len(cells) > 0 {
			// Links to one address with other texts are one story's parts
			// (headline, "Buy now"); with one text, a story listed twice.
			prev := cells[len(cells)-1].a
			if strings.TrimSpace(attr(a, "href")) == strings.TrimSpace(attr(prev, "href")) && nodeText(a) != nodeText(prev) {
				return nil
			}
		}
		cells = append(cells, entry{node: c, top: row, kind: entItem, a: a, shape: shape, card: card})
		k := p.stats.get(a).linkChars
		least, most = min(least, k), max(most, k)
	}
	if len(cells) < 2 {
		return nil
	}
	if least*4 < most {
		// Headlines side by side are of a size; a headline with a section
		// label beside it ("<a>Sports</a>") is one item. A "More" cell
		// does not count.
		least = 1 << 30
		for _, c := range cells {
			if k := p.stats.get(c.a).linkChars; k > 12 || !isMoreLabel(shortText(c.a)) {
				least = min(least, k)
			}
		}
		if least*4 < most {
			return nil
		}
	}
	return cells
}

// linkItem reports whether n is a link item: one headline link (or several
// to one address: a thumbnail beside the headline) carrying most of its
// text, little else beside it (a date, a count, a rank, a section label).
func (p *page) linkItem(n *html.Node) (a *html.Node, shape itemShape, ok bool) {
	st := p.stats.get(n)
	if st == nil || st.links == 0 || st.links > 4 || st.linkChars == 0 || st.chars > 400 ||
		st.chars-st.linkChars > max(itemExtra, st.linkChars/3) {
		return nil, shape, false
	}
	a = p.longestLink(n, nil, &shape.img)
	if a == nil || p.stats.get(a).linkChars == 0 {
		return nil, shape, false
	}
	same := p.linkCharsTo(n, strings.TrimSpace(attr(a, "href"))) // link text to the headline's address
	if other := st.linkChars - same; other*2 > same || st.chars-st.linkChars > max(itemExtra, same/3) {
		return nil, shape, false
	}
	if st.chars-st.linkChars >= 12 {
		if t := extraText(n); sentenceEnd(t) {
			if w, c := wordCount(t); w >= 3 && longWords(t) >= 2 || c >= 10 {
				// A summary: a teaser. A date and a time ending in an
				// abbreviation ("2h ago · vor 1 Std.") is not one.
				return nil, shape, false
			}
		}
	}
	shape.extra = st.chars > st.linkChars
	return a, shape, true
}

// longestLink returns the link under n (or n) with the most text, best
// if none is longer, and notes whether n shows a picture.
func (p *page) longestLink(n, best *html.Node, img *bool) *html.Node {
	if n.Type != html.ElementNode {
		return best
	}
	switch {
	case n.DataAtom == atom.Img || n.Data == "amp-img" || n.DataAtom == atom.Picture:
		*img = true
		return best
	case n.DataAtom == atom.A && hasAttr(n, "href"):
		if best == nil || p.stats.get(n).linkChars > p.stats.get(best).linkChars {
			best = n
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		best = p.longestLink(c, best, img)
	}
	return best
}

// sameTarget reports whether two hrefs lead to one address, however each
// is written (absolute, root-relative, relative to a <base>).
func (p *page) sameTarget(a, b string) bool {
	if a == b {
		return true
	}
	if pa, ok := plainPath(a); ok {
		if pb, ok := plainPath(b); ok && pa != pb {
			return false // two paths that resolving leaves as they are
		}
	}
	u := p.resolveHref(a)
	return u != "" && u == p.resolveHref(b)
}

// plainPath returns the path of href when resolving it against any base
// leaves that path as written: href is root-relative ("/a/b.html") or an
// http(s) address with a plain host, its path is made of letters, digits
// and "/_~.-" only (no escape, query, fragment, empty or dot segment).
// Two such hrefs with different paths resolve to different addresses,
// which a comparison of the two can tell without resolving either.
func plainPath(href string) (string, bool) {
	path := href
	if rest, ok := strings.CutPrefix(href, "https://"); ok || strings.HasPrefix(href, "http://") {
		if !ok {
			rest = href[len("http://"):]
		}
		i := strings.IndexByte(rest, '/')
		if i <= 0 {
			return "", false
		}
		for j := 0; j < i; j++ {
			if c := rest[j]; !alnum(c) && c != '.' && c != '-' {
				return "", false
			}
		}
		path = rest[i:]
	}
	if path == "" || path[0] != '/' || strings.Contains(path, "//") {
		return "", false
	}
	for i := 1; i < len(path); i++ {
		if c := path[i]; !alnum(c) && c != '/' && c != '_' && c != '~' && c != '.' && c != '-' {
			return "", false
		}
	}
	for seg := range strings.SplitSeq(path[1:], "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	return path, true
}

func alnum(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }

// resolveHref is resolve against the page's base, remembered by href:
// link targets are compared again and again.
func (p *page) resolveHref(href string) string {
	if u, ok := p.resolved[href]; ok {
		return u
	}
	if p.resolved == nil {
		p.resolved = make(map[string]string)
	}
	u := resolve(p.base, href)
	p.resolved[href] = u
	return u
}

// linkCharsTo counts the link text under n (or n) of the links to href.
func (p *page) linkCharsTo(n *html.Node, href string) int {
	if n.Type != html.ElementNode {
		return 0
	}
	if n.DataAtom == atom.A && hasAttr(n, "href") {
		if p.sameTarget(strings.TrimSpace(attr(n, "href")), href) {
			return p.stats.get(n).linkChars
		}
		return 0
	}
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k += p.linkCharsTo(c, href)
	}
	return k
}

// itemTitle is the headline of item n whose best link is a: of the links
// to its address (a headline, a linked summary, "Read more"), the first
// that reads as a headline, not as a summary; else a's text.
func (p *page) itemTitle(n, a *html.Node) string {
	title := nodeText(a)
	if !strings.HasSuffix(title, ".") && !strings.HasSuffix(title, "…") || p.stats.get(n).links == 1 {
		return title
	}
	href := strings.TrimSpace(attr(a, "href"))
	var found string
	var walk func(*html.Node) bool
	walk = func(c *html.Node) bool {
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if k.DataAtom != atom.A {
				if walk(k) {
					return true
				}
				continue
			}
			if k == a || strings.TrimSpace(attr(k, "href")) != href {
				continue
			}
			t := nodeText(k)
			if w, c := wordCount(t); (w >= 3 || c >= 6) && !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "…") && !isMoreLabel(t) {
				found = t
				return true
			}
		}
		return false
	}
	if walk(n) {
		return found
	}
	return title
}

// soleText returns the text of n without building it when n holds one
// text node, or a chain of single children down to one ("<li><a>Home</a>
// </li>"), whose white space needs no collapsing; ok is false otherwise.
func soleText(n *html.Node) (t string, ok bool) {
	for n.Type == html.ElementNode {
		c := n.FirstChild
		if c == nil || c.NextSibling != nil {
			return "", false
		}
		n = c
	}
	if n.Type != html.TextNode {
		return "", false
	}
	t = trimSpace(n.Data)
	if strings.Contains(t, "  ") || strings.ContainsAny(t, "\n\t\r\u00a0") {
		return "", false
	}
	return t, true
}

// shortText is nodeText(n), built only when soleText cannot give it.
func shortText(n *html.Node) string {
	if t, ok := soleText(n); ok {
		return t
	}
	return nodeText(n)
}

// extraText is the text of n outside its links, collapsed.
func extraText(n *html.Node) string {
	return textOutside(n, func(c *html.Node) bool { return c.DataAtom == atom.A })
}

// itemExtra is the text an item may hold besides its links whatever their
// length (a date and a count, a rank, a section label); a summary under
// the headline makes a teaser, or a paragraph, not an item.
const itemExtra = 30

// span is a run of items: entries es[from:to], its heading, and whether
// nothing but a heading comes before it in its container.
type span struct {
	from, to int
	heading  *html.Node
	atTop    bool
}

// segment cuts the entries into runs of items: a heading, a paragraph or a
// wrapper ends a run, a short link-free line between items of one tag does
// not, a "More" link ends it and belongs to it. Each run is then split
// where the items change shape, between two parts of three items or more
// (two lists back to back with no heading between).
func (p *page) segment(es []entry, out []span) []span {
	cur := span{from: -1}
	pending := -1 // the heading just before, an index of es
	top := true   // nothing but headings so far
	last := -1    // the last item
	closeRun := func(to int) {
		if cur.from >= 0 {
			cur.to = trailingGap(es, cur.from, to)
			out = splitShapes(es, cur, out)
		}
		cur = span{from: -1}
	}
	for i := range es {
		if es[i].kind == entLabel {
			// Judged only next to a run: inside one, or before an item or a
			// lead story (past other labels: a heading over a rank number).
			if cur.from >= 0 || beforeRun(es, i+1) {
				p.judge(&es[i])
			} else {
				es[i].kind = entBreak
			}
		}
		switch es[i].kind {
		case entItem:
			if cur.from < 0 {
				cur = span{from: i, atTop: top}
				if pending >= 0 {
					cur.heading = es[pending].node
				}
				if i > 0 && es[i-1].node.Parent == es[i].node.Parent &&
					(es[i-1].kind == entGap || es[i-1].kind == entHeading && !es[i-1].named && pending >= 0 && pending < i-1) {
					// The first item's rank or date (read as a gap, or as
					// a plain heading-like line under the block's heading).
					cur.from = i - 1
				}
			}
			last = i
		case entGap, entHeading:
			if !es[i].named && p.itemAfterGaps(es, i+1) &&
				(cur.from >= 0 && (es[i].kind == entGap || emphasis(es[i].node) == 0 && !p.sectionLink(es[i].node)) || es[i].kind == entGap) ||
				!es[i].named && cur.from < 0 && pending >= 0 && es[pending].named && beforeRun(es, i+1) {
				// A label between items of one list (an ad's, a rank), or
				// before the first item (a rank, a date), or between a
				// heading naming a block kind and its list (an ad's).
				continue
			}
			closeRun(last + 1)
			pending, top = -1, false
			if es[i].kind == entHeading {
				pending = i
			}
		case entLead:
			// A named heading over a lead story heads the list after it.
			closeRun(last + 1)
			if pending >= 0 && !es[pending].named {
				pending = -1
			}
			top = false
		case entBreak:
			closeRun(last + 1)
			pending, top = -1, false
		}
		if es[i].kind == entItem {
			top = false
		}
	}
	closeRun(last + 1)
	return out
}

// itemAfterGaps reports whether es[i:] begins with an item, past up to one
// short line between items (judged here as segment judges it, next to a
// run): the last item's date and the next one's rank ("<a>…</a>
// <span>2h ago</span><br><span>2.</span> <a>…</a>").
func (p *page) itemAfterGaps(es []entry, i int) bool {
	for k := i; k < len(es) && k <= i+1; k++ {
		if es[k].kind == entLabel && beforeRun(es, k+1) {
			p.judge(&es[k])
		}
		switch es[k].kind {
		case entItem:
			return true
		case entGap:
		default:
			return false
		}
	}
	return false
}

// trailingGap returns the end of the run es[from:to] past a label right
// after its last item when each item before it is followed by one: the
// last item's date or count ("<a>…</a><span>2h ago</span><br>…"), set
// where the others' are.
func trailingGap(es []entry, from, to int) int {
	if to >= len(es) || !itemLabel(&es[to]) || to-2 < from || !itemLabel(&es[to-2]) {
		return to
	}
	for i := from; i < to; i++ {
		if es[i].kind == entItem && i+1 < to && !itemLabel(&es[i+1]) {
			return to
		}
	}
	return to + 1
}

// itemLabel reports a label that segment reads as part of the items around
// it: a gap, or a plain heading-like line that names no block kind.
func itemLabel(e *entry) bool {
	return e.kind == entGap || e.kind == entHeading && !e.named && e.node.Type == html.ElementNode && emphasis(e.node) == 0
}

// sectionLink reports a box of its own whose text is one link, and no
// "More »": a section's name over its list ("<div><a>Opinion</a></div>"),
// never a label between the items of one list (an ad's, a rank, a date),
// nor a link in running text.
func (p *page) sectionLink(n *html.Node) bool {
	st := p.stats.get(n)
	return isBlock(n) && st != nil && st.links == 1 && st.linkChars == st.chars && !isMoreLabel(shortText(n))
}

// beforeRun reports whether es[i:] begins, past up to two labels, with an
// item or a lead story.
func beforeRun(es []entry, i int) bool {
	for k := i; k < len(es) && k <= i+2; k++ {
		switch es[k].kind {
		case entItem, entLead:
			return true
		case entLabel:
		default:
			return false
		}
	}
	return false
}

// splitShapes splits run r where its items change shape: consecutive items
// of one shape make a group, a group under three items joins the one before
// it (the first, the one after), and neighbouring groups of one shape join.
// An item's shape counts the short line beside it (see runShape).
func splitShapes(es []entry, r span, out []span) []span {
	type group struct {
		from, to int // entries
		shape    itemShape
		n        int
	}
	var buf [8]group
	gs := buf[:0]
	for i := r.from; i < r.to; i++ {
		if es[i].kind != entItem {
			continue
		}
		shape := runShape(es, r, i)
		if len(gs) > 0 && gs[len(gs)-1].shape == shape {
			g := &gs[len(gs)-1]
			g.to, g.n = i+1, g.n+1
			continue
		}
		gs = append(gs, group{from: i, to: i + 1, shape: shape, n: 1})
	}
	if len(gs) == 1 {
		return append(out, r)
	}
	merged := gs[:1]
	for _, g := range gs[1:] {
		prev := &merged[len(merged)-1]
		switch {
		case g.n < 3 || g.shape == prev.shape:
			prev.to, prev.n = g.to, prev.n+g.n
		case prev.n < 3:
			prev.to, prev.n, prev.shape = g.to, prev.n+g.n, g.shape
		default:
			merged = append(merged, g)
		}
	}
	base := len(out)
	for i, g := range merged {
		sp := span{from: g.from, to: g.to}
		if i+1 < len(merged) {
			sp.to = merged[i+1].from // a gap between goes with the earlier
		}
		out = append(out, sp)
	}
	out[base].from, out[base].heading, out[base].atTop = r.from, r.heading, r.atTop
	out[len(out)-1].to = r.to
	return out
}

// runShape is the shape of item es[i] of run r, with the short line set
// beside it as its own (a date, a count, a rank): the line before it when
// the run opens with one ("<span>1.</span><a>…"), else the line after it
// ("<a>…</a><span>(3)</span><br>"). Items showing their count beside them
// and items holding it are one list: a parser moves a table's stray count
// out in front of the table (foster parenting), a div keeps its own.
func runShape(es []entry, r span, i int) itemShape {
	shape := es[i].shape
	k := i + 1
	if es[r.from].kind != entItem {
		k = i - 1
	}
	if k >= r.from && k < r.to && es[k].kind != entItem && itemLabel(&es[k]) {
		shape.extra = true
	}
	return shape
}

// runBlocks appends the blocks of run r among the entries of container n:
// runs of at least three items (two under a heading naming a block kind)
// whose links read as headlines rather than navigation labels. A link that
// names a block kind ("<div><a>Related</a></div>") heads the items after
// it; a "More »" link is no item.
func (p *page) runBlocks(n *html.Node, es []entry, r span, base *url.URL, out []foundBlock) []foundBlock {
	// The cheap tests first: most runs are menus.
	count := 0
	for i := r.from; i < r.to; i++ {
		if e := &es[i]; e.kind == entItem && usableHref(attr(e.a, "href")) {
			count++
		}
	}
	if count < 2 {
		return out
	}
	count, words, cjk := 0, 0, 0
	for i := r.from; i < r.to; i++ {
		e := &es[i]
		if e.link = e.kind == entItem && usableHref(attr(e.a, "href")); !e.link {
			continue
		}
		e.title = p.itemTitle(e.node, e.a)
		count++
		w, c := wordCount(e.title)
		words += w
		cjk += c
	}
	// Headline-like: on average four words or more (or eight CJK characters).
	if words < 4*count && cjk < 8*count {
		return out
	}
	for i := r.from; i < r.to; i++ {
		if e := &es[i]; e.link && len(e.title) <= 40 && isMoreLabel(e.title) {
			e.link = false
			count--
		}
	}
	if count >= 3 && moreByShape(es, r) {
		count--
	}
	if count < 2 {
		return out
	}
	for i := r.from; i < r.to; i++ {
		if e := &es[i]; e.link && len(e.title) <= 60 && p.linkHeading(es, i, r.to) {
			e.kind, e.named, e.link = entHeading, true, false
			out = p.runBlocks(n, es, span{from: r.from, to: i, heading: r.heading, atTop: r.atTop}, base, out)
			return p.runBlocks(n, es, span{from: i + 1, to: r.to, heading: e.node}, base, out)
		}
	}
	if fb, ok := p.makeBlock(n, es, r, count, base); ok {
		out = append(out, fb)
	}
	return out
}

// linkHeading reports whether item es[i] of a run ending at to is the
// heading of the items after it: a lone link that names a block kind, short
// ("Related", "Most read") or unlike the item after it; "Week 12 power
// rankings" among headlines of its own shape is a headline.
func (p *page) linkHeading(es []entry, i, to int) bool {
	e := &es[i]
	st := p.stats.get(e.node)
	if st.chars > 60 || st.chars > st.linkChars || !isBlockHeading(e.title) {
		return false
	}
	if w, c := wordCount(e.title); w <= 3 && c <= 6 {
		return true
	}
	return i+1 < to && es[i+1].kind == entItem && es[i+1].shape != e.shape
}

// makeBlock makes the block of run r, whose count links are judged.
func (p *page) makeBlock(n *html.Node, es []entry, r span, count int, base *url.URL) (foundBlock, bool) {
	heading := r.heading
	if heading == nil && r.atTop {
		heading = p.headingBefore(n)
	}
	htext := ""
	if heading != nil {
		htext = headingText(heading)
	}
	if count < 3 && headingKind(htext) == "" {
		return foundBlock{}, false
	}
	links := make([]Link, 0, count)
	nodes := make([]*html.Node, 0, r.to-r.from)
	chars := 0
	for i := r.from; i < r.to; i++ {
		e := &es[i]
		nodes = append(nodes, e.node)
		if e.kind == entItem {
			chars += p.stats.get(e.node).chars
		}
		if e.link {
			// An href no URL parser can read leads nowhere: no link.
			if u := resolve(base, attr(e.a, "href")); u != "" {
				links = append(links, Link{Title: e.title, URL: u})
			}
		}
	}
	whole := r.from == 0 && r.to == len(es) || r.from == 1 && r.to == len(es) && es[0].node == heading
	var cls string
	if whole {
		// The run is all the container holds: the container is the list.
		nodes = append(nodes[:0], n)
		cls = classID(n)
		if cls == "" && heading != nil && heading.Type == html.ElementNode {
			cls = classID(heading)
		}
		if cls == "" && n.Parent != nil {
			cls = classID(n.Parent)
		}
	} else {
		cls = classID(es[r.from].node)
		if cls == "" && heading != nil && heading.Type == html.ElementNode {
			cls = classID(heading)
		}
	}
	kind, labelled := blockKind(htext, cls), BlockKind("")
	if htext == "" {
		// The items' own parent: a grid's cells may sit in a list below n.
		first := r.from
		for first+1 < r.to && es[first].kind != entItem {
			first++
		}
		if labelled = labelledKind(es[first].node.Parent); labelled != "" {
			kind = labelled
		}
	}
	if headingKind(htext) == "" && labelled == "" && (heading == nil || headingLevel(heading) == 1) &&
		slices.ContainsFunc(es[r.from:r.to], func(e entry) bool { return e.card }) {
		// Cards under no heading, or under the page's own title: a
		// listing's stories, the page's content.
		return foundBlock{}, false
	}
	return foundBlock{nodes: nodes, heading: heading, inline: p.inText(n, chars), from: r.from, to: r.to, block: Block{
		Kind: kind, Heading: htext, Links: links,
	}}, true
}

// labelledKind returns the block kind that the name of n's nearest
// container with an aria-label gives (<section aria-label="Related">),
// up to three levels above n: a list that shows no heading, named for
// screen readers. "" when no such name names a kind.
func labelledKind(n *html.Node) BlockKind {
	for k := 0; k < 4 && n != nil && n.Type == html.ElementNode && n.DataAtom != atom.Body; k++ {
		if l := strings.TrimSpace(attr(n, "aria-label")); l != "" {
			if len(l) > 60 {
				return ""
			}
			return headingKind(l)
		}
		n = n.Parent
	}
	return ""
}

// usableHref reports an href that leads to a page: not empty, not a
// fragment of this one, not a script.
func usableHref(href string) bool {
	href = strings.TrimSpace(href)
	return href != "" && href[0] != '#' && !(len(href) >= 11 && strings.EqualFold(href[:11], "javascript:"))
}

// headingBefore finds the heading of a list that begins its container n:
// the nearest heading-like element or text before it, looking at the
// previous siblings of n and of up to eleven ancestors that have no other
// content before the list (a table's rows and body not counted: a table
// is one level, its cell another).
func (p *page) headingBefore(n *html.Node) *html.Node {
	cur := n
	lead := false       // a lead story skipped: only a named heading heads the list
	var weak *html.Node // a heading that names nothing, kept while one before it may
	for up := 0; up < 12 && cur != nil && weak == nil; {
		for s := cur.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.TextNode {
				if !hasWordRune(s.Data) {
					continue
				}
				if t := collapse(s.Data); len(t) <= 60 && namesBlock(t) {
					return s
				}
				return weak
			}
			st := p.stats.get(s)
			if s.Type != html.ElementNode || st == nil || st.chars == 0 {
				continue
			}
			named := false
			switch {
			case p.headingLike(s, &named):
				if named {
					return s
				}
				if lead || weak != nil {
					return weak
				}
				// A label ("Advertisement") may sit between a heading that
				// names the block and its list.
				weak = s
			case st.chars <= 30 && st.linkChars*2 >= st.chars && isMoreLabel(shortText(s)):
				// a "More" link beside the heading
			case weak == nil && !lead && p.sectionLink(s) && st.chars <= 30:
				// A section's name, one link, plain: the heading unless
				// one naming the block comes before it.
				weak = s
			case !lead && weak == nil && p.leadTeaser(s):
				lead = true
			default:
				return weak
			}
		}
		switch cur.DataAtom {
		case atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot:
			// A table's rows and body: its cell and the table count.
		default:
			up++
		}
		cur = cur.Parent
		if cur == nil || cur.DataAtom == atom.Body {
			break
		}
	}
	return weak
}

// headingLike reports whether element n reads as the heading of what
// follows it: short text, not mostly links (a heading element may be one
// link), that names a block kind, is a heading element or, outside a
// paragraph, reads as a label rather than a sentence.
//
// named is set when the heading is a heading element or names a block kind.
func (p *page) headingLike(n *html.Node, named *bool) bool {
	st := p.stats.get(n)
	if st == nil || st.chars == 0 || st.chars > 60 {
		return false
	}
	text := headingText(n)
	*named = headingLevel(n) > 0 || namesBlock(text)
	if st.linkChars*2 > st.chars {
		// Mostly a link: a heading element, a link naming a block kind, or
		// a short bold link ("<div style=font-weight:bold><a>Opinion</a>").
		if st.links > 1 && headingLevel(n) == 0 {
			return false
		}
		if headingLevel(n) > 0 || isBlockHeading(text) {
			return true
		}
		w, c := wordCount(text)
		return w <= 3 && c <= 8 && emphasis(n) > 0
	}
	if *named || n.DataAtom == atom.Th {
		return true
	}
	// A paragraph reads as a heading only when bold through and through.
	return headingLikeText(text, n.DataAtom == atom.P && emphasis(n) == 0)
}

// rankLike reports a number with at most two letters around it: a rank or
// a count ("No.1", "Nr. 3", "1位", "第2"), not a heading ("Top 10").
func rankLike(t string) bool {
	letters, digits := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return digits > 0 && letters <= 2
}

// headingLikeText reports text that reads as a block heading: one naming a
// block kind, or unless strict a short label (six words, sixteen CJK
// characters at most) that is no sentence and no count.
func headingLikeText(t string, strict bool) bool {
	if namesBlock(t) {
		return true
	}
	t = strings.TrimRight(t, ".…")
	if strict || sentenceEnd(t) || strings.ContainsAny(t, "(（[") || !hasLetter(t) || rankLike(t) {
		return false // a sentence, a count, a rank number
	}
	w, c := wordCount(t)
	return w+c > 0 && w <= 6 && c <= 16
}

// namesBlock reports heading text that names a block kind: a block
// heading, or a short line of no sentence that holds a phrase of the
// vocabularies ("関連記事 こちらの記事も合わせてどうぞ").
func namesBlock(t string) bool {
	if len(t) > 160 || headingKind(t) == "" {
		return false
	}
	if w, c := wordCount(t); len(t) <= 60 && w <= 6 && c <= 12 && w+c > 0 {
		return true // isBlockHeading
	}
	return countChars(t) <= 40 && !sentenceEnd(t)
}

// moreLabels are the texts of the link that ends a list ("More »"), lower
// case, in the languages of the heading vocabularies.
var moreLabels = map[string]bool{
	"more": true, "see more": true, "view more": true, "read more": true, "show more": true, "load more": true,
	"see all": true, "view all": true, "show all": true, "all": true, "more news": true, "more stories": true,
	"更多": true, "查看更多": true, "更多新闻": true, "更多新聞": true, "もっと見る": true, "もっと読む": true, "一覧": true,
	"一覧へ": true, "더보기": true, "더 보기": true, "mehr": true, "alle": true, "weitere": true, "plus": true,
	"voir plus": true, "voir tout": true, "tout voir": true, "más": true, "ver más": true, "ver todo": true,
	"ver todos": true, "mais": true, "ver mais": true, "altro": true, "altri": true, "vedi tutti": true,
	"vedi tutto": true, "ещё": true, "еще": true, "все": true, "показать ещё": true, "показать еще": true,
}

// isMoreLabel reports the text of a "More »" link: a label of moreLabels,
// or arrows alone, or up to three words ending in an arrow ("More news »").
func isMoreLabel(s string) bool {
	arrow := func(r rune) bool {
		return r == '»' || r == '>' || r == '›' || r == '→' || r == '+' || r == '…' || r == '.' || r == '[' || r == ']' || isSpace(r)
	}
	t := strings.TrimFunc(s, arrow)
	if t == "" {
		return s != ""
	}
	if len(t) > 30 {
		return false
	}
	l := strings.ToLower(t)
	if moreLabels[l] || morePhrase(l) {
		return true
	}
	w, c := wordCount(l)
	for _, p := range morePrefixes {
		if strings.HasPrefix(l, p) && w <= 6 {
			return true // "More in Politics"
		}
	}
	return len(t) < len(strings.TrimSpace(s)) && w <= 3 && c <= 6 && strings.ContainsAny(s, "»>›→")
}

// moreWords are the words a label of a link to the rest of a list is made
// of, by role: 'm' more or all ("mehr", "tout", "更多"), 'v' a verb of
// seeing ("anzeigen", "voir", "查看", "見る"), 'n' what the list holds
// ("news", "новости", "文章"), 'f' an article or preposition. CJK words
// are read run together ("查看更多", "もっと見る", "더보기").
var moreWords = map[string]byte{
	"more": 'm', "all": 'm', "mehr": 'm', "alle": 'm', "weitere": 'm', "plus": 'm', "tout": 'm', "tous": 'm',
	"toutes": 'm', "más": 'm', "todo": 'm', "todos": 'm', "todas": 'm', "mais": 'm', "tudo": 'm', "altro": 'm',
	"altri": 'm', "altre": 'm', "tutti": 'm', "tutte": 'm', "tutto": 'm', "ещё": 'm', "еще": 'm', "все": 'm',
	"всё": 'm', "更多": 'm', "全部": 'm', "もっと": 'm', "すべて": 'm', "全て": 'm', "一覧": 'm', "더": 'm',
	"전체": 'm', "모두": 'm',
	"see": 'v', "view": 'v', "show": 'v', "read": 'v', "load": 'v', "browse": 'v', "anzeigen": 'v', "zeigen": 'v',
	"ansehen": 'v', "lesen": 'v', "laden": 'v', "voir": 'v', "afficher": 'v', "lire": 'v', "charger": 'v',
	"ver": 'v', "mostrar": 'v', "leer": 'v', "cargar": 'v', "veja": 'v', "vedi": 'v', "mostra": 'v', "leggi": 'v',
	"carica": 'v', "показать": 'v', "смотреть": 'v', "читать": 'v', "查看": 'v', "看": 'v', "見る": 'v',
	"読む": 'v', "表示": 'v', "보기": 'v',
	"news": 'n', "stories": 'n', "articles": 'n', "posts": 'n', "headlines": 'n', "nachrichten": 'n',
	"meldungen": 'n', "artikel": 'n', "beiträge": 'n', "actualités": 'n', "infos": 'n', "noticias": 'n',
	"artículos": 'n', "notícias": 'n', "artigos": 'n', "notizie": 'n', "articoli": 'n', "новости": 'n',
	"статьи": 'n', "материалы": 'n', "新闻": 'n', "新聞": 'n', "文章": 'n', "资讯": 'n', "記事": 'n', "ニュース": 'n',
	"뉴스": 'n', "기사": 'n',
	"the": 'f', "le": 'f', "la": 'f', "les": 'f', "de": 'f', "des": 'f', "las": 'f', "los": 'f', "as": 'f',
	"os": 'f', "die": 'f', "へ": 'f', "を": 'f', "の": 'f',
}

// morePhrase reports a lower-case label made of moreWords alone, at most
// four of them and one of them a "more" or "all": "alle anzeigen", "ver
// todas las noticias", "すべて見る". A verb or a noun alone ("read", "news")
// is no such label.
func morePhrase(l string) bool {
	n, more := 0, false
	for _, f := range strings.Fields(l) {
		for f != "" {
			w := longestMoreWord(f)
			if w == "" {
				return false
			}
			n++
			more = more || moreWords[w] == 'm'
			f = f[len(w):]
		}
	}
	return more && n <= 4
}

// longestMoreWord returns the longest word of moreWords that s begins with:
// the whole of s for a Latin word, a piece of a CJK run.
func longestMoreWord(s string) string {
	if _, ok := moreWords[s]; ok {
		return s
	}
	best := ""
	for i := range s {
		if i > 0 && i > len(best) && isCJKPrefix(s[:i]) {
			if _, ok := moreWords[s[:i]]; ok {
				best = s[:i]
			}
		}
	}
	return best
}

// isCJKPrefix reports whether s starts with a Han, kana or Hangul letter:
// only such runs are cut into words.
func isCJKPrefix(s string) bool {
	for _, r := range s {
		return r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul))
	}
	return false
}

// moreByShape reports, and unmarks, a last link of run r unlike the run's
// items in the way a link to the rest of the list is: its label half
// the headlines' length or less, three words (six CJK characters) at most,
// and it points to a listing (an address of no item's pattern) or ends in
// an arrow ("Nachrichten »"). A short last headline to an item's address
// stays an item.
func moreByShape(es []entry, r span) bool {
	last, chars, n := -1, 0, 0
	for i := r.from; i < r.to; i++ {
		if es[i].link {
			if last >= 0 {
				chars += countChars(es[last].title)
				n++
			}
			last = i
		}
	}
	if last < 0 || n < 2 {
		return false
	}
	e := &es[last]
	w, c := wordCount(e.title)
	if k := countChars(e.title); w > 3 || c > 6 || 2*k*n > chars {
		return false
	}
	arrow := strings.ContainsAny(e.title, "»›→")
	if !arrow && !listingHref(attr(e.a, "href")) {
		return false
	}
	if !arrow {
		for i := r.from; i < last; i++ {
			if es[i].link && listingHref(attr(es[i].a, "href")) {
				return false // the items point to listings too
			}
		}
	}
	e.link = false
	return true
}

// listingHref reports an address of a listing rather than of a story: the
// last part of its path has no digit, no file extension and at most one
// hyphen ("/sport/", "/news/world", "/tag/climate"), where a story's has
// an id, a date or a slug ("/news/harbour-works-begin/").
func listingHref(href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || strings.ContainsAny(u.RawQuery, "0123456789") {
		return false
	}
	path := strings.TrimRight(u.Path, "/")
	last := path[strings.LastIndexByte(path, '/')+1:]
	return !strings.ContainsAny(last, "0123456789.") && strings.Count(last, "-") <= 1
}

// morePrefixes begin the label of a link to the rest of a list ("More in
// Politics", "Mehr aus Berlin").
var morePrefixes = []string{
	"more in ", "more from ", "more on ", "more about ", "see all ", "view all ", "all stories", "mehr aus ",
	"mehr zu ", "weitere artikel", "plus de ", "voir tous", "más de ", "más en ", "mais de ", "mais em ", "altri articoli",
	"ещё из", "еще из", "все новости",
}

// inText reports whether container n sits in a paragraph whose text goes
// on around the run (chars of text): a widget in the text (a hover card),
// not a block of the page.
func (p *page) inText(n *html.Node, chars int) bool {
	for a := n; a != nil; a = a.Parent {
		if a.DataAtom == atom.P {
			st := p.stats.get(a)
			return st != nil && st.chars-chars > 20
		}
		if a.Type == html.ElementNode && isBlock(a) {
			return false
		}
	}
	return false
}

// hasWordRune reports whether s holds a letter or a digit.
func hasWordRune(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// resolve makes href absolute against base; "" for empty or fragment-only.
func resolve(base *url.URL, href string) string {
	href = baseurl.Clean(href)
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

// longWords counts the words of s of four letters or more: what a sentence
// has and a run of dates, times and counts ("2h ago · vor 1 Std.") has not.
func longWords(s string) int {
	n, run := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) && !cjkRune(r) {
			run++
			continue
		}
		if run >= 4 {
			n++
		}
		run = 0
	}
	if run >= 4 {
		n++
	}
	return n
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
	t, ok := soleText(n)
	if !ok {
		t = extraText(n)
	}
	if t == "" {
		t = nodeText(n)
	}
	t = strings.TrimRight(t, ":：>» ")
	// A "More" beside the heading that is no link ("Top stories More").
	if i := strings.LastIndexByte(t, ' '); i > 0 && moreLabels[strings.ToLower(t[i+1:])] {
		if head := strings.TrimRight(t[:i], ":：>» |"); headingKind(head) == headingKind(t) {
			t = head // not "Read more"
		}
	}
	return t
}
