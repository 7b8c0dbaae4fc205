package extract_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsclip/newsclip/extract"
)

// TestExtractDocument checks that a page parsed once and read before its
// extraction gives the record, and the error, ExtractBytes gives: on every
// fixture.
func TestExtractDocument(t *testing.T) {
	ex := extract.New(extract.Options{})
	for _, fx := range loadFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(filepath.Join(fx.dir, "input.html"))
			if err != nil {
				t.Fatal(err)
			}
			src := extract.Source{URL: fx.c.URL}
			want, wantErr := ex.ExtractBytes(raw, src)
			doc, err := ex.Parse(raw, src)
			if err != nil {
				if wantErr == nil || err.Error() != wantErr.Error() {
					t.Fatalf("Parse(page) error %v, ExtractBytes(page) error %v", err, wantErr)
				}
				return
			}
			doc.Declared()
			got, gotErr := ex.ExtractDocument(doc)
			if !errors.Is(gotErr, wantErr) {
				t.Errorf("ExtractDocument(doc) error %v, ExtractBytes(page) error %v", gotErr, wantErr)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ExtractDocument(doc) mismatch with ExtractBytes (-want +got):\n%s", diff)
			}
			if _, err := ex.ExtractDocument(doc); err == nil {
				t.Error("a second ExtractDocument(doc) did not fail")
			}
		})
	}
}

func TestDeclared(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       extract.Declaration
	}{
		{"nothing", ``, extract.Declaration{}},
		{"a news article in a graph",
			`<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle"}]}</script>`,
			extract.Declaration{Article: true}},
		{"a review, its script typed loosely",
			`<script type="Application/LD+JSON; charset=utf-8">{"@type":"https://schema.org/Review"}</script>`,
			extract.Declaration{Article: true}},
		{"a web page says nothing", `<script type="application/ld+json">{"@type":"WebPage"}</script>`, extract.Declaration{}},
		{"a listing", `<script type="application/ld+json">[{"@type":"CollectionPage"},{"@type":"ItemList"}]</script>`,
			extract.Declaration{Listing: true}},
		{"a script of another type", `<script type="application/json">{"@type":"NewsArticle"}</script>`, extract.Declaration{}},
		{"og:type article", `<meta property="og:type" content="Article">`, extract.Declaration{OGArticle: true}},
		{"og:type article:subtype, as a name", `<meta name="og:type" content="article:opinion">`, extract.Declaration{OGArticle: true}},
		{"og:type news", `<meta property="og:type" content=" news ">`, extract.Declaration{OGArticle: true}},
		{"og:type website", `<meta property="og:type" content="website">`, extract.Declaration{}},
		{"the last og:type counts", `<meta property="og:type" content="article"><meta property="og:type" content="website">`, extract.Declaration{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head><title>T</title>` + tc.head + `</head><body><p>Text.</p></body></html>`
			doc, err := extract.New(extract.Options{}).Parse([]byte(page), extract.Source{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, doc.Declared()); diff != "" {
				t.Errorf("Declared() mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// JSON-LD in the body counts, and the answer stays after extraction.
	page := `<html><body><p>Text.</p><script type="application/ld+json">{"@type":"BlogPosting"}</script></body></html>`
	ex := extract.New(extract.Options{})
	doc, err := ex.Parse([]byte(page), extract.Source{})
	if err != nil {
		t.Fatal(err)
	}
	ex.ExtractDocument(doc)
	if got := doc.Declared(); !got.Article {
		t.Errorf("Declared() after extraction = %+v, want an article", got)
	}
}

func TestParseErrors(t *testing.T) {
	small := extract.New(extract.Options{MaxBytes: 10})
	if _, err := small.Parse([]byte("<p>more than ten bytes</p>"), extract.Source{}); !errors.Is(err, extract.ErrTooLarge) {
		t.Errorf("Parse(page over the limit) error %v, want ErrTooLarge", err)
	}
	for _, page := range []string{"", "  \n", "%PDF-1.7 ..."} {
		if _, err := extract.New(extract.Options{}).Parse([]byte(page), extract.Source{}); !errors.Is(err, extract.ErrNotHTML) {
			t.Errorf("Parse(%q) error %v, want ErrNotHTML", page, err)
		}
	}
}
