package crawl_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// handlerTransport answers requests in memory from a handler chosen by
// scheme, so http://h and https://h (one host for the politeness gates,
// two origins for robots.txt) can be served without a network or TLS.
type handlerTransport struct {
	byScheme map[string]http.Handler
	mu       sync.Mutex
	log      []string // scheme://host/path of every request
}

func (t *handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.mu.Lock()
	t.log = append(t.log, req.URL.Scheme+"://"+req.URL.Host+req.URL.RequestURI())
	t.mu.Unlock()
	h := t.byScheme[req.URL.Scheme]
	if h == nil {
		h = http.NotFoundHandler()
	}
	rec := httptest.NewRecorder()
	sreq := req.Clone(req.Context())
	sreq.RequestURI = req.URL.RequestURI()
	h.ServeHTTP(rec, sreq)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

func (t *handlerTransport) requests() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.log...)
}

// TestRedirectToOtherScheme: an http page redirecting to its https twin
// must not wait for https's robots.txt while it holds the host's only slot
// (http://h and https://h share one politeness gate). The target is queued
// and crawled with its robots.txt like any other link.
func TestRedirectToOtherScheme(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 6})
	plain := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow:\n"))
		default:
			http.Redirect(w, r, "https://portal.test"+r.URL.RequestURI(), http.StatusMovedPermanently)
		}
	})
	tr := &handlerTransport{byScheme: map[string]http.Handler{"http": plain, "https": p}}
	var sink collect
	var mu sync.Mutex
	failed := map[string]string{}
	cfg := fast(crawl.Config{Parallel: 1, Transport: tr, Timeout: 2 * time.Second, OnPage: func(pg crawl.Page) {
		if pg.Outcome == crawl.OutcomeFailed {
			mu.Lock()
			failed[pg.URL] = pg.Reason
			mu.Unlock()
		}
	}})
	st := run(t, cfg, []string{"http://portal.test/"}, &sink)
	if len(failed) > 0 {
		t.Errorf("pages failed: %v", failed)
	}
	if st.Articles != 6 {
		t.Errorf("%d articles, want 6\n%s", st.Articles, st)
	}
	robots := 0
	for _, r := range tr.requests() {
		if strings.HasSuffix(r, "/robots.txt") {
			robots++
		}
	}
	if robots != 2 {
		t.Errorf("%d robots.txt requests, want one per origin: %q", robots, tr.requests())
	}
}

// TestRedirectAddsSlash: "/a" redirecting to "/a/" is one page (one visit
// key) but no redirect loop.
func TestRedirectAddsSlash(t *testing.T) {
	_, base := serve(t, demoportal.Options{Clean: true, Articles: 3})
	target := demoportal.ArticlePath(2) // the news template: without its slash, a 301
	var page crawl.Page
	cfg := fast(crawl.Config{MaxPages: 1, OnPage: func(pg crawl.Page) { page = pg }})
	run(t, cfg, []string{base + strings.TrimSuffix(target, "/")}, &collect{})
	if page.Outcome != crawl.OutcomeArticle || page.FinalURL != base+target {
		t.Errorf("%s: %s/%s, final URL %s (%v); want an article at %s", page.URL, page.Outcome, page.Reason, page.FinalURL, page.Err, base+target)
	}
}

// storyHTML is an article page; canonical, when set, is its rel=canonical.
func storyHTML(title, canonical string) string {
	link := ""
	if canonical != "" {
		link = `<link rel="canonical" href="` + canonical + `">`
	}
	return `<!DOCTYPE html><html><head><title>` + title + `</title>` + link + `
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"` + title + `"}</script>
</head><body><article><h1>` + title + `</h1>
<p>The night ferry between the harbor and the islands sailed again on Thursday, two years after the service was suspended for repairs to the old pier.</p>
<p>The port authority said the ferry would run four nights a week through the summer, with a fifth crossing on holiday weekends if demand holds.</p>
<p>Residents of the islands had complained that the only evening link to the mainland was a small water taxi that did not run in bad weather.</p>
<p>Officials will review the schedule in the autumn and decide whether the service can run through the winter, when storms often close the port.</p>
</article></body></html>`
}

// site serves pages from a map (path → HTML), counting requests.
type site struct {
	mu    sync.Mutex
	pages map[string]func(w http.ResponseWriter, r *http.Request, n int) // n: requests of the path so far
	count map[string]int
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.count[r.URL.RequestURI()]++
	n := s.count[r.URL.RequestURI()]
	h := s.pages[r.URL.RequestURI()]
	s.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r, n)
}

func (s *site) requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[path]
}

func html(body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}
}

func newSite(t *testing.T, pages map[string]func(http.ResponseWriter, *http.Request, int)) (*site, string) {
	s := &site{pages: pages, count: map[string]int{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// TestFailedRedirectTargetNotSeen: the end of a redirect chain is marked
// seen only when it answered; a target that failed is fetched again when
// a link leads to it.
func TestFailedRedirectTargetNotSeen(t *testing.T) {
	s, base := newSite(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"/": html(`<html><body><a href="/old">Old link</a> <a href="/list">More</a></body></html>`),
		"/old": func(w http.ResponseWriter, r *http.Request, _ int) {
			http.Redirect(w, r, "/story", http.StatusMovedPermanently)
		},
		"/list": html(`<html><body><a href="/story">The story</a></body></html>`),
		"/story": func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				http.Error(w, "oops", http.StatusInternalServerError)
				return
			}
			html(storyHTML("The story", ""))(w, r, n)
		},
	})
	var sink collect
	// One worker: /old is committed before /list's link to /story.
	st := run(t, fast(crawl.Config{Workers: 1, Parallel: 1, Retries: -1}), []string{base + "/"}, &sink)
	if st.Articles != 1 || s.requests("/story") != 2 {
		t.Errorf("%d articles, /story asked %d times; want 1 article, /story asked twice\n%s", st.Articles, s.requests("/story"), st)
	}
}

// TestCanonicalNotSeen: rel=canonical names the record's key, not a page
// seen: the canonical page is still fetched when a later page links it
// (and its links are followed), and the article is recorded once, under
// the canonical URL: nothing is recorded under the copy.
func TestCanonicalNotSeen(t *testing.T) {
	s, base := newSite(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"/": html(`<html><body><a href="/print/a">Print version</a></body></html>`),
		"/print/a": func(w http.ResponseWriter, r *http.Request, n int) {
			html(strings.Replace(storyHTML("Story A", "/a"), "</article>", `</article><a href="/more">More</a>`, 1))(w, r, n)
		},
		"/more": html(`<html><body><a href="/a">Story A</a></body></html>`),
		"/a": func(w http.ResponseWriter, r *http.Request, n int) {
			html(strings.Replace(storyHTML("Story A", "/a"), "</article>", `</article><a href="/b">Story B</a>`, 1))(w, r, n)
		},
		"/b": html(storyHTML("Story B", "")),
	})
	var sink collect
	st := run(t, fast(crawl.Config{Workers: 1, Parallel: 1}), []string{base + "/"}, &sink)
	if s.requests("/a") != 1 || s.requests("/b") != 1 {
		t.Errorf("/a asked %d times, /b %d; want once each", s.requests("/a"), s.requests("/b"))
	}
	if st.Articles != 2 || st.Outcomes[crawl.OutcomeDuplicate] != 0 || st.Outcomes[crawl.OutcomeVariant] != 1 {
		t.Errorf("%d articles, %d duplicates, %d variants; want 2 (A once, B), 0 and 1 (the print copy)\n%s",
			st.Articles, st.Outcomes[crawl.OutcomeDuplicate], st.Outcomes[crawl.OutcomeVariant], st)
	}
	for _, a := range sink.records() {
		if strings.Contains(a.URL, "/print/") {
			t.Errorf("record under the print copy: %s", a.URL)
		}
	}
}

// TestTrapsKnownLinks: listing pages whose links are all known already
// (here from a sitemap read first) are not a trap: 150 pages of one
// pattern, each listing two articles, are crawled to the end. Nor are 150
// listing pages of a pattern that holds articles too (/p/N: each listing
// page links the next one and an article, nothing else).
func TestTrapsKnownLinks(t *testing.T) {
	const pages = 150
	m := map[string]func(http.ResponseWriter, *http.Request, int){}
	var sitemap strings.Builder
	sitemap.WriteString(`<?xml version="1.0"?><urlset>`)
	for i := 1; i <= pages; i++ {
		next, pnext := "", ""
		if i < pages {
			next = fmt.Sprintf(`<a href="/list/%d">Next</a>`, i+1)
			pnext = fmt.Sprintf(`<a href="/p/%d">Next</a>`, i+1)
		}
		m[fmt.Sprintf("/list/%d", i)] = html(fmt.Sprintf(`<html><body><nav><a href="/">Home</a></nav>
<a href="/story/%d">Story %d</a> <a href="/story/%d">Story %d</a> %s</body></html>`, 2*i, 2*i, 2*i+1, 2*i+1, next))
		m[fmt.Sprintf("/p/%d", i)] = html(fmt.Sprintf(`<html><body><nav><a href="/">Home</a></nav>
<a href="/p/%d">Note %d</a> %s</body></html>`, 1000+i, i, pnext))
		m[fmt.Sprintf("/p/%d", 1000+i)] = html(storyHTML(fmt.Sprintf("Note %d", i), ""))
		for _, k := range []int{2 * i, 2*i + 1} {
			p := fmt.Sprintf("/story/%d", k)
			m[p] = html(storyHTML(fmt.Sprintf("Story %d", k), ""))
			fmt.Fprintf(&sitemap, "<url><loc>http://HOST%s</loc></url>", p)
		}
	}
	sitemap.WriteString(`</urlset>`)
	m["/"] = html(`<html><body><a href="/p/1">Notes</a></body></html>`)
	m["/robots.txt"] = func(w http.ResponseWriter, r *http.Request, _ int) {
		fmt.Fprintf(w, "User-agent: *\nDisallow:\nSitemap: http://%s/sitemap.xml\n", r.Host)
	}
	m["/sitemap.xml"] = func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, strings.ReplaceAll(sitemap.String(), "HOST", r.Host))
	}
	s, base := newSite(t, m)
	var sink collect
	// The archive is reached once the sitemap was read: every story it
	// lists is known by then.
	m["/p/1"] = func(w http.ResponseWriter, r *http.Request, n int) {
		html(`<html><body><a href="/p/2">Next</a> <a href="/p/1001">Note 1</a> <a href="/list/1">Archive</a></body></html>`)(w, r, n)
	}
	st := run(t, fast(crawl.Config{Workers: 2}), []string{base + "/"}, &sink)
	for _, p := range []string{"/list/%d", "/p/%d"} {
		if last := fmt.Sprintf(p, pages); s.requests(last) != 1 {
			t.Errorf("%s asked %d times, want once", last, s.requests(last))
		}
	}
	if want := int64(3 * pages); st.Articles != want || len(st.Traps) > 0 {
		t.Errorf("%d articles, trap cuts %v; want %d articles, nothing cut\n%s", st.Articles, st.Traps, want, st)
	}
}

// TestBodyTimeout: a body that stalls past Timeout fails the page with
// reason "timeout".
func TestBodyTimeout(t *testing.T) {
	_, base := newSite(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"/": func(w http.ResponseWriter, r *http.Request, _ int) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<html><body><p>Live: ")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		},
	})
	var page crawl.Page
	c, _ := crawl.New(crawl.Config{Delay: -1, Retries: -1, Timeout: 300 * time.Millisecond, OnPage: func(p crawl.Page) { page = p }})
	if err := c.Run(context.Background(), []string{base + "/"}, &collect{}); !errors.Is(err, crawl.ErrSeedsFailed) {
		t.Errorf("Run = %v, want ErrSeedsFailed (the only seed failed)", err)
	}
	if page.Outcome != crawl.OutcomeFailed || page.Reason != "timeout" {
		t.Errorf("stalled body: %s/%s (%v), want failed/timeout", page.Outcome, page.Reason, page.Err)
	}
}
