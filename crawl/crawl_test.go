package crawl_test

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// TestCrawlPortal crawls the fixture portal with every fault once and
// checks the outcome from many sides.
func TestCrawlPortal(t *testing.T) {
	p, base := serve(t, demoportal.Options{})
	var sink collect
	var mu = make(chan struct{}, 1)
	pages := map[string]crawl.Page{}
	cfg := fast(crawl.Config{OnPage: func(pg crawl.Page) {
		mu <- struct{}{}
		pages[pg.URL] = pg
		<-mu
	}})
	st := run(t, cfg, []string{base + "/"}, &sink)
	t.Logf("stats:\n%s", st)

	recs := sink.records()
	got := map[string]int{}
	for _, a := range recs {
		got[pathOf(t, a.URL)]++
	}
	want := p.Articles()

	t.Run("every article exactly once", func(t *testing.T) {
		for _, e := range want {
			if got[e.Path] != 1 {
				t.Errorf("%s recorded %d times", e.Path, got[e.Path])
			}
		}
		wantSet := map[string]bool{}
		for _, e := range want {
			wantSet[e.Path] = true
		}
		for pth, n := range got {
			if !wantSet[pth] {
				t.Errorf("unexpected record %s (%d)", pth, n)
			}
		}
		if len(recs) != len(want) {
			t.Errorf("%d records, want %d", len(recs), len(want))
		}
		if st.Articles != int64(len(want)) {
			t.Errorf("Stats.Articles = %d, want %d", st.Articles, len(want))
		}
	})

	t.Run("each article page fetched once", func(t *testing.T) {
		ok := map[string]int{}
		for _, r := range p.Requests() {
			if r.Status == 200 {
				ok[r.Path]++
			}
		}
		for _, e := range want {
			n := 1
			if e.Path == demoportal.ArticlePath(demoportal.RedirectTarget) {
				n = 2 // also reached through /r/1 → /r/2 → /r/3, unknowable before
			}
			if ok[e.Path] < 1 || ok[e.Path] > n {
				t.Errorf("%s fetched %d times with 200", e.Path, ok[e.Path])
			}
		}
	})

	t.Run("robots-disallowed area never fetched", func(t *testing.T) {
		for _, r := range p.Requests() {
			if strings.HasPrefix(r.Path, "/private/") {
				t.Errorf("fetched %s", r.Path)
			}
		}
		if st.Outcomes[crawl.OutcomeRobots] == 0 {
			t.Errorf("no URL counted as skipped by robots.txt")
		}
	})

	t.Run("traps capped", func(t *testing.T) {
		cal, deep := 0, 0
		for _, r := range p.Requests() {
			switch {
			case strings.HasPrefix(r.Path, "/calendar/"):
				cal++
			case strings.HasPrefix(r.Path, "/deep/"):
				deep++
			}
		}
		// The cut comes after TrapBarren barren pages (the first one links
		// the navigation: it is useful); pages handed out by then still run.
		workers := cfg.Workers // as Config documents its default
		if workers <= 0 {
			workers = 4 * runtime.GOMAXPROCS(0)
		}
		workers = max(workers, cfg.Parallel)
		if limit := crawl.DefaultTrapBarrenForTest + 1 + workers; cal == 0 || cal > limit {
			t.Errorf("calendar fetched %d times, want 1..%d", cal, limit)
		}
		if deep == 0 || deep > 4 {
			t.Errorf("ever-deeper path fetched %d times", deep)
		}
		if st.Outcomes[crawl.OutcomeTrap] == 0 || len(st.Traps) == 0 {
			t.Errorf("no trap cut reported: %v %v", st.Outcomes, st.Traps)
		}
	})

	t.Run("faults", func(t *testing.T) {
		for _, c := range []struct {
			path    string
			outcome crawl.Outcome
			reason  string
		}{
			{"/news/removed-1.html", crawl.OutcomeFailed, "http-404"},
			{"/loop/a", crawl.OutcomeFailed, "redirect-loop"},
			{"/big.html", crawl.OutcomeFailed, "too-large"},
			{"/files/report.pdf", crawl.OutcomeSkipped, "not-html"},
			{"/files/annual", crawl.OutcomeSkipped, "not-html"},
			{"/img/photo.png", crawl.OutcomeSkipped, "not-html"},
			{"/slow.html", crawl.OutcomeFailed, "timeout"},
			{"/go/members", crawl.OutcomeRobots, ""},
		} {
			pg, ok := pages[base+c.path]
			if !ok {
				t.Errorf("%s: no page outcome", c.path)
				continue
			}
			if pg.Outcome != c.outcome || (c.reason != "" && pg.Reason != c.reason) {
				t.Errorf("%s: outcome %s/%s, want %s/%s (err %v)", c.path, pg.Outcome, pg.Reason, c.outcome, c.reason, pg.Err)
			}
		}
	})

	t.Run("3-hop redirect recorded once", func(t *testing.T) {
		target := base + demoportal.ArticlePath(demoportal.RedirectTarget)
		a, b := pages[base+"/r/1"], pages[target]
		if a.FinalURL != target {
			t.Errorf("/r/1 ended at %s, want %s", a.FinalURL, target)
		}
		// The target is reached twice (by the chain and by its own links)
		// and fetched once: by the chain (its own visit is skipped, or
		// never queued), or by its own visit (the chain stops before it).
		switch {
		case a.Outcome == crawl.OutcomeArticle && (b.URL == "" || b.Outcome == crawl.OutcomeSkipped && b.Reason == "fetched-by-redirect"):
		case a.Outcome == crawl.OutcomeRedirect && b.Outcome == crawl.OutcomeArticle:
		default:
			t.Errorf("outcomes /r/1 %s/%s and target %s/%s, want the target fetched once", a.Outcome, a.Reason, b.Outcome, b.Reason)
		}
		n := 0
		for _, r := range recs {
			if r.URL == target || r.CanonicalURL == target {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d records of the redirect target, want 1", n)
		}
	})

	t.Run("charsets", func(t *testing.T) {
		byPath := map[string]string{}
		for _, a := range recs {
			byPath[pathOf(t, a.URL)] = a.Title + "\n" + a.Text
			if !utf8.ValidString(a.Text) || strings.ContainsRune(a.Text, '\uFFFD') {
				t.Errorf("%s: text not clean UTF-8", a.URL)
			}
		}
		for _, e := range want {
			for _, w := range e.Want {
				if !strings.Contains(byPath[e.Path], w) {
					t.Errorf("%s: text lacks %q:\n%s", e.Path, w, byPath[e.Path])
				}
			}
		}
	})
}

// TestSinkError: a sink that fails ends the crawl with its error.
func TestSinkError(t *testing.T) {
	_, base := serve(t, demoportal.Options{Clean: true, Articles: 30})
	boom := errors.New("disk full")
	n := 0
	sink := crawl.SinkFunc(func(context.Context, *extract.Article) error {
		if n++; n == 3 {
			return boom
		}
		return nil
	})
	c, _ := crawl.New(fast(crawl.Config{}))
	if err := c.Run(context.Background(), []string{base + "/"}, sink); !errors.Is(err, boom) {
		t.Fatalf("Run = %v, want %v", err, boom)
	}
}

// TestBadSeeds: seeds that are no absolute http(s) URL, or none, fail the
// Run with ErrBadSeed before anything is fetched.
func TestBadSeeds(t *testing.T) {
	var fetched atomic.Int64
	tr := roundTripFunc(func(*http.Request) (*http.Response, error) {
		fetched.Add(1)
		return nil, errors.New("no network in this test")
	})
	c, _ := crawl.New(crawl.Config{Transport: tr})
	var sink collect
	for _, seeds := range [][]string{nil, {}, {"ftp://example.com/"}, {"/relative"}, {"http://news.example/", "mailto:desk@news.example"}, {"http://"}} {
		err := c.Run(context.Background(), seeds, &sink)
		if !errors.Is(err, crawl.ErrBadSeed) {
			t.Errorf("Run(%q) = %v, want ErrBadSeed", seeds, err)
		}
	}
	if n := fetched.Load(); n != 0 || len(sink.records()) != 0 {
		t.Errorf("bad seeds: %d requests made, %d records written; want none", n, len(sink.records()))
	}
}

// roundTripFunc is an http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// TestNewKeepsTransport: New leaves the caller's transport as it was (it
// may be http.DefaultTransport, shared by the whole program).
func TestNewKeepsTransport(t *testing.T) {
	tr := &http.Transport{MaxIdleConnsPerHost: 1}
	if _, err := crawl.New(crawl.Config{Parallel: 8, Transport: tr}); err != nil {
		t.Fatal(err)
	}
	if tr.MaxIdleConnsPerHost != 1 {
		t.Errorf("New changed the caller's transport: MaxIdleConnsPerHost = %d", tr.MaxIdleConnsPerHost)
	}
}

// TestElapsedStops: Stats.Elapsed is the crawl's duration once Run has
// returned, not the time since it began.
func TestElapsedStops(t *testing.T) {
	_, base := serve(t, demoportal.Options{Clean: true, Articles: 3})
	c, _ := crawl.New(fast(crawl.Config{}))
	if err := c.Run(context.Background(), []string{base + "/"}, &collect{}); err != nil {
		t.Fatal(err)
	}
	e1 := c.Stats().Elapsed
	time.Sleep(20 * time.Millisecond)
	if e2 := c.Stats().Elapsed; e2 != e1 || e1 <= 0 {
		t.Errorf("Elapsed %v, then %v: want one positive duration", e1, e2)
	}
}
