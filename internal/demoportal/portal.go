// Package demoportal serves a generated news portal for tests, benchmarks
// and the "newsclip demo" command: a home page with navigation, five
// sections with pagination, N article pages in three templates (two of the
// content-farm family of ../shared/seed/, one ordinary news site with
// JSON-LD), a sitemap index with a gzip sitemap and a news sitemap, RSS and
// Atom feeds, and the faults a crawler meets in the wild (see Options and
// testdata/portal/MANIFEST.md). Pages are rendered on request from the
// templates in templates/, deterministically from an article's id and
// version, so a portal of 20 000 articles costs no memory.
package demoportal

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed templates/*.tmpl
var tmplFS embed.FS

var tmpl = template.Must(template.New("").ParseFS(tmplFS, "templates/*.tmpl"))

// SiteName is the portal's name, in titles after " -".
const SiteName = "Northwind Gazette"

// Options shape a portal. The zero value is the test portal: 240 articles
// and every fault.
type Options struct {
	// Articles is the number of generated articles; default 240.
	Articles int
	// Clean leaves out every fault, the calendar, the sitemaps and the
	// feeds: home, sections and articles only (the benchmark portal).
	Clean bool
	// SlowDelay is how long /slow.html takes to answer; default 5 s.
	SlowDelay time.Duration
	// CrawlDelay, when set, is announced in robots.txt.
	CrawlDelay time.Duration
	// RetryAfter makes /busy.html answer 503 with Retry-After: 1 once.
	RetryAfter bool
	// Latency is added to every answer.
	Latency time.Duration
	// PerPage is the number of items on a listing page; default 20.
	PerPage int
	// NoLog turns the request log off (benchmarks).
	NoLog bool
	// Traps adds the traps of real news sites to the test portal (Clean
	// is then ignored): session ids, a faceted listing, print and AMP
	// copies, URL spellings, soft 404s, a noindex, nofollow page; see
	// traps.go.
	Traps bool
	// SessionParam names the trap portal's session parameter; default
	// "sid".
	SessionParam string
	// Republish adds re-published wire copies (see copies.go) to a
	// portal that is not Clean: one story in twelve run again two to four
	// times under /wire/, in other templates, headlines and dates.
	Republish bool
}

// Portal is the server. It is safe for concurrent use.
type Portal struct {
	opts Options

	mu      sync.Mutex
	n       int         // articles now
	version map[int]int // changed articles
	edition int
	failed  map[string]bool // 500-once pages already failed
	busy    bool
	reqs    []Request
}

// Request is one request the portal answered.
type Request struct {
	Host   string
	Path   string // with the query, if any
	Status int
	Start  time.Time // the handler began
	// Busy is when the handler began its last write: the client cannot
	// have the whole answer before, so [Start, Busy] lies within the
	// client's request, whatever the scheduling.
	Busy time.Time
	End  time.Time // the handler returned
}

// New returns a portal.
func New(opts Options) *Portal {
	if opts.Articles <= 0 {
		opts.Articles = 240
	}
	if opts.SlowDelay <= 0 {
		opts.SlowDelay = 5 * time.Second
	}
	if opts.PerPage <= 0 {
		opts.PerPage = 20
	}
	if opts.Traps {
		opts.Clean = false
	}
	return &Portal{opts: opts, n: opts.Articles, version: map[int]int{}, failed: map[string]bool{}}
}

// Sections of the portal: slug and title.
var sections = []struct{ Slug, Title string }{
	{"invest", "Invest"}, {"world", "World"}, {"tech", "Tech"}, {"sport", "Sport"}, {"life", "Life"},
}

func sectionOf(id int) int { return id % len(sections) }

// Article templates, by id mod 3.
const (
	tmplFarm  = 0 // seed family, meaningful classes: /{section}/{yyyymmdd}/{id}.html
	tmplFarmX = 1 // seed family, random classes, blocks first: /story.php?id={id}
	tmplNews  = 2 // ordinary news site, JSON-LD: /news/{yyyy}/{mm}/{dd}/{slug}-{id}/
)

// ArticlePath returns the path (and query) of article id.
func ArticlePath(id int) string {
	t := published(id)
	switch id % 3 {
	case tmplFarm:
		return fmt.Sprintf("/%s/%s/%d.html", sections[sectionOf(id)].Slug, t.Format("20060102"), id)
	case tmplFarmX:
		return fmt.Sprintf("/story.php?id=%d", id)
	default:
		return fmt.Sprintf("/news/%s/%s-%d/", t.Format("2006/01/02"), slug(title(id)), id)
	}
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Expected is an article page a crawl of the portal must record once.
type Expected struct {
	Path string   // path and query, as ArticlePath gives it
	ID   int      // 0 for the special pages
	Want []string // phrases the record's text must contain
	// Story is, for a re-published copy (under WirePrefix), the id of the
	// article it copies; 0 otherwise.
	Story int
}

// Articles lists the article pages a complete crawl records: every
// generated article and, unless Clean, the charset and malformed pages and,
// with Republish, the re-published copies.
func (p *Portal) Articles() []Expected {
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	out := make([]Expected, 0, n+len(intlPages)+1)
	for id := 1; id <= n; id++ {
		out = append(out, Expected{Path: ArticlePath(id), ID: id})
	}
	if !p.opts.Clean {
		for _, ip := range intlPages {
			out = append(out, Expected{Path: ip.Path, Want: ip.Want})
		}
		out = append(out, Expected{Path: malformedPath, Want: []string{"harbor authority", "night ferry"}})
	}
	for _, ic := range p.copies() {
		out = append(out, Expected{Path: CopyPath(ic[0], ic[1]), Story: ic[0]})
	}
	return out
}

// Update changes the text of the given articles (a new version each) and
// publishes added new ones; it returns the paths of both.
func (p *Portal) Update(changed []int, added int) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, id := range changed {
		p.version[id]++
		out = append(out, ArticlePath(id))
	}
	for range added {
		p.n++
		out = append(out, ArticlePath(p.n))
	}
	p.edition++
	return out
}

// Requests returns the request log.
func (p *Portal) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.reqs)
}

// ResetLog clears the request log.
func (p *Portal) ResetLog() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.reqs = nil
}

// PeakInFlight returns, per Host header, the most requests in flight at
// once, each counted from its arrival to its last write (Request.Busy).
func PeakInFlight(reqs []Request) map[string]int {
	type ev struct {
		t     time.Time
		delta int
	}
	byHost := map[string][]ev{}
	for _, r := range reqs {
		byHost[r.Host] = append(byHost[r.Host], ev{r.Start, +1}, ev{r.Busy, -1})
	}
	out := map[string]int{}
	for h, evs := range byHost {
		slices.SortStableFunc(evs, func(a, b ev) int {
			if c := a.t.Compare(b.t); c != 0 {
				return c
			}
			return a.delta - b.delta // ends before starts
		})
		n := 0
		for _, e := range evs {
			n += e.delta
			out[h] = max(out[h], n)
		}
	}
	return out
}

// statusWriter remembers the status and the start of the last write.
type statusWriter struct {
	http.ResponseWriter
	status int
	busy   time.Time
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
		w.busy = time.Now()
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.busy = time.Now()
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// ServeHTTP implements http.Handler.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if p.opts.NoLog {
			return
		}
		end := time.Now()
		busy := sw.busy
		if busy.IsZero() {
			busy = end
		}
		path := r.URL.Path
		if r.URL.RawQuery != "" {
			path += "?" + r.URL.RawQuery
		}
		p.mu.Lock()
		p.reqs = append(p.reqs, Request{Host: r.Host, Path: path, Status: sw.status, Start: start, Busy: busy, End: end})
		p.mu.Unlock()
	}()
	if p.opts.Latency > 0 {
		time.Sleep(p.opts.Latency)
	}
	if p.opts.Traps {
		p.serveTraps(sw, r)
		return
	}
	p.route(sw, r)
}

var (
	reFarm     = regexp.MustCompile(`^/([a-z]+)/(\d{8})/(\d+)\.html$`)
	reNews     = regexp.MustCompile(`^/news/\d{4}/\d{2}/\d{2}/[a-z0-9-]+-(\d+)/?$`)
	reSection  = regexp.MustCompile(`^/([a-z]+)/(?:page/(\d+)/)?$`)
	reCalendar = regexp.MustCompile(`^/calendar/(\d{4})/(\d{2})/$`)
	reSitemap  = regexp.MustCompile(`^/sitemaps/articles-(\d+)\.xml\.gz$`)
)

const (
	malformedPath = "/news/malformed-story.html"
	sitemapChunk  = 1000
)

func (p *Portal) route(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	clean := p.opts.Clean
	switch {
	case path == "/":
		p.home(w, r)
		return
	case path == "/robots.txt":
		p.robots(w, r)
		return
	case path == "/story.php":
		id, err := strconv.Atoi(r.URL.Query().Get("id"))
		if err == nil && id%3 == tmplFarmX {
			p.article(w, r, id)
			return
		}
	case reFarm.MatchString(path):
		m := reFarm.FindStringSubmatch(path)
		id, _ := strconv.Atoi(m[3])
		if id%3 == tmplFarm && ArticlePath(id) == path {
			p.article(w, r, id)
			return
		}
	case reNews.MatchString(path):
		id, _ := strconv.Atoi(reNews.FindStringSubmatch(path)[1])
		want := ArticlePath(id)
		if id%3 == tmplNews && path == want {
			p.article(w, r, id)
			return
		}
		if id%3 == tmplNews && path+"/" == want {
			http.Redirect(w, r, want, http.StatusMovedPermanently)
			return
		}
	case reSection.MatchString(path) && sectionIndex(reSection.FindStringSubmatch(path)[1]) >= 0:
		m := reSection.FindStringSubmatch(path)
		page := 1
		if m[2] != "" {
			page, _ = strconv.Atoi(m[2])
		}
		p.section(w, r, sectionIndex(m[1]), page)
		return
	case clean:
	case path == "/sitemap.xml":
		p.sitemapIndex(w, r)
		return
	case reSitemap.MatchString(path):
		k, _ := strconv.Atoi(reSitemap.FindStringSubmatch(path)[1])
		p.sitemapChunk(w, r, k)
		return
	case path == "/sitemaps/news.xml":
		p.newsSitemap(w, r)
		return
	case path == "/feed.xml":
		p.rss(w, r)
		return
	case path == "/atom.xml":
		p.atom(w, r)
		return
	case p.republish() && strings.HasPrefix(path, WirePrefix):
		if p.wireList(w, r, path) || p.serveCopy(w, r, path) {
			return
		}
	default:
		if p.fault(w, r) {
			return
		}
	}
	http.NotFound(w, r)
}

func sectionIndex(slug string) int {
	for i, s := range sections {
		if s.Slug == slug {
			return i
		}
	}
	return -1
}

// version returns article id's version, or -1 when it is not published.
func (p *Portal) versionOf(id int) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if id < 1 || id > p.n {
		return -1
	}
	return p.version[id]
}

// conditional answers 304 when the request's validators match.
func conditional(w http.ResponseWriter, r *http.Request, etag string, mod time.Time) bool {
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", mod.UTC().Format(http.TimeFormat))
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if inm == etag {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil && !mod.Truncate(time.Second).After(t) {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

func origin(r *http.Request) string { return "http://" + r.Host }

func writeHTML(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

type link struct{ Title, URL string }

type sectionLink struct{ Title, URL string }

func navSections() []sectionLink {
	out := make([]sectionLink, len(sections))
	for i, s := range sections {
		out[i] = sectionLink{s.Title, "/" + s.Slug + "/"}
	}
	return out
}

// articleData feeds the article templates.
type articleData struct {
	Site, Title, Section, SectionURL, Canonical, Date, ISO, Human, Author, Summary string
	ID, Reactions                                                                  int
	Paragraphs                                                                     []string
	Sections                                                                       []sectionLink
	Related, Ranking, Recommendation                                               []link
	Feeds                                                                          bool
	JSONLD                                                                         template.JS
}

// Cls is a class name that means nothing, stable per article.
func (d *articleData) Cls(name string) string {
	h := fnv.New32a()
	fmt.Fprintf(h, "%d/%s", d.ID, name)
	return fmt.Sprintf("c%05x", h.Sum32()&0xfffff)
}

// withTracking decorates a link the way portals do: campaign parameters,
// fragments.
func withTracking(path string, k int) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	switch k % 5 {
	case 1:
		return path + sep + "utm_source=related&utm_medium=referral"
	case 2:
		return path + "#comments"
	case 3:
		return path + sep + "fbclid=IwAR" + strconv.Itoa(k*7331)
	}
	return path
}

// pickIDs returns n ids among the published ones, from article id's seed.
func (p *Portal) pickIDs(id, n, salt int) []int {
	p.mu.Lock()
	total := p.n
	p.mu.Unlock()
	r := rng(id, 0, salt)
	out := make([]int, 0, n)
	for len(out) < n {
		c := 1 + r.IntN(total)
		if c != id || total == 1 {
			out = append(out, c)
		}
	}
	return out
}

func (p *Portal) links(id, n, salt int, dup bool) []link {
	ids := p.pickIDs(id, n, salt)
	if dup && n > 3 {
		ids[3] = ids[1] // blocks repeat a headline, as the seed's do
	}
	out := make([]link, len(ids))
	for i, x := range ids {
		u := ArticlePath(x)
		if !p.opts.Clean {
			u = withTracking(u, x+i)
		}
		out[i] = link{title(x), u}
	}
	return out
}

func (p *Portal) article(w http.ResponseWriter, r *http.Request, id int) {
	v := p.versionOf(id)
	if v < 0 {
		http.NotFound(w, r)
		return
	}
	path := ArticlePath(id)
	if !p.opts.Clean && id%17 == 3 {
		p.mu.Lock()
		first := !p.failed[path]
		p.failed[path] = true
		p.mu.Unlock()
		if first {
			http.Error(w, "temporarily unavailable", http.StatusInternalServerError)
			return
		}
	}
	pub := published(id)
	if conditional(w, r, fmt.Sprintf(`"a%d-v%d"`, id, v), pub.Add(time.Duration(v)*time.Hour)) {
		return
	}
	sec := sections[sectionOf(id)]
	p.render(w, &articleData{
		Site: SiteName, ID: id, Title: title(id), Section: sec.Title, SectionURL: "/" + sec.Slug + "/",
		Canonical: origin(r) + path, Date: pub.Format("2006-01-02 15:04:05"), ISO: pub.Format(time.RFC3339),
		Human: pub.Format("January 2, 2006 3:04 PM"), Author: author(id), Summary: summary(id),
		Reactions: reactions(id), Paragraphs: paragraphs(id, v), Sections: navSections(),
		Related: p.links(id, 10, 3, false), Ranking: p.links(id, 8, 4, true),
		Recommendation: p.links(id, 8, 5, true), Feeds: !p.opts.Clean,
	}, id%3)
}

// render writes an article page in template kind (tmplFarm, tmplFarmX,
// tmplNews).
func (p *Portal) render(w http.ResponseWriter, d *articleData, kind int) {
	switch kind {
	case tmplFarm:
		writeHTML(w, "farm.tmpl", d)
	case tmplFarmX:
		writeHTML(w, "farmx.tmpl", d)
	default:
		ld, _ := json.Marshal(map[string]any{
			"@context": "https://schema.org", "@type": "NewsArticle", "headline": d.Title,
			"datePublished": d.ISO, "articleSection": d.Section, "mainEntityOfPage": d.Canonical,
			"author":    map[string]any{"@type": "Person", "name": d.Author},
			"publisher": map[string]any{"@type": "Organization", "name": SiteName},
		})
		d.JSONLD = template.JS(ld)
		writeHTML(w, "news.tmpl", d)
	}
}

// listingData feeds listing.tmpl.
type listingData struct {
	Site, Heading, Prev, Next string
	Sections                  []sectionLink
	Items                     []listItem
	Pages                     []pageLink
	Extra                     []link
	Feeds                     bool
}

type listItem struct{ Title, URL, Summary, Date string }

type pageLink struct {
	N   int
	URL string
}

func (p *Portal) item(id, k int) listItem {
	u := ArticlePath(id)
	if !p.opts.Clean {
		u = withTracking(u, k)
	}
	return listItem{title(id), u, summary(id), published(id).Format("2006-01-02 15:04")}
}

func (p *Portal) listingETag(name string) (string, time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return fmt.Sprintf(`"l%d-%d-%s"`, p.n, p.edition, name), epoch.Add(time.Duration(p.n*47+p.edition) * time.Minute)
}

func (p *Portal) home(w http.ResponseWriter, r *http.Request) {
	etag, mod := p.listingETag("home")
	if conditional(w, r, etag, mod) {
		return
	}
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	d := listingData{Site: SiteName, Heading: "Latest news", Sections: navSections(), Feeds: !p.opts.Clean}
	for id := n; id >= 1 && len(d.Items) < p.opts.PerPage; id-- {
		d.Items = append(d.Items, p.item(id, id))
	}
	if !p.opts.Clean {
		d.Extra = homeExtras()
	}
	if p.republish() {
		d.Extra = append(d.Extra, link{"From the wires", WirePrefix})
	}
	if p.opts.Traps {
		d.Extra = append(d.Extra, p.trapExtras()...)
	}
	writeHTML(w, "listing.tmpl", d)
}

func homeExtras() []link {
	out := []link{
		{"Members area", "/private/"},
		{"Exclusive report (members)", "/private/exclusive-report.html"},
		{"Member login", "/go/members"},
		{"Archive", "/calendar/2025/04/"},
		{"Browse by topic", "/deep/"},
		{"Story we took down", "/news/removed-1.html"},
		{"Another removed story", "/news/removed-2.html?utm_source=home"},
		{"Old link to a story", "/r/1"},
		{"Shortcut", "/loop/a"},
		{"Full annual data", "/big.html"},
		{"Annual report (PDF)", "/files/report.pdf"},
		{"Annual report, scanned", "/files/annual"},
		{"Photo of the day", "/img/photo.png"},
		{"Live blog", "/slow.html"},
		{"Service status", "/busy.html"},
		{"Night ferry story", malformedPath},
		{"INVEST (shouting link)", "/INVEST/../invest/?utm_campaign=caps"},
	}
	for _, ip := range intlPages {
		out = append(out, link{ip.Title, ip.Path})
	}
	return out
}

func (p *Portal) sectionIDs(s int) []int {
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	var ids []int
	for id := n; id >= 1; id-- {
		if sectionOf(id) == s {
			ids = append(ids, id)
		}
	}
	return ids
}

func (p *Portal) section(w http.ResponseWriter, r *http.Request, s, page int) {
	ids := p.sectionIDs(s)
	per := p.opts.PerPage
	pages := max(1, (len(ids)+per-1)/per)
	if page < 1 || page > pages {
		http.NotFound(w, r)
		return
	}
	etag, mod := p.listingETag(fmt.Sprintf("s%d-p%d", s, page))
	if conditional(w, r, etag, mod) {
		return
	}
	base := "/" + sections[s].Slug + "/"
	url := func(k int) string {
		if k == 1 {
			return base
		}
		return fmt.Sprintf("%spage/%d/", base, k)
	}
	d := listingData{Site: SiteName, Heading: sections[s].Title, Sections: navSections(), Feeds: !p.opts.Clean}
	if page > 1 {
		d.Prev = url(page - 1)
	}
	if page < pages {
		d.Next = url(page + 1)
	}
	for _, k := range []int{1, page - 2, page - 1, page, page + 1, page + 2, pages} {
		if k >= 1 && k <= pages && (len(d.Pages) == 0 || d.Pages[len(d.Pages)-1].N < k) {
			d.Pages = append(d.Pages, pageLink{k, url(k)})
		}
	}
	for i := (page - 1) * per; i < len(ids) && i < page*per; i++ {
		d.Items = append(d.Items, p.item(ids[i], i))
	}
	writeHTML(w, "listing.tmpl", d)
}

func (p *Portal) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if p.opts.Clean {
		io.WriteString(w, "User-agent: *\nDisallow:\n")
		if p.opts.CrawlDelay > 0 {
			fmt.Fprintf(w, "Crawl-delay: %g\n", p.opts.CrawlDelay.Seconds())
		}
		return
	}
	fmt.Fprintf(w, "# %s\nUser-agent: *\nDisallow: /private/\nDisallow: /go/members-only\n", SiteName)
	if p.opts.CrawlDelay > 0 {
		fmt.Fprintf(w, "Crawl-delay: %g\n", p.opts.CrawlDelay.Seconds())
	}
	fmt.Fprintf(w, "\nSitemap: %s/sitemap.xml\n", origin(r))
}

func (p *Portal) sitemapIndex(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	o := origin(r)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for k := 0; k*sitemapChunk < n; k++ {
		fmt.Fprintf(&b, "  <sitemap><loc>%s/sitemaps/articles-%d.xml.gz</loc><lastmod>%s</lastmod></sitemap>\n",
			o, k+1, published(min(n, (k+1)*sitemapChunk)).Format(time.RFC3339))
	}
	fmt.Fprintf(&b, "  <sitemap><loc>%s/sitemaps/news.xml</loc></sitemap>\n</sitemapindex>\n", o)
	w.Header().Set("Content-Type", "application/xml")
	io.WriteString(w, b.String())
}

func (p *Portal) sitemapChunk(w http.ResponseWriter, r *http.Request, k int) {
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	lo, hi := (k-1)*sitemapChunk+1, min(n, k*sitemapChunk)
	if k < 1 || lo > n {
		http.NotFound(w, r)
		return
	}
	o := origin(r)
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	fmt.Fprint(zw, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n")
	for id := lo; id <= hi; id++ {
		fmt.Fprintf(zw, "  <url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", o, xmlEscape(ArticlePath(id)), published(id).Format(time.RFC3339))
	}
	fmt.Fprint(zw, "</urlset>\n")
	zw.Close()
	w.Header().Set("Content-Type", "application/gzip")
	w.Write(b.Bytes())
}

func xmlEscape(s string) string {
	var b strings.Builder
	template.HTMLEscape(&b, []byte(s))
	return b.String()
}

func (p *Portal) latest(k int) []int {
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	var ids []int
	for id := n; id >= 1 && len(ids) < k; id-- {
		ids = append(ids, id)
	}
	return ids
}

func (p *Portal) newsSitemap(w http.ResponseWriter, r *http.Request) {
	o := origin(r)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	for _, id := range p.latest(50) {
		fmt.Fprintf(&b, "  <url><loc>%s%s</loc><news:news><news:publication><news:name>%s</news:name><news:language>en</news:language></news:publication>"+
			"<news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
			o, xmlEscape(ArticlePath(id)), SiteName, published(id).Format(time.RFC3339), xmlEscape(title(id)))
	}
	fmt.Fprintf(&b, "  <url><loc>%s/private/exclusive-report.html</loc></url>\n</urlset>\n", o)
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	io.WriteString(w, b.String())
}

func (p *Portal) rss(w http.ResponseWriter, r *http.Request) {
	o := origin(r)
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<rss version="2.0"><channel><title>%s</title><link>%s/</link><description>Latest news</description>`+"\n", SiteName, o)
	for _, id := range p.latest(30) {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><guid isPermaLink=\"false\">a%d</guid><pubDate>%s</pubDate></item>\n",
			xmlEscape(title(id)), o, xmlEscape(withTracking(ArticlePath(id), 1)), id, published(id).Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>\n")
	w.Header().Set("Content-Type", "application/rss+xml")
	io.WriteString(w, b.String())
}

func (p *Portal) atom(w http.ResponseWriter, r *http.Request) {
	o := origin(r)
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><link href="%s/"/><id>%s/</id><updated>%s</updated>`+"\n",
		SiteName, o, o, published(p.latest(1)[0]).Format(time.RFC3339))
	for _, id := range p.latest(30) {
		fmt.Fprintf(&b, "<entry><title>%s</title><link rel=\"alternate\" href=\"%s%s\"/><id>urn:a:%d</id><updated>%s</updated></entry>\n",
			xmlEscape(title(id)), o, xmlEscape(ArticlePath(id)), id, published(id).Format(time.RFC3339))
	}
	b.WriteString("</feed>\n")
	w.Header().Set("Content-Type", "application/atom+xml")
	io.WriteString(w, b.String())
}

// CheckOutput is CheckRecorded on a crawl's JSON Lines output; it also
// describes a line that is no record and an output cut in a line.
func (p *Portal) CheckOutput(jsonl []byte) []string {
	var problems, urls []string
	if len(jsonl) > 0 && jsonl[len(jsonl)-1] != '\n' {
		problems = append(problems, "the output ends in a half line")
	}
	for n, line := range bytes.Split(jsonl, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var rec struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return append(problems, fmt.Sprintf("line %d is not a record: %v: %.80q", n+1, err, line))
		}
		urls = append(urls, rec.URL)
	}
	return append(problems, p.CheckRecorded(urls)...)
}

// CheckRecorded compares the record URLs of a crawl of the portal with its
// articles and describes what is wrong: an article recorded other than
// exactly once (the first ten), or a record count that differs. An empty
// result means every article was recorded exactly once.
func (p *Portal) CheckRecorded(urls []string) []string {
	got := map[string]int{}
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			return []string{fmt.Sprintf("record URL %q: %v", raw, err)}
		}
		path := u.EscapedPath()
		if u.RawQuery != "" {
			path += "?" + u.RawQuery
		}
		got[path]++
	}
	want := p.Articles()
	var problems []string
	for _, e := range want {
		if got[e.Path] != 1 && len(problems) < 10 {
			problems = append(problems, fmt.Sprintf("%s recorded %d times", e.Path, got[e.Path]))
		}
	}
	if len(urls) != len(want) {
		problems = append(problems, fmt.Sprintf("%d records, want %d", len(urls), len(want)))
	}
	return problems
}
