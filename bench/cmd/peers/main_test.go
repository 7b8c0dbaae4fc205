package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeCorpus writes an invented dates corpus: ground-truth.json and
// html/<id>.html.gz.
func writeCorpus(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	gt := map[string]map[string]string{}
	for id, page := range pages {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(page))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, "html", id+".html.gz"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		gt[id] = map[string]string{"url": "https://news.example/" + id, "date": "2020-03-04"}
	}
	b, _ := json.Marshal(gt)
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRunDates(t *testing.T) {
	para := "<p>" + strings.Repeat("The council voted on Tuesday to rebuild the old harbour bridge before winter. ", 8) + "</p>"
	dir := writeCorpus(t, map[string]string{
		"dated": `<html><head><meta property="article:published_time" content="2020-03-04T10:00:00Z"></head>` +
			"<body><article><h1>Bridge</h1>" + para + "</article></body></html>",
		"undated": "<html><body><article><h1>Bridge</h1>" + para + "</article></body></html>",
	})
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-dates", "-corpus", dir, "-out", out, "-peers", "newsclip, go-readability", "-j", "1"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("run(-dates) = %d, stderr:\n%s", code, stderr.String())
	}
	for _, name := range []string{"newsclip", "go-readability"} {
		b, err := os.ReadFile(filepath.Join(out, name+"-dates.json"))
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]map[string]*string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		day := "2020-03-04T10:00:00Z"
		want := map[string]map[string]*string{"dated": {"date": &day}, "undated": {"date": nil}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s-dates.json mismatch (-want +got):\n%s", name, diff)
		}
		if !strings.Contains(stdout.String(), "datesbench -corpus "+dir+" -score "+filepath.Join(out, name+"-dates.json")) {
			t.Errorf("stdout lacks the score command for %s:\n%s", name, stdout.String())
		}
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-dates", "-peers", "parse-floor"}, {"-peers", "go-trafilatura-fast-time"}} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), args, &stdout, &stderr); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}

func TestRunAbsentCorpusSkips(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-dates", "-corpus", filepath.Join(t.TempDir(), "nope")}, &stdout, &stderr)
	if code != 0 || !strings.Contains(stderr.String(), "skipped") {
		t.Errorf("run(absent corpus) = %d, stderr %q; want 0 and a skip message", code, stderr.String())
	}
}

func TestRunAuthors(t *testing.T) {
	para := "<p>" + strings.Repeat("The council voted on Tuesday to rebuild the old harbour bridge before winter. ", 8) + "</p>"
	page := func(meta, byline string) string {
		return `<html><head><title>Council votes to rebuild the bridge</title>` + meta + `</head><body><article>` +
			`<h1>Council votes to rebuild the bridge</h1>` + byline + para + `</article></body></html>`
	}
	dir := writeCorpus(t, map[string]string{
		"same":  page(`<meta name="author" content="Mara Quinlan">`, `<p class="byline">By Mara Quinlan</p>`),
		"none":  page("", ""),
		"other": page(`<meta name="author" content="Harbour Desk">`, `<p class="byline">By Theo Barnaby</p>`),
	})
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-authors", "-corpus", dir, "-j", "1"}, &stdout, &stderr); code != 0 {
		t.Fatalf("run(-authors) = %d, stderr:\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"3 pages;", "both the same: 1", "\n== "} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "same https://") || strings.Contains(out, "none https://") {
		t.Errorf("pages that agree are listed:\n%s", out)
	}
	if code := run(context.Background(), []string{"-authors", "-corpus", dir, "-peers", "newsclip"}, &stdout, &stderr); code != 2 {
		t.Errorf("run(-authors with one extractor) = %d, want 2", code)
	}
}

func TestSameNames(t *testing.T) {
	for _, tc := range []struct {
		x, y []string
		want bool
	}{
		{[]string{"Troy L. Smith"}, []string{"Troy L Smith"}, true},
		{[]string{"TOM KRISHER"}, []string{"Tom Krisher"}, true},
		{[]string{"José Ramírez", "Ann Lee"}, []string{"ann lee", "Jose Ramirez"}, true},
		{[]string{"Ann Lee"}, []string{"Ann Lee", "CNN"}, false},
		{[]string{"Ann Lee"}, []string{"Anna Lee"}, false},
	} {
		if got := sameNames(tc.x, tc.y); got != tc.want {
			t.Errorf("sameNames(%q, %q) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}
