package shscore_test

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/internal/shscore"
)

// The expected tokens are what Python 3.11's re.findall(r"\w+", s) returns.
func TestTokens(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"spaces only", " \t\n\u00a0\u3000", nil},
		{"ascii", "Hello, world! foo_bar 42 a-b c.d e'f", []string{"Hello", "world", "foo_bar", "42", "a", "b", "c", "d", "e", "f"}},
		{"case kept", "The THE the", []string{"The", "THE", "the"}},
		{"underscore alone", "_ __ x_", []string{"_", "__", "x_"}},
		{"precomposed accents", "café naïve Ærøskøbing", []string{"café", "naïve", "Ærøskøbing"}},
		// Combining marks are not \w in Python: they split the word.
		{"combining acute", "cafe\u0301 ok", []string{"cafe", "ok"}},
		{"devanagari signs", "नमस्ते दुनिया", []string{"नमस", "त", "द", "न", "य"}},
		{"cjk runs", "東京は晴れ。明日も、雨", []string{"東京は晴れ", "明日も", "雨"}},
		{"hangul", "서울 특별시에서", []string{"서울", "특별시에서"}},
		{"katakana prolonged mark", "コーヒー", []string{"コーヒー"}},
		{"cyrillic greek arabic", "Привет мир αβγ مرحبا", []string{"Привет", "мир", "αβγ", "مرحبا"}},
		{"unicode digits and numerics", "٣٤ ①② x² Ⅻ ½ ۱۲", []string{"٣٤", "①②", "x²", "Ⅻ", "½", "۱۲"}},
		{"symbols split", "a€b a©b a·b a—b a’b", []string{"a", "b", "a", "b", "a", "b", "a", "b", "a", "b"}},
		{"modifier letter", "ʻokina", []string{"ʻokina"}},
		{"invalid utf-8 splits", "ab\xffcd", []string{"ab", "cd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shscore.Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		want        shscore.Counts
		p, r, f1    float64
	}{
		{"identical", "a b c d e", "a b c d e", shscore.Counts{TP: 1}, 1, 1, 1},
		{"prediction is a prefix", "a b c d e", "a b c d", shscore.Counts{TP: .5, FN: .5}, 1, .5, 2.0 / 3},
		{"prediction adds text", "a b c d", "a b c d e f", shscore.Counts{TP: 1.0 / 3, FP: 2.0 / 3}, 1.0 / 3, 1, .5},
		{"short texts, one shingle each", "a b", "a b", shscore.Counts{TP: 1}, 1, 1, 1},
		{"short shingles differ by length", "a b", "a b c", shscore.Counts{FP: .5, FN: .5}, 0, 0, 0},
		{"both empty", "", " ,. ", shscore.Counts{}, 1, 1, 1},
		{"empty prediction", "a b c d", "", shscore.Counts{FN: 1}, 0, 0, 0},
		{"empty truth", "", "a b c d", shscore.Counts{FP: 1}, 0, 0, 0},
		// truth shingles: abcd ×2, bcda, cdab, dabc; prediction: abcd.
		{"multiset counts", "a b c d a b c d", "a b c d", shscore.Counts{TP: .2, FN: .8}, 1, .2, 2 * .2 / 1.2},
		{"repeat in prediction", "a b c d", "a b c d a b c d", shscore.Counts{TP: .2, FP: .8}, .2, 1, 2 * .2 / 1.2},
		{"punctuation and spacing ignored", "a, b. c; d!", "a b\nc   d", shscore.Counts{TP: 1}, 1, 1, 1},
		{"case matters", "A b c d", "a b c d", shscore.Counts{FP: .5, FN: .5}, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := shscore.ScoreDoc(tt.truth, tt.pred)
			if !near(d.TP, tt.want.TP) || !near(d.FP, tt.want.FP) || !near(d.FN, tt.want.FN) {
				t.Errorf("counts = %+v, want %+v", d.Counts, tt.want)
			}
			if !near(d.Precision(), tt.p) || !near(d.Recall(), tt.r) || !near(d.F1(), tt.f1) {
				t.Errorf("P, R, F1 = %v, %v, %v, want %v, %v, %v", d.Precision(), d.Recall(), d.F1(), tt.p, tt.r, tt.f1)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestScore(t *testing.T) {
	truth := []shscore.Truth{
		{ID: "perfect", Body: "one two three four five"},
		{ID: "half", Body: "a b c d e"},               // prediction "a b c d": P 1, R .5
		{ID: "empty-pred", Body: "x y z w"},           // P excluded, R 0
		{ID: "both-empty", Body: ""},                  // excluded from P and R, exact
		{ID: "missing", Body: "m n o p"},              // no prediction: like empty-pred
		{ID: "noisy", Body: "a b c d"},                // prediction adds 2 shingles: P 1/3, R 1
		{ID: "same-tokens", Body: "Same text, here."}, // exact despite punctuation
	}
	pred := map[string]string{
		"perfect":     "one two three four five",
		"half":        "a b c d",
		"empty-pred":  "",
		"both-empty":  "",
		"noisy":       "a b c d e f",
		"same-tokens": "Same text here",
		"unknown":     "ignored",
	}
	res, docs := shscore.Score(truth, pred)
	// Precision over perfect, half, noisy, same-tokens: (1+1+1/3+1)/4.
	wantP := (1 + 1 + 1.0/3 + 1) / 4
	// Recall over all but both-empty: (1+.5+0+0+1+1)/6.
	wantR := (1 + .5 + 0 + 0 + 1 + 1) / 6
	want := shscore.Result{
		F1: 2 * wantP * wantR / (wantP + wantR), Precision: wantP, Recall: wantR,
		Accuracy: 3.0 / 7, Docs: 7, Missing: 1, Empty: 3, Extra: 1,
	}
	if !near(res.F1, want.F1) || !near(res.Precision, want.Precision) || !near(res.Recall, want.Recall) ||
		!near(res.Accuracy, want.Accuracy) || res.Docs != want.Docs || res.Missing != want.Missing ||
		res.Empty != want.Empty || res.Extra != want.Extra {
		t.Errorf("Score() = %+v, want %+v", res, want)
	}
	var ids []string
	for _, d := range shscore.Worst(docs) {
		ids = append(ids, d.ID)
	}
	// F1 ascending, ties in truth order.
	wantIDs := []string{"empty-pred", "missing", "noisy", "half", "perfect", "both-empty", "same-tokens"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("Worst order = %q, want %q", ids, wantIDs)
	}
}

func TestAggregateNoDocs(t *testing.T) {
	res := shscore.Aggregate(nil)
	if !math.IsNaN(res.F1) || !math.IsNaN(res.Precision) || !math.IsNaN(res.Accuracy) {
		t.Errorf("Aggregate(nil) = %+v, want NaN means as sh_score.py", res)
	}
}

func TestReadTruthKeepsOrder(t *testing.T) {
	in := `{"b": {"url": "https://b", "articleBody": "B"}, "a": {"url": "https://a", "articleBody": null}, "c": {"articleBody": "C"}}`
	got, err := shscore.ReadTruth(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []shscore.Truth{{ID: "b", URL: "https://b", Body: "B"}, {ID: "a", URL: "https://a"}, {ID: "c", Body: "C"}}
	if !slices.Equal(got, want) {
		t.Errorf("ReadTruth() = %+v, want %+v", got, want)
	}
	if _, err := shscore.ReadTruth(strings.NewReader(`{"a": {}, "a": {}}`)); err == nil {
		t.Error("duplicate id: no error")
	}
}

func TestPredictionsRoundTrip(t *testing.T) {
	pred := map[string]string{"z": "last </p> & <b>", "a": "first\nline", "e": "", "u": "東京 ☃ \u2028"}
	var buf bytes.Buffer
	if err := shscore.WritePredictions(&buf, pred); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"z": {"articleBody":"last </p> & <b>"}`) {
		t.Errorf("WritePredictions escaped HTML or changed shape:\n%s", buf.String())
	}
	got, err := shscore.ReadPredictions(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pred) {
		t.Fatalf("round trip: %d entries, want %d", len(got), len(pred))
	}
	for k, v := range pred {
		if got[k] != v {
			t.Errorf("round trip %q: %q, want %q", k, got[k], v)
		}
	}
}

func TestReadPredictionsForms(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]string
	}{
		{"objects", `{"a": {"articleBody": "A", "other": 1}, "b": {"articleBody": null}, "c": {}}`, map[string]string{"a": "A", "b": "", "c": ""}},
		{"strings and null", `{"a": "A", "b": null}`, map[string]string{"a": "A", "b": ""}},
		{"wrapped", `{"version": "1.2", "output": {"a": {"articleBody": "A"}}}`, map[string]string{"a": "A"}},
		{"version and output as ids", `{"version": {"articleBody": "V"}, "output": "O"}`, map[string]string{"version": "V", "output": "O"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shscore.ReadPredictions(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("ReadPredictions() = %q, want %q", got, tt.want)
			}
			for k, v := range tt.want {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("ReadPredictions()[%q] = %q, %v; want %q", k, g, ok, v)
				}
			}
		})
	}
	if _, err := shscore.ReadPredictions(strings.NewReader(`{"a": {"articleBody": 3}}`)); err == nil {
		t.Error("numeric articleBody: no error")
	}
}

func TestWritePerDoc(t *testing.T) {
	_, docs := shscore.Score(
		[]shscore.Truth{{ID: "x", URL: "https://x", Body: "a b c d e"}, {ID: "y", URL: "https://y", Body: "p q"}},
		map[string]string{"x": "a b c d", "y": "p q"})
	var buf bytes.Buffer
	if err := shscore.WritePerDoc(&buf, "run", docs); err != nil {
		t.Fatal(err)
	}
	want := "name\tid\tf1\tprecision\trecall\ttruth_tokens\tpred_tokens\turl\n" +
		"run\tx\t0.6667\t1.0000\t0.5000\t5\t4\thttps://x\n" +
		"run\ty\t1.0000\t1.0000\t1.0000\t2\t2\thttps://y\n"
	if buf.String() != want {
		t.Errorf("WritePerDoc() =\n%s\nwant\n%s", buf.String(), want)
	}
}
