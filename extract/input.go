package extract

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// read reads all of r, failing with ErrTooLarge past the limit.
func (e *Extractor) read(r io.Reader) ([]byte, error) {
	if e.maxBytes < 0 {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("extract: reading input: %w", err)
		}
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, e.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("extract: reading input: %w", err)
	}
	if int64(len(b)) > e.maxBytes {
		return nil, ErrTooLarge
	}
	return b, nil
}

// looksBinary reports whether the start of b is not text: NUL bytes or many
// control characters outside a UTF-16 BOM'd document.
func looksBinary(b []byte) bool {
	if len(b) >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)) {
		return false
	}
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	ctrl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b:
			ctrl++
		}
	}
	return ctrl > len(head)/10
}

// decode converts raw to UTF-8 using, in order, the Content-Type charset, a
// BOM, a <meta> declaration, then a guess. Invalid sequences become U+FFFD.
func decode(raw []byte, contentType string) []byte {
	enc, name, _ := charset.DetermineEncoding(raw, contentType)
	if name == "utf-8" || enc == encoding.Nop {
		if utf8.Valid(raw) {
			return bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	if enc == unicode.UTF8 {
		return bytes.ToValidUTF8(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out
}

// parse decodes and parses one page.
func parse(raw []byte, contentType string) (*html.Node, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%w: empty input", ErrNotHTML)
	}
	if looksBinary(raw) {
		return nil, fmt.Errorf("%w: binary content", ErrNotHTML)
	}
	text := decode(raw, contentType)
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("extract: parsing HTML: %w", err)
	}
	return doc, nil
}

