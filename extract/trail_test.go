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
