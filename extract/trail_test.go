package extract_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
)

// TestSectionTrails reads breadcrumb trails in their usual forms: a label
// and separators, the site's name as the first item, list markup.
func TestSectionTrails(t *testing.T) {
	story := `<h1>Prices climb again</h1><div><p>Prices climbed again in March, the third monthly rise in a row, as energy costs and rents pushed the index higher than analysts had expected.</p><p>The central bank said it would watch the figures closely before its next meeting, while retailers warned that shoppers were cutting back.</p></div>`
	for _, tc := range []struct {
		name, trail string
		want        []string
	}{
		{"label and >", `<div>Current:<a href="/">Home</a> &gt; <a href="/invest/">Invest</a></div>`, []string{"Home", "Invest"}},
		{"site name first", `<div><a href="/">Daily Ledger</a> » <a href="/business/">Business</a></div>`, []string{"Daily Ledger", "Business"}},
		{"Chinese label", `<div>当前位置：<a href="/">首页</a> &gt; <a href="/finance/">财经</a></div>`, []string{"首页", "财经"}},
		{"list markup, no separators", `<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/world/">World</a></li><li>Prices climb again</li></ol>`, []string{"Home", "World"}},
		{"a menu is no trail", `<div><a href="/">Home</a> | <a href="/a/">About</a> | <a href="/c/">Contact</a></div>`, nil},
		{"backslash", `<div><a href="/">Home</a> \ <a href="/world/">World</a> \ <a href="/world/asia/">Asia</a></div>`, []string{"Home", "World", "Asia"}},
		{"double colon", `<div><a href="/">Startseite</a> :: <a href="/politik/">Politik</a></div>`, []string{"Startseite", "Politik"}},
		{"fullwidth chevron", `<div><a href="/">首页</a>＞<a href="/finance/">财经</a>＞<a href="/finance/macro/">宏观</a></div>`, []string{"首页", "财经", "宏观"}},
		{"double chevron in its own span", `<div><a href="/">Home</a><span> &gt;&gt; </span><a href="/invest/">Invest</a></div>`, []string{"Home", "Invest"}},
		{"bar down one path", `<div><a href="/">Home</a> | <a href="/news/">News</a> | <a href="/news/local/">Local</a></div>`, []string{"Home", "News", "Local"}},
		{"middle dot, two items", `<div><a href="/">Inicio</a> · <a href="/economia/">Economía</a></div>`, []string{"Inicio", "Economía"}},
		{"bullet, unlinked last item", `<div><a href="/">Accueil</a> • <a href="/monde/">Monde</a> • Europe</div>`, []string{"Accueil", "Monde", "Europe"}},
		{"hyphen apart from words", `<div><a href="/">Home</a> - <a href="/health/">Health</a> - Covid-19</div>`, []string{"Home", "Health", "Covid-19"}},
		{"list, style-sheet marks", `<ul><li><a href="/">Главная</a></li><li><a href="/sport/">Спорт</a></li></ul>`, []string{"Главная", "Спорт"}},
		{"a menu in a list is no trail", `<ul><li><a href="/">Home</a></li><li><a href="/world/">World</a></li><li><a href="/sport/">Sport</a></li></ul>`, nil},
		{"a dotted menu is no trail", `<div><a href="/">Home</a> · <a href="/about/">About</a> · <a href="/jobs/">Jobs</a></div>`, nil},
		{"mixed marks are no trail", `<div><a href="/">Home</a> | <a href="/news/">News</a> &gt; <a href="/news/x/">X</a> · <a href="/y/">Y</a></div>`, nil},
		{"no home first, no trail", `<div><a href="/news/">News desk</a> | <a href="/news/local/">Local</a></div>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head><title>Prices climb again | Daily Ledger</title><meta property="og:site_name" content="Daily Ledger"></head><body>` + tc.trail + story + `</body></html>`
			a, err := extract.New(extract.Options{}).Extract(strings.NewReader(page), extract.Source{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, a.Section); diff != "" {
				t.Errorf("Extract(page) section mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
