package extract

import (
	"sort"
	"strings"

	"github.com/newsclip/newsclip/internal/schemaorg"
)

// ldData is what the page's JSON-LD says about its article.
type ldData struct {
	article    map[string]any
	objs       []map[string]any // every object, in @graph too
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

// date returns the article's date under key (datePublished, dateModified)
// read as a stamp, else that of the first object that has one: the page's
// WebPage, an article nested in mainEntity or mainEntityOfPage. A value
// that is no date ("0001-01-01") is passed over.
func (d *ldData) date(key string) stamp {
	if s := parseStamp(d.str(key)); s.ok() {
		return s
	}
	for _, o := range d.objs {
		if !isArticleLD(o) {
			continue // an image's or a video's date is not the page's
		}
		if s := parseStamp(ldString(o[key])); s.ok() {
			return s
		}
		for _, k := range []string{"mainEntity", "mainEntityOfPage"} {
			if e, ok := o[k].(map[string]any); ok {
				if s := parseStamp(ldString(e[key])); s.ok() {
					return s
				}
			}
		}
	}
	return stamp{}
}

// isArticleLD reports an object typed as an article or a web page, or
// untyped.
func isArticleLD(o map[string]any) bool {
	ts := ldTypes(o)
	for _, t := range ts {
		if articleOrPage(t) {
			return true
		}
	}
	return len(ts) == 0
}

// articleOrPage reports a type whose object may hold the article's
// metadata: an article's, or a web page's (see schemaorg.Kind).
func articleOrPage(t string) bool {
	k := schemaorg.TypeKind(t)
	return k == schemaorg.Article || k == schemaorg.Page
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

func ldTypes(obj map[string]any) []string { return schemaorg.Types(obj) }

func (p *page) jsonLD() *ldData {
	d := &ldData{}
	objs := schemaorg.Objects(p.jsonld)
	d.objs = objs
	best := -1
	for _, o := range objs {
		for _, t := range ldTypes(o) {
			if t == "BreadcrumbList" && d.breadcrumb == nil {
				d.breadcrumb = ldBreadcrumb(o)
			}
			if k := schemaorg.TypeKind(t); k == schemaorg.Article || k == schemaorg.Page {
				rank := 1
				if k == schemaorg.Page {
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
	d.authors = ldArticleAuthors(d.article, objs)
	_, hasAuthor := d.article["author"]
	_, hasCreator := d.article["creator"]
	if !hasAuthor && !hasCreator {
		// The article object names no author (an Organization author is
		// an answer: no person): the page object that holds it may
		// ("WebPage" with the author beside a bare "NewsArticle"), or
		// another object of the same item, never another article.
		for _, o := range objs {
			if d.authors == nil && ldSameItem(o, d.article) {
				d.authors = ldArticleAuthors(o, objs)
			}
		}
	}
	d.images = ldCollect(d.article["image"], func(o map[string]any) string {
		if s, ok := o["url"].(string); ok {
			return s
		}
		s, _ := o["contentUrl"].(string)
		return s
	})
	if b, ok := d.article["isBasedOn"]; ok {
		if s := ldString(b); s != "" {
			d.agency = agencyName(s)
		}
	}
	return d
}

// ldSameItem reports an object o that describes the article's item: a page
// object, or an article object of the same @id or url.
func ldSameItem(o, article map[string]any) bool {
	for _, t := range ldTypes(o) {
		switch schemaorg.TypeKind(t) {
		case schemaorg.Page:
			return true
		case schemaorg.Article:
			for _, k := range []string{"@id", "url"} {
				if v := ldString(o[k]); v != "" && v == ldString(article[k]) {
					return true
				}
			}
		}
	}
	return false
}

// ldArticleAuthors returns the names of an article object's author, else
// of its creator.
func ldArticleAuthors(article map[string]any, objs []map[string]any) []string {
	if a := ldAuthors(article["author"], objs); a != nil {
		return a
	}
	return ldAuthors(article["creator"], objs)
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
