package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/internal/demoportal"
)

const demoUsage = `usage: newsclip demo [flags]

Serves the bundled demo portal (a generated news site with sections,
pagination, sitemaps, feeds, three article templates and the usual faults:
a robots.txt-disallowed area, an endless calendar, tracking-parameter
duplicates, 500s, 404s, redirect chains and loops, legacy charsets, a 30 MB
page, a PDF, an image, a slow page, broken HTML) on 127.0.0.1 and crawls it,
writing the records to stdout or -o FILE (overwritten: --truncate=false
appends) and a summary to stderr, which tells the faults staged on purpose
from any other failure. Nothing leaves the machine. With --serve it only
serves the portal, so you can point "newsclip crawl" at it yourself.

flags:
`

// stagedFaults are the failures the demo portal causes on purpose, by
// reason, with where they come from.
var stagedFaults = map[string]string{
	"http-404":      "removed articles",
	"redirect-loop": "/loop/a and /loop/b redirect to each other",
	"timeout":       "/slow.html answers after 5 s, past the demo's 2 s timeout",
	"too-large":     "/big.html is 30 MB",
}

// runDemo serves the bundled portal and crawls it.
func runDemo(ctx context.Context, args []string, s stdio) error {
	o := defaultCrawlOptions()
	demoDefaults(o, nil) // before the flags: they show these defaults
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	o.register(fs)
	fs.IntVar(&o.articles, "articles", 240, "articles in the portal")
	republish := fs.Bool("republish", false, "re-publish one wire story in twelve 2-4 times under /wire/ (near-duplicates for newsclip report)")
	serveOnly := fs.Bool("serve", false, "only serve the portal until interrupted")
	addr := fs.String("addr", "127.0.0.1:0", "address to serve on")
	latency := fs.Duration("latency", 0, "answer every request after this long, as a remote site would")
	rest, err := parseFlags(fs, demoUsage, args, s.out)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageErrorf("unexpected argument %q", rest[0])
	}
	if err := o.check(fs); err != nil {
		return err
	}
	if err := atLeast(fs, 1, "articles"); err != nil {
		return err
	}
	if err := checkDurations(fs, true, "latency"); err != nil {
		return err
	}
	url, stop, err := serveDemo(demoportal.Options{Articles: o.articles, Latency: *latency, Republish: *republish}, *addr)
	if err != nil {
		return err
	}
	defer stop()
	if *serveOnly {
		fmt.Fprintf(s.err, "newsclip: demo portal at %s (Ctrl-C to stop)\n", url)
		fmt.Fprintf(s.err, "  try: newsclip crawl --delay 0 --timeout 2s -o articles.jsonl %s\n", url)
		<-ctx.Done()
		return nil
	}
	fmt.Fprintf(s.err, "newsclip: demo portal at %s, crawling it\n", url)
	st, err := execCrawl(ctx, o, []string{url}, s)
	if st.Pages > 0 {
		staged(s.err, st)
	}
	return err
}

// staged says which failures of a demo crawl the portal staged.
func staged(w io.Writer, st crawl.Stats) {
	var on, off []string
	for _, reason := range slices.Sorted(maps.Keys(st.Failed)) {
		if why, ok := stagedFaults[reason]; ok {
			on = append(on, fmt.Sprintf("%s=%d (%s)", reason, st.Failed[reason], why))
		} else {
			off = append(off, fmt.Sprintf("%s=%d", reason, st.Failed[reason]))
		}
	}
	if len(on) > 0 {
		fmt.Fprintf(w, "newsclip demo: failures staged on purpose: %s; robots, trap and skipped pages are staged too\n",
			strings.Join(on, ", "))
	}
	if len(off) > 0 {
		fmt.Fprintf(w, "newsclip demo: failures NOT staged, worth a look in the log: %s\n", strings.Join(off, ", "))
	}
}
