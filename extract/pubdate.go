package extract

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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

// isDateClass reports a class or id naming a publication date or time.
func isDateClass(ci string) bool {
	return ci != "" && !strings.Contains(ci, "updat") && !strings.Contains(ci, "modif") &&
		containsAny(ci, []string{"date", "time", "publish", "posted", "pubdate"})
}

// dateLabelWords are in every label reDateLabel knows: a cheap test before
// the expression.
var dateLabelWords = []string{"date", "publi", "posted", "release", "datum", "veröffentlicht", "fecha",
	"pubblicato", "发布", "發佈", "发表", "日期", "时间", "時間", "配信", "公開", "更新", "작성", "입력"}

// dates fills the publication and modification times: JSON-LD, then metas,
// then <time>, then visible labels, then the URL.
func (m *pageMeta) dates(p *page, metas map[string]string, ld *ldData, base *url.URL) {
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

}
