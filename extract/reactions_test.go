package extract_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
)

// TestReactionShapes reads reaction counters in the shapes pages give them
// — label and count in either order, in spans, boxes or a <button> — and
// keeps every part of a counter out of the body; text that only looks like
// a counter stays body.
func TestReactionShapes(t *testing.T) {
	story := `<h1>Harbour reopens after storm</h1><div><p>The harbour reopened on Tuesday after a week of repairs to the sea wall, and the first ferries left on time in calm weather.</p><p>Fishermen said the damage had been worse than in any storm they remembered, but the port authority promised to finish the work by summer.</p>%s</div>`
	for _, tc := range []struct {
		name, counter string
		want          map[string]int
		bodyHas       string // a text the body must keep
	}{
		{"label then count", `<div class="r">veryGood! (46151)</div>`, map[string]int{"veryGood": 46151}, ""},
		{"spans", `<div><span>Gefällt mir</span> <span>(12)</span></div>`, map[string]int{"Gefällt mir": 12}, ""},
		{"count first in brackets", `<div><span>(46151)</span> veryGood!</div>`, map[string]int{"veryGood": 46151}, ""},
		{"count first, bare", `<div><span>46151</span> veryGood!</div>`, map[string]int{"veryGood": 46151}, ""},
		{"label then bare count", `<div>赞 <span>308</span></div>`, map[string]int{"赞": 308}, ""},
		{"boxes", `<div><div style="display:block">Нравится</div><div style="display:block">(7)</div></div>`, map[string]int{"Нравится": 7}, ""},
		{"boxes among others", `<div class="x"><div>Like</div><div>(7)</div><div>Angry</div><div>(3)</div><div>Sad</div><div>(1)</div><div>Wow</div><div>(12)</div></div>`, map[string]int{"Like": 7, "Angry": 3, "Sad": 1, "Wow": 12}, ""},
		{"count box first", `<div><span>(7)</span><span>J'aime</span></div>`, map[string]int{"J'aime": 7}, ""},
		{"button", `<div><button type="button">veryGood! (46151)</button></div>`, map[string]int{"veryGood": 46151}, ""},
		{"button, count first", `<button type="button">(46151) 좋아요</button>`, map[string]int{"좋아요": 46151}, ""},
		// Look-alikes: no counter. (Short lines alone may still leave the
		// body for reasons of their own; these stay inside longer text.)
		{"a numbered paragraph", `<p>(1) Overview</p>`, nil, ""},
		{"a numbered box", `<div>(2) Timeline</div>`, nil, ""},
		{"a film and its year", `<div>Parasite (2019)</div>`, nil, ""},
		{"a name and a figure in a table", `<table><tr><td>Population</td><td>46151</td></tr></table>`, nil, ""},
		{"a page button", `<div><button>Page (2)</button></div>`, nil, ""},
		{"a sentence with a count in brackets", `<p>The repairs cost <span>(46151)</span> euros in all, the mayor said on Monday.</p>`, nil, "(46151) euros"},
		{"a sentence led by a number", `<p><b>(3)</b> Ferries will run every hour from the north quay until the end of June.</p>`, nil, "Ferries will run every hour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head><title>Harbour reopens after storm</title></head><body>` + strings.Replace(story, "%s", tc.counter, 1) + `</body></html>`
			a, err := extract.New(extract.Options{}).Extract(strings.NewReader(page), extract.Source{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, a.Reactions); diff != "" {
				t.Errorf("Extract(page) reactions mismatch (-want +got):\n%s", diff)
			}
			for label := range tc.want {
				if strings.Contains(a.Text, label) {
					t.Errorf("the body keeps the counter's label %q:\n%s", label, a.Text)
				}
			}
			if tc.bodyHas != "" && !strings.Contains(a.Text, tc.bodyHas) {
				t.Errorf("the body lost %q:\n%s", tc.bodyHas, a.Text)
			}
			if strings.Contains(a.Text, "46151") && tc.want != nil {
				t.Errorf("the body keeps the count:\n%s", a.Text)
			}
		})
	}
}
