package demoportal

import (
	"bytes"
	"flag"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/portal/pages")

func get(t *testing.T, p *Portal, path string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", "http://portal.test"+path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, req)
	return rec
}

// TestGolden keeps a snapshot of one page of each kind in
// testdata/portal/pages (see testdata/portal/MANIFEST.md); go test -update
// rewrites it.
func TestGolden(t *testing.T) {
	p := New(Options{})
	get(t, p, ArticlePath(3)) // the 500-once page fails first
	pages := map[string]string{
		"home.html":              "/",
		"section-page2.html":     "/world/page/2/",
		"farm.html":              ArticlePath(3),
		"farmx.html":             ArticlePath(4),
		"news.html":              ArticlePath(5),
		"calendar.html":          "/calendar/2025/04/",
		"malformed.html":         malformedPath,
		"robots.txt":             "/robots.txt",
		"sitemap.xml":            "/sitemap.xml",
		"sitemap-news.xml":       "/sitemaps/news.xml",
		"feed.xml":               "/feed.xml",
		"atom.xml":               "/atom.xml",
		"intl-windows-1252.html": intlPages[0].Path,
		"intl-gbk.html":          intlPages[1].Path,
		"intl-shift_jis.html":    intlPages[2].Path,
		"intl-euc-kr.html":       intlPages[3].Path,
	}
	dir := filepath.Join("..", "..", "testdata", "portal", "pages")
	wire := New(Options{Republish: true})
	for name, path := range map[string]string{"wire.html": WirePrefix,
		"copy-farm.html": CopyPath(5, 1), "copy-farmx.html": CopyPath(5, 2), "copy-news.html": CopyPath(29, 3)} {
		pages[name] = "republish:" + path
	}
	for name, path := range pages {
		q := p
		if r, ok := strings.CutPrefix(path, "republish:"); ok {
			q, path = wire, r
		}
		rec := get(t, q, path)
		if rec.Code != 200 {
			t.Errorf("%s: %d", path, rec.Code)
			continue
		}
		file := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(file, rec.Body.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("%s differs from %s (run go test -update if the change is meant)", path, file)
		}
	}
	// The home of a portal that republishes is the plain home with one
	// link more, to the wire copies (no snapshot of its own).
	plain, republish := get(t, p, "/").Body.String(), get(t, wire, "/").Body.String()
	wireLink := "    <li><a href=\"" + WirePrefix + "\">From the wires</a></li>\n"
	if want := strings.Replace(plain, "  </ul>\n</div>\n<div class=\"foot\">", wireLink+"  </ul>\n</div>\n<div class=\"foot\">", 1); republish != want {
		t.Errorf("the republishing portal's home is not the plain home with a link to %s", WirePrefix)
	}
}

func TestRoutes(t *testing.T) {
	p := New(Options{Articles: 60, SlowDelay: time.Millisecond})
	for _, e := range p.Articles() {
		rec := get(t, p, e.Path)
		if rec.Code == 500 { // 500 once, then OK
			rec = get(t, p, e.Path)
		}
		if rec.Code != 200 {
			t.Errorf("%s: %d", e.Path, rec.Code)
		}
	}
	for path, code := range map[string]int{
		"/r/1": 301, "/r/2": 302, "/r/3": 307, "/loop/a": 302, "/news/removed-1.html": 404,
		"/go/members": 302, "/files/report.pdf": 200, "/img/photo.png": 200, "/nope": 404,
		"/story.php?id=3": 404, "/invest/page/99/": 404, strings.TrimSuffix(ArticlePath(5), "/"): 301,
	} {
		if rec := get(t, p, path); rec.Code != code {
			t.Errorf("%s: %d, want %d", path, rec.Code, code)
		}
	}
	// Validators: a conditional request for an unchanged page is answered 304.
	rec := get(t, p, ArticlePath(4))
	etag := rec.Header().Get("ETag")
	if rec := get(t, p, ArticlePath(4), "If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", rec.Code)
	}
	p.Update([]int{4}, 1)
	if rec := get(t, p, ArticlePath(4), "If-None-Match", etag); rec.Code != 200 || !strings.Contains(rec.Body.String(), "revision 1") {
		t.Errorf("changed page: %d", rec.Code)
	}
	if rec := get(t, p, ArticlePath(61)); rec.Code != 200 {
		t.Errorf("added page: %d", rec.Code)
	}
	// The big page is big, and has no Content-Length.
	rec = get(t, p, "/big.html")
	if rec.Body.Len() < 30<<20 || rec.Header().Get("Content-Length") != "" {
		t.Errorf("/big.html: %d bytes, Content-Length %q", rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
	// Legacy charsets are declared in <meta> only.
	for _, ip := range intlPages {
		rec := get(t, p, ip.Path)
		if ct := rec.Header().Get("Content-Type"); ct != "text/html" || !bytes.Contains(bytes.ToLower(rec.Body.Bytes()), []byte(ip.Charset)) {
			t.Errorf("%s: Content-Type %q", ip.Path, ct)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := New(Options{Articles: 20000, Clean: true}), New(Options{Articles: 20000, Clean: true})
	for _, path := range []string{"/", ArticlePath(1), ArticlePath(19999), "/tech/page/150/"} {
		ra, rb := get(t, a, path), get(t, b, path)
		if ra.Code != 200 || !bytes.Equal(ra.Body.Bytes(), rb.Body.Bytes()) {
			t.Errorf("%s: %d, not deterministic", path, ra.Code)
		}
	}
}

func TestCheckRecorded(t *testing.T) {
	p := New(Options{Clean: true, Articles: 3})
	var urls []string
	for _, e := range p.Articles() {
		urls = append(urls, "http://127.0.0.1:1"+e.Path)
	}
	if problems := p.CheckRecorded(urls); len(problems) != 0 {
		t.Errorf("every article once: %q", problems)
	}
	problems := p.CheckRecorded(append(append([]string{}, urls[1:]...), urls[1]))
	if len(problems) != 2 {
		t.Errorf("one article missing and one twice: got %q, want two problems", problems)
	}
	if problems := p.CheckRecorded(urls[:2]); len(problems) != 2 {
		t.Errorf("one article missing: got %q, want it and the count", problems)
	}
}

// TestTraps checks the trap portal's pages: every spelling answers the same
// page, internal links carry a fresh session id at every view, copies name
// their article as canonical, the faceted listing's links append to the
// query, missing stories answer 200.
func TestTraps(t *testing.T) {
	p := New(Options{Traps: true, Articles: 60})
	body := func(path string) string {
		t.Helper()
		rec := get(t, p, path)
		if rec.Code != 200 {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		return rec.Body.String()
	}
	sid := regexp.MustCompile(`sid=([0-9a-f]{24})`)
	title := regexp.MustCompile(`<title>[^<]*</title>`)
	home1, home2 := body("/"), body("/index.html?sid=0123456789abcdef01234567")
	if a, b := sid.FindStringSubmatch(home1), sid.FindStringSubmatch(home2); a == nil || b == nil || a[1] == b[1] {
		t.Errorf("session ids of two views: %v %v, want two fresh ones", a, b)
	}
	for _, spelling := range []string{"/world/index.html", "/./world/", "/world//", "/world/?sid=0123456789abcdef01234567"} {
		if got := title.FindString(body(spelling)); got != title.FindString(body("/world/")) {
			t.Errorf("%s: %s, want the section", spelling, got)
		}
	}
	news := ArticlePath(5) // id mod 3 = 2: ordinary news template
	if got := title.FindString(body(news + "index.html")); got != title.FindString(body(news)) {
		t.Errorf("%sindex.html: %s", news, got)
	}
	for _, c := range []struct{ path, want string }{
		{ArticlePath(4) + "&print=1", `rel="canonical" href="http://portal.test` + strings.ReplaceAll(ArticlePath(4), "&", "&amp;") + `"`},
		{AMPPrefix + ArticlePath(6), `rel="canonical" href="http://portal.test` + ArticlePath(6) + `"`},
		{ArticlePath(6), `<link rel="amphtml" href="` + AMPPrefix + ArticlePath(6)},
		{ArticlePath(6), `print=1`},
		{BrowsePath + "?sort=old", `href="/browse/?sort=old&amp;filter=world`},
		{"/story.php?id=64", "not found"},
		{TermsPath, `content="noindex, nofollow"`},
	} {
		if b := body(c.path); !strings.Contains(b, c.want) {
			t.Errorf("%s does not contain %q", c.path, c.want)
		}
	}
	if b := body(ArticlePath(7)); strings.Contains(b, `rel="canonical"`) {
		t.Errorf("article 7 (id mod 5 = 2) has a canonical link")
	}
}

func TestCheckOutput(t *testing.T) {
	p := New(Options{Clean: true, Articles: 2})
	var lines []string
	for _, e := range p.Articles() {
		lines = append(lines, `{"schema":1,"url":"http://127.0.0.1:1`+e.Path+`","title":"T"}`)
	}
	for _, tc := range []struct {
		name, out string
		want      int // problems
	}{
		{"every article once", lines[0] + "\n" + lines[1] + "\n", 0},
		{"one missing", lines[0] + "\n", 2},
		{"a half line", lines[0] + "\n" + lines[1], 1},
		{"a line that is no record", lines[0] + "\n" + `{"url":` + "\n" + lines[1] + "\n", 1},
		{"nothing", "", 3},
	} {
		if problems := p.CheckOutput([]byte(tc.out)); len(problems) != tc.want {
			t.Errorf("%s: CheckOutput = %q, want %d problems", tc.name, problems, tc.want)
		}
	}
}

// TestRepublish checks the re-published copies: served only with the
// option, each in its template, under its own headline and date, the
// dateline prefix dropped on odd copies, listed on /wire/ pages.
func TestRepublish(t *testing.T) {
	if rec := get(t, New(Options{}), WirePrefix); rec.Code != 404 {
		t.Errorf("%s without Republish: %d, want 404", WirePrefix, rec.Code)
	}
	p := New(Options{Articles: 60, Republish: true, SlowDelay: time.Millisecond})
	listed := map[string]bool{}
	for next := WirePrefix; next != ""; {
		rec := get(t, p, next)
		if rec.Code != 200 {
			t.Fatalf("%s: %d", next, rec.Code)
		}
		for _, m := range regexp.MustCompile(`href="(/wire/\d[^"]+)"`).FindAllStringSubmatch(rec.Body.String(), -1) {
			listed[m[1]] = true
		}
		next = ""
		if m := regexp.MustCompile(`rel="next" href="([^"]+)"`).FindStringSubmatch(rec.Body.String()); m != nil {
			next = m[1]
		}
	}
	copies := 0
	for _, e := range p.Articles() {
		if e.Story == 0 {
			continue
		}
		copies++
		if !listed[e.Path] {
			t.Errorf("%s not listed on %s", e.Path, WirePrefix)
		}
		body := html.UnescapeString(get(t, p, e.Path).Body.String())
		first := paragraphs(e.Story, 0)[0]
		_, rest, _ := strings.Cut(first, " — ")
		c, _ := strconv.Atoi(e.Path[strings.LastIndexByte(e.Path, '-')+1 : len(e.Path)-len(".html")])
		if !strings.Contains(body, rest) || strings.Contains(body, first) != (c%2 == 0) {
			t.Errorf("%s (copy %d of %d): story text or dateline wrong", e.Path, c, e.Story)
		}
		if h := copyTitle(e.Story, c); h == title(e.Story) || !strings.Contains(body, ">"+h+"<") {
			t.Errorf("%s: headline %q, want its own", e.Path, h)
		}
	}
	// ids 5, 17, 29, 41, 53: 2, 3, 4, 2, 3 copies.
	if copies != 14 || len(listed) != 14 {
		t.Errorf("%d copies, %d listed, want 14", copies, len(listed))
	}
}
