package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/pagefile"
)

const extractUsage = `usage: newsclip extract [flags] INPUT...

INPUT is an HTML file, a .html.gz file, a directory (walked for *.html,
*.htm and *.html.gz, extracted in parallel, output in path order), - for
standard input, or an http(s):// URL (fetched with a timeout and size cap).
It may also be WARC files (.warc, .warc.gz, directories holding them, or -
with --input-format warc): see "WARC inputs" below.

Each input gives one record on stdout; a failed input gives a record with
its "error" and a message on stderr, and the rest go on. The exit status is
1 when any input failed.

WARC inputs: every response record with a 2xx HTML answer is extracted as
the crawler would (pages without an article are skipped and counted,
unless --keep-non-articles); "url" is the record's WARC-Target-URI,
"fetched" its WARC-Date, "input" FILE#OFFSET (the record's offset, as CDX
indexes give it; FILE#OFFSET+N for a record compressed in one gzip member
with others). Request, revisit, metadata, non-2xx and non-HTML records are
skipped and counted on stderr; a corrupt or truncated record gives an error
record and the rest go on. Records are written in file order.

flags:
`

// userAgent names the tool to servers it fetches from.
const userAgent = "newsclip/0.1 (+https://github.com/newsclip/newsclip)"

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pageURL := fs.String("url", "", "page URL of a single file or stdin input (resolves links, fills url)")
	format := fs.String("format", "jsonl", "output format: jsonl, json, text or markdown")
	maxBytes := fs.Int64("max-bytes", extract.DefaultMaxBytes, "largest page accepted, in bytes")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout of a URL fetch")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "pages extracted in parallel")
	warcOpts := addWARCFlags(fs)
	fs.Usage = func() { fmt.Fprint(stderr, extractUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	switch *format {
	case "jsonl", "json", "text", "markdown":
	default:
		fmt.Fprintf(stderr, "newsclip extract: unknown format %q\n", *format)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	if code, ok := warcOpts.runWARC(ctx, fs.Args(), *format, *maxBytes, *jobs, stdin, stdout, stderr); ok {
		return code
	}
	x := &extractor{
		ex:      extract.New(extract.Options{MaxBytes: *maxBytes}),
		max:     *maxBytes,
		client:  &http.Client{Timeout: *timeout},
		stdin:   stdin,
		pageURL: *pageURL,
	}
	inputs, err := expandInputs(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "newsclip extract: %v\n", err)
		return exitFailed
	}
	if *pageURL != "" && len(inputs) > 1 {
		fmt.Fprintln(stderr, "newsclip extract: --url applies to a single input")
		return exitUsage
	}
	w := newRecordWriter(stdout, *format)
	failed := false
	// Extract in parallel, emit in input order.
	results := make([]chan *extract.Article, len(inputs))
	for i := range results {
		results[i] = make(chan *extract.Article, 1)
	}
	// A slot is taken per input started and given back once its record is
	// written: at most -j records wait in memory, whatever the input count.
	sem := make(chan struct{}, max(1, *jobs))
	go func() {
		for i, in := range inputs {
			sem <- struct{}{}
			go func() { results[i] <- x.one(ctx, in) }()
		}
	}()
	for i := range inputs {
		a := <-results[i]
		<-sem
		if a.Error != "" {
			failed = true
			fmt.Fprintf(stderr, "newsclip extract: %s: %s\n", a.Input, a.Error)
		}
		if err := w.write(a); err != nil {
			fmt.Fprintf(stderr, "newsclip extract: writing output: %v\n", err)
			return exitFailed
		}
	}
	if err := w.close(); err != nil {
		fmt.Fprintf(stderr, "newsclip extract: writing output: %v\n", err)
		return exitFailed
	}
	if ctx.Err() != nil {
		return interruptedCode(ctx)
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// expandInputs walks directories for HTML files, in path order.
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" || isURL(a) {
			out = append(out, a)
			continue
		}
		info, err := os.Stat(a)
		if err != nil || !info.IsDir() {
			out = append(out, a) // a missing file fails as its own record
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && isHTMLName(p) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

func isHTMLName(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".html") || strings.HasSuffix(l, ".htm") || strings.HasSuffix(l, ".html.gz")
}

type extractor struct {
	ex      *extract.Extractor
	max     int64
	client  *http.Client
	stdin   io.Reader
	pageURL string
}

// one extracts one input into a record; failures become the record's error.
func (x *extractor) one(ctx context.Context, in string) *extract.Article {
	a, err := x.extractInput(ctx, in)
	if a == nil {
		a = &extract.Article{Schema: extract.SchemaVersion}
	}
	a.Input = in
	if err != nil {
		a.Error = err.Error()
	}
	return a
}

func (x *extractor) extractInput(ctx context.Context, in string) (*extract.Article, error) {
	src := extract.Source{URL: x.pageURL}
	switch {
	case isURL(in):
		return x.fetch(ctx, in)
	case in == "-":
		return x.ex.Extract(x.stdin, src)
	}
	page, err := pagefile.Read(in, x.max) // one buffer, sized from the file
	if err != nil {
		return nil, err
	}
	return x.ex.ExtractBytes(page, src)
}

func (x *extractor) fetch(ctx context.Context, u string) (*extract.Article, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := x.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching %s: HTTP %s", u, resp.Status)
	}
	src := extract.Source{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type")}
	if x.pageURL != "" {
		src.URL = x.pageURL
	}
	return x.ex.Extract(resp.Body, src)
}

// recordWriter writes records in one of the output formats.
type recordWriter struct {
	w      io.Writer
	format string
	n      int
	mu     sync.Mutex
}

func newRecordWriter(w io.Writer, format string) *recordWriter {
	return &recordWriter{w: w, format: format}
}

func (r *recordWriter) write(a *extract.Article) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer func() { r.n++ }()
	switch r.format {
	case "json":
		sep := ",\n"
		if r.n == 0 {
			sep = "[\n"
		}
		b, err := json.MarshalIndent(a, "  ", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(r.w, "%s  %s", sep, b)
		return err
	case "text":
		if r.n > 0 {
			if _, err := io.WriteString(r.w, "\n\f\n"); err != nil {
				return err
			}
		}
		_, err := fmt.Fprintf(r.w, "%s\n\n%s\n", a.Title, a.Text)
		return err
	case "markdown":
		if r.n > 0 {
			if _, err := io.WriteString(r.w, "\n---\n\n"); err != nil {
				return err
			}
		}
		_, err := io.WriteString(r.w, markdown(a))
		return err
	default:
		b, err := json.Marshal(a)
		if err != nil {
			return err
		}
		_, err = r.w.Write(append(b, '\n'))
		return err
	}
}

func (r *recordWriter) close() error {
	if r.format == "json" {
		if r.n == 0 {
			_, err := io.WriteString(r.w, "[]\n")
			return err
		}
		_, err := io.WriteString(r.w, "\n]\n")
		return err
	}
	return nil
}

// markdown renders a record for reading: title, facts, body, blocks.
func markdown(a *extract.Article) string {
	var b strings.Builder
	if a.Error != "" {
		fmt.Fprintf(&b, "<!-- %s: %s -->\n", a.Input, a.Error)
	}
	if a.Title != "" {
		fmt.Fprintf(&b, "# %s\n\n", a.Title)
	}
	var facts []string
	if len(a.Authors) > 0 {
		facts = append(facts, "By "+strings.Join(a.Authors, ", "))
	}
	if a.Published != "" {
		facts = append(facts, a.Published)
	}
	if a.Agency != "" {
		facts = append(facts, a.Agency)
	}
	if a.SiteName != "" {
		facts = append(facts, a.SiteName)
	}
	if len(facts) > 0 {
		fmt.Fprintf(&b, "*%s*\n\n", strings.Join(facts, " · "))
	}
	if a.Text != "" {
		b.WriteString(a.Text)
		b.WriteString("\n")
	}
	for _, blk := range a.Blocks {
		h := blk.Heading
		if h == "" {
			h = blk.Kind
		}
		fmt.Fprintf(&b, "\n## %s (%s)\n\n", h, blk.Kind)
		for _, l := range blk.Links {
			fmt.Fprintf(&b, "- [%s](%s)\n", strings.ReplaceAll(l.Title, "]", "\\]"), l.URL)
		}
	}
	return b.String()
}
