package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta gathers the metadata candidates of a page from JSON-LD, <meta>,
// <link>, <time>, visible labels and the URL.
type pageMeta struct {
	title, ogTitle, ldHeadline, h1 string
	siteName                       string
	canonical                      string
	description                    string
	images                         []string
	lang                           string
	published, modified            stamp
	authors                        []string
	section                        []string
	articleBody                    string
	agency                         string
}

func (m *pageMeta) fill(a *Article) {
	a.CanonicalURL = m.canonical
	a.SiteName = m.siteName
	a.Title = m.bestTitle()
	a.Section = m.section
	for i := range a.Section {
		a.Section[i] = html.UnescapeString(a.Section[i])
	}
	// A trail often ends with the article's own title: it is no section.
	if n := len(a.Section); n > 0 {
		last := a.Section[n-1]
		if w, c := wordCount(last); strings.EqualFold(last, a.Title) || w > 6 || c > 16 {
			a.Section = a.Section[:n-1]
		}
	}
	if len(a.Section) == 0 {
		a.Section = nil
	}
	a.Published, a.PublishedZone = m.published.value, m.published.zone
	a.Modified, a.ModifiedZone = m.modified.value, m.modified.zone
	a.Authors = m.authors
	a.Language = m.lang
	a.Description = m.description
	if len(m.images) > 0 {
		a.Image = m.images[0]
		a.Images = m.images
	}
}

func (p *page) metadata(base *url.URL) *pageMeta {
	m := &pageMeta{title: p.title}
	metas := map[string]string{}
	for _, n := range p.metas {
		key := strings.ToLower(attr(n, "property"))
		if key == "" {
			key = strings.ToLower(attr(n, "name"))
		}
		if key == "" {
			key = strings.ToLower(attr(n, "itemprop"))
		}
		if key == "" {
			if h := strings.ToLower(attr(n, "http-equiv")); h == "content-language" {
				key = h
			}
		}
		val := strings.TrimSpace(attr(n, "content"))
		if key == "" || val == "" {
			continue
		}
		if _, ok := metas[key]; !ok {
			metas[key] = val
		}
	}
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := metas[k]; v != "" {
				return v
			}
		}
		return ""
	}
	ld := p.jsonLD()

	m.ogTitle = collapse(first("og:title", "twitter:title"))
	m.ldHeadline = collapse(ld.str("headline"))
	if len(p.h1s) > 0 {
		for _, h := range p.h1s {
			if t := nodeText(h); t != "" {
				m.h1 = t
				break
			}
		}
	}
	m.siteName = collapse(first("og:site_name", "application-name", "twitter:app:name:iphone"))
	if m.siteName == "" {
		m.siteName = ld.publisher
	}
	m.siteName = siteWithoutTagline(m.siteName)
	if m.siteName == "" {
		m.siteName = siteFromTitle(m.title, m.headlineCandidates())
	}
	for _, l := range p.links {
		if strings.EqualFold(attr(l, "rel"), "canonical") && m.canonical == "" {
			m.canonical = resolve(base, attr(l, "href"))
		}
	}
	if m.canonical == "" {
		if u := first("og:url"); u != "" {
			m.canonical = resolve(base, u)
		}
	}
	m.description = collapse(first("og:description", "description", "twitter:description"))
	if m.description == "" {
		m.description = collapse(ld.str("description"))
	}
	for _, s := range append([]string{first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")}, ld.images...) {
		if u := resolve(base, s); u != "" && !slices.Contains(m.images, u) {
			m.images = append(m.images, u)
		}
	}
	// Language: the page's declaration, else detected from the body later.
	if p.html != nil {
		m.lang = normLang(attr(p.html, "lang"))
		if m.lang == "" {
			m.lang = normLang(attr(p.html, "xml:lang"))
		}
	}
	if m.lang == "" {
		m.lang = normLang(first("content-language", "og:locale", "language", "dc.language"))
	}
	if m.lang == "" {
		m.lang = normLang(ld.str("inLanguage"))
	}

	// Times: JSON-LD, then metas, then <time>, then visible labels, then URL.
	m.published = parseStamp(ld.str("datePublished"))
	for _, k := range []string{"article:published_time", "article:published", "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "og:published_time", "article.published", "published_time", "release_date", "original-publish-date", "cxenseparse:recs:publishtime", "weibo: article:create_at", "publication_date", "datecreated"} {
		if !m.published.ok() {
			m.published = parseStamp(metas[k])
		}
	}
	if !m.published.ok() {
		m.published = p.timeElement(true)
	}
	if !m.published.ok() {
		m.published = p.dateLabel()
	}
	if !m.published.ok() && base != nil {
		m.published = urlDate(base.Path)
	}
	m.modified = parseStamp(ld.str("dateModified"))
	for _, k := range []string{"article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified", "dcterms.modified", "article.updated"} {
		if !m.modified.ok() {
			m.modified = parseStamp(metas[k])
		}
	}
	if !m.modified.ok() {
		m.modified = p.timeElement(false)
	}

	// goquery selects the marked-up bylines and breadcrumbs.
	q := goquery.NewDocumentFromNode(p.doc)

	// Authors: JSON-LD persons, then metas, then bylines.
	m.authors = cleanAuthors(ld.authors, m.siteName)
	if len(m.authors) == 0 {
		for _, k := range []string{"author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author", "citation_author", "twitter:creator"} {
			if v := metas[k]; v != "" {
				if m.authors = cleanAuthors([]string{v}, m.siteName); len(m.authors) > 0 {
					break
				}
			}
		}
	}
	if len(m.authors) == 0 {
		m.authors = cleanAuthors(p.bylines(q), m.siteName)
	}

	m.section = ld.breadcrumb
	if len(m.section) == 0 {
		m.section = p.breadcrumb(q, m.siteName)
	}
	if len(m.section) == 0 {
		if s := collapse(first("article:section", "section", "parsely-section")); s != "" {
			m.section = []string{s}
		} else if s := ld.str("articleSection"); s != "" {
			m.section = []string{collapse(s)}
		}
	}
	m.articleBody = ld.str("articleBody")
	m.agency = ld.agency
	return m
}

// ldData is what the page's JSON-LD says about its article.
type ldData struct {
	article    map[string]any
	publisher  string
	authors    []string
	breadcrumb []string
	images     []string
	agency     string
}

func (d *ldData) str(key string) string {
	if d.article == nil {
		return ""
	}
	return ldString(d.article[key])
}

func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	case map[string]any:
		if s := ldString(x["name"]); s != "" {
			return s
		}
		return ldString(x["@value"])
	}
	return ""
}

func ldTypes(obj map[string]any) []string {
	switch t := obj["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

var articleTypes = regexp.MustCompile(`(?i)article|posting|report|review|story|webpage$`)

func (p *page) jsonLD() *ldData {
	d := &ldData{}
	var objs []map[string]any
	var collect func(v any)
	collect = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				collect(e)
			}
		case map[string]any:
			objs = append(objs, x)
			if g, ok := x["@graph"]; ok {
				collect(g)
			}
		}
	}
	for _, raw := range p.jsonld {
		var v any
		raw = strings.TrimSpace(raw)
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			// Some pages end a JSON-LD script with a stray ";".
			if err := json.Unmarshal([]byte(strings.TrimRight(raw, "; \n")), &v); err != nil {
				continue
			}
		}
		collect(v)
	}
	best := -1
	for _, o := range objs {
		for _, t := range ldTypes(o) {
			if t == "BreadcrumbList" && d.breadcrumb == nil {
				d.breadcrumb = ldBreadcrumb(o)
			}
			if articleTypes.MatchString(t) {
				rank := 1
				if strings.HasSuffix(t, "WebPage") || t == "WebPage" {
					rank = 0
				}
				if _, ok := o["articleBody"]; ok {
					rank += 2
				}
				if rank > best {
					best, d.article = rank, o
				}
			}
		}
	}
	if d.article == nil {
		return d
	}
	if bc, ok := d.article["breadcrumb"].(map[string]any); ok && d.breadcrumb == nil {
		d.breadcrumb = ldBreadcrumb(bc)
	}
	d.publisher = ldString(d.article["publisher"])
	// Authors are Persons (an Organization is no author); images are URLs.
	d.authors = ldCollect(d.article["author"], func(o map[string]any) string {
		for _, t := range ldTypes(o) {
			if t == "Organization" || t == "NewsMediaOrganization" {
				return ""
			}
		}
		return ldString(o["name"])
	})
	d.images = ldCollect(d.article["image"], func(o map[string]any) string {
		if s, ok := o["url"].(string); ok {
			return s
		}
		s, _ := o["contentUrl"].(string)
		return s
	})
	if b, ok := d.article["isBasedOn"]; ok {
		if s := ldString(b); s != "" {
			if ag, ok := canonicalAgency[strings.ToLower(s)]; ok {
				d.agency = ag
			}
		}
	}
	return d
}

func ldBreadcrumb(o map[string]any) []string {
	items, _ := o["itemListElement"].([]any)
	type crumb struct {
		pos  float64
		name string
	}
	var cs []crumb
	for i, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		name := ldString(m["name"])
		if name == "" {
			if item, ok := m["item"].(map[string]any); ok {
				name = ldString(item["name"])
			}
		}
		pos, ok := m["position"].(float64)
		if !ok {
			pos = float64(i + 1)
		}
		if name != "" {
			cs = append(cs, crumb{pos, collapse(name)})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].pos < cs[j].pos })
	var out []string
	for _, c := range cs {
		out = append(out, c.name)
	}
	return out
}

// reCrumbLabel and reCrumbSep read a visible trail: an optional label, then items
// separated by >, ›, », / or →: "Current:Home > Invest".
var (
	reCrumbLabel = regexp.MustCompile(`^[\p{L} ]{0,24}[:：]\s*`)
	reCrumbSep   = regexp.MustCompile(`\s*[>›»→/]\s*`)
)

// breadcrumb finds a visible breadcrumb trail: a short element of links
// joined by separators, or one marked as such by ARIA, microdata or class.
func (p *page) breadcrumb(q *goquery.Document, site string) []string {
	if p.body == nil {
		return nil
	}
	if items := markedBreadcrumb(q); len(items) >= 2 {
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
		st := p.stats[n]
		if st == nil || st.chars == 0 {
			return false
		}
		marked := strings.Contains(strings.ToLower(attr(n, "aria-label")), "breadcrumb") ||
			strings.Contains(attr(n, "itemtype"), "BreadcrumbList") ||
			strings.Contains(classID(n), "crumb")
		if st.chars <= 160 && st.links >= 1 && (marked || st.links <= 8) {
			if items := crumbItems(n, marked, site); items != nil {
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

// crumbItems reads the items of a candidate breadcrumb element.
func crumbItems(n *html.Node, marked bool, site string) []string {
	if !marked && !hasSeparator(n) {
		return nil
	}
	text := nodeText(n)
	if !strings.ContainsAny(text, ">›»→/") {
		return nil
	}
	text = reCrumbLabel.ReplaceAllString(text, "")
	seps := reCrumbSep.FindAllStringIndex(text, -1)
	if len(seps) == 0 {
		return nil
	}
	var items []string
	for _, part := range reCrumbSep.Split(text, -1) {
		if part = strings.TrimSpace(part); part != "" {
			items = append(items, part)
		}
	}
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
	// An unmarked trail starts at the home page: "Home", its equivalents,
	// or the site's own name.
	if !marked && !reHomeWord.MatchString(items[0]) && (site == "" || !strings.EqualFold(items[0], site)) {
		return nil
	}
	return items
}

var reHomeWord = regexp.MustCompile(`(?i)^(home|homepage|start|startseite|inicio|portada|accueil|首页|首頁|主页|ホーム|トップ|홈|главная|news|index)$`)

// bylines finds author credits in the body: elements marked as such by
// microdata, rel or class (selected with goquery), else short text that
// begins with "By" and its equivalents.
func (p *page) bylines(q *goquery.Document) []string {
	if p.body == nil {
		return nil
	}
	var out []string
	q.Find(`[itemprop~="author"], [rel~="author"], [class*="byline"], [id*="byline"], [class*="author"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Get(0)
		st := p.stats[n]
		if st == nil || st.chars == 0 || st.chars > 120 {
			return true
		}
		if name := s.Find(`[itemprop="name"]`).First(); name.Length() > 0 {
			out = append(out, collapse(name.Text()))
		} else {
			out = append(out, nodeText(n))
		}
		return false
	})
	if len(out) > 0 {
		return out
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || len(out) > 0 {
			return
		}
		st := p.stats[n]
		if st == nil || st.chars == 0 {
			return
		}
		if st.chars <= 80 && !isBlockContainer(n) {
			if t := firstText(n); t != "" && hasBylineWord(t) {
				if full := nodeText(n); reByPrefix.MatchString(full) {
					out = append(out, full)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)
	return out
}

var (
	reByPrefix   = regexp.MustCompile(`^(?i:by|written by|текст:?|автор:?|von|por|par|di|door|av|autor:?|author:?|text:?|文/|记者|作者[:：]?)\s+\p{Lu}`)
	reByStrip    = regexp.MustCompile(`^(?i:by|written by|текст:?|автор:?|фото:?|von|por|par|di|door|av|autor:?|author:?|authors:?|text:?|posted by|reporting by|文/|记者|作者[:：]?)\s*`)
	reAuthorSep  = regexp.MustCompile(`\s*(?:,|;|&|\band\b|\bund\b|\by\b|\bet\b|\be\b|、|/|\|)\s*`)
	reNotAuthor  = regexp.MustCompile(`(?i)\d|@|https?:|www\.|\.com|^(by|staff|admin|editor|editors|email|e-mail|submitted|updated|published|posted|share|follow|contributor|guest|news|desk|team|more|view|the|reporter|correspondent|email the author|about the author)$|\b(email|updated|published|follow|twitter|facebook|staff|news service|associated press|reuters|agency|newsroom|desk|bureau|editorial)\b`)
	reAuthorTail = regexp.MustCompile(`(?i)\s*(?:[,|–—-]\s*)?(?:\b(?:updated|published|posted|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*|\d{1,2}[:/.]\d.*|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d.*)$`)
)

// cleanAuthors turns raw credits into person names: prefixes and dates
// stripped, lists split, organisations and UI words dropped.
func cleanAuthors(raw []string, site string) []string {
	var out []string
	for _, r := range raw {
		r = collapse(r)
		low := strings.ToLower(r)
		if strings.Contains(low, "http") || strings.Contains(low, "www.") || strings.Contains(r, "@") {
			continue // a profile link or an address, not a name
		}
		if site != "" && len(r) > len(site) && strings.HasSuffix(r, site) {
			// "Jane Doe. Sputnik International": the outlet glued on.
			r = strings.TrimRight(strings.TrimSuffix(r, site), " .,|-–—·")
		}
		r = reByStrip.ReplaceAllString(r, "")
		r = reAuthorTail.ReplaceAllString(r, "")
		for _, name := range reAuthorSep.Split(r, -1) {
			name = strings.Trim(name, " .:-–—|·•")
			name = reByStrip.ReplaceAllString(name, "")
			if name == "" || reNotAuthor.MatchString(name) || !personName(name) || sameSite(name, site) {
				continue
			}
			if w, c := wordCount(name); w > 5 || (w == 0 && c == 0) || c > 8 {
				continue
			}
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// nameParticles are the lower-case words person names carry.
var nameParticles = map[string]bool{
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true, "di": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "la": true, "le": true, "du": true,
	"bin": true, "bint": true, "al": true, "el": true, "y": true, "e": true, "af": true, "zu": true, "st.": true,
}

// personName reports whether s is shaped like a person's name: in scripts
// with case, every word capitalised but for particles, not led by an article.
func personName(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "the", "a", "an", "our", "staff", "by":
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !nameParticles[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// sameSite reports a name that is the site's name or one of its parts.
func sameSite(name, site string) bool {
	if site == "" {
		return false
	}
	if strings.EqualFold(name, site) || strings.EqualFold(name, strings.ReplaceAll(site, " ", "")) {
		return true
	}
	for _, part := range splitTitle(site) {
		if strings.EqualFold(name, part) {
			return true
		}
	}
	return false
}

// timeElement returns the datetime of the first <time> of the page marked as
// publication (or update) time, or of the first <time> at all.
func (p *page) timeElement(published bool) stamp {
	var fallback stamp
	for _, t := range p.times {
		dt := attr(t, "datetime")
		if dt == "" {
			dt = nodeText(t)
		}
		s := parseStamp(dt)
		if !s.ok() {
			continue
		}
		ip := strings.ToLower(attr(t, "itemprop") + " " + classID(t))
		isMod := strings.Contains(ip, "modif") || strings.Contains(ip, "updat")
		isPub := hasAttr(t, "pubdate") || strings.Contains(ip, "publish") || strings.Contains(ip, "pubdate")
		if published && isPub || !published && isMod {
			return s
		}
		if published && !isMod && !fallback.ok() {
			fallback = s
		}
	}
	return fallback
}

// reDateLabel finds a visible publication label: "Date:2025-04-17 14:27:32",
// "Published: March 3, 2024", "发布时间：2024-03-05 10:00".
var reDateLabel = regexp.MustCompile(`(?i)(?:^|\s)(?:date|published(?: on)?|posted(?: on)?|publish(?:ed)? date|release date|datum|veröffentlicht(?: am)?|fecha|publicado|publié le|publicación|pubblicato|发布时间|發佈時間|发布日期|发表时间|日期|时间|時間|配信日時|公開日|更新日時|작성일|입력)\s*[:：]?\s*(.{6,40})`)

func (p *page) dateLabel() stamp {
	if p.body == nil {
		return stamp{}
	}
	var found stamp
	// A page's date label sits near its top: the search looks at the first
	// maxDateProbes short elements only, so long pages cost no more.
	const maxDateProbes = 2000
	probes := 0
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type != html.ElementNode || probes > maxDateProbes {
			return probes > maxDateProbes
		}
		st := p.stats[n]
		if st == nil || st.chars == 0 || n.DataAtom == atom.A {
			return false
		}
		if st.chars <= 80 {
			probes++
		}
		if st.chars <= 40 && !isBlockContainer(n) && isDateClass(classID(n)) {
			if s := parseStampPrefix(nodeText(n)); s.ok() {
				found = s
				return true
			}
		}
		if st.chars <= 80 && !isBlockContainer(n) {
			if t := nodeText(n); len(t) >= 8 && strings.ContainsAny(t, "0123456789") && containsAny(lower(t), dateLabelWords) {
				if m := reDateLabel.FindStringSubmatch(t); m != nil {
					if s := parseStampPrefix(m[1]); s.ok() {
						found = s
						return true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(p.body)
	return found
}

// Title cleaning.

func (m *pageMeta) headlineCandidates() []string {
	var out []string
	for _, c := range []string{m.h1, m.ldHeadline, m.ogTitle} {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// bestTitle cross-checks <h1>, JSON-LD headline, og:title and <title>: a
// candidate found inside another wins; site names and sections glued on
// with separators are cut.
func (m *pageMeta) bestTitle() string {
	cands := m.headlineCandidates()
	lowTitle := strings.ToLower(m.title)
	// A headline the document title contains is the title.
	for _, c := range cands {
		if len(c) >= 10 && strings.Contains(lowTitle, strings.ToLower(c)) {
			return c
		}
	}
	// Headlines that agree with each other.
	if m.ldHeadline != "" && (strings.EqualFold(m.ldHeadline, m.h1) || strings.EqualFold(m.ldHeadline, m.ogTitle)) {
		return m.ldHeadline
	}
	if m.h1 != "" && m.ogTitle != "" {
		og := strings.ToLower(stripSite(m.ogTitle, m.siteName))
		if strings.Contains(strings.ToLower(m.h1), og) || strings.Contains(og, strings.ToLower(m.h1)) {
			return m.h1
		}
	}
	for _, c := range []string{m.ldHeadline, m.ogTitle} {
		if c != "" {
			return stripSite(c, m.siteName)
		}
	}
	if m.title != "" {
		return stripSite(m.title, m.siteName)
	}
	return m.h1
}

// stripSite removes a site name or section glued to a title by a separator:
// the longest segment is kept when the others are short.
func stripSite(t, site string) string {
	parts := splitTitle(t)
	if len(parts) < 2 {
		return t
	}
	var keep []string
	for _, p := range parts {
		if site != "" && strings.EqualFold(p, site) {
			continue
		}
		keep = append(keep, p)
	}
	if len(keep) == 0 {
		return t
	}
	longest := keep[0]
	for _, p := range keep[1:] {
		if len(p) > len(longest) {
			longest = p
		}
	}
	// Only cut when what is cut is short beside what stays.
	lw, _ := wordCount(longest)
	tw, _ := wordCount(t)
	if lw >= 3 && tw-lw <= max(6, lw) {
		return longest
	}
	if len(keep) < len(parts) {
		return strings.Join(keep, " - ")
	}
	return t
}

// splitTitle cuts a document title at the separators sites glue names
// and sections on with: "|" and "_" anywhere; a run of - – — : · • » /
// between spaces ("Title - Site", "Site :: Title"); a dash or bar after a
// space ("Title -Site").
func splitTitle(t string) []string {
	var out []string
	add := func(p string) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	start := 0
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r == '|' || r == '_':
			add(t[start:i])
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
					add(t[start:i])
					start = k
					i = k
					continue
				}
			}
		}
		i += size
	}
	add(t[start:])
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

// isDateClass reports a class or id naming a publication date or time.
func isDateClass(ci string) bool {
	return ci != "" && !strings.Contains(ci, "updat") && !strings.Contains(ci, "modif") &&
		containsAny(ci, []string{"date", "time", "publish", "posted", "pubdate"})
}

// markedBreadcrumb reads a trail marked up as one — schema.org microdata,
// ARIA label, or the class and id names of the convention — from its list
// items, microdata items or links.
func markedBreadcrumb(q *goquery.Document) []string {
	trail := q.Find(`[class*="readcrumb"], [id*="readcrumb"], [itemtype*="BreadcrumbList"], [aria-label*="readcrumb"]`).First()
	if trail.Length() == 0 {
		return nil
	}
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

// hasSeparator reports, without building the text, whether the text under n
// has a trail separator (> › » → /).
func hasSeparator(n *html.Node) bool {
	return eachText(n, func(s string) bool { return strings.ContainsAny(s, ">›»→/") })
}

// dateLabelWords are in every label reDateLabel knows: a cheap test before
// the expression.
var dateLabelWords = []string{"date", "publi", "posted", "release", "datum", "veröffentlicht", "fecha",
	"pubblicato", "发布", "發佈", "发表", "日期", "时间", "時間", "配信", "公開", "更新", "작성", "입력"}

// firstText returns the first non-blank text under n, trimmed.
func firstText(n *html.Node) string {
	var first string
	eachText(n, func(s string) bool {
		first = strings.TrimSpace(s)
		return first != ""
	})
	return first
}

// ldCollect gathers strings from a JSON-LD value that may be a string, an
// object (read by fromObject) or a list of either, nested.
func ldCollect(v any, fromObject func(map[string]any) string) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			if s := fromObject(x); s != "" {
				out = append(out, s)
			}
		}
	}
	walk(v)
	return out
}
