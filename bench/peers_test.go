package bench

import (
	"testing"

	"github.com/newsclip/newsclip/bench/peers"
	"github.com/newsclip/newsclip/internal/corpus"
	"github.com/newsclip/newsclip/internal/shscore"
)

// BenchmarkPeers runs each extractor over the ScrapingHub corpus (the first
// 10 pages with -short), one op being every page in turn on one goroutine.
// Besides ns/op, MB/s, B/op and allocs/op it reports docs/s (wall),
// docs/cpu-s (pages per second of the process's CPU time, garbage
// collection included) and f1, the benchmark's metric over the outputs of
// the timed run, scored after it. The machine may be shared: compare peers
// within one run, not runs with each other.
func BenchmarkPeers(b *testing.B) {
	docs, err := corpus.Load(corpus.DefaultDir())
	if err != nil {
		if corpus.IsAbsent(err) {
			b.Skipf("skipped: %v", err)
		}
		b.Fatal(err)
	}
	if testing.Short() && len(docs) > 10 {
		docs = docs[:10]
	}
	size := corpus.Bytes(docs)
	for _, name := range []string{"newsclip", "go-trafilatura-fast", "go-trafilatura-default", "go-readability", "parse-floor"} {
		p, ok := peers.Named(name)
		if !ok {
			b.Fatalf("no peer %q", name)
		}
		b.Run(name, func(b *testing.B) {
			// Warm up lazily built tables and patterns outside the timing.
			for _, d := range docs[:min(3, len(docs))] {
				p.Extract(d.HTML, d.URL)
			}
			texts := make([]string, len(docs))
			failed := 0
			b.SetBytes(size)
			b.ReportAllocs()
			cpu0, cpuOK := peers.CPUTime()
			for b.Loop() {
				failed = 0
				for i, d := range docs {
					t, err := p.Extract(d.HTML, d.URL)
					if err != nil {
						failed++
					}
					texts[i] = t
				}
			}
			cpu1, _ := peers.CPUTime()
			n := float64(len(docs)) * float64(b.N)
			b.ReportMetric(n/b.Elapsed().Seconds(), "docs/s")
			if cpuOK && cpu1 > cpu0 {
				b.ReportMetric(n/(cpu1-cpu0).Seconds(), "docs/cpu-s")
			}
			if p.NoText {
				return
			}
			pred := make(map[string]string, len(docs))
			for i, d := range docs {
				pred[d.ID] = texts[i]
			}
			res, _ := shscore.Score(corpus.Truths(docs), pred)
			b.ReportMetric(res.F1, "f1")
			b.ReportMetric(float64(failed), "failed")
		})
	}
}
