package crawl

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsclip/newsclip/internal/baseurl"
	"github.com/newsclip/newsclip/internal/htmlblock"
)

// pageScan is what one walk of a page's tree learns about it: where it
// links, and the signals that tell an article from a listing. The tree is
// the one the page's record is extracted from (extract.Document): each
// page is parsed once. What the page declares itself to be (JSON-LD types,
// og:type) the extractor reads (extract.Declaration).
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

// blockTags end a block of text when they open or close: the extractor's
// block elements, and <br>, which ends a run of prose here.
var blockTags = withBr(htmlblock.Atoms)

func withBr(m map[atom.Atom]bool) map[atom.Atom]bool {
	out := make(map[atom.Atom]bool, len(m)+1)
	for a, v := range m {
		out[a] = v
	}
	out[atom.Br] = true
	return out
}

// scanner is one walk of a page's tree (see scanDoc).
type scanner struct {
	s         *pageScan
	base      *url.URL // the page's final URL, then its <base href>
	sawBase   bool     // the first <base href> was seen: later ones do not count
	canonical string   // rel=canonical as written, resolved at the end
	seen      map[string]bool
	blockText int // text of the current block outside links
	blockLink int // link text of the current block
	run       int // prose blocks in a row
}

// scanDoc reads a parsed page once, the tree the record is extracted from
// (nil for a page that is no HTML). base is the page's final URL.
func scanDoc(root *html.Node, base *url.URL) *pageScan {
	sc := &scanner{s: &pageScan{textHash: fnvOffset}, base: base, seen: map[string]bool{}}
	if root != nil {
		sc.walk(root, false, false)
	}
	sc.endBlock()
	s := sc.s
	s.base = sc.base
	if sc.canonical != "" {
		if u, err := sc.base.Parse(sc.canonical); err == nil {
			s.canonical = u.String()
		}
	}
	return s
}

// walk reads n's children. inA: inside a link; skip: inside an element
// whose text is never shown (script, style, template, svg, ...), whose
// links still count.
func (sc *scanner) walk(n *html.Node, inA, skip bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if !skip {
				sc.text(c.Data, inA)
			}
		case html.ElementNode:
			sc.element(c, inA, skip)
		}
	}
}

// element reads one element and its subtree. A block element ends the
// block of text before it and its own (see blockTags).
func (sc *scanner) element(n *html.Node, inA, skip bool) {
	block := blockTags[n.DataAtom]
	if block {
		sc.endBlock()
	}
	inSkip := skip
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Textarea, atom.Title:
		skip = true
	case atom.A:
		inA = true
		sc.href(n)
	case atom.Area:
		sc.href(n)
	case atom.Base:
		sc.baseTag(n)
	case atom.Link:
		sc.linkTag(n)
	case atom.Meta:
		sc.metaTag(n)
	}
	sc.walk(n, inA, skip)
	if block && !inSkip {
		sc.endBlock()
	}
}

// endBlock closes the current block of text: a prose block extends the
// run, a block of links breaks it.
func (sc *scanner) endBlock() {
	s := sc.s
	switch {
	case sc.blockText >= proseMin && sc.blockLink*4 <= sc.blockText:
		sc.run++
		s.prose++
		s.maxRun = max(s.maxRun, sc.run)
	case sc.blockLink >= 10 && sc.blockLink*2 > sc.blockText: // a headline, a link list
		sc.run = 0
	}
	sc.blockText, sc.blockLink = 0, 0
}

// addLink keeps a link to follow, as written, once.
func (sc *scanner) addLink(href string) {
	if href = linkHref(href); href != "" && !sc.seen[href] {
		sc.seen[href] = true
		sc.s.links = append(sc.s.links, href)
	}
}

// href reads an <a> or <area>.
func (sc *scanner) href(n *html.Node) {
	if v, ok := attrValue(n, "href"); ok {
		sc.addLink(v)
	}
}

// baseTag reads a <base>: the first with an href sets the document's base.
func (sc *scanner) baseTag(n *html.Node) {
	if v, ok := attrValue(n, "href"); ok && !sc.sawBase {
		sc.sawBase = true
		sc.base = baseurl.Document(sc.base, v)
	}
}

// metaTag reads a <meta>: the robots directives for us.
func (sc *scanner) metaTag(n *html.Node) {
	var name, content string
	for _, at := range n.Attr {
		switch at.Key {
		case "name":
			name = strings.ToLower(strings.TrimSpace(at.Val))
		case "content":
			content = at.Val
		}
	}
	if name == "robots" || name == "newsclip" {
		sc.s.robotsDirectives(content)
	}
}

// text counts a text node (inA: inside a link) and adds it to the text
// hash.
func (sc *scanner) text(data string, inA bool) {
	txt := strings.TrimSpace(data)
	s := sc.s
	s.textBytes += len(txt)
	for i := 0; i < len(txt); i++ {
		s.textHash = (s.textHash ^ uint64(txt[i])) * fnvPrime
	}
	s.textHash = (s.textHash ^ ' ') * fnvPrime
	if inA {
		s.linkBytes += len(txt)
		sc.blockLink += len(txt)
	} else {
		sc.blockText += len(txt)
	}
}

// linkTag reads a <link>: rel=canonical (the first one, as
// written: it is resolved against the document's base at the end), next
// and prev (followed), amphtml and print alternates (the page's copies),
// feeds and other alternates (followed).
func (sc *scanner) linkTag(n *html.Node) {
	var rel, href, typ, media string
	for _, at := range n.Attr {
		switch at.Key {
		case "rel":
			rel = strings.ToLower(at.Val)
		case "href":
			href = at.Val
		case "type":
			typ = strings.ToLower(strings.TrimSpace(at.Val))
		case "media":
			media = strings.ToLower(strings.TrimSpace(at.Val))
		}
	}
	l := linkHref(href)
	if l == "" {
		return
	}
	for r := range strings.FieldsSeq(rel) {
		switch r {
		case "canonical":
			if sc.canonical == "" {
				sc.canonical = l
			}
		case "next", "prev", "previous":
			sc.addLink(l)
		case "amphtml":
			sc.s.copies = append(sc.s.copies, l)
		case "alternate":
			if media == "print" {
				sc.s.copies = append(sc.s.copies, l)
			} else if strings.Contains(typ, "rss") || strings.Contains(typ, "atom") {
				sc.s.feeds = append(sc.s.feeds, l)
			} else if typ == "" || strings.Contains(typ, "html") {
				sc.addLink(l)
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

// attrValue returns the value of n's attribute key.
func attrValue(n *html.Node, key string) (string, bool) {
	for _, at := range n.Attr {
		if at.Key == key && at.Namespace == "" {
			return at.Val, true
		}
	}
	return "", false
}
