package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	crawlreport "github.com/newsclip/newsclip/internal/report"
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

func runReport(ctx context.Context, args []string, s stdio) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("o", "", "write the report to this file (default stdout)")
	var logs stringList
	fs.Var(&logs, "log", "a crawl's JSON log (--log-format json), for the pages that failed; repeatable")
	opts := crawlreport.Options{}
	fs.IntVar(&opts.Threshold, "threshold", crawlreport.DefaultThreshold, "largest fingerprint distance (bits) within a cluster of near-duplicates, 1..32; -1 exact copies only")
	fs.IntVar(&opts.Top, "top", 20, "rows of the tables (most linked pages, places, largest clusters)")
	fs.StringVar(&opts.Title, "title", "Crawl report", "the report's title")
	inputs, err := parseFlags(fs, reportUsage, args, s.out)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usageErrorf("no records given")
	}
	if opts.Threshold > 32 || opts.Threshold == 0 || opts.Threshold < -1 {
		return usageErrorf("--threshold %d: want 1..32, or -1", opts.Threshold)
	}
	if err := atLeast(fs, 1, "top"); err != nil {
		return err
	}
	r := crawlreport.New(opts)
	for _, in := range inputs {
		if err := readInto(in, s.in, func(name string, rd io.Reader) error { return r.ReadRecords(name, rd) }); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return &interrupted{"interrupted", ctx.Err()}
		}
	}
	for _, l := range logs {
		if err := readInto(l, s.in, func(_ string, rd io.Reader) error { return r.ReadLog(rd) }); err != nil {
			return err
		}
	}
	switch n := r.BadLines(); n {
	case 0:
	case 1:
		fmt.Fprintf(s.err, "newsclip report: skipped 1 line that was neither a record nor a JSON log entry\n")
	default:
		fmt.Fprintf(s.err, "newsclip report: skipped %d lines that were neither records nor JSON log entries\n", n)
	}
	return writeReport(r, *out, s.out)
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
func writeReport(r *crawlreport.Report, path string, stdout io.Writer) error {
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
