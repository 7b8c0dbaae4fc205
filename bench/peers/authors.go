package peers

import (
	"bytes"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/extract"
)

// Authorer is one extractor's author names, for cmd/peers -authors.
type Authorer struct {
	Name string
	// Authors returns the person names p credits, in the engine's order.
	Authors func(p *Page) ([]string, error)
}

// Authorers returns the extractors whose authors are compared, newsclip
// first: newsclip's Article.Authors and go-trafilatura's metadata author
// (its default mode, that of its published scores; its metadata does not
// depend on the mode), a "; "-separated list split into names.
func Authorers() []Authorer {
	ex := extract.New(extract.Options{})
	newsclip := Authorer{Name: "newsclip", Authors: func(p *Page) ([]string, error) {
		// A page without an article still has its metadata.
		a, err := ex.ExtractBytes(p.UTF8, extract.Source{URL: p.URL, ContentType: utf8Type})
		if a == nil {
			return nil, err
		}
		return a.Authors, nil
	}}
	traf := Authorer{Name: "go-trafilatura", Authors: func(p *Page) ([]string, error) {
		doc, err := html.Parse(bytes.NewReader(p.UTF8))
		if err != nil {
			return nil, err
		}
		r, err := trafilatura.ExtractDocument(doc, trafilaturaOptions(p, true))
		if err != nil || r == nil {
			return nil, err
		}
		var names []string
		for _, n := range strings.Split(r.Metadata.Author, ";") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		return names, nil
	}}
	return []Authorer{newsclip, traf}
}

// NamedAuthorer returns the authorer called name.
func NamedAuthorer(name string) (Authorer, bool) {
	for _, a := range Authorers() {
		if a.Name == name {
			return a, true
		}
	}
	return Authorer{}, false
}
