package extract_test

import (
	"cmp"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/corpus"
)

// maxAllocRatio bounds the bytes one ExtractBytes call may allocate, as a
// multiple of the input's size.
const maxAllocRatio = 20

// minAllocBase is the smallest size the ratio is taken of: a page of a few
// kilobytes costs a fixed overhead (parser and decoder buffers, pattern
// matchers) that no ratio of its size covers. Pages under it may allocate
// maxAllocRatio × minAllocBase bytes (320 KiB). Real article pages are
// larger: the smallest of the corpus is about 20 KB.
const minAllocBase = 16 << 10

// TestAllocationBound measures the bytes allocated by one ExtractBytes call
// on every page of the ScrapingHub corpus and on every
// testdata/extract/*/input.html, and fails when a page allocates more than
// maxAllocRatio times its size (of minAllocBase for smaller pages). It logs the largest ratios and the largest
// heap growth seen across a call (a lower bound of the peak: a collection
// may run during the call). The corpus is left out when absent.
//
// Not parallel: TotalAlloc counts every goroutine of the process.
func TestAllocationBound(t *testing.T) {
	docs, err := corpus.Load(corpus.DefaultDir())
	if err != nil && !corpus.IsAbsent(err) {
		t.Fatal(err)
	}
	type input struct {
		name string
		url  string
		html []byte
	}
	var inputs []input
	for _, d := range docs {
		inputs = append(inputs, input{d.ID, d.URL, d.HTML})
	}
	fixtures, _ := filepath.Glob(filepath.Join("..", "testdata", "extract", "*", "input.html"))
	for _, f := range fixtures {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{name: filepath.Base(filepath.Dir(f)), html: b})
	}

	ex := extract.New(extract.Options{})
	// Warm up once-only initialisation (tables, lazily compiled patterns) so
	// that it is not charged to the first page.
	ex.ExtractBytes(inputs[0].html, extract.Source{URL: inputs[0].url})

	type measure struct {
		name        string
		size        int
		alloc, heap uint64
		ratio       float64
	}
	var all []measure
	var worst, peak measure
	var total, totalSize uint64
	over := 0
	var before, after runtime.MemStats
	for _, in := range inputs {
		runtime.GC()
		runtime.ReadMemStats(&before)
		a, _ := ex.ExtractBytes(in.html, extract.Source{URL: in.url})
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(a)

		m := measure{name: in.name, size: len(in.html), alloc: after.TotalAlloc - before.TotalAlloc}
		if after.HeapAlloc > before.HeapAlloc {
			m.heap = after.HeapAlloc - before.HeapAlloc
		}
		m.ratio = float64(m.alloc) / float64(max(1, m.size))
		all = append(all, m)
		total += m.alloc
		totalSize += uint64(m.size)
		if m.ratio > worst.ratio {
			worst = m
		}
		if m.heap > peak.heap {
			peak = m
		}
		if m.alloc > uint64(maxAllocRatio*max(m.size, minAllocBase)) {
			over++
			t.Errorf("%s: %d bytes allocated for %d bytes of input, %.1f× > %d× (of at least %d bytes)", m.name, m.alloc, m.size, m.ratio, maxAllocRatio, minAllocBase)
		}
	}
	t.Logf("%d inputs (%d corpus pages, %d fixtures), %.1f MB: allocated %.1f MB, %.1f× overall", len(inputs), len(docs),
		len(fixtures), float64(totalSize)/1e6, float64(total)/1e6, float64(total)/float64(max(1, totalSize)))
	t.Logf("max ratio %.1f× on %s (%d bytes in, %d allocated); %d inputs over the bound", worst.ratio, worst.name, worst.size, worst.alloc, over)
	slices.SortFunc(all, func(a, b measure) int { return cmp.Compare(b.ratio, a.ratio) })
	for _, m := range all[:min(5, len(all))] {
		t.Logf("  %5.1f× %8d bytes in %9d allocated  %s", m.ratio, m.size, m.alloc, m.name)
	}
	t.Logf("max heap growth over a call %.1f MB on %s (%d bytes in)", float64(peak.heap)/1e6, peak.name, peak.size)
}
