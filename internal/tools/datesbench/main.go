// Command datesbench measures the extractor's publication dates on the
// dates benchmark (see shared/bench/README.md): it extracts every page with
// its URL as the source address, writes the predictions in dates_score.py's
// format, and prints accuracy, missing and wrong by that script's
// definition (same numbers as `python3 ../shared/tools/dates_score.py
// out/dates-pred.json`).
//
// Usage, from the repository root:
//
//	go run ./internal/tools/datesbench [-corpus DIR] [-pred FILE] [-v] [-j N]
//	go run ./internal/tools/datesbench -score FILE [-corpus DIR] [-v]
//
// With -score it extracts nothing and scores an existing prediction file
// (another extractor's, e.g. from bench/cmd/peers -dates). With -v it lists
// the wrong and missing pages. It skips with a message,
// successfully, when the data is absent.
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
	"syscall"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// relDir is the benchmark directory relative to the repository root.
const relDir = "../shared/bench/dates"

type config struct {
	corpus, pred, score string
	verbose             bool
	jobs                int
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	defDir, defPred := relDir, filepath.Join("out", "dates-pred.json")
	if root, err := corpus.RepoRoot(); err == nil {
		defDir = filepath.Clean(filepath.Join(root, relDir))
		defPred = filepath.Join(root, "out", "dates-pred.json")
	}
	var c config
	fs := flag.NewFlagSet("datesbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.corpus, "corpus", defDir, "benchmark `dir` holding ground-truth.json and html/<id>.html.gz")
	fs.StringVar(&c.pred, "pred", defPred, "write the predictions to `file` (dates_score.py's format; \"\" for none)")
	fs.StringVar(&c.score, "score", "", "score the predictions in `file` instead of extracting")
	fs.BoolVar(&c.verbose, "v", false, "list the wrong and missing pages")
	fs.IntVar(&c.jobs, "j", runtime.GOMAXPROCS(0), "extract `n` pages at a time")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "datesbench: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	err := bench(ctx, c, stdout)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, corpus.ErrAbsent):
		fmt.Fprintf(stderr, "datesbench: skipped: %v\n", err)
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "datesbench: interrupted")
		return exitInterrupted
	default:
		fmt.Fprintf(stderr, "datesbench: %v\n", err)
		return exitFailed
	}
}

func bench(ctx context.Context, c config, stdout io.Writer) error {
	truths, err := readTruth(c.corpus)
	if err != nil {
		return err
	}
	if c.score != "" {
		pred, err := readPredictions(c.score)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "scoring %s against %s (%d pages)\n", c.score, c.corpus, len(truths))
		report(stdout, c.verbose, score(truths, pred))
		return nil
	}
	pages := make([][]byte, len(truths))
	for i, t := range truths {
		if pages[i], err = corpus.ReadGzip(filepath.Join(c.corpus, "html", t.ID+".html.gz")); err != nil {
			return fmt.Errorf("page %s: %w", t.ID, err)
		}
	}
	start := time.Now()
	dates := make([]string, len(truths))
	ex := extract.New(extract.Options{})
	err = corpus.Each(ctx, len(truths), max(1, c.jobs), func(i int) {
		// A page without an article still has its metadata.
		if a, _ := ex.ExtractBytes(pages[i], extract.Source{URL: truths[i].URL}); a != nil {
			dates[i] = a.Published
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "corpus %s: %d pages extracted in %.2fs\n", c.corpus, len(truths), time.Since(start).Seconds())
	pred := make(map[string]string, len(truths))
	for i, t := range truths {
		pred[t.ID] = dates[i]
	}
	if c.pred != "" {
		if err := corpus.WriteFile(c.pred, func(w io.Writer) error { return writePredictions(w, pred) }); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "predictions written to %s\n", c.pred)
	}
	report(stdout, c.verbose, score(truths, pred))
	return nil
}

// report prints dates_score.py's summary line and, when verbose, the
// failures with their URLs.
func report(stdout io.Writer, verbose bool, r result) {
	fmt.Fprintln(stdout, r.summary())
	if verbose {
		for _, f := range r.Wrong {
			fmt.Fprintf(stdout, "wrong   %s  got %s  want %s  %s\n", f.ID, f.Got, f.Want, f.URL)
		}
		for _, f := range r.Missing {
			fmt.Fprintf(stdout, "missing %s  want %s  %s\n", f.ID, f.Want, f.URL)
		}
	}
}
