package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/explainview"
)

const explainUsage = `usage: newsclip explain [flags] INPUT

INPUT is an HTML file (gzip-compressed or not), - for standard input, a
named pipe or an http(s):// URL, read as "newsclip extract" reads it.

Writes one self-contained HTML file (-o, default stdout) showing the page
with every part the extractor decided about outlined and labelled by its
class (body, each link block's kind, navigation, breadcrumb, reactions,
what was left out), the rule and figures behind each decision on hover and
in a side list, and the record as "newsclip extract" writes it. With
--truth FILE (the expected body as plain text) the body's missing and extra
lines are marked. The page's scripts are removed and its remote images
replaced by placeholders: the file opens offline.

A page without an article is explained too (it says why, on stderr as
well) and exits 0; an input that cannot be read, or is not HTML, exits 1.

flags:
`

// explainOptions are the flags of "newsclip explain".
type explainOptions struct {
	out, truth, pageURL string
	maxBytes            byteSize
	timeout             time.Duration
}

func parseExplain(args []string, stdout io.Writer) (*explainOptions, string, error) {
	o := &explainOptions{maxBytes: extract.DefaultMaxBytes}
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.StringVar(&o.out, "o", "", "output `FILE` (default stdout)")
	fs.StringVar(&o.truth, "truth", "", "expected body text, a plain text `FILE`: its missing and extra lines are marked")
	fs.StringVar(&o.pageURL, "url", "", "page `URL` of a file or stdin input (resolves links, fills url)")
	fs.Var(&o.maxBytes, "max-bytes", "largest page accepted: `SIZE` in bytes or with a unit, such as 512KiB or 20MiB")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of a URL fetch")
	inputs, err := parseFlags(fs, explainUsage, args, stdout)
	if err != nil {
		return nil, "", err
	}
	if err := checkDurations(fs, false, "timeout"); err != nil {
		return nil, "", err
	}
	switch len(inputs) {
	case 0:
		return nil, "", usageErrorf("no input given")
	case 1:
		return o, inputs[0], nil
	}
	return nil, "", usageErrorf("one input at a time, not %d", len(inputs))
}

// runExplain is "newsclip explain".
func runExplain(ctx context.Context, args []string, s stdio) error {
	o, in, err := parseExplain(args, s.out)
	if err != nil {
		return err
	}
	var want string
	if o.truth != "" {
		b, err := os.ReadFile(o.truth)
		if err != nil {
			return err
		}
		want = string(b)
	}
	x := &extractor{
		ex:      extract.New(extract.Options{MaxBytes: int64(o.maxBytes)}),
		max:     int64(o.maxBytes),
		client:  &http.Client{Timeout: o.timeout},
		stdin:   s.in,
		pageURL: o.pageURL,
	}
	a, tr, err := x.explainInput(ctx, in)
	if tr == nil {
		return fmt.Errorf("%s: %w", in, x.explain(err))
	}
	// The record exactly as extract writes it for this input.
	a.Input = in
	if err != nil {
		a.Error = x.explain(err).Error()
		fmt.Fprintf(s.err, "newsclip explain: %s: %s (the page shows why)\n", in, a.Error)
	}
	rec, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := explainview.Render(&buf, a, tr, explainview.Options{Input: in, Record: rec, Truth: want}); err != nil {
		return err
	}
	if o.out == "" || o.out == "-" {
		_, err = s.out.Write(buf.Bytes())
	} else {
		err = os.WriteFile(o.out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// explainInput is extractInput with the trace: the same input read the
// same way, the same record.
func (x *extractor) explainInput(ctx context.Context, in string) (*extract.Article, *extract.Trace, error) {
	if isURL(in) {
		return x.explainURL(ctx, in)
	}
	page, err := x.readInput(in)
	if err != nil {
		return nil, nil, err
	}
	return x.ex.Explain(bytes.NewReader(page), extract.Source{URL: x.pageURL})
}

// explainURL is fetch with the trace.
func (x *extractor) explainURL(ctx context.Context, u string) (*extract.Article, *extract.Trace, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", crawl.DefaultUserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := x.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("fetching %s: HTTP %s", u, resp.Status)
	}
	src := extract.Source{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type")}
	if x.pageURL != "" {
		src.URL = x.pageURL
	}
	return x.ex.Explain(resp.Body, src)
}
