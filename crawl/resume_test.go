package crawl_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/memory"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// readJSONL reads a records file, failing on any line that is not a whole
// record.
func readJSONL(t *testing.T, path string) []*extract.Article {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*extract.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		var a extract.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s line %d: %v: %.80q", path, n, err, sc.Text())
		}
		out = append(out, &a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatalf("%s ends in a half line", path)
	}
	return out
}

// TestInterruptResume cancels crawls at several points, as Ctrl-C does, and
// resumes each time from the state file: nothing is lost or written twice.
func TestInterruptResume(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { testInterruptResume(t, b) })
	}
}

func testInterruptResume(t *testing.T, b backend) {
	p, base := serve(t, demoportal.Options{Clean: true, Articles: 150})
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	for i, stopAfter := range []int64{5, 30, 30, -1} {
		st := b.open(t)
		sink, err := crawl.OpenJSONL(out)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var n atomic.Int64
		cfg := fast(crawl.Config{State: st, OnPage: func(pg crawl.Page) {
			if pg.Outcome == crawl.OutcomeArticle && n.Add(1) == stopAfter {
				cancel()
			}
		}})
		c, _ := crawl.New(cfg)
		err = c.Run(ctx, []string{base + "/"}, sink)
		cancel()
		if stopAfter > 0 && !errors.Is(err, context.Canceled) {
			t.Fatalf("run %d: Run = %v, want context.Canceled", i, err)
		}
		if stopAfter < 0 && err != nil {
			t.Fatalf("last run: %v", err)
		}
		t.Logf("run %d: %d articles, %d queued left", i, c.Stats().Articles, c.Stats().Queued)
		if err := sink.Close(); err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range p.CheckOutput(data) {
		t.Error(problem)
	}
}

// TestIncremental: a second crawl of an unchanged portal writes nothing
// (the server answers 304); after changes, exactly the changed and the new
// articles are written.
func TestIncremental(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { testIncremental(t, b) })
	}
}

func testIncremental(t *testing.T, b backend) {
	p, base := serve(t, demoportal.Options{Clean: true, Articles: 60})
	st := b.open(t)
	defer st.Close()
	crawlOnce := func(incremental bool) ([]string, crawl.Stats) {
		var sink collect
		stats := run(t, fast(crawl.Config{State: st, Incremental: incremental}), []string{base + "/"}, &sink)
		var paths []string
		for _, a := range sink.records() {
			paths = append(paths, pathOf(t, a.URL))
		}
		sort.Strings(paths)
		return paths, stats
	}

	first, _ := crawlOnce(false)
	if len(first) != 60 {
		t.Fatalf("first crawl: %d records, want 60", len(first))
	}

	p.ResetLog()
	again, stats := crawlOnce(true)
	if len(again) != 0 {
		t.Errorf("incremental crawl of an unchanged portal wrote %d records: %v", len(again), again[:min(5, len(again))])
	}
	n304 := 0
	for _, r := range p.Requests() {
		if r.Status == 304 {
			n304++
		}
	}
	if n304 < 60 || stats.Outcomes[crawl.OutcomeNotModified] < 60 {
		t.Errorf("%d answers 304, %d pages not-modified; want every article's", n304, stats.Outcomes[crawl.OutcomeNotModified])
	}

	changed := p.Update([]int{3, 17, 44}, 4)
	sort.Strings(changed)
	got, _ := crawlOnce(true)
	if !slices.Equal(got, changed) {
		t.Errorf("after changes wrote\n%q\nwant\n%q", got, changed)
	}

	if again, _ := crawlOnce(true); len(again) != 0 {
		t.Errorf("third incremental crawl wrote %d records", len(again))
	}

	// A plain (not incremental) run of a finished crawl has nothing to do.
	if again, stats := crawlOnce(false); len(again) != 0 || stats.Pages != 0 {
		t.Errorf("rerun of a finished crawl: %d records, %d pages", len(again), stats.Pages)
	}
}

// TestIncrementalFaults runs the incremental checks on the portal with its
// sitemaps, feeds and faults: pages without validators (the calendar, the
// legacy-charset pages) come back 200 and must still not be written again.
func TestIncrementalFaults(t *testing.T) {
	p, base := serve(t, demoportal.Options{Articles: 40, SlowDelay: 5 * time.Millisecond})
	st := memory.New()
	crawlOnce := func(incremental bool) []string {
		var sink collect
		run(t, fast(crawl.Config{State: st, Incremental: incremental}), []string{base + "/"}, &sink)
		var paths []string
		for _, a := range sink.records() {
			paths = append(paths, pathOf(t, a.URL))
		}
		sort.Strings(paths)
		return paths
	}
	if first := crawlOnce(false); len(first) != len(p.Articles()) {
		t.Fatalf("first crawl: %d records, want %d", len(first), len(p.Articles()))
	}
	if again := crawlOnce(true); len(again) != 0 {
		t.Errorf("unchanged portal: wrote %q", again)
	}
	changed := p.Update([]int{5, 6}, 3)
	sort.Strings(changed)
	if got := crawlOnce(true); !slices.Equal(got, changed) {
		t.Errorf("after changes wrote\n%q\nwant\n%q", got, changed)
	}
}

// TestJSONLRecover: a half line left by a crash is cut, and the records
// after the last checkpoint are reported.
func TestJSONLRecover(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	s, err := crawl.OpenJSONL(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s.Write(ctx, &extract.Article{Schema: 1, URL: "http://h/1"})
	pos, err := s.Sync()
	if err != nil {
		t.Fatal(err)
	}
	s.Write(ctx, &extract.Article{Schema: 1, URL: "http://h/2"})
	s.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"schema":1,"url":"http://h/3","te`) // killed mid-write
	f.Close()

	s, err = crawl.OpenJSONL(path)
	if err != nil {
		t.Fatal(err)
	}
	var tail []string
	if err := s.Recover(pos, func(a *extract.Article) { tail = append(tail, a.URL) }); err != nil {
		t.Fatal(err)
	}
	if len(tail) != 1 || tail[0] != "http://h/2" {
		t.Errorf("Recover found %q, want the record of http://h/2", tail)
	}
	s.Write(ctx, &extract.Article{Schema: 1, URL: "http://h/4"})
	s.Close()
	var urls []string
	for _, a := range readJSONL(t, path) {
		urls = append(urls, a.URL)
	}
	if strings.Join(urls, " ") != "http://h/1 http://h/2 http://h/4" {
		t.Errorf("file holds %v", urls)
	}
}

// TestMaxPages stops after a number of pages and leaves the rest queued.
func TestMaxPages(t *testing.T) {
	_, base := serve(t, demoportal.Options{Clean: true, Articles: 40})
	st := memory.New()
	var sink collect
	s1 := run(t, fast(crawl.Config{State: st, MaxPages: 10}), []string{base + "/"}, &sink)
	if s1.Pages > 10 || s1.Queued == 0 {
		t.Errorf("MaxPages 10: %d pages, %d queued", s1.Pages, s1.Queued)
	}
	s2 := run(t, fast(crawl.Config{State: st}), []string{base + "/"}, &sink)
	if got := len(sink.records()); got != 40 {
		t.Errorf("after resuming: %d records, want 40 (%d+%d pages)", got, s1.Pages, s2.Pages)
	}
}

// durableFake is a DurableSink whose output after the last checkpoint
// holds the given records.
type durableFake struct {
	collect
	tail []string // URLs
}

func (d *durableFake) Sync() (int64, error) { return 0, nil }

func (d *durableFake) Recover(pos int64, each func(*extract.Article)) error {
	for _, u := range d.tail {
		each(&extract.Article{Schema: extract.SchemaVersion, URL: u})
	}
	return nil
}

// TestReconcile: after a crash, the records of the state's outbox that are
// not in the sink's tail are written, once; those that are, are not.
func TestReconcile(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	if _, err := st.Begin(ctx, false); err != nil {
		t.Fatal(err)
	}
	var items []store.Item
	for _, u := range []string{"http://h/1", "http://h/2", "http://h/3", "http://h/4"} {
		items = append(items, store.Item{Key: u, URL: u})
	}
	st.Add(ctx, items)
	claimed, _ := st.Claim(ctx, 4)
	var done []store.Completion
	for _, it := range claimed {
		rec, _ := json.Marshal(&extract.Article{Schema: extract.SchemaVersion, URL: it.URL})
		done = append(done, store.Completion{Item: it, Fetched: true, Record: rec, RecordKey: it.Key, RecordHash: it.Key})
	}
	if _, err := st.Complete(ctx, done); err != nil {
		t.Fatal(err)
	}
	// The crash: 1 and 3 reached the output, 2 and 4 did not.
	sink := &durableFake{tail: []string{"http://h/0", "http://h/1", "http://h/3"}}
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	c, _ := crawl.New(fast(crawl.Config{State: st}))
	if err := c.Run(ctx, []string{srv.URL + "/"}, sink); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range sink.records() {
		got = append(got, a.URL)
	}
	if strings.Join(got, " ") != "http://h/2 http://h/4" || c.Stats().Recovered != 2 {
		t.Errorf("recovered %q (Stats.Recovered %d), want http://h/2 http://h/4", got, c.Stats().Recovered)
	}
}
