package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsclip/newsclip/bench/peers"
	"github.com/newsclip/newsclip/internal/corpus"
)

// runDates writes each dater's publication dates on the dates benchmark to
// <out>/<name>-dates.json and prints how many pages got a date; the scores
// come from the root module's datesbench -score and from dates_score.py,
// whose commands it prints.
func runDates(ctx context.Context, c config, stdout, stderr io.Writer) int {
	if c.dir == "" {
		c.dir = datesDir()
	}
	if c.names == nil {
		c.names = c.dateNames
	}
	var selected []peers.Dater
	for _, name := range c.names {
		d, ok := peers.NamedDater(name)
		if !ok {
			fmt.Fprintf(stderr, "peers: unknown extractor %q (have %s)\n", name, strings.Join(c.dateNames, ", "))
			return 2
		}
		selected = append(selected, d)
	}
	docs, pages, code, ok := c.loadPages(stdout, stderr)
	if !ok {
		return code
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tdated\tfailed\tseconds\tfile")
	var files []string
	for _, d := range selected {
		start := time.Now()
		dates, failed, err := extractAll(ctx, d.Date, pages, c.jobs)
		if err != nil {
			fmt.Fprintln(stderr, "peers: interrupted")
			return 130
		}
		elapsed := time.Since(start)
		pred := make(map[string]string, len(docs))
		dated := 0
		for i, doc := range docs {
			pred[doc.ID] = dates[i]
			if dates[i] != "" {
				dated++
			}
		}
		path := filepath.Join(c.out, d.Name+"-dates.json")
		if err := corpus.WriteFile(path, func(w io.Writer) error { return writeDates(w, pred) }); err != nil {
			fmt.Fprintf(stderr, "peers: %v\n", err)
			return 1
		}
		files = append(files, path)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%s\n", d.Name, dated, failed, elapsed.Seconds(), path)
		fmt.Fprintf(stderr, "peers: %s done in %.1fs\n", d.Name, elapsed.Seconds())
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nscore with (from the repository root):")
	for _, f := range files {
		fmt.Fprintf(stdout, "  go run ./internal/tools/datesbench -corpus %s -score %s\n", c.dir, f)
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "  python3 %s %s --truth %s\n", filepath.Join(c.dir, "..", "..", "tools", "dates_score.py"), f,
			filepath.Join(c.dir, "ground-truth.json"))
	}
	return 0
}

// writeDates writes pred (id → date, "" for none) in dates_score.py's
// format: {id: {"date": "…" or null}}.
func writeDates(w io.Writer, pred map[string]string) error {
	type entry struct {
		Date *string `json:"date"`
	}
	out := make(map[string]entry, len(pred))
	for id, d := range pred {
		var e entry
		if d != "" {
			e.Date = &d
		}
		out[id] = e
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}
