package markup

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// insertWords are the texts of boxes set inside a story: a "Read also"
// teaser's label, a newsletter box's heading, blurb and button, a
// picture's caption. Written for this generator.
var insertWords = map[string]map[string]string{
	"read-also": {"en": "Read also:", "zh": "延伸阅读：", "ja": "あわせて読みたい：", "ko": "함께 읽기:", "de": "Lesen Sie auch:",
		"fr": "Lire aussi :", "es": "Lea también:", "pt": "Leia também:", "it": "Leggi anche:", "ru": "Читайте также:"},
	"newsletter": {"en": "Sign up for our morning newsletter", "de": "Jetzt den Newsletter abonnieren", "fr": "Inscrivez-vous à notre newsletter",
		"es": "Suscríbete a nuestro boletín", "zh": "订阅我们的新闻简报", "ja": "ニュースレターに登録する",
		"ko": "뉴스레터 구독하기", "pt": "Assine a nossa newsletter", "it": "Iscriviti alla nostra newsletter", "ru": "Подпишитесь на нашу рассылку"},
	"blurb": {"en": "The day's top stories in your inbox every morning.", "de": "Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach.",
		"fr": "L'essentiel de l'actualité chaque matin dans votre boîte mail.", "es": "Las noticias más importantes cada mañana en tu correo.",
		"zh": "每天早上把最重要的新闻发送到您的邮箱。", "ja": "毎朝、主要ニュースをメールでお届けします。",
		"ko": "매일 아침 주요 뉴스를 메일로 보내 드립니다.", "pt": "As principais notícias todas as manhãs no seu e-mail.",
		"it": "Le notizie principali ogni mattina nella tua casella di posta.", "ru": "Главные новости каждое утро на вашу почту."},
	"subscribe": {"en": "Subscribe", "de": "Abonnieren", "fr": "S'inscrire", "es": "Suscribirse", "zh": "订阅", "ja": "登録",
		"ko": "구독", "pt": "Assinar", "it": "Iscriviti", "ru": "Подписаться"},
	"caption": {"en": "The new terminal seen from the harbour on Tuesday.", "de": "Das neue Terminal am Dienstag vom Hafen aus gesehen.",
		"fr": "Le nouveau terminal vu depuis le port mardi.", "es": "La nueva terminal vista desde el puerto el martes.",
		"zh": "周二从港口看到的新航站楼。", "ja": "火曜日に港から見た新しいターミナル。",
		"ko": "화요일 항구에서 바라본 새 터미널.", "pt": "O novo terminal visto do porto na terça-feira.",
		"it": "Il nuovo terminal visto dal porto martedì.", "ru": "Новый терминал, вид с гавани во вторник."},
}

// insertWord returns the text of concept in lang, else in English.
func insertWord(concept, lang string) string {
	if s, ok := insertWords[concept][lang]; ok {
		return s
	}
	return insertWords[concept]["en"]
}

// storyInserts sets boxes between the body's paragraphs that are not the
// story: a "Read also: <link>" teaser, a newsletter sign-up box, a social
// embed's placeholder (an iframe, no text) and a picture with its caption.
// The body gains none of their text and the blocks do not change.
func storyInserts(p *Page, r *rand.Rand) (string, bool) {
	gaps := p.paraGaps()
	if len(gaps) == 0 {
		return "", false
	}
	var notes []string
	for range 1 + r.IntN(3) {
		at := pick(r, gaps)
		kind := pick(r, []string{"read-also", "newsletter", "embed", "figure"})
		lang := pick(r, Languages)
		at.Parent.InsertBefore(p.insert(kind, lang, r), at)
		notes = append(notes, kind+" "+lang)
	}
	return strings.Join(notes, ", "), true
}

// paraGaps returns the paragraphs that follow another paragraph in the same
// flow parent: what a box can be inserted before.
func (p *Page) paraGaps() []*html.Node {
	var gaps []*html.Node
	for i := 1; i < len(p.paras); i++ {
		n := p.paras[i]
		if n != p.paras[i-1] && n.Parent != nil && n.Parent == p.paras[i-1].Parent && flowParent(n.Parent) {
			gaps = append(gaps, n)
		}
	}
	return gaps
}

// insert builds one box of the given kind.
func (p *Page) insert(kind, lang string, r *rand.Rand) *html.Node {
	cls := func(meaningful string) []string {
		switch r.IntN(3) {
		case 0:
			return []string{"class", meaningful}
		case 1:
			return []string{"class", randomName(r)}
		}
		return nil
	}
	switch kind {
	case "read-also":
		box := elem(pick(r, []string{"p", "div", "aside"}), cls("read-also")...)
		lbl := elem(pick(r, []string{"strong", "b", "span"}))
		lbl.AppendChild(text(insertWord("read-also", lang)))
		box.AppendChild(lbl)
		box.AppendChild(text(" "))
		a := elem("a", "href", p.ref(fmt.Sprintf("/2024/01/%02d/another-story-%s.html", 1+r.IntN(28), randomName(r))))
		a.AppendChild(text(pick(r, []string{"Harbour tunnel plans shelved after costs double",
			"What the new budget means for commuters", "Council to review parking fees at the marina"})))
		box.AppendChild(a)
		return box
	case "newsletter":
		box := elem(pick(r, []string{"div", "aside", "section"}), cls("newsletter")...)
		h := elem(pick(r, []string{"h3", "h4", "strong", "div"}))
		h.AppendChild(text(insertWord("newsletter", lang)))
		box.AppendChild(h)
		bl := elem("p")
		bl.AppendChild(text(insertWord("blurb", lang)))
		box.AppendChild(bl)
		form := elem("form", "action", "/newsletter/subscribe", "method", "post")
		form.AppendChild(elem("input", "type", "email", "name", "email", "placeholder", "name@example.com"))
		btn := elem("button", "type", "submit")
		btn.AppendChild(text(insertWord("subscribe", lang)))
		form.AppendChild(btn)
		box.AppendChild(form)
		return box
	case "embed":
		box := elem("div", cls("social-embed")...)
		src := pick(r, []string{"https://www.instagram.com/p/", "https://platform.twitter.com/embed/Tweet.html?id=", "https://www.tiktok.com/embed/v2/"})
		box.AppendChild(elem("iframe", "src", src+randomName(r), "width", "500", "height", "600", "frameborder", "0", "loading", "lazy"))
		return box
	}
	fig := elem("figure", cls("figure")...)
	fig.AppendChild(elem("img", "src", "https://media.example.net/"+randomName(r)+".jpg", "alt", "", "width", "800", "height", "533"))
	cap := elem("figcaption")
	cap.AppendChild(text(insertWord("caption", lang)))
	fig.AppendChild(cap)
	return fig
}

// ref writes a site path as the page's links are written: absolute.
func (p *Page) ref(path string) string {
	u := *p.url
	u.Path, u.RawQuery, u.Fragment = path, "", ""
	return u.String()
}

// softBreaks sets soft hyphens (U+00AD) and <wbr> inside long words of a
// few body paragraphs, and lang and dir attributes on paragraphs: a reader
// sees the same words.
func softBreaks(p *Page, r *rand.Rand) (string, bool) {
	var nodes []*html.Node
	seen := map[*html.Node]bool{}
	for _, para := range p.paras {
		walk(para, func(n *html.Node) bool {
			if n.Type == html.TextNode && n.Parent != nil && n.Parent.Type == html.ElementNode && !seen[n] {
				seen[n] = true
				nodes = append(nodes, n)
			}
			return n.Type != html.ElementNode || !hidden(n)
		})
	}
	shy, wbr, attrs := 0, 0, 0
	for _, n := range nodes {
		if r.IntN(3) > 0 {
			continue
		}
		s, w := breakWords(n, r)
		shy, wbr = shy+s, wbr+w
	}
	for _, para := range p.paras {
		if para.Type == html.ElementNode && r.IntN(4) == 0 {
			setAttr(para, "lang", pick(r, []string{"en", "de-DE", "zh-Hans", "und"}))
			setAttr(para, "dir", pick(r, []string{"ltr", "auto"}))
			attrs++
		}
	}
	if shy+wbr+attrs == 0 {
		return "", false
	}
	return fmt.Sprintf("%d soft hyphens, %d <wbr>, %d lang/dir", shy, wbr, attrs), true
}

// breakWords breaks up to three long words of text node n, each with a soft
// hyphen or, splitting the node, a <wbr>.
func breakWords(n *html.Node, r *rand.Rand) (shy, wbr int) {
	rs := []rune(n.Data)
	var cuts []int // rune offsets inside long words
	run := 0
	for i, c := range rs {
		if unicode.IsLetter(c) {
			run++
			if run == 5 && i+3 < len(rs) && unicode.IsLetter(rs[i+1]) && unicode.IsLetter(rs[i+2]) {
				cuts = append(cuts, i+1)
			}
			continue
		}
		run = 0
	}
	if len(cuts) == 0 {
		return 0, 0
	}
	cuts = sample(r, cuts, 0.3)
	if len(cuts) > 3 {
		cuts = cuts[:3]
	}
	var parts []string
	last := 0
	for _, c := range cuts {
		parts = append(parts, string(rs[last:c]))
		last = c
	}
	parts = append(parts, string(rs[last:]))
	n.Data = parts[0]
	at := n
	for _, s := range parts[1:] {
		if r.IntN(2) == 0 {
			at.Data += "\u00ad" + s
			shy++
			continue
		}
		br, t := elem("wbr"), text(s)
		at.Parent.InsertBefore(br, at.NextSibling)
		at.Parent.InsertBefore(t, br.NextSibling)
		at = t
		wbr++
	}
	return shy, wbr
}
