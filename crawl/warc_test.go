package crawl_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/warc"
)

// archive is an Archiver keeping exchanges in memory.
type archive struct {
	mu  sync.Mutex
	exs []*warc.Exchange
}

func (a *archive) Write(ex *warc.Exchange) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.exs = append(a.exs, ex)
	return nil
}

// seen lists "STATUS PATH [truncated]" of each exchange, sorted.
func (a *archive) seen() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, ex := range a.exs {
		s := fmt.Sprintf("%d %s", ex.Response.StatusCode, ex.Request.URL.RequestURI())
		if ex.Truncated != "" {
			s += " truncated:" + ex.Truncated
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func (a *archive) find(path string) *warc.Exchange {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, ex := range a.exs {
		if ex.Request.URL.RequestURI() == path {
			return ex
		}
	}
	return nil
}

const story = `<html><head><title>%[1]s</title></head><body><article><h1>%[1]s</h1>
<p>The harbour board met on Tuesday to settle the new ferry timetable for the winter months ahead.</p>
<p>Members agreed that the early crossing would leave at a quarter past six, twenty minutes sooner than before.</p>
<p>Fares stay as they are until spring, when the board will look at them again with the town council.</p>
</article></body></html>`

// archiveSite is a small site: a home page linking in the given order, a
// gzip-encoded article, a redirect, an image and a page with an ETag.
func archiveSite(t *testing.T, homeLinks ...string) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><h1>Harbour News</h1><ul>")
		for _, l := range homeLinks {
			fmt.Fprintf(w, `<li><a href="%s">%s</a></li>`, l, l)
		}
		fmt.Fprint(w, "</ul></body></html>")
	})
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"a1"`)
		if r.Header.Get("If-None-Match") == `"a1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, story, "Ferry timetable settled")
	})
	mux.HandleFunc("/gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			fmt.Fprintf(w, story, "Winter crossings start earlier")
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprintf(zw, story, "Winter crossings start earlier")
		zw.Close()
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(bytes.Repeat([]byte{0x89}, 64<<10))
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// Every exchange goes to the archive once: robots.txt, pages, redirects,
// and the bodies as received (gzip kept); an image whose body was not
// read is marked truncated; a redirect's target is fetched once whether
// the redirect or a link reaches it first; a 304 of an incremental crawl
// is archived as such.
func TestArchive(t *testing.T) {
	tests := []struct {
		name  string
		links []string
		want  []string
	}{
		{"redirect first", []string{"/old", "/a", "/gz", "/logo.png"}, []string{
			"200 /", "200 /a", "200 /gz", "200 /logo.png truncated:unspecified", "200 /robots.txt", "301 /old",
			"404 /sitemap.xml"}},
		{"target first", []string{"/a", "/old", "/gz", "/logo.png"}, []string{
			"200 /", "200 /a", "200 /gz", "200 /logo.png truncated:unspecified", "200 /robots.txt", "301 /old",
			"404 /sitemap.xml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := archiveSite(t, tt.links...)
			arc := &archive{}
			store := crawl.NewMemoryStore()
			// One worker: the links are fetched in page order.
			cfg := fast(crawl.Config{Archive: arc, State: store, Workers: 1, Parallel: 1})
			sink := &collect{}
			st := run(t, cfg, []string{site.URL + "/"}, sink)
			if diff := cmp.Diff(tt.want, arc.seen()); diff != "" {
				t.Errorf("archived exchanges mismatch (-want +got):\n%s\nstats: %s", diff, st)
			}
			if n := len(sink.records()); n != 2 {
				t.Errorf("%d records, want 2 (/a and /gz)", n)
			}
			gz := arc.find("/gz")
			if gz == nil || gz.Response.Header.Get("Content-Encoding") != "gzip" || !bytes.HasPrefix(gz.Body, []byte{0x1f, 0x8b}) ||
				gz.Request.Header.Get("Accept-Encoding") != "gzip" || gz.IP != "127.0.0.1" {
				t.Errorf("gzip page archived as %+v", gz)
			}

			// An incremental run: /a answers 304.
			arc2 := &archive{}
			cfg.Archive, cfg.Incremental = arc2, true
			run(t, cfg, []string{site.URL + "/"}, &collect{})
			if ex := arc2.find("/a"); ex == nil || ex.Response.StatusCode != http.StatusNotModified ||
				ex.Request.Header.Get("If-None-Match") != `"a1"` {
				t.Errorf("incremental /a archived as %+v", ex)
			}
		})
	}
}
