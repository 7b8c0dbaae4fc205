// Package schemaorg is what newsclip knows of schema.org: which @type
// values say a page is an article, a web page or a listing (one table,
// read by the extractor and, through it, by the crawler), and how a page's
// JSON-LD scripts are read.
package schemaorg

import (
	"encoding/json"
	"strings"
)

// Kind is what a schema.org type says of the page it describes.
type Kind uint8

const (
	// Other types say nothing of the page: Person, ImageObject, WebSite,
	// BreadcrumbList, and types this package does not know.
	Other Kind = iota
	// Article types describe an article: the page is one.
	Article
	// Page is a web page as such. Its object may carry the article's
	// metadata (a date, an author), but it does not say the page is an
	// article: listings are web pages too.
	Page
	// Listing types describe a page that lists or points to others.
	Listing
)

// kinds is the table, by lower-case type name. Article: schema.org's
// Article and its subtypes, Posting, Report, Review and its subtypes, and
// Story (not schema.org, used for articles). Page: WebPage and
// MedicalWebPage, the web page types that are no listing. Listing: the
// WebPage subtypes that list, point to or describe other things, and
// ItemList.
var kinds = map[string]Kind{
	"article": Article, "newsarticle": Article, "reportagenewsarticle": Article,
	"analysisnewsarticle": Article, "opinionnewsarticle": Article, "reviewnewsarticle": Article,
	"backgroundnewsarticle": Article, "askpublicnewsarticle": Article,
	"advertisercontentarticle": Article, "satiricalarticle": Article, "techarticle": Article,
	"scholarlyarticle": Article, "medicalscholarlyarticle": Article,
	"blogposting": Article, "liveblogposting": Article, "socialmediaposting": Article,
	"discussionforumposting": Article, "posting": Article, "report": Article,
	"review": Article, "claimreview": Article, "criticreview": Article, "employerreview": Article,
	"mediareview": Article, "userreview": Article, "story": Article,

	"webpage": Page, "medicalwebpage": Page,

	"collectionpage": Listing, "itemlist": Listing, "searchresultspage": Listing,
	"profilepage": Listing, "aboutpage": Listing, "contactpage": Listing, "faqpage": Listing,
	"checkoutpage": Listing,
}

// TypeKind returns the kind of a @type value, in any case, written alone
// ("NewsArticle") or as an IRI ("https://schema.org/NewsArticle",
// "schema:NewsArticle").
func TypeKind(t string) Kind {
	if i := strings.LastIndexAny(t, "/:"); i >= 0 {
		t = t[i+1:]
	}
	t = strings.TrimSpace(t)
	if k, ok := kinds[t]; ok {
		return k // the common case: already in lower case
	}
	return kinds[strings.ToLower(t)]
}

// Types returns the @type values of a JSON-LD object: one string, or the
// strings of a list.
func Types(obj map[string]any) []string {
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

// Objects reads the texts of a page's JSON-LD scripts and returns their
// objects in page order: each value's, those of its lists and those of its
// @graph, nested. A script may hold several values, or one followed by
// stray text (a ";", a brace too many): the values read before the first
// error count.
func Objects(scripts []string) []map[string]any {
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
	for _, raw := range scripts {
		dec := json.NewDecoder(strings.NewReader(raw))
		for {
			var v any
			if dec.Decode(&v) != nil {
				break
			}
			collect(v)
		}
	}
	return objs
}

// Declares reports what objects say the page is: an article when one of
// them has an Article type, a listing when one has a Listing type (both
// may be said).
func Declares(objs []map[string]any) (article, listing bool) {
	for _, o := range objs {
		for _, t := range Types(o) {
			switch TypeKind(t) {
			case Article:
				article = true
			case Listing:
				listing = true
			}
		}
	}
	return article, listing
}
