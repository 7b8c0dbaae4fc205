package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsclip/newsclip/internal/demoportal"
)

// unblockFIFO opens the pipe at path for writing and closes it: a reader
// blocked opening it goes on and reads nothing.
func unblockFIFO(path string) {
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
	}
}

// runWithin runs the command in this process; a run that has not ended
// after a minute is a hang: the test fails, and unblock is called so that
// the run can end.
func runWithin(t *testing.T, unblock func(), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	done := make(chan struct{})
	var out, errb bytes.Buffer
	go func() {
		defer close(done)
		code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Errorf("%q hangs", args)
		unblock()
		<-done
	}
	return code, out.String(), errb.String()
}

// TestExtractDirectorySkipsPipes: a directory walk takes regular files
// only and says what it skipped and why; the inputs after a named pipe are
// extracted.
func TestExtractDirectorySkipsPipes(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "a.html"), page, 0o644))
	fifo := filepath.Join(dir, "m.html")
	mkfifo(t, fifo)
	must(t, os.WriteFile(filepath.Join(dir, "z.html"), page, 0o644))
	code, out, errs := runWithin(t, func() { unblockFIFO(fifo) }, "extract", dir)
	recs := records(t, out)
	if code != exitOK || len(recs) != 2 {
		t.Fatalf("exit %d, %d records; want 0 and 2 (a.html, z.html)\n%s", code, len(recs), errs)
	}
	if filepath.Base(recs[1].Input) != "z.html" {
		t.Errorf("second record is %q, want z.html", recs[1].Input)
	}
	if !strings.Contains(errs, "m.html") || !strings.Contains(errs, "named pipe") {
		t.Errorf("stderr does not say the pipe was skipped and why:\n%s", errs)
	}
}

// TestExtractNamedPipe: a named pipe given on the command line is read,
// like standard input.
func TestExtractNamedPipe(t *testing.T) {
	page, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "page")
	mkfifo(t, fifo)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.Write(page)
		f.Close()
	}()
	code, out, errs := runWithin(t, func() { unblockFIFO(fifo) }, "extract", fifo)
	recs := records(t, out)
	if code != exitOK || len(recs) != 1 || recs[0].Agency != "AP" {
		t.Errorf("exit %d, records %+v\n%s", code, recs, errs)
	}
}

// TestExtractSignal: SIGINT or SIGTERM stops extract at once, whatever it
// waits for — a pipe nobody writes to, a server that does not answer —
// with status 130 or 143 and no half line.
func TestExtractSignal(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "pipe.html")
			mkfifo(t, fifo)
			asked := make(chan struct{})
			var once sync.Once
			release := make(chan struct{})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				once.Do(func() { close(asked) })
				select {
				case <-release:
				case <-r.Context().Done():
				}
			}))
			defer srv.Close()
			defer close(release)
			cmd := newsclip("extract", "-j", "2", fifo, srv.URL+"/slow.html")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			must(t, cmd.Start())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-asked: // the process is past its signal set-up, and blocked
			case err := <-done:
				t.Fatalf("ended before the signal: %v\n%s", err, stderr.String())
			}
			cmd.Process.Signal(c.sig)
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				<-done
				unblockFIFO(fifo)
				t.Fatalf("%s did not stop extract\n%s", c.sig, stderr.String())
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code {
				t.Errorf("exit %v, want status %d\n%s", err, c.code, stderr.String())
			}
			readRecords(t, stdout.Bytes()) // no half line
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("no word of the interruption:\n%s", stderr.String())
			}
		})
	}
}

// crawlState crawls a small portal into a state file and an output, and
// returns the portal's URL.
func crawlState(t *testing.T, state, out string) string {
	t.Helper()
	srv := httptest.NewServer(demoportal.New(demoportal.Options{Clean: true, Articles: 12}))
	t.Cleanup(srv.Close)
	code, _, errs := runCLI(t, "", "crawl", "-o", out, "--state", state, "--delay", "0", "--progress", "never", srv.URL+"/")
	if code != exitOK {
		t.Fatalf("crawl: exit %d\n%s", code, errs)
	}
	return srv.URL + "/"
}

// TestCrawlDamagedState: a state file cut short, or foreign, fails the
// crawl with a message naming the file and what to do; no panic, and the
// output is left as it was.
func TestCrawlDamagedState(t *testing.T) {
	dir := t.TempDir()
	state, out := filepath.Join(dir, "crawl.db"), filepath.Join(dir, "out.jsonl")
	seed := crawlState(t, state, out)
	data, _ := os.ReadFile(state)
	before, _ := os.ReadFile(out)
	for _, c := range []struct {
		name string
		data []byte
	}{
		// bbolt's file grows in steps: a cut past its last page loses
		// nothing. These cuts keep the meta pages and lose the rest.
		{"first pages", data[:2*os.Getpagesize()]},
		{"first page", data[:os.Getpagesize()]},
		{"text", []byte("this is not a state file\n")},
	} {
		t.Run(c.name, func(t *testing.T) {
			must(t, os.WriteFile(state, c.data, 0o644))
			code, _, errs := runCLI(t, "", "crawl", "-o", out, "--state", state, "--delay", "0", seed)
			if code != exitFailed {
				t.Errorf("exit %d, want %d", code, exitFailed)
			}
			if !strings.Contains(errs, state) || !strings.Contains(errs, "move it aside") || strings.Contains(errs, "goroutine") {
				t.Errorf("message does not name the file and what to do:\n%s", errs)
			}
			if after, _ := os.ReadFile(out); !bytes.Equal(after, before) {
				t.Error("the output was changed")
			}
		})
	}
}

// TestCrawlNewStateOldOutput: a new or empty state file with an output
// that holds records is refused, unless --restart or --truncate says what
// the user wants; a crawl with its state in memory appends.
func TestCrawlNewStateOldOutput(t *testing.T) {
	dir := t.TempDir()
	state, out := filepath.Join(dir, "crawl.db"), filepath.Join(dir, "out.jsonl")
	seed := crawlState(t, state, out)
	before, _ := os.ReadFile(out)
	n := len(readRecords(t, before))
	args := func(extra ...string) []string {
		return append([]string{"crawl", "-o", out, "--state", state, "--delay", "0", "--progress", "never", seed}, extra...)
	}
	for _, fresh := range []func(){
		func() { must(t, os.WriteFile(state, nil, 0o644)) }, // zero length
		func() { must(t, os.Remove(state)) },                // missing
	} {
		fresh()
		code, _, errs := runCLI(t, "", args()...)
		if code != exitFailed || !strings.Contains(errs, "--restart") || !strings.Contains(errs, out) {
			t.Errorf("exit %d, want %d and a message naming the output and --restart:\n%s", code, exitFailed, errs)
		}
		if after, _ := os.ReadFile(out); !bytes.Equal(after, before) {
			t.Error("the output was changed")
		}
	}
	if code, _, errs := runCLI(t, "", args("--restart")...); code != exitOK {
		t.Fatalf("--restart: exit %d\n%s", code, errs)
	}
	after, _ := os.ReadFile(out)
	if got := len(readRecords(t, after)); got != 2*n {
		t.Errorf("--restart: %d records, want %d (appended again)", got, 2*n)
	}
	// --truncate with a state that holds a crawl would lose its records.
	if code, _, errs := runCLI(t, "", args("--truncate")...); code != exitUsage || !strings.Contains(errs, "--restart") {
		t.Errorf("--truncate with a crawl in the state: exit %d\n%s", code, errs)
	}
	if code, _, errs := runCLI(t, "", args("--truncate", "--restart")...); code != exitOK {
		t.Fatalf("--truncate --restart: exit %d\n%s", code, errs)
	}
	after, _ = os.ReadFile(out)
	if got := len(readRecords(t, after)); got != n {
		t.Errorf("--truncate --restart: %d records, want %d", got, n)
	}
	memory := []string{"crawl", "-o", out, "--state", "", "--delay", "0", "--progress", "never", seed}
	if code, _, errs := runCLI(t, "", memory...); code != exitOK {
		t.Fatalf("--state \"\": exit %d\n%s", code, errs)
	}
	after, _ = os.ReadFile(out)
	if got := len(readRecords(t, after)); got != 2*n {
		t.Errorf("--state \"\": %d records, want %d (appended)", got, 2*n)
	}
}

// lineWatcher is a writer that closes seen once a line holding word was
// written.
type lineWatcher struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	word string
	seen chan struct{}
	once sync.Once
}

func (w *lineWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.word) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func (w *lineWatcher) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestCrawlOutputLocked: a second crawl writing to the output of a crawl
// under way is refused; the first writes every article once.
func TestCrawlOutputLocked(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 40, Latency: 5 * time.Millisecond})
	srv := httptest.NewServer(p)
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	args := func(state string) []string {
		return []string{"crawl", "-o", out, "--state", state, "--delay", "0", "--parallel", "2", "--progress", "never", srv.URL + "/"}
	}
	first := &lineWatcher{word: "crawl starting", seen: make(chan struct{})}
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), args(filepath.Join(dir, "a.db")), nil, io.Discard, first)
	}()
	select {
	case <-first.seen:
	case code := <-done:
		t.Fatalf("first crawl ended before it started: exit %d\n%s", code, first.String())
	}
	code, _, errs := runCLI(t, "", args(filepath.Join(dir, "b.db"))...)
	if code != exitFailed || !strings.Contains(errs, out) || !strings.Contains(errs, "another crawl") {
		t.Errorf("second crawl: exit %d, want %d and a message naming the output\n%s", code, exitFailed, errs)
	}
	if code := <-done; code != exitOK {
		t.Fatalf("first crawl: exit %d\n%s", code, first.String())
	}
	data, _ := os.ReadFile(out)
	checkExactlyOnce(t, data, p)
}

// TestCrawlSeedsFail: a crawl whose every seed fails exits 1, and says why
// each failed.
func TestCrawlSeedsFail(t *testing.T) {
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL + "/"
	refused.Close()
	code, out, errs := runCLI(t, "", "crawl", "--state", "", "--delay", "0", "--retries", "0", "--timeout", "5s",
		"--progress", "never", notFound.URL+"/", refusedURL)
	if code != exitFailed || out != "" {
		t.Errorf("exit %d, stdout %q; want %d and nothing", code, out, exitFailed)
	}
	for _, w := range []string{notFound.URL + "/: http-404", refusedURL + ": ", "refused", "every seed failed"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
}

// TestBadValues: flags whose values make no sense are usage errors.
func TestBadValues(t *testing.T) {
	for _, args := range [][]string{
		{"extract", "-j", "0", seedPage},
		{"extract", "-j", "-3", seedPage},
		{"extract", "--max-bytes", "-1", seedPage},
		{"extract", "--max-bytes", "0", seedPage},
		{"extract", "--timeout", "0s", seedPage},
		{"crawl", "--parallel", "0", "http://x.example/"},
		{"crawl", "--workers", "-1", "http://x.example/"},
		{"crawl", "--retries", "-2", "http://x.example/"},
		{"crawl", "--timeout", "-1s", "http://x.example/"},
		{"crawl", "--delay", "-1s", "http://x.example/"},
		{"crawl", "--max-depth", "-1", "http://x.example/"},
		{"crawl", "--max-pages", "-5", "http://x.example/"},
		{"crawl", "--max-body", "0", "http://x.example/"},
		{"crawl", "--progress", "sometimes", "http://x.example/"},
		{"demo", "--articles", "0"},
	} {
		code, out, errs := runCLI(t, "", args...)
		if code != exitUsage || out != "" || errs == "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %d, a message on stderr only", args, code, out, errs, exitUsage)
		}
	}
}

// TestExtractMessages: failures say what went wrong.
func TestExtractMessages(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	cut := filepath.Join(dir, "cut.html.gz")
	must(t, os.WriteFile(cut, gz.Bytes()[:gz.Len()/2], 0o644))
	plain := filepath.Join(dir, "plain.html.gz") // HTML under a gzip name
	must(t, os.WriteFile(plain, page, 0o644))
	for _, c := range []struct {
		args []string
		want []string // in the record's error
	}{
		{[]string{cut}, []string{"damaged gzip"}},
		{[]string{"--max-bytes", "1000", seedPage}, []string{"1000", "--max-bytes"}},
	} {
		_, out, errs := runCLI(t, "", append([]string{"extract"}, c.args...)...)
		recs := records(t, out)
		if len(recs) != 1 {
			t.Fatalf("%q: %d records", c.args, len(recs))
		}
		for _, w := range c.want {
			if !strings.Contains(recs[0].Error, w) {
				t.Errorf("%q: error %q does not say %q", c.args, recs[0].Error, w)
			}
		}
		if name := c.args[len(c.args)-1]; strings.Count(errs, name) != 1 {
			t.Errorf("%q: stderr names the input %d times:\n%s", c.args, strings.Count(errs, name), errs)
		}
	}
	code, out, errs := runCLI(t, "", "extract", plain)
	if recs := records(t, out); code != exitOK || len(recs) != 1 || recs[0].Agency != "AP" {
		t.Errorf("HTML named .gz: exit %d, %s", code, errs)
	}
}

// TestExtractFlagsAfterInputs: flags may follow the inputs, as for crawl.
func TestExtractFlagsAfterInputs(t *testing.T) {
	code, out, errs := runCLI(t, "", "extract", seedPage, "--format", "text")
	if code != exitOK || strings.HasPrefix(out, "{") || !strings.Contains(out, "MOSCOW (AP)") {
		t.Errorf("exit %d, output %.100q\n%s", code, out, errs)
	}
}

// TestHelp: help asked for goes to stdout with status 0, a usage error to
// stderr with status 2; flags are spelled one way, as in the prose.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"help", "extract"}, {"help", "crawl"}, {"help", "demo"},
		{"extract", "-h"}, {"crawl", "--help"}, {"demo", "-h"}} {
		code, out, errs := runCLI(t, "", args...)
		if code != exitOK || !strings.Contains(out, "usage:") || errs != "" {
			t.Errorf("%q: exit %d, stdout %.60q, stderr %.60q; want help on stdout", args, code, out, errs)
		}
		if strings.Contains(out, "\n  -state") || strings.Contains(out, "\n  -format") || strings.Contains(out, "\n  -max") {
			t.Errorf("%q: a long flag spelled with one dash:\n%s", args, out)
		}
	}
	for _, args := range [][]string{{"help", "frobnicate"}, {"extract", "--frobnicate", seedPage}, {"crawl", "-frob"}} {
		code, out, errs := runCLI(t, "", args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, "-h") {
			t.Errorf("%q: exit %d, stdout %.60q, stderr %.60q; want status 2 and a hint on stderr", args, code, out, errs)
		}
	}
	code, out, _ := runCLI(t, "", "--version")
	if code != exitOK || !strings.HasPrefix(out, "newsclip ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

// TestDemoOverwrites: the demo, a one-off run, overwrites its output, and
// tells the faults it stages from the others.
func TestDemoOverwrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo.jsonl")
	var first []byte
	for i := range 2 {
		code, _, errs := runCLI(t, "", "demo", "-o", out, "--articles", "12", "--timeout", "300ms", "--log-level", "error")
		if code != exitOK {
			t.Fatalf("run %d: exit %d\n%s", i, code, errs)
		}
		data, _ := os.ReadFile(out)
		if i == 0 {
			first = data
		} else if n, m := len(readRecords(t, data)), len(readRecords(t, first)); n != m {
			t.Errorf("second demo run left %d records, want %d (overwritten)", n, m)
		}
		if !strings.Contains(errs, "on purpose") || !strings.Contains(errs, "too-large") {
			t.Errorf("the summary does not say which failures are staged:\n%s", errs)
		}
	}
}

// TestExtractCanonicalBase: without --url, a page's own canonical URL
// (<link rel=canonical>, else og:url) stands in for its address, so its
// links come out absolute; a page that gives neither keeps them relative.
func TestExtractCanonicalBase(t *testing.T) {
	page, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	const canon = "https://www.legacybuild.example/invest/2025/0417/lavrov.html"
	dir := t.TempDir()
	for _, c := range []struct {
		name, head string
		base       string // "" when links stay relative
	}{
		{"canonical", `<link rel="canonical" href="` + canon + `">`, canon},
		{"og-url", `<meta property="og:url" content="` + canon + `">`, canon},
		{"relative canonical", `<link rel="canonical" href="/invest/2025/0417/lavrov.html">`, ""},
		{"neither", ``, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".html")
			must(t, os.WriteFile(path, bytes.Replace(page, []byte("<head>"), []byte("<head>"+c.head), 1), 0o644))
			code, out, errs := runCLI(t, "", "extract", path)
			recs := records(t, out)
			if code != exitOK || len(recs) != 1 {
				t.Fatalf("exit %d\n%s", code, errs)
			}
			a := recs[0]
			var rel, abs int
			for _, b := range a.Blocks {
				for _, l := range b.Links {
					switch {
					case strings.HasPrefix(l.URL, "https://www.legacybuild.example/"):
						abs++
					case !strings.Contains(l.URL, "://"):
						rel++
					}
				}
			}
			if c.base != "" && (rel > 0 || abs == 0 || a.URL != c.base) {
				t.Errorf("url %q, %d links relative, %d resolved; want url %q and every link resolved", a.URL, rel, abs, c.base)
			}
			if c.base == "" && (rel == 0 || a.URL != "") {
				t.Errorf("url %q, %d links relative; want no url and the links as the page gives them", a.URL, rel)
			}
		})
	}
}
