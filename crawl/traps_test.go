package crawl_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// TestTrapPortal crawls the trap portal (session ids on every link, a
// faceted listing whose links append to the query, print and AMP copies,
// index.html spellings, soft 404s, a noindex, nofollow page) and the same
// portal without the traps. The crawl of the trap portal must finish by
// itself, record every article once under its clean URL, and ask at most
// twice as many requests as the crawl without the traps; it never asks
// robots.txt-disallowed or nofollow URLs. The session parameter is "sid"
// (a well-known name, dropped at once) and "visit", a name nobody listed:
// the crawler must learn that it does not change the page.
func TestTrapPortal(t *testing.T) {
	const articles = 60
	cleanPortal, cleanBase := serve(t, demoportal.Options{Articles: articles, SlowDelay: time.Millisecond})
	run(t, fast(crawl.Config{}), []string{cleanBase + "/"}, &collect{})
	cleanRequests := len(cleanPortal.Requests())

	for _, session := range []string{"sid", "visit"} {
		t.Run(session, func(t *testing.T) {
			p, base := serve(t, demoportal.Options{Articles: articles, Traps: true, SessionParam: session, SlowDelay: time.Millisecond})
			var sink collect
			st := run(t, fast(crawl.Config{}), []string{base + "/"}, &sink)
			t.Logf("stats:\n%s", st)
			recs := sink.records()
			urls := make([]string, len(recs))
			identity := map[string]int{} // an article is its title and time, whatever its URL
			spelled := 0                 // records under a session spelling
			for i, a := range recs {
				urls[i] = a.URL
				if identity[a.Title+"|"+a.Published]++; identity[a.Title+"|"+a.Published] == 2 {
					t.Errorf("%s recorded twice", a.URL)
				}
				if strings.Contains(a.URL, session+"=") {
					spelled++
				}
			}
			if want := len(p.Articles()); len(identity) != want || len(recs) != want {
				t.Errorf("%d records of %d articles, want %d", len(recs), len(identity), want)
			}
			// A well-known session parameter is dropped before any fetch:
			// every record is under the article's own URL. An unknown one
			// is learned from two pages; an article without rel=canonical
			// fetched under it before may keep that spelling (once).
			if session == "sid" {
				for _, problem := range p.CheckRecorded(urls) {
					t.Error(problem)
				}
			} else if spelled > 2 {
				t.Errorf("%d records under a ?%s= spelling, want at most 2", spelled, session)
			}
			reqs := p.Requests()
			if budget := 2 * cleanRequests; len(reqs) > budget {
				t.Errorf("%d requests, want at most %d (twice the %d of the portal without traps)", len(reqs), budget, cleanRequests)
			}
			var counts struct{ robots, nofollow, session, print, amp int }
			for _, r := range reqs {
				u, _ := url.Parse(r.Path)
				q := u.Query()
				switch {
				case strings.HasPrefix(u.Path, "/private/"):
					counts.robots++
				case strings.HasPrefix(u.Path, demoportal.HiddenPath):
					counts.nofollow++
				case strings.HasPrefix(u.Path, demoportal.AMPPrefix+"/"):
					counts.amp++
				case q.Has(demoportal.PrintParam):
					counts.print++
				}
				if q.Has(session) {
					counts.session++
				}
			}
			if counts.robots != 0 || counts.nofollow != 0 {
				t.Errorf("%d robots.txt and %d nofollow violations", counts.robots, counts.nofollow)
			}
			// Learning costs a few fetches: two pages to learn from, and
			// the requests under way meanwhile.
			limit := map[string]int{"sid": 0, "visit": 20}[session]
			if counts.session > limit {
				t.Errorf("%d requests with ?%s=, want at most %d", counts.session, session, limit)
			}
			if counts.print > 10 || counts.amp > 3 {
				t.Errorf("%d print and %d AMP copies fetched, want at most 10 and 3", counts.print, counts.amp)
			}
			t.Logf("%d requests (%d without traps): %+v", len(reqs), cleanRequests, counts)
		})
	}
}
