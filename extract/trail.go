package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reCrumbLabel matches the label a visible trail may start with:
// "Current:", "当前位置：".
var reCrumbLabel = regexp.MustCompile(`^[\p{L} ]{0,24}[:：]\s*`)

// breadcrumb finds a visible breadcrumb trail: a short element of links
// joined by separators, or one marked as such by ARIA, microdata or class.
func (p *page) breadcrumb(site string) []string {
	if p.body == nil {
		return nil
	}
	if items := markedBreadcrumb(p.trail); len(items) >= 2 {
		if p.tr != nil {
			p.tr.markedCrumb(p.doc)
		}
		return items
	}
	// A trail stands above the headline: the search ends at the first h1.
	var h1 *html.Node
	if len(p.h1s) > 0 {
		h1 = p.h1s[0]
	}
	var found []string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type != html.ElementNode || n == h1 {
			return n == h1
		}
		st := p.stats.get(n)
		if st == nil || st.chars == 0 {
			return false
		}
		marked := strings.Contains(strings.ToLower(attr(n, "aria-label")), "breadcrumb") ||
			strings.Contains(attr(n, "itemtype"), "BreadcrumbList") ||
			strings.Contains(classID(n), "crumb")
		if st.chars <= 160 && st.links >= 1 && (marked || st.links <= 8) {
			if items := crumbItems(n, marked, site, p.base); items != nil {
				if p.tr != nil {
					p.tr.crumb(n, marked)
				}
				found = items
				return true
			}
		}
		if st.chars > 160 || marked {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if walk(c) {
					return true
				}
			}
		}
		return false
	}
	walk(p.body)
	return found
}

// crumbItems reads the items of a candidate breadcrumb element: the texts of
// its links, and of unlinked items set between the same separators. The
// separator is whatever the page writes between consecutive links — one
// short run of marks, the same each time (> › » / \ | · • :: -) — or nothing
// when each item is a list item of its own (the style sheet draws the
// marks). Marks that also separate menus (| · • - and style-sheet marks)
// count only when the links go down one path: each a parent of the next,
// or of the page.
func crumbItems(n *html.Node, marked bool, site string, base *url.URL) []string {
	if !marked && !mayHaveSeparator(n) {
		return nil // no separator possible: skip building the texts
	}
	r := readCrumb(n)
	if len(r.links) == 0 {
		return nil
	}
	sep, ok := r.separator(n)
	if !ok && !marked {
		return nil
	}
	lead := reCrumbLabel.ReplaceAllString(r.lead, "")
	items := splitCrumbs(lead, sep)
	for _, l := range r.links {
		items = append(items, l.text)
	}
	items = append(items, splitCrumbs(r.tail, sep)...)
	if len(items) < 2 {
		return nil
	}
	for _, it := range items {
		if w, c := wordCount(it); w > 8 || c > 20 {
			if !marked {
				return nil
			}
		}
	}
	if marked {
		return items
	}
	// An unmarked trail starts at the home page: "Home", its equivalents,
	// or the site's own name.
	if !reHomeWord.MatchString(items[0]) && (site == "" || !strings.EqualFold(items[0], site)) {
		return nil
	}
	if !trailMark(sep) && !descending(r.links, base) {
		return nil
	}
	return items
}

// mayHaveSeparator reports whether n could yield a separator (see
// crumbRead.separator) without building any text: a list item below n, or
// a mark in a text readCrumb keeps (outside links). Without either, every
// gap and the tail hold no mark and no list item stands for one, so
// separator fails; the test only skips work, it never changes a result.
func mayHaveSeparator(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if hasMark(c.Data) {
				return true
			}
		case html.ElementNode:
			if c.DataAtom == atom.Li || c.DataAtom == atom.A && countAtom(c, atom.Li) > 0 {
				return true
			}
			if c.DataAtom != atom.A && mayHaveSeparator(c) {
				return true
			}
		}
	}
	return false
}

// hasMark reports a rune that isMark accepts in s.
func hasMark(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < utf8.RuneSelf {
			if isMark(rune(b)) {
				return true
			}
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if isMark(c) {
			return true
		}
		i += size - 1
	}
	return false
}

// crumbLink is one link of a candidate trail.
type crumbLink struct{ text, href string }

// crumbRead is a candidate trail read in document order: the text before
// its first link, its links, the text between consecutive links, and the
// text after the last.
type crumbRead struct {
	lead, tail string
	links      []crumbLink
	gaps       []string
}

// readCrumb reads n in document order. Links without text (an icon) are
// passed over.
func readCrumb(n *html.Node) crumbRead {
	var r crumbRead
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				text.WriteString(c.Data)
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.A:
				t := nodeText(c)
				if t == "" {
					continue
				}
				if len(r.links) == 0 {
					r.lead = collapse(text.String())
				} else {
					r.gaps = append(r.gaps, strings.TrimFunc(text.String(), unicode.IsSpace))
				}
				text.Reset()
				r.links = append(r.links, crumbLink{t, attr(c, "href")})
			default:
				walk(c)
			}
		}
	}
	walk(n)
	if len(r.links) == 0 {
		r.lead = collapse(text.String())
	} else {
		r.tail = collapse(text.String())
	}
	return r
}

// separator returns the mark between the items of a trail, and whether
// there is one: the same run of marks between every two links (or, with
// one link, before the unlinked item after it); "" when the links stand in
// list items of their own with nothing between.
func (r crumbRead) separator(n *html.Node) (string, bool) {
	if len(r.gaps) == 0 {
		t := strings.TrimFunc(r.tail, unicode.IsSpace)
		i := strings.IndexFunc(t, func(c rune) bool { return !isMark(c) })
		if i <= 0 {
			return "", false
		}
		return t[:i], isSepToken(t[:i])
	}
	sep := r.gaps[0]
	for _, g := range r.gaps[1:] {
		if g != sep {
			return "", false
		}
	}
	if sep == "" {
		return "", countAtom(n, atom.Li) >= len(r.links)
	}
	return sep, isSepToken(sep)
}

// isSepToken reports a run of one to three marks: no letter, digit or space.
func isSepToken(s string) bool {
	k := 0
	for _, c := range s {
		if !isMark(c) {
			return false
		}
		k++
	}
	return k >= 1 && k <= 3
}

func isMark(c rune) bool {
	return !unicode.IsLetter(c) && !unicode.IsDigit(c) && !unicode.IsSpace(c)
}

// trailMark reports a separator that marks a trail and hardly ever a menu:
// arrows, chevrons, slashes, "::".
func trailMark(sep string) bool {
	return sep == "::" || sep != "" && strings.Trim(sep, `>›»→/\＞〉≫❯▶▸►`) == ""
}

// descending reports whether the links after the first (the home page) go
// down one path: each one's path holds the one before it, or the page's
// path holds it.
func descending(links []crumbLink, base *url.URL) bool {
	var prev string
	for i, l := range links[1:] {
		u, err := url.Parse(strings.TrimSpace(l.href))
		if err != nil {
			return false
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		path := strings.TrimSuffix(u.Path, "/")
		if i > 0 && !strings.HasPrefix(path+"/", prev+"/") &&
			(base == nil || !strings.HasPrefix(base.Path, path+"/")) {
			return false
		}
		prev = path
	}
	return true
}

// splitCrumbs splits unlinked trail text at sep where it stands apart from
// words ("Covid-19" is one item with "-" as separator).
func splitCrumbs(s, sep string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if sep == "" {
		return []string{s}
	}
	var out []string
	from := 0
	for i := 0; i <= len(s)-len(sep); {
		if s[i:i+len(sep)] != sep || !apart(s, i, i+len(sep)) {
			i++
			continue
		}
		if t := strings.TrimSpace(s[from:i]); t != "" {
			out = append(out, t)
		}
		i += len(sep)
		from = i
	}
	if t := strings.TrimSpace(s[from:]); t != "" {
		out = append(out, t)
	}
	return out
}

// apart reports whether s[i:j] has no word character on both sides.
func apart(s string, i, j int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[j:])
	return i == 0 || j == len(s) || !isWordRune(before) || !isWordRune(after)
}

// countAtom counts the elements of kind a under n.
func countAtom(n *html.Node, a atom.Atom) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if c.DataAtom == a {
				k++
			}
			k += countAtom(c, a)
		}
	}
	return k
}

var reHomeWord = regexp.MustCompile(`(?i)^(home|homepage|start|startseite|inicio|portada|accueil|首页|首頁|主页|ホーム|トップ|홈|главная|news|index)$`)

// markedBreadcrumb reads the trail n marked up as one — schema.org
// microdata, ARIA label, or the class and id names of the convention —
// from its list items, microdata items or links. n is p.trail, the first
// such element prune met; nil when none.
func markedBreadcrumb(n *html.Node) []string {
	if n == nil {
		return nil
	}
	trail := goquery.NewDocumentFromNode(n).Selection
	items := trail.Find(`[itemprop="itemListElement"]`)
	if items.Length() == 0 {
		items = trail.Find("li")
	}
	if items.Length() == 0 {
		items = trail.Find("a")
	}
	var out []string
	items.Each(func(_ int, s *goquery.Selection) {
		t := strings.Trim(collapse(s.Text()), " >›»→/|")
		if t != "" && len(t) <= 80 {
			out = append(out, t)
		}
	})
	if len(out) > 8 {
		return nil // a menu, not a trail
	}
	return out
}

// findMarkedTrail returns the first element under n, in document order,
// whose class, id or aria-label holds "readcrumb" or whose itemtype holds
// "BreadcrumbList", case-sensitive as the CSS selectors it stands for
// ([class*="readcrumb"], ...); nil when none. One walk, no selector
// engine: it runs on every page.
func findMarkedTrail(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if marksTrail(c) {
			return c
		}
		if t := findMarkedTrail(c); t != nil {
			return t
		}
	}
	return nil
}

// marksTrail reports an element whose class, id or aria-label holds
// "readcrumb" or whose itemtype holds "BreadcrumbList" (findMarkedTrail).
func marksTrail(c *html.Node) bool {
	for _, a := range c.Attr {
		var sub string
		switch a.Key {
		case "class", "id", "aria-label":
			sub = "readcrumb"
		case "itemtype":
			sub = "BreadcrumbList"
		default:
			continue
		}
		if strings.Contains(a.Val, sub) {
			return true
		}
	}
	return false
}

// firstText returns the first non-blank text under n, trimmed.
func firstText(n *html.Node) string {
	var first string
	eachText(n, func(s string) bool {
		first = strings.TrimSpace(s)
		return first != ""
	})
	return first
}
