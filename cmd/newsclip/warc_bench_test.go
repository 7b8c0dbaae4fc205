package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/corpus"
)

// benchWARC writes the corpus pages as a WARC file, a request and a
// response record per page (as crawls and CC-NEWS have them), each record
// its own gzip member when compressed.
func benchWARC(b testing.TB, docs []corpus.Doc, compressed bool) string {
	b.Helper()
	name := "corpus.warc"
	if compressed {
		name += ".gz"
	}
	path := filepath.Join(b.TempDir(), name)
	var out bytes.Buffer
	put := func(rec string) {
		if !compressed {
			out.WriteString(rec)
			return
		}
		zw, _ := gzip.NewWriterLevel(&out, gzip.DefaultCompression)
		zw.Write([]byte(rec))
		zw.Close()
	}
	for _, d := range docs {
		put(warcRecord("request", d.URL, "application/http; msgtype=request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
		put(warcRecord("response", d.URL, "application/http; msgtype=response",
			httpResponse("200 OK", fmt.Sprintf("Content-Type: text/html\r\nContent-Length: %d\r\n", len(d.HTML)), d.HTML)))
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

func loadCorpus(b testing.TB) []corpus.Doc {
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
	return docs
}

// BenchmarkExtractWARC compares `newsclip extract` over a WARC file of the
// ScrapingHub pages with in-process extraction of the same pages, each
// with GOMAXPROCS workers (-cpu 1,2 for the scaling): per record, the
// command reads, gunzips and parses the WARC, decodes the HTTP answer,
// judges and extracts the page, and writes its record in order. The
// in-process rows do the judging and extracting alone, on pages in
// memory ("judge" is what the command does per page, "extract" the bare
// extractor).
//
//	go test -run '^$' -bench ExtractWARC -benchtime 3x -count 3 -cpu 1,2 ./cmd/newsclip
//
// The per-record comparison is .warc.gz (or .warc) against
// in-process-judge in docs/cpu-s: both judge and extract the same pages,
// the command also reads, decodes and writes. -count runs each row its
// times in a row, and the machine's load drifts between rows: take the
// ratio from runs that alternate, e.g. a loop over
// `-bench 'ExtractWARC/(gz|in-process-judge)$' -count 1`.
func BenchmarkExtractWARC(b *testing.B) {
	docs := loadCorpus(b)
	ex := extract.New(extract.Options{})
	judge := crawl.NewJudge(ex)
	articles := 0
	for _, d := range docs {
		if a, _, _ := judge.Page(d.HTML, d.URL, textHTML); a != nil {
			articles++
		}
	}
	for _, compressed := range []bool{true, false} {
		path := benchWARC(b, docs, compressed)
		b.Run(filepath.Ext(path)[1:], func(b *testing.B) {
			args := []string{"extract", "-j", fmt.Sprint(runtime.GOMAXPROCS(0)), path}
			b.SetBytes(corpus.Bytes(docs))
			b.ReportAllocs()
			out := &lineCounter{}
			cpu := cpuTime()
			for b.Loop() {
				out.n = 0
				if code := run(context.Background(), args, nil, out, io.Discard); code != exitOK {
					b.Fatalf("exit %d", code)
				}
				if out.n != articles {
					b.Fatalf("%d records, want %d", out.n, articles)
				}
			}
			reportRates(b, len(docs), cpu)
		})
	}
	inProcess := map[string]func(d corpus.Doc){
		"judge":   func(d corpus.Doc) { judge.Page(d.HTML, d.URL, textHTML) },
		"extract": func(d corpus.Doc) { ex.ExtractBytes(d.HTML, extract.Source{URL: d.URL, ContentType: "text/html"}) },
	}
	for _, name := range []string{"judge", "extract"} {
		b.Run("in-process-"+name, func(b *testing.B) {
			b.SetBytes(corpus.Bytes(docs))
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				parallel(docs, inProcess[name])
			}
			reportRates(b, len(docs), cpu)
		})
	}
}

// BenchmarkExtractWARCRatio gives the per-record cost of `newsclip extract`
// over a WARC file as a ratio to in-process judging and extracting of the
// same pages, alternating the two pass by pass, so that a shared
// machine's drift falls on both alike (the rows of BenchmarkExtractWARC run
// one after the other):
//
//	go test -run '^$' -bench ExtractWARCRatio -benchtime 10x -cpu 1 ./cmd/newsclip
//
// One op is a pass of each; the metrics are each side's docs/cpu-s and
// their ratios, gz/in-process and warc/in-process.
func BenchmarkExtractWARCRatio(b *testing.B) {
	docs := loadCorpus(b)
	judge := crawl.NewJudge(extract.New(extract.Options{}))
	gz, plain := benchWARC(b, docs, true), benchWARC(b, docs, false)
	j := fmt.Sprint(runtime.GOMAXPROCS(0))
	var cpu [3]time.Duration // gz, warc, in process
	for b.Loop() {
		for i, path := range []string{gz, plain} {
			start := cpuTime()
			if code := run(context.Background(), []string{"extract", "-j", j, path}, nil, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("exit %d", code)
			}
			cpu[i] += cpuTime() - start
		}
		start := cpuTime()
		parallel(docs, func(d corpus.Doc) { judge.Page(d.HTML, d.URL, textHTML) })
		cpu[2] += cpuTime() - start
	}
	n := float64(len(docs) * b.N)
	b.ReportMetric(n/cpu[0].Seconds(), "gz-docs/cpu-s")
	b.ReportMetric(n/cpu[1].Seconds(), "warc-docs/cpu-s")
	b.ReportMetric(n/cpu[2].Seconds(), "in-process-docs/cpu-s")
	b.ReportMetric(cpu[0].Seconds()/cpu[2].Seconds(), "gz/in-process")
	b.ReportMetric(cpu[1].Seconds()/cpu[2].Seconds(), "warc/in-process")
}

var textHTML = map[string][]string{"Content-Type": {"text/html"}}

// parallel calls f on every doc from GOMAXPROCS goroutines.
func parallel(docs []corpus.Doc, f func(corpus.Doc)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(docs)); i = next.Add(1) - 1 {
				f(docs[i])
			}
		})
	}
	wg.Wait()
}

// cpuTime is the process's CPU time (user and system) so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportRates reports docs per wall second and per CPU second (on a
// shared machine the second is the steadier).
func reportRates(b *testing.B, docs int, cpuStart time.Duration) {
	n := float64(docs) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(n/(cpuTime()-cpuStart).Seconds(), "docs/cpu-s")
}
