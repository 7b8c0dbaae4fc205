package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReport runs "newsclip report" on records and a JSON log written by
// hand, to a file and to stdout, and on the bad uses.
func TestReport(t *testing.T) {
	dir := t.TempDir()
	recs := filepath.Join(dir, "crawl.jsonl")
	log := filepath.Join(dir, "crawl.log")
	must(t, os.WriteFile(recs, []byte(
		`{"schema":1,"input":"https://a.example/1","fetched":"2025-04-18T08:00:00Z","url":"https://a.example/1","title":"Ferry fares rise","section":["Home","World"],"published":"2025-04-17T09:00:00Z","agency":"AP","dateline":"LIMA","language":"en","text":"…","word_count":120,"fingerprint":"00000000000000ff"}
{"schema":1,"url":"https://b.example/x","title":"UPDATE: Ferry fares rise","section":["Business"],"published":"2025-04-19","language":"en","text":"…","word_count":118,"fingerprint":"00000000000001ff"}
not a record
`), 0o644))
	must(t, os.WriteFile(log, []byte(
		`{"time":"2025-04-18T08:00:00Z","level":"WARN","msg":"page failed","url":"https://a.example/gone","reason":"http-404","attempts":1,"err":"http-404"}
`), 0o644))
	out := filepath.Join(dir, "report.html")

	code, stdout, stderr := runCLI(t, "", "report", recs, "--log", log, "-o", out, "--title", "Ferries")
	if code != exitOK || stdout != "" || !strings.Contains(stderr, "skipped 1 line that") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0, nothing, the skipped line", code, stdout, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<title>Ferries</title>", `data-label="World" data-value="1"`, `data-label="http-404" data-value="1"`,
		`data-label="2 records" data-value="1"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %s", want)
		}
	}
	if _, err := os.Stat(out + ".tmp"); err == nil {
		t.Errorf("temporary file left behind")
	}

	// Records on stdin, the page on stdout; exact copies only: the two
	// near copies make no cluster.
	data, _ := os.ReadFile(recs)
	code, stdout, _ = runCLI(t, string(data), "report", "--threshold", "-1", "-")
	if code != exitOK || !strings.HasPrefix(stdout, "<!doctype html>") || strings.Contains(stdout, `data-label="2 records"`) {
		t.Errorf("stdin to stdout, --threshold -1: exit %d, %.60q", code, stdout)
	}

	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"report"}, exitUsage, "no records given"},
		{[]string{"report", recs, "--threshold", "40"}, exitUsage, "--threshold 40"},
		{[]string{"report", recs, "--top", "0"}, exitUsage, "--top 0"},
		{[]string{"report", filepath.Join(dir, "missing.jsonl")}, exitFailed, "missing.jsonl"},
		{[]string{"report", recs, "--log", filepath.Join(dir, "missing.log")}, exitFailed, "missing.log"},
		{[]string{"report", recs, "-o", filepath.Join(dir, "no", "such", "dir.html")}, exitFailed, "dir.html"},
	} {
		code, _, stderr := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.says) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.says)
		}
	}
	if code, stdout, _ := runCLI(t, "", "report", "-h"); code != exitOK || !strings.Contains(stdout, "--threshold") {
		t.Errorf("report -h: exit %d, %q", code, stdout)
	}
}
