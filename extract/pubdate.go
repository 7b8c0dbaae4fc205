package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Publication dates: the page's statements in JSON-LD and <meta> first,
// then the dates the reader sees, chosen by where they stand (next to the
// headline, not in a teaser, a comment or a footer), then the URL.

// candKind says how a visible date is marked, weakest first.
type candKind int

const (
	kindBare   candKind = iota // an element holding a date and little else
	kindClass                  // an element whose class or id names a date
	kindTime                   // a <time> element
	kindLabel                  // a label says what the date is ("Published:")
	kindMarked                 // microdata datePublished, <time pubdate>
)

// dateCand is a date seen in the page's body.
type dateCand struct {
	s    stamp
	pos  int // element number in document order
	kind candKind
	mod  bool // a modification or update time
}

// dateScan walks the body once for the dates it shows and the headline.
type dateScan struct {
	p          *page
	heads      []string // the page's headline as metadata states it, lower case
	site       string   // the site's name, lower case
	base       *url.URL // the page's address
	canonical  string
	monthFirst bool // read 03/04/2020 as March 4
	pos        int
	headPos    int  // element number of the headline, -1 when not found
	headH1     bool // the headline is an <h1>
	anyPos     int  // of the first other element that is the headline, -1 when none
	// headMin and headMax bound the length of the headlines in
	// non-space characters.
	headMin, headMax int
	h1Pos            int // of the first <h1>, -1 when none
	cands            []dateCand
	menus            []int // element numbers of navigation and link lists
}

// maxDateElements bounds the walk: dates stand near the top of a page.
const maxDateElements = 4000

func (p *page) visibleDates(m *pageMeta, heads []string, base *url.URL) *dateScan {
	sc := &dateScan{p: p, heads: heads, site: strings.ToLower(m.siteName), base: base, canonical: m.canonical,
		monthFirst: monthFirst(p, base), headPos: -1, h1Pos: -1, anyPos: -1, headMin: 1 << 30}
	for _, h := range heads {
		n := countChars(h)
		sc.headMin, sc.headMax = min(sc.headMin, max(4, n)), max(sc.headMax, n)
	}
	if p.body != nil {
		sc.walk(p.body, false, false)
	}
	if sc.headPos < 0 {
		sc.headPos = sc.anyPos
	}
	if sc.headPos < 0 {
		sc.headPos = sc.h1Pos
	}
	return sc
}

// walk visits the elements under n; excluded is set inside footers,
// navigation, asides and reader comments, read once an ancestor's text has
// been looked at.
func (sc *dateScan) walk(n *html.Node, excluded, read bool) {
	for c := n.FirstChild; c != nil && sc.pos < maxDateElements; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		st := sc.p.stats.get(c)
		if st == nil {
			continue
		}
		sc.pos++
		if c.DataAtom == atom.Nav || st.links >= 3 && st.chars <= 2000 && 2*st.linkChars > st.chars {
			sc.menus = append(sc.menus, sc.pos)
		}
		if lv := headingLevel(c); lv > 0 {
			sc.heading(c, st, lv)
		} else if sc.anyPos < 0 && st.linkChars == 0 && st.chars >= sc.headMin && st.chars <= sc.headMax {
			sc.headline(c)
		}
		ex := excluded || isDateExcluded(c, st)
		if !ex {
			sc.marked(c)
			if len(sc.p.dateScripts) > 0 {
				sc.script(c)
			}
		}
		if st.chars == 0 {
			continue
		}
		r := read
		if !read && !ex && st.chars <= 120 && c.DataAtom != atom.Time && !isBlockContainer(c) {
			// The children are read when this element holds a date
			// it cannot vouch for (beside links, in more text).
			r = sc.text(c, st)
		}
		sc.walk(c, ex, r)
	}
}

// heading notes the headline: the first <h1> whose text is the page's
// headline, else the first heading of another level that is (an <h1> may
// be the site's name), else the first <h1>.
func (sc *dateScan) heading(n *html.Node, st *nstat, level int) {
	if sc.headH1 || st.chars > 400 || sc.headPos >= 0 && level != 1 {
		return
	}
	t := strings.ToLower(nodeText(n))
	if t == "" || t == sc.site {
		// The site's name set as a heading (a logo) heads no story.
		return
	}
	if level == 1 && sc.h1Pos < 0 {
		sc.h1Pos = sc.pos
	}
	for _, h := range sc.heads {
		if t == h || len(t) >= 15 && len(h) >= 15 && (strings.Contains(t, h) || strings.Contains(h, t)) {
			sc.headPos, sc.headH1 = sc.pos, level == 1
			return
		}
	}
}

// headline notes the first element other than a heading whose text is
// the page's headline (<font><b>, a big <span>), for pages whose headline
// is in no heading.
func (sc *dateScan) headline(n *html.Node) {
	if isBlockContainer(n) {
		return
	}
	t := strings.ToLower(nodeText(n))
	for _, h := range sc.heads {
		if t == h && t != sc.site {
			sc.anyPos = sc.pos
			return
		}
	}
}

// dateScript is a short inline script of the body with a date in it: old
// pages print their date with document.write.
type dateScript struct {
	parent *html.Node
	text   string
}

// noteDateScript keeps s when it is a short inline script with a date.
func (p *page) noteDateScript(s *html.Node) {
	t := s.FirstChild
	if t == nil || t != s.LastChild || t.Type != html.TextNode || len(t.Data) > 120 || !hasYear(t.Data) || hasAttr(s, "src") {
		return
	}
	p.dateScripts = append(p.dateScripts, dateScript{s.Parent, t.Data})
}

// script reads the date a script of n prints, as a bare date.
func (sc *dateScan) script(n *html.Node) {
	for _, ds := range sc.p.dateScripts {
		if ds.parent != n {
			continue
		}
		if s, _, _ := findDate(ds.text, sc.monthFirst); s.ok() && !sc.teaser(n) {
			sc.cands = append(sc.cands, dateCand{s: s, pos: sc.pos, kind: kindBare})
		}
	}
}

// isDateExcluded reports the regions whose dates are never the page's:
// footers, navigation, asides and reader comments.
func isDateExcluded(n *html.Node, st *nstat) bool {
	switch n.DataAtom {
	case atom.Footer, atom.Nav, atom.Aside:
		return true
	}
	return st.comments
}

// marked reads the machine-readable dates of an element: <time datetime>
// and microdata datePublished / dateModified on any element.
func (sc *dateScan) marked(n *html.Node) {
	ip := strings.ToLower(attr(n, "itemprop"))
	isPub := strings.Contains(ip, "datepublished") || strings.Contains(ip, "datecreated")
	isMod := strings.Contains(ip, "datemodified")
	// hAtom's <abbr class="published" title="2019-11-18T17:19:53Z">.
	abbr := n.DataAtom == atom.Abbr && hasAttr(n, "title") && isDateClass(classID(n))
	if n.DataAtom != atom.Time && !abbr && !isPub && !isMod {
		return
	}
	v := attr(n, "datetime")
	if v == "" {
		v = attr(n, "content")
	}
	if v == "" && abbr {
		v = attr(n, "title")
	}
	if v == "" {
		v = nodeText(n)
	}
	s, _, _ := findDate(strings.TrimSpace(v), sc.monthFirst)
	if !s.ok() {
		return
	}
	kind := kindTime
	if isPub || hasAttr(n, "pubdate") {
		kind = kindMarked
	}
	if !isPub && !isMod {
		ci := classID(n)
		isMod = strings.Contains(ci, "modif") || strings.Contains(ci, "updat")
		if !isMod && (strings.Contains(ci, "publish") || strings.Contains(ci, "pubdate")) {
			kind = kindMarked
		}
	}
	if sc.teaser(n) {
		return
	}
	sc.cands = append(sc.cands, dateCand{s: s, pos: sc.pos, kind: kind, mod: isMod})
}

// text reads the date of a short element: labelled ("Published: …",
// "Aktualisiert am …"), in an element whose class names a date, or standing
// alone or at the start of its line ("January 18, 2020", "22/11/2020 -
// 04:30 - Source: …", "Name | 2020-03-04 16:52"). It reports whether the
// element is done with: a date taken, or none in it.
func (sc *dateScan) text(n *html.Node, st *nstat) bool {
	if !st.digits || !eachText(n, hasDigit) {
		return true
	}
	t := nodeText(n)
	s, start, end := findDate(t, sc.monthFirst)
	if !s.ok() {
		return true
	}
	before := lower(t[:start])
	kind, mod := kindBare, false
	switch {
	case letters(before) > 40:
		// A date inside a sentence.
		return false
	case updateLabelSet.in(before):
		kind, mod = kindLabel, true
	case dateLabelSet.in(before):
		kind = kindLabel
	case isDateClass(classID(n)) || n.Parent != nil && isDateClass(classID(n.Parent)):
		kind = kindClass
	case start > 3 && letters(before)+letters(t[end:]) > 24:
		// A date inside a sentence or a caption.
		return false
	}
	if st.links > 0 && st.linkChars > st.chars/2 && letters(t) > 12 {
		// Links beside the date: a teaser's, or an author's.
		return false
	}
	if sc.teaser(n) {
		return true
	}
	sc.cands = append(sc.cands, dateCand{s: s, pos: sc.pos, kind: kind, mod: mod})
	if mod {
		// "Updated … · Published …": the second date of the line.
		rest := t[end:]
		if s, start, _ := findDate(rest, sc.monthFirst); s.ok() {
			if b := lower(rest[:start]); dateLabelSet.in(b) && !updateLabelSet.in(b) {
				sc.cands = append(sc.cands, dateCand{s: s, pos: sc.pos, kind: kindLabel})
			}
		}
	}
	return true
}

// maxTeaserChars is the size of a teaser: a headline link, a date, a line
// of text.
const maxTeaserChars = 300

// teaser reports a date that belongs to a teaser of another page: a small
// box around it holds a headline-sized link that is not this page's
// headline, or is one of a run of like boxes with links (a list of
// teasers, however short their titles).
func (sc *dateScan) teaser(n *html.Node) bool {
	for a := n; a != nil && a != sc.p.body; a = a.Parent {
		st := sc.p.stats.get(a)
		if st == nil || st.chars > maxTeaserChars {
			return false
		}
		if st.linkChars >= 25 && sc.hasHeadlineLink(a) || st.links > 0 && sc.likeSiblings(a) >= 2 {
			return true
		}
	}
	return false
}

// likeSiblings counts the siblings of n with its tag and class that are
// small boxes with links too. Without a class to tell them apart, every
// bare <div> is alike: the siblings must then also be built as n is (the
// same tags for children), as the items of a list of teasers are.
func (sc *dateScan) likeSiblings(n *html.Node) int {
	ci, like := classID(n), 0
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s == n || s.Type != html.ElementNode || s.DataAtom != n.DataAtom || s.Data != n.Data {
			continue
		}
		if st := sc.p.stats.get(s); st != nil && st.links > 0 && st.chars <= maxTeaserChars && classID(s) == ci &&
			(ci != "" || sameChildTags(s, n)) {
			like++
		}
	}
	return like
}

// sameChildTags reports elements whose element children have the same
// tags, in the same order, below the wrappers they both have (a table
// around a cell, a <div> around a <div>).
func sameChildTags(a, b *html.Node) bool {
	for {
		ca, cb := onlyElement(a), onlyElement(b)
		if ca == nil || cb == nil {
			break
		}
		if ca.DataAtom != cb.DataAtom || ca.Data != cb.Data {
			return false
		}
		a, b = ca, cb
	}
	x, y := a.FirstChild, b.FirstChild
	for {
		for x != nil && x.Type != html.ElementNode {
			x = x.NextSibling
		}
		for y != nil && y.Type != html.ElementNode {
			y = y.NextSibling
		}
		if x == nil || y == nil {
			return x == y
		}
		if x.DataAtom != y.DataAtom || x.Data != y.Data {
			return false
		}
		x, y = x.NextSibling, y.NextSibling
	}
}

// hasHeadlineLink reports a link of headline size under n whose text is not
// the page's headline.
func (sc *dateScan) hasHeadlineLink(n *html.Node) bool {
	var found bool
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			st := sc.p.stats.get(c)
			if st == nil || st.linkChars < 25 {
				continue
			}
			if c.DataAtom == atom.A && st.chars >= 25 {
				t := strings.ToLower(nodeText(c))
				own := sc.isSelf(attr(c, "href"))
				for _, h := range sc.heads {
					if t == h || strings.Contains(h, t) || strings.Contains(t, h) {
						own = true
					}
				}
				found = !own
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return found
}

// isSelf reports a link to the page itself (its address or its canonical
// one, scheme, "www.", a final slash and the fragment aside): a permalink.
func (sc *dateScan) isSelf(href string) bool {
	if sc.base == nil || href == "" {
		return false
	}
	docBase := sc.base // links resolve against the document's <base href>
	if sc.p.base != nil {
		docBase = sc.p.base
	}
	u := pageKey(resolve(docBase, href))
	return u != "" && (u == pageKey(sc.base.String()) || u == pageKey(sc.canonical))
}

// pageKey is a URL without scheme, "www.", fragment and final slash.
func pageKey(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	return strings.TrimSuffix(strings.TrimPrefix(u, "www."), "/")
}

// pick chooses the publication date among the visible ones: one marked as
// such wherever it stands; else the nearest to the headline, after it
// rather than before (a date above the headline is often the day's date in
// the site's masthead); a bare date only close to it. Without a headline
// only marked, labelled and <time> dates count.
func (sc *dateScan) pick(mod bool) stamp {
	best, bestCost := stamp{}, 1<<30
	for _, c := range sc.cands {
		if c.mod != mod {
			continue
		}
		var cost int
		switch {
		case c.kind == kindMarked:
			cost = dist(c.pos, sc.headPos)
		case sc.headPos < 0:
			if c.kind < kindLabel {
				continue
			}
			cost = 1000 + c.pos
		default:
			d := c.pos - sc.headPos
			if d < 0 {
				if sc.menuBetween(c.pos, sc.headPos) {
					// The masthead's date of the day, set
					// apart from the story by the site's menu.
					continue
				}
				d = -3 * d
			}
			limit := dateReach[c.kind]
			if d > limit {
				continue
			}
			// Between neighbours the better marked wins: a <time>
			// over the text of the line that holds it.
			cost = 1000 + d - 2*int(c.kind)
		}
		if cost < bestCost {
			best, bestCost = c.s, cost
		}
	}
	return best
}

// menuBetween reports a navigation or link list that starts between the
// elements numbered from and to.
func (sc *dateScan) menuBetween(from, to int) bool {
	for _, m := range sc.menus {
		if m > from && m < to {
			return true
		}
	}
	return false
}

// dateReach is how far from the headline, in elements, a date of each kind
// is taken: a bare date only close to it, a labelled one or a <time> in a
// byline box set apart.
var dateReach = [...]int{kindBare: 25, kindClass: 60, kindTime: 150, kindLabel: 150}

func dist(a, b int) int {
	if b < 0 {
		return a
	}
	if a < b {
		return b - a
	}
	return a - b
}

// isDateClass reports a class or id naming a publication date or time.
func isDateClass(ci string) bool {
	return ci != "" && !strings.Contains(ci, "updat") && !strings.Contains(ci, "modif") &&
		dateClassSet.in(ci)
}

// dateLabelWords are the labels of a publication date in the languages of
// the news, lower case.
var dateLabelWords = []string{"date", "published", "publié", "publicado", "publicada", "publicat", "pubblicato", "publiziert",
	"publikováno", "opublikowano", "gepubliceerd", "publicerad", "publiceret", "publisert", "julkaistu", "posted", "released", "datum", "veröffentlicht", "erschienen", "fecha",
	"опубликовано", "опубліковано", "дата", "发布", "發佈", "发表", "發表", "日期", "时间", "時間", "配信", "公開", "投稿",
	"작성", "입력", "등록", "yayın", "tarih", "نشر", "تاريخ"}

// updateLabelWords are the labels of an update time.
var updateLabelWords = []string{"updated", "update:", "modified", "aktualisiert", "geändert", "actualizado", "actualizada",
	"mis à jour", "mise à jour", "aggiornato", "atualizado", "обновлено", "оновлено", "更新", "수정", "güncelleme", "zaktualizowano", "bijgewerkt"}

// dateLabelSet and updateLabelSet match the label words in one pass: the
// lists above are the only place the labels are written.
var dateLabelSet, updateLabelSet = newPhraseSet(dateLabelWords), newPhraseSet(updateLabelWords)

// dateClassSet holds the words of a date's class or id (isDateClass).
var dateClassSet = newPhraseSet([]string{"date", "time", "publish", "posted", "pubdate"})

// publishedMetas and modifiedMetas name the <meta> elements (property, name
// or itemprop, lower case) that state the publication and the modification
// time, in order of trust: Open Graph and schema.org, Dublin Core, the
// analytics and recommendation vendors' tags, scholarly citation tags.
var (
	publishedMetas = []string{"article:published_time", "og:article:published_time", "article:published", "datepublished",
		"pubdate", "publishdate", "publish-date", "publish_date", "date_published", "date", "dc.date", "dc.date.issued",
		"dc.date.created", "dcterms.created", "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date",
		"og:published_time", "article.published", "published_time", "release_date", "original-publish-date",
		"originalpublicationdate", "article_date_original", "cxenseparse:recs:publishtime", "weibo: article:create_at",
		"publication_date", "datecreated", "prism.publicationdate", "rnews:datepublished", "citation_publication_date",
		"citation_date", "citation_online_date", "pdate", "ptime", "displaydate"}
	modifiedMetas = []string{"article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified",
		"dcterms.modified", "article.updated"}
)

// dates fills the publication and modification times: JSON-LD, then metas,
// then the visible dates, then the URL.
func (m *pageMeta) dates(p *page, metas map[string]string, ld *ldData, base *url.URL) {
	m.published = ld.date("datePublished")
	for _, k := range publishedMetas {
		if !m.published.ok() {
			m.published = parseStamp(metas[k])
		}
	}
	m.modified = ld.date("dateModified")
	for _, k := range modifiedMetas {
		if !m.modified.ok() {
			m.modified = parseStamp(metas[k])
		}
	}
	if !m.published.ok() {
		// The visible dates are read for a page whose metadata has no
		// publication date; the modification time then comes with them.
		var heads []string
		for _, h := range []string{m.bestTitle(), m.ldHeadline, m.ogTitle, m.title} {
			if h = strings.ToLower(collapse(html.UnescapeString(h))); h != "" && h != strings.ToLower(m.siteName) {
				heads = append(heads, h)
			}
		}
		sc := p.visibleDates(m, heads, base)
		m.published = sc.pick(false)
		if !m.modified.ok() {
			m.modified = sc.pick(true)
		}
	}
	if !m.published.ok() && base != nil {
		m.published = urlDate(base.Path)
	}
}

// monthFirst reports a page in American English, which writes 03/04/2020
// for March 4: declared so, or declared English on a site outside the
// countries whose English puts the day first.
func monthFirst(p *page, base *url.URL) bool {
	if p.html == nil {
		return false
	}
	switch strings.ToLower(attr(p.html, "lang")) {
	case "en-us":
		return true
	case "en":
		if base == nil {
			return true
		}
		host := strings.ToLower(base.Hostname())
		if i := strings.LastIndexByte(host, '.'); i >= 0 {
			return !dayFirstTLD[host[i+1:]]
		}
		return true
	}
	return false
}

// dayFirstTLD are the country domains of English-speaking countries that
// write the day first.
var dayFirstTLD = map[string]bool{"uk": true, "au": true, "nz": true, "ie": true, "in": true, "za": true,
	"sg": true, "pk": true, "ng": true, "ke": true, "gh": true, "lk": true, "my": true, "hk": true}

// onlyElement returns the element child of n when it has one and no other
// (text aside).
func onlyElement(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if only != nil {
				return nil
			}
			only = c
		}
	}
	return only
}
