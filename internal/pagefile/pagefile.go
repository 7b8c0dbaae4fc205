// Package pagefile reads a stored page for `newsclip extract`: a file (or
// a pipe, standard input), gunzipped when it holds gzip data whatever its
// name, into one buffer sized from the file (or from the gzip trailer), so
// that reading a page allocates it once. bench/ measures the CLI path
// through it as well.
package pagefile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/inflate"
)

// ErrDamagedGzip is matched (errors.Is) by the error of gzip data that
// is cut short or corrupt.
var ErrDamagedGzip = errors.New("damaged gzip file")

// Read returns the content of the file at path, gunzipped when it is gzip
// data (its first bytes say so, whatever its name). limit is read as
// extract.Options.MaxBytes (0: extract.DefaultMaxBytes, negative: none);
// at most limit+1 bytes are read, so that ExtractBytes tells a page over
// the limit. Errors name the path.
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := ReadFrom(f, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// ReadFrom is [Read] on an open reader: a regular file is read into one
// buffer of its size, anything else (a pipe, standard input) as it comes.
// Errors do not name the input.
func ReadFrom(r io.Reader, limit int64) ([]byte, error) {
	if limit == 0 {
		limit = extract.DefaultMaxBytes
	}
	z := gzipPool.Get().(*gunzipper)
	defer gzipPool.Put(z)
	defer z.br.Reset(nil)
	f, _ := r.(*os.File)
	size := int64(-1)
	var magic [2]byte
	var isGzip bool
	if info, err := statRegular(f); err == nil {
		size = info.Size()
		n, _ := f.ReadAt(magic[:], 0)
		isGzip = n == 2 && magic == [2]byte{0x1f, 0x8b}
	} else {
		z.br.Reset(r)
		p, _ := z.br.Peek(2)
		isGzip = bytes.Equal(p, []byte{0x1f, 0x8b})
		r = z.br
	}
	if !isGzip {
		return readAll(r, size, limit)
	}
	if size >= 0 {
		if b, ok := z.whole(f, size, limit); ok {
			return b, nil
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		z.br.Reset(f)
	}
	if err := z.zr.Reset(z.br); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamagedGzip, err)
	}
	b, err := readAll(&z.zr, gunzippedSize(f, size), limit)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamagedGzip, err)
	}
	return b, nil
}

// statRegular stats f when it is an open regular file.
func statRegular(f *os.File) (os.FileInfo, error) {
	if f == nil {
		return nil, os.ErrInvalid
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = os.ErrInvalid
	}
	return info, err
}

// gunzipper is a gzip reader and its input buffer, and the fast decoder
// and its input buffer, reused across files.
type gunzipper struct {
	br  *bufio.Reader
	zr  gzip.Reader
	inf inflate.Decoder
	in  []byte
}

// wholeMax bounds the gzip files read whole and decoded at once (larger
// ones are streamed): the memory a gunzipper keeps.
const wholeMax = 8 << 20

// whole reads the gzip file f of size bytes into memory and decodes its
// members at once, into a buffer sized from its trailer. ok is false when
// it cannot: the file is large, it is not valid gzip, or its content is
// over the limit; the caller then streams it, and reports what is wrong.
func (z *gunzipper) whole(f *os.File, size, limit int64) (b []byte, ok bool) {
	if size > wholeMax {
		return nil, false
	}
	if int64(cap(z.in)) < size {
		z.in = make([]byte, size)
	}
	in := z.in[:size]
	if _, err := f.ReadAt(in, 0); err != nil {
		return nil, false
	}
	most := int64(math.MaxInt)
	if limit >= 0 {
		most = limit
	}
	hint := int64(-1)
	if size >= 18 {
		hint = trailerSize(in[size-4:], size)
	}
	hint = min(hint, most)
	b = make([]byte, 0, max(hint, 0)+inflate.Slack)
	for len(in) > 0 {
		var n int
		var err error
		if b, n, err = z.inf.Append(b, in, int(most)); err != nil {
			return nil, false
		}
		in = in[n:]
	}
	return b, true
}

var gzipPool = sync.Pool{New: func() any { return &gunzipper{br: bufio.NewReaderSize(nil, 32<<10)} }}

// gunzippedSize is the size the gzip trailer of f states (the last member's
// size modulo 4 GiB), bounded by deflate's largest ratio; -1 when unknown.
func gunzippedSize(f *os.File, size int64) int64 {
	if size < 18 {
		return -1
	}
	var t [4]byte
	if _, err := f.ReadAt(t[:], size-4); err != nil {
		return -1
	}
	return trailerSize(t[:], size)
}

// trailerSize is the size a gzip trailer's last 4 bytes state, bounded by
// deflate's largest ratio over a file of size bytes, and by maxHint: it
// sizes a buffer before anything is decoded, and a trailer can lie.
func trailerSize(t []byte, size int64) int64 {
	return min(int64(binary.LittleEndian.Uint32(t)), size*1032, maxHint)
}

// maxHint bounds the buffer allocated on a trailer's word; a larger page
// grows its buffer as it is decoded.
const maxHint = 64 << 20

// readAll reads r to its end, or to limit+1 bytes when limit >= 0, into a
// buffer of capacity hint+1 when hint is known, growing it only if r holds
// more than the hint said.
func readAll(r io.Reader, hint, limit int64) ([]byte, error) {
	if limit >= 0 {
		r = io.LimitReader(r, limit+1)
		hint = min(hint, limit+1)
	}
	if hint < 0 {
		hint = 512
	}
	b := make([]byte, 0, hint+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}
