package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainInputs runs explain on each kind of input — a file, a .html.gz
// file, stdin and a URL — and checks the file it writes: the page's labels,
// its panel with the record, no script left.
func TestExplainInputs(t *testing.T) {
	page, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	gzPath := filepath.Join(dir, "seed.html.gz")
	if err := os.WriteFile(gzPath, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"file", "", []string{seedPage}},
		{"gzip", "", []string{gzPath}},
		{"stdin", string(page), []string{"-"}},
		{"url", "", []string{srv.URL + "/invest/60d5b27e.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".html")
			code, stdout, errs := runCLI(t, tc.stdin, append([]string{"explain", "-o", out}, tc.args...)...)
			if code != exitOK || stdout != "" {
				t.Fatalf("exit %d, stdout %d bytes, stderr: %s", code, len(stdout), errs)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			for _, want := range []string{`data-nc-class="related"`, `data-nc-class="ranking"`, `data-nc-class="recommendation"`,
				`data-nc-class="body"`, `id="nc-record"`, `&#34;agency&#34;: &#34;AP&#34;`} {
				if !strings.Contains(s, want) {
					t.Errorf("explain file lacks %s", want)
				}
			}
			if strings.Contains(s, "<script") {
				t.Errorf("explain file holds a script")
			}
		})
	}
}

// TestExplainStdoutAndFailures checks output to stdout, and the exit
// statuses of a missing input, a missing truth file and bad usage.
func TestExplainStdoutAndFailures(t *testing.T) {
	code, out, errs := runCLI(t, "", "explain", seedPage)
	if code != exitOK || !strings.HasPrefix(out, "<!DOCTYPE html>") {
		t.Errorf("explain to stdout: exit %d, output %.40q, stderr %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "", "explain", filepath.Join(t.TempDir(), "missing.html")); code != exitFailed || errs == "" {
		t.Errorf("missing input: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "explain", "--truth", filepath.Join(t.TempDir(), "missing.txt"), seedPage); code != exitFailed || errs == "" {
		t.Errorf("missing truth: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "explain"); code != exitUsage {
		t.Errorf("no input: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCLI(t, "", "explain", seedPage, seedPage); code != exitUsage {
		t.Errorf("two inputs: exit %d, want %d", code, exitUsage)
	}
	// A page with no article still explains, and says so.
	code, out, _ = runCLI(t, "<html><body><p>Hello.</p></body></html>", "explain", "-")
	if code != exitOK || !strings.Contains(out, "minBodyWords") {
		t.Errorf("page with no article: exit %d, no minBodyWords entry in the file", code)
	}
}

// TestExplainTruth checks --truth: a line of the truth the body lacks is
// listed as missing.
func TestExplainTruth(t *testing.T) {
	truth := filepath.Join(t.TempDir(), "truth.txt")
	if err := os.WriteFile(truth, []byte("veryGood! (46151)\nSergey Lavrov will be in North Korea on Wednesday and Thursday\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "explain", "--truth", truth, seedPage)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(out, `<ol id="nc-missing"><li class="nc-truth-missing">veryGood! (46151)</li></ol>`) {
		t.Errorf("missing line not listed")
	}
	if !strings.Contains(out, `data-nc-truth="extra"`) {
		t.Errorf("no body paragraph marked extra")
	}
}
