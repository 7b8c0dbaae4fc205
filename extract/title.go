package extract

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Titles. A page states its headline several times: in <title> (with the
// site's name and a section glued on), og:title, JSON-LD headline, and on
// the page itself, in an <h1> or whatever tag its markup uses. The record's
// title is the visible headline when one agrees with the page's own
// statements; else the statements, with the site name cut off.

func (m *pageMeta) headlineCandidates() []string {
	var out []string
	for _, c := range []string{m.h1, m.ldHeadline, m.ogTitle} {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// headlineTexts returns the texts of headline candidates, leaving out
// empty ones and those too long to be a headline.
func (p *page) headlineTexts(nodes []*xhtml.Node) []string {
	var out []string
	for _, n := range nodes {
		if st := p.stats.get(n); st == nil || st.chars > 400 || homeLink(n) {
			continue
		}
		if t := nodeText(n); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// maxHeads bounds the non-h1 headline candidates a page keeps.
const maxHeads = 48

// headlineLike reports an element other than <h1> that may hold a page's
// visible headline: itemprop=headline, a class or id naming a title or
// headline, an <h2>, a large <font>, bold text set in a <font> or a table
// cell, an inline style with a large font size.
func headlineLike(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.H2:
		return true
	case atom.Font:
		s := strings.TrimSpace(attr(n, "size"))
		return strings.HasPrefix(s, "+") || s >= "4" && len(s) == 1
	case atom.B, atom.Strong:
		// Bold text set in a <font> or a table cell, or alone in its
		// parent: not a bold phrase inside a sentence.
		if p := n.Parent; p != nil && (p.DataAtom == atom.Font || p.DataAtom == atom.Td || aloneInParent(n)) {
			return true
		}
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			if a.Val == "headline" {
				return true
			}
		case "class", "id":
			// "title", "Title", "headline", "Headline" without lower-casing
			// every class.
			if strings.Contains(a.Val, "itle") || strings.Contains(a.Val, "eadline") {
				l := strings.ToLower(a.Val)
				if (strings.Contains(l, "title") || strings.Contains(l, "headline")) &&
					!strings.Contains(l, "subtitle") && !strings.Contains(l, "sub-title") {
					return true
				}
			}
		case "style":
			if strings.Contains(a.Val, "font-size") && largeFont(a.Val) {
				return true
			}
		}
	}
	return false
}

// aloneInParent reports an element with no sibling but white space.
func aloneInParent(n *xhtml.Node) bool {
	for _, c := range []*xhtml.Node{n.PrevSibling, n.NextSibling} {
		if c != nil && (c.Type != xhtml.TextNode || strings.TrimSpace(c.Data) != "") {
			return false
		}
	}
	return true
}

// homeLink reports a headline candidate that is all a link to the site's
// root: a logo, not a headline.
func homeLink(n *xhtml.Node) bool {
	var link *xhtml.Node
	for c := n; c != nil; {
		if c.DataAtom == atom.A {
			link = c
			break
		}
		// Down through single children: <h1><a>, <h1><span><a>.
		var only *xhtml.Node
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == xhtml.TextNode && strings.TrimSpace(k.Data) == "" {
				continue
			}
			if only != nil {
				return false
			}
			only = k
		}
		if only == nil || only.Type != xhtml.ElementNode {
			return false
		}
		c = only
	}
	if link == nil {
		return false
	}
	href := strings.TrimSpace(attr(link, "href"))
	if i := strings.Index(href, "://"); i >= 0 {
		href = href[i+3:]
		if j := strings.IndexByte(href, '/'); j >= 0 {
			href = href[j:]
		} else {
			href = "/"
		}
	}
	switch strings.TrimSuffix(href, "index.html") {
	case "/", "./", "":
		return true
	}
	return false
}

// largeFont reports an inline style setting a font size of 20px or more
// (1.4em, 1.4rem, 15pt).
func largeFont(style string) bool {
	s := strings.ToLower(style)
	i := strings.Index(s, "font-size")
	if i < 0 {
		return false
	}
	s = strings.TrimLeft(s[i+len("font-size"):], " :")
	j := 0
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
		j++
	}
	var v float64
	for k, dot := 0, -1.0; k < j; k++ {
		if s[k] == '.' {
			dot = 0.1
			continue
		}
		d := float64(s[k] - '0')
		if dot < 0 {
			v = v*10 + d
		} else {
			v += d * dot
			dot /= 10
		}
	}
	unit := s[j:]
	switch {
	case strings.HasPrefix(unit, "px"):
		return v >= 20
	case strings.HasPrefix(unit, "pt"):
		return v >= 15
	case strings.HasPrefix(unit, "em"), strings.HasPrefix(unit, "rem"):
		return v >= 1.4
	}
	return strings.HasPrefix(unit, "x-large") || strings.HasPrefix(unit, "xx-large") || strings.HasPrefix(unit, "large")
}

// bestTitle picks the record's title: a visible headline that the
// document title, og:title or JSON-LD headline confirms (the h1s first,
// then the other candidates), else their own agreement, else the
// document title without the site's name.
func (m *pageMeta) bestTitle() string {
	title := html.UnescapeString(m.title)
	og := html.UnescapeString(m.ogTitle)
	ld := html.UnescapeString(m.ldHeadline)
	h1s := m.h1s
	if h1s == nil && m.h1 != "" {
		h1s = []string{m.h1}
	}
	site := normTitle(m.siteName)
	titleSite := normTitle(siteFromTitle(title, append(append([]string{}, h1s...), ld, og)))
	usableNorm := func(v, n string) bool {
		return n != "" && n != site && n != titleSite && utf8.RuneCountInString(v) <= 300
	}
	usable := func(v string) bool { return usableNorm(v, normTitle(v)) }
	refs := normRefs([]string{title, og, ld}, m.siteName)
	// A visible headline that a statement gives whole.
	for _, v := range h1s {
		if n := normTitle(v); usableNorm(v, n) && statesWhole(n, refs) {
			return v
		}
	}
	heads := m.heads
	if heads == nil && m.headsOf != nil {
		heads = m.headsOf() // read only when no h1 will do
	}
	for _, v := range heads {
		if n := normTitle(v); usableNorm(v, n) && statesWhole(n, refs) {
			return v
		}
	}
	// An h1 that shares most of its words with a statement: the same story,
	// edited for the page.
	stripped := []string{stripSite(title, m.siteName), stripSite(og, m.siteName), ld}
	for _, v := range h1s {
		if usable(v) && sharesWords(v, stripped) {
			return v
		}
	}
	if title == "" && og == "" && ld == "" {
		for _, v := range h1s {
			if usable(v) {
				return v
			}
		}
	}
	if ld != "" && (normTitle(ld) == normTitle(og) || normTitle(ld) == normTitle(stripSite(og, m.siteName))) {
		return ld
	}
	for _, c := range []string{ld, og, title} {
		if c != "" {
			return stripSite(c, m.siteName)
		}
	}
	return m.h1
}

// statesWhole reports whether one of the statements is v, alone or with
// the site's name and a section glued on.
//
// nv is the normalised candidate (normTitle), refs the statements
// normalised once for every candidate (normRefs).
func statesWhole(nv string, refs []normRef) bool {
	if nv == "" {
		return false
	}
	for _, r := range refs {
		if r.whole == nv || r.bare == nv {
			return true
		}
		// "Headline - Site", "Section | Headline | Site": v is a run of the
		// statement's segments.
		if len(nv) >= 10 && strings.Contains(r.whole, nv) && segmentRun(r.whole, nv) {
			return true
		}
	}
	return false
}

// normRef is a statement of the title normalised (normTitle), whole and
// without the site's name (stripSite). A statement that normalises to ""
// equals no candidate, which is never "".
type normRef struct{ whole, bare string }

func normRefs(refs []string, site string) []normRef {
	out := make([]normRef, 0, len(refs))
	for _, r := range refs {
		if r != "" {
			out = append(out, normRef{normTitle(r), normTitle(stripSite(r, site))})
		}
	}
	return out
}

// segmentRun reports whether sub sits in s between separators (or the
// ends): the headline in "Headline - Site", not a phrase inside a sentence.
func segmentRun(s, sub string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return false
		}
		i += off
		before := strings.TrimRight(s[:i], " ")
		after := strings.TrimLeft(s[i+len(sub):], " ")
		if (before == "" || endsWithSep(before)) && (after == "" || startsWithSep(after)) {
			return true
		}
		off = i + 1
	}
}

const titleSeps = "-|_:·•»/–—"

func endsWithSep(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(titleSeps, r) || r == '】' || r == '｜'
}

func startsWithSep(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(titleSeps, r) || r == '【' || r == '｜'
}

// normTitle folds a title for comparison: case, typographic quotes,
// dashes and ellipses, spaces, closing punctuation.
func normTitle(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case '‘', '’', '‚', '‛', '′', '`', '´':
			r = '\''
		case '“', '”', '„', '‟', '«', '»', '″':
			r = '"'
		case '–', '—', '―', '−', '‐':
			r = '-'
		case '…':
			b.WriteString("...")
			space = false
			continue
		case '｜':
			r = '|'
		}
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " .。!！")
}

// sharesWords reports whether v and one of the statements tell the same
// story in other words: at least two content words (compared by their
// first four letters; CJK by character pairs) in common, half of the
// shorter one's.
func sharesWords(v string, refs []string) bool {
	vw := titleWords(v)
	if len(vw) == 0 {
		return false
	}
	for _, r := range refs {
		rw := titleWords(r)
		if len(rw) == 0 {
			continue
		}
		common := 0
		for w := range vw {
			if rw[w] {
				common++
			}
		}
		if common >= 2 && 2*common >= min(len(vw), len(rw)) {
			return true
		}
	}
	return false
}

// titleWords returns the content words of a title: words of four letters
// or more cut to four, numbers, and pairs of CJK characters.
func titleWords(s string) map[string]bool {
	out := map[string]bool{}
	var word []rune
	var prevCJK rune
	flush := func() {
		if len(word) >= 4 {
			out[string(word[:4])] = true
		} else if len(word) > 0 && unicode.IsDigit(word[0]) {
			out[string(word)] = true
		}
		word = word[:0]
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case cjkRune(r):
			flush()
			if prevCJK != 0 {
				out[string([]rune{prevCJK, r})] = true
			}
			prevCJK = r
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, r)
		default:
			flush()
		}
		prevCJK = 0
	}
	flush()
	return out
}

// stripSite cuts the site's name and sections glued to a title with
// separators, from the ends only: "Title | Section | Site" is "Title",
// "Site :: Section :: Headline" is "Headline", "【速報】Headline｜Site" is
// "Headline", and "Review - shoots for the moon - Site" keeps its inner
// separator. An end segment goes when it names the site, or when it is
// short beside the rest: a name at the tail (four words at most), a
// section or kicker (two words at most) at either end.
func stripSite(t, site string) string {
	segs := titleSegments(t)
	if len(segs) < 2 {
		return t
	}
	ns := strings.TrimPrefix(normTitle(site), "www.")
	isSite := func(s string) bool {
		n := strings.TrimPrefix(normTitle(s), "www.")
		return ns != "" && (n == ns || !strings.Contains(n, " ") && strings.Contains(n, ".") && strings.Contains(n, ns))
	}
	from, to := 0, len(segs) // the kept run, segs[from:to]
	size := func(a, b int) int { return titleSize(t[segs[a].start:segs[b-1].end]) }
	tailName := true // the tail may still hold the site's name
	for to-from > 1 {
		head, tail := titleSize(segs[from].text), titleSize(segs[to-1].text)
		switch {
		case isSite(segs[to-1].text),
			tail <= 2 && tail <= size(from, to-1),
			tailName && tail <= 4 && tail < size(from, to-1) && (head >= tail || to-from > 2):
			to--
			tailName = false
		case isSite(segs[from].text), head <= 2 && head < size(from+1, to):
			from++
		default:
			return strings.TrimSpace(t[segs[from].start:segs[to-1].end])
		}
	}
	return segs[from].text
}

// titleSize is the length of a title in words, a CJK character counting
// half a word.
func titleSize(s string) int {
	w, c := wordCount(s)
	return w + (c+1)/2
}

type titleSegment struct {
	text       string
	start, end int // byte offsets in the title
}

// splitTitle cuts a document title at the separators sites glue names
// and sections on with: "|", "｜" and "_" anywhere; a run of - – — : · • »
// / between spaces ("Title - Site", "Site :: Title"); a dash or bar after a
// space ("Title -Site"); 【】 around a site or section.
func splitTitle(t string) []string {
	segs := titleSegments(t)
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.text
	}
	return out
}

func titleSegments(t string) []titleSegment {
	var out []titleSegment
	add := func(from, to int) {
		for from < to && t[from] == ' ' {
			from++
		}
		for to > from && t[to-1] == ' ' {
			to--
		}
		if from < to {
			out = append(out, titleSegment{t[from:to], from, to})
		}
	}
	start := 0
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r == '|' || r == '_' || r == '｜' || r == '【' || r == '】':
			add(start, i)
			start = i + size
		case unicode.IsSpace(r):
			j := i + size
			for j < len(t) && t[j] == ' ' {
				j++
			}
			k := j
			for k < len(t) {
				q, qs := utf8.DecodeRuneInString(t[k:])
				if !strings.ContainsRune("-–—:·•»/|", q) {
					break
				}
				k += qs
			}
			if k > j {
				first, _ := utf8.DecodeRuneInString(t[j:])
				next, _ := utf8.DecodeRuneInString(t[k:])
				if k == len(t) || unicode.IsSpace(next) || strings.ContainsRune("-–—|", first) {
					add(start, i)
					start = k
					i = k
					continue
				}
			}
		}
		i += size
	}
	add(start, len(t))
	return out
}

// siteFromTitle takes the site name from the document title: the segment
// before or after the headline.
func siteFromTitle(title string, heads []string) string {
	parts := splitTitle(title)
	if len(parts) < 2 {
		return ""
	}
	for _, h := range heads {
		lh := strings.ToLower(h)
		lt := strings.ToLower(title)
		if len(lh) != len(h) || len(lt) != len(title) {
			continue // lower-casing moved byte offsets: no safe cut
		}
		if i := strings.Index(lt, lh); i >= 0 && len(h) >= 10 {
			rest := strings.TrimSpace(title[:i] + " " + title[i+len(h):])
			rest = strings.Trim(rest, " |-–—:·•»/_")
			if rp := splitTitle(rest); len(rp) > 0 {
				return rp[len(rp)-1]
			}
		}
	}
	last := parts[len(parts)-1]
	if w, c := wordCount(last); w <= 4 && c <= 10 {
		return last
	}
	return ""
}

// siteWithoutTagline cuts a slogan glued to a site name with a separator:
// "LinkNaija | Nigeria's popular news platform" is "LinkNaija".
func siteWithoutTagline(site string) string {
	parts := splitTitle(site)
	if len(parts) < 2 {
		return site
	}
	if w, c := wordCount(parts[0]); w <= 4 && c <= 10 {
		if rw, _ := wordCount(strings.Join(parts[1:], " ")); rw >= 3 {
			return parts[0]
		}
	}
	return site
}
