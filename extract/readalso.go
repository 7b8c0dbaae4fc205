package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A "Read also" line set between a story's paragraphs — a label and one
// headline link, nothing else ("Lesen Sie auch: <a>…</a>") — points to
// another story: it is no sentence of this one. readAlsoLine tells it by
// its structure (the whole line but the label is one link) and the label's
// words in the ten languages of the news.

// readAlsoLabels open a line that points to another story (lower case).
var readAlsoLabels = []string{
	"read also", "also read", "see also", "related", "read more", "more on this", "more:", "also:",
	"lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "siehe auch",
	"à lire aussi", "a lire aussi", "lire aussi", "voir aussi", "lire la suite",
	"lee también", "lea también", "ver también", "lee más", "leia também", "leia mais", "veja também",
	"leggi anche", "vedi anche", "leggi di più", "читайте также", "смотрите также", "читайте ещё", "читайте еще",
	"相关阅读", "相關閱讀", "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "相关新闻", "相關新聞",
	"あわせて読みたい", "併せて読みたい", "関連記事", "関連ニュース",
	"함께 보면 좋은 기사", "함께 읽으면 좋은 기사", "관련 기사", "관련기사",
}

// readAlsoSeps may stand between the label and the link.
const readAlsoSeps = " \u00a0:：»›>|-–—•·"

// readAlsoLine reports a block that is a read-also label followed by one
// headline link and nothing else.
func readAlsoLine(b *tblock) bool {
	if b.elem == nil || b.linkChars == 0 || b.chars > 200 || b.density() < 0.4 {
		return false
	}
	text := collapse(b.text)
	low := lower(text)
	rest := ""
	for _, l := range readAlsoLabels {
		if strings.HasPrefix(low, l) {
			rest = strings.TrimLeft(text[len(l):], readAlsoSeps)
			break
		}
	}
	if rest == "" {
		return false
	}
	link, n := "", 0
	var walk func(e *html.Node)
	walk = func(e *html.Node) {
		for c := e.FirstChild; c != nil && n < 2; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				if t := collapse(textOf(c)); t != "" {
					link, n = t, n+1
				}
				continue
			}
			walk(c)
		}
	}
	walk(b.elem)
	// The link is the headline alone, or the label and the headline.
	return n == 1 && (link == rest || link == text)
}
