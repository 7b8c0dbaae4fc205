package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/newsclip/newsclip/internal/inflate"
)

// Record is one WARC record as read: its place in the stream, its header
// and its block. It is valid until the next call of [Reader.Next].
type Record struct {
	// Offset is where the record starts in the stream: the offset of its
	// gzip member in a compressed file, of its first byte otherwise.
	Offset int64
	// Inner is, for a record that shares its gzip member with records
	// before it, its offset in the decompressed member; 0 otherwise.
	Inner int64
	// Version is the version line's number, "1.0" or "1.1".
	Version string
	// Header holds the named fields in their order.
	Header Header
	// Length is the block's length (Content-Length).
	Length int64
	// Block reads the record's block, Length bytes; what is left unread is
	// skipped by the next call of Next.
	Block io.Reader
}

// Type is the record's WARC-Type ("response", "request", "revisit", ...).
func (r *Record) Type() string { return r.Header.Get("WARC-Type") }

// TargetURI is the record's WARC-Target-URI, without the angle brackets
// some writers put around it.
func (r *Record) TargetURI() string {
	return strings.TrimSuffix(strings.TrimPrefix(r.Header.Get("WARC-Target-URI"), "<"), ">")
}

// Date is the record's WARC-Date.
func (r *Record) Date() (time.Time, error) {
	d := r.Header.Get("WARC-Date")
	t, err := time.Parse(time.RFC3339Nano, d)
	if err != nil {
		return time.Time{}, fmt.Errorf("warc: bad WARC-Date %q", d)
	}
	return t, nil
}

// Header is a record's named fields, in their order.
type Header []Field

// Field is one named field of a record header.
type Field struct{ Name, Value string }

// Get returns the value of the first field named name (case-insensitive),
// or "".
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// RecordError is a record that could not be read: truncated, corrupt, or
// not a WARC record. The [Reader] goes on with the next whole record.
type RecordError struct {
	Offset, Inner int64 // as in [Record]
	Err           error
}

func (e *RecordError) Error() string {
	if e.Inner > 0 {
		return fmt.Sprintf("warc: record at offset %d+%d: %v", e.Offset, e.Inner, e.Err)
	}
	return fmt.Sprintf("warc: record at offset %d: %v", e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Reader reads the records of a WARC stream one at a time. It is not safe
// for concurrent use.
type Reader struct {
	raw   countingReader // the stream
	br    *bufio.Reader  // over raw; an io.ByteReader, so gzip reads no further than a member
	gz    *gzip.Reader
	inf   inflate.Decoder // decodes a member held whole in br's buffer, faster than gz
	whole []byte          // the content of a member decoded by inf
	mr    bytes.Reader    // a view of br's buffer that gz decodes a member from, while windowed
	win   int             // the view's length
	zm    memberSource    // over gz
	zc    countingReader  // over zm
	zbr   *bufio.Reader   // over zc
	src   *bufio.Reader   // where records are read from: br or zbr
	gzip  bool
	begun bool

	member  int64 // offset of the current gzip member
	prev    *RecordError
	block   blockReader
	resync  bool  // after an error: looking for the next record, silently
	fatal   error // a read error of the stream
	records int
}

// NewReader returns a Reader of the WARC stream r, plain or
// gzip-compressed (told by its first bytes).
func NewReader(r io.Reader) *Reader {
	rd := &Reader{}
	rd.raw.r = r
	rd.br = bufio.NewReaderSize(&rd.raw, 256<<10)
	return rd
}

// Pos is the number of bytes of the stream read so far (for progress).
func (r *Reader) Pos() int64 { return r.raw.n - int64(r.br.Buffered()) }

// Next returns the next record, io.EOF at the end of the stream, or a
// [*RecordError] for a record that could not be read; after a
// RecordError, Next goes on with the next whole record. Any other error is
// the stream's own (a read error) and ends it.
func (r *Reader) Next() (*Record, error) {
	if r.fatal != nil {
		return nil, r.fatal
	}
	if !r.begun {
		r.begun = true
		if magic, _ := r.br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			r.gzip = true
		} else {
			r.src = r.br
		}
	}
	if err := r.finishBlock(); err != nil {
		return nil, r.recordErr(r.prev.Offset, r.prev.Inner, err)
	}
	for {
		searching := r.resync
		rec, err := r.next()
		if r.raw.err != nil && !errors.Is(r.raw.err, io.EOF) {
			r.fatal = fmt.Errorf("warc: reading: %w", r.raw.err)
			return nil, r.fatal
		}
		switch {
		case err == nil:
			r.resync = false
			r.records++
			r.prev = &RecordError{Offset: rec.Offset, Inner: rec.Inner}
			return rec, nil
		case err == io.EOF:
			return nil, io.EOF
		case searching:
			continue // still looking: errors in between are not records
		}
		r.resync = true
		var re *RecordError
		if !errors.As(err, &re) {
			re = &RecordError{Err: err}
		}
		return nil, re
	}
}

// finishBlock skips what is left of the last record's block and its
// end-of-record marker.
func (r *Reader) finishBlock() error {
	if r.prev == nil {
		return nil
	}
	if r.block.err == nil && r.block.n > 0 {
		io.Copy(io.Discard, &r.block)
		if r.block.err != nil {
			r.resync = true
			return r.block.err
		}
	}
	if r.block.err != nil { // the reader of the block saw it
		r.resync = true
		return nil
	}
	// The marker is CRLF CRLF; some writers put less. Skip what is there.
	for range 4 {
		b, err := r.src.ReadByte()
		if err != nil {
			break
		}
		if b != '\r' && b != '\n' {
			r.src.UnreadByte()
			break
		}
	}
	return nil
}

func (r *Reader) recordErr(off, inner int64, err error) *RecordError {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return &RecordError{Offset: off, Inner: inner, Err: err}
}

// next reads the next record header, starting a gzip member when the last
// one ended.
func (r *Reader) next() (*Record, error) {
	if r.gzip && (r.zbr == nil || r.endOfMember()) {
		if err := r.nextMember(); err != nil {
			return nil, err
		}
	}
	return r.readHeader()
}

// endOfMember tells whether the current gzip member has no more records:
// its end, or an error (a corrupt member) after which the next member is
// looked for.
func (r *Reader) endOfMember() bool {
	for {
		b, err := r.zbr.Peek(1)
		if err != nil {
			return true
		}
		if b[0] != '\r' && b[0] != '\n' {
			return false
		}
		r.zbr.Discard(1) // stray line ends between records
	}
}

// nextMember starts the next gzip member, looking for one byte by byte
// after an error.
func (r *Reader) nextMember() error {
	if r.zbr != nil {
		// The member is done: reading to its end checks its CRC.
		if _, err := r.zbr.Peek(1); err != nil && !errors.Is(err, io.EOF) && !r.resync {
			r.resync = true
			return r.recordErr(r.member, 0, err)
		}
	}
	for {
		if r.resync {
			if err := r.seekMagic(); err != nil {
				return err
			}
		}
		r.member = r.Pos()
		err := r.startMember()
		if err == io.EOF {
			return io.EOF
		}
		if err == nil {
			r.zc = countingReader{r: &r.zm}
			if r.zbr == nil {
				r.zbr = bufio.NewReaderSize(&r.zc, 64<<10)
			} else {
				r.zbr.Reset(&r.zc)
			}
			r.src = r.zbr
			return nil
		}
		if !r.resync {
			r.resync = true
			return r.recordErr(r.member, 0, err)
		}
		if _, err := r.br.Discard(1); err != nil {
			return io.EOF
		}
	}
}

// windowMin is the input kept buffered ahead of a gzip member: less, and
// the buffer is filled before the member is started. Half the buffer: a
// member that does not fit in what is buffered is decoded twice, and
// filling (moving up to windowMin bytes) costs far less than that.
const windowMin = 128 << 10

// wholeMax bounds the content of a member decoded whole (larger ones are
// streamed): the memory a Reader holds for it.
const wholeMax = 8 << 20

// startMember starts decoding the gzip member at the stream's position and
// sets r.zm to read its content. A member held whole in the buffered input
// is decoded at once (the fast path, in memory); otherwise it is decoded
// as a stream: from a view of the buffered input when its gzip header is
// there (the decompressor reads a *bytes.Reader faster than a
// *bufio.Reader; the member is read again from the stream if it goes on
// past the view), from the stream otherwise.
func (r *Reader) startMember() error {
	if r.br.Buffered() < windowMin {
		r.br.Peek(r.br.Size())
	}
	view, _ := r.br.Peek(r.br.Buffered())
	var n int
	var err error
	r.whole, n, err = r.inf.Append(r.whole[:0], view, wholeMax)
	if errors.Is(err, inflate.ErrShort) && len(view) < r.br.Size() {
		view, _ = r.br.Peek(r.br.Size()) // the member may fit in a full buffer
		r.whole, n, err = r.inf.Append(r.whole[:0], view, wholeMax)
	}
	if err == nil {
		r.br.Discard(n)
		r.zm = memberSource{rd: r, inMemory: true}
		r.zm.whole.Reset(r.whole)
		return nil
	}
	// Not decoded whole: streamed, and any error is the stream decoder's.
	r.mr.Reset(view)
	r.win = len(view)
	if r.gz == nil {
		r.gz = new(gzip.Reader)
	}
	r.zm = memberSource{rd: r, windowed: true}
	if len(view) == 0 || r.gz.Reset(&r.mr) != nil {
		r.zm.windowed = false
		if err := r.gz.Reset(r.br); err != nil {
			return err
		}
	}
	r.gz.Multistream(false)
	return nil
}

// memberSource reads the current gzip member's decompressed bytes: from
// the member decoded whole, or from the stream decoder. While the member
// is decoded from a view of the buffered input, the stream is not moved:
// at the member's end (or a corrupt member) it is moved past what was
// decoded; when the member goes on past the view, it is decoded again from
// the stream, and what was read already is skipped.
type memberSource struct {
	rd       *Reader
	whole    bytes.Reader // the content of a member decoded whole
	n        int64        // bytes read from the member
	windowed bool
	inMemory bool // decoded whole: read from whole
}

func (m *memberSource) Read(p []byte) (int, error) {
	if m.inMemory {
		return m.whole.Read(p)
	}
	r := m.rd
	n, err := r.gz.Read(p)
	m.n += int64(n)
	if err == nil || !m.windowed {
		return n, err
	}
	m.windowed = false
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		r.br.Discard(r.win - r.mr.Len())
		return n, err
	}
	if err := r.gz.Reset(r.br); err != nil {
		return n, err
	}
	r.gz.Multistream(false)
	if _, err := io.CopyN(io.Discard, r.gz, m.n); err != nil {
		return n, noEOF(err)
	}
	return n, nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// seekMagic advances the stream to the next gzip header.
func (r *Reader) seekMagic() error {
	for {
		b, _ := r.br.Peek(3)
		if len(b) < 3 {
			return io.EOF
		}
		if b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 {
			return nil
		}
		if i := bytes.IndexByte(b[1:], 0x1f); i >= 0 {
			r.br.Discard(i + 1)
		} else {
			r.br.Discard(len(b))
		}
	}
}

// maxHeader bounds a record header: a longer one is not a WARC record.
const maxHeader = 1 << 20

// readHeader reads a version line and the named fields after it.
func (r *Reader) readHeader() (*Record, error) {
	line, err := r.line()
	for err == nil && len(bytes.TrimSpace(line)) == 0 {
		line, err = r.line() // blank lines between records
	}
	off, inner := r.Pos()-int64(len(line)), int64(0)
	if r.gzip {
		off, inner = r.member, r.zc.n-int64(r.zbr.Buffered())-int64(len(line))
	}
	if err == io.EOF {
		return nil, io.EOF
	}
	fail := func(err error) (*Record, error) { return nil, r.recordErr(off, inner, err) }
	if err != nil {
		return fail(err)
	}
	if !bytes.HasPrefix(line, []byte("WARC/")) {
		return fail(fmt.Errorf("not a WARC record (%.20q)", line))
	}
	rec := &Record{Offset: off, Inner: inner, Version: string(bytes.TrimSpace(line[5:]))}
	size := 0
	for {
		line, err := r.line()
		if err != nil {
			return fail(err)
		}
		if size += len(line); size > maxHeader {
			return fail(errors.New("header too long"))
		}
		t := bytes.TrimRight(line, "\r\n")
		if len(t) == 0 {
			break
		}
		if (t[0] == ' ' || t[0] == '\t') && len(rec.Header) > 0 { // folded line
			rec.Header[len(rec.Header)-1].Value += " " + string(bytes.TrimSpace(t))
			continue
		}
		name, value, ok := bytes.Cut(t, []byte(":"))
		if !ok {
			return fail(fmt.Errorf("bad header line %.40q", t))
		}
		rec.Header = append(rec.Header, Field{Name: string(bytes.TrimSpace(name)), Value: string(bytes.TrimSpace(value))})
	}
	n, err := strconv.ParseInt(rec.Header.Get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		return fail(fmt.Errorf("bad Content-Length %q", rec.Header.Get("Content-Length")))
	}
	rec.Length = n
	r.block = blockReader{r: r.src, n: n}
	rec.Block = &r.block
	return rec, nil
}

// line reads one line, at most 64 KiB.
func (r *Reader) line() ([]byte, error) {
	b, err := r.src.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		return nil, errors.New("line too long")
	}
	if err == io.EOF && len(b) > 0 {
		return nil, io.ErrUnexpectedEOF
	}
	return b, err
}

// countingReader counts the bytes read, and keeps the first error.
type countingReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && c.err == nil && c.r != nil {
		c.err = err
	}
	return n, err
}

// blockReader reads a record's block: n bytes, an early end being an
// error. It keeps the first error, so that the Reader does not report the
// record twice.
type blockReader struct {
	r   io.Reader
	n   int64
	err error
}

func (b *blockReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.r.Read(p)
	b.n -= int64(n)
	switch {
	case err == io.EOF && b.n > 0:
		err = io.ErrUnexpectedEOF
	case err == io.EOF:
		err = nil
	}
	if err != nil {
		b.err = err
	}
	return n, err
}
