// Package pagefile reads a stored page for `newsclip extract`: a file,
// gunzipped when its name ends in .gz, into one buffer sized from the file
// (or from the gzip trailer), so that reading a page allocates it once.
// bench/ measures the CLI path through it as well.
package pagefile

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/newsclip/newsclip/extract"
)

// Read returns the content of the file at path, gunzipped when the name
// ends in .gz (any case). limit is read as extract.Options.MaxBytes (0:
// extract.DefaultMaxBytes, negative: none); at most limit+1 bytes are read,
// so that ExtractBytes tells a page over the limit. Errors name the path.
func Read(path string, limit int64) ([]byte, error) {
	if limit == 0 {
		limit = extract.DefaultMaxBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	if !strings.HasSuffix(strings.ToLower(path), ".gz") {
		return readAll(f, size, limit)
	}
	z := gzipPool.Get().(*gunzipper)
	defer gzipPool.Put(z)
	z.br.Reset(f)
	if err := z.zr.Reset(z.br); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b, err := readAll(&z.zr, gunzippedSize(f, size), limit)
	z.br.Reset(nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// gunzipper is a gzip reader and its input buffer, reused across files.
type gunzipper struct {
	br *bufio.Reader
	zr gzip.Reader
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
	return min(int64(binary.LittleEndian.Uint32(t[:])), size*1032)
}

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
