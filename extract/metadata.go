package extract

import (
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// pageMeta gathers the metadata candidates of a page from JSON-LD, <meta>,
// <link>, <time>, visible labels and the URL.
type pageMeta struct {
	title, ogTitle, ldHeadline, h1 string
	h1s, heads                     []string        // visible headline candidates (title.go)
	headsOf                        func() []string // heads, read when needed
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
	metas := p.metaValues()
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
	m.h1s = p.headlineTexts(p.h1s)
	m.headsOf = func() []string { return p.headlineTexts(p.heads) }
	if len(m.h1s) > 0 {
		m.h1 = m.h1s[0]
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
			m.canonical = resolve(p.base, attr(l, "href"))
		}
	}
	if m.canonical == "" {
		if u := first("og:url"); u != "" {
			m.canonical = resolve(p.base, u)
		}
	}
	m.description = collapse(first("og:description", "description", "twitter:description"))
	if m.description == "" {
		m.description = collapse(ld.str("description"))
	}
	for _, s := range append([]string{first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")}, ld.images...) {
		if u := resolve(p.base, s); u != "" && !slices.Contains(m.images, u) {
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

	m.dates(p, metas, ld, base)

	m.authors = p.authors(metas, ld, m.siteName, base)

	m.section = ld.breadcrumb
	if len(m.section) == 0 {
		m.section = p.breadcrumb(m.siteName)
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

// metaValues maps each <meta> key (property, name, itemprop, or the
// Content-Language http-equiv), lower-cased, to its first non-empty content.
func (p *page) metaValues() map[string]string {
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
	return metas
}
