// Command peers runs newsclip and its peers over a benchmark corpus and
// writes one prediction file per extractor.
//
// By default the corpus is ScrapingHub's and the predictions are body texts
// in sh_score.py's format (<out>/<peer>.json), scored by the root module's
// shbench (-score) and by sh_score.py; it prints each extractor's scores by
// internal/shscore too. With -dates the corpus is the dates benchmark and
// the predictions are publication dates in dates_score.py's format
// (<out>/<peer>-dates.json), scored by the root module's datesbench
// (-score) and by dates_score.py. With -authors it lists the pages of both
// corpora where newsclip's and go-trafilatura's author lists differ (no
// author truth exists: it is a reading list), on stdout only:
//
//	cd bench && go run ./cmd/peers [-dates|-authors] [-corpus DIR] [-out DIR] [-peers a,b] [-j N]
//
// Every engine is given the page decoded to UTF-8 and its URL. Timings are
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

// datesRelDir is the dates benchmark relative to the repository root.
const datesRelDir = "../shared/bench/dates"

type config struct {
	dates      bool
	authors    bool
	dir, out   string
	names      []string
	jobs       int
	textNames  []string // every text extractor, for messages
	dateNames  []string // every dater
	defaultOut string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := config{defaultOut: "out"}
	if root, err := corpus.RepoRoot(); err == nil {
		c.defaultOut = filepath.Join(root, "out")
	}
	for _, p := range peers.All() {
		c.textNames = append(c.textNames, p.Name)
	}
	for _, d := range peers.Daters() {
		c.dateNames = append(c.dateNames, d.Name)
	}
	fs := flag.NewFlagSet("peers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&c.dates, "dates", false, "publication dates on the dates benchmark instead of body texts")
	fs.BoolVar(&c.authors, "authors", false, "list the pages of both development corpora where two extractors' authors differ\n(default newsclip and go-trafilatura)")
	fs.StringVar(&c.dir, "corpus", "", "benchmark `dir` holding ground-truth.json and html/<id>.html.gz\n(default "+
		corpus.DefaultDir()+", with -dates "+datesDir()+")")
	fs.StringVar(&c.out, "out", c.defaultOut, "write <peer>.json (with -dates <peer>-dates.json) prediction files into `dir`")
	list := fs.String("peers", "", "comma-separated `names` of the extractors to run (default all:\n"+
		strings.Join(c.textNames, ",")+";\nwith -dates "+strings.Join(c.dateNames, ",")+")")
	fs.IntVar(&c.jobs, "j", runtime.GOMAXPROCS(0), "extract `n` pages at a time")
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
	c.jobs = max(1, c.jobs)
	if *list != "" {
		for _, name := range strings.Split(*list, ",") {
			c.names = append(c.names, strings.TrimSpace(name))
		}
	}
	if c.authors {
		return runAuthors(ctx, c, stdout, stderr)
	}
	if c.dates {
		return runDates(ctx, c, stdout, stderr)
	}
	return runTexts(ctx, c, stdout, stderr)
}

// datesDir is the dates benchmark's default directory.
func datesDir() string {
	root, err := corpus.RepoRoot()
	if err != nil {
		return datesRelDir
	}
	return filepath.Clean(filepath.Join(root, datesRelDir))
}

// load reads the corpus in dir; it returns an exit code when the caller
// must stop (0 when the corpus is absent: skipped).
func load(dir string, stderr io.Writer) ([]corpus.Doc, int, bool) {
	docs, err := corpus.Load(dir)
	if corpus.IsAbsent(err) {
		fmt.Fprintf(stderr, "peers: skipped: %v\n", err)
		return nil, 0, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "peers: %v\n", err)
		return nil, 1, false
	}
	return docs, 0, true
}

// loadPages loads c's corpus and its pages and says what was loaded.
func (c config) loadPages(stdout, stderr io.Writer) ([]corpus.Doc, []peers.Page, int, bool) {
	docs, code, ok := load(c.dir, stderr)
	if !ok {
		return nil, nil, code, false
	}
	fmt.Fprintf(stdout, "corpus %s: %d pages, %.1f MB; -j %d\n\n", c.dir, len(docs), float64(corpus.Bytes(docs))/1e6, c.jobs)
	return docs, peers.Pages(c.dir, docs), 0, true
}

func runTexts(ctx context.Context, c config, stdout, stderr io.Writer) int {
	if c.dir == "" {
		c.dir = corpus.DefaultDir()
	}
	if c.names == nil {
		c.names = c.textNames
	}
	var selected []peers.Peer
	for _, name := range c.names {
		p, ok := peers.Named(name)
		if !ok || p.NoText {
			fmt.Fprintf(stderr, "peers: unknown extractor %q (have %s)\n", name, strings.Join(c.textNames, ", "))
			return 2
		}
		selected = append(selected, p)
	}
	docs, pages, code, ok := c.loadPages(stdout, stderr)
	if !ok {
		return code
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tF1\tprecision\trecall\taccuracy\tempty\tfailed\tseconds\tfile")
	var files []string
	for _, p := range selected {
		start := time.Now()
		texts, failed, err := extractAll(ctx, p.Extract, pages, c.jobs)
		if err != nil {
			fmt.Fprintln(stderr, "peers: interrupted")
			return 130
		}
		elapsed := time.Since(start)
		pred := make(map[string]string, len(docs))
		for i, d := range docs {
			pred[d.ID] = texts[i]
		}
		path := filepath.Join(c.out, p.Name+".json")
		if err := corpus.WriteFile(path, func(w io.Writer) error { return shscore.WritePredictions(w, pred) }); err != nil {
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
	fmt.Fprintf(stdout, "\nscore with: python3 %s %s\n", filepath.Join(c.dir, "..", "..", "tools", "sh_score.py"), strings.Join(files, " "))
	return 0
}

// extractAll runs fn over pages with n goroutines; its outputs are in
// pages' order, empty for pages that failed.
func extractAll(ctx context.Context, fn func(*peers.Page) (string, error), pages []peers.Page, n int) (texts []string, failed int, err error) {
	texts = make([]string, len(pages))
	errs := make([]error, len(pages))
	err = corpus.Each(ctx, len(pages), n, func(i int) {
		texts[i], errs[i] = fn(&pages[i])
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
