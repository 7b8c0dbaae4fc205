package schemaorg

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTypeKind(t *testing.T) {
	for _, tc := range []struct {
		typ  string
		want Kind
	}{
		{"NewsArticle", Article},
		{"newsarticle", Article},
		{"https://schema.org/ReportageNewsArticle", Article},
		{"http://schema.org/BlogPosting", Article},
		{"schema:LiveBlogPosting", Article},
		{" Review ", Article},
		{"ClaimReview", Article},
		{"Report", Article},
		{"WebPage", Page},
		{"Webpage", Page},
		{"MedicalWebPage", Page},
		{"CollectionPage", Listing},
		{"ItemList", Listing},
		{"https://schema.org/SearchResultsPage", Listing},
		// Types that say nothing of the page, or that name another thing
		// the words of an article type are part of.
		{"WebPageElement", Other},
		{"WebSite", Other},
		{"Person", Other},
		{"ImageObject", Other},
		{"ReviewAction", Other},
		{"BreadcrumbList", Other},
		{"", Other},
	} {
		if got := TypeKind(tc.typ); got != tc.want {
			t.Errorf("TypeKind(%q) = %d, want %d", tc.typ, got, tc.want)
		}
	}
}

func TestObjects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scripts []string
		want    [][]string // each object's types, in order
	}{
		{"one object", []string{`{"@type":"NewsArticle"}`}, [][]string{{"NewsArticle"}}},
		{"a list of types", []string{`{"@type":["NewsArticle","Thing"]}`}, [][]string{{"NewsArticle", "Thing"}}},
		{"a list of objects", []string{`[{"@type":"WebSite"},{"@type":"Article"}]`}, [][]string{{"WebSite"}, {"Article"}}},
		{"a graph, nested", []string{`{"@graph":[{"@type":"WebPage"},{"@graph":[{"@type":"Report"}]}]}`},
			[][]string{nil, {"WebPage"}, nil, {"Report"}}},
		{"stray text after the value", []string{`{"@type":"BlogPosting"};`}, [][]string{{"BlogPosting"}}},
		{"two values in one script", []string{`{"@type":"Person"} {"@type":"Article"}`}, [][]string{{"Person"}, {"Article"}}},
		{"broken JSON, then a good script", []string{`{"@type":`, `{"@type":"ItemList"}`}, [][]string{{"ItemList"}}},
		{"no objects", []string{`"text"`, ``}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got [][]string
			for _, o := range Objects(tc.scripts) {
				got = append(got, Types(o))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Objects(scripts) types mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDeclares(t *testing.T) {
	for _, tc := range []struct {
		script           string
		article, listing bool
	}{
		{`{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle"}]}`, true, false},
		{`{"@type":"CollectionPage"}`, false, true},
		{`[{"@type":"CollectionPage"},{"@type":"Article"}]`, true, true},
		// A web page says neither: listings are web pages too.
		{`{"@type":"WebPage"}`, false, false},
		{`{"@type":"Organization"}`, false, false},
	} {
		a, l := Declares(Objects([]string{tc.script}))
		if a != tc.article || l != tc.listing {
			t.Errorf("Declares(%s) = article %v listing %v, want %v %v", tc.script, a, l, tc.article, tc.listing)
		}
	}
}
