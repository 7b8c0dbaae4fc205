package baseurl_test

import (
	"net/url"
	"testing"

	"github.com/newsclip/newsclip/internal/baseurl"
)

func TestDocument(t *testing.T) {
	page, _ := url.Parse("https://news.example/travel/2025/03/25/2/")
	for _, tc := range []struct {
		page       *url.URL
		href, want string
	}{
		{page, "/travel/", "https://news.example/travel/"},
		{page, "../..", "https://news.example/travel/2025/03/"},
		{page, "//cdn.example/x/", "https://cdn.example/x/"},
		{page, "https://other.example/y/z.html", "https://other.example/y/z.html"},
		{page, "", "https://news.example/travel/2025/03/25/2/"},
		{page, " \t/tra\nvel/\r\n", "https://news.example/travel/"},
		{page, "http://exa mple/", "https://news.example/travel/2025/03/25/2/"}, // does not parse
		{page, "http://[::1", "https://news.example/travel/2025/03/25/2/"},      // does not parse
		{page, "javascript:void(0)", "https://news.example/travel/2025/03/25/2/"},
		{nil, "https://news.example/a/", "https://news.example/a/"},
		{nil, "/a/", "<nil>"}, // relative, nothing to resolve it against
	} {
		got := "<nil>"
		if u := baseurl.Document(tc.page, tc.href); u != nil {
			got = u.String()
		}
		if got != tc.want {
			t.Errorf("Document(%v, %q) = %s, want %s", tc.page, tc.href, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ href, want string }{
		{" /a/b \n", "/a/b"},
		{"/a\tb\r\n/c", "/ab/c"},
		{"/business/2024/06/0\x00\x00\x7frm/", "/business/2024/06/0%00%00%7Frm/"},
		{"/a%20b/", "/a%20b/"}, // an escape stays
		{"/100%/", "/100%25/"}, // a stray '%' is encoded
		{"/a%2", "/a%252"},
		{"/caf%C3%A9/", "/caf%C3%A9/"},
	} {
		got := baseurl.Clean(tc.href)
		if got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.href, got, tc.want)
		}
		if _, err := url.Parse(got); err != nil {
			t.Errorf("Clean(%q) = %q does not parse: %v", tc.href, got, err)
		}
	}
}
