package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page labels in many languages, each set in several layouts: the date a
// label names (its time kept), a date line under the headline found by
// where it stands, ad labels that never become body text.

// labelPage is an article page of an invented site with the headline, the
// line under it (meta), a body of four paragraphs and a sidebar, in one of
// labelLayouts.
type labelPage struct {
	lang, meta, side string
	paras            []string // the body; labelParas when nil
	// br sets the paragraphs as lines cut by <br><br> in one <div>, not
	// <p>s; mixed only those before the first markup between them.
	br, mixed bool
}

var labelParas = []string{
	"The harbour board agreed on Tuesday to rebuild the old pier before the winter storms arrive, after engineers found that two of its wooden piles had rotted through.",
	"Work will start in September and take about eleven weeks, the board said, during which the ferry will call at the north jetty instead.",
	"Fishermen who moor at the pier will be offered berths in the marina at the same rent until the work is finished, the harbour master told the meeting.",
	"The board expects the new pier, built of concrete piles with a timber deck, to last at least sixty years before it needs major repairs.",
	"Members of the rowing club, who launch from the slipway beside the pier, asked that it stay open on race days, and the board agreed to look at it.",
	"The old pier was built in 1911 for the steamers that carried visitors across the bay, and was last repaired after the storm of 1987.",
}

const labelHeadline = "Harbour board agrees to rebuild the old pier"

// labelLayouts set a page: landmark elements with meaningful class names;
// bare <div>s with no class or id; a legacy table layout.
var labelLayouts = []struct {
	name string
	page func(p labelPage) string
}{
	{"semantic", func(p labelPage) string {
		return `<header class="site-header"><a class="logo" href="/">Bay Courier</a>` + siteMenu + `</header>` +
			`<main><article><h1 class="headline">` + labelHeadline + `</h1>` + p.meta + `<div class="story">` + p.body() + `</div></article>` +
			`<aside class="sidebar">` + p.side + `</aside></main><footer><p>© 2024 Bay Courier</p></footer>`
	}},
	{"bare divs", func(p labelPage) string {
		return `<div><div><a href="/">Bay Courier</a></div><div>` + labelMenu + `</div></div>` +
			`<div><div><h1>` + labelHeadline + `</h1>` + p.meta + `<div>` + p.body() + `</div>` + labelShare + labelRelated + `</div>` +
			`<div>` + p.side + `</div></div><div><p>© 2024 Bay Courier</p></div>`
	}},
	{"table", func(p labelPage) string {
		return `<table width="960"><tr><td colspan="2"><a href="/">Bay Courier</a> ` + labelMenu + `</td></tr>` +
			`<tr><td valign="top"><table><tr><td><b>` + labelHeadline + `</b></td></tr></table>` + p.meta + p.body() +
			`<table><tr><td>` + labelShare + `</td></tr></table><table><tr><td>` + labelRelated + `</td></tr></table></td>` +
			`<td valign="top" width="240">` + p.side + `</td></tr><tr><td colspan="2">© 2024 Bay Courier</td></tr></table>`
	}},
}

const (
	labelMenu  = `<a href="/">Home</a> | <a href="/news/">News</a> | <a href="/sport/">Sport</a> | <a href="/weather/">Weather</a>`
	labelShare = `<div>Share: <a href="https://social.example/share">Social</a> <a href="mailto:?body=x">Email</a> <a href="javascript:;">Print</a></div>`
	// labelRelated is a small box of links beside the story: with no
	// class names, a <div> like the one that holds the date line.
	labelRelated = `<div><div><b>Related</b></div><ul><li><a href="/news/quay">Quay repairs finished early</a></li><li><a href="/news/tide">Tide tables for May</a></li></ul></div>`
)

func (p labelPage) body() string {
	paras := p.paras
	if paras == nil {
		paras = labelParas
	}
	var b strings.Builder
	if p.br {
		b.WriteString("<div>")
	}
	loose := p.br
	for i, s := range paras {
		switch {
		case strings.HasPrefix(s, "<"):
			b.WriteString(s) // markup between the paragraphs
			loose = loose && !p.mixed
		case loose:
			if i > 0 && !strings.HasPrefix(paras[i-1], "<") {
				b.WriteString("<br><br>")
			}
			b.WriteString(s)
		default:
			b.WriteString("<p>" + s + "</p>")
		}
	}
	if p.br {
		b.WriteString("</div>")
	}
	return b.String()
}

func (p labelPage) html(layout func(labelPage) string) string {
	lang := p.lang
	if lang == "" {
		lang = "en"
	}
	return `<!doctype html><html lang="` + lang + `"><head><meta charset="utf-8"><title>` + labelHeadline +
		` - Bay Courier</title></head><body>` + layout(p) + `</body></html>`
}

// sideTeasers is a sidebar list of other stories, each with its date, in
// items built alike.
func sideTeasers(tag string) string {
	var b strings.Builder
	for i, h := range []string{"Ferry timetable changes for the summer", "Lifeboat crew rescues two kayakers", "Storm damages the sea wall at the point"} {
		b.WriteString(`<` + tag + `><a href="/news/` + string(rune('a'+i)) + `">` + h + `</a><span>2024-05-0` + string(rune('7'-i)) + ` 09:1` + string(rune('0'+i)) + `</span></` + tag + `>`)
	}
	return b.String()
}

// checkParas extracts page and compares the body's paragraphs with want.
func checkParas(t *testing.T, ex *Extractor, page string, want []string) {
	t.Helper()
	a, err := ex.ExtractBytes([]byte(page), Source{URL: "https://bay.example/news/pier-rebuilt"})
	if err != nil {
		t.Fatalf("Extract() error %v", err)
	}
	if got := strings.Split(a.Text, "\n\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Extract().Text paragraphs:\n%q\nwant:\n%q", got, want)
	}
}

// TestDateLabels: a date named by a label in the page's language, with its
// time, wherever the label's markup stands; an unlabelled date line under
// the headline; and no date taken from what is not the story's.
func TestDateLabels(t *testing.T) {
	ex := New(Options{})
	for _, tc := range []struct {
		name, lang, meta, side string
		want                   string
	}{
		{"Japanese label, full-width colon", "ja", `<div><span>日付：2025-04-17 14:27:32</span></div>`, "", "2025-04-17T14:27:32"},
		{"Japanese label, kanji date", "ja", `<div><span>配信日時：2025年4月17日 14時27分</span></div>`, "", "2025-04-17T14:27:00"},
		{"Korean label", "ko", `<div><span>날짜: 2025-04-17 14:27:32</span></div>`, "", "2025-04-17T14:27:32"},
		{"Korean label, dotted date", "ko", `<p>입력: 2025.04.17 14:27</p>`, "", "2025-04-17T14:27:00"},
		{"Portuguese label after a views counter", "pt", `<div><span>Visualizações 1532</span>    <span>Data: 2025-04-17 14:27:32</span></div>`, "", "2025-04-17T14:27:32"},
		{"Portuguese label, day first", "pt", `<p>Data: 17/04/2025 14:27</p>`, "", "2025-04-17T14:27:00"},
		{"Italian label", "it", `<div>Pubblicato il 17/04/2025 alle 14:27</div>`, "", "2025-04-17"},
		{"Russian label, dotted date", "ru", `<div><span>Просмотры 88</span> <span>Дата: 17.04.2025 14:27</span></div>`, "", "2025-04-17T14:27:00"},
		{"Russian label, ISO date", "ru", `<div><span>Дата: 2025-04-17 14:27:32</span></div>`, "", "2025-04-17T14:27:32"},
		{"German label", "de", `<p>Datum: 17.04.2025, 14:27 Uhr</p>`, "", "2025-04-17T14:27:00"},
		{"Spanish label", "es", `<p>Fecha: 17/04/2025 14:27</p>`, "", "2025-04-17T14:27:00"},
		{"French label, space before the colon", "fr", `<p>Date : 2025-04-17 14:27:32</p>`, "", "2025-04-17T14:27:32"},
		{"Chinese label", "zh", `<div><span>日期：2025-04-17 14:27:32</span><span>来源：新华社</span></div>`, "", "2025-04-17T14:27:32"},
		{"Chinese label, published time", "zh", `<p>发布时间：2025年04月17日 14:27</p>`, "", "2025-04-17T14:27:00"},

		// An unlabelled date line, found by standing under the headline.
		{"bare date and time beside the source and font-size links", "zh",
			`<div><span>2024-03-05 10:20</span><span>来源：新华社</span><span>字号：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a></span></div>`,
			"", "2024-03-05T10:20:00"},
		{"bare date line with font-size links, in a table", "zh",
			`<table><tr><td><span>2024-03-05 10:20</span><span>来源：新华社</span><span>字号：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a></span></td></tr></table>`,
			"", "2024-03-05T10:20:00"},
		{"bare date and time, English source line", "en",
			`<div><span>2024-03-05 10:20</span> <span>Source: Bay Wire</span></div>`, "", "2024-03-05T10:20:00"},
		{"bare date line in a table cell", "en",
			`<table><tr><td><span>2024-03-05 10:20</span> <span>Source: Bay Wire</span></td></tr></table>`, "", "2024-03-05T10:20:00"},
		{"bare date with teasers in the sidebar", "en",
			`<div><span>2024-03-05 10:20</span></div>`, `<div><h3>Latest</h3>` + sideTeasers("div") + `</div>`, "2024-03-05T10:20:00"},

		// Never invented.
		{"teasers with dates only in the sidebar", "en", "", `<div><h3>Latest</h3>` + sideTeasers("div") + `</div>`, ""},
		{"teasers with dates as a list", "en", "", `<ul>` + sideTeasers("li") + `</ul>`, ""},
		{"a teaser box right under the headline", "en",
			`<div><div><h3><a href="/news/ferry">Ferry timetable changes for the summer</a></h3><div>2024-05-07 09:10</div></div></div>`, "", ""},
		{"a row of teasers under the headline", "zh", `<div>` + sideTeasers("div") + `</div>`, "", ""},
		{"a views counter with no date", "pt", `<div><span>Visualizações 1532</span></div>`, "", ""},
		{"a date label with no date", "ru", `<div><span>Дата: неизвестна</span></div>`, "", ""},
	} {
		for _, l := range labelLayouts {
			t.Run(tc.name+"/"+l.name, func(t *testing.T) {
				page := labelPage{lang: tc.lang, meta: tc.meta, side: tc.side}.html(l.page)
				a, err := ex.ExtractBytes([]byte(page), Source{URL: "https://bay.example/news/pier-rebuilt"})
				if a == nil {
					t.Fatalf("Extract() error %v", err)
				}
				if a.Published != tc.want {
					t.Errorf("Extract().Published = %q, want %q", a.Published, tc.want)
				}
			})
		}
	}
}

// TestAdLabels: the label of an ad slot, in any language and any markup
// around the slot, is never body text, and the paragraphs on both sides
// stay whole and apart; a real short paragraph stays.
func TestAdLabels(t *testing.T) {
	ex := New(Options{})
	slots := []struct{ name, markup string }{
		{"label beside an iframe", `<div class="x7"><span>%s</span><iframe src="https://ads.example.net/slot?id=q2" width="300" height="250"></iframe></div>`},
		{"label paragraph alone", `<p>%s</p>`},
		{"label over an adsense slot", `<div><div>%s</div><ins class="adsbygoogle" style="display:block"></ins></div>`},
		{"label in an empty box", `<div data-slot="inline_1">%s</div>`},
		{"placeholder in a custom element", `<amp-ad width="300" height="250" type="doubleclick"><span placeholder>%s</span></amp-ad>`},
		{"fallback in a custom element", `<amp-ad width="300" height="250"><span fallback>%s</span></amp-ad>`},
		{"decorated label", `<p>— %s —</p>`},
	}
	labels := []string{"Advertisement", "Sponsored", "Sponsored content", "Реклама", "Реклама 18+", "광고", "広告", "スポンサーリンク", "PR", "广告",
		"廣告", "Publicidade", "Anúncio", "Pubblicità", "Annonce", "Publicité", "Werbung", "Anzeige", "Publicidad", "Advertentie"}
	for _, slot := range slots {
		for k, lbl := range labels {
			for _, l := range labelLayouts {
				for _, mode := range []string{"p", "br", "mixed"} {
					name := slot.name + "/" + lbl + "/" + l.name + "/" + mode
					// The slot in the middle of the story on even labels,
					// before its last paragraph on odd ones.
					at := 2
					if k%2 == 1 {
						at = len(labelParas) - 1
					}
					t.Run(name, func(t *testing.T) {
						ad := strings.Replace(slot.markup, "%s", lbl, 1)
						paras := append(append(append([]string{}, labelParas[:at]...), ad), labelParas[at:]...)
						checkParas(t, ex, labelPage{paras: paras, br: mode != "p", mixed: mode == "mixed"}.html(l.page), labelParas)
					})
				}
			}
		}
	}
}

// TestShortParagraphsStay: one-word paragraphs and sentences that name an
// ad are body text.
func TestShortParagraphsStay(t *testing.T) {
	ex := New(Options{})
	for _, p := range []string{"Nein.", "Why?", "Реклама?", "Anzeige erstattet.", "Реклама приносит газете половину её дохода.",
		"PR firms were paid to write the brochures.", "広告の収入は前年より一割減った。"} {
		for _, l := range labelLayouts {
			t.Run(p+"/"+l.name, func(t *testing.T) {
				paras := append(append(append([]string{}, labelParas[:2]...), p), labelParas[2:]...)
				checkParas(t, ex, labelPage{paras: paras}.html(l.page), paras)
			})
		}
	}
}

func TestIsAdLabel(t *testing.T) {
	for in, want := range map[string]bool{
		"Advertisement": true, "ADVERTISEMENT": true, "- Advertisement -": true, "[PR]": true, "【広告】": true,
		"Реклама 18+": true, "Реклама  18+": true, "Story continues below advertisement": true, "Sponsored content": true,
		"(광고)": true, "スポンサーリンク": true, "Anúncio:": true,
		"Advertising?": false, "Reklamation": false, "Advertisement for the new ferry service": false, "PRO": false,
		"Sponsored by the harbour board, the regatta drew 40 boats.": false, "": false,
	} {
		if got := isAdLabel(in); got != want {
			t.Errorf("isAdLabel(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestStyledBlock: an inline element laid out as a box by its style is a
// block; one laid out inline, a table's part or hidden is not.
func TestStyledBlock(t *testing.T) {
	for style, want := range map[string]bool{
		"display:block": true, "display: block;": true, "color:red; display : flex": true, "display:grid": true,
		"display:list-item": true, "display:table": true,
		"display:inline": false, "display:inline-block": false, "display:table-cell": false, "display:none": false,
		"color:red": false, "": false,
	} {
		n := mustNode(t, `<span style="`+style+`">x</span>`)
		if got := isBlock(n); got != want {
			t.Errorf("isBlock(<span style=%q>) = %v, want %v", style, got, want)
		}
	}
}

// mustNode parses a fragment of body markup and returns its first element.
func mustNode(t *testing.T, s string) *html.Node {
	t.Helper()
	ns, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil || len(ns) == 0 || ns[0].Type != html.ElementNode {
		t.Fatalf("parsing %q: %v", s, err)
	}
	return ns[0]
}

// TestStyledBlockParagraphs: paragraphs set as inline elements styled as
// boxes stay apart, and apart from an ad slot's label between them.
func TestStyledBlockParagraphs(t *testing.T) {
	ex := New(Options{})
	for _, tag := range []string{"span", "font", "i"} {
		for _, l := range labelLayouts {
			t.Run(tag+"/"+l.name, func(t *testing.T) {
				var paras []string
				for i, s := range labelParas {
					if i == 2 {
						paras = append(paras, `<amp-ad width="300" height="250"><span placeholder style="display:block">Advertisement</span></amp-ad>`)
					}
					paras = append(paras, `<`+tag+` style="display: block">`+s+`</`+tag+`>`)
				}
				checkParas(t, ex, labelPage{paras: paras}.html(l.page), labelParas)
			})
		}
	}
}

// TestSponsoredBoxAfterStory: a box of paid teasers under an ad word as its
// heading, after the story, stays out of the body.
func TestSponsoredBoxAfterStory(t *testing.T) {
	ex := New(Options{})
	for _, head := range []string{"Sponsored", "Реклама", "広告", "Publicidade"} {
		var b strings.Builder
		b.WriteString(`<div><div>` + head + `</div>`)
		for i, s := range []string{"This simple trick cuts your heating bill in half, engineers say, and most people have never heard of it before now.",
			"Homeowners in the bay area are rushing to claim a new grant for solar panels that the government does not want you to know about.",
			"Doctors are stunned by the morning drink that melts away belly fat while you sleep, and it costs less than a cup of coffee."} {
			b.WriteString(`<div><p>` + s + `</p><a href="https://ads.example.net/c/` + string(rune('a'+i)) + `">Learn more</a></div>`)
		}
		b.WriteString(`</div>`)
		for _, l := range labelLayouts {
			t.Run(head+"/"+l.name, func(t *testing.T) {
				paras := append(append([]string{}, labelParas...), b.String())
				checkParas(t, ex, labelPage{paras: paras}.html(l.page), labelParas)
			})
		}
	}
}
