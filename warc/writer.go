package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc/v3"
)

// Exchange is one HTTP request and the response to it, as a crawler saw
// them.
type Exchange struct {
	// Request is the request as sent: method, URL, Host and header.
	Request *http.Request
	// Response gives the protocol, status and header as received; its
	// Body is not read (Body below is). A Transfer-Encoding header is not
	// written: Body is stored with its transfer coding undone.
	Response *http.Response
	// Body is the response body as received, transfer coding (chunked)
	// undone and content coding (gzip, br) kept.
	Body []byte
	// Truncated, when Body is not the whole body, says why: "length" (a
	// size limit), "time", "disconnect" or "unspecified".
	Truncated string
	// Date is when the request was sent; the zero time means now.
	Date time.Time
	// IP is the server's address, when known.
	IP string
}

// WriterOptions configure a [Writer]. The zero value works.
type WriterOptions struct {
	// Prefix starts every file name, "crawl" by default:
	// PREFIX-YYYYMMDDhhmmss-NNNNN.warc.gz.
	Prefix string
	// MaxSize is the size past which a file is closed and the next one
	// begun; default 1 GiB. A file may pass it by one exchange.
	MaxSize int64
	// Software names the writing program in each warcinfo record.
	Software string
	// Info adds fields to each warcinfo record (the crawl's settings).
	Info []Field
	// Logger receives a line per file closed and per file recovered
	// after a crash (Info, Warn); nil discards.
	Logger *slog.Logger
}

// DefaultMaxSize is the default of [WriterOptions.MaxSize].
const DefaultMaxSize = 1 << 30

// Writer writes exchanges to WARC files in a directory. It is safe for
// concurrent use.
type Writer struct {
	dir  string
	opts WriterOptions
	log  *slog.Logger

	mu       sync.Mutex
	f        *os.File
	name     string // final name of the open file (without .open)
	size     int64
	serial   int
	infoID   string
	index    []cdxEntry
	buf      bytes.Buffer
	gz       *gzip.Writer
	closed   bool
	files    []string
	failures error // the first write error: later writes fail with it
}

// openSuffix marks a file being written.
const openSuffix = ".open"

// OpenWriter returns a Writer of WARC files in dir, creating dir if
// needed. A file left open by a crash (name ending in .open) is recovered
// first: its whole records are kept, whatever follows them is cut, and
// the file is closed and indexed; a file with no whole record is set aside
// as NAME.broken. Each is told to the logger.
func OpenWriter(dir string, opts WriterOptions) (*Writer, error) {
	if opts.Prefix == "" {
		opts.Prefix = "crawl"
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.Software == "" {
		opts.Software = "newsclip"
	}
	w := &Writer{dir: dir, opts: opts, log: opts.Logger}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	for _, e := range entries {
		if s := w.serialOf(e.Name()); s > w.serial {
			w.serial = s
		}
		if strings.HasSuffix(e.Name(), ".warc.gz"+openSuffix) {
			if err := recoverFile(filepath.Join(dir, e.Name()), w.log); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

// serialOf reads the serial number of one of our file names, 0 if none.
func (w *Writer) serialOf(name string) int {
	m := fileName.FindStringSubmatch(name)
	if m == nil || m[1] != w.opts.Prefix {
		return 0
	}
	n, _ := strconv.Atoi(m[2])
	return n
}

var fileName = regexp.MustCompile(`^(.*)-\d{14}-(\d{5,})\.warc\.gz`)

// Files returns the paths of the files this Writer closed, in order.
func (w *Writer) Files() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.files...)
}

// Write appends an exchange: a request record and a response record (a
// revisit record for a 304), in a new file if the open one has reached
// MaxSize.
func (w *Writer) Write(ex *Exchange) error {
	if ex.Request == nil || ex.Response == nil {
		return errors.New("warc: exchange without request or response")
	}
	date := ex.Date
	if date.IsZero() {
		date = time.Now()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failures != nil {
		return w.failures
	}
	if w.closed {
		return errors.New("warc: writer closed")
	}
	if err := w.write(ex, date.UTC()); err != nil {
		w.failures = err
		return err
	}
	return nil
}

func (w *Writer) write(ex *Exchange, date time.Time) error {
	if w.f != nil && w.size >= w.opts.MaxSize {
		if err := w.closeFile(); err != nil {
			return err
		}
	}
	if w.f == nil {
		if err := w.openFile(date); err != nil {
			return err
		}
	}
	target := ex.Request.URL.String()
	resp, entry, err := w.responseRecord(ex, target, date)
	if err != nil {
		return err
	}
	req, err := w.requestRecord(ex, target, date, resp.WarcHeader().Get(gowarc.WarcRecordID))
	if err != nil {
		resp.Close()
		return err
	}
	entry.offset = w.size
	n, err := w.append(resp)
	if err != nil {
		req.Close()
		return err
	}
	entry.length = n
	w.index = append(w.index, entry)
	_, err = w.append(req)
	return err
}

// append writes one record as a gzip member of its own, in one write, and
// returns its size in the file.
func (w *Writer) append(rec gowarc.WarcRecord) (int64, error) {
	defer rec.Close()
	if w.infoID != "" {
		rec.WarcHeader().SetId(gowarc.WarcWarcinfoID, w.infoID)
	}
	w.buf.Reset()
	if w.gz == nil {
		w.gz, _ = gzip.NewWriterLevel(&w.buf, gzip.DefaultCompression)
	} else {
		w.gz.Reset(&w.buf)
	}
	if _, _, err := gowarc.NewMarshaler().Marshal(w.gz, rec, 0); err != nil {
		return 0, fmt.Errorf("warc: %s: %w", w.name, err)
	}
	if err := w.gz.Close(); err != nil {
		return 0, fmt.Errorf("warc: %s: %w", w.name, err)
	}
	n, err := w.f.Write(w.buf.Bytes())
	w.size += int64(n)
	if err != nil {
		return 0, fmt.Errorf("warc: writing %s: %w", w.name, err)
	}
	return int64(n), nil
}

// build makes a record with SHA-1 block and payload digests.
func build(t gowarc.RecordType, fields []Field, block io.Reader) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(t, gowarc.WithAddMissingDigest(true), gowarc.WithDefaultDigestAlgorithm("sha1"),
		gowarc.WithBufferMaxMemBytes(64<<20), gowarc.WithSpecViolationPolicy(gowarc.ErrFail),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail))
	for _, f := range fields {
		b.AddWarcHeader(f.Name, f.Value)
	}
	if _, err := b.ReadFrom(block); err != nil {
		b.Close()
		return nil, fmt.Errorf("warc: building record: %w", err)
	}
	rec, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("warc: building record: %w", err)
	}
	return rec, nil
}

// warcDate formats a WARC-Date: UTC, seconds, or microseconds when there
// are any (WARC 1.1 allows fractions).
func warcDate(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.999999Z")
}

func (w *Writer) responseRecord(ex *Exchange, target string, date time.Time) (gowarc.WarcRecord, cdxEntry, error) {
	resp := ex.Response
	var head bytes.Buffer
	proto := resp.Proto
	if !strings.HasPrefix(proto, "HTTP/1.") {
		proto = "HTTP/1.1"
	}
	status := resp.Status
	if status == "" {
		status = strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
	}
	if !strings.HasPrefix(status, strconv.Itoa(resp.StatusCode)) {
		status = strconv.Itoa(resp.StatusCode) + " " + status
	}
	fmt.Fprintf(&head, "%s %s\r\n", proto, status)
	h := resp.Header.Clone()
	h.Del("Transfer-Encoding")
	h.Write(&head)
	head.WriteString("\r\n")
	fields := []Field{
		{"WARC-Date", warcDate(date)},
		{"WARC-Target-URI", target},
		{"Content-Type", "application/http;msgtype=response"},
	}
	if ex.IP != "" {
		fields = append(fields, Field{"WARC-IP-Address", ex.IP})
	}
	entry := cdxEntry{url: target, date: date, status: resp.StatusCode, mime: mimeOf(resp.Header.Get("Content-Type"))}
	if resp.StatusCode == http.StatusNotModified {
		fields = append(fields, Field{"WARC-Profile", gowarc.ProfileServerNotModifiedV1_1},
			Field{"WARC-Refers-To-Target-URI", target})
		rec, err := build(gowarc.Revisit, fields, &head)
		entry.mime = "warc/revisit"
		return rec, entry, err
	}
	if ex.Truncated != "" {
		fields = append(fields, Field{"WARC-Truncated", ex.Truncated})
	}
	rec, err := build(gowarc.Response, fields, io.MultiReader(&head, bytes.NewReader(ex.Body)))
	if err == nil {
		entry.digest = rec.WarcHeader().Get(gowarc.WarcPayloadDigest)
	}
	return rec, entry, err
}

func (w *Writer) requestRecord(ex *Exchange, target string, date time.Time, concurrent string) (gowarc.WarcRecord, error) {
	req := ex.Request
	var head bytes.Buffer
	fmt.Fprintf(&head, "%s %s HTTP/1.1\r\n", req.Method, req.URL.RequestURI())
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	fmt.Fprintf(&head, "Host: %s\r\n", host)
	req.Header.Write(&head)
	head.WriteString("\r\n")
	fields := []Field{
		{"WARC-Date", warcDate(date)},
		{"WARC-Target-URI", target},
		{"Content-Type", "application/http;msgtype=request"},
		{"WARC-Concurrent-To", concurrent},
	}
	return build(gowarc.Request, fields, &head)
}

// openFile begins the next file with its warcinfo record.
func (w *Writer) openFile(date time.Time) error {
	w.serial++
	w.name = fmt.Sprintf("%s-%s-%05d.warc.gz", w.opts.Prefix, date.Format("20060102150405"), w.serial)
	f, err := os.OpenFile(filepath.Join(w.dir, w.name+openSuffix), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	w.f, w.size, w.infoID, w.index = f, 0, "", nil
	var info bytes.Buffer
	for _, fl := range append([]Field{
		{"software", w.opts.Software},
		{"format", "WARC File Format 1.1"},
		{"conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"},
	}, w.opts.Info...) {
		fmt.Fprintf(&info, "%s: %s\r\n", fl.Name, fl.Value)
	}
	rec, err := build(gowarc.Warcinfo, []Field{
		{"WARC-Date", warcDate(date)},
		{"WARC-Filename", w.name},
		{"Content-Type", "application/warc-fields"},
	}, &info)
	if err != nil {
		return err
	}
	id := rec.WarcHeader().Get(gowarc.WarcRecordID)
	if _, err := w.append(rec); err != nil {
		return err
	}
	w.infoID = id
	return nil
}

// closeFile syncs, renames and indexes the open file.
func (w *Writer) closeFile() error {
	f, name := w.f, w.name
	w.f = nil
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("warc: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	path := filepath.Join(w.dir, name)
	if err := writeIndex(path, w.index); err != nil {
		return err
	}
	if err := os.Rename(path+openSuffix, path); err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	w.files = append(w.files, path)
	w.log.Info("WARC file closed", "file", path, "bytes", w.size, "responses", len(w.index))
	return nil
}

// Close closes the open file: it is synced, renamed to its final name and
// indexed. Writes after Close fail.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	if w.f == nil {
		return nil
	}
	return w.closeFile()
}
