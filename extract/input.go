package extract

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
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

// reMetaCharset finds a charset declared in a <meta> element.
var reMetaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// decode converts raw to UTF-8. The charset is taken from, in order: a BOM,
// the Content-Type header, a <meta> declaration in the first 16 KiB. When
// none is given, or a single-byte charset is declared for bytes that are
// valid multi-byte UTF-8 (a common mislabelling), UTF-8 is used if the bytes
// are valid UTF-8, else windows-1252, as browsers do. Invalid sequences
// become U+FFFD: the result is always valid UTF-8.
func decode(raw []byte, contentType string) []byte {
	var enc encoding.Encoding
	name := ""
	certain := false
	if e, n, c := charset.DetermineEncoding(raw, contentType); c {
		enc, name, certain = e, n, true
	}
	if !certain {
		head := raw
		if len(head) > 16<<10 {
			head = head[:16<<10]
		}
		if m := reMetaCharset.FindSubmatch(head); m != nil {
			enc, name = charset.Lookup(string(m[1]))
		}
	}
	isUTF8 := func() bool { return utf8.Valid(raw) }
	switch {
	case enc == nil:
		if isUTF8() {
			return bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		enc = charmap.Windows1252
	case name == "utf-8" || enc == encoding.Nop || enc == unicode.UTF8:
		raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		if utf8.Valid(raw) {
			return raw
		}
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	case singleByte(name) && hasMultiByte(raw) && isUTF8():
		return raw
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

func singleByte(name string) bool {
	return strings.HasPrefix(name, "windows-125") || strings.HasPrefix(name, "iso-8859") || name == "macintosh" || name == "koi8-r" || name == "koi8-u"
}

func hasMultiByte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// parse decodes and parses one page.
// It returns the tree and the decoded UTF-8 text it was parsed from.
func parse(raw []byte, contentType string) (*html.Node, []byte, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil, fmt.Errorf("%w: empty input", ErrNotHTML)
	}
	if looksBinary(raw) {
		return nil, nil, fmt.Errorf("%w: binary content", ErrNotHTML)
	}
	text := decode(raw, contentType)
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, nil, fmt.Errorf("extract: parsing HTML: %w", err)
	}
	return doc, text, nil
}
