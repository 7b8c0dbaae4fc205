package crawl

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/newsclip/newsclip/internal/baseurl"
)

// pageScan is what one pass of the tokenizer learns about an HTML page:
// where it links, and the signals that tell an article from a listing.
type pageScan struct {
	// links are the hrefs as written (trimmed), in page order, repeats
	// dropped; base resolves them (the page URL, or its <base href>).
	links     []string
	base      *url.URL
	feeds     []string // rel=alternate RSS/Atom, as written
	canonical string   // rel=canonical, absolute
	// copies are the page's own copies it names: rel=amphtml and
	// rel=alternate media=print, as written.
	copies   []string
	textHash uint64 // FNV-1a of the visible text, for telling equal pages
	noindex  bool
	nofollow bool

	ogType  string   // og:type, lower-case
	ldTypes []string // schema.org @type of the top-level JSON-LD objects

	textBytes int // visible text outside script/style
	linkBytes int // of which inside <a>
	// maxRun is the longest run of consecutive prose blocks: blocks of at
	// least proseMin bytes of text that are not mostly link text, with no
	// link-dominated block between them. Article bodies make long runs;
	// listings (a headline link before each summary) make runs of one.
	maxRun int
	prose  int // prose blocks in all
}

const proseMin = 60

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// blockTags end a block of text when they open or close.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Section: true, atom.Article: true, atom.Aside: true, atom.Header: true, atom.Footer: true,
	atom.Nav: true, atom.Main: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Blockquote: true, atom.Figure: true, atom.Figcaption: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Pre: true, atom.Form: true, atom.Hr: true,
}

// scanHTML tokenizes body (UTF-8) once. base is the page's final URL.
func scanHTML(body []byte, base *url.URL) *pageScan {
	s := &pageScan{textHash: fnvOffset}
	z := html.NewTokenizer(bytes.NewReader(body))
	z.SetMaxBuf(0)
	var (
		inA       int
		skip      atom.Atom // inside script/style/...: skip text
		ldJSON    bool
		ld        bytes.Buffer
		blockText int // text of the current block outside links
		blockLink int // link text of the current block
		run       int
		sawBase   bool   // the first <base href> was seen: later ones do not count
		canonical string // rel=canonical as written, resolved at the end
	)
	endBlock := func() {
		switch {
		case blockText >= proseMin && blockLink*4 <= blockText:
			run++
			s.prose++
			s.maxRun = max(s.maxRun, run)
		case blockLink >= 10 && blockLink*2 > blockText: // a headline, a link list
			run = 0
		}
		blockText, blockLink = 0, 0
	}
	seen := map[string]bool{}
	addLink := func(href string) {
		if href = linkHref(href); href != "" && !seen[href] {
			seen[href] = true
			s.links = append(s.links, href)
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			endBlock()
			s.base = base
			if canonical != "" {
				if u, err := base.Parse(canonical); err == nil {
					s.canonical = u.String()
				}
			}
			if len(s.ldTypes) > 0 {
				s.ldTypes = compactStrings(s.ldTypes)
			}
			return s
		case html.TextToken:
			// Raw, not Text: the length of the text is all that is needed,
			// and Raw neither unescapes nor copies.
			if skip != 0 {
				if ldJSON {
					ld.Write(z.Raw())
				}
				continue
			}
			n := s.text(bytes.TrimSpace(z.Raw()))
			if inA > 0 {
				s.linkBytes += n
				blockLink += n
			} else {
				blockText += n
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			a := tagAtom(z.Raw())
			if blockTags[a] {
				endBlock()
			}
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Textarea, atom.Title:
				if tt == html.StartTagToken {
					skip = a
					if a == atom.Script {
						if v, ok := attrValue(z, "type"); ok && strings.EqualFold(strings.TrimSpace(v), "application/ld+json") {
							ldJSON = true
							ld.Reset()
						}
					}
				}
			case atom.A, atom.Area:
				if tt == html.StartTagToken && a == atom.A {
					inA = 1 // an <a> closes any open one (HTML5 adoption agency)
				}
				if v, ok := attrValue(z, "href"); ok {
					addLink(v)
				}
			case atom.Base:
				if v, ok := attrValue(z, "href"); ok && !sawBase {
					sawBase = true
					base = baseurl.Document(base, v)
				}
			case atom.Link:
				s.linkTag(z, &canonical, addLink)
			case atom.Meta:
				var name, prop, content string
				for _, at := range attrs(z) {
					switch at.k {
					case "name":
						name = strings.ToLower(strings.TrimSpace(at.v))
					case "property":
						prop = strings.ToLower(strings.TrimSpace(at.v))
					case "content":
						content = at.v
					}
				}
				switch {
				case prop == "og:type" || name == "og:type":
					s.ogType = strings.ToLower(strings.TrimSpace(content))
				case name == "robots" || name == "newsclip":
					s.robotsDirectives(content)
				}
			}
		case html.EndTagToken:
			a := tagAtom(z.Raw())
			if skip != 0 {
				if a == skip {
					if ldJSON {
						s.ldTypes = append(s.ldTypes, jsonLDTypes(ld.Bytes())...)
						ldJSON = false
					}
					skip = 0
				}
				continue
			}
			if a == atom.A {
				inA = 0
			}
			if blockTags[a] {
				endBlock()
			}
		}
	}
}

// text counts a text node and adds it to the text hash; it returns its
// length.
func (s *pageScan) text(txt []byte) int {
	s.textBytes += len(txt)
	for _, c := range txt {
		s.textHash = (s.textHash ^ uint64(c)) * fnvPrime
	}
	s.textHash = (s.textHash ^ ' ') * fnvPrime
	return len(txt)
}

// linkTag reads a <link>: rel=canonical (into canonical, the first one, as
// written: it is resolved against the document's base at the end), next
// and prev (followed), amphtml and print alternates (the page's copies),
// feeds and other alternates (followed).
func (s *pageScan) linkTag(z *html.Tokenizer, canonical *string, addLink func(string)) {
	var rel, href, typ, media string
	for _, at := range attrs(z) {
		switch at.k {
		case "rel":
			rel = strings.ToLower(at.v)
		case "href":
			href = at.v
		case "type":
			typ = strings.ToLower(strings.TrimSpace(at.v))
		case "media":
			media = strings.ToLower(strings.TrimSpace(at.v))
		}
	}
	l := linkHref(href)
	if l == "" {
		return
	}
	for r := range strings.FieldsSeq(rel) {
		switch r {
		case "canonical":
			if *canonical == "" {
				*canonical = l
			}
		case "next", "prev", "previous":
			addLink(l)
		case "amphtml":
			s.copies = append(s.copies, l)
		case "alternate":
			if media == "print" {
				s.copies = append(s.copies, l)
			} else if strings.Contains(typ, "rss") || strings.Contains(typ, "atom") {
				s.feeds = append(s.feeds, l)
			} else if typ == "" || strings.Contains(typ, "html") {
				addLink(l)
			}
		}
	}
}

// linkHref trims an href and drops those that lead nowhere to crawl:
// fragments of the page itself, javascript:, mailto:, tel:, data:, ...
func linkHref(href string) string {
	href = baseurl.Clean(href)
	if href == "" || href[0] == '#' {
		return ""
	}
	if i := strings.IndexByte(href, ':'); i > 0 && i < 12 {
		switch strings.ToLower(href[:i]) {
		case "http", "https":
		default:
			if !strings.ContainsAny(href[:i], "/?#") {
				return "" // another scheme
			}
		}
	}
	return href
}

// robotsDirectives applies a robots meta tag's content or an X-Robots-Tag
// header value ("noindex, nofollow", "none", "newsclip: noindex").
func (s *pageScan) robotsDirectives(v string) {
	if agent, rest, ok := strings.Cut(v, ":"); ok && !strings.ContainsAny(agent, ", ") {
		a := strings.ToLower(strings.TrimSpace(agent))
		if a != "newsclip" && a != "*" && a != "robots" {
			return // a directive for another crawler
		}
		v = rest
	}
	for d := range strings.SplitSeq(strings.ToLower(v), ",") {
		switch strings.TrimSpace(d) {
		case "noindex":
			s.noindex = true
		case "nofollow":
			s.nofollow = true
		case "none":
			s.noindex, s.nofollow = true, true
		}
	}
}

// tagAtom reads a tag's name from its raw bytes ("<A href=…>", "</p>"):
// the tokenizer's TagName copies every name, and names are all this scan
// needs of most tags.
func tagAtom(raw []byte) atom.Atom {
	i := 1
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	var buf [16]byte
	n := 0
	for ; i < len(raw); i++ {
		c := raw[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			return atom.Lookup(buf[:n])
		}
		if n == len(buf) {
			return 0
		}
		buf[n] = c
		n++
	}
	return atom.Lookup(buf[:n])
}

// attrValue returns the value of the current tag's attribute key, reading
// (and so consuming) the tag's attributes up to it.
func attrValue(z *html.Tokenizer, key string) (string, bool) {
	for {
		k, v, more := z.TagAttr()
		if string(k) == key {
			return string(v), true
		}
		if !more {
			return "", false
		}
	}
}

type attr struct{ k, v string }

func attrs(z *html.Tokenizer) []attr {
	var out []attr
	for {
		k, v, more := z.TagAttr()
		out = append(out, attr{string(k), string(v)})
		if !more {
			return out
		}
	}
}

// jsonLDTypes returns the @type values of the top-level objects of a JSON-LD
// script, and of the members of its @graph.
func jsonLDTypes(b []byte) []string {
	var v any
	if json.Unmarshal(bytes.TrimSpace(b), &v) != nil {
		return nil
	}
	var out []string
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth)
			}
		case map[string]any:
			switch t := x["@type"].(type) {
			case string:
				out = append(out, t)
			case []any:
				for _, e := range t {
					if s, ok := e.(string); ok {
						out = append(out, s)
					}
				}
			}
			if g, ok := x["@graph"]; ok && depth == 0 {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
	return out
}

// decodeForScan returns body as UTF-8 for the tokenizer: the Content-Type
// charset was already applied by colly (converted is true), otherwise a BOM
// or <meta> declaration is honoured, and invalid bytes become U+FFFD.
func decodeForScan(body []byte, contentType string, converted bool) []byte {
	if converted || utf8.Valid(body) {
		return body
	}
	enc, _, _ := charset.DetermineEncoding(body, contentType)
	if enc != nil {
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			return out
		}
	}
	return bytes.ToValidUTF8(body, []byte("\uFFFD"))
}
