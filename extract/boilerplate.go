package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// reCredit matches photo captions and credits.
var reCredit = regexp.MustCompile(`(?i)^(image|images|photo|photos|photograph|picture|foto|fotos|фото|credit|credits|bild|imagen|illustration|video)( copyright| credit| by| source)?\s*[:：]|\((image|photo|picture|foto|credit|pic)s?\s*(:|by|credit)[^)]*\)\.?$|\b(getty images|shutterstock|ap photo|afp via getty|image copyright|photo credit|file photo)\b|^(reuters|ap|afp|epa|getty|bloomberg|istock)(/| via )`)

// reCookie matches consent banners; isCookieBanner also asks for the words
// of consent, so a recipe's cookies stay.
var reCookie = regexp.MustCompile(`(?i)\bcookies?\b.{0,120}\b(use|using|accept|consent|agree|settings|policy|continu)|\b(use|using|accept|consent|agree)\b.{0,80}\bcookies?\b`)

// Boilerplate lines: whole lines, line openings and endings that are page
// chrome in any article, in several languages.
var (
	boilerLines = map[string]bool{
		"share": true, "share this": true,
		"share this article": true, "share this story": true, "share this page": true, "tweet": true,
		"print": true, "email": true, "e-mail": true, "comment": true, "comments": true,
		"leave a comment": true, "leave a reply": true, "related": true, "related articles": true,
		"related stories": true, "related posts": true, "read more": true, "read next": true,
		"more": true, "see also": true, "subscribe": true, "back to top": true, "image": true,
		"photo": true, "view": true, "views": true, "close": true, "caption": true, "next": true,
		"previous": true, "prev": true, "back to gallery": true, "enlarge this image": true,
		"toggle caption": true, "hide caption": true, "expand": true, "getty images": true,
		"skip to content": true, "skip to main content": true, "skip advertisement": true,
		"loading": true, "tags": true, "topics": true, "filed under": true, "image copyright": true,
	}
	// boilerPrefixes open a short line (120 bytes at most) of chrome.
	boilerPrefixes = []string{
		"share on ", "tags:", "tag:", "filed under:", "topics:", "topic:", "subscribe to ", "subscribe now",
		"sign up", "follow us", "click here", "loading", "scroll to continue", "continue reading",
		"copyright ", "© ", "(c) ", "all rights reserved", "ap photo", "reuters/", "newsletter",
		"we've updated our privacy", "we have updated our privacy", "views:", "this article was updated",
		"this story was updated", "this article has been updated", "this story has been updated",
		"this article was originally published", "this story was originally published",
		"join our", "have a tip", "citation:", "reading time:", "lesezeit:", "tiempo de lectura",
		"temps de lecture", "tempo de leitura",
	}
	// boilerSuffixes close a line of chrome: credits, legal notices, reading
	// times.
	boilerSuffixes = []string{"contributed to this report", "all rights reserved", "min read",
		"privacy policy", "terms of use", "terms of service", "user agreement", "cookie policy"}
	// boilerPhrases anywhere in a short block (200 bytes at most): the site's
	// own newsletters, reprint and copyright notices, contact lines, filing
	// labels, a leaked shortcode.
	boilerPhrases = []string{"subscribe to our", "to your inbox", "newsletter delivered",
		"for your personal, non-commercial use", "may not be reproduced", "prior written permission",
		"is subject to copyright", "requires javascript", "[/", "publicado por:", "posted by:",
		"published by:", "veröffentlicht von", "publié par", "categoria:", "category:", "kategorie:",
		"catégorie:", "categoría:", "©", "may be reached at", "follow him on twitter",
		"follow her on twitter", "follow us on", "let us know at"}
)

// isBoilerplate reports a line of page chrome: a label, a share or
// subscription prompt, a credit, a counter ("12 comments", "Image 1 of 8").
func isBoilerplate(text string) bool {
	l := strings.ToLower(strings.TrimSpace(text))
	l = strings.TrimRight(l, " .:!…")
	if boilerLines[l] || isAdLabel(l) {
		return true
	}
	if len(l) <= 120 {
		for _, p := range boilerPrefixes {
			if strings.HasPrefix(l, p) {
				return true
			}
		}
	}
	for _, p := range boilerSuffixes {
		if strings.HasSuffix(l, p) {
			return true
		}
	}
	if len(l) <= 200 && boilerSet.in(l) {
		return true
	}
	return hasDigit(l) && isCounterLine(l)
}

// adLabels are the words that label an advertisement or a paid placement
// in the languages of the news, lower case. They are page chrome only as a
// line of their own (the ad slot they head holds no text).
var adLabels = map[string]bool{
	"advertisement": true, "advertising": true, "advert": true, "ad": true, "ads": true,
	"sponsored": true, "sponsored content": true, "sponsored by": true, "paid content": true,
	"paid post": true, "promoted": true, "promoted content": true, "partner content": true,
	"story continues below advertisement": true, "article continues below advertisement": true,
	"continue reading below": true, "advertisement - scroll to continue": true,
	"advertisement - continue reading below": true, "pr": true,
	"anzeige": true, "werbung": true, "gesponsert": true, "sponsored post": true,
	"publicité": true, "annonce": true, "contenu sponsorisé": true, "sponsorisé": true,
	"publicidad": true, "anuncio": true, "contenido patrocinado": true, "patrocinado": true,
	"publicidade": true, "anúncio": true, "conteúdo patrocinado": true,
	"pubblicità": true, "annuncio": true, "contenuto sponsorizzato": true, "sponsorizzato": true,
	"advertentie": true, "gesponsord": true, "annons": true, "annonse": true, "reklame": true,
	"mainos": true, "reklama": true, "reklam": true, "hirdetés": true, "διαφήμιση": true,
	"реклама": true, "партнерский материал": true, "на правах рекламы": true,
	"реклама 18+": true, "реклама 16+": true, "реклама 12+": true, "реклама 6+": true, "реклама 0+": true,
	"广告": true, "廣告": true, "推广": true, "推廣": true, "赞助": true, "広告": true, "スポンサーリンク": true,
	"スポンサー": true, "プロモーション": true, "광고": true, "후원": true, "iklan": true,
	"quảng cáo": true, "โฆษณา": true, "إعلان": true, "اعلان": true, "פרסומת": true, "विज्ञापन": true,
}

// isAdLabel reports a line that is an advertisement's label alone:
// "Advertisement", "- Реклама -", "[PR]", "【広告】", "Реклама 18+".
func isAdLabel(l string) bool {
	if len(l) > 48 {
		return false
	}
	l = strings.TrimFunc(lower(l), isLabelDecoration)
	if adLabels[l] {
		return true
	}
	if !strings.Contains(l, "  ") && !strings.ContainsFunc(l, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) {
		return false
	}
	// Words set apart by runs of spaces, tabs, no-break spaces.
	return adLabels[strings.Join(strings.Fields(l), " ")]
}

// adSlotInStory reports an ad label (block i) that labels a slot inside
// the story, not a box of paid teasers after it: the story goes on after
// it (past a share bar, another slot), in the container of the story's
// paragraph before it, in one beside that, or in one around it.
func adSlotInStory(bs []tblock, i int) bool {
	if !isAdLabel(bs[i].text) {
		return false
	}
	next := -1
	for j := i + 1; j < len(bs); j++ {
		if bs[j].class == clsGood {
			next = j
			break
		}
	}
	if next < 0 {
		return false
	}
	for j := i - 1; j >= 0; j-- {
		if bs[j].class == clsGood {
			// The same flow, a box beside it, or a box set inside it (a
			// sign-up box in the story, then the slot, then the story).
			a, b := storyBox(&bs[j]), storyBox(&bs[next])
			return a == b || a != nil && b != nil && (a.Parent == b.Parent || hasAncestor(a, b))
		}
	}
	return false
}

// storyBox is the element whose flow a block is part of: its container,
// or for lines set loose beside blocks (text and <br>s between <p>s) the
// element that holds them.
func storyBox(b *tblock) *html.Node {
	if b.elem != nil && !b.li && isBlockContainer(b.elem) {
		return b.elem
	}
	return container(b)
}

// isLabelDecoration reports the marks set around a label: spaces, dashes,
// brackets, colons, bullets. A question or an exclamation is no label.
func isLabelDecoration(r rune) bool {
	return unicode.IsSpace(r) || r != '?' && r != '!' && r != '？' && r != '！' && r != '+' &&
		(unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// isCounterLine matches "12 comments", "1 / 8", "3 of 10", "image 1 of 8".
func isCounterLine(l string) bool {
	if moreFields(l, 5) {
		return false // a sentence
	}
	f := strings.Fields(l)
	if len(f) == 0 || len(f) > 5 {
		return false
	}
	num := func(s string) bool {
		if s == "" {
			return false
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	switch len(f) {
	case 1:
		if i := strings.IndexByte(f[0], '/'); i > 0 {
			return num(f[0][:i]) && num(f[0][i+1:])
		}
	case 2:
		return num(f[0]) && (f[1] == "comment" || f[1] == "comments" || f[1] == "views" || f[1] == "shares")
	case 3:
		return num(f[0]) && (f[1] == "/" || f[1] == "of") && num(f[2])
	case 4, 5:
		switch f[0] {
		case "image", "photo", "slide", "picture", "foto":
			// "image 1 of 8", "photo 2 / 10", "slide 3 of / 8"
			return num(f[1]) && (f[2] == "of" || f[2] == "/") && (num(f[3]) || f[3] == "/")
		}
	}
	return false
}

// moreFields reports whether s has more than n fields as strings.Fields
// splits it, without splitting it.
func moreFields(s string, n int) bool {
	fields, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			if fields++; fields > n {
				return true
			}
			in = true
		}
	}
	return false
}

// creditWords are in every photo credit reCredit matches: a cheap test
// before the expression.
var creditWords = []string{"image", "photo", "picture", "foto", "фото", "credit", "bild", "imagen",
	"illustration", "video", "getty", "shutterstock", "ap/", "ap via", "afp", "copyright", "reuters",
	"epa", "bloomberg", "istock", "(pic"}

var creditSet, boilerSet = newPhraseSet(creditWords), newPhraseSet(boilerPhrases)

func isCredit(text string) bool {
	var buf lowerBuf
	return creditSet.in(lowerInto(&buf, text)) && reCredit.MatchString(text)
}

// bylineWords open every byline reByPrefix matches.
var bylineWords = []string{"by", "written", "von", "por", "par", "di", "door", "av", "autor", "author",
	"text", "текст", "автор", "文/", "记者", "作者"}

func isByline(text string) bool {
	return hasBylineWord(text) && reByPrefix.MatchString(text)
}

// hasBylineWord reports text that opens with a byline word.
func hasBylineWord(text string) bool {
	var buf lowerBuf
	l := lowerInto(&buf, text)
	for _, w := range bylineWords {
		if strings.HasPrefix(l, w) {
			// A whole word: "par Jean", not "Paragraph".
			r, _ := utf8.DecodeRuneInString(l[len(w):])
			if len(l) == len(w) || !unicode.IsLetter(r) || cjkRune(r) {
				return true
			}
		}
	}
	return false
}

var consentWords = []string{"website", "site", "browser", "browsing", "experience", "consent", "privacy"}

func isCookieBanner(text string) bool {
	if !mayHoldLower(text, "cookie") {
		return false
	}
	l := strings.ToLower(text)
	return strings.Contains(l, "cookie") && containsAny(l, consentWords) && reCookie.MatchString(text)
}

// mayHoldLower reports whether strings.ToLower(s) may hold word, an ASCII
// lower-case word, without lowering s: s holds it in any case, or holds
// one of the two runes that lower to ASCII letters (U+0130 İ and U+212A
// Kelvin), whose cases are left to the full test.
func mayHoldLower(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return strings.Contains(s, "\u0130") || strings.Contains(s, "\u212a")
}

// closingHeadings name what follows an article and is not part of it: its
// reader comments, the next or previous post, a box about the author or
// the site. Used only on a short line standing alone (closingLine).
var closingHeadings = []string{
	// Comments.
	"comments", "comment", "leave a reply", "leave a comment", "post a comment", "add a comment",
	"join the discussion", "join the conversation", "reader comments", "responses", "kommentare",
	"kommentar", "kommentieren", "commentaires", "commentaire", "laisser un commentaire",
	"comentarios", "comentários", "deja un comentario", "deixe um comentário", "commenti",
	"lascia un commento", "комментарии", "комментариев", "评论", "評論", "留言", "コメント", "댓글",
	// The posts around this one.
	"next post", "previous post", "older post", "newer post", "older posts", "newer posts",
	"next article", "previous article", "next story", "previous story", "nächster beitrag",
	"vorheriger beitrag", "nächster artikel", "vorheriger artikel", "article suivant",
	"article précédent", "entrada siguiente", "entrada anterior", "artículo siguiente",
	"artículo anterior", "próximo post", "post anterior", "articolo successivo",
	"articolo precedente", "следующая статья", "предыдущая статья", "下一篇", "上一篇",
	"次の記事", "前の記事", "다음 글", "이전 글",
	// Boxes about the author or the site.
	"about the author", "about this site", "about this blog", "about us", "about me",
	"über den autor", "über die autorin", "über uns", "à propos de l'auteur", "à propos",
	"sobre el autor", "sobre nosotros", "sobre o autor", "l'autore", "chi siamo", "об авторе",
	"о нас", "关于我们", "作者简介", "關於我們", "著者について", "プロフィール", "저자 소개",
}

// isClosingHeading reports a heading of what follows an article: its words
// are one of closingHeadings, alone or with a count ("12 comments",
// "Comments (3)").
func isClosingHeading(text string) bool {
	l := strings.ToLower(strings.TrimSpace(text))
	l = strings.TrimFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && !cjkRune(r) })
	l = strings.TrimLeft(l, "0123456789 ")
	if w, c := wordCount(l); w > 5 || c > 8 || w+c == 0 {
		return false
	}
	for _, h := range closingHeadings {
		if l == h {
			return true
		}
		// "Comments (3)", "3 Kommentare zu …" stays out: only a count.
		if strings.HasPrefix(l, h) && strings.Trim(l[len(h):], " ()（）[]0123456789:：") == "" {
			return true
		}
	}
	return false
}
