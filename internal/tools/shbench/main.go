// Command shbench measures the extractor on the ScrapingHub
// article-extraction benchmark (see shared/bench/README.md): it extracts
// every page of the corpus, writes the predictions in sh_score.py's format,
// and prints F1, precision, recall and accuracy by the benchmark's metric
// (package internal/shscore, the same numbers as sh_score.py), the worst
// pages, the number of pages without an article and the distribution of
// fingerprint distances between different pages.
//
// Usage, from the repository root:
//
//	go run ./internal/tools/shbench [-corpus DIR] [-pred FILE] [-per-doc FILE] [-worst N] [-j N]
//	go run ./internal/tools/shbench -score FILE [-per-doc FILE] [-worst N]
//
// With -score it extracts nothing and scores an existing prediction file
// (such as those written by the bench module's cmd/peers). It skips with a
// message, successfully, when the corpus is absent.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/corpus"
	"github.com/newsclip/newsclip/internal/shscore"
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

type config struct {
	corpus, pred, perDoc, score, name string
	worst, jobs                       int
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	defPred := filepath.Join("out", "pred.json")
	if root, err := corpus.RepoRoot(); err == nil {
		defPred = filepath.Join(root, "out", "pred.json")
	}
	var c config
	fs := flag.NewFlagSet("shbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.corpus, "corpus", corpus.DefaultDir(), "benchmark `dir` holding ground-truth.json and html/<id>.html.gz")
	fs.StringVar(&c.pred, "pred", defPred, "write the predictions to `file` (sh_score.py's format; \"\" for none)")
	fs.StringVar(&c.perDoc, "per-doc", "", "write per-page scores to `file` as sh_score.py --per-doc TSV")
	fs.StringVar(&c.score, "score", "", "score the predictions in `file` instead of extracting")
	fs.StringVar(&c.name, "name", "", "name in the per-page TSV (default newsclip, or the -score file's base name)")
	fs.IntVar(&c.worst, "worst", 15, "print the `n` pages of lowest F1")
	fs.IntVar(&c.jobs, "j", runtime.GOMAXPROCS(0), "extract `n` pages at a time")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "shbench: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	if c.jobs < 1 {
		c.jobs = 1
	}
	if c.name == "" {
		c.name = "newsclip"
		if c.score != "" {
			c.name = strings.TrimSuffix(filepath.Base(c.score), ".json")
		}
	}
	err := bench(ctx, c, stdout)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, corpus.ErrAbsent):
		fmt.Fprintf(stderr, "shbench: skipped: %v\n", err)
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "shbench: interrupted")
		return exitInterrupted
	default:
		fmt.Fprintf(stderr, "shbench: %v\n", err)
		return exitFailed
	}
}

func bench(ctx context.Context, c config, stdout io.Writer) error {
	if c.score != "" {
		truth, err := corpus.ReadTruth(c.corpus)
		if err != nil {
			return err
		}
		pred, err := readPredictions(c.score)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "scoring %s against %s (%d pages)\n", c.score, c.corpus, len(truth))
		return report(c, stdout, truth, pred)
	}

	docs, err := corpus.Load(c.corpus)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "corpus %s: %d pages, %.1f MB\n", c.corpus, len(docs), float64(corpus.Bytes(docs))/1e6)
	start := time.Now()
	results, err := extractAll(ctx, docs, c.jobs)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)

	pred := make(map[string]string, len(docs))
	noArticle := 0
	var failed []string
	for i, r := range results {
		pred[docs[i].ID] = r.text
		switch {
		case r.err == nil:
		case errors.Is(r.err, extract.ErrNoArticle):
			noArticle++
		default:
			failed = append(failed, fmt.Sprintf("%s: %v", docs[i].ID, r.err))
		}
	}
	fmt.Fprintf(stdout, "extracted %d pages in %.2fs with -j %d (%.1f pages/s wall); ErrNoArticle: %d, other errors: %d\n",
		len(docs), elapsed.Seconds(), c.jobs, float64(len(docs))/elapsed.Seconds(), noArticle, len(failed))
	for _, f := range failed {
		fmt.Fprintf(stdout, "  error %s\n", f)
	}
	if c.pred != "" {
		if err := corpus.WriteFile(c.pred, func(w io.Writer) error { return shscore.WritePredictions(w, pred) }); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "predictions written to %s\n", c.pred)
	}
	if err := report(c, stdout, corpus.Truths(docs), pred); err != nil {
		return err
	}
	fingerprints(stdout, results)
	return nil
}

type result struct {
	text, fingerprint string
	err               error
}

// extractAll extracts docs with n workers; results are in docs' order.
func extractAll(ctx context.Context, docs []corpus.Doc, n int) ([]result, error) {
	ex := extract.New(extract.Options{})
	results := make([]result, len(docs))
	err := corpus.Each(ctx, len(docs), n, func(i int) {
		a, err := ex.ExtractBytes(docs[i].HTML, extract.Source{URL: docs[i].URL})
		r := result{err: err}
		if a != nil {
			r.fingerprint = a.Fingerprint
			if err == nil {
				r.text = a.Text
			}
		}
		results[i] = r
	})
	return results, err
}

// report prints the scores and writes the per-page TSV.
func report(c config, stdout io.Writer, truth []shscore.Truth, pred map[string]string) error {
	res, docs := shscore.Score(truth, pred)
	if res.Missing > 0 {
		fmt.Fprintf(stdout, "warning: %d pages have no prediction, scored as empty\n", res.Missing)
	}
	if res.Extra > 0 {
		fmt.Fprintf(stdout, "warning: %d predictions for ids not in the ground truth, ignored\n", res.Extra)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nname\tF1\tprecision\trecall\taccuracy\tempty\tn")
	fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t%d\n", c.name, res.F1, res.Precision, res.Recall, res.Accuracy, res.Empty, res.Docs)
	tw.Flush()

	if c.worst > 0 {
		worst := shscore.Worst(docs)
		worst = worst[:min(c.worst, len(worst))]
		fmt.Fprintf(stdout, "\nworst %d pages:\n", len(worst))
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "id\tF1\tprecision\trecall\turl")
		for _, d := range worst {
			fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%s\n", d.ID, d.F1(), d.Precision(), d.Recall(), d.URL)
		}
		tw.Flush()
	}
	if c.perDoc != "" {
		if err := corpus.WriteFile(c.perDoc, func(w io.Writer) error { return shscore.WritePerDoc(w, c.name, docs) }); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "per-page scores written to %s\n", c.perDoc)
	}
	return nil
}

// fingerprints prints the distribution of Hamming distances between the
// fingerprints of all pairs of different pages that have one. Percentiles
// are nearest-rank.
func fingerprints(stdout io.Writer, results []result) {
	var fps []string
	for _, r := range results {
		if r.fingerprint != "" {
			fps = append(fps, r.fingerprint)
		}
	}
	var ds []int
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			d, err := extract.Distance(fps[i], fps[j])
			if err != nil {
				fmt.Fprintf(stdout, "\nfingerprints: %v\n", err)
				return
			}
			ds = append(ds, d)
		}
	}
	fmt.Fprintf(stdout, "\nfingerprints: %d of %d pages have one, %d pairs", len(fps), len(results), len(ds))
	if len(ds) == 0 {
		fmt.Fprintln(stdout)
		return
	}
	slices.Sort(ds)
	rank := func(p float64) int { return ds[max(0, int(math.Ceil(p*float64(len(ds))))-1)] }
	within := func(k int) int {
		n, _ := slices.BinarySearch(ds, k+1)
		return n
	}
	fmt.Fprintf(stdout, "; Hamming distance min %d, p1 %d, median %d; pairs ≤ 3: %d, ≤ 6: %d, ≤ 10: %d\n",
		ds[0], rank(0.01), rank(0.5), within(3), within(6), within(10))
}

func readPredictions(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return shscore.ReadPredictions(bufio.NewReader(f))
}
