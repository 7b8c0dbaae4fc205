package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math/bits"
	"slices"
	"strings"
	"time"
)

//go:embed report.tmpl
var pageTmpl string

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{"num": num, "plural": plural}).Parse(pageTmpl))

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return num(n) + " " + noun + "s"
}

// page is what the template shows.
type page struct {
	Title     string
	Inputs    []string
	Records   int
	Articles  int
	Failed    int
	BadLines  int
	Logs      int
	Summary   *summary
	Threshold int
	Top       int

	Sections, Published, Fetched, Agencies, Datelines, Words, Linked, ClusterSizes, Languages, Failures template.HTML

	PublishedBy, FetchedBy string // day, week or month
	Undated                int
	WordStats              wordStats
	LinkedPages            int
	Clusters               clusterSummary
	FailureRows            []*failure
}

type wordStats struct{ Min, Median, Mean, Max int }

type clusterSummary struct {
	Count, Records, Largest int
	Top                     []clusterView
}

type clusterView struct {
	Size, Sites  int
	From, To     string
	MaxDistance  int
	Members      []memberView
	MoreHidden   int
	FirstTitle   string
	DistinctDays int
}

type memberView struct {
	Title, URL, Site, Published string
	Distance                    int
}

// WriteHTML writes the report as one self-contained HTML page.
func (r *Report) WriteHTML(w io.Writer) error {
	p := &page{
		Title: r.opts.Title, Inputs: r.inputs, Records: r.records, Articles: r.articles,
		BadLines: r.badLines, Logs: r.logs, Summary: r.summary, Threshold: r.opts.Threshold, Top: r.opts.Top, Undated: r.undated,
	}
	p.Sections = hbars("sections", "articles per section", topBars(r.sections, 30), nil)
	var pub, fet []bar
	pub, p.PublishedBy = series(r.published)
	fet, p.FetchedBy = series(r.fetched)
	p.Published = columns("published", "articles published per "+p.PublishedBy, pub)
	p.Fetched = columns("fetched", "articles fetched per "+p.FetchedBy, fet)
	p.Agencies = hbars("agencies", "articles per agency", topBars(r.agencies, r.opts.Top), nil)
	p.Datelines = hbars("datelines", "articles per dateline", topBars(r.datelines, r.opts.Top), nil)
	var hist []bar
	hist, p.WordStats = wordHistogram(r.words)
	p.Words = columns("words", "articles by word count", hist)
	p.Linked, p.LinkedPages = r.linkedChart()
	p.Clusters, p.ClusterSizes = r.clusters()
	p.Languages = hbars("languages", "articles per language", topBars(r.languages, 30), nil)
	for _, f := range r.failures {
		p.FailureRows = append(p.FailureRows, f)
		p.Failed += f.Count
	}
	slices.SortFunc(p.FailureRows, func(a, b *failure) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Reason, b.Reason))
	})
	var fb []bar
	for _, f := range p.FailureRows {
		fb = append(fb, bar{Label: f.Reason, Value: f.Count})
	}
	p.Failures = hbars("failures", "failed inputs per reason", fb, nil)
	if err := tmpl.Execute(w, p); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// topBars returns the n largest counts, largest first (ties by label), the
// rest summed into one last bar.
func topBars(c counter, n int) []bar {
	out := make([]bar, 0, len(c))
	for label, v := range c {
		out = append(out, bar{Label: label, Value: v})
	}
	slices.SortFunc(out, func(a, b bar) int { return cmp.Or(b.Value-a.Value, strings.Compare(a.Label, b.Label)) })
	if len(out) > n {
		rest := 0
		for _, b := range out[n:] {
			rest += b.Value
		}
		out = append(out[:n], bar{Label: fmt.Sprintf("(%d others)", len(out)-n), Value: rest})
	}
	return out
}

// series returns counts by day as one bar per day, week (from Monday) or
// month, whichever keeps the bars at most 92, gaps filled with zeros.
func series(c counter) ([]bar, string) {
	if len(c) == 0 {
		return nil, "day"
	}
	var first, last time.Time
	for d := range c {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	days := int(last.Sub(first).Hours()/24) + 1
	unit, start, next, label := "day", first, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }, time.DateOnly
	key := func(t time.Time) time.Time { return t }
	switch {
	case days > 2*365:
		unit, label = "month", "2006-01"
		key = func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	case days > 92:
		unit = "week"
		key = func(t time.Time) time.Time { return t.AddDate(0, 0, -(int(t.Weekday())+6)%7) }
		next = func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	}
	start = key(first)
	sums := map[time.Time]int{}
	for d, v := range c {
		if t, err := time.Parse(time.DateOnly, d); err == nil {
			sums[key(t)] += v
		}
	}
	var out []bar
	for t := start; !t.After(last); t = next(t) {
		out = append(out, bar{Label: t.Format(label), Value: sums[t]})
	}
	return out, unit
}

// wordHistogram buckets word counts by a round width, at most 25 buckets
// up to the 99th percentile, the last bucket open.
func wordHistogram(words []int32) ([]bar, wordStats) {
	if len(words) == 0 {
		return nil, wordStats{}
	}
	s := slices.Clone(words)
	slices.Sort(s)
	sum := 0
	for _, w := range s {
		sum += int(w)
	}
	st := wordStats{Min: int(s[0]), Median: int(s[len(s)/2]), Mean: sum / len(s), Max: int(s[len(s)-1])}
	p99 := int(s[(len(s)-1)*99/100])
	width, _ := niceTicks(max(p99, 1) * 5 / 25)
	width = max(width, 10)
	n := p99/width + 1
	out := make([]bar, n)
	for i := range out {
		out[i].Label = fmt.Sprintf("%d–%d", i*width, (i+1)*width-1)
	}
	out[n-1].Label = fmt.Sprintf("≥ %d", (n-1)*width)
	for _, w := range s {
		out[min(int(w)/width, n-1)].Value++
	}
	return out, st
}

// linkedChart draws the pages most linked from Related, Ranking and
// Recommendation blocks (records linking them, by kind) and returns the
// number of pages linked.
func (r *Report) linkedChart() (template.HTML, int) {
	type row struct {
		url   string
		total int
		l     *linked
	}
	rows := make([]row, 0, len(r.links))
	for u, l := range r.links {
		rows = append(rows, row{u, l.kinds[0] + l.kinds[1] + l.kinds[2], l})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(b.total-a.total, strings.Compare(a.url, b.url)) })
	var bars []bar
	for _, x := range rows[:min(len(rows), r.opts.Top)] {
		title := x.l.title
		if i, ok := r.byURL[x.url]; ok && r.recs[i].title != "" {
			title = r.recs[i].title
		}
		bars = append(bars, bar{Label: cmp.Or(title, x.url), Value: x.total, Parts: x.l.kinds[:], Href: x.url})
	}
	return hbars("linked", "pages most linked from blocks", bars, linkKinds[:]), len(rows)
}

// clusters groups the records by fingerprint and draws the sizes of the
// clusters.
func (r *Report) clusters() (clusterSummary, template.HTML) {
	var fps []uint64
	var idx []int
	for i, x := range r.recs {
		if x.hasFP {
			fps = append(fps, x.fp)
			idx = append(idx, i)
		}
	}
	t := r.opts.Threshold
	groups := Clusters(fps, t)
	var cs clusterSummary
	sizes := counter{}
	maxSize := 0
	for gi, g := range groups {
		cs.Count++
		cs.Records += len(g)
		sizes[fmt.Sprint(len(g))]++
		maxSize = max(maxSize, len(g))
		if gi < r.opts.Top {
			cs.Top = append(cs.Top, r.clusterView(g, idx, fps))
		}
	}
	cs.Largest = maxSize
	var bars []bar
	for n := 2; n <= maxSize; n++ {
		bars = append(bars, bar{Label: fmt.Sprintf("%d records", n), Value: sizes[fmt.Sprint(n)]})
	}
	return cs, columns("clusters", "clusters of near-duplicates by size", bars)
}

func (r *Report) clusterView(g, idx []int, fps []uint64) clusterView {
	members := slices.Clone(g)
	slices.SortFunc(members, func(a, b int) int {
		return cmp.Or(strings.Compare(r.recs[idx[a]].published, r.recs[idx[b]].published), a-b)
	})
	v := clusterView{Size: len(g)}
	sites, days := map[string]bool{}, map[string]bool{}
	for k, m := range members {
		x := r.recs[idx[m]]
		sites[x.site] = true
		if d, ok := day(x.published); ok {
			days[d] = true
		}
		for _, o := range members[:min(k, 1000)] { // bounded work on huge clusters
			v.MaxDistance = max(v.MaxDistance, bits.OnesCount64(fps[m]^fps[o]))
		}
		if k < 12 {
			v.Members = append(v.Members, memberView{Title: x.title, URL: x.url, Site: x.site, Published: x.published,
				Distance: bits.OnesCount64(fps[m] ^ fps[members[0]])})
		}
	}
	v.MoreHidden = len(members) - len(v.Members)
	v.Sites, v.DistinctDays = len(sites), len(days)
	v.FirstTitle = r.recs[idx[members[0]]].title
	v.From, v.To = r.recs[idx[members[0]]].published, r.recs[idx[members[len(members)-1]]].published
	return v
}
