package extract_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/extract"
)

// TestPortalFarmPages runs the extractor on the demo portal's content-farm
// templates (testdata/portal/pages, written by the crawler's generator in
// two markups of the seed's family): the body starts at the wire dateline,
// and the chrome around it stays out.
func TestPortalFarmPages(t *testing.T) {
	dateline := regexp.MustCompile(`^[A-Z][A-Z ]+ \((AP|AFP|Reuters)\) — `)
	for _, name := range []string{"farm.html", "farmx.html"} {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("..", "testdata", "portal", "pages", name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			a, err := extract.New(extract.Options{}).Extract(f, extract.Source{URL: "http://127.0.0.1/story.php?id=1"})
			if err != nil {
				t.Fatal(err)
			}
			if !dateline.MatchString(a.Text) {
				t.Errorf("text does not open with the wire dateline: %.80q", a.Text)
			}
			for _, bad := range []string{"View", "Date:", "veryGood", "Current:", "Related", "Ranking"} {
				if strings.Contains(a.Text, bad) {
					t.Errorf("text contains %q", bad)
				}
			}
			if a.Agency == "" || a.Dateline == "" || a.Published == "" || len(a.Section) < 2 {
				t.Errorf("metadata: agency %q dateline %q published %q section %q", a.Agency, a.Dateline, a.Published, a.Section)
			}
			if _, ok := a.Reactions["veryGood"]; !ok {
				t.Errorf("reactions: %v", a.Reactions)
			}
			kinds := map[string]bool{}
			for _, b := range a.Blocks {
				kinds[b.Kind] = true
			}
			if !kinds[extract.KindRelated] || !kinds[extract.KindRanking] {
				t.Errorf("blocks: %v", kinds)
			}
		})
	}
}
