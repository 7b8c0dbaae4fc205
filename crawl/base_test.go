package crawl_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/crawl"
)

// TestBaseHrefLinks: the links the crawler follows, and the links of the
// records it writes, resolve against the page's <base href>, not its URL.
func TestBaseHrefLinks(t *testing.T) {
	related := `<h3>Related</h3><ul>` +
		`<li><a href="2025/03/21/7/">Harbour works to start on the north pier next week</a></li>` +
		`<li><a href="2025/03/20/1/">Ferry timetable changes for the summer season</a></li>` +
		`<li><a href="../sport/2025/03/19/4/">Island rowing club wins the regional cup again</a></li></ul>`
	s, base := newSite(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"/": html(`<html><head><base href="/deep/dir/"><base href="/wrong/"></head><body>` +
			`<a href="story">The story</a> <a href="../list">The list</a></body></html>`),
		"/deep/dir/story": func(w http.ResponseWriter, r *http.Request, n int) {
			page := strings.Replace(storyHTML("The story", ""), "<head>", `<head><base href="/travel/">`, 1)
			html(strings.Replace(page, "</article>", "</article>"+related, 1))(w, r, n)
		},
		// A base that does not parse is ignored: links resolve against the page.
		"/deep/list": html(`<html><head><base href="http://exa mple/"></head><body><a href="b">Story B</a></body></html>`),
		"/deep/b":    html(storyHTML("Story B", "")),
	})
	var sink collect
	run(t, fast(crawl.Config{Workers: 1, Parallel: 1, MaxDepth: 2}), []string{base + "/"}, &sink)
	for path, want := range map[string]int{
		"/deep/dir/story": 1, "/deep/list": 1, "/deep/b": 1, "/story": 0, "/wrong/story": 0, "/list": 0, "/b": 0,
	} {
		if got := s.requests(path); got != want {
			t.Errorf("%s asked %d times, want %d", path, got, want)
		}
	}
	var links []string
	for _, a := range sink.records() {
		for _, b := range a.Blocks {
			for _, l := range b.Links {
				links = append(links, strings.TrimPrefix(l.URL, base))
			}
		}
	}
	slices.Sort(links)
	if want := []string{"/sport/2025/03/19/4/", "/travel/2025/03/20/1/", "/travel/2025/03/21/7/"}; !slices.Equal(links, want) {
		t.Errorf("block links %q, want %q", links, want)
	}
}
