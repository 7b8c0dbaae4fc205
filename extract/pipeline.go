package extract

import (
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// extractDoc is a placeholder pipeline, replaced by the real one.
func extractDoc(doc *html.Node, base *url.URL, rawURL string) (*Article, error) {
	a := &Article{Schema: SchemaVersion, URL: rawURL}
	r, err := readability.FromDocument(doc, base)
	if err != nil {
		return a, ErrNoArticle
	}
	var sb strings.Builder
	_ = r.RenderText(&sb)
	a.Text = strings.TrimSpace(sb.String())
	a.Title = r.Title()
	if a.Text == "" {
		return a, ErrNoArticle
	}
	return a, nil
}
