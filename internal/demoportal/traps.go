package demoportal

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
)

// The trap portal (Options.Traps): the portal as real news sites serve it
// to a crawler that never saw them. On top of every fault of the test
// portal:
//
//   - session ids: on most pages every internal link carries a fresh
//     ?sid=… (Options.SessionParam), new at every page view; articles
//     keep their rel=canonical to the clean URL;
//   - articles without rel=canonical (id mod 5 = 2);
//   - URL spellings: links to ordinary-news articles and to sections end
//     in index.html; the footer links /./tech/ and /invest//; the server
//     answers every spelling with the same page;
//   - a faceted listing, /browse/, sort × filter × page, whose links append
//     to the current query: every hop is a new, longer URL;
//   - print copies: every article links ?print=1, a copy whose canonical
//     is the article; AMP copies under /amp/, named by rel=amphtml (and
//     linked from the home page for a few articles);
//   - a site footer on every page linking the sitemap, an RSS feed, a PDF
//     and an image (with the session id, like every internal link);
//   - soft 404s: /story.php?id= of unpublished articles answers 200 with a
//     "not found" page;
//   - a noindex, nofollow page (/about/terms.html) whose links (/hidden/…)
//     are linked from nowhere else: fetching one is a nofollow violation.
//
// Articles lists the same pages as for the test portal: the copies are no
// articles of their own.

// Paths of the trap portal.
const (
	BrowsePath  = "/browse/"
	TermsPath   = "/about/terms.html"
	HiddenPath  = "/hidden/" // linked only from TermsPath
	AMPPrefix   = "/amp"
	PrintParam  = "print"
	softMissing = 5 // soft-404 links on the home page
)

// facet values of /browse/.
var (
	facetSorts   = []string{"new", "old", "title"}
	facetFilters = []string{"all", "invest", "world", "tech", "sport", "life"}
)

// trapWriter buffers an answer so that the trap layer can rewrite it.
type trapWriter struct {
	h      http.Header
	status int
	buf    bytes.Buffer
	// article is the id of the article page written, 0 for other pages;
	// copy is true for its print and AMP copies.
	article int
	copy    bool
}

func (w *trapWriter) Header() http.Header { return w.h }
func (w *trapWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *trapWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.buf.Write(b)
}

// serveTraps answers a request of the trap portal.
func (p *Portal) serveTraps(w http.ResponseWriter, r *http.Request) {
	tw := &trapWriter{h: w.Header()}
	r2 := *r
	u := *r.URL
	u.Path = foldPath(u.Path)
	u.RawPath = ""
	r2.URL = &u
	if !p.trapRoute(tw, &r2) {
		p.route(tw, &r2)
	}
	body := tw.buf.Bytes()
	if tw.status == http.StatusOK && strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		body = p.decorate(body, &r2, tw)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	if tw.status != 0 {
		w.WriteHeader(tw.status)
	}
	w.Write(body)
}

// foldPath answers every spelling of a path like the path: dot segments
// and doubled slashes resolved, a final index.html dropped.
func foldPath(p string) string {
	if p == "" {
		return "/"
	}
	dir := strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.")
	c := path.Clean(p)
	if strings.HasSuffix(c, "/index.html") {
		c, dir = strings.TrimSuffix(c, "index.html"), true
	}
	if dir && !strings.HasSuffix(c, "/") {
		c += "/"
	}
	return c
}

// trapRoute serves the trap portal's own pages; it reports whether it did.
func (p *Portal) trapRoute(w *trapWriter, r *http.Request) bool {
	pth, q := r.URL.Path, r.URL.Query()
	switch {
	case pth == BrowsePath:
		p.browse(w, r)
	case pth == "/rss.xml":
		p.rss(w, r)
	case pth == TermsPath:
		writeRaw(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">`+
			`<title>Terms of use - `+SiteName+`</title></head><body><h1>Terms of use</h1>`+
			`<p>Reproduction of the stories on this site requires written permission from the editors.</p>`+
			`<ul><li><a href="`+HiddenPath+`1.html">Licensing archive</a></li><li><a href="`+HiddenPath+`2.html">Past terms</a></li></ul></body></html>`)
	case strings.HasPrefix(pth, HiddenPath):
		writeRaw(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Archive</title></head><body><h1>Archive</h1>`+
			`<p><a href="`+HiddenPath+`3.html">More</a></p></body></html>`)
	case strings.HasPrefix(pth, AMPPrefix+"/"):
		id := articleID(strings.TrimPrefix(pth, AMPPrefix), r.URL.RawQuery)
		if p.versionOf(id) < 0 {
			return false
		}
		w.article, w.copy = id, true
		p.articleCopy(w, r, id, "amp")
	case q.Get(PrintParam) != "":
		id := articleID(pth, r.URL.RawQuery)
		if p.versionOf(id) < 0 {
			return false
		}
		w.article, w.copy = id, true
		p.articleCopy(w, r, id, "print")
	default:
		id := articleID(pth, r.URL.RawQuery)
		switch {
		case id > 0 && p.versionOf(id) >= 0:
			w.article = id
			return false
		case pth == "/story.php" && q.Get("id") != "":
			writeRaw(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Not found - `+SiteName+`</title></head><body>`+
				`<h1>Sorry, this page was not found</h1><p>The story may have been moved or removed. <a href="/">Home</a></p></body></html>`)
		default:
			return false
		}
	}
	return true
}

func writeRaw(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(s))
}

// articleID returns the id of the article at a path (and query), or 0.
func articleID(pth, rawQuery string) int {
	var id int
	switch {
	case pth == "/story.php":
		q, _ := url.ParseQuery(rawQuery)
		id, _ = strconv.Atoi(q.Get("id"))
		if id%3 != tmplFarmX {
			return 0
		}
		return id
	case reFarm.MatchString(pth):
		id, _ = strconv.Atoi(reFarm.FindStringSubmatch(pth)[3])
	case reNews.MatchString(pth):
		id, _ = strconv.Atoi(reNews.FindStringSubmatch(pth)[1])
	default:
		return 0
	}
	if id < 1 || strings.TrimSuffix(ArticlePath(id), "/") != strings.TrimSuffix(pth, "/") {
		return 0
	}
	return id
}

// noCanonical tells the articles served without rel=canonical.
func noCanonical(id int) bool { return id%5 == 2 }

// articleCopy serves the print or AMP copy of article id: the text alone,
// its canonical the article.
func (p *Portal) articleCopy(w http.ResponseWriter, r *http.Request, id int, kind string) {
	v := p.versionOf(id)
	var b strings.Builder
	esc := template.HTMLEscapeString
	amp := ""
	if kind == "amp" {
		amp = " amp"
	}
	fmt.Fprintf(&b, `<!DOCTYPE html><html%s lang="en"><head><meta charset="utf-8"><title>%s -%s</title>`+
		`<link rel="canonical" href="%s%s"><meta name="robots" content="noindex"></head><body><h1>%s</h1><p class="date">Date:%s</p>`,
		amp, esc(title(id)), SiteName, origin(r), esc(ArticlePath(id)), esc(title(id)), published(id).Format("2006-01-02 15:04:05"))
	for _, para := range paragraphs(id, v) {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(para))
	}
	b.WriteString(`<p><a href="/">` + SiteName + `</a></p></body></html>`)
	writeRaw(w, b.String())
}

// browse is the faceted listing: sort × filter × page, the last value of
// each key winning; its links append to the current query.
func (p *Portal) browse(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	last := func(k, def string) string {
		if v := q[k]; len(v) > 0 {
			return v[len(v)-1]
		}
		return def
	}
	sortBy, filter := last("sort", "new"), last("filter", "all")
	page, _ := strconv.Atoi(last("page", "1"))
	var ids []int
	for _, id := range p.latest(1 << 30) {
		if filter == "all" || sections[sectionOf(id)].Slug == filter {
			ids = append(ids, id)
		}
	}
	switch sortBy {
	case "old":
		for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
			ids[i], ids[j] = ids[j], ids[i]
		}
	case "title":
		sortByTitle(ids)
	}
	appendQ := func(k, v string) string {
		if r.URL.RawQuery == "" {
			return BrowsePath + "?" + k + "=" + v
		}
		return BrowsePath + "?" + r.URL.RawQuery + "&" + k + "=" + v
	}
	d := listingData{Site: SiteName, Heading: "Browse: " + filter + ", by " + sortBy, Sections: navSections()}
	per := p.opts.PerPage
	for i := (page - 1) * per; page >= 1 && i < len(ids) && i < page*per; i++ {
		d.Items = append(d.Items, p.item(ids[i], i))
	}
	if len(d.Items) == 0 {
		d.Heading = "No stories match"
	}
	if page*per < len(ids) {
		d.Next = appendQ("page", strconv.Itoa(page+1))
	}
	for _, s := range facetSorts {
		d.Extra = append(d.Extra, link{"Sort by " + s, appendQ("sort", s)})
	}
	for _, f := range facetFilters {
		d.Extra = append(d.Extra, link{"Only " + f, appendQ("filter", f)})
	}
	writeHTML(w, "listing.tmpl", d)
}

func sortByTitle(ids []int) {
	titles := make(map[int]string, len(ids))
	for _, id := range ids {
		titles[id] = title(id)
	}
	for i := 1; i < len(ids); i++ { // insertion sort: stable and small
		for j := i; j > 0 && titles[ids[j]] < titles[ids[j-1]]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

var (
	reCanonical   = regexp.MustCompile(`\n?<link rel="canonical" href="[^"]*">`)
	reNewsHref    = regexp.MustCompile(`href="(/news/\d{4}/\d{2}/\d{2}/[a-z0-9-]+-\d+/)"`)
	reSectionHref = regexp.MustCompile(`href="/(invest|world|tech|sport|life)/"`)
	reLocalHref   = regexp.MustCompile(`href="(/[^/"][^"]*|/)"`)
)

var sessionCounter atomic.Uint64

// decorate rewrites an HTML answer of the trap portal: the footer, the
// print and AMP links of articles, index.html spellings, dropped
// canonicals, and a fresh session id on every internal link of most pages.
func (p *Portal) decorate(body []byte, r *http.Request, w *trapWriter) []byte {
	id := w.article
	foot := `<div class="site-foot"><a href="/sitemap.xml">Sitemap</a> · <a href="/rss.xml">RSS</a> · ` +
		`<a href="/files/report.pdf">Annual report</a> · <a href="/img/photo.png">Photo</a> · <a href="` + BrowsePath + `">Browse all stories</a> · ` +
		`<a href="/./tech/">Tech</a> · <a href="/invest//">Invest</a> · <a href="` + TermsPath + `">Terms</a></div>`
	if id > 0 && !w.copy {
		sep := "?"
		if strings.Contains(ArticlePath(id), "?") {
			sep = "&amp;"
		}
		foot = `<div class="tools"><a href="` + template.HTMLEscapeString(ArticlePath(id)) + sep + PrintParam + `=1">Print this story</a></div>` + foot
		body = bytes.Replace(body, []byte("</head>"), []byte(`<link rel="amphtml" href="`+AMPPrefix+template.HTMLEscapeString(ArticlePath(id))+`">`+"\n</head>"), 1)
		if noCanonical(id) {
			body = reCanonical.ReplaceAll(body, nil)
		}
	}
	if i := bytes.LastIndex(body, []byte("</body>")); i >= 0 {
		body = append(body[:i:i], append([]byte(foot+"\n"), body[i:]...)...)
	}
	body = reNewsHref.ReplaceAll(body, []byte(`href="${1}index.html"`))
	body = reSectionHref.ReplaceAll(body, []byte(`href="/${1}/index.html"`))
	if id > 0 && !w.copy && id%2 == 1 {
		return body // these article pages carry clean links
	}
	sid := p.sessionID()
	return reLocalHref.ReplaceAllFunc(body, func(m []byte) []byte {
		href, frag, _ := strings.Cut(string(m[len(`href="`):len(m)-1]), "#")
		sep := "?"
		if strings.Contains(href, "?") {
			sep = "&amp;"
		}
		if frag != "" {
			frag = "#" + frag
		}
		return []byte(`href="` + href + sep + p.sessionParam() + "=" + sid + frag + `"`)
	})
}

// sessionID is a fresh session id: 24 hex digits, new at every page view.
func (p *Portal) sessionID() string {
	h := fnv.New64a()
	fmt.Fprintf(h, "session-%d", sessionCounter.Add(1))
	return fmt.Sprintf("%016x%08x", h.Sum64(), uint32(h.Sum64()>>7))
}

func (p *Portal) sessionParam() string {
	if p.opts.SessionParam != "" {
		return p.opts.SessionParam
	}
	return "sid"
}

// trapExtras are the home page's links into the trap portal's pages: AMP
// copies of a few articles, soft 404s.
func (p *Portal) trapExtras() []link {
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	var out []link
	for _, id := range []int{n, n - 1, n - 2} {
		if id >= 1 {
			out = append(out, link{"AMP: " + title(id), AMPPrefix + ArticlePath(id)})
		}
	}
	for id, k := n+1, 0; k < softMissing; id++ {
		if id%3 == tmplFarmX {
			out = append(out, link{"Story " + strconv.Itoa(id), ArticlePath(id)})
			k++
		}
	}
	return out
}
