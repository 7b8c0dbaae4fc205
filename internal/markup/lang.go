package markup

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Languages the translation transformation writes block headings and page
// labels in.
var Languages = []string{"en", "zh", "ja", "ko", "de", "fr", "es", "pt", "it", "ru"}

// headingWords are block headings as sites write them, by block kind and
// language; a translated heading is one of them. Written for this
// generator, from what news sites in each language print over such lists,
// not from the extractor's vocabulary.
var headingWords = map[string]map[string][]string{
	"related": {
		"en": {"Related", "Related articles", "Related stories", "See also"},
		"zh": {"相关新闻", "相关文章", "相关阅读"},
		"ja": {"関連記事", "関連ニュース"},
		"ko": {"관련 기사", "관련기사"},
		"de": {"Mehr zum Thema", "Verwandte Artikel", "Passend zum Thema"},
		"fr": {"À lire aussi", "Articles liés", "Sur le même sujet"},
		"es": {"Noticias relacionadas", "Lee también", "Artículos relacionados"},
		"pt": {"Notícias relacionadas", "Leia também", "Veja também"},
		"it": {"Articoli correlati", "Leggi anche", "Notizie correlate"},
		"ru": {"Читайте также", "Похожие новости", "По теме"},
	},
	"ranking": {
		"en": {"Most read", "Most popular", "Trending", "Ranking"},
		"zh": {"点击排行", "热门文章", "排行榜"},
		"ja": {"アクセスランキング", "人気記事", "ランキング"},
		"ko": {"많이 본 뉴스", "인기 기사", "랭킹"},
		"de": {"Meistgelesen", "Beliebteste Artikel", "Meist gelesen"},
		"fr": {"Les plus lus", "Articles les plus populaires", "Les plus consultés"},
		"es": {"Lo más leído", "Más leídas", "Lo más visto"},
		"pt": {"Mais lidas", "Mais vistas", "Mais populares"},
		"it": {"I più letti", "Più lette", "Più popolari"},
		"ru": {"Самое читаемое", "Популярное", "Популярные новости"},
	},
	"recommendation": {
		"en": {"Recommendation", "Recommended for you", "You may also like", "Editor's picks"},
		"zh": {"推荐阅读", "猜你喜欢", "编辑推荐"},
		"ja": {"おすすめ記事", "おすすめ", "編集部のおすすめ"},
		"ko": {"추천 기사", "추천 뉴스", "에디터 추천"},
		"de": {"Empfehlungen", "Unsere Empfehlung", "Empfohlene Artikel", "Das könnte Sie auch interessieren"},
		"fr": {"Nous vous recommandons", "Recommandé pour vous", "À ne pas manquer"},
		"es": {"Te puede interesar", "Recomendados", "No te pierdas"},
		"pt": {"Recomendados", "Você pode gostar", "Recomendamos"},
		"it": {"Consigliati", "Potrebbe interessarti", "Consigliati per te"},
		"ru": {"Рекомендуем", "Рекомендуемые статьи", "Вам может понравиться"},
	},
	"more": {
		"en": {"More stories", "More news", "Latest news"},
		"zh": {"更多新闻", "最新新闻"},
		"ja": {"その他のニュース", "新着記事"},
		"ko": {"다른 기사", "최신 기사"},
		"de": {"Weitere Nachrichten", "Neueste Meldungen"},
		"fr": {"Autres actualités", "Dernières actualités"},
		"es": {"Otras noticias", "Últimas noticias"},
		"pt": {"Outras notícias", "Últimas notícias"},
		"it": {"Altre notizie", "Ultime notizie"},
		"ru": {"Другие новости", "Последние новости"},
	},
}

// labelWords are page labels by concept and language. Any form is
// recognised on a page; a translation writes the first form of the target
// language. "views" must be the whole label; the others are followed by
// what they label.
var labelWords = map[string]map[string][]string{
	"date": {
		"en": {"Date:", "Published:"}, "zh": {"日期：", "发布时间：", "时间："}, "ja": {"日付：", "配信日時："},
		"ko": {"날짜:", "입력:"}, "de": {"Datum:", "Veröffentlicht:"}, "fr": {"Date :", "Publié le"},
		"es": {"Fecha:", "Publicado:"}, "pt": {"Data:", "Publicado em"}, "it": {"Data:", "Pubblicato il"},
		"ru": {"Дата:", "Опубликовано:"},
	},
	"trail": {
		"en": {"Current:", "You are here:"}, "zh": {"当前位置：", "您的位置："}, "ja": {"現在位置：", "現在地："},
		"ko": {"현재 위치:"}, "de": {"Sie sind hier:"}, "fr": {"Vous êtes ici :"}, "es": {"Estás en:"},
		"pt": {"Você está em:"}, "it": {"Sei qui:", "Ti trovi in:"}, "ru": {"Вы здесь:"},
	},
	"views": {
		"en": {"View", "Views"}, "zh": {"浏览", "阅读"}, "ja": {"閲覧数"}, "ko": {"조회수"}, "de": {"Aufrufe"},
		"fr": {"Vues"}, "es": {"Vistas"}, "pt": {"Visualizações"}, "it": {"Visualizzazioni"},
		"ru": {"Просмотры"},
	},
	"share": {
		"en": {"Share:", "Share this article:"}, "zh": {"分享到：", "分享："}, "ja": {"この記事をシェアする", "シェア："},
		"ko": {"공유하기"}, "de": {"Teilen:"}, "fr": {"Partager :"}, "es": {"Compartir:"}, "pt": {"Compartilhe:"},
		"it": {"Condividi:"}, "ru": {"Поделиться:"},
	},
	"ad": {
		"en": {"Advertisement", "Sponsored"}, "zh": {"广告"}, "ja": {"広告", "スポンサーリンク"}, "ko": {"광고"},
		"de": {"Anzeige", "Werbung"}, "fr": {"Publicité"}, "es": {"Publicidad"}, "pt": {"Publicidade"},
		"it": {"Pubblicità"}, "ru": {"Реклама"},
	},
}

// word returns a random form of a concept in a language.
func word(table map[string]map[string][]string, concept, lang string, r *rand.Rand) string {
	forms := table[concept][lang]
	return forms[r.IntN(len(forms))]
}

// findLabels finds the page labels in text nodes of the body that are not
// links, the headline, a body paragraph or a block heading.
func (p *Page) findLabels() {
	b := body(p.doc)
	if b == nil {
		return
	}
	roles := p.roles()
	walk(b, func(n *html.Node) bool {
		if hidden(n) || n.Type == html.ElementNode && (n.DataAtom == atom.A || roles[n]) {
			return false
		}
		if n.Type != html.TextNode {
			return true
		}
		for _, concept := range []string{"trail", "views", "date", "share"} {
			for _, lang := range Languages { // in order: the variants must not depend on map order
				for _, f := range labelWords[concept][lang] {
					if labelAt(n.Data, f, concept == "views") >= 0 {
						p.labels = append(p.labels, &label{node: n, concept: concept, form: f})
					}
				}
			}
		}
		return true
	})
}

// labelAt returns where the label f starts in s (-1 when it does not): at
// the start of s or after a space, and when whole, followed by a space or
// the end.
func labelAt(s, f string, whole bool) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], f)
		if i < 0 {
			return -1
		}
		i += off
		off = i + 1
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); !isSpace(r) && r != '|' {
				continue
			}
		}
		if whole && i+len(f) < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[i+len(f):]); !isSpace(r) {
				continue
			}
		}
		return i
	}
	return -1
}

// setText puts s in place of the text of heading element n, keeping the
// white space around the first text node's words.
func setText(n *html.Node, s string) {
	first := true
	walk(n, func(c *html.Node) bool {
		if hidden(c) {
			return false
		}
		if c.Type != html.TextNode || strings.TrimFunc(c.Data, isSpace) == "" {
			return true
		}
		if !first {
			c.Data = ""
			return true
		}
		first = false
		lead := c.Data[:len(c.Data)-len(strings.TrimLeftFunc(c.Data, isSpace))]
		trail := c.Data[len(strings.TrimRightFunc(c.Data, isSpace)):]
		c.Data = lead + s + trail
		return true
	})
}
