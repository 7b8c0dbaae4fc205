package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/warc"
)

// warcFlags are the flags of `newsclip extract` for WARC inputs.
type warcFlags struct {
	inputFormat *string
	keep        *bool
}

func addWARCFlags(fs *flag.FlagSet) *warcFlags {
	return &warcFlags{
		inputFormat: fs.String("input-format", "auto", "input format: auto (WARC by name: .warc, .warc.gz), html or warc"),
		keep:        fs.Bool("keep-non-articles", false, "WARC inputs: write records of pages without an article too"),
	}
}

// warcRun is one `newsclip extract` over WARC inputs.
type warcRun struct {
	files    []string
	stdin    io.Reader
	judge    *crawl.Judge
	ex       *extract.Extractor
	max      int64
	jobs     int
	keep     bool
	progress io.Writer // nil: no progress line

	records, bytes atomic.Int64 // for the progress line
	readBytes      int64        // of the files done
	counts         map[string]int
}

// runWARC runs extract when the inputs are WARC files; handled is false
// when they are not, and the HTML path goes on.
func (wf *warcFlags) runWARC(ctx context.Context, args []string, o *extractOptions, s stdio) (handled bool, err error) {
	switch *wf.inputFormat {
	case "auto", "warc":
	case "html":
		return false, nil
	default:
		return true, usageErrorf("unknown --input-format %q: want auto, html or warc", *wf.inputFormat)
	}
	files, kind, err := warcInputs(args, *wf.inputFormat == "warc")
	switch {
	case err != nil:
		return true, err
	case kind == "html":
		return false, nil
	case kind == "mixed":
		return true, usageErrorf("WARC and HTML inputs mixed: give them to separate runs (or set --input-format)")
	}
	ex := extract.New(extract.Options{MaxBytes: int64(o.maxBytes)})
	wr := &warcRun{files: files, stdin: s.in, judge: crawl.NewJudge(ex), ex: ex, max: int64(o.maxBytes),
		jobs: max(1, o.jobs), keep: *wf.keep, counts: map[string]int{}}
	if isTerminal(s.err) {
		wr.progress = s.err
	}
	return true, wr.run(ctx, newRecordWriter(s.out, o.format), s.err)
}

// warcInputs expands the arguments into WARC files (directories walked in
// path order) and tells whether they are all WARC ("warc"), none ("html")
// or both ("mixed"). With force, every file argument is WARC.
func warcInputs(args []string, force bool) (files []string, kind string, err error) {
	nWARC, nHTML := 0, 0
	for _, a := range args {
		info, statErr := os.Stat(a)
		switch {
		case a == "-" || isURL(a) || statErr != nil || !info.IsDir():
			if force || isWARCName(a) {
				nWARC++
				files = append(files, a)
			} else {
				nHTML++
			}
			continue
		}
		var found []string
		err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && isWARCName(p) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, "", err
		}
		if len(found) == 0 && !force {
			nHTML++
			continue
		}
		sort.Strings(found)
		nWARC++
		files = append(files, found...)
	}
	switch {
	case nHTML == 0:
		return files, "warc", nil
	case nWARC == 0:
		return nil, "html", nil
	}
	return nil, "mixed", nil
}

func isWARCName(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".warc") || strings.HasSuffix(l, ".warc.gz")
}

// warcJob is one record on its way: read, extracted by a worker, written
// in order.
type warcJob struct {
	input, url, fetched string
	header              http.Header
	body                *bytes.Buffer // the payload as stored; nil when the reader failed
	err                 error
	done                chan struct{}
	art                 *extract.Article
	skip                string // why no record is written
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (wr *warcRun) run(ctx context.Context, w *recordWriter, stderr io.Writer) error {
	order := make(chan *warcJob, 4*wr.jobs)
	work := make(chan *warcJob, 2*wr.jobs)
	var workers sync.WaitGroup
	for range wr.jobs {
		workers.Go(func() {
			for j := range work {
				wr.extract(j)
				close(j.done)
			}
		})
	}
	go func() {
		wr.read(ctx, order, work)
		close(work)
		close(order)
	}()
	stopProgress := wr.startProgress()
	errs, written := 0, 0
	var writeErr error
	for j := range order {
		<-j.done
		switch {
		case writeErr != nil:
		case j.skip != "":
			wr.counts[j.skip]++
		default:
			if j.art.Error != "" && !errors.Is(j.err, extract.ErrNoArticle) {
				errs++
				fmt.Fprintf(stderr, "newsclip extract: %s: %s\n", j.art.Input, j.art.Error)
			}
			if writeErr = w.write(j.art); writeErr == nil {
				written++
			}
		}
	}
	workers.Wait()
	stopProgress()
	if writeErr == nil {
		writeErr = w.close()
	}
	if writeErr != nil {
		return fmt.Errorf("writing output: %w", writeErr)
	}
	wr.summary(stderr, written, errs)
	switch {
	case ctx.Err() != nil:
		return &interrupted{fmt.Sprintf("interrupted: %d records written", written), ctx.Err()}
	case errs > 0:
		return &errReported{fmt.Sprintf("%d records failed", errs)}
	}
	return nil
}

// read reads the files in order, sends each record to be extracted to
// work, and every record to be written (or counted) to order.
func (wr *warcRun) read(ctx context.Context, order, work chan<- *warcJob) {
	for _, name := range wr.files {
		if ctx.Err() != nil {
			return
		}
		var src io.Reader = wr.stdin
		var f *os.File
		if name != "-" {
			var err error
			if f, err = os.Open(name); err != nil {
				order <- failedJob(name, err)
				continue
			}
			src = f
		}
		r := warc.NewReader(src)
		wr.readFile(ctx, name, r, order, work)
		if f != nil {
			f.Close()
		}
		wr.readBytes += r.Pos()
		wr.bytes.Store(wr.readBytes)
	}
}

func failedJob(input string, err error) *warcJob {
	j := &warcJob{input: input, err: err, done: make(chan struct{})}
	j.art = &extract.Article{Schema: extract.SchemaVersion, Input: input, Error: err.Error()}
	close(j.done)
	return j
}

func skippedJob(reason string) *warcJob {
	j := &warcJob{skip: reason, done: make(chan struct{})}
	close(j.done)
	return j
}

func recordInput(name string, off, inner int64) string {
	if inner > 0 {
		return fmt.Sprintf("%s#%d+%d", name, off, inner)
	}
	return fmt.Sprintf("%s#%d", name, off)
}

func (wr *warcRun) readFile(ctx context.Context, name string, r *warc.Reader, order, work chan<- *warcJob) {
	for ctx.Err() == nil {
		rec, err := r.Next()
		wr.bytes.Store(wr.readBytes + r.Pos())
		if err == io.EOF {
			return
		}
		wr.records.Add(1)
		var re *warc.RecordError
		switch {
		case errors.As(err, &re):
			order <- failedJob(recordInput(name, re.Offset, re.Inner), re)
			continue
		case err != nil:
			order <- failedJob(name, err)
			return
		}
		j := wr.job(name, rec)
		order <- j
		if j.body != nil {
			work <- j
		}
	}
}

// job reads a record: a response record with a 2xx HTML answer becomes a
// job for the workers; the others are counted.
func (wr *warcRun) job(name string, rec *warc.Record) *warcJob {
	input := recordInput(name, rec.Offset, rec.Inner)
	switch t := rec.Type(); t {
	case "response":
	case "request", "revisit", "metadata", "warcinfo", "resource":
		return skippedJob(t)
	default:
		return skippedJob("other")
	}
	if !strings.HasPrefix(strings.ToLower(rec.Header.Get("Content-Type")), "application/http") {
		return skippedJob("other")
	}
	resp, err := warc.ParseResponse(rec.Block)
	if err != nil {
		return failedJob(input, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return skippedJob("non-2xx")
	}
	if !htmlType(resp.Header.Get("Content-Type")) {
		return skippedJob("non-html")
	}
	j := &warcJob{input: input, url: rec.TargetURI(), header: resp.Header, done: make(chan struct{})}
	if d, err := rec.Date(); err == nil {
		j.fetched = d.UTC().Format(time.RFC3339)
	}
	j.body = bufPool.Get().(*bytes.Buffer)
	j.body.Reset()
	// The stored payload may be compressed: read up to 4 times the limit,
	// decompressed and cut at the limit by the worker.
	if _, err := j.body.ReadFrom(io.LimitReader(resp.Body, 4*wr.max+1)); err != nil {
		bufPool.Put(j.body)
		return failedJob(input, err)
	}
	return j
}

// htmlType tells whether a Content-Type may be an HTML page: HTML, XHTML,
// or none said (the page is sniffed).
func htmlType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	switch strings.ToLower(strings.TrimSpace(mt)) {
	case "text/html", "application/xhtml+xml", "", "application/octet-stream", "text/plain", "unknown/unknown":
		return true
	}
	return false
}

// extract decodes a job's payload and judges it.
func (wr *warcRun) extract(j *warcJob) {
	page, release, err := wr.payload(j)
	if err != nil {
		j.err = err
		j.art = &extract.Article{Schema: extract.SchemaVersion, Error: err.Error()}
	} else {
		j.art, j.skip, j.err = wr.judgePage(page, j)
	}
	release()
	if j.art != nil {
		j.art.Input, j.art.Fetched = j.input, j.fetched
	}
}

// payload returns the page of a job, its Content-Encoding undone, cut
// one byte past the limit (so that the extractor tells it is too large);
// release gives its buffers back once the page is no longer used.
func (wr *warcRun) payload(j *warcJob) (page []byte, release func(), err error) {
	stored := j.body
	release = func() { bufPool.Put(stored) }
	enc := strings.TrimSpace(strings.ToLower(j.header.Get("Content-Encoding")))
	if enc == "" || enc == "identity" {
		b := stored.Bytes()
		return b[:min(int64(len(b)), wr.max+1)], release, nil
	}
	r, err := warc.Decode(enc, bytes.NewReader(stored.Bytes()))
	if err != nil {
		return nil, release, err
	}
	decoded := bufPool.Get().(*bytes.Buffer)
	decoded.Reset()
	release = func() { bufPool.Put(stored); bufPool.Put(decoded) }
	if _, err := decoded.ReadFrom(io.LimitReader(r, wr.max+1)); err != nil {
		return nil, release, fmt.Errorf("decoding payload: %w", err)
	}
	return decoded.Bytes(), release, nil
}

// judgePage returns the page's record, or the reason it has none.
func (wr *warcRun) judgePage(page []byte, j *warcJob) (*extract.Article, string, error) {
	art, _, err := wr.judge.Page(page, j.url, j.header)
	switch {
	case errors.Is(err, extract.ErrNotHTML):
		return nil, "non-html", nil
	case err != nil:
		return &extract.Article{Schema: extract.SchemaVersion, Error: err.Error()}, "", err
	case art != nil:
		return art, "", nil
	case !wr.keep:
		return nil, "non-article", nil
	}
	art, err = wr.ex.ExtractBytes(page, extract.Source{URL: j.url, ContentType: j.header.Get("Content-Type")})
	if art == nil {
		art = &extract.Article{Schema: extract.SchemaVersion}
	}
	if err != nil {
		art.Error = err.Error()
	}
	return art, "", err
}

// startProgress writes a progress line every second when stderr is a
// terminal; the returned func stops it and clears the line.
func (wr *warcRun) startProgress() func() {
	if wr.progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	start := time.Now()
	wg.Go(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(wr.progress, "\r\033[K")
				return
			case <-t.C:
				n, mb := wr.records.Load(), float64(wr.bytes.Load())/1e6
				s := time.Since(start).Seconds()
				fmt.Fprintf(wr.progress, "\r\033[K%d records, %.1f MB, %.0f records/s, %.1f MB/s", n, mb, float64(n)/s, mb/s)
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// summary tells on stderr what was read, written and skipped.
func (wr *warcRun) summary(stderr io.Writer, written, errs int) {
	var parts []string
	for _, k := range []string{"non-article", "non-2xx", "non-html", "request", "revisit", "metadata", "warcinfo", "resource", "other"} {
		if n := wr.counts[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	skipped := "nothing skipped"
	if len(parts) > 0 {
		skipped = "skipped " + strings.Join(parts, ", ")
	}
	fmt.Fprintf(stderr, "newsclip extract: %d WARC records in %d files (%.1f MB): %d records written (%d errors); %s\n",
		wr.records.Load(), len(wr.files), float64(wr.bytes.Load())/1e6, written, errs, skipped)
}
