package main

import (
	"bytes"
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
	"syscall"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/pagefile"
)

const extractUsage = `usage: newsclip extract [flags] INPUT...

INPUT is an HTML file (gzip-compressed or not: the content tells), - for
standard input, a named pipe (read like standard input), an http(s):// URL
(fetched with a timeout and a size cap), or a directory: walked for regular
files named *.html, *.htm and *.html.gz, extracted in parallel and written
in path order; what else it holds under such names (named pipes, sockets,
devices, links to directories) is skipped, with a word on stderr. Flags may
follow the inputs.

Without --url, a page that names its canonical URL (<link rel=canonical>,
else og:url) is read as if fetched from there, so that its links come out
absolute; a page that names neither keeps them relative.

INPUT may also be WARC files (.warc, .warc.gz, directories holding them, or
- with --input-format warc): every response record with a 2xx HTML answer
is extracted as the crawler would (pages without an article are skipped
and counted, unless --keep-non-articles); "url" is the record's
WARC-Target-URI, "fetched" its WARC-Date, "input" FILE#OFFSET (the
record's offset, as CDX indexes give it; FILE#OFFSET+N for a record
compressed in one gzip member with others). Request, revisit, metadata,
non-2xx and non-HTML records are skipped and counted on stderr; a corrupt
or truncated record gives an error record and the rest go on. Records are
written in file order.

Each input gives one record on stdout; a failed input gives a record with
its "error" and a message on stderr, and the rest go on. Exit status: 0, 1
when any input failed, 2 on bad usage, 130 when interrupted (Ctrl-C), 143
when terminated (SIGTERM): the records written by then are whole.

flags:
`

// extractOptions are the flags of "newsclip extract".
type extractOptions struct {
	pageURL  string
	format   string
	maxBytes byteSize
	timeout  time.Duration
	jobs     int
	warc     *warcFlags
}

func parseExtract(args []string, stdout io.Writer) (*extractOptions, []string, error) {
	o := &extractOptions{maxBytes: extract.DefaultMaxBytes}
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.StringVar(&o.pageURL, "url", "", "page `URL` of a single file or stdin input (resolves links, fills url)")
	fs.StringVar(&o.format, "format", "jsonl", "output `format`: jsonl, json, text or markdown")
	fs.Var(&o.maxBytes, "max-bytes", "largest page accepted: `SIZE` in bytes or with a unit, such as 512KiB or 20MiB")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of a URL fetch")
	fs.IntVar(&o.jobs, "j", runtime.GOMAXPROCS(0), "pages extracted in parallel")
	o.warc = addWARCFlags(fs)
	inputs, err := parseFlags(fs, extractUsage, args, stdout)
	if err != nil {
		return nil, nil, err
	}
	switch o.format {
	case "jsonl", "json", "text", "markdown":
	default:
		return nil, nil, usageErrorf("unknown --format %q: want jsonl, json, text or markdown", o.format)
	}
	if err := atLeast(fs, 1, "j"); err != nil {
		return nil, nil, err
	}
	if err := checkDurations(fs, false, "timeout"); err != nil {
		return nil, nil, err
	}
	if len(inputs) == 0 {
		return nil, nil, usageErrorf("no input given")
	}
	if o.pageURL != "" && len(inputs) > 1 {
		return nil, nil, usageErrorf("--url applies to a single input")
	}
	return o, inputs, nil
}

// runExtract is "newsclip extract".
func runExtract(ctx context.Context, args []string, s stdio) error {
	o, args, err := parseExtract(args, s.out)
	if err != nil {
		return err
	}
	if handled, err := o.warc.runWARC(ctx, args, o, s); handled {
		return err
	}
	inputs, walked, err := expandInputs(args, s.err)
	if err != nil {
		return err
	}
	x := &extractor{
		ex:      extract.New(extract.Options{MaxBytes: int64(o.maxBytes)}),
		max:     int64(o.maxBytes),
		client:  &http.Client{Timeout: o.timeout},
		stdin:   s.in,
		pageURL: o.pageURL,
		walked:  walked,
	}
	return x.all(ctx, inputs, newRecordWriter(s.out, o.format), s.err, o.jobs)
}

// all extracts the inputs, jobs at a time, and writes their records in
// input order. On ctx's end it stops at once, whatever the extractions
// still under way wait for (a pipe nobody writes to): the records written
// are whole, and the process ends when main returns.
func (x *extractor) all(ctx context.Context, inputs []string, w *recordWriter, stderr io.Writer, jobs int) error {
	results := make([]chan *extract.Article, len(inputs))
	for i := range results {
		results[i] = make(chan *extract.Article, 1)
	}
	// A slot is taken per input started and given back once its record is
	// written: at most jobs records wait in memory, whatever the input count.
	sem := make(chan struct{}, jobs)
	go func() {
		for i, in := range inputs {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() { results[i] <- x.one(ctx, in) }()
		}
	}()
	failed := 0
	for i := range inputs {
		var a *extract.Article
		select {
		case a = <-results[i]:
		case <-ctx.Done():
		}
		if ctx.Err() != nil { // a record finished after the signal may be its casualty
			w.close()
			return &interrupted{fmt.Sprintf("interrupted: %d of %d records written", i, len(inputs)), ctx.Err()}
		}
		<-sem
		if a.Error != "" {
			failed++
			fmt.Fprintf(stderr, "newsclip extract: %s: %s\n", a.Input, a.Error)
		}
		if err := w.write(a); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	if err := w.close(); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	if failed > 0 {
		return &errReported{fmt.Sprintf("%d of %d inputs failed", failed, len(inputs))}
	}
	return nil
}

// expandInputs walks directories for HTML files, in path order; walked
// holds the files found so (regular files, opened as such). What a walk
// skips is said on stderr.
func expandInputs(args []string, stderr io.Writer) (inputs []string, walked map[string]bool, err error) {
	walked = map[string]bool{}
	for _, a := range args {
		if a == "-" || isURL(a) {
			inputs = append(inputs, a)
			continue
		}
		info, err := os.Stat(a)
		if err != nil || !info.IsDir() {
			inputs = append(inputs, a) // a missing file fails as its own record
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && p == a:
				return err
			case err != nil:
				fmt.Fprintf(stderr, "newsclip extract: skipped %s: %v\n", p, err)
				return nil
			case d.IsDir() || !isHTMLName(p):
				return nil
			}
			if why := notRegular(p, d); why != "" {
				fmt.Fprintf(stderr, "newsclip extract: skipped %s: %s (name it as an input to read it)\n", p, why)
				return nil
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			walked[f] = true
		}
		inputs = append(inputs, files...)
	}
	return inputs, walked, nil
}

// notRegular says why the directory entry d at p is no regular file, or
// returns "" for a regular file or a link to one.
func notRegular(p string, d fs.DirEntry) string {
	mode := d.Type()
	if mode.IsRegular() {
		return ""
	}
	link := ""
	if mode&fs.ModeSymlink != 0 {
		fi, err := os.Stat(p)
		if err != nil {
			return "a broken symbolic link"
		}
		if mode = fi.Mode(); mode.IsRegular() {
			return ""
		}
		link = ", behind a symbolic link"
	}
	switch {
	case mode.IsDir():
		return "a symbolic link to a directory, not followed"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe, not a regular file" + link
	case mode&fs.ModeSocket != 0:
		return "a socket, not a regular file" + link
	case mode&fs.ModeDevice != 0:
		return "a device, not a regular file" + link
	}
	return "not a regular file" + link
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

func isHTMLName(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".html") || strings.HasSuffix(l, ".htm") || strings.HasSuffix(l, ".html.gz")
}

// extractor extracts one input at a time, from any goroutine.
type extractor struct {
	ex      *extract.Extractor
	max     int64
	client  *http.Client
	stdin   io.Reader
	pageURL string
	walked  map[string]bool // inputs found by a directory walk: regular files only
}

// one extracts one input into a record; failures become the record's error.
func (x *extractor) one(ctx context.Context, in string) *extract.Article {
	a, err := x.extractInput(ctx, in)
	if a == nil {
		a = &extract.Article{Schema: extract.SchemaVersion}
	}
	a.Input = in
	if err != nil {
		a.Error = x.explain(err).Error()
	}
	return a
}

// explain adds what to do to an error that needs it.
func (x *extractor) explain(err error) error {
	if errors.Is(err, extract.ErrTooLarge) {
		limit := x.max
		if limit <= 0 {
			limit = extract.DefaultMaxBytes
		}
		return fmt.Errorf("%w: the page is over %s (--max-bytes raises the limit)", err, sizeString(limit))
	}
	return err
}

func (x *extractor) extractInput(ctx context.Context, in string) (*extract.Article, error) {
	if isURL(in) {
		return x.fetch(ctx, in)
	}
	page, err := x.readInput(in)
	if err != nil {
		return nil, err
	}
	return x.ex.ExtractBytes(page, extract.Source{URL: x.pageURL})
}

// readInput reads a file input, or standard input for "-", in one buffer
// sized from the file.
func (x *extractor) readInput(in string) ([]byte, error) {
	var r io.Reader = x.stdin
	if in != "-" {
		f, err := x.open(in)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	return pagefile.ReadFrom(r, x.max)
}

// open opens a file input. A file found by a directory walk is opened
// without blocking and must still be a regular file (it may have been
// swapped for a pipe since); a file named as an input is read whatever it
// is, like standard input.
func (x *extractor) open(in string) (*os.File, error) {
	flags := os.O_RDONLY
	if x.walked[in] {
		flags |= syscall.O_NONBLOCK
	}
	f, err := os.OpenFile(in, flags, 0)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, pe.Err // the record names the input
	}
	if err != nil || !x.walked[in] {
		return f, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, errors.New("not a regular file")
	}
	return f, nil
}

func (x *extractor) fetch(ctx context.Context, u string) (*extract.Article, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", crawl.DefaultUserAgent)
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

// recordWriter writes records in one of the output formats, each with one
// Write: an interruption leaves no half record.
type recordWriter struct {
	w      io.Writer
	format string
	n      int
	mu     sync.Mutex
	closed bool
}

func newRecordWriter(w io.Writer, format string) *recordWriter {
	return &recordWriter{w: w, format: format}
}

func (r *recordWriter) write(a *extract.Article) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b bytes.Buffer
	switch r.format {
	case "json":
		if r.n == 0 {
			b.WriteString("[\n  ")
		} else {
			b.WriteString(",\n  ")
		}
		j, err := json.MarshalIndent(a, "  ", "  ")
		if err != nil {
			return err
		}
		b.Write(j)
	case "text":
		if r.n > 0 {
			b.WriteString("\n\f\n")
		}
		fmt.Fprintf(&b, "%s\n\n%s\n", a.Title, a.Text)
	case "markdown":
		if r.n > 0 {
			b.WriteString("\n---\n\n")
		}
		b.WriteString(markdown(a))
	default:
		j, err := json.Marshal(a)
		if err != nil {
			return err
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	r.n++
	_, err := r.w.Write(b.Bytes())
	return err
}

// close ends the output (the JSON array); later calls do nothing.
func (r *recordWriter) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || r.format != "json" {
		return nil
	}
	r.closed = true
	end := "\n]\n"
	if r.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(r.w, end)
	return err
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
