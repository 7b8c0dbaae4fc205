package report

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
)

// Records written by hand: two sections, two days, a copy of a story, a
// failed input, links with tracking parameters and a duplicate.
func handRecords() []extract.Article {
	related := func(urls ...string) extract.Block {
		b := extract.Block{Kind: extract.KindRelated}
		for _, u := range urls {
			b.Links = append(b.Links, extract.Link{Title: "t " + u, URL: u})
		}
		return b
	}
	return []extract.Article{
		{Schema: 1, Input: "https://a.example/1", Fetched: "2025-04-18T08:00:00Z", URL: "https://a.example/1", SiteName: "A", Title: "Ferry fares rise",
			Section: []string{"Home", "World"}, Published: "2025-04-17T09:00:00Z", Agency: "AP", Dateline: "LIMA", Language: "en", WordCount: 120,
			Fingerprint: "00000000000000ff", Blocks: []extract.Block{
				related("https://a.example/2?utm_source=x", "https://a.example/2#comments", "https://a.example/3"),
				{Kind: extract.KindRanking, Links: []extract.Link{{Title: "two", URL: "https://a.example/2"}}},
				{Kind: extract.KindMore, Links: []extract.Link{{Title: "more", URL: "https://a.example/9"}}},
			}},
		{Schema: 1, URL: "https://a.example/2", SiteName: "A", Title: "Harbor closes", Section: []string{"Home", "World"},
			Published: "2025-04-17", Language: "en", WordCount: 340, Fingerprint: "0f0f0f0f0f0f0f0f",
			Blocks: []extract.Block{related("https://a.example/3")}},
		{Schema: 1, URL: "https://b.example/x", SiteName: "B", Title: "UPDATE: Ferry fares rise", Section: []string{"Business"},
			Published: "2025-04-19T10:00:00", Agency: "AP", Language: "en", WordCount: 118, Fingerprint: "00000000000003ff"},
		{Schema: 1, URL: "https://b.example/y", Title: "Untitled", Language: "fr", WordCount: 20, Fingerprint: "zz"},
		{Schema: 1, Input: "pages/broken-17.html", Error: "extract: pages/broken-17.html: no article (17 bytes)"},
	}
}

func TestAdd(t *testing.T) {
	r := New(Options{})
	for _, a := range handRecords() {
		r.Add(&a)
	}
	if r.records != 5 || r.articles != 4 || r.undated != 1 {
		t.Errorf("records %d articles %d undated %d, want 5 4 1", r.records, r.articles, r.undated)
	}
	for _, c := range []struct {
		name      string
		got, want counter
	}{
		{"sections", r.sections, counter{"World": 2, "Business": 1, "(none)": 1}},
		{"published", r.published, counter{"2025-04-17": 2, "2025-04-19": 1}},
		{"fetched", r.fetched, counter{"2025-04-18": 1}},
		{"agencies", r.agencies, counter{"AP": 2, "(none)": 2}},
		{"datelines", r.datelines, counter{"LIMA": 1}},
		{"languages", r.languages, counter{"en": 3, "fr": 1}},
	} {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", c.name, diff)
		}
	}
	// Page 2 is linked by record 1 from Related (three spellings: once)
	// and Ranking; page 3 from Related by records 1 and 2; "more" blocks
	// do not count.
	got := map[string][3]int{}
	for u, l := range r.links {
		got[u] = l.kinds
	}
	want := map[string][3]int{"https://a.example/2": {1, 1, 0}, "https://a.example/3": {2, 0, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links mismatch (-want +got):\n%s", diff)
	}
	f := r.failures["extract: …: no article (N bytes)"]
	if f == nil || f.Count != 1 || f.Examples[0].Input != "pages/broken-17.html" {
		t.Errorf("failures = %v, want the broken page under its reason", r.failures)
	}
	if len(r.recs) != 4 || !r.recs[0].hasFP || r.recs[3].hasFP {
		t.Errorf("recs %d: want 4, the last without a fingerprint (it is not hex)", len(r.recs))
	}
}

func TestReadRecordsAndLog(t *testing.T) {
	var jsonl bytes.Buffer
	for _, a := range handRecords() {
		b, _ := json.Marshal(a)
		jsonl.Write(append(b, '\n'))
	}
	jsonl.WriteString("not a record\n\n{\"half\": \n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(jsonl.Bytes())
	zw.Close()
	log := `newsclip: demo portal at http://127.0.0.1:1/, crawling it
{"time":"2025-04-18T08:00:00Z","level":"WARN","msg":"page failed","url":"https://a.example/gone","reason":"http-404","attempts":1,"err":"http-404"}
{"time":"2025-04-18T08:00:01Z","level":"WARN","msg":"page failed","url":"https://a.example/slow","reason":"timeout","attempts":2,"err":"deadline"}
{"time":"2025-04-18T08:00:02Z","level":"WARN","msg":"page failed","url":"https://a.example/gone2","reason":"http-404","attempts":1,"err":"http-404"}
{"time":"2025-04-18T08:00:03Z","level":"INFO","msg":"summary","pages":12,"articles":4,"fetches":15,"retries":2,"elapsed_s":1.5,"outcomes":{"article":4}}
`
	for name, in := range map[string][]byte{"plain": jsonl.Bytes(), "gzip": gz.Bytes()} {
		t.Run(name, func(t *testing.T) {
			r := New(Options{})
			if err := r.ReadRecords("crawl.jsonl", bytes.NewReader(in)); err != nil {
				t.Fatal(err)
			}
			if err := r.ReadLog(strings.NewReader(log)); err != nil {
				t.Fatal(err)
			}
			if r.records != 5 || r.BadLines() != 3 {
				t.Errorf("records %d, bad lines %d; want 5 and 3 (2 in the records, 1 in the log)", r.records, r.BadLines())
			}
			if f := r.failures["http-404"]; f == nil || f.Count != 2 {
				t.Errorf("http-404 failures: %+v", f)
			}
			if r.summary == nil || r.summary.Pages != 12 || r.summary.Fetches != 15 {
				t.Errorf("summary %+v", r.summary)
			}
		})
	}
}

func TestSeries(t *testing.T) {
	for _, c := range []struct {
		name  string
		in    counter
		unit  string
		first string
		n     int
		sum   int
	}{
		{"days with a gap", counter{"2025-04-17": 2, "2025-04-20": 1}, "day", "2025-04-17", 4, 3},
		{"weeks", counter{"2025-01-01": 1, "2025-06-30": 5}, "week", "2024-12-30", 27, 6},
		{"months", counter{"2021-03-09": 1, "2025-04-17": 1}, "month", "2021-03", 50, 2},
	} {
		bars, unit := series(c.in)
		sum := 0
		for _, b := range bars {
			sum += b.Value
		}
		if unit != c.unit || len(bars) != c.n || bars[0].Label != c.first || sum != c.sum {
			t.Errorf("%s: %s × %d from %s summing to %d, want %s × %d from %s summing to %d",
				c.name, unit, len(bars), bars[0].Label, sum, c.unit, c.n, c.first, c.sum)
		}
	}
}

func TestWordHistogram(t *testing.T) {
	words := []int32{0, 5, 120, 130, 290, 300, 310, 450, 5000}
	bars, st := wordHistogram(words)
	if st != (wordStats{Min: 0, Median: 290, Mean: 733, Max: 5000}) {
		t.Errorf("stats %+v", st)
	}
	sum := 0
	for _, b := range bars {
		sum += b.Value
	}
	if sum != len(words) || len(bars) > 26 || !strings.HasPrefix(bars[len(bars)-1].Label, "≥") {
		t.Errorf("%d buckets summing to %d, last %q", len(bars), sum, bars[len(bars)-1].Label)
	}
}

func TestTopBars(t *testing.T) {
	got := topBars(counter{"a": 1, "b": 5, "c": 5, "d": 2}, 2)
	want := []bar{{Label: "b", Value: 5}, {Label: "c", Value: 5}, {Label: "(2 others)", Value: 3}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("topBars mismatch (-want +got):\n%s", diff)
	}
}

// The page stands alone: no script, no stylesheet, image, font or frame
// from elsewhere; every chart of the report is there, each labelled bar
// carrying its value.
func TestWriteHTMLSelfContained(t *testing.T) {
	r := New(Options{Title: "Tom & Jerry <crawl>"})
	for _, a := range handRecords() {
		r.Add(&a)
	}
	var out bytes.Buffer
	if err := r.WriteHTML(&out); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "src=", "url(http", "<Tom"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	charts := regexp.MustCompile(`data-chart="([a-z]+)"`).FindAllStringSubmatch(page, -1)
	var ids []string
	for _, m := range charts {
		ids = append(ids, m[1])
	}
	want := []string{"sections", "published", "fetched", "agencies", "datelines", "words", "linked", "clusters", "languages", "failures"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("charts mismatch (-want +got):\n%s", diff)
	}
	for _, s := range []string{`data-label="World" data-value="2"`, "Tom &amp; Jerry &lt;crawl&gt;",
		`data-label="t https://a.example/3" data-value="2" data-related="2" data-ranking="0" data-recommendation="0"`,
		`data-label="Harbor closes" data-value="2" data-related="1" data-ranking="1"`,
		`data-label="extract: …: no article (N bytes)" data-value="1"`, `data-label="2 records" data-value="1"`} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %s", s)
		}
	}
}

func TestFormatting(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1\u202f000"}, {-1234567, "-1\u202f234\u202f567"}} {
		if got := num(c.n); got != c.want {
			t.Errorf("num(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	for _, c := range []struct{ max, step, top int }{{1, 1, 1}, {7, 2, 8}, {60, 20, 60}, {304, 100, 400}, {95, 20, 100}} {
		if step, top := niceTicks(c.max); step != c.step || top != c.top {
			t.Errorf("niceTicks(%d) = %d, %d; want %d, %d", c.max, step, top, c.step, c.top)
		}
	}
	if got := short("Ferry fares rise again", 10); got != "Ferry far…" {
		t.Errorf("short = %q", got)
	}
}
