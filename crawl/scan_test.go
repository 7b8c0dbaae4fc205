package crawl

import (
	"net/url"
	"testing"

	"github.com/newsclip/newsclip/extract"

	"github.com/google/go-cmp/cmp"
)

// scanHTML parses a page as the crawl does and scans it.
func scanHTML(t *testing.T, body string, base *url.URL) (*pageScan, extract.Declaration) {
	t.Helper()
	doc, err := extract.New(extract.Options{}).Parse([]byte(body), extract.Source{URL: base.String()})
	if err != nil {
		t.Fatal(err)
	}
	return scanDoc(doc.Root(), base), doc.Declared()
}

// TestScanBase checks the base URL a page's links resolve against, as the
// HTML standard says: the first <base> with an href, resolved against the
// page's URL; one that does not parse is ignored, and later ones do not
// count. rel=canonical resolves against it wherever it stands.
func TestScanBase(t *testing.T) {
	page, _ := url.Parse("https://news.example/travel/2025/03/25/2/")
	for _, tc := range []struct {
		name, head      string
		base, canonical string
	}{
		{"no base", `<link rel="canonical" href="x/">`, "https://news.example/travel/2025/03/25/2/", "https://news.example/travel/2025/03/25/2/x/"},
		{"relative base", `<base href="/travel/"><link rel="canonical" href="x/">`, "https://news.example/travel/", "https://news.example/travel/x/"},
		{"canonical before the base", `<link rel="canonical" href="x/"><base href="/travel/">`, "https://news.example/travel/", "https://news.example/travel/x/"},
		{"the first base with an href wins", `<base target="_top"><base href="//cdn.example/a/"><base href="/b/">`, "https://cdn.example/a/", ""},
		{"a base that does not parse is ignored, and so are the later ones", `<base href="http://exa mple/"><base href="/b/">`, "https://news.example/travel/2025/03/25/2/", ""},
		{"an opaque base is ignored", `<base href="javascript:void(0)">`, "https://news.example/travel/2025/03/25/2/", ""},
		{"tabs and newlines in the href", "<base href=\"\t/tra\nvel/ \">", "https://news.example/travel/", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := scanHTML(t, `<html><head>`+tc.head+`</head><body><a href="2025/03/21/7/">A story</a> <a href="/a/&#10;b">B</a></body></html>`, page)
			got := []string{s.base.String(), s.canonical}
			want := []string{tc.base, tc.canonical}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("scanHTML base and canonical mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"2025/03/21/7/", "/a/b"}, s.links); diff != "" {
				t.Errorf("scanHTML links mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
