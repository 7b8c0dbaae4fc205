package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/internal/corpus"
)

// example is a hand-made truth and prediction set that probes the edges of
// dates_score.py's definition: the day as written, zones that move the
// instant across midnight (up to UTC+14 and down to UTC-12), a local time
// without zone, no date.
var example = []struct {
	id, truth, pred string
	want            string // right, wrong or missing
}{
	{"a", "2020-01-02", "2020-01-02", "right"},
	{"b", "2020-01-02", "2020-01-01T23:30:00-05:00", "right"},
	{"c", "2020-01-02", "2020-01-01T23:30:00", "wrong"},
	{"d", "2020-01-02", "", "missing"},
	{"e", "2020-01-02", "2020-01-03T20:00:00Z", "wrong"},
	{"f", "2020-01-02", "2020-01-03T05:00:00+09:00", "right"},
	{"h", "2020-01-01", "2019-12-31", "wrong"},
	{"i", "2020-01-02", "2020-01-01T10:00:00Z", "right"},
	{"j", "2020-01-01", "2020-01-02T13:00:00Z", "wrong"},
	{"k", "2020-01-01", "2020-01-01T09:00:00+01:00", "right"},
}

func exampleSets() ([]truth, map[string]string) {
	var truths []truth
	pred := map[string]string{}
	for _, e := range example {
		truths = append(truths, truth{ID: e.id, URL: "https://news.example/" + e.id, Date: e.truth})
		if e.pred != "" {
			pred[e.id] = e.pred
		}
	}
	return truths, pred
}

func TestScore(t *testing.T) {
	truths, pred := exampleSets()
	r := score(truths, pred)
	got := map[string]string{}
	for _, f := range r.Wrong {
		got[f.ID] = "wrong"
	}
	for _, f := range r.Missing {
		got[f.ID] = "missing"
	}
	want := map[string]string{}
	for _, e := range example {
		if e.want != "right" {
			want[e.id] = e.want
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("score() failures mismatch (-want +got):\n%s", diff)
	}
	if s, w := r.summary(), "pages 10  accuracy 0.500  missing 0.100  wrong 0.400"; s != w {
		t.Errorf("summary() = %q, want %q", s, w)
	}
}

// TestAgreesWithDatesScorePy scores the hand-made example with
// shared/tools/dates_score.py too and wants the same lines. It skips where
// the script or python3 is absent.
func TestAgreesWithDatesScorePy(t *testing.T) {
	root, err := corpus.RepoRoot()
	if err != nil {
		t.Skip(err)
	}
	script := filepath.Join(root, "..", "shared", "tools", "dates_score.py")
	if _, err := os.Stat(script); err != nil {
		t.Skipf("reference scorer: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	truths, pred := exampleSets()
	dir := t.TempDir()
	gt := map[string]map[string]string{}
	for _, tr := range truths {
		gt[tr.ID] = map[string]string{"url": tr.URL, "date": tr.Date}
	}
	b, _ := json.Marshal(gt)
	gtPath, predPath := filepath.Join(dir, "gt.json"), filepath.Join(dir, "pred.json")
	if err := os.WriteFile(gtPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writePredictions(&buf, pred); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(predPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, script, predPath, "--truth", gtPath, "-v").CombinedOutput()
	if err != nil {
		t.Fatalf("dates_score.py: %v\n%s", err, out)
	}
	r := score(truths, pred)
	want := []string{r.summary()}
	for _, f := range r.Wrong {
		want = append(want, "wrong   "+f.ID+"  got "+f.Got+"  want "+f.Want)
	}
	for _, f := range r.Missing {
		want = append(want, "missing "+f.ID+"  want "+f.Want)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Go and dates_score.py disagree (-go +python):\n%s", diff)
	}
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
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("The council voted on Tuesday to rebuild the old harbour bridge before winter. ", 8)
	pages := map[string]string{
		"dated": `<html><head><meta property="article:published_time" content="2020-03-04T10:00:00Z"></head>` +
			"<body><article><h1>Bridge</h1><p>" + para + "</p></article></body></html>",
		"undated": "<html><body><article><h1>Bridge</h1><p>" + para + "</p></article></body></html>",
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
	gt := `{"dated": {"url": "https://news.example/a", "date": "2020-03-04"},
	        "undated": {"url": "https://news.example/b", "date": "2020-03-05"}}`
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(gt), 0o644); err != nil {
		t.Fatal(err)
	}
	pred := filepath.Join(t.TempDir(), "sub", "pred.json")
	code, stdout, stderr := runArgs(t, "-corpus", dir, "-pred", pred, "-v", "-j", "2")
	if code != exitOK {
		t.Fatalf("run() = %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"pages 2  accuracy 0.500  missing 0.500  wrong 0.000", "missing undated  want 2020-03-05"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	b, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]prediction
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if d := got["dated"].Date; d == nil || *d != "2020-03-04T10:00:00Z" || got["undated"].Date != nil || len(got) != 2 {
		t.Errorf("predictions = %s, want dated's time and null for undated", b)
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

// TestRunScore scores the hand-made example from a prediction file, as
// written for another extractor, without extracting anything.
func TestRunScore(t *testing.T) {
	truths, pred := exampleSets()
	dir := t.TempDir()
	gt := map[string]map[string]string{}
	for _, tr := range truths {
		gt[tr.ID] = map[string]string{"url": tr.URL, "date": tr.Date}
	}
	b, _ := json.Marshal(gt)
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	// dates_score.py's format with a null date and an id it has no truth for.
	file := map[string]any{"d": map[string]any{"date": nil}, "zzz": map[string]string{"date": "2020-01-01"}}
	for id, d := range pred {
		file[id] = map[string]string{"date": d}
	}
	b, _ = json.Marshal(file)
	predPath := filepath.Join(dir, "peer-dates.json")
	if err := os.WriteFile(predPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runArgs(t, "-corpus", dir, "-score", predPath, "-v")
	if code != exitOK {
		t.Fatalf("run(-score) = %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"pages 10  accuracy 0.500  missing 0.100  wrong 0.400",
		"missing d  want 2020-01-02", "wrong   c  got 2020-01-01T23:30:00  want 2020-01-02"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runArgs(t, "-corpus", dir, "-score", filepath.Join(dir, "nope.json")); code != exitFailed {
		t.Errorf("run(-score absent file) = %d, want %d; stderr %q", code, exitFailed, stderr)
	}
}
