package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// TestNewsclipProcess is not a test: run by the tests below as a child
// process (NEWSCLIP_HELPER=1), it is the newsclip command, with the
// arguments after "--".
func TestNewsclipProcess(t *testing.T) {
	if os.Getenv("NEWSCLIP_HELPER") != "1" {
		t.Skip("helper process")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	ctx, stop := signalContext(context.Background(), quitNow, os.Interrupt, syscall.SIGTERM)
	code := run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func newsclip(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestNewsclipProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "NEWSCLIP_HELPER=1")
	return cmd
}

func readRecords(t *testing.T, data []byte) []extract.Article {
	t.Helper()
	var out []extract.Article
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("output ends in a half line: %.60q", data[max(0, len(data)-60):])
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		var a extract.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d is not a record: %v: %.80q", n, err, sc.Text())
		}
		out = append(out, a)
	}
	return out
}

// checkExactlyOnce asserts that the output holds whole records, every
// article of p exactly once.
func checkExactlyOnce(t *testing.T, out []byte, p *demoportal.Portal) {
	t.Helper()
	for _, problem := range p.CheckOutput(out) {
		t.Error(problem)
	}
}

// TestCrawlKill9Resume kills "newsclip crawl" with SIGKILL at random
// moments, runs the same command again each time, and checks that the
// output ends up with every article exactly once and no half line.
func TestCrawlKill9Resume(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	// The slow page is not slow here: this test is about kills, and a
	// short timeout on a loaded machine would fail pages for real.
	p := demoportal.New(demoportal.Options{Articles: 300, SlowDelay: time.Millisecond, Latency: 3 * time.Millisecond})
	srv := httptest.NewServer(p)
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	args := []string{"crawl", "-o", out, "--state", filepath.Join(dir, "crawl.db"), "--delay", "0", "--parallel", "4",
		"--timeout", "5s", "--retries", "2", "--log-level", "warn", "--progress", "never", srv.URL + "/"}
	kills, lines := 0, []int{}
	var logs bytes.Buffer
	for run := 0; ; run++ {
		if run > 40 {
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
		if kills < 6 {
			timer = time.After(time.Duration(60+rng.IntN(300)) * time.Millisecond)
		}
		select {
		case err := <-done:
			logs.Write(stderr.Bytes())
			if err != nil {
				t.Fatalf("run %d: %v\n%s", run, err, stderr.String())
			}
			data, _ := os.ReadFile(out)
			checkExactlyOnce(t, data, p)
			if t.Failed() {
				t.Logf("logs of all runs:\n%s", logs.String())
			}
			// How many kills land before the crawl ends depends on the
			// machine's speed: a measure, not a condition.
			t.Logf("%d kills landed before the crawl finished; records in the file after each: %v; final run:\n%s",
				kills, lines, stderr.String())
			return
		case <-timer:
			cmd.Process.Kill() // SIGKILL
			<-done
			logs.Write(stderr.Bytes())
			kills++
			data, _ := os.ReadFile(out)
			lines = append(lines, bytes.Count(data, []byte{'\n'}))
		}
	}
}

func TestCrawlStdout(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 30})
	srv := httptest.NewServer(p)
	defer srv.Close()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", srv.URL + "/", "--state", "", "--delay", "0", "--log-format", "json"},
		nil, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	checkExactlyOnce(t, stdout.Bytes(), p)
	for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("stderr line is not JSON with --log-format json: %q", l)
		}
	}
	if !strings.Contains(stderr.String(), `"msg":"summary"`) {
		t.Errorf("no summary in the logs:\n%s", stderr.String())
	}
}

func TestCrawlUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"crawl"}, exitUsage},
		{[]string{"crawl", "--no-such-flag", "http://x/"}, exitUsage},
		{[]string{"crawl", "ftp://example.com/"}, exitUsage},
		{[]string{"crawl", "--log-format", "xml", "http://x/"}, exitUsage},
		{[]string{"crawl", "--include", "(", "http://x/"}, exitUsage},
		{[]string{"demo", "extra"}, exitUsage},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), c.args, nil, &stdout, &stderr); code != c.code {
			t.Errorf("%q: exit %d, want %d\n%s", c.args, code, c.code, stderr.String())
		}
		if stdout.Len() > 0 {
			t.Errorf("%q: wrote to stdout: %q", c.args, stdout.String())
		}
	}
}

// TestCrawlInterrupted: a cancelled context (Ctrl-C) exits 130 and the
// same command resumes to the end.
func TestCrawlInterrupted(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 60, Latency: 2 * time.Millisecond})
	// The interrupt comes with the 20th request, whatever the machine's
	// speed: the crawl is always stopped midway.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) == 20 {
			cancel()
		}
		p.ServeHTTP(w, r)
	}))
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	args := []string{"crawl", "-o", out, "--state", filepath.Join(dir, "s.db"), "--delay", "0", "--parallel", "2", srv.URL + "/"}
	var stderr bytes.Buffer
	if code := run(ctx, args, nil, &bytes.Buffer{}, &stderr); code != exitInterrupted {
		t.Fatalf("exit %d, want %d\n%s", code, exitInterrupted, stderr.String())
	}
	stderr.Reset()
	if code := run(context.Background(), args, nil, &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("resume: exit %d\n%s", code, stderr.String())
	}
	data, _ := os.ReadFile(out)
	checkExactlyOnce(t, data, p)
	stderr.Reset()
	run(context.Background(), args, nil, &bytes.Buffer{}, &stderr)
	if !strings.Contains(stderr.String(), "nothing to do") {
		t.Errorf("third run did not say there was nothing to do:\n%s", stderr.String())
	}
}

func TestDemo(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"demo", "--articles", "30", "--timeout", "300ms", "--log-level", "error"}, nil, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	recs := readRecords(t, stdout.Bytes())
	// 30 generated articles, 4 in legacy charsets, 1 with broken markup.
	if len(recs) != 35 {
		t.Errorf("%d records, want 35\n%s", len(recs), stderr.String())
	}
	for _, w := range []string{"article=35", "robots=", "trap=", "http-404=", "redirect-loop=", "too-large=", "timeout="} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("summary lacks %q:\n%s", w, stderr.String())
		}
	}
}

// TestCrawlDemoDefaults: "crawl --demo" crawls the local portal with the
// settings of "newsclip demo", but those given as flags.
func TestCrawlDemoDefaults(t *testing.T) {
	demo := defaultCrawlOptions()
	demoDefaults(demo, nil)
	for _, c := range []struct {
		args []string
		want crawlOptions
	}{
		{[]string{"--demo"}, *demo},
		{[]string{"--demo", "--delay", "1s", "--state", "s.db"}, func() crawlOptions {
			o := *demo
			o.delay, o.state = time.Second, "s.db"
			return o
		}()},
		{[]string{"http://example.com/"}, *defaultCrawlOptions()},
	} {
		o, _, err := parseCrawl(c.args, io.Discard)
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		got := [5]any{o.state, o.delay, o.parallel, o.timeout, o.retries}
		want := [5]any{c.want.state, c.want.delay, c.want.parallel, c.want.timeout, c.want.retries}
		if got != want {
			t.Errorf("%q: state, delay, parallel, timeout, retries = %v, want %v", c.args, got, want)
		}
	}
	if demo.delay != 0 || demo.timeout >= 5*time.Second || demo.state != "" {
		t.Errorf("demo defaults %+v: want no delay, a timeout under the slow page's 5 s, no state file", *demo)
	}
}

// TestCrawlSIGTERM: SIGTERM stops a crawl like Ctrl-C, with exit status
// 143 (SIGINT's is 130).
func TestCrawlSIGTERM(t *testing.T) {
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 200, Latency: 20 * time.Millisecond})
	srv := httptest.NewServer(p)
	defer srv.Close()
	dir := t.TempDir()
	cmd := newsclip("crawl", "-o", filepath.Join(dir, "out.jsonl"), "--state", filepath.Join(dir, "s.db"),
		"--delay", "0", "--parallel", "1", "--progress", "never", srv.URL+"/")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	sc := bufio.NewScanner(stderr)
	for sc.Scan() { // 200 articles at 20 ms each: the crawl is still on
		logs.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "crawl starting") {
			cmd.Process.Signal(syscall.SIGTERM)
			break
		}
	}
	for sc.Scan() {
		logs.WriteString(sc.Text() + "\n")
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Errorf("exit %v, want status 143\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "interrupted") {
		t.Errorf("no word of the interruption:\n%s", logs.String())
	}
}
