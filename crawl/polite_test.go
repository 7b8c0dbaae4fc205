package crawl_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// TestPoliteness crawls three hosts at once and has each server measure
// what it got: never more than Parallel requests in flight, never two
// request starts closer than Delay, or than robots.txt's Crawl-delay where
// that is longer.
func TestPoliteness(t *testing.T) {
	const (
		parallel   = 2
		delay      = 60 * time.Millisecond
		crawlDelay = 120 * time.Millisecond
	)
	// The server sees a request a little after the client sends it;
	// scheduling on a loaded machine can shift one arrival against the next
	// by a few milliseconds.
	slack := 10 * time.Millisecond
	if raceEnabled {
		slack = 50 * time.Millisecond
	}
	pa, a := serve(t, demoportal.Options{Clean: true, Articles: 25})
	pb, b := serve(t, demoportal.Options{Clean: true, Articles: 25})
	pc, c := serve(t, demoportal.Options{Clean: true, Articles: 8, CrawlDelay: crawlDelay})
	var sink collect
	st := run(t, crawl.Config{Parallel: parallel, Delay: delay, Workers: 8, Timeout: 5 * time.Second},
		[]string{a + "/", b + "/", c + "/"}, &sink)
	if want := int64(25 + 25 + 8); st.Articles != want {
		t.Errorf("%d articles, want %d\n%s", st.Articles, want, st)
	}
	for _, s := range []struct {
		name string
		p    *demoportal.Portal
		gap  time.Duration
	}{{"A", pa, delay}, {"B", pb, delay}, {"C (Crawl-delay)", pc, crawlDelay}} {
		reqs := s.p.Requests()
		if len(reqs) < 10 {
			t.Fatalf("%s: only %d requests", s.name, len(reqs))
		}
		for h, n := range demoportal.PeakInFlight(reqs) {
			if n > parallel {
				t.Errorf("%s %s: %d requests in flight at once, limit %d", s.name, h, n, parallel)
			}
		}
		starts := make([]time.Time, len(reqs))
		for i, r := range reqs {
			starts[i] = r.Start
		}
		slices.SortFunc(starts, time.Time.Compare)
		minGap := time.Hour
		for i := 1; i < len(starts); i++ {
			minGap = min(minGap, starts[i].Sub(starts[i-1]))
		}
		if minGap < s.gap-slack {
			t.Errorf("%s: two requests %v apart, want at least %v", s.name, minGap, s.gap)
		}
		t.Logf("%s: %d requests, closest starts %v apart", s.name, len(reqs), minGap.Round(time.Millisecond))
	}
}

// TestRetryAfter: a 503 with Retry-After: 1 holds the whole host for a
// second, then the page is fetched again.
func TestRetryAfter(t *testing.T) {
	p, base := serve(t, demoportal.Options{Articles: 20, RetryAfter: true, SlowDelay: 10 * time.Millisecond})
	var sink collect
	var busy crawl.Page
	cfg := fast(crawl.Config{Parallel: 1, OnPage: func(pg crawl.Page) {
		if strings.HasSuffix(pg.URL, "/busy.html") {
			busy = pg
		}
	}})
	run(t, cfg, []string{base + "/"}, &sink)
	if busy.Outcome != crawl.Listing || busy.Attempts != 2 {
		t.Errorf("/busy.html: %s after %d attempts, want listing after 2", busy.Outcome, busy.Attempts)
	}
	var at time.Time
	for _, r := range p.Requests() {
		if r.Path == "/busy.html" && r.Status == 503 {
			at = r.End
		}
	}
	if at.IsZero() {
		t.Fatal("no 503 answered")
	}
	for _, r := range p.Requests() {
		if r.Start.After(at) && r.Start.Before(at.Add(time.Second-10*time.Millisecond)) {
			t.Errorf("%s requested %v after a 503 with Retry-After: 1", r.Path, r.Start.Sub(at))
		}
	}
}
