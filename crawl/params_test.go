package crawl

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// obs is one fetched page shown to the learner.
type obs struct {
	url, canonical string
	article        bool
	fp             uint64
}

func observeAll(t *testing.T, l *learner, pages []obs) (learned []string) {
	t.Helper()
	for _, o := range pages {
		u, err := url.Parse(o.url)
		if err != nil || canonicalizeURL(u) != nil {
			t.Fatalf("bad URL %q", o.url)
		}
		var cu *url.URL
		if o.canonical != "" {
			cu, _ = url.Parse(o.canonical)
			canonicalizeURL(cu)
		}
		got, _ := l.observe(u, cu, pageSig{article: o.article, fp: o.fp, recKey: visitKey(u.String())})
		learned = append(learned, got...)
	}
	return learned
}

func TestLearner(t *testing.T) {
	const a, b, c = 0x0f0f0f0f0f0f0f0f, 0xf0f0f0f0f0f0f0f0, 0x3333333333333333
	for _, tc := range []struct {
		name    string
		pages   []obs
		learned []string
		strip   map[string]string // URL → after strip
	}{{
		name: "print copies canonical to their article",
		pages: []obs{
			{"http://h/story.php?id=4&print=1", "http://h/story.php?id=4", true, a},
			{"http://h/news/1.html?print=1", "http://h/news/1.html", true, b},
		},
		learned: []string{"h ?print"},
		strip:   map[string]string{"http://h/story.php?id=9&print=1": "http://h/story.php?id=9", "http://x/a?print=1": "http://x/a?print=1"},
	}, {
		name:  "one page is no proof",
		pages: []obs{{"http://h/story.php?id=4&print=1", "http://h/story.php?id=4", true, a}},
		strip: map[string]string{"http://h/a?print=1": "http://h/a?print=1"},
	}, {
		name: "an unknown session parameter: same article with and without it, and under two values",
		pages: []obs{
			{"http://h/a?visit=x1", "", true, a},
			{"http://h/a", "", true, a ^ 3}, // SimHash 2 bits away: the same text
			{"http://h/b?visit=x2", "", true, b},
			{"http://h/b?visit=x3", "", true, b},
		},
		learned: []string{"h ?visit"},
		strip:   map[string]string{"http://h/c?id=1&visit=x9": "http://h/c?id=1"},
	}, {
		name: "a difference wins over likenesses",
		pages: []obs{
			{"http://h/s?id=1", "", true, a},
			{"http://h/s?id=2", "", true, b},
			{"http://h/t?id=1&x=1", "", true, c},
			{"http://h/t?id=2&x=1", "", true, c},
			{"http://h/u?id=1", "", true, a},
			{"http://h/u?id=2", "", true, a},
		},
		strip: map[string]string{"http://h/v?id=1": "http://h/v?id=1"},
	}, {
		name: "listings alike teach nothing: pages past the end",
		pages: []obs{
			{"http://h/world/?page=98", "", false, c},
			{"http://h/world/?page=99", "", false, c},
			{"http://h/tech/?page=98", "", false, c},
			{"http://h/tech/?page=99", "", false, c},
		},
		strip: map[string]string{"http://h/world/?page=2": "http://h/world/?page=2"},
	}, {
		name: "a listing canonical to its first page teaches nothing",
		pages: []obs{
			{"http://h/world/?page=2", "http://h/world/", false, a},
			{"http://h/tech/?page=2", "http://h/tech/", false, b},
		},
		strip: map[string]string{"http://h/life/?page=3": "http://h/life/?page=3"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLearner()
			if diff := cmp.Diff(tc.learned, observeAll(t, l, tc.pages)); diff != "" {
				t.Errorf("learned (-want +got):\n%s", diff)
			}
			for in, want := range tc.strip {
				u, _ := url.Parse(in)
				canonicalizeURL(u)
				l.strip(u)
				if u.String() != want {
					t.Errorf("strip(%s) = %s, want %s", in, u, want)
				}
			}
		})
	}
}

// TestLearnerPartner: an article fetched under a spelling with an unknown
// parameter, then under its own URL, is one record: the second gets the
// first's key.
func TestLearnerPartner(t *testing.T) {
	l := newLearner()
	first, _ := url.Parse("http://h/a?visit=x1")
	clean, _ := url.Parse("http://h/a")
	l.observe(first, nil, pageSig{article: true, fp: 42, recKey: "http://h/a?visit=x1"})
	if _, partner := l.observe(clean, nil, pageSig{article: true, fp: 42, recKey: "http://h/a"}); partner != "http://h/a?visit=x1" {
		t.Errorf("partner = %q, want the first spelling's key", partner)
	}
	other, _ := url.Parse("http://h/a?visit=x2")
	if _, partner := l.observe(other, nil, pageSig{article: true, fp: ^uint64(42), recKey: "x"}); partner != "" {
		t.Errorf("another text has a partner: %q", partner)
	}
}

// TestCopyRules: a path prefix or suffix that made copies of two articles
// (their rel=canonical is the path without it) is dropped from then on,
// whole segments only.
func TestCopyRules(t *testing.T) {
	l := newLearner()
	learn := func(cp, canon string) string {
		c, _ := url.Parse(cp)
		k, _ := url.Parse(canon)
		return l.observeCopy(c, k)
	}
	if got := learn("http://h/amp/story.php?id=4", "http://h/story.php?id=4"); got != "" {
		t.Errorf("learned from one page: %q", got)
	}
	if got := learn("http://h/amp/story.php?id=4", "http://h/story.php?id=4"); got != "" {
		t.Errorf("learned from one page twice: %q", got)
	}
	if got := learn("http://h/amp/news/a-1/", "http://h/news/a-1/"); got != "h /amp…" {
		t.Errorf("learned %q, want h /amp…", got)
	}
	learn("http://h/news/b-2/print/", "http://h/news/b-2/")
	if got := learn("http://h/world/c-3/print/", "http://h/world/c-3/"); got != "h …print/" {
		t.Errorf("learned %q, want h …print/", got)
	}
	for in, want := range map[string]string{
		"http://h/amp/world/d-4.html": "http://h/world/d-4.html",
		"http://h/ampere/x":           "http://h/ampere/x",
		"http://h/news/e-5/print/":    "http://h/news/e-5/",
		"http://h/news/blueprint/":    "http://h/news/blueprint/",
		"http://other/amp/x":          "http://other/amp/x",
	} {
		u, _ := url.Parse(in)
		l.strip(u)
		if u.String() != want {
			t.Errorf("strip(%s) = %s, want %s", in, u, want)
		}
	}
}

func TestTrapsYield(t *testing.T) {
	tr := newTraps(10, 0, 3)
	barren := func(pattern string, n int) string {
		cut := ""
		for range n {
			if c := tr.listing(pattern, nil); c != "" {
				cut = c
			}
		}
		return cut
	}
	// A faceted listing: pages that differ in their query alone are cut
	// after a fifth of the limit; the path's article pattern is spared.
	tr.listing("h/story.php?sort", []uint64{1, 2, 3}) // useful: new links
	tr.article("h/story.php?id")
	if got := barren("h/story.php?sort", 2); got != "h/story.php?*" {
		t.Errorf("query listing cut %q, want h/story.php?*", got)
	}
	for pattern, want := range map[string]string{
		"h/story.php?sort": "h/story.php?*", "h/story.php?filter&page": "h/story.php?*", "h/story.php?id": "",
	} {
		if got := tr.cut(pattern); got != want {
			t.Errorf("cut(%s) = %q, want %q", pattern, got, want)
		}
	}
	// A calendar: paths that vary take the whole limit.
	if got := barren("h/calendar/N/N/", 9); got != "" || tr.cut("h/calendar/N/N/") != "" {
		t.Errorf("calendar cut after 9 barren pages: %q", got)
	}
	if got := barren("h/calendar/N/N/", 1); got != "h/calendar/N/N/?*" {
		t.Errorf("calendar not cut after 10: %q", got)
	}
	// Useful pages and articles end a barren run.
	barren("h/world/page/N/", 9)
	tr.listing("h/world/page/N/", []uint64{7})
	barren("h/world/page/N/", 9)
	tr.article("h/world/page/N/")
	if got := barren("h/world/page/N/", 9); got != "" {
		t.Errorf("world pages cut: %q", got)
	}
}

func TestTrapsHost(t *testing.T) {
	tr := newTraps(2, 0, 0) // a host is cut after 20 pages without a record
	for range 19 {
		tr.page("quiet", false, 0) // no record, but no growth either
		tr.page("grows", false, 5)
	}
	tr.page("grows", true, 5) // a record: the count starts over
	for i := range 20 {
		if tr.page("grows", false, 5) != (i == 19) {
			t.Fatalf("host cut at page %d, want 20", i+1)
		}
	}
	tr.page("quiet", false, 0)
	if got := tr.cut("quiet/a"); got != "" {
		t.Errorf("a host whose frontier does not grow is cut: %q", got)
	}
	if got := tr.cut("grows/a?x"); got != "host:grows" {
		t.Errorf("cut = %q, want host:grows", got)
	}
}

func TestTrapsQueryBudget(t *testing.T) {
	tr := newTraps(100, 0, 3)
	for i := range 3 {
		if !tr.query("h/browse/", "h/browse/?sort") {
			t.Fatalf("query %d over budget", i+1)
		}
	}
	if tr.query("h/browse/", "h/browse/?sort") {
		t.Errorf("4th query string queued, want the budget of 3 to hold")
	}
	if !tr.query("h/other/", "h/other/?sort") {
		t.Errorf("the budget is per path")
	}
	tr.article("h/browse/?id")
	if !tr.query("h/browse/", "h/browse/?id") {
		t.Errorf("a pattern that gave articles is over no budget")
	}
}

func TestQueryGrows(t *testing.T) {
	for _, c := range []struct {
		link, page string
		want       bool
	}{
		{"http://h/b/?page=2&sort=a&sort=b", "http://h/b/?sort=a&sort=b", true},
		{"http://h/b/?sort=a&sort=b", "http://h/b/?sort=a", false},                      // the first repeat is allowed
		{"http://h/b/?page=3&sort=a&sort=b", "http://h/b/?page=2&sort=a&sort=b", false}, // a value replaced
		{"http://h/c/?page=2&sort=a&sort=b", "http://h/b/?sort=a&sort=b", false},        // another path
		{"http://h/b/?page=2", "http://h/b/", false},
	} {
		u, _ := url.Parse(c.link)
		p, _ := url.Parse(c.page)
		if got := queryGrows(u, p); got != c.want {
			t.Errorf("queryGrows(%s, on %s) = %v, want %v", c.link, c.page, got, c.want)
		}
	}
}
