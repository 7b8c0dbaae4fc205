package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/internal/demoportal"
	"github.com/newsclip/newsclip/internal/redistest"
)

// sharedArticles is the size of the portal the shared-crawl acceptance
// tests crawl; the figure is 2000 (-shared.articles 2000).
var sharedArticles = flag.Int("shared.articles", 300, "articles in the portal of the shared-crawl acceptance tests")

// worker is one newsclip crawl process of a shared crawl.
type worker struct {
	cmd    *exec.Cmd
	out    string
	stderr *bytes.Buffer
	done   chan error
}

// startWorkers starts n workers of crawl id on the Redis at url, each
// writing to its own file in dir; the test kills those still running at
// its end.
func startWorkers(t testing.TB, n int, dir, url, id string, seed string, extra ...string) []*worker {
	var ws []*worker
	for i := range n {
		w := &worker{out: filepath.Join(dir, fmt.Sprintf("w%d.jsonl", i)), stderr: &bytes.Buffer{}, done: make(chan error, 1)}
		args := append([]string{"crawl", "--redis", url, "--crawl-id", id, "--worker", fmt.Sprint("w", i),
			"-o", w.out, "--progress", "never", "--timeout", "5s", "--retries", "1"}, extra...)
		w.cmd = newsclip(append(args, seed)...)
		w.cmd.Stderr = &lockedWriter{w: w.stderr}
		if err := w.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { w.done <- w.cmd.Wait() }()
		t.Cleanup(func() {
			if w.cmd.ProcessState == nil {
				w.cmd.Process.Kill()
				<-w.done
			}
		})
		ws = append(ws, w)
	}
	return ws
}

// lockedWriter serialises writes (exec copies stderr from a goroutine).
type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// wait waits for the workers to exit, failing the test on a failure or
// when they take longer than d.
func wait(t testing.TB, ws []*worker, d time.Duration) {
	t.Helper()
	deadline := time.After(d)
	for i, w := range ws {
		select {
		case err := <-w.done:
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i, err, w.stderr)
			}
		case <-deadline:
			t.Fatalf("worker %d still running after %v\n%s", i, d, w.stderr)
		}
	}
}

// until polls cond every 20 ms for at most d.
func until(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}

// mergeOutputs runs newsclip merge over the files and returns the merged
// records' file and what merge said.
func mergeOutputs(t *testing.T, dir string, files []string) (string, string) {
	t.Helper()
	out := filepath.Join(dir, "merged.jsonl")
	var stderr bytes.Buffer
	if code := run(context.Background(), append([]string{"merge", "-o", out}, files...), nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr.String())
	}
	return out, stderr.String()
}

// mergeWorkers merges the workers' outputs and checks the result (see
// checkMerged).
func mergeWorkers(t *testing.T, dir string, ws []*worker, id string, p *demoportal.Portal) {
	t.Helper()
	var files []string
	for _, w := range ws {
		files = append(files, w.out)
	}
	merged, said := mergeOutputs(t, dir, files)
	t.Logf("merge: %s", strings.TrimSpace(said))
	checkMerged(t, merged, id, p)
}

// checkMerged checks that the merged output holds every article of the
// portal once, each with fetched and crawl_id.
func checkMerged(t *testing.T, merged, id string, p *demoportal.Portal) {
	t.Helper()
	data, err := os.ReadFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	checkExactlyOnce(t, data, p)
	recs := readRecords(t, data)
	for _, r := range recs {
		if _, err := time.Parse(time.RFC3339, r.Fetched); err != nil || r.CrawlID != id {
			t.Fatalf("record %s: fetched %q, crawl_id %q; want a time and %q", r.URL, r.Fetched, r.CrawlID, id)
		}
	}
}

// TestSharedKilledWorker: 3 workers crawl the portal; one is killed with
// SIGKILL midway and never restarted. The others wait out its leases,
// crawl its pages and write the records it left in Redis; merged, the
// outputs hold every article exactly once. The repeats merge removed are
// the pages the killed worker had in flight.
func TestSharedKilledWorker(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	// 50 ms a page keeps pages in flight long enough for the test to see
	// worker 2 holding some on a loaded machine (at 20 ms the crawl could
	// end between two looks).
	p := demoportal.New(demoportal.Options{Clean: true, Articles: *sharedArticles, Latency: 50 * time.Millisecond})
	site := httptest.NewServer(p)
	t.Cleanup(site.Close)
	dir := t.TempDir()
	ws := startWorkers(t, 3, dir, srv.URL(0), "kill9", site.URL+"/",
		"--delay", "0", "--parallel", "8", "--workers", "4", "--lease", "2s")
	// Kill worker 2 a third of the way, while it holds pages.
	rc := goredis.NewClient(&goredis.Options{Addr: srv.Addr})
	defer rc.Close()
	holds := func() bool {
		leases, _ := rc.HVals(context.Background(), "nc:{kill9}:lo").Result()
		for _, l := range leases {
			if strings.HasPrefix(l, "w2\n") {
				return true
			}
		}
		return false
	}
	if !until(60*time.Second, func() bool { return len(p.Requests()) >= *sharedArticles/3 && holds() }) {
		t.Fatalf("the crawl did not get a third of the way with worker 2 holding pages\n%s", ws[2].stderr)
	}
	ws[2].cmd.Process.Signal(syscall.SIGKILL)
	<-ws[2].done
	t.Logf("killed worker 2 after %d requests", len(p.Requests()))
	wait(t, ws[:2], 90*time.Second)
	mergeWorkers(t, dir, ws, "kill9", p)
}

// TestSharedPoliteness: 4 workers, one host, --parallel 2 --delay 100ms:
// the server's own clock shows never more than 2 requests in flight and
// never two starts closer than the delay, less 10 ms for the way from the
// claim to the server.
func TestSharedPoliteness(t *testing.T) {
	const delay = 100 * time.Millisecond
	srv := redistest.Start(t, redistest.Options{})
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 24, Latency: 150 * time.Millisecond})
	site := httptest.NewServer(p)
	t.Cleanup(site.Close)
	dir := t.TempDir()
	ws := startWorkers(t, 4, dir, srv.URL(0), "polite", site.URL+"/",
		"--delay", delay.String(), "--parallel", "2", "--workers", "4")
	wait(t, ws, 90*time.Second)
	reqs := p.Requests()
	starts := make([]time.Time, len(reqs))
	for i, r := range reqs {
		starts[i] = r.Start
	}
	slices.SortFunc(starts, time.Time.Compare)
	// The starts are the server's: a worker starved of CPU between its grant
	// and its request (go test runs packages side by side on 2 cores) can
	// arrive late and bring the next start closer. One such gap is allowed;
	// broken politeness gives many, or starts far closer than the delay.
	gap, short := time.Hour, 0
	for i := 1; i < len(starts); i++ {
		d := starts[i].Sub(starts[i-1])
		gap = min(gap, d)
		if d < delay-10*time.Millisecond {
			short++
		}
	}
	peak := 0
	for _, n := range demoportal.PeakInFlight(reqs) {
		peak = max(peak, n)
	}
	t.Logf("%d requests by 4 workers: closest starts %v apart (%d under %v), at most %d in flight", len(reqs), gap.Round(time.Millisecond), short, delay-10*time.Millisecond, peak)
	if short > 1 || gap < delay/2 {
		t.Errorf("%d pairs of requests started under %v apart, the closest %v; want at most one, none under %v", short, delay-10*time.Millisecond, gap, delay/2)
		slices.SortFunc(reqs, func(a, b demoportal.Request) int { return a.Start.Compare(b.Start) })
		for i := 1; i < len(reqs); i++ {
			if d := reqs[i].Start.Sub(reqs[i-1].Start); d < delay-10*time.Millisecond {
				t.Logf("%s then %s: %v", reqs[i-1].Path, reqs[i].Path, d)
			}
		}
	}
	if peak > 2 {
		t.Errorf("%d requests in flight at once, limit 2", peak)
	}
	mergeWorkers(t, dir, ws, "polite", p)

	var out, stderr bytes.Buffer
	if code := run(context.Background(), []string{"status", "--redis", srv.URL(0), "--crawl-id", "polite"}, nil, &out, &stderr); code != 0 {
		t.Fatalf("status: exit %d: %s", code, stderr.String())
	}
	host := strings.TrimPrefix(site.URL, "http://")
	for _, want := range []string{"crawl polite: generation 1, 0 queued, 0 leased,", host + "  ", "WORKER"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status says\n%s\nwant %q in it", out.String(), want)
		}
	}
}

// TestSharedRedisRestart: Redis (appendonly yes) is killed mid-crawl and
// started again; the workers retry, reconnect and finish, losing nothing.
func TestSharedRedisRestart(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{AppendOnly: true})
	p := demoportal.New(demoportal.Options{Clean: true, Articles: *sharedArticles / 2, Latency: 50 * time.Millisecond})
	site := httptest.NewServer(p)
	t.Cleanup(site.Close)
	dir := t.TempDir()
	ws := startWorkers(t, 2, dir, srv.URL(0), "restart", site.URL+"/",
		"--delay", "0", "--parallel", "8", "--workers", "4", "--lease", "3s")
	if !until(60*time.Second, func() bool { return len(p.Requests()) >= *sharedArticles/6 }) {
		t.Fatalf("the crawl did not get a third of the way\n%s", ws[0].stderr)
	}
	srv.Kill()
	n := len(p.Requests())
	time.Sleep(time.Second)
	for i, w := range ws {
		if w.cmd.ProcessState != nil || len(w.done) > 0 {
			t.Fatalf("worker %d ended while Redis was down\n%s", i, w.stderr)
		}
	}
	srv.Restart()
	t.Logf("Redis killed after %d requests, restarted a second later; %d requests meanwhile", n, len(p.Requests())-n)
	wait(t, ws, 90*time.Second)
	mergeWorkers(t, dir, ws, "restart", p)
}
