package extract_test

import (
	"testing"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/corpus"
	"github.com/newsclip/newsclip/internal/shscore"
)

// loadBenchCorpus loads the ScrapingHub benchmark corpus, skipping when it
// is absent (it is not part of the repository).
func loadBenchCorpus(tb testing.TB) []corpus.Doc {
	tb.Helper()
	docs, err := corpus.Load(corpus.DefaultDir())
	if err != nil {
		if corpus.IsAbsent(err) {
			tb.Skipf("skipped: %v", err)
		}
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkExtract extracts every page of the ScrapingHub corpus (the first
// 10 with -short) on one goroutine per op, and reports docs/s and the F1 of
// the run by the benchmark's metric.
func BenchmarkExtract(b *testing.B) {
	docs := loadBenchCorpus(b)
	if testing.Short() && len(docs) > 10 {
		docs = docs[:10]
	}
	ex := extract.New(extract.Options{})
	texts := make([]string, len(docs))
	b.SetBytes(corpus.Bytes(docs))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			a, err := ex.ExtractBytes(d.HTML, extract.Source{URL: d.URL})
			if err != nil {
				texts[i] = ""
				continue
			}
			texts[i] = a.Text
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")

	pred := make(map[string]string, len(docs))
	for i, d := range docs {
		pred[d.ID] = texts[i]
	}
	res, _ := shscore.Score(corpus.Truths(docs), pred)
	b.ReportMetric(res.F1, "f1")
}
