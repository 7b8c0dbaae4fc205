// Command newsclip crawls news portals and extracts articles into JSON
// records. See the README for the commands and the record schema.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"syscall"
)

func main() {
	ctx, stop := signalContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1 // some inputs or pages failed
	exitUsage       = 2
	exitInterrupted = 130
)

const usage = `newsclip: news scraper and article extractor

usage:
  newsclip extract [flags] INPUT...   extract records from files, directories, URLs or - (stdin)
  newsclip crawl [flags] URL...       crawl portals into JSON Lines records
  newsclip demo [flags]               crawl the bundled demo portal, offline
  newsclip report [flags] OUT.jsonl...  an HTML report of a crawl's records
  newsclip help                       this text

Run "newsclip COMMAND -h" for a command's flags.
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "extract":
		return runExtract(ctx, rest, stdin, stdout, stderr)
	case "crawl":
		return runCrawl(ctx, rest, stdout, stderr)
	case "demo":
		return runDemo(ctx, rest, stdout, stderr)
	case "report":
		return runReport(ctx, rest, stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "newsclip: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}
