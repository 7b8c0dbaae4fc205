// Package peers wraps the extractors that newsclip is measured against
// behind one function shape, for BenchmarkPeers and cmd/peers. It lives in
// the separate bench module so that none of them becomes a dependency of
// the library.
//
// Every engine is given its best case: the page decoded to UTF-8 once,
// before any timing ([Decode]), then the engine's own parse and extraction
// of those bytes. The peers' reader entry points (go-trafilatura's Extract,
// go-readability's FromReader) are not used: both run go-shiori/dom.Parse,
// which guesses the charset of the whole page with a statistical detector
// and pipes it through Unicode normalisation before parsing, work that
// costs more than their extraction on already decoded pages (see
// README.md). Each peer gets golang.org/x/net/html.Parse of the decoded
// bytes and then its document entry point.
package peers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/pagefile"
)

// Page is one page as the engines are given it.
type Page struct {
	// URL is the page's address, from the ground truth.
	URL string
	// UTF8 is the page decoded to UTF-8 ([Decode]), once, before timing.
	UTF8 []byte
	// Path is the page's file as stored (gzip), read by the CLI path.
	Path string
}

// Peer is one extractor.
type Peer struct {
	Name string
	// Extract returns the body text of p.
	Extract func(p *Page) (string, error)
	// NoText: Extract does work but returns no text (the parse floor), so
	// its output is not scored.
	NoText bool
}

// All returns the extractors that produce text, newsclip first.
func All() []Peer {
	return []Peer{Newsclip(), TrafilaturaFast(), TrafilaturaDefault(), Readability()}
}

// Named returns the peer called name, the parse floor, the CLI path and
// go-trafilatura's reader entry point included.
func Named(name string) (Peer, bool) {
	for _, p := range append(All(), NewsclipCLI(), Gunzip(), TrafilaturaReader(), ReadabilityReader(), ParseFloor()) {
		if p.Name == name {
			return p, true
		}
	}
	return Peer{}, false
}

// utf8Type tells newsclip that the bytes it is given are UTF-8 already.
const utf8Type = "text/html; charset=utf-8"

// Newsclip is this project's extractor with default options, in process,
// on the decoded page.
func Newsclip() Peer {
	ex := extract.New(extract.Options{})
	return Peer{Name: "newsclip", Extract: func(p *Page) (string, error) {
		a, err := ex.ExtractBytes(p.UTF8, extract.Source{URL: p.URL, ContentType: utf8Type})
		if err != nil {
			return "", err
		}
		return a.Text, nil
	}}
}

// NewsclipCLI is the per-page work of `newsclip extract FILE.html.gz`
// (cmd/newsclip/extract.go, extractInput and recordWriter): read the stored
// file into one buffer and gunzip it (internal/pagefile, the command's own
// reader), extract it (the charset is decoded inside ExtractBytes), and
// encode the record as one JSON line, written to io.Discard. The URL is
// given as with --url, so that the extraction is the in-process one.
// cmd/newsclip's BenchmarkExtractCLI runs the command itself.
func NewsclipCLI() Peer {
	ex := extract.New(extract.Options{})
	return Peer{Name: "newsclip-cli", Extract: func(p *Page) (string, error) {
		var a *extract.Article
		page, err := pagefile.Read(p.Path, 0)
		if err == nil {
			a, err = ex.ExtractBytes(page, extract.Source{URL: p.URL})
		}
		if a == nil {
			a = &extract.Article{Schema: extract.SchemaVersion}
		}
		a.Input = p.Path
		if err != nil {
			a.Error = err.Error()
		}
		line, jerr := json.Marshal(a)
		if jerr != nil {
			return "", jerr
		}
		if _, werr := io.Discard.Write(append(line, '\n')); werr != nil {
			return "", werr
		}
		return a.Text, err
	}}
}

// Gunzip opens and gunzips the stored page into a buffer (internal/pagefile)
// and does nothing else: the part of the CLI path that in-process
// extraction does not pay.
func Gunzip() Peer {
	return Peer{Name: "gunzip", NoText: true, Extract: func(p *Page) (string, error) {
		_, err := pagefile.Read(p.Path, 0)
		return "", err
	}}
}

// TrafilaturaFast is go-trafilatura without its fallback extractors and
// without comment extraction, its fastest mode, on the parsed decoded page.
func TrafilaturaFast() Peer {
	return trafilaturaPeer("go-trafilatura-fast", false)
}

// TrafilaturaDefault is go-trafilatura with its fallback extractors
// (go-readability and go-domdistiller), the mode of its published scores.
func TrafilaturaDefault() Peer {
	return trafilaturaPeer("go-trafilatura-default", true)
}

func trafilaturaPeer(name string, fallback bool) Peer {
	return Peer{Name: name, Extract: func(p *Page) (string, error) {
		doc, err := html.Parse(bytes.NewReader(p.UTF8))
		if err != nil {
			return "", err
		}
		r, err := trafilatura.ExtractDocument(doc, trafilaturaOptions(p, fallback))
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	}}
}

// TrafilaturaReader is go-trafilatura's fastest mode through its reader
// entry point, Extract(io.Reader), on the same decoded bytes: what a caller
// following its README gets. Kept to show what dom.Parse costs; not a row
// of the comparison.
func TrafilaturaReader() Peer {
	return Peer{Name: "go-trafilatura-fast-reader", Extract: func(p *Page) (string, error) {
		r, err := trafilatura.Extract(bytes.NewReader(p.UTF8), trafilaturaOptions(p, false))
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	}}
}

// trafilaturaOptions: without fallback, comments are not extracted either
// (ContentText never holds them, and newsclip extracts none); publication
// dates stay in go-trafilatura's own fast mode (go-htmldate without its
// date parser), as newsclip finds dates too.
func trafilaturaOptions(p *Page, fallback bool) trafilatura.Options {
	opts := trafilatura.Options{EnableFallback: fallback, ExcludeComments: !fallback}
	if u, err := url.Parse(p.URL); err == nil && u.IsAbs() {
		opts.OriginalURL = u
	}
	return opts
}

// readabilityArticle is go-readability's article of the parsed decoded
// page. ParseAndMutate: the document is ours, no defensive copy.
func readabilityArticle(p *Page) (readability.Article, error) {
	var u *url.URL
	if pu, err := url.Parse(p.URL); err == nil && pu.IsAbs() {
		u = pu
	}
	doc, err := html.Parse(bytes.NewReader(p.UTF8))
	if err != nil {
		return readability.Article{}, err
	}
	ps := readability.NewParser()
	return ps.ParseAndMutate(doc, u)
}

// Readability is go-readability (readeck's maintained fork) on the parsed
// decoded page, text rendered from its article node.
func Readability() Peer {
	return Peer{Name: "go-readability", Extract: func(p *Page) (string, error) {
		a, err := readabilityArticle(p)
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

// ReadabilityReader is go-readability through its reader entry point,
// FromReader, on the same decoded bytes. Kept to show what dom.Parse costs;
// not a row of the comparison.
func ReadabilityReader() Peer {
	return Peer{Name: "go-readability-reader", Extract: func(p *Page) (string, error) {
		var u *url.URL
		if pu, err := url.Parse(p.URL); err == nil && pu.IsAbs() {
			u = pu
		}
		a, err := readability.FromReader(bytes.NewReader(p.UTF8), u)
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

// ParseFloor parses the decoded page with golang.org/x/net/html and walks
// the tree once, counting nodes: the least work any extractor on that
// parser does.
func ParseFloor() Peer {
	return Peer{Name: "parse-floor", NoText: true, Extract: func(p *Page) (string, error) {
		doc, err := html.Parse(bytes.NewReader(p.UTF8))
		if err != nil {
			return "", err
		}
		if countNodes(doc) < 2 {
			return "", errors.New("parse-floor: empty tree")
		}
		return "", nil
	}}
}

func countNodes(n *html.Node) int {
	c := 1
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c += countNodes(k)
	}
	return c
}
