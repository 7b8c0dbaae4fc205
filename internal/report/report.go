// Package report makes one self-contained HTML page of a crawl: its
// records (JSON Lines of extract.Article) and, optionally, the crawl's JSON
// log for the pages that failed. The page needs nothing beyond itself: CSS
// inline, charts drawn here as inline SVG, no script, no font, no image.
//
// A Report reads records and log lines one at a time and keeps counts and
// a few fields per record (fingerprint, title, URL, dates), so that memory
// grows slowly with the crawl: about 150 bytes a record, plus the linked
// pages. Near-duplicate stories are clustered at the end by fingerprint
// (see [Options.Threshold]).
package report

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
)

// DefaultThreshold is the default largest Hamming distance between the
// fingerprints of two copies of one story, chosen from measurements on the
// demo portal's re-published copies (go test ./internal/report -run
// Threshold -v: 2 400 articles, 599 copies, 4.5 million pairs of different
// stories): at 10, 99.8 % of the copies share a cluster with their story
// and no cluster holds two stories; at 11 every copy does, but 3 clusters
// merge two stories (the closest different stories lie 11 bits apart); at
// 3, a fixed choice elsewhere, only 79 % of the copies join. On a large
// crawl unrelated stories also come close by chance: two random
// fingerprints lie within 10 bits with probability 1e-8 (within 12, 2e-7),
// and 100 000 records make 5e9 pairs; the report shows each cluster's
// largest distance, and Options.Threshold (--threshold) tunes it.
const DefaultThreshold = 10

// Options shape a report. The zero value is usable.
type Options struct {
	// Title heads the page; default "Crawl report".
	Title string
	// Threshold is the largest Hamming distance between the fingerprints
	// of two records of one story (single linkage: a record joins a cluster
	// when it is that close to any member); 0 means DefaultThreshold, a
	// negative value exact copies only. At most 32.
	Threshold int
	// Top is the number of rows of the tables (most linked pages, places,
	// largest clusters, examples of each failure); default 20.
	Top int
}

// Report accumulates a crawl's records and log; see [New].
type Report struct {
	opts Options

	inputs    []string
	records   int // lines that were records
	articles  int // records without error
	badLines  int // lines that were neither records nor log entries
	sections  counter
	published counter // by day, YYYY-MM-DD
	fetched   counter
	undated   int // articles without a published day
	agencies  counter
	datelines counter
	languages counter
	words     []int32
	links     map[string]*linked // canonical URL → links to it from blocks
	recs      []rec
	byURL     map[string]int32    // canonical URL → index in recs
	linkCache map[string]*linked  // a link's URL as written → its page
	failures  map[string]*failure // reason → failures
	logs      int                 // logs read
	summary   *summary            // the crawl's own, from its log
}

// rec is what a report keeps of an article.
type rec struct {
	fp        uint64
	hasFP     bool
	title     string
	url       string
	site      string
	published string
}

// linked counts the records linking a page from a block, by kind.
type linked struct {
	title string // the first link's title
	kinds [3]int // related, ranking, recommendation
}

var linkKinds = [3]string{extract.KindRelated, extract.KindRanking, extract.KindRecommendation}

// failure is one reason inputs failed for.
type failure struct {
	Reason   string
	Count    int
	Examples []example
}

type example struct{ Input, Err string }

// summary is the crawl's closing log line ("msg":"summary").
type summary struct {
	Pages    int            `json:"pages"`
	Articles int            `json:"articles"`
	Fetches  int            `json:"fetches"`
	Retries  int            `json:"retries"`
	Elapsed  float64        `json:"elapsed_s"`
	Outcomes map[string]int `json:"outcomes"`
}

// New returns an empty report.
func New(opts Options) *Report {
	if opts.Title == "" {
		opts.Title = "Crawl report"
	}
	if opts.Threshold == 0 {
		opts.Threshold = DefaultThreshold
	}
	opts.Threshold = min(opts.Threshold, 32)
	if opts.Top <= 0 {
		opts.Top = 20
	}
	return &Report{
		opts: opts, links: map[string]*linked{}, byURL: map[string]int32{},
		linkCache: map[string]*linked{}, failures: map[string]*failure{},
		sections: counter{}, published: counter{}, fetched: counter{}, agencies: counter{},
		datelines: counter{}, languages: counter{},
	}
}

// skip decodes nothing: the fields a report does not use are scanned, not
// kept.
type skip struct{}

func (*skip) UnmarshalJSON([]byte) error { return nil }

// lean is an Article whose long fields are skipped when decoding.
type lean struct {
	extract.Article
	Text        skip `json:"text"`
	Description skip `json:"description"`
	Images      skip `json:"images"`
	Reactions   skip `json:"reactions"`
}

// ReadRecords adds the records of a JSON Lines stream (gzip-compressed or
// not) named name. Lines that are not records are counted and skipped.
func (r *Report) ReadRecords(name string, rd io.Reader) error {
	r.inputs = append(r.inputs, name)
	return decodeRecords(rd, func(l *lean) {
		if l == nil {
			r.badLines++
			return
		}
		r.Add(&l.Article)
	})
}

// eachLine calls f with each non-empty line of rd, gunzipped if need be.
func eachLine(rd io.Reader, f func([]byte)) error {
	br := bufio.NewReaderSize(rd, 256<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 256<<10)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 256<<10), 256<<20)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			f(line)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// Add adds one record.
func (r *Report) Add(a *extract.Article) {
	r.records++
	if a.Error != "" {
		r.fail(errorReason(a.Error, a.Input), a.Input, a.Error)
		return
	}
	r.articles++
	section := "(none)"
	if n := len(a.Section); n > 0 {
		section = a.Section[n-1]
	}
	r.sections[section]++
	if d, ok := day(a.Published); ok {
		r.published[d]++
	} else {
		r.undated++
	}
	if d, ok := day(a.Fetched); ok {
		r.fetched[d]++
	}
	r.agencies[orNone(a.Agency)]++
	if a.Dateline != "" {
		r.datelines[a.Dateline]++
	}
	r.languages[orNone(a.Language)]++
	r.words = append(r.words, int32(a.WordCount))
	r.addLinks(a.Blocks)
	x := rec{title: a.Title, url: a.URL, site: a.SiteName, published: a.Published}
	if fp, err := strconv.ParseUint(a.Fingerprint, 16, 64); err == nil && len(a.Fingerprint) == 16 {
		x.fp, x.hasFP = fp, true
	}
	i := int32(len(r.recs))
	r.recs = append(r.recs, x)
	for _, u := range []string{a.URL, a.CanonicalURL} {
		if u != "" {
			r.byURL[canon(u)] = i
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// addLinks counts, for each page a record's Related, Ranking and
// Recommendation blocks link, the record once per kind.
func (r *Report) addLinks(blocks []extract.Block) {
	type seenKey struct {
		page *linked
		kind int
	}
	var seen []seenKey // a record links some 30 pages: a slice beats a map
	for _, b := range blocks {
		k := -1
		for i, kind := range linkKinds {
			if b.Kind == kind {
				k = i
			}
		}
		if k < 0 {
			continue
		}
	links:
		for _, l := range b.Links {
			x := r.page(l)
			for _, s := range seen {
				if s == (seenKey{x, k}) {
					continue links
				}
			}
			seen = append(seen, seenKey{x, k})
			x.kinds[k]++
		}
	}
}

// page returns the counts of the page a link names, by its URL in
// crawl.Canonicalize's form (tracking parameters and fragment dropped);
// the link's URL as written is remembered.
func (r *Report) page(l extract.Link) *linked {
	if x, ok := r.linkCache[l.URL]; ok {
		return x
	}
	u := canon(l.URL)
	x := r.links[u]
	if x == nil {
		x = &linked{title: l.Title}
		r.links[u] = x
	}
	if len(r.linkCache) < 1<<20 {
		r.linkCache[l.URL] = x
	}
	return x
}

func canon(u string) string {
	if c, err := crawl.Canonicalize(u); err == nil {
		return c
	}
	return u
}

// day returns the date part of an RFC 3339 time (or a bare date).
func day(t string) (string, bool) {
	if len(t) < 10 || t[4] != '-' || t[7] != '-' {
		return "", false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if t[i] < '0' || t[i] > '9' {
			return "", false
		}
	}
	return t[:10], true
}

func (r *Report) fail(reason, input, err string) {
	f := r.failures[reason]
	if f == nil {
		f = &failure{Reason: reason}
		r.failures[reason] = f
	}
	f.Count++
	if len(f.Examples) < r.opts.Top {
		f.Examples = append(f.Examples, example{input, err})
	}
}

// errorReason names the reason of a failed record: its error without the
// input's name, numbers as N.
func errorReason(err, input string) string {
	if input != "" {
		err = strings.ReplaceAll(err, input, "…")
	}
	var b strings.Builder
	digits := false
	for _, c := range err {
		if '0' <= c && c <= '9' {
			if !digits {
				b.WriteByte('N')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(c)
	}
	return b.String()
}

// logEntry is what a report reads of a crawl's JSON log line.
type logEntry struct {
	Msg    string `json:"msg"`
	URL    string `json:"url"`
	Reason string `json:"reason"`
	Err    string `json:"err"`
}

// ReadLog adds the failed pages and the summary of a crawl's log written
// with --log-format json. Lines that are not JSON are counted and skipped.
func (r *Report) ReadLog(rd io.Reader) error {
	r.logs++
	return eachLine(rd, func(line []byte) {
		var e logEntry
		if json.Unmarshal(line, &e) != nil {
			r.badLines++
			return
		}
		switch e.Msg {
		case "page failed":
			r.fail(orNone(e.Reason), e.URL, e.Err)
		case "summary":
			var s summary
			if json.Unmarshal(line, &s) == nil {
				r.summary = &s
			}
		}
	})
}

// BadLines returns the number of lines read that were neither records nor
// log entries.
func (r *Report) BadLines() int { return r.badLines }

// counter counts by label.
type counter map[string]int
