package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
)

func TestParseXMLLinks(t *testing.T) {
	for _, c := range []struct {
		name, doc, kind string
		want            []xmlLink
	}{
		{"sitemap index", `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://h/s1.xml.gz</loc><lastmod>2025-01-01</lastmod></sitemap><sitemap><loc> http://h/s2.xml </loc></sitemap></sitemapindex>`,
			xmlSitemapIndex, []xmlLink{{URL: "http://h/s1.xml.gz", Sitemap: true, LastMod: "2025-01-01"}, {URL: "http://h/s2.xml", Sitemap: true}}},
		{"news sitemap", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://h/a?x=1&amp;y=2</loc><news:news><news:publication_date>2025-04-17T14:27:32+00:00</news:publication_date></news:news></url>
<url><loc>http://h/b</loc><lastmod>2024-12-01</lastmod></url></urlset>`,
			xmlSitemap, []xmlLink{{URL: "http://h/a?x=1&y=2", LastMod: "2025-04-17T14:27:32+00:00"}, {URL: "http://h/b", LastMod: "2024-12-01"}}},
		{"rss", `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T</title><link>http://h/</link>
<item><title>caf` + "\xe9" + `</title><link>http://h/1</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>
<item><guid>http://h/2</guid></item></channel></rss>`,
			xmlFeed, []xmlLink{{URL: "http://h/"}, {URL: "http://h/1", LastMod: "Mon, 01 Jan 2024 00:00:00 GMT"}, {URL: "http://h/2"}}},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://h/"/><entry><link rel="self" href="http://h/self"/>
<link rel="alternate" href="http://h/e1"/><updated>2025-01-01T00:00:00Z</updated></entry><entry><link href="http://h/e2"/></entry></feed>`,
			xmlFeed, []xmlLink{{URL: "http://h/e1", LastMod: "2025-01-01T00:00:00Z"}, {URL: "http://h/e2"}}},
		{"rdf", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<item rdf:about="http://h/r1"><link>http://h/r1</link></item><item><link> </link><guid>urn:x</guid></item></rdf:RDF>`,
			xmlFeed, []xmlLink{{URL: "http://h/r1"}}},
		{"a sitemap cut short keeps what was read", `<urlset><url><loc>http://h/a</loc></url><url><loc>http://h/b`,
			xmlSitemap, []xmlLink{{URL: "http://h/a"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			kind, links, err := parseXMLLinks([]byte(c.doc), false)
			if err != nil || kind != c.kind || !slices.Equal(links, c.want) {
				t.Errorf("parseXMLLinks = %s %+v %v\nwant %s %+v", kind, links, err, c.kind, c.want)
			}
		})
	}
	if _, _, err := parseXMLLinks([]byte("<html><body>hi</body></html>"), false); err == nil {
		t.Error("HTML parsed as a sitemap")
	}
}

func TestFreshFirst(t *testing.T) {
	links := []xmlLink{
		{URL: "a"}, {URL: "b", LastMod: "2024-12-01"}, {URL: "c", LastMod: "2025-04-17T14:27:32+00:00"},
		{URL: "d", LastMod: "someday"}, {URL: "e", LastMod: "Mon, 01 Jan 2024 00:00:00 GMT"},
		{URL: "f", LastMod: "2025-04-17T16:00:00+02:00"},
	}
	freshFirst(links)
	var got []string
	for _, l := range links {
		got = append(got, l.URL)
	}
	if want := "c f b e a d"; strings.Join(got, " ") != want {
		t.Errorf("freshFirst: %s, want %s", strings.Join(got, " "), want)
	}
}

func TestGzipSitemap(t *testing.T) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(`<urlset><url><loc>http://h/a</loc></url></urlset>`))
	zw.Close()
	if !isGzip(b.Bytes()) {
		t.Fatal("gzip not recognised")
	}
	out, err := gunzip(b.Bytes(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if kind, links, _ := parseXMLLinks(out, false); kind != xmlSitemap || len(links) != 1 {
		t.Errorf("got %s %v", kind, links)
	}
	if _, err := gunzip(b.Bytes(), 10); err != errTooLarge {
		t.Errorf("gzip bomb guard: %v", err)
	}
}

func TestScanHTML(t *testing.T) {
	base, _ := url.Parse("http://h/dir/page.html")
	article := `<html><head><base href="/base/"><link rel="canonical" href="/canon">
<link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="next" href="?page=2">
<meta property="og:type" content="article"><meta name="robots" content="index, nofollow">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":["NewsArticle","Thing"]}]}</script>
<script>var x = "<a href='/nope'>";</script></head><body>
<nav><a href="/a">A</a> <a href="b">B</a> <a href="javascript:void(0)">J</a> <a href="#top">T</a> <a href="mailto:x@y">M</a></nav>
<div><p>First paragraph of the story, long enough to count as prose in the scan.</p>
<p>Second paragraph with some more words in it and <a href="/inline">an inline link</a> that does not break the run of prose.</p>
<div>Third block of text, a div rather than a paragraph, and long enough to count.<br>Then a line break and a fourth block of text that is long enough, too.</div></div>
</body></html>`
	s, said := scanHTML(t, article, base)
	wantLinks := []string{"?page=2", "/a", "b", "/inline"}
	if !slices.Equal(s.links, wantLinks) || s.base.String() != "http://h/base/" {
		t.Errorf("links = %q base %s, want %q base http://h/base/", s.links, s.base, wantLinks)
	}
	if s.canonical != "http://h/canon" || !slices.Equal(s.feeds, []string{"/feed.xml"}) {
		t.Errorf("canonical %q feeds %q", s.canonical, s.feeds)
	}
	if want := (extract.Declaration{Article: true, OGArticle: true}); said != want {
		t.Errorf("declared %+v, want %+v", said, want)
	}
	if s.noindex || !s.nofollow {
		t.Errorf("robots meta: noindex %v nofollow %v", s.noindex, s.nofollow)
	}
	if s.maxRun != 4 {
		t.Errorf("maxRun = %d, want 4", s.maxRun)
	}

	listing := `<html><body><ul>` +
		`<li><h2><a href="/1">First headline of the listing page</a></h2><p>A summary of the first story that is long enough to be prose on its own.</p></li>` +
		`<li><h2><a href="/2">Second headline of the listing page</a></h2><p>A summary of the second story that is long enough to be prose on its own.</p></li>` +
		`<li><h2><a href="/3">Third headline of the listing page</a></h2><p>A summary of the third story that is long enough to be prose on its own.</p></li>` +
		`</ul></body></html>`
	if s, _ := scanHTML(t, listing, base); s.maxRun != 1 || s.prose != 3 {
		t.Errorf("listing: maxRun %d prose %d, want 1 and 3", s.maxRun, s.prose)
	}
}

func TestContentKind(t *testing.T) {
	for _, c := range []struct {
		mt, body, want string
	}{
		{"text/html", "<!DOCTYPE html><html><body>x</body></html>", "html"},
		{"", "<html><body>x</body></html>", "html"},
		{"application/octet-stream", "%PDF-1.4\n...", "other"},
		{"text/html", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "other"},
		{"text/html", "\x89PNG\r\n\x1a\n\x00\x00", "other"},
		{"application/xml", `<?xml version="1.0"?><urlset></urlset>`, "xml"},
		{"text/xml", `<rss version="2.0"></rss>`, "xml"},
		{"text/plain", "just text", "other"},
	} {
		if got := contentKind(c.mt, []byte(c.body)); got != c.want {
			t.Errorf("contentKind(%q, %.20q) = %s, want %s", c.mt, c.body, got, c.want)
		}
	}
}

func TestRobotsDirectives(t *testing.T) {
	for _, c := range []struct {
		v                 string
		noindex, nofollow bool
	}{
		{"noindex, nofollow", true, true},
		{"NONE", true, true},
		{"index,follow", false, false},
		{"otherbot: noindex", false, false},
		{"newsclip: noindex", true, false},
		{"nofollow", false, true},
	} {
		var s pageScan
		s.robotsDirectives(c.v)
		if s.noindex != c.noindex || s.nofollow != c.nofollow {
			t.Errorf("%q: noindex %v nofollow %v", c.v, s.noindex, s.nofollow)
		}
	}
}

// TestGzipBomb serves gzip sitemaps the way colly decompresses them itself
// (Content-Type naming gzip, or a path ending in .xml.gz): a bomb must
// stop at MaxBodyBytes of decompressed bytes with reason "too-large", and
// a small gzip sitemap must still be read.
func TestGzipBomb(t *testing.T) {
	const limit = 64 << 10
	article := `<!DOCTYPE html><html><head><title>Only in the sitemap</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Only in the sitemap"}</script>
</head><body><article><h1>Only in the sitemap</h1>
<p>The night ferry between the harbor and the islands sailed again on Thursday, two years after the service was suspended for repairs to the old pier.</p>
<p>The port authority said the ferry would run four nights a week through the summer, with a fifth crossing on holiday weekends if demand holds.</p>
<p>Residents of the islands had complained that the only evening link to the mainland was a small water taxi that did not run in bad weather.</p>
<p>Officials will review the schedule in the autumn and decide whether the service can run through the winter, when storms often close the port.</p>
</article></body></html>`
	mux := http.NewServeMux()
	bomb := func(ct string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
			io.WriteString(zw, `<?xml version="1.0"?><urlset>`)
			pad := bytes.Repeat([]byte(" "), 64<<10)
			for range 4096 { // 256 MiB once decompressed, 256 KB on the wire
				if _, err := zw.Write(pad); err != nil {
					return
				}
			}
			zw.Close()
		}
	}
	mux.HandleFunc("/bomb.xml.gz", bomb("application/gzip"))
	mux.HandleFunc("/plain-ct.xml.gz", bomb("application/xml"))
	mux.HandleFunc("/bomb", bomb("application/x-gzip"))
	mux.HandleFunc("/small.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprintf(zw, `<?xml version="1.0"?><urlset><url><loc>http://%s/story</loc></url></urlset>`, r.Host)
		zw.Close()
	})
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, article)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var mu sync.Mutex
	pages := map[string]Page{}
	c, err := New(Config{Delay: -1, Retries: -1, MaxBodyBytes: limit, Timeout: 10 * time.Second,
		OnPage: func(p Page) {
			mu.Lock()
			pages[strings.TrimPrefix(p.URL, srv.URL)] = p
			mu.Unlock()
		}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	sink := SinkFunc(func(_ context.Context, a *extract.Article) error {
		got = append(got, a.URL)
		return nil
	})
	seeds := []string{srv.URL + "/bomb.xml.gz", srv.URL + "/plain-ct.xml.gz", srv.URL + "/bomb", srv.URL + "/small.xml.gz"}
	if err := c.Run(context.Background(), seeds, sink); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/bomb.xml.gz", "/plain-ct.xml.gz", "/bomb"} {
		if pg := pages[p]; pg.Outcome != OutcomeFailed || pg.Reason != "too-large" {
			t.Errorf("%s: %s/%s (%v), want failed/too-large", p, pg.Outcome, pg.Reason, pg.Err)
		}
	}
	if st := c.Stats(); st.Bytes > 8*limit {
		t.Errorf("read %d bytes in all, want at most a few times the %d-byte limit", st.Bytes, limit)
	}
	if len(got) != 1 || got[0] != srv.URL+"/story" {
		t.Errorf("records %q, want the one article of the small gzip sitemap", got)
	}
}
