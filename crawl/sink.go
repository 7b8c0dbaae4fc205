package crawl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/flock"
)

// Sink receives the records of a crawl, one call per article page, from
// one goroutine at a time.
type Sink interface {
	Write(ctx context.Context, a *extract.Article) error
}

// SinkFunc adapts a function to [Sink].
type SinkFunc func(ctx context.Context, a *extract.Article) error

// Write calls f.
func (f SinkFunc) Write(ctx context.Context, a *extract.Article) error { return f(ctx, a) }

// Flusher is implemented by sinks that buffer: the crawler calls Flush after
// each batch of records and at the end.
type Flusher interface {
	Flush() error
}

// DurableSink is implemented by sinks that can make records durable and,
// after a crash, tell which records reached them. With such a sink and a
// persistent [Store], a crawl killed at any moment and run again writes
// every record exactly once; with any other sink, records of the last
// moments before a crash may be written twice.
type DurableSink interface {
	Sink
	// Sync makes every record written so far durable and returns the
	// sink's position after them.
	Sync() (pos int64, err error)
	// Recover is called once, before a crawl writes anything: it drops
	// whatever follows the last complete record (a half-written line) and,
	// unless each is nil, calls each with every record found after
	// position pos, in order, one at a time (the record is the callee's to
	// keep), so that memory does not grow with the output.
	Recover(pos int64, each func(*extract.Article)) error
}

// JSONL writes records as JSON Lines to a writer: one object per line,
// schema version first, no HTML escaping. It is safe for concurrent use.
type JSONL struct {
	mu  sync.Mutex
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONL returns a JSONL sink writing to w; call Flush at the end (the
// crawler does).
func NewJSONL(w io.Writer) *JSONL {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONL{w: bw, enc: enc}
}

// Write implements [Sink].
func (s *JSONL) Write(ctx context.Context, a *extract.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.enc.Encode(a); err != nil {
		return fmt.Errorf("crawl: writing record: %w", err)
	}
	return nil
}

// lineWriter is implemented by this package's JSONL sinks: the crawler
// hands them the record it already encoded for the state's outbox.
type lineWriter interface {
	writeLine(line []byte) error
}

func (s *JSONL) writeLine(line []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(line); err != nil {
		return fmt.Errorf("crawl: writing record: %w", err)
	}
	if err := s.w.WriteByte('\n'); err != nil {
		return fmt.Errorf("crawl: writing record: %w", err)
	}
	return nil
}

// Flush implements [Flusher].
func (s *JSONL) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("crawl: writing records: %w", err)
	}
	return nil
}

// JSONLFile is a [DurableSink] appending JSON Lines to a file: with a
// persistent [Store] it gives exactly-once output across crashes.
type JSONLFile struct {
	JSONL
	f    *os.File
	path string
}

// ErrOutputInUse is matched (errors.Is) by the error of [OpenJSONL] when
// another JSONLFile, in this process or another, has the file open: two
// crawls appending to one file would interleave and lose records.
var ErrOutputInUse = errors.New("crawl: output file in use")

// OpenJSONL opens (creating it if needed) the file at path for appending
// records. The file is locked (an advisory lock, flock, as for the state
// file) until Close: a second OpenJSONL of it fails with [ErrOutputInUse].
// On systems without flock there is no lock.
func OpenJSONL(path string) (*JSONLFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("crawl: opening output: %w", err)
	}
	if busy, err := flock.Exclusive(f); busy || err != nil {
		f.Close()
		if busy {
			return nil, fmt.Errorf("%w: %s is being written by another crawl", ErrOutputInUse, path)
		}
		return nil, fmt.Errorf("crawl: locking output %s: %w", path, err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return nil, fmt.Errorf("crawl: opening output: %w", err)
	}
	s := &JSONLFile{f: f, path: path}
	bw := bufio.NewWriterSize(f, 64<<10)
	s.w = bw
	s.enc = json.NewEncoder(bw)
	s.enc.SetEscapeHTML(false)
	return s, nil
}

// Size returns the length of the file, records written but not yet
// flushed included.
func (s *JSONLFile) Size() (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fi, err := s.f.Stat()
	if err != nil {
		return 0, fmt.Errorf("crawl: %s: %w", s.path, err)
	}
	return fi.Size() + int64(s.w.Buffered()), nil
}

// Truncate empties the file: the records written after it start at its
// beginning.
func (s *JSONLFile) Truncate() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.w.Reset(s.f)
	if err := s.f.Truncate(0); err != nil {
		return fmt.Errorf("crawl: emptying %s: %w", s.path, err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("crawl: emptying %s: %w", s.path, err)
	}
	return nil
}

// Sync implements [DurableSink]: flush and fsync.
func (s *JSONLFile) Sync() (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.w.Flush(); err != nil {
		return 0, fmt.Errorf("crawl: writing %s: %w", s.path, err)
	}
	if err := s.f.Sync(); err != nil {
		return 0, fmt.Errorf("crawl: syncing %s: %w", s.path, err)
	}
	pos, err := s.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, fmt.Errorf("crawl: %s: %w", s.path, err)
	}
	return pos, nil
}

// Recover implements [DurableSink]. It reads the file after pos one line
// at a time; a line that is not a record is skipped.
func (s *JSONLFile) Recover(pos int64, each func(*extract.Article)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("crawl: recovering %s: %w", s.path, err)
	}
	end, err := truncatePartialLine(s.f)
	if err != nil {
		return fmt.Errorf("crawl: recovering %s: %w", s.path, err)
	}
	// pos past the end: the file was replaced or truncated since, and
	// nothing in it can be trusted to be ours.
	if each != nil && pos < end {
		if err := scanRecords(io.NewSectionReader(s.f, max(pos, 0), end-max(pos, 0)), each); err != nil {
			return fmt.Errorf("crawl: recovering %s: %w", s.path, err)
		}
	}
	if _, err := s.f.Seek(0, io.SeekEnd); err != nil {
		return fmt.Errorf("crawl: recovering %s: %w", s.path, err)
	}
	return nil
}

// scanRecords calls each with the records of r, a line each.
func scanRecords(r io.Reader, each func(*extract.Article)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 256<<20)
	for sc.Scan() {
		a := new(extract.Article)
		if json.Unmarshal(sc.Bytes(), a) == nil {
			each(a)
		}
	}
	return sc.Err()
}

// Close flushes, syncs and closes the file.
func (s *JSONLFile) Close() error {
	_, err := s.Sync()
	if cerr := s.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("crawl: closing %s: %w", s.path, cerr)
	}
	return err
}

// truncatePartialLine cuts f after its last newline and returns the new
// size.
func truncatePartialLine(f *os.File) (int64, error) {
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, err
	}
	const chunk = 64 << 10
	buf := make([]byte, chunk)
	end := size
	for end > 0 {
		start := max(end-chunk, 0)
		n, err := f.ReadAt(buf[:end-start], start)
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			end = start + int64(i) + 1
			break
		}
		end = start
	}
	if end != size {
		if err := f.Truncate(end); err != nil {
			return 0, err
		}
	}
	_, err = f.Seek(end, io.SeekStart)
	return end, err
}
