package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsclip/newsclip/internal/report"
)

const reportUsage = `usage: newsclip report [flags] OUT.jsonl... [-o report.html]

Makes one self-contained HTML report (inline CSS and SVG charts, nothing
fetched when it is opened) of the records of a crawl or an extraction:
articles per section and per day (published and fetched), agencies and
datelines, word counts, the pages most linked from Related, Ranking and
Recommendation blocks, clusters of near-duplicate stories by fingerprint,
languages, and the inputs that failed, by reason. With --log, the crawl's
log written with --log-format json adds the pages the crawl could not
fetch. Inputs may be gzip-compressed; - reads standard input.

flags:
`

type logFiles []string

func (l *logFiles) String() string     { return strings.Join(*l, ",") }
func (l *logFiles) Set(s string) error { *l = append(*l, s); return nil }

func runReport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the report to this file (default stdout)")
	var logs logFiles
	fs.Var(&logs, "log", "a crawl's JSON log (--log-format json), for the pages that failed; repeatable")
	opts := report.Options{}
	fs.IntVar(&opts.Threshold, "threshold", report.DefaultThreshold, "largest fingerprint distance (bits) within a cluster of near-duplicates; -1 exact copies only")
	fs.IntVar(&opts.Top, "top", 20, "rows of the tables (most linked pages, places, largest clusters)")
	fs.StringVar(&opts.Title, "title", "Crawl report", "the report's title")
	fs.Usage = func() { fmt.Fprint(stderr, reportUsage); fs.PrintDefaults() }
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(inputs) == 0 {
		fmt.Fprint(stderr, "newsclip report: no records given\n\n")
		fs.Usage()
		return exitUsage
	}
	if opts.Threshold > 32 || opts.Threshold == 0 {
		fmt.Fprintf(stderr, "newsclip report: --threshold %d: want 1..32, or -1\n", opts.Threshold)
		return exitUsage
	}
	r := report.New(opts)
	for _, in := range inputs {
		if err := readInto(in, stdin, func(name string, rd io.Reader) error { return r.ReadRecords(name, rd) }); err != nil {
			fmt.Fprintf(stderr, "newsclip report: %v\n", err)
			return exitFailed
		}
		if ctx.Err() != nil {
			return exitInterrupted
		}
	}
	for _, l := range logs {
		if err := readInto(l, stdin, func(_ string, rd io.Reader) error { return r.ReadLog(rd) }); err != nil {
			fmt.Fprintf(stderr, "newsclip report: %v\n", err)
			return exitFailed
		}
	}
	if n := r.BadLines(); n > 0 {
		fmt.Fprintf(stderr, "newsclip report: skipped %d lines that were neither records nor JSON log entries\n", n)
	}
	if err := writeReport(r, *out, stdout); err != nil {
		fmt.Fprintf(stderr, "newsclip report: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// readInto opens a file (or stdin for -) and hands it to read.
func readInto(name string, stdin io.Reader, read func(string, io.Reader) error) error {
	if name == "-" {
		return read("stdin", stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := read(name, f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// writeReport writes the page to path (through a temporary file, so that a
// failed run leaves no half page) or to stdout.
func writeReport(r *report.Report, path string, stdout io.Writer) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriter(stdout)
		if err := r.WriteHTML(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = r.WriteHTML(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
