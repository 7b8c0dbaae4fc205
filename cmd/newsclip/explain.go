package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/explainview"
	"github.com/newsclip/newsclip/internal/pagefile"
)

const explainUsage = `usage: newsclip explain [flags] INPUT

INPUT is an HTML file, a .html.gz file, - for standard input, or an
http(s):// URL, as for "newsclip extract".

Writes one self-contained HTML file (-o, default stdout) showing the page
with every part the extractor decided about outlined and labelled by its
class (body, each link block's kind, navigation, breadcrumb, reactions,
what was left out), the rule and figures behind each decision on hover and
in a side list, and the record as "newsclip extract" writes it. With
--truth FILE (the expected body as plain text) the body's missing and extra
lines are marked. The page's scripts are removed and its remote images
replaced by placeholders: the file opens offline.

flags:
`

func runExplain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output file (default stdout)")
	truth := fs.String("truth", "", "expected body text (plain text file) to mark missing and extra lines")
	pageURL := fs.String("url", "", "page URL of a file or stdin input (resolves links, fills url)")
	maxBytes := fs.Int64("max-bytes", extract.DefaultMaxBytes, "largest page accepted, in bytes")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout of a URL fetch")
	fs.Usage = func() { fmt.Fprint(stderr, explainUsage); fs.PrintDefaults() }
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(rest) != 1 {
		fs.Usage()
		return exitUsage
	}
	in := rest[0]
	var want string
	if *truth != "" {
		b, err := os.ReadFile(*truth)
		if err != nil {
			fmt.Fprintf(stderr, "newsclip explain: %v\n", err)
			return exitFailed
		}
		want = string(b)
	}
	raw, src, err := readPage(ctx, in, *pageURL, *maxBytes, *timeout, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "newsclip explain: %s: %v\n", in, err)
		return exitFailed
	}
	ex := extract.New(extract.Options{MaxBytes: *maxBytes})
	a, tr, err := ex.Explain(bytes.NewReader(raw), src)
	if tr == nil {
		fmt.Fprintf(stderr, "newsclip explain: %s: %v\n", in, err)
		return exitFailed
	}
	if a == nil {
		a = &extract.Article{Schema: extract.SchemaVersion}
	}
	// The record exactly as extract writes it for this input.
	a.Input = in
	if err != nil {
		a.Error = err.Error()
		fmt.Fprintf(stderr, "newsclip explain: %s: %v\n", in, err)
	}
	rec, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		fmt.Fprintf(stderr, "newsclip explain: %v\n", err)
		return exitFailed
	}
	var buf bytes.Buffer
	if err := explainview.Render(&buf, a, tr, explainview.Options{Input: in, Record: rec, Truth: want}); err != nil {
		fmt.Fprintf(stderr, "newsclip explain: %v\n", err)
		return exitFailed
	}
	if *out == "" || *out == "-" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "newsclip explain: writing output: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// readPage reads one input as extract does: a file (gunzipped when .gz),
// - for stdin, or a URL fetched with a timeout and a size cap.
func readPage(ctx context.Context, in, pageURL string, limit int64, timeout time.Duration, stdin io.Reader) ([]byte, extract.Source, error) {
	src := extract.Source{URL: pageURL}
	switch {
	case in == "-":
		b, err := io.ReadAll(io.LimitReader(stdin, capOf(limit)))
		return b, src, err
	case !isURL(in):
		b, err := pagefile.Read(in, limit)
		return b, src, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, in, nil)
	if err != nil {
		return nil, src, err
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := (&http.Client{Timeout: timeout}).Do(req)
	if err != nil {
		return nil, src, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, src, fmt.Errorf("fetching %s: HTTP %s", in, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, capOf(limit)))
	src = extract.Source{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type")}
	if pageURL != "" {
		src.URL = pageURL
	}
	return b, src, err
}

// capOf is the number of bytes to read for a size limit read as
// extract.Options.MaxBytes: one past it, so the extractor tells a page
// over the limit.
func capOf(limit int64) int64 {
	switch {
	case limit == 0:
		return extract.DefaultMaxBytes + 1
	case limit < 0:
		return 1 << 62
	}
	return limit + 1
}
