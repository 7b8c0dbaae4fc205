package main

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/demoportal"
	"github.com/newsclip/newsclip/warc"
	"github.com/nlnwa/gowarc/v3"
)

// byURL sorts records by URL, without input and fetched (which name the
// source: a URL for the crawl, FILE#OFFSET and a time for WARC files).
func byURL(recs []extract.Article) []extract.Article {
	out := append([]extract.Article(nil), recs...)
	for i := range out {
		out[i].Input, out[i].Fetched = "", ""
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// checkWARCDir reads every WARC file of dir with this project's reader
// and, strictly, with gowarc; it checks that each has its CDXJ index and
// that no file is left open. It returns the number of files.
func checkWARCDir(t *testing.T, dir string) int {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	n := 0
	for _, f := range files {
		switch {
		case strings.HasSuffix(f, ".open"):
			t.Errorf("%s left open", f)
		case strings.HasSuffix(f, ".warc.gz"):
			n++
			if _, err := os.Stat(f + ".cdxj"); err != nil {
				t.Errorf("no index beside %s", f)
			}
			r := warc.NewReader(mustOpen(t, f))
			for {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				io.Copy(io.Discard, rec.Block)
			}
			gr, err := gowarc.NewWarcFileReader(f, 0, gowarc.WithStrictValidation())
			if err != nil {
				t.Fatal(err)
			}
			for {
				rec, err := gr.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("gowarc: %s at %d: %v", f, rec.Offset, err)
				}
				rec.Close()
			}
			gr.Close()
		}
	}
	return n
}

func mustOpen(t *testing.T, path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// `newsclip extract` over a crawl's WARC files gives the records the
// crawl wrote, on the demo portal (faults, redirects, legacy charsets,
// gzip sitemaps included).
func TestCrawlWARCExtractsTheSame(t *testing.T) {
	dir := t.TempDir()
	warcDir := filepath.Join(dir, "warc")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"demo", "--articles", "40", "--timeout", "300ms", "--log-level", "error",
		"--warc", warcDir, "--warc-max-size", "100KiB"}, nil, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("crawl: exit %d\n%s", code, stderr.String())
	}
	crawled := readRecords(t, stdout.Bytes())
	if n := checkWARCDir(t, warcDir); n < 2 {
		t.Errorf("%d WARC files, want rotation at 100 KiB", n)
	}
	code, out, errs := runCLI(t, "", "extract", warcDir)
	if code != exitOK {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	fromWARC := records(t, out)
	if diff := cmp.Diff(byURL(crawled), byURL(fromWARC)); diff != "" {
		t.Errorf("records from the WARC files differ from the crawl's (-crawl +warc):\n%s", diff)
	}
	for _, a := range fromWARC {
		if !strings.Contains(a.Input, ".warc.gz#") || a.Fetched == "" {
			t.Errorf("record input %q fetched %q", a.Input, a.Fetched)
			break
		}
	}
}

// TestCrawlWARCKill9Resume kills a crawl writing WARC files with SIGKILL
// at random moments and runs it again each time: every WARC file is then
// closed and valid (the one open at a kill recovered up to its last whole
// record), and extract over them finds every article the crawl wrote.
func TestCrawlWARCKill9Resume(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 11))
	p := demoportal.New(demoportal.Options{Articles: 150, SlowDelay: time.Millisecond, Latency: 3 * time.Millisecond})
	srv := httptest.NewServer(p)
	defer srv.Close()
	dir := t.TempDir()
	out, warcDir := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "warc")
	args := []string{"crawl", "-o", out, "--state", filepath.Join(dir, "crawl.db"), "--delay", "0", "--parallel", "4",
		"--timeout", "5s", "--retries", "2", "--log-level", "warn", "--progress", "never",
		"--warc", warcDir, "--warc-max-size", "150KiB", srv.URL + "/"}
	kills := 0
	var logs bytes.Buffer
	for run := 0; ; run++ {
		if run > 30 {
			t.Fatal("crawl never finished")
		}
		cmd := newsclip(args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var timer <-chan time.Time
		if kills < 4 {
			timer = time.After(time.Duration(80+rng.IntN(300)) * time.Millisecond)
		}
		select {
		case err := <-done:
			logs.Write(stderr.Bytes())
			if err != nil {
				t.Fatalf("run %d: %v\n%s", run, err, stderr.String())
			}
		case <-timer:
			cmd.Process.Kill()
			<-done
			logs.Write(stderr.Bytes())
			kills++
			continue
		}
		break
	}
	t.Logf("%d kills landed; recovery lines:\n%s", kills, grepLines(logs.String(), "crash"))
	checkWARCDir(t, warcDir)
	data, _ := os.ReadFile(out)
	checkExactlyOnce(t, data, p)
	crawled := readRecords(t, data)
	code, stdout, errs := runCLI(t, "", "extract", warcDir)
	if code != exitOK {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	inWARC := map[string]bool{}
	for _, a := range records(t, stdout) {
		inWARC[a.URL] = true
	}
	for _, a := range crawled {
		if !inWARC[a.URL] {
			t.Errorf("%s recorded by the crawl, not in its WARC files", a.URL)
		}
	}
}

func grepLines(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// Ctrl-C (a cancelled context) closes the open WARC file cleanly: renamed,
// indexed, valid; the resumed crawl begins the next file.
func TestCrawlWARCInterrupted(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 400, Latency: 5 * time.Millisecond})
	srv := httptest.NewServer(p)
	defer srv.Close()
	dir := t.TempDir()
	warcDir := filepath.Join(dir, "warc")
	args := []string{"crawl", "-o", filepath.Join(dir, "out.jsonl"), "--state", filepath.Join(dir, "s.db"), "--delay", "0",
		"--progress", "never", "--warc", warcDir, srv.URL + "/"}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	var stderr bytes.Buffer
	if code := run(ctx, args, nil, &bytes.Buffer{}, &stderr); code != exitInterrupted {
		t.Fatalf("exit %d, want %d\n%s", code, exitInterrupted, stderr.String())
	}
	if n := checkWARCDir(t, warcDir); n != 1 {
		t.Errorf("%d WARC files after Ctrl-C, want 1", n)
	}
	if code := run(context.Background(), args, nil, &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("resume: exit %d\n%s", code, stderr.String())
	}
	if n := checkWARCDir(t, warcDir); n != 2 {
		t.Errorf("%d WARC files after the resumed crawl, want 2", n)
	}
	if strings.Contains(stderr.String(), "crash") {
		t.Errorf("a clean stop was recovered as a crash:\n%s", stderr.String())
	}
}
