//go:build linux

package crawl_test

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/crawl/store/bbolt"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// The trap measurement: the portal with and without the traps of real
// news sites (demoportal.Options.Traps), each served by a child process
// and crawled by another (bbolt state, JSONL output), as the newsclip
// command would:
//
//	go test ./crawl -run '^$' -bench BenchmarkTraps -benchtime 1x -timeout 30m
//
// NEWSCLIP_TRAP_ARTICLES sets the portal's size (default 500),
// NEWSCLIP_TRAP_SESSION its session parameter (default sid; try a name no
// list holds, such as visit) and NEWSCLIP_TRAP_LIMIT the crawl's time
// limit (default 600s): a crawl still running then is stopped
// (finished=0). It reports the requests the portal
// answered, the records and duplicates, the records and requests under
// copies and variants, and the crawl process's peak RSS.

const (
	trapPortalEnv = "NEWSCLIP_TRAP_PORTAL"
	trapCrawlEnv  = "NEWSCLIP_TRAP_CRAWL"
)

// requestCounts classifies the requests a portal answered.
type requestCounts struct {
	Total, Distinct                   int
	Robots, Nofollow                  int // requests to /private/ and /hidden/: violations
	Session, Print, AMP, Browse, Soft int
}

func (c *requestCounts) add(path string, session string) {
	c.Total++
	switch {
	case strings.HasPrefix(path, "/private/"):
		c.Robots++
	case strings.HasPrefix(path, demoportal.HiddenPath):
		c.Nofollow++
	case strings.HasPrefix(path, demoportal.AMPPrefix+"/"):
		c.AMP++
	case strings.HasPrefix(path, demoportal.BrowsePath):
		c.Browse++
	}
	_, q, _ := strings.Cut(path, "?")
	for kv := range strings.SplitSeq(q, "&") {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case session:
			c.Session++
		case demoportal.PrintParam:
			c.Print++
		}
	}
}

// TestTrapPortalProcess is not a test: run as a child process by
// BenchmarkTraps (NEWSCLIP_TRAP_PORTAL=articles,traps), it serves the
// portal on 127.0.0.1, prints its URL, and when its stdin closes prints
// the requestCounts and exits.
func TestTrapPortalProcess(t *testing.T) {
	spec := os.Getenv(trapPortalEnv)
	if spec == "" {
		t.Skip("helper process")
	}
	f := strings.Split(spec+",,", ",")
	articles, _ := strconv.Atoi(f[0])
	session := cmp.Or(f[2], "sid")
	p := demoportal.New(demoportal.Options{Articles: articles, Traps: f[1] == "1", SessionParam: session, NoLog: true})
	var mu sync.Mutex
	var counts requestCounts
	distinct := map[string]struct{}{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		counts.add(r.URL.RequestURI(), session)
		distinct[r.URL.RequestURI()] = struct{}{}
		mu.Unlock()
		p.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go http.Serve(ln, h)
	fmt.Printf("http://%s/\n", ln.Addr())
	io.Copy(io.Discard, os.Stdin)
	mu.Lock()
	counts.Distinct = len(distinct)
	json.NewEncoder(os.Stdout).Encode(counts)
	os.Exit(0)
}

// trapCrawlResult is what TestTrapCrawlProcess reports.
type trapCrawlResult struct {
	Finished         bool
	WallS, MaxRSSMB  float64
	AnonMB, FileMB   float64
	LiveHeapMB       float64
	Fetches, Queued  int64
	Articles, Pages  int64
	Stats            string
	StateMB, Written float64
}

// TestTrapCrawlProcess is not a test: run as a child process by
// BenchmarkTraps (NEWSCLIP_TRAP_CRAWL=url,dir,limit), it crawls the portal
// with its state and output in dir, stopping after limit, and prints a
// trapCrawlResult.
func TestTrapCrawlProcess(t *testing.T) {
	spec := strings.Split(os.Getenv(trapCrawlEnv), ",")
	if len(spec) != 3 {
		t.Skip("helper process")
	}
	base, dir := spec[0], spec[1]
	limit, err := time.ParseDuration(spec[2])
	if err != nil {
		t.Fatal(err)
	}
	st, err := bbolt.Open(filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	sink, err := crawl.OpenJSONL(filepath.Join(dir, "out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	cr, err := crawl.New(crawl.Config{Parallel: benchParallel, Delay: -1, Timeout: 10 * time.Second,
		State: st, Transport: transport(benchParallel)})
	if err != nil {
		t.Fatal(err)
	}
	mem := startMemPeak()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	t0 := time.Now()
	err = cr.Run(ctx, []string{base}, sink)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatal(err)
	}
	sink.Close()
	st.Close()
	wall := time.Since(t0)
	hwm, anon, file, heap := mem.end()
	stats := cr.Stats()
	fi, _ := os.Stat(filepath.Join(dir, "state.db"))
	json.NewEncoder(os.Stdout).Encode(trapCrawlResult{Finished: err == nil, WallS: wall.Seconds(), MaxRSSMB: hwm,
		AnonMB: anon, FileMB: file, LiveHeapMB: heap, Fetches: stats.Fetches, Queued: stats.Queued,
		Articles: stats.Articles, Pages: stats.Pages, Stats: stats.String(), StateMB: float64(fi.Size()) / 1e6})
	os.Exit(0)
}

// trapRecords judges a crawl's records against the portal's articles.
type trapRecords struct {
	// Duplicates are records of an article recorded already.
	Records, Missing, Duplicates int
	// Variants are records under a print, AMP, session or index.html URL.
	Variants int
}

// judgeRecords reads the records' URLs, titles and dates: an article is
// its title and publication time, whatever URL it was recorded under.
func judgeRecords(recs []recordID, want int, session string) trapRecords {
	var out trapRecords
	seen := map[string]int{}
	for _, r := range recs {
		out.Records++
		if seen[r.identity]++; seen[r.identity] > 1 {
			out.Duplicates++
		}
		u := r.url
		if strings.Contains(u, "/"+strings.TrimPrefix(demoportal.AMPPrefix, "/")+"/") || strings.Contains(u, "index.html") ||
			strings.Contains(u, demoportal.PrintParam+"=") || strings.Contains(u, session+"=") {
			out.Variants++
		}
	}
	out.Missing = max(0, want-len(seen))
	return out
}

type recordID struct{ url, identity string }

func readRecordIDs(tb testing.TB, path string) []recordID {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []recordID
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var a struct{ URL, Title, Published string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, recordID{a.URL, a.Title + "\x00" + a.Published})
	}
	return out
}

// startTrapPortal runs the portal in a child process; stop ends it and
// returns its request counts.
func startTrapPortal(b *testing.B, articles int, traps bool, session string) (base string, stop func() requestCounts) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestTrapPortalProcess$")
	t := "0"
	if traps {
		t = "1"
	}
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d,%s,%s", trapPortalEnv, articles, t, session))
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	rd := bufio.NewReader(stdout)
	line, err := rd.ReadString('\n')
	if err != nil {
		b.Fatalf("portal: %v", err)
	}
	return strings.TrimSpace(line), func() requestCounts {
		stdin.Close()
		var c requestCounts
		if err := json.NewDecoder(rd).Decode(&c); err != nil {
			b.Errorf("portal counts: %v", err)
		}
		cmd.Wait()
		return c
	}
}

func BenchmarkTraps(b *testing.B) {
	articles := 500
	if v, err := strconv.Atoi(os.Getenv("NEWSCLIP_TRAP_ARTICLES")); err == nil && v > 0 {
		articles = v
	}
	limit := "600s"
	if v := os.Getenv("NEWSCLIP_TRAP_LIMIT"); v != "" {
		limit = v
	}
	session := cmp.Or(os.Getenv("NEWSCLIP_TRAP_SESSION"), "sid")
	want := len(demoportal.New(demoportal.Options{Articles: articles}).Articles())
	for _, traps := range []bool{false, true} {
		b.Run(fmt.Sprintf("traps=%v", traps), func(b *testing.B) {
			for b.Loop() {
				base, stop := startTrapPortal(b, articles, traps, session)
				dir := b.TempDir()
				cmd := exec.Command(os.Args[0], "-test.run=^TestTrapCrawlProcess$")
				cmd.Env = append(os.Environ(), trapCrawlEnv+"="+base+","+dir+","+limit)
				cmd.Stderr = os.Stderr
				out, err := cmd.Output()
				counts := stop()
				if err != nil {
					b.Fatalf("crawl process: %v\n%s", err, out)
				}
				var res trapCrawlResult
				if err := json.Unmarshal(out, &res); err != nil {
					b.Fatalf("crawl process: %v\n%s", err, out)
				}
				recs := judgeRecords(readRecordIDs(b, filepath.Join(dir, "out.jsonl")), want, session)
				finished := 0.0
				if res.Finished {
					finished = 1
				}
				b.ReportMetric(finished, "finished")
				b.ReportMetric(res.WallS, "wall-s")
				b.ReportMetric(float64(counts.Total), "requests")
				b.ReportMetric(float64(recs.Records), "records")
				b.ReportMetric(float64(recs.Duplicates), "duplicates")
				b.ReportMetric(float64(recs.Missing), "missing")
				b.ReportMetric(float64(recs.Variants), "variant-records")
				b.ReportMetric(float64(counts.Robots), "robots-violations")
				b.ReportMetric(float64(counts.Nofollow), "nofollow-violations")
				b.ReportMetric(res.MaxRSSMB, "peak-rss-MB")
				b.Logf("traps=%v: finished=%v in %.1fs; %d requests (%d distinct): session %d, print %d, AMP %d, browse %d; "+
					"records %d of %d articles, %d duplicates, %d missing, %d under variants; robots %d, nofollow %d violations; "+
					"peak RSS %.0f MB (anon %.0f, file %.0f), live heap %.1f MB, state %.1f MB, %d queued\n%s",
					traps, res.Finished, res.WallS, counts.Total, counts.Distinct, counts.Session, counts.Print, counts.AMP, counts.Browse,
					recs.Records, want, recs.Duplicates, recs.Missing, recs.Variants, counts.Robots, counts.Nofollow,
					res.MaxRSSMB, res.AnonMB, res.FileMB, res.LiveHeapMB, res.StateMB, res.Queued, res.Stats)
			}
		})
	}
}
