package crawl_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// recorder is a transport under the crawler's: it records, per host, the
// start the politeness gate gave each request, and the most requests in
// flight at once (from the call to the end of the body). A request is in
// flight here only while it holds its gate's slot, and starts no earlier
// than its gate said, so both measures are exact, whatever the load.
type recorder struct {
	base http.RoundTripper

	mu       sync.Mutex
	starts   map[string][]time.Time
	inflight map[string]int
	peak     map[string]int
	missing  int // requests without a gate start
}

func newRecorder() *recorder {
	return &recorder{base: http.DefaultTransport.(*http.Transport).Clone(),
		starts: map[string][]time.Time{}, inflight: map[string]int{}, peak: map[string]int{}}
}

func (rt *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Host
	start, ok := crawl.GateStart(req)
	rt.mu.Lock()
	if ok {
		rt.starts[host] = append(rt.starts[host], start)
	} else {
		rt.missing++
	}
	rt.inflight[host]++
	rt.peak[host] = max(rt.peak[host], rt.inflight[host])
	rt.mu.Unlock()
	done := func() {
		rt.mu.Lock()
		rt.inflight[host]--
		rt.mu.Unlock()
	}
	resp, err := rt.base.RoundTrip(req)
	if err != nil {
		done()
		return nil, err
	}
	resp.Body = &doneBody{ReadCloser: resp.Body, done: done}
	return resp, nil
}

type doneBody struct {
	io.ReadCloser
	done func()
	once sync.Once
}

func (b *doneBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.done)
	return err
}

// TestPoliteness crawls three hosts at once and checks, on the client
// side, that no host ever had more than Parallel requests in flight, and
// that request starts were never closer than Delay, or than robots.txt's
// Crawl-delay where that is longer. Each server checks the same from what
// it saw, with bounds that hold however late a request arrives: at most
// Parallel requests between arrival and last write, and its last request
// arrived at least (n-1) gaps after the first one was let go.
func TestPoliteness(t *testing.T) {
	for _, b := range backends(t) {
		if b.name == "bbolt" {
			continue // as memory: one process
		}
		t.Run(b.name, func(t *testing.T) { testPoliteness(t, b) })
	}
}

func testPoliteness(t *testing.T, be backend) {
	const (
		parallel   = 2
		delay      = 60 * time.Millisecond
		crawlDelay = 120 * time.Millisecond
	)
	// A request takes longer than the delay: two are in flight at times.
	pa, a := serve(t, demoportal.Options{Clean: true, Articles: 25, Latency: 150 * time.Millisecond})
	pb, b := serve(t, demoportal.Options{Clean: true, Articles: 25, Latency: 150 * time.Millisecond})
	pc, c := serve(t, demoportal.Options{Clean: true, Articles: 8, CrawlDelay: crawlDelay, Latency: 150 * time.Millisecond})
	rec := newRecorder()
	var sink collect
	state := be.open(t)
	defer state.Close()
	st := run(t, crawl.Config{Parallel: parallel, Delay: delay, Workers: 8, Timeout: 5 * time.Second, Transport: rec, State: state},
		[]string{a + "/", b + "/", c + "/"}, &sink)
	if want := int64(25 + 25 + 8); st.Articles != want {
		t.Errorf("%d articles, want %d\n%s", st.Articles, want, st)
	}
	if rec.missing > 0 {
		t.Errorf("%d requests reached the transport without a gate start", rec.missing)
	}
	for _, s := range []struct {
		name string
		p    *demoportal.Portal
		url  string
		gap  time.Duration
	}{{"A", pa, a, delay}, {"B", pb, b, delay}, {"C (Crawl-delay)", pc, c, crawlDelay}} {
		host := strings.TrimPrefix(s.url, "http://")
		starts := slices.Clone(rec.starts[host])
		slices.SortFunc(starts, time.Time.Compare)
		if len(starts) < 10 {
			t.Fatalf("%s: only %d requests", s.name, len(starts))
		}
		if rec.peak[host] > parallel {
			t.Errorf("%s: %d requests in flight at once, limit %d", s.name, rec.peak[host], parallel)
		}
		minGap := time.Hour
		for i := 1; i < len(starts); i++ {
			minGap = min(minGap, starts[i].Sub(starts[i-1]))
		}
		if minGap < s.gap-be.slack {
			t.Errorf("%s: two requests started %v apart, want at least %v", s.name, minGap, s.gap)
		}

		reqs := s.p.Requests()
		for h, n := range demoportal.PeakInFlight(reqs) {
			if n > parallel {
				t.Errorf("%s %s: server saw %d requests in flight at once, limit %d", s.name, h, n, parallel)
			}
		}
		var last time.Time
		for _, r := range reqs {
			if r.Start.After(last) {
				last = r.Start
			}
		}
		if span, want := last.Sub(starts[0]), time.Duration(len(reqs)-1)*(s.gap-be.slack); span < want {
			t.Errorf("%s: server saw %d requests within %v of the first start, want at least %v", s.name, len(reqs), span, want)
		}
		t.Logf("%s: %d requests, closest starts %v apart, peak %d in flight", s.name, len(starts), minGap.Round(time.Millisecond), rec.peak[host])
	}
}

// TestRetryAfter: a 503 with Retry-After: 1 holds the whole host for a
// second, then the page is fetched again. With one request at a time per
// host, every later request reaches the server a second or more after the
// 503's arrived: the pause is set when its answer comes back, before the
// host's slot is freed.
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
	if busy.Outcome != crawl.OutcomeListing || busy.Attempts != 2 {
		t.Errorf("/busy.html: %s after %d attempts, want listing after 2", busy.Outcome, busy.Attempts)
	}
	var at time.Time
	for _, r := range p.Requests() {
		if r.Path == "/busy.html" && r.Status == 503 {
			at = r.Start
		}
	}
	if at.IsZero() {
		t.Fatal("no 503 answered")
	}
	for _, r := range p.Requests() {
		if r.Start.After(at) && r.Start.Before(at.Add(time.Second)) {
			t.Errorf("%s requested %v after a 503 with Retry-After: 1", r.Path, r.Start.Sub(at))
		}
	}
}

// TestCancelWhileWaiting: a cancelled crawl does not wait for a host's
// turn. The portal's Crawl-delay is a minute; the crawl is cancelled as
// soon as robots.txt is read, while the home page waits for its turn: Run
// returns at once, without failing the page, which stays queued.
func TestCancelWhileWaiting(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 5, CrawlDelay: time.Minute})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.ServeHTTP(w, r)
		if r.URL.Path == "/robots.txt" {
			go func() {
				time.Sleep(50 * time.Millisecond) // the home page is at its gate by now, or about to be
				cancel()
			}()
		}
	}))
	defer srv.Close()
	c, err := crawl.New(crawl.Config{Timeout: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, []string{srv.URL + "/"}, &collect{}) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second): // the home page's turn comes after 60 s
		t.Fatal("Run still waiting for the host 30 s after it was cancelled")
	}
	st := c.Stats()
	if st.Outcomes[crawl.OutcomeFailed] != 0 || st.Queued == 0 {
		t.Errorf("after the cancel: %d failed, %d queued; want 0 failed and the home page queued\n%s",
			st.Outcomes[crawl.OutcomeFailed], st.Queued, st)
	}
	for _, r := range p.Requests() {
		if r.Path != "/robots.txt" {
			t.Errorf("%s fetched", r.Path)
		}
	}
}

// TestTimeoutExcludesWait: Timeout bounds a request from its start, not
// the wait for its host's turn. With a Crawl-delay longer than Timeout, a
// page reached through a same-host redirect (its second hop waits for the
// delay) is fetched, at the first attempt.
func TestTimeoutExcludesWait(t *testing.T) {
	p, base := serve(t, demoportal.Options{Clean: true, Articles: 3, CrawlDelay: time.Second})
	target := demoportal.ArticlePath(2) // the news template: without its slash, a 301
	var page crawl.Page
	cfg := crawl.Config{Timeout: 800 * time.Millisecond, Retries: -1, MaxPages: 1, OnPage: func(pg crawl.Page) { page = pg }}
	run(t, cfg, []string{base + strings.TrimSuffix(target, "/")}, &collect{})
	if page.Outcome != crawl.OutcomeArticle || page.Attempts != 1 {
		t.Errorf("%s: %s/%s after %d attempts (%v), want an article at the first", page.URL, page.Outcome, page.Reason, page.Attempts, page.Err)
	}
	t.Logf("requests: %d", len(p.Requests()))
}

// TestSlowHostDoesNotStall: a host that cannot be asked for a long time
// (here a 503 with Retry-After: 60) must not hold up the others. Host S's
// home page links 40 of its own pages, then host F's home page; S pauses
// after its home page. F must be crawled to the end while S waits.
func TestSlowHostDoesNotStall(t *testing.T) {
	pf, f := serve(t, demoportal.Options{Clean: true, Articles: 20})
	var mu sync.Mutex
	sReqs := 0
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sReqs++
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			fmt.Fprint(w, "<!DOCTYPE html><html><head><title>S</title></head><body><ul>")
			for i := range 40 {
				fmt.Fprintf(w, `<li><a href="/s/%d">Page %d</a></li>`, i, i)
			}
			fmt.Fprintf(w, `<li><a href="%s/">Another site</a></li></ul></body></html>`, f)
		default:
			w.Header().Set("Retry-After", "60")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		}
	}))
	defer s.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	want := len(pf.Articles())
	var fArticles atomic.Int64
	c, err := crawl.New(crawl.Config{Workers: 2, Parallel: 1, Delay: -1, Timeout: 10 * time.Second,
		OnPage: func(pg crawl.Page) {
			if strings.HasPrefix(pg.URL, f) && pg.Outcome == crawl.OutcomeArticle && fArticles.Add(1) == int64(want) {
				cancel()
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, []string{s.URL + "/"}, &collect{}) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled after F's articles", err)
		}
	case <-time.After(30 * time.Second): // S's pause is 60 s
		cancel()
		<-done
		t.Errorf("after 30 s, %d of F's %d articles crawled: S's pause holds up F", fArticles.Load(), want)
	}
	mu.Lock()
	defer mu.Unlock()
	if sReqs > 3 {
		t.Errorf("S asked %d times, want robots.txt, the home page and one page", sReqs)
	}
}

// TestPausedHostFinishes: the items of a paused host given back to the
// frontier are crawled when the pause ends; none is left queued.
func TestPausedHostFinishes(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 30})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paused := false
		if r.URL.Path != "/" && r.URL.Path != "/robots.txt" {
			once.Do(func() { paused = true })
		}
		if paused {
			w.Header().Set("Retry-After", "2")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		p.ServeHTTP(w, r)
	}))
	defer srv.Close()
	var sink collect
	st := run(t, fast(crawl.Config{Workers: 2, Parallel: 1}), []string{srv.URL + "/"}, &sink)
	if st.Articles != 30 || st.Queued != 0 {
		t.Errorf("%d articles, %d left queued; want 30 and 0\n%s", st.Articles, st.Queued, st)
	}
}
