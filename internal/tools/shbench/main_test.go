package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/internal/shscore"
)

// fakeCorpus writes a two-page corpus in the benchmark's layout.
func fakeCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("The council voted on Tuesday to rebuild the old harbour bridge before winter. ", 8)
	pages := map[string]string{
		"a": "<html><head><title>Bridge</title></head><body><nav><a href=/>Home</a></nav><article><h1>Bridge</h1><p>" +
			para + "</p><p>" + para + "</p></article></body></html>",
		"b": "<html><body><ul><li><a href=/x>x</a></li></ul></body></html>",
	}
	for id, page := range pages {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(page))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, "html", id+".html.gz"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gt := `{"a": {"url": "https://example.org/a", "articleBody": "Bridge\n` + para + `"},
	        "b": {"url": "https://example.org/b", "articleBody": "Nothing here"}}`
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(gt), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunAbsentCorpusSkips(t *testing.T) {
	code, _, stderr := runArgs(t, "-corpus", filepath.Join(t.TempDir(), "nope"), "-pred", "")
	if code != exitOK || !strings.Contains(stderr, "skipped") {
		t.Errorf("run(absent corpus) = %d, stderr %q; want %d and a skip message", code, stderr, exitOK)
	}
}

func TestRunExtractAndScore(t *testing.T) {
	dir := fakeCorpus(t)
	out := t.TempDir()
	pred, perDoc := filepath.Join(out, "sub", "pred.json"), filepath.Join(out, "perdoc.tsv")
	code, stdout, stderr := runArgs(t, "-corpus", dir, "-pred", pred, "-per-doc", perDoc, "-worst", "1", "-j", "2")
	if code != exitOK {
		t.Fatalf("run() = %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"2 pages", "ErrNoArticle:", "F1", "worst 1 pages", "fingerprints:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	f, err := os.Open(pred)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := shscore.ReadPredictions(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got["a"]; !ok || len(got) != 2 {
		t.Errorf("predictions = %q, want ids a and b", got)
	}
	tsv, err := os.ReadFile(perDoc)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(tsv), "\n"); lines != 3 {
		t.Errorf("per-doc TSV has %d lines, want 3:\n%s", lines, tsv)
	}

	// Scoring the file written gives the same line.
	code, stdout2, stderr := runArgs(t, "-corpus", dir, "-score", pred, "-name", "newsclip", "-worst", "1")
	if code != exitOK {
		t.Fatalf("run(-score) = %d, stderr:\n%s", code, stderr)
	}
	line := func(s string) string {
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "newsclip ") {
				return l
			}
		}
		return ""
	}
	if l1, l2 := line(stdout), line(stdout2); l1 == "" || l1 != l2 {
		t.Errorf("score lines differ:\nextract: %q\n-score:  %q", l1, l2)
	}
}

func TestRunUsage(t *testing.T) {
	if code, _, _ := runArgs(t, "-nope"); code != exitUsage {
		t.Errorf("run(-nope) = %d, want %d", code, exitUsage)
	}
	if code, _, _ := runArgs(t, "extra"); code != exitUsage {
		t.Errorf("run(extra) = %d, want %d", code, exitUsage)
	}
}
