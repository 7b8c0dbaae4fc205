package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/newsclip/newsclip/internal/corpus"
)

// lineCounter counts the records written to it and keeps none.
type lineCounter struct{ n int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// BenchmarkExtractCLI runs `newsclip extract -j 1` over the ScrapingHub
// corpus's stored .html.gz files (the first 10 with -short): one op is the
// command over every file, read, gunzipped, decoded, extracted and written
// as JSON lines (to a counter). The files carry no URL (as a directory
// input), so links stay relative. bench/'s BenchmarkPeers compares the same
// per-page path, given the URL, with in-process extraction in one run;
// this one runs the command's own code, for profiling it:
//
//	go test -run '^$' -bench ExtractCLI -benchtime 3x -cpuprofile /tmp/cli.out ./cmd/newsclip
func BenchmarkExtractCLI(b *testing.B) {
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
	args := []string{"extract", "-j", "1"}
	for _, d := range docs {
		args = append(args, filepath.Join(dir, "html", d.ID+".html.gz"))
	}
	b.SetBytes(corpus.Bytes(docs))
	b.ReportAllocs()
	out := &lineCounter{}
	for b.Loop() {
		out.n = 0
		if code := run(context.Background(), args, nil, out, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
		if out.n != len(docs) {
			b.Fatalf("%d records for %d inputs", out.n, len(docs))
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
