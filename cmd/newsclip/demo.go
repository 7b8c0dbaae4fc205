package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/newsclip/newsclip/internal/demoportal"
)

const demoUsage = `usage: newsclip demo [flags]

Serves the bundled demo portal (a generated news site with sections,
pagination, sitemaps, feeds, three article templates and the usual faults:
a robots.txt-disallowed area, an endless calendar, tracking-parameter
duplicates, 500s, 404s, redirect chains and loops, legacy charsets, a 30 MB
page, a PDF, an image, a slow page, broken HTML) on 127.0.0.1 and crawls it,
writing the records to stdout or -o FILE and a summary to stderr. Nothing
leaves the machine. With --serve it only serves the portal, so you can point
"newsclip crawl" at it yourself.

flags:
`

// runDemo serves the bundled portal and crawls it.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o := defaultCrawlOptions()
	demoDefaults(o, nil) // before the flags: they show these defaults
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.register(fs)
	fs.IntVar(&o.articles, "articles", 240, "articles in the portal")
	republish := fs.Bool("republish", false, "re-publish one wire story in twelve 2-4 times under /wire/ (near-duplicates for newsclip report)")
	serveOnly := fs.Bool("serve", false, "only serve the portal until interrupted")
	addr := fs.String("addr", "127.0.0.1:0", "address to serve on")
	fs.Usage = func() {
		fmt.Fprint(stderr, demoUsage)
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "newsclip demo: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	url, stop, err := serveDemo(demoportal.Options{Articles: o.articles, Republish: *republish}, *addr)
	if err != nil {
		fmt.Fprintf(stderr, "newsclip demo: %v\n", err)
		return exitFailed
	}
	defer stop()
	if *serveOnly {
		fmt.Fprintf(stderr, "newsclip: demo portal at %s (Ctrl-C to stop)\n", url)
		fmt.Fprintf(stderr, "  try: newsclip crawl --delay 0 --timeout 2s -o articles.jsonl %s\n", url)
		<-ctx.Done()
		return exitOK
	}
	fmt.Fprintf(stderr, "newsclip: demo portal at %s, crawling it\n", url)
	return execCrawl(ctx, o, []string{url}, stdout, stderr)
}
