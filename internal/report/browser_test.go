package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/browsertest"
	"github.com/newsclip/newsclip/internal/demoportal"
	"github.com/newsclip/newsclip/internal/report"
)

// crawlDemo crawls a demo portal with re-published copies and returns its
// records (JSON Lines, as newsclip crawl writes them) and its JSON log.
func crawlDemo(t *testing.T, articles int) (p *demoportal.Portal, records, log []byte) {
	t.Helper()
	p = demoportal.New(demoportal.Options{Articles: articles, Republish: true, SlowDelay: 10 * time.Second, NoLog: true})
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	var recs, logBuf bytes.Buffer
	c, err := crawl.New(crawl.Config{Delay: -1, Parallel: 4, Timeout: 3 * time.Second, Retries: 1, RetryBase: 20 * time.Millisecond,
		Logger: slog.New(slog.NewJSONHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelInfo}))})
	if err != nil {
		t.Fatal(err)
	}
	sink := crawl.NewJSONL(&recs)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	if err := c.Run(ctx, []string{srv.URL + "/"}, sink); err != nil {
		t.Fatal(err)
	}
	return p, recs.Bytes(), logBuf.Bytes()
}

// expected counts what each chart must show, straight from the records:
// chart id → label → value.
func expected(t *testing.T, records []byte) (map[string]map[string]int, []extract.Article) {
	want := map[string]map[string]int{}
	add := func(chart, label string, n int) {
		if want[chart] == nil {
			want[chart] = map[string]int{}
		}
		want[chart][label] += n
	}
	var arts []extract.Article
	for line := range bytes.Lines(records) {
		var a extract.Article
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatalf("record: %v", err)
		}
		arts = append(arts, a)
		sec := "(none)"
		if len(a.Section) > 0 {
			sec = a.Section[len(a.Section)-1]
		}
		add("sections", sec, 1)
		add("agencies", cmpOr(a.Agency, "(none)"), 1)
		if a.Dateline != "" {
			add("datelines", a.Dateline, 1)
		}
		add("languages", cmpOr(a.Language, "(none)"), 1)
		seen := map[string]bool{}
		for _, b := range a.Blocks {
			switch b.Kind {
			case extract.KindRelated, extract.KindRanking, extract.KindRecommendation:
			default:
				continue
			}
			for _, l := range b.Links {
				u, _ := crawl.Canonicalize(l.URL)
				if !seen[b.Kind+" "+u] {
					seen[b.Kind+" "+u] = true
					add("linked", u, 1)
				}
			}
		}
	}
	return want, arts
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// bucket names the bar a day falls in, for a chart of days, weeks or
// months.
func bucket(day, unit string) string {
	d, _ := time.Parse(time.DateOnly, day)
	switch unit {
	case "week":
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format(time.DateOnly)
	case "month":
		return day[:7]
	}
	return day
}

type renderedBar struct {
	Label  string  `json:"label"`
	Value  int     `json:"value"`
	Href   string  `json:"href"`
	Width  float64 `json:"width"` // of the bar's fill, as rendered
	Height float64 `json:"height"`
}

const readBars = `Object.fromEntries([...document.querySelectorAll("svg[data-chart]")].map(svg => [svg.dataset.chart,
  [...svg.querySelectorAll("g.bar")].map(g => ({label: g.dataset.label, value: +g.dataset.value,
    href: g.querySelector("a")?.getAttribute("href") || "",
    width: [...g.querySelectorAll("rect")].reduce((w, r) => w + r.getBoundingClientRect().width, 0),
    height: [...g.querySelectorAll("rect")].reduce((h, r) => h + r.getBoundingClientRect().height, 0)}))]))`

// TestReportInBrowser crawls the demo portal, makes the report and renders
// it in headless Chromium: each section named in the issue has its chart,
// with the counts of the crawl, bars as long as their values, nothing
// fetched from anywhere, no script error. The screenshot's path is
// printed with -v.
func TestReportInBrowser(t *testing.T) {
	b := browsertest.New(t) // first: skips at once without Chromium
	p, records, log := crawlDemo(t, 60)
	want, arts := expected(t, records)
	if len(arts) != len(p.Articles()) {
		t.Fatalf("%d records, want %d", len(arts), len(p.Articles()))
	}
	r := report.New(report.Options{Title: "Demo crawl", Top: 200})
	if err := r.ReadRecords("demo.jsonl", bytes.NewReader(records)); err != nil {
		t.Fatal(err)
	}
	if err := r.ReadLog(bytes.NewReader(log)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.html")
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tab := b.Open(path)
	tab.Screenshot("report")
	got := browsertest.Eval[map[string][]renderedBar](tab, readBars)

	// Known faults of the portal, from the crawl's log; near-duplicate
	// clusters: the stories with copies (ids 5, 17, 29, 41, 53: 2, 3, 4,
	// 2, 3 copies) and nothing else.
	want["failures"] = map[string]int{"http-404": 2, "redirect-loop": 1, "too-large": 1, "timeout": 1}
	want["clusters"] = map[string]int{"2 records": 0, "3 records": 2, "4 records": 2, "5 records": 1}
	days(t, arts, got, want)
	words(t, arts, got["words"])
	proportional(t, "words", got["words"])
	for _, chart := range []string{"sections", "agencies", "datelines", "languages", "linked", "failures", "clusters", "published", "fetched"} {
		gotCounts := map[string]int{}
		for _, bar := range got[chart] {
			key := bar.Label
			if chart == "linked" {
				key = bar.Href
			}
			if bar.Value > 0 || chart == "clusters" {
				gotCounts[key] += bar.Value
			}
		}
		if diff := cmp.Diff(want[chart], gotCounts); diff != "" {
			t.Errorf("chart %q mismatch (-want +got):\n%s", chart, diff)
		}
		proportional(t, chart, got[chart])
	}
	if reqs := tab.Requests(); len(reqs) > 0 {
		t.Errorf("the report asked for %q: it must stand alone", reqs)
	}
	if errs := tab.Errors(); len(errs) > 0 {
		t.Errorf("script errors: %q", errs)
	}
	if n := browsertest.Eval[int](tab, `document.querySelectorAll("details.cluster").length`); n != 5 {
		t.Errorf("%d cluster tables, want 5", n)
	}
}

// days sets the published and fetched charts' expected counts, bucketed
// by the unit the captions name.
func days(t *testing.T, arts []extract.Article, got map[string][]renderedBar, want map[string]map[string]int) {
	for _, chart := range []string{"published", "fetched"} {
		unit := "day"
		if len(got[chart]) > 0 {
			switch l := got[chart][0].Label; len(l) {
			case 7:
				unit = "month"
			default:
				if len(got[chart]) > 1 {
					a, _ := time.Parse(time.DateOnly, l)
					b, _ := time.Parse(time.DateOnly, got[chart][1].Label)
					if b.Sub(a) == 7*24*time.Hour {
						unit = "week"
					}
				}
			}
		}
		want[chart] = map[string]int{}
		for _, a := range arts {
			v := a.Published
			if chart == "fetched" {
				v = a.Fetched
			}
			if len(v) >= 10 {
				want[chart][bucket(v[:10], unit)]++
			}
		}
	}
	if len(want["fetched"]) == 0 {
		t.Errorf("no record has fetched")
	}
}

// words checks the word-count histogram against the records: each bucket
// "lo–hi" (or "≥ lo") holds the articles of that many words.
func words(t *testing.T, arts []extract.Article, bars []renderedBar) {
	total := 0
	for _, bar := range bars {
		lo, hi := 0, math.MaxInt
		if rest, ok := strings.CutPrefix(bar.Label, "≥ "); ok {
			lo, _ = strconv.Atoi(rest)
		} else if _, err := fmt.Sscanf(bar.Label, "%d–%d", &lo, &hi); err != nil {
			t.Errorf("word bucket %q", bar.Label)
		}
		n := 0
		for _, a := range arts {
			if a.WordCount >= lo && a.WordCount <= hi {
				n++
			}
		}
		if n != bar.Value {
			t.Errorf("word bucket %s: %d, want %d", bar.Label, bar.Value, n)
		}
		total += bar.Value
	}
	if total != len(arts) {
		t.Errorf("word buckets hold %d articles, want %d", total, len(arts))
	}
}

// proportional checks that the rendered bars are as long (or, for
// columns, as high) as their values: one length per unit, within a pixel
// and a half.
func proportional(t *testing.T, chart string, bars []renderedBar) {
	size := func(b renderedBar) float64 { return b.Width }
	switch chart {
	case "published", "fetched", "clusters", "words":
		size = func(b renderedBar) float64 { return b.Height }
	}
	var perUnit float64
	for _, b := range bars {
		if b.Value > 0 && (perUnit == 0 || b.Value > 1) {
			perUnit = size(b) / float64(b.Value)
		}
	}
	for _, b := range bars {
		if math.Abs(size(b)-perUnit*float64(b.Value)) > 1.5 {
			t.Errorf("chart %s: bar %q of %d is %.1f px, want %.1f", chart, b.Label, b.Value, size(b), perUnit*float64(b.Value))
		}
	}
}
