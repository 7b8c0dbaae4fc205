package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
)

// body is a few paragraphs of story text for synthetic pages.
var body = strings.Repeat("<p>The regional council voted on Tuesday to fund a new bus line, a decision that officials said would cut commuting times for thousands of residents, according to a statement released after the meeting.</p>\n", 5)

func headlines(n int, prefix string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<li class="q%d"><a href="/news/%s-%d.html"><img src="/t/%d.jpg" alt=""></a><a href="/news/%s-%d.html">%s story number %d about the weekly market report</a></li>`, i, prefix, i, i, prefix, i, prefix, i)
	}
	return b.String()
}

type blockSummary struct {
	Kind, Heading string
	Links         int
}

func summarize(bs []extract.Block) []blockSummary {
	var out []blockSummary
	for _, b := range bs {
		out = append(out, blockSummary{b.Kind, b.Heading, len(b.Links)})
	}
	return out
}

// TestBlocksAcrossMarkup checks that link blocks are found, headed and
// classed the same way whatever the markup: heading tags or bare styled
// elements, lists or divs, random class names, several languages; and that
// navigation is not a block.
func TestBlocksAcrossMarkup(t *testing.T) {
	nav := `<div class="k1"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/money">Money</a></div>`
	for _, tc := range []struct {
		name, page string
		want       []blockSummary
	}{
		{
			"h3 headings and lists",
			nav + `<div>` + body + `</div><h3>Related</h3><ul>` + headlines(4, "rel") + `</ul><h3>Most read</h3><ol>` + headlines(5, "top") + `</ol>`,
			[]blockSummary{{"related", "Related", 4}, {"ranking", "Most read", 5}},
		},
		{
			"bold div heading inside the container, random classes",
			nav + `<div class="x7f">` + body + `<div class="zz9"><div class="b1">You may also like</div>` +
				strings.ReplaceAll(strings.ReplaceAll(headlines(3, "rec"), "<li", "<div"), "</li>", "</div>") + `</div></div>`,
			[]blockSummary{{"recommendation", "You may also like", 3}},
		},
		{
			"Spanish and French headings",
			`<div>` + body + `</div><div><span>Lo más leído</span><ul>` + headlines(3, "es") + `</ul></div><div><strong>À lire aussi</strong><ul>` + headlines(3, "fr") + `</ul></div>`,
			[]blockSummary{{"ranking", "Lo más leído", 3}, {"related", "À lire aussi", 3}},
		},
		{
			"heading with a More link, items in a grid of cells",
			`<div>` + body + `</div><div class="tit"><span>Recommended</span> <a href="/more">More »</a></div><table><tr>` +
				strings.ReplaceAll(strings.ReplaceAll(headlines(4, "grid"), "<li", "<td"), "</li>", "</td>") + `</tr></table>`,
			[]blockSummary{{"recommendation", "Recommended", 4}},
		},
		{
			"list before the body in source order, no heading",
			`<div class="side"><ul>` + headlines(6, "side") + `</ul></div><div>` + body + `</div>`,
			[]blockSummary{{"more", "", 6}},
		},
		{
			"navigation only",
			`<nav><ul>` + headlines(6, "nav") + `</ul></nav><div>` + body + `</div>` + nav,
			nil,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head><title>Council funds bus line</title></head><body>" + tc.page + "</body></html>"
			a, err := extract.New(extract.Options{}).Extract(strings.NewReader(page), extract.Source{URL: "https://news.example/a.html"})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarize(a.Blocks)); diff != "" {
				t.Errorf("Extract(page) blocks mismatch (-want +got):\n%s", diff)
			}
			if strings.Contains(a.Text, "weekly market report") {
				t.Errorf("a block's headline leaked into the body:\n%s", a.Text)
			}
			if n := strings.Count(a.Text, "regional council voted"); n != 5 {
				t.Errorf("body has %d of the 5 paragraphs", n)
			}
			for _, b := range a.Blocks {
				for _, l := range b.Links {
					if !strings.HasPrefix(l.URL, "https://news.example/news/") || !strings.Contains(l.Title, "story number") {
						t.Errorf("link %+v: want the headline link, absolute", l)
					}
				}
			}
		})
	}
}
