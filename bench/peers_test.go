package bench

import (
	"flag"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/bench/peers"
	"github.com/newsclip/newsclip/internal/corpus"
	"github.com/newsclip/newsclip/internal/shscore"
)

// The rows of BenchmarkPeers, in the order of its table.
var rows = flag.String("rows", "newsclip,newsclip-cli,go-trafilatura-fast,go-readability,parse-floor,gunzip",
	"comma-separated engines that BenchmarkPeers interleaves (see peers.Named)")

// loadPages loads the ScrapingHub corpus (the first 10 pages with -short)
// and decodes every page once; it skips when the corpus is absent.
func loadPages(b *testing.B) ([]peers.Page, []corpus.Doc) {
	dir := corpus.DefaultDir()
	docs, err := corpus.Load(dir)
	if err != nil {
		if corpus.IsAbsent(err) {
			b.Skipf("skipped: %v", err)
		}
		b.Fatal(err)
	}
	if testing.Short() && len(docs) > 10 {
		docs = docs[:10]
	}
	return peers.Pages(dir, docs), docs
}

func named(b *testing.B, names []string) []peers.Peer {
	out := make([]peers.Peer, len(names))
	for i, name := range names {
		p, ok := peers.Named(strings.TrimSpace(name))
		if !ok {
			b.Fatalf("no engine %q", name)
		}
		out[i] = p
	}
	return out
}

// BenchmarkPeers measures the engines in one run, interleaved so that the
// machine's noise hits them alike: one op is one round, in which every
// engine makes one pass over every page on one goroutine, in an order that
// rotates from round to round. Every engine is given the page decoded to
// UTF-8 before timing (the CLI path reads the stored .html.gz instead).
// Per engine it logs a table (docs per CPU-second and per wall second,
// MB/s, allocations and bytes per pass, F1 of the last pass) and reports
// <engine>-docs/cpu-s and the ratios newsclip/trafilatura-fast,
// newsclip/floor and cli/in-process (CPU time per page of the CLI path over
// that of in-process extraction) as metrics.
func BenchmarkPeers(b *testing.B) {
	pages, docs := loadPages(b)
	engines := named(b, strings.Split(*rows, ","))
	meters := make([]meter, len(engines))
	for i, e := range engines {
		meters[i].texts = make([]string, len(pages))
		for j := range pages[:min(3, len(pages))] {
			e.Extract(&pages[j]) // lazily built tables and patterns
		}
	}
	round := 0
	for b.Loop() {
		for k := range engines {
			i := (round + k) % len(engines)
			meters[i].pass(engines[i], pages)
		}
		round++
	}
	var size int64
	for _, p := range pages {
		size += int64(len(p.UTF8))
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d pages, %.1f MB decoded, %d rounds; one op below is one pass over every page\n",
		len(pages), float64(size)/1e6, round)
	fmt.Fprintf(&sb, "%-28s %10s %8s %7s %10s %10s %7s %6s %6s\n",
		"engine", "docs/cpu-s", "docs/s", "MB/s", "allocs/op", "B/op", "B/in", "f1", "failed")
	rate := map[string]float64{}
	for i, e := range engines {
		m := &meters[i]
		n := float64(len(pages) * m.passes)
		cps := n / m.cpu.Seconds()
		rate[e.Name] = cps
		b.ReportMetric(cps, e.Name+"-docs/cpu-s")
		f1 := "—"
		if !e.NoText {
			f1 = fmt.Sprintf("%.4f", score(docs, m.texts))
		}
		fmt.Fprintf(&sb, "%-28s %10.1f %8.1f %7.2f %10.0f %10.0f %7.2f %6s %6d\n", e.Name, cps,
			n/m.wall.Seconds(), float64(size)*float64(m.passes)/m.wall.Seconds()/1e6,
			float64(m.allocs)/float64(m.passes), float64(m.bytes)/float64(m.passes),
			float64(m.bytes)/float64(m.passes)/float64(size), f1, m.failed)
	}
	for _, r := range []struct{ unit, num, den string }{
		{"newsclip/trafilatura-fast", "newsclip", "go-trafilatura-fast"},
		{"newsclip/floor", "newsclip", "parse-floor"},
		{"cli/in-process", "newsclip", "newsclip-cli"}, // CPU per page, CLI over in-process
	} {
		if rate[r.num] > 0 && rate[r.den] > 0 {
			b.ReportMetric(rate[r.num]/rate[r.den], r.unit)
			fmt.Fprintf(&sb, "%s %.3f  ", r.unit, rate[r.num]/rate[r.den])
		}
	}
	b.Log(sb.String()) // ten lines at most are kept: up to seven rows
}

// meter sums one engine's passes.
type meter struct {
	passes        int
	wall, cpu     time.Duration
	allocs, bytes uint64
	failed        int
	texts         []string // of the last pass
}

// pass runs p over every page once. A collection before it (not measured)
// leaves no garbage of the previous engine to be paid for by this one.
func (m *meter) pass(p peers.Peer, pages []peers.Page) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0, cpuOK := peers.CPUTime()
	start := time.Now()
	failed := 0
	for i := range pages {
		t, err := p.Extract(&pages[i])
		if err != nil {
			failed++
		}
		m.texts[i] = t
	}
	wall := time.Since(start)
	cpu1, _ := peers.CPUTime()
	runtime.ReadMemStats(&after)
	m.passes++
	m.wall += wall
	if cpuOK && cpu1 > cpu0 {
		m.cpu += cpu1 - cpu0
	} else {
		m.cpu += wall
	}
	m.allocs += after.Mallocs - before.Mallocs
	m.bytes += after.TotalAlloc - before.TotalAlloc
	m.failed = failed
}

func score(docs []corpus.Doc, texts []string) float64 {
	pred := make(map[string]string, len(docs))
	for i, d := range docs {
		pred[d.ID] = texts[i]
	}
	res, _ := shscore.Score(corpus.Truths(docs), pred)
	return res.F1
}

// BenchmarkEngine runs one engine at a time over every page (one op is one
// pass), for profiling one of them:
//
//	go test -run '^$' -bench 'Engine/go-trafilatura-fast$' -benchtime 3x -cpuprofile /tmp/cpu.out
//
// Compare engines with BenchmarkPeers, not with this.
func BenchmarkEngine(b *testing.B) {
	pages, _ := loadPages(b)
	names := []string{"newsclip", "newsclip-cli", "gunzip", "go-trafilatura-fast", "go-trafilatura-fast-reader",
		"go-trafilatura-default", "go-readability", "go-readability-reader", "parse-floor"}
	var size int64
	for _, p := range pages {
		size += int64(len(p.UTF8))
	}
	for _, e := range named(b, names) {
		b.Run(e.Name, func(b *testing.B) {
			for j := range pages[:min(3, len(pages))] {
				e.Extract(&pages[j])
			}
			b.SetBytes(size)
			b.ReportAllocs()
			cpu0, cpuOK := peers.CPUTime()
			for b.Loop() {
				for i := range pages {
					e.Extract(&pages[i])
				}
			}
			cpu1, _ := peers.CPUTime()
			n := float64(len(pages) * b.N)
			b.ReportMetric(n/b.Elapsed().Seconds(), "docs/s")
			if cpuOK && cpu1 > cpu0 {
				b.ReportMetric(n/(cpu1-cpu0).Seconds(), "docs/cpu-s")
			}
		})
	}
}
