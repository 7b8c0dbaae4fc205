package shscore_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/internal/corpus"
	"github.com/newsclip/newsclip/internal/shscore"
)

// TestAgreesWithShScorePy scores predictions made from the benchmark's own
// ground truth by a range of damage (cut, padded, swapped, empty, missing)
// with this package and with shared/tools/sh_score.py, and wants the same
// numbers. It skips where the corpus, the script or python3 is absent.
func TestAgreesWithShScorePy(t *testing.T) {
	dir := corpus.DefaultDir()
	truth, err := corpus.ReadTruth(dir)
	if err != nil {
		t.Skipf("benchmark corpus: %v", err)
	}
	script := filepath.Join(dir, "..", "..", "tools", "sh_score.py")
	if _, err := os.Stat(script); err != nil {
		t.Skipf("reference scorer: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}

	pred := damaged(truth)
	tmp := t.TempDir()
	predPath := filepath.Join(tmp, "damaged.json")
	var buf bytes.Buffer
	if err := shscore.WritePredictions(&buf, pred); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(predPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	jsonPath, tsvPath := filepath.Join(tmp, "scores.json"), filepath.Join(tmp, "perdoc.tsv")
	cmd := exec.Command(python, script, predPath, "--gt", filepath.Join(dir, "ground-truth.json"),
		"--n-bootstrap", "0", "--json", jsonPath, "--per-doc", tsvPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sh_score.py: %v\n%s", err, out)
	}
	var py map[string]struct {
		F1, Precision, Recall, Accuracy float64
		NDocs                           int `json:"n_docs"`
		NMissing                        int `json:"n_missing"`
		NEmpty                          int `json:"n_empty"`
	}
	b, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &py); err != nil {
		t.Fatal(err)
	}
	want := py["damaged"]

	got, docs := shscore.Score(truth, pred)
	t.Logf("Go:     F1 %.6f P %.6f R %.6f accuracy %.6f (%d docs, %d missing, %d empty)",
		got.F1, got.Precision, got.Recall, got.Accuracy, got.Docs, got.Missing, got.Empty)
	t.Logf("Python: F1 %.6f P %.6f R %.6f accuracy %.6f (%d docs, %d missing, %d empty)",
		want.F1, want.Precision, want.Recall, want.Accuracy, want.NDocs, want.NMissing, want.NEmpty)
	const eps = 1e-9
	if math.Abs(got.F1-want.F1) > eps || math.Abs(got.Precision-want.Precision) > eps ||
		math.Abs(got.Recall-want.Recall) > eps || math.Abs(got.Accuracy-want.Accuracy) > eps ||
		got.Docs != want.NDocs || got.Missing != want.NMissing || got.Empty != want.NEmpty {
		t.Errorf("Go and sh_score.py disagree")
	}

	var tsv bytes.Buffer
	if err := shscore.WritePerDoc(&tsv, "damaged", docs); err != nil {
		t.Fatal(err)
	}
	pyTSV, err := os.ReadFile(tsvPath)
	if err != nil {
		t.Fatal(err)
	}
	gl, pl := strings.Split(tsv.String(), "\n"), strings.Split(string(pyTSV), "\n")
	if len(gl) != len(pl) {
		t.Fatalf("per-doc TSV: %d lines, sh_score.py %d", len(gl), len(pl))
	}
	for i := range gl {
		if gl[i] != pl[i] {
			t.Errorf("per-doc TSV line %d:\n go: %s\n py: %s", i, gl[i], pl[i])
		}
	}
}

// damaged makes predictions from the truth: every seventh page kept as it
// is, cut to its first half, padded with another page, empty, missing,
// swapped with another page, or with its lines reversed; plus an unknown id.
func damaged(truth []shscore.Truth) map[string]string {
	pred := make(map[string]string, len(truth)+1)
	for i, tr := range truth {
		other := truth[(i+1)%len(truth)].Body
		words := strings.Fields(tr.Body)
		switch i % 7 {
		case 0:
			pred[tr.ID] = tr.Body
		case 1:
			pred[tr.ID] = strings.Join(words[:len(words)/2], " ")
		case 2:
			pred[tr.ID] = tr.Body + "\n\n" + other
		case 3:
			pred[tr.ID] = ""
		case 4:
			// missing
		case 5:
			pred[tr.ID] = other
		case 6:
			lines := strings.Split(tr.Body, "\n")
			for l, r := 0, len(lines)-1; l < r; l, r = l+1, r-1 {
				lines[l], lines[r] = lines[r], lines[l]
			}
			pred[tr.ID] = strings.Join(lines, "\n")
		}
	}
	pred["not-in-ground-truth"] = "ignored"
	return pred
}

// TestIsWordMatchesPython compares IsWord with Python's str.isalnum() or
// '_' over every code point. Characters that Python's Unicode database does
// not know yet (category Cn there) may differ.
func TestIsWordMatchesPython(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: scans every code point in python3")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	const prog = `
import sys, unicodedata
w = []
u = []
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    if c.isalnum() or c == "_":
        w.append(cp)
    elif unicodedata.category(c) == "Cn":
        u.append(cp)
print(unicodedata.unidata_version)
print(" ".join(map(str, w)))
print(" ".join(map(str, u)))
`
	out, err := exec.Command(python, "-c", prog).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(string(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("python3 output: %q", out)
	}
	set := func(s string) map[rune]bool {
		m := make(map[rune]bool)
		for _, f := range strings.Fields(s) {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Fatal(err)
			}
			m[rune(n)] = true
		}
		return m
	}
	word, unassigned := set(lines[1]), set(lines[2])
	newer := 0
	for r := rune(0); r < 0x110000; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		got := shscore.IsWord(r)
		switch {
		case got == word[r]:
		case got && unassigned[r]:
			newer++
		default:
			t.Errorf("IsWord(%U) = %v, Python says %v", r, got, word[r])
		}
	}
	t.Logf("Python's Unicode %s; %d word characters here are unassigned there", lines[0], newer)
}
