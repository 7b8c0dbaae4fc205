package markup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cardWords are the texts a story card shows besides its headline: a
// section label and a one-sentence summary, by language. Written for this
// generator.
var cardWords = map[string]map[string][]string{
	"section": {
		"en": {"World", "Business", "Sports", "Tech"}, "zh": {"国际", "财经", "体育"}, "ja": {"国際", "経済", "スポーツ"},
		"ko": {"국제", "경제", "스포츠"}, "de": {"Politik", "Wirtschaft", "Sport"}, "fr": {"Monde", "Économie", "Sport"},
		"es": {"Mundo", "Economía", "Deportes"}, "pt": {"Mundo", "Economia", "Esportes"}, "it": {"Mondo", "Economia", "Sport"},
		"ru": {"В мире", "Экономика", "Спорт"},
	},
	"summary": {
		"en": {"Officials said the plan would be reviewed again before the end of the year.", "The decision follows months of talks between the two sides."},
		"zh": {"有关部门表示，该计划将在年底前再次进行审议。", "这一决定是在双方数月谈判之后作出的。"},
		"ja": {"当局者によると、計画は年末までに改めて検討されるという。", "双方の数カ月にわたる協議を経ての決定となった。"},
		"ko": {"당국은 연말 전에 계획을 다시 검토할 것이라고 밝혔다.", "이번 결정은 양측의 수개월에 걸친 협상 끝에 나왔다."},
		"de": {"Der Plan soll nach Angaben der Behörden vor Jahresende erneut geprüft werden.", "Der Entscheidung gingen monatelange Gespräche voraus."},
		"fr": {"Le projet sera de nouveau examiné avant la fin de l'année, selon les autorités.", "La décision intervient après des mois de discussions."},
		"es": {"Las autoridades dijeron que el plan se revisará de nuevo antes de fin de año.", "La decisión llega tras meses de negociaciones entre ambas partes."},
		"pt": {"As autoridades disseram que o plano será revisto antes do fim do ano.", "A decisão surge após meses de conversas entre as duas partes."},
		"it": {"Secondo le autorità il piano sarà riesaminato prima della fine dell'anno.", "La decisione arriva dopo mesi di trattative tra le due parti."},
		"ru": {"По словам чиновников, план будет пересмотрен до конца года.", "Решение принято после нескольких месяцев переговоров."},
	},
}

// pageLang returns the language of the page's <html lang> among
// Languages, English when it names none of them.
func (p *Page) pageLang() string {
	lang := ""
	walk(p.doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			lang, _ = getAttr(n, "lang")
			return false
		}
		return true
	})
	lang = strings.ToLower(lang)
	for _, l := range Languages {
		if strings.HasPrefix(lang, l) {
			return l
		}
	}
	return "en"
}

// cardable reports whether each item of b can become a card: a list item
// or cell that takes the card's parts inside, or an item among blocks that
// a card can stand in for.
func cardable(b *block) bool {
	l, items := b.items()
	if l == nil || len(b.anchors) < 2 {
		return false
	}
	for i, it := range items {
		switch {
		case it.DataAtom == atom.Li || it.DataAtom == atom.Td || it.DataAtom == atom.Th || it.DataAtom == atom.Dd:
		case it.DataAtom == atom.Tr:
			return false
		case !flowParent(it.Parent):
			return false
		}
		if phrasing(b.anchors[i].Parent) && b.anchors[i].Parent != it && !within(b.anchors[i].Parent, it) {
			return false
		}
	}
	return true
}

// itemCards sets one block's items as story cards, as portals lay them
// out: a card element (article, div, a custom element) holding a
// thumbnail (a second link to the story, with the headline only in its
// title or aria-label, or the picture inside the headline link), the
// headline in a heading element (or a heading inside the link), and some
// of a section label, a time and a summary sentence. The block's links,
// their texts and targets stay as they were.
func itemCards(p *Page, r *rand.Rand) (string, bool) {
	var cands []*block
	for _, b := range p.blocks {
		if cardable(b) {
			cands = append(cands, b)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	b := pick(r, cands)
	_, items := b.items()
	lang := p.pageLang()
	tag := pick(r, []string{"article", "div", "div", "news-card", "x-teaser"})
	thumb := pick(r, []string{"none", "link", "link-label", "in-link", "amp-img", "picture"})
	head := pick(r, []string{"none", "h3", "h4", "a>h3", "div"})
	parts := sample(r, []string{pick(r, []string{"section", "section-link"}), "time", "summary"}, 0.4)
	if r.IntN(4) == 0 {
		parts = nil
	}
	for i, it := range items {
		a := b.anchors[i]
		card := elem(tag, "class", "c"+randomName(r))
		switch it.DataAtom {
		case atom.Li, atom.Td, atom.Th, atom.Dd:
			moveChildren(it, card)
			it.AppendChild(card)
		default:
			wrap(it, card)
		}
		p.cardHeadline(a, card, head)
		p.cardThumb(a, card, thumb, i, r)
		for _, part := range parts {
			p.cardPart(a, card, part, lang, i, r)
		}
	}
	return fmt.Sprintf("block %d %q: <%s> cards, thumbnail %s, headline %s, %s", b.idx, b.want, tag, thumb, head, strings.Join(parts, "+")), true
}

// cardHeadline sets the headline link a in a heading element of the card
// (or a heading inside the link), when a stands among blocks.
func (p *Page) cardHeadline(a, card *html.Node, head string) {
	if head == "none" || phrasing(a.Parent) {
		return
	}
	if head == "a>h3" {
		h := elem("h3")
		moveChildren(a, h)
		a.AppendChild(h)
		return
	}
	wrap(a, elem(head, "class", "t"))
}

// cardThumb gives the card a picture of the story.
func (p *Page) cardThumb(a, card *html.Node, thumb string, i int, r *rand.Rand) {
	src := fmt.Sprintf("/uploads/%s/%d.jpg", randomName(r), 1000+i)
	img := elem("img", "src", src, "alt", "", "loading", "lazy")
	switch thumb {
	case "none":
		return
	case "in-link":
		a.InsertBefore(img, a.FirstChild)
		return
	case "amp-img":
		img = elem("amp-img", "src", src, "width", "160", "height", "90", "layout", "responsive")
	case "picture":
		pic := elem("picture")
		pic.AppendChild(elem("source", "srcset", strings.TrimSuffix(src, ".jpg")+".webp", "type", "image/webp"))
		pic.AppendChild(img)
		img = pic
	}
	href, _ := getAttr(a, "href")
	link := elem("a", "href", href, "class", "thumb")
	if thumb == "link-label" {
		// The headline only in attributes: the link shows no text.
		t := collapse(visibleText(a))
		setAttr(link, pick(r, []string{"title", "aria-label"}), t)
		setAttr(img, "alt", t)
	}
	// A parser keeps the attributes of a link sorted.
	slices.SortFunc(link.Attr, func(x, y html.Attribute) int { return strings.Compare(x.Key, y.Key) })
	link.AppendChild(img)
	card.InsertBefore(link, card.FirstChild)
}

// cardPart adds a section label (text or a link to the section), a time or
// a summary sentence to the card, where cards show them.
func (p *Page) cardPart(a, card *html.Node, part, lang string, i int, r *rand.Rand) {
	inline := phrasing(card) || phrasing(a.Parent) && !within(card, a.Parent)
	var n *html.Node
	switch part {
	case "section", "section-link":
		n = elem("span", "class", "cat")
		s := word(cardWords, "section", lang, r)
		if part == "section-link" {
			l := elem("a", "href", p.ref("/"+randomName(r)+"/"))
			l.AppendChild(text(s))
			n.AppendChild(l)
		} else {
			n.AppendChild(text(s))
		}
	case "time":
		n = elem("time", "datetime", fmt.Sprintf("2025-03-%02dT0%d:15:00", 10+i%18, i%10))
		n.AppendChild(text(pick(r, []string{fmt.Sprintf("2025-03-%02d", 10+i%18), fmt.Sprintf("%d hours ago", 2+i), fmt.Sprintf("03/%02d/2025", 10+i%18)})))
	case "summary":
		tag := "p"
		if inline {
			tag = "span"
		}
		n = elem(tag, "class", "excerpt")
		n.AppendChild(text(word(cardWords, "summary", lang, r)))
	}
	where := card.FirstChild
	if part == "time" || part == "summary" {
		where = nil // after the headline
	}
	card.InsertBefore(text(" "), where)
	card.InsertBefore(n, where)
	card.InsertBefore(text(" "), where)
}
