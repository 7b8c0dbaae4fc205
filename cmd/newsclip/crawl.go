package main

import (
	"context"
	"fmt"
	"io"
)

// runCrawl is implemented with the crawl package (issue 3).
func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "newsclip crawl: not built yet")
	return exitFailed
}
