package main

import (
	"context"
	"fmt"
	"io"
)

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "newsclip extract: not built yet")
	return exitFailed
}
