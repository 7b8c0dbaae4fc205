// Package peers wraps the extractors that newsclip is measured against
// behind one function shape, for BenchmarkPeers and cmd/peers. It lives in
// the separate bench module so that none of them becomes a dependency of
// the library.
package peers

import (
	"bytes"
	"errors"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/extract"
)

// Peer is one extractor.
type Peer struct {
	Name string
	// Extract returns the body text of page (HTML bytes) found at pageURL.
	Extract func(page []byte, pageURL string) (string, error)
	// NoText: Extract does work but returns no text (the parse floor), so
	// its output is not scored.
	NoText bool
}

// All returns the extractors that produce text, newsclip first.
func All() []Peer {
	return []Peer{Newsclip(), TrafilaturaFast(), TrafilaturaDefault(), Readability()}
}

// Named returns the peer called name, the parse floor included.
func Named(name string) (Peer, bool) {
	for _, p := range append(All(), ParseFloor()) {
		if p.Name == name {
			return p, true
		}
	}
	return Peer{}, false
}

// Newsclip is this project's extractor with default options.
func Newsclip() Peer {
	ex := extract.New(extract.Options{})
	return Peer{Name: "newsclip", Extract: func(page []byte, pageURL string) (string, error) {
		a, err := ex.ExtractBytes(page, extract.Source{URL: pageURL})
		if err != nil {
			return "", err
		}
		return a.Text, nil
	}}
}

// TrafilaturaFast is go-trafilatura without its fallback extractors, its
// fastest mode.
func TrafilaturaFast() Peer {
	return trafilaturaPeer("go-trafilatura-fast", false)
}

// TrafilaturaDefault is go-trafilatura with its fallback extractors
// (go-readability and go-domdistiller), the mode of its published scores.
func TrafilaturaDefault() Peer {
	return trafilaturaPeer("go-trafilatura-default", true)
}

func trafilaturaPeer(name string, fallback bool) Peer {
	return Peer{Name: name, Extract: func(page []byte, pageURL string) (string, error) {
		opts := trafilatura.Options{EnableFallback: fallback}
		if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
			opts.OriginalURL = u
		}
		r, err := trafilatura.Extract(bytes.NewReader(page), opts)
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	}}
}

// Readability is go-readability (readeck's maintained fork), text rendered
// from its article node.
func Readability() Peer {
	return Peer{Name: "go-readability", Extract: func(page []byte, pageURL string) (string, error) {
		var u *url.URL
		if p, err := url.Parse(pageURL); err == nil && p.IsAbs() {
			u = p
		}
		a, err := readability.FromReader(bytes.NewReader(page), u)
		if err != nil {
			return "", err
		}
		var sb strings.Builder
		if err := a.RenderText(&sb); err != nil {
			return "", err
		}
		return sb.String(), nil
	}}
}

// ParseFloor parses the page with golang.org/x/net/html and walks the tree
// once, counting nodes: the least work any extractor on that parser does.
func ParseFloor() Peer {
	return Peer{Name: "parse-floor", NoText: true, Extract: func(page []byte, _ string) (string, error) {
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			return "", err
		}
		n := 0
		var walk func(*html.Node)
		walk = func(x *html.Node) {
			n++
			for c := x.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if n < 2 {
			return "", errors.New("parse-floor: empty tree")
		}
		return "", nil
	}}
}
