// Package shscore computes the metric of the ScrapingHub (Zyte)
// article-extraction benchmark, with the same numbers as the project's
// reference scorer, shared/tools/sh_score.py:
//
//   - A text is cut into tokens: maximal runs of word characters as Python's
//     re `\w` matches them in a str pattern, that is characters for which
//     str.isalnum() holds (Unicode categories L* and N*) plus '_'. Case is
//     kept. Combining marks (Mn, Mc, Me) are not word characters for Python,
//     so "नमस्ते" is three tokens and a decomposed "café" ("cafe" + U+0301) is
//     one token "cafe"; CJK text without spaces is one token per run.
//   - Each token sequence becomes a multiset of overlapping 4-token shingles;
//     1 to 3 tokens make one shorter shingle, no tokens none.
//   - Per document, with t(s) and p(s) the counts of shingle s in truth and
//     prediction, TP = Σ min(t, p), FP = Σ max(0, p−t), FN = Σ max(0, t−p),
//     each divided by TP+FP+FN so that every document weighs the same.
//   - Per-document precision TP/(TP+FP) and recall TP/(TP+FN); FP = FN = 0
//     gives 1 for both, a zero numerator with a zero other term gives 0.
//   - Corpus precision is the mean of the per-document precisions over the
//     documents with TP+FP > 0, corpus recall the mean of the recalls over
//     the documents with TP+FN > 0, and corpus F1 the harmonic mean of those
//     two means (not a mean of per-document F1).
//   - Accuracy is the share of documents whose token sequences are identical.
//
// Go's unicode tables may be of a newer Unicode version than the Python that
// runs sh_score.py (Go 1.26 has 15.0.0, Python 3.11 has 14.0.0): letters and
// digits added since are word characters here and not there. No text of the
// benchmark uses them.
//
// sh_score.py also reports bootstrap standard deviations; this package does
// not.
package shscore

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// ShingleSize is the number of tokens in a shingle.
const ShingleSize = 4

// IsWord reports whether r is a word character of Python's re `\w`.
func IsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens returns the tokens of text: maximal runs of word characters, as
// Python's re.findall(r"\w+", text). Invalid UTF-8 separates tokens.
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i, r := range text {
		if IsWord(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			toks = append(toks, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

// Counts are one document's TP, FP and FN, divided by their sum (all zero
// when both texts have no tokens).
type Counts struct {
	TP, FP, FN float64
}

// Precision is TP/(TP+FP), 1 when FP = FN = 0 and 0 when TP = FP = 0.
func (c Counts) Precision() float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	if c.TP == 0 && c.FP == 0 {
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// Recall is TP/(TP+FN), 1 when FP = FN = 0 and 0 when TP = FN = 0.
func (c Counts) Recall() float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	if c.TP == 0 && c.FN == 0 {
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// F1 is the harmonic mean of Precision and Recall, 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// shingle is a run of up to ShingleSize token ids; unused places hold -1.
type shingle [ShingleSize]int32

// shingles adds the shingles of ids to m with weight w (+1 truth, -1
// prediction).
func shingles(m map[shingle]int, ids []int32, w int) {
	if len(ids) == 0 {
		return
	}
	if len(ids) < ShingleSize {
		s := shingle{-1, -1, -1, -1}
		copy(s[:], ids)
		m[s] += w
		return
	}
	for i := 0; i+ShingleSize <= len(ids); i++ {
		m[shingle(ids[i:i+ShingleSize])] += w
	}
}

// Compare returns the normalised counts of the shingles of two token
// sequences.
func Compare(truth, pred []string) Counts {
	ids := make(map[string]int32, len(truth))
	intern := func(toks []string) []int32 {
		out := make([]int32, len(toks))
		for i, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	// truth counts minus prediction counts; tp needs both, so keep them
	// apart.
	tm := make(map[shingle]int, len(truth))
	pm := make(map[shingle]int, len(pred))
	shingles(tm, intern(truth), 1)
	shingles(pm, intern(pred), 1)
	var tp, fp, fn int
	for s, t := range tm {
		p := pm[s]
		tp += min(t, p)
		if t > p {
			fn += t - p
		} else {
			fp += p - t
		}
	}
	for s, p := range pm {
		if _, ok := tm[s]; !ok {
			fp += p
		}
	}
	total := tp + fp + fn
	if total == 0 {
		return Counts{}
	}
	n := float64(total)
	return Counts{TP: float64(tp) / n, FP: float64(fp) / n, FN: float64(fn) / n}
}

// Doc is the score of one document.
type Doc struct {
	ID, URL string
	Counts
	// Exact: the token sequences of truth and prediction are identical.
	Exact                   bool
	TruthTokens, PredTokens int
}

// ScoreDoc scores one prediction against its truth.
func ScoreDoc(truth, pred string) Doc {
	t, p := Tokens(truth), Tokens(pred)
	return Doc{Counts: Compare(t, p), Exact: slices.Equal(t, p), TruthTokens: len(t), PredTokens: len(p)}
}

// Result is the score of a corpus.
type Result struct {
	F1, Precision, Recall, Accuracy float64
	// Docs is the number of documents scored; Missing of them had no
	// prediction (scored as empty), Empty had a prediction without tokens
	// (missing ones included). Extra counts predictions for ids not in the
	// truth, which are ignored.
	Docs, Missing, Empty, Extra int
}

// Aggregate combines per-document scores into corpus figures. Means of no
// documents are NaN, as in sh_score.py.
func Aggregate(docs []Doc) Result {
	var ps, rs, acc []float64
	empty := 0
	for _, d := range docs {
		if d.TP+d.FP > 0 {
			ps = append(ps, d.Precision())
		}
		if d.TP+d.FN > 0 {
			rs = append(rs, d.Recall())
		}
		if d.Exact {
			acc = append(acc, 1)
		} else {
			acc = append(acc, 0)
		}
		if d.PredTokens == 0 {
			empty++
		}
	}
	p, r := mean(ps), mean(rs)
	f1 := 0.0
	if p+r != 0 { // NaN propagates, as in Python
		f1 = 2 * p * r / (p + r)
	}
	return Result{F1: f1, Precision: p, Recall: r, Accuracy: mean(acc), Docs: len(docs), Empty: empty}
}

// mean sums in order, as Python 3.11's sum() of floats does.
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Truth is one document of the ground truth.
type Truth struct {
	ID, URL string
	// Body is the article text written by people.
	Body string
}

// Score scores predictions (id → text) against the ground truth, in the
// truth's order. Ids without a prediction are scored as empty.
func Score(truth []Truth, pred map[string]string) (Result, []Doc) {
	docs := make([]Doc, len(truth))
	missing := 0
	ids := make(map[string]bool, len(truth))
	for i, t := range truth {
		ids[t.ID] = true
		p, ok := pred[t.ID]
		if !ok {
			missing++
		}
		d := ScoreDoc(t.Body, p)
		d.ID, d.URL = t.ID, t.URL
		docs[i] = d
	}
	res := Aggregate(docs)
	res.Missing = missing
	for id := range pred {
		if !ids[id] {
			res.Extra++
		}
	}
	return res, docs
}

// Worst returns the documents sorted by F1, lowest first; ties keep their
// order (sh_score.py's per-document order).
func Worst(docs []Doc) []Doc {
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(a, b Doc) int {
		fa, fb := a.F1(), b.F1()
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	})
	return out
}
