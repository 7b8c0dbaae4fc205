package main

import (
	"context"
	"fmt"
	"io"
)

// runDemo serves the bundled portal and crawls it (issue 3).
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "newsclip demo: not built yet")
	return exitFailed
}
