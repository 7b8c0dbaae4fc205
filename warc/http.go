package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// ParseResponse reads the HTTP response in a response record's block:
// status line and headers, and a Body reading the entity body to the end
// of the block, chunked transfer coding undone (when the body is chunked:
// some writers keep the header of a body they stored de-chunked). The
// body's Content-Encoding is not undone: see [Payload]. Body need not be
// closed.
func ParseResponse(block io.Reader) (*http.Response, error) {
	t := &tracker{r: block}
	br := bufio.NewReader(t)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, fmt.Errorf("warc: HTTP response: %w", err)
	}
	var body io.Reader = br // the block's end, not Content-Length, ends the body
	if chunked(resp.TransferEncoding) && looksChunked(br) {
		body = &lenientChunks{r: httputil.NewChunkedReader(br), t: t}
	}
	resp.Body = io.NopCloser(body)
	return resp, nil
}

func chunked(te []string) bool {
	for _, v := range te {
		if strings.EqualFold(v, "chunked") {
			return true
		}
	}
	return false
}

// looksChunked tells whether the body starts with a chunk-size line.
func looksChunked(br *bufio.Reader) bool {
	b, _ := br.Peek(20)
	i := 0
	for i < len(b) && isHex(b[i]) {
		i++
	}
	return i > 0 && i < len(b) && (b[i] == '\r' || b[i] == '\n' || b[i] == ';' || b[i] == ' ')
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// tracker tells whether its reader failed (rather than ended).
type tracker struct {
	r      io.Reader
	failed bool
}

func (t *tracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.failed = true
	}
	return n, err
}

// lenientChunks ends a chunked body cut short by the end of its block (a
// truncated record, WARC-Truncated) without an error; a block that failed
// is still an error.
type lenientChunks struct {
	r io.Reader
	t *tracker
}

func (c *lenientChunks) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) && !c.t.failed {
		err = io.EOF
	}
	return n, err
}

// Payload returns a reader of resp's body with its Content-Encoding
// undone: gzip (x-gzip), deflate (zlib or raw), br, identity, several in
// the order they were applied. A body marked gzip that is not (some
// writers store the body decoded and keep the header) is read as it is.
func Payload(resp *http.Response) (io.Reader, error) {
	return Decode(resp.Header.Get("Content-Encoding"), resp.Body)
}

// ErrEncoding is a Content-Encoding that Payload does not know.
var ErrEncoding = errors.New("warc: unknown Content-Encoding")

// Decode undoes the content codings named by a Content-Encoding value.
func Decode(contentEncoding string, body io.Reader) (io.Reader, error) {
	codings := strings.Split(contentEncoding, ",")
	for i := len(codings) - 1; i >= 0; i-- {
		var err error
		switch c := strings.ToLower(strings.TrimSpace(codings[i])); c {
		case "", "identity", "none":
		case "gzip", "x-gzip":
			body, err = gunzip(body)
		case "deflate":
			body, err = deflateReader(body)
		case "br":
			body = brotli.NewReader(body)
		default:
			return nil, fmt.Errorf("%w %q", ErrEncoding, c)
		}
		if err != nil {
			return nil, fmt.Errorf("warc: Content-Encoding %s: %w", strings.TrimSpace(codings[i]), err)
		}
	}
	return body, nil
}

func gunzip(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(2); err != nil || b[0] != 0x1f || b[1] != 0x8b {
		return br, nil // not gzip after all
	}
	return gzip.NewReader(br)
}

// deflateReader reads zlib-wrapped deflate (what the standard says) or raw
// deflate (what some servers send).
func deflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	b, _ := br.Peek(2)
	if len(b) == 2 && b[0]&0x0f == 8 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	if len(b) == 0 {
		return bytes.NewReader(nil), nil
	}
	return flate.NewReader(br), nil
}
