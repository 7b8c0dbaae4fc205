// Command peers runs newsclip and its peers over the ScrapingHub corpus and
// writes one prediction file per extractor, in sh_score.py's format, for
// scoring by the root module's shbench (-score) and by sh_score.py:
//
//	cd bench && go run ./cmd/peers [-corpus DIR] [-out DIR] [-peers a,b] [-j N]
//
// It prints each extractor's scores by internal/shscore too. Timings are
// wall-clock over -j goroutines and only indicative; BenchmarkPeers is the
// speed measurement. Skips with a message when the corpus is absent.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/newsclip/newsclip/bench/peers"
	"github.com/newsclip/newsclip/internal/corpus"
	"github.com/newsclip/newsclip/internal/shscore"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	defOut := "out"
	if root, err := corpus.RepoRoot(); err == nil {
		defOut = filepath.Join(root, "out")
	}
	var names []string
	for _, p := range peers.All() {
		names = append(names, p.Name)
	}
	fs := flag.NewFlagSet("peers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpus", corpus.DefaultDir(), "benchmark `dir` holding ground-truth.json and html/<id>.html.gz")
	out := fs.String("out", defOut, "write <peer>.json prediction files into `dir`")
	list := fs.String("peers", strings.Join(names, ","), "comma-separated `names` of the extractors to run")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "extract `n` pages at a time")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "peers: unexpected arguments %q\n", fs.Args())
		return 2
	}
	var selected []peers.Peer
	for _, name := range strings.Split(*list, ",") {
		p, ok := peers.Named(strings.TrimSpace(name))
		if !ok || p.NoText {
			fmt.Fprintf(stderr, "peers: unknown extractor %q (have %s)\n", name, strings.Join(names, ", "))
			return 2
		}
		selected = append(selected, p)
	}

	docs, err := corpus.Load(*dir)
	if corpus.IsAbsent(err) {
		fmt.Fprintf(stderr, "peers: skipped: %v\n", err)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "peers: %v\n", err)
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "peers: %v\n", err)
		return 1
	}
	pages := peers.Pages(*dir, docs)
	fmt.Fprintf(stdout, "corpus %s: %d pages, %.1f MB; -j %d\n\n", *dir, len(docs), float64(corpus.Bytes(docs))/1e6, max(1, *jobs))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tF1\tprecision\trecall\taccuracy\tempty\tfailed\tseconds\tfile")
	var files []string
	for _, p := range selected {
		start := time.Now()
		texts, failed, err := extractAll(ctx, p, pages, max(1, *jobs))
		if err != nil {
			fmt.Fprintln(stderr, "peers: interrupted")
			return 130
		}
		elapsed := time.Since(start)
		pred := make(map[string]string, len(docs))
		for i, d := range docs {
			pred[d.ID] = texts[i]
		}
		path := filepath.Join(*out, p.Name+".json")
		if err := writePredictions(path, pred); err != nil {
			fmt.Fprintf(stderr, "peers: %v\n", err)
			return 1
		}
		files = append(files, path)
		res, _ := shscore.Score(corpus.Truths(docs), pred)
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t%d\t%.1f\t%s\n", p.Name, res.F1, res.Precision, res.Recall,
			res.Accuracy, res.Empty, failed, elapsed.Seconds(), path)
		fmt.Fprintf(stderr, "peers: %s done in %.1fs\n", p.Name, elapsed.Seconds())
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\nscore with: python3 %s %s\n", filepath.Join(*dir, "..", "..", "tools", "sh_score.py"), strings.Join(files, " "))
	return 0
}

// extractAll runs p over pages with n goroutines; texts are in pages'
// order, empty for pages that failed.
func extractAll(ctx context.Context, p peers.Peer, pages []peers.Page, n int) (texts []string, failed int, err error) {
	texts = make([]string, len(pages))
	errs := make([]error, len(pages))
	err = corpus.Each(ctx, len(pages), n, func(i int) {
		texts[i], errs[i] = p.Extract(&pages[i])
		if errs[i] != nil {
			texts[i] = ""
		}
	})
	for _, e := range errs {
		if e != nil {
			failed++
		}
	}
	return texts, failed, err
}

func writePredictions(path string, pred map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := shscore.WritePredictions(f, pred); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
