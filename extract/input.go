package extract

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// read reads all of r, failing with ErrTooLarge past the limit.
func (e *Extractor) read(r io.Reader) ([]byte, error) {
	if e.maxBytes < 0 || e.maxBytes == math.MaxInt64 {
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

// binaryMagic are the signatures of common non-HTML bodies.
var binaryMagic = [][]byte{
	[]byte("%PDF-"), []byte("\x89PNG"), []byte("GIF87a"), []byte("GIF89a"), []byte("\xff\xd8\xff"),
	[]byte("PK\x03\x04"), []byte("\x1f\x8b"), []byte("RIFF"), []byte("OggS"), []byte("ID3"),
	[]byte("\x00\x00\x01\x00"), []byte("%!PS"), []byte("\xd0\xcf\x11\xe0"), []byte("7z\xbc\xaf"),
	[]byte("Rar!"), []byte("\x7fELF"), []byte("wOFF"), []byte("wOF2"), []byte("fLaC"),
}

// looksBinary reports whether the start of b is not text: a known binary
// signature, NUL bytes or many control characters outside a UTF-16 BOM'd
// document.
func looksBinary(b []byte) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(b, m) {
			return true
		}
	}
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

// decode converts raw to UTF-8. The charset is taken from, in order: a BOM,
// the Content-Type header, a <meta> declaration in the first 16 KiB. When
// none is given, or a legacy charset (windows-1252, gb2312, shift_jis, ...)
// is declared for bytes that are valid UTF-8 with multi-byte sequences (a
// common mislabelling), UTF-8 is used if the bytes are valid UTF-8, else
// windows-1252, as browsers do. Invalid sequences become U+FFFD: the result
// is always valid UTF-8.
func decode(raw []byte, contentType string) source {
	var enc encoding.Encoding
	name := ""
	certain := false
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		enc, name, certain = unicode.UTF8, "utf-8", true
	case bytes.HasPrefix(raw, []byte("\xfe\xff")):
		enc, name, certain = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", true
	case bytes.HasPrefix(raw, []byte("\xff\xfe")):
		enc, name, certain = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", true
	default:
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			if e, n := charset.Lookup(params["charset"]); e != nil {
				enc, name, certain = e, n, true
			}
		}
	}
	if !certain {
		head := raw
		if len(head) > 16<<10 {
			head = head[:16<<10]
		}
		if cs := metaCharset(head); cs != "" {
			enc, name = charset.Lookup(cs)
			if strings.HasPrefix(name, "utf-16") {
				// A page that can declare its charset in ASCII is not
				// UTF-16: browsers read such a declaration as UTF-8.
				enc, name = unicode.UTF8, "utf-8"
			}
		}
	}
	isUTF8 := func() bool { return utf8.Valid(raw) }
	switch {
	case enc == nil:
		if isUTF8() {
			return source{text: bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))}
		}
		enc = charmap.Windows1252
	case name == "utf-8" || enc == encoding.Nop || enc == unicode.UTF8:
		raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		if utf8.Valid(raw) {
			return source{text: raw}
		}
		return source{text: bytes.ToValidUTF8(raw, []byte("\uFFFD"))}
	case hasMultiByte(raw) && isUTF8():
		// A legacy charset declared for bytes that are valid UTF-8 with
		// multi-byte sequences: text in a legacy charset is not valid
		// UTF-8 but by rare accident, so the declaration is wrong.
		return source{text: raw}
	}
	return source{text: raw, enc: enc}
}

// source is a page's bytes and the encoding that turns them into UTF-8
// (nil when they are UTF-8 already). Decoding streams into the parser.
type source struct {
	text []byte
	enc  encoding.Encoding
}

func (s source) reader() io.Reader {
	if s.enc == nil {
		return bytes.NewReader(s.text)
	}
	return transform.NewReader(bytes.NewReader(s.text), s.enc.NewDecoder())
}

// metaCharset finds the charset named by a <meta> element in head ("" when
// none): <meta charset=x> or <meta http-equiv content="...; charset=x">.
func metaCharset(head []byte) string {
	// Tag and attribute names in any case ("<META CHARSET=gbk>"): the
	// search runs on a copy with ASCII letters lowered, offsets kept.
	low := make([]byte, len(head))
	for i, c := range head {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	for off := 0; off < len(head); {
		i := bytes.Index(low[off:], []byte("harset"))
		if i < 0 {
			return ""
		}
		i += off
		off = i + 6
		lt := bytes.LastIndexByte(head[max(0, i-300):i], '<')
		if lt < 0 {
			continue
		}
		lt += max(0, i-300)
		if bytes.IndexByte(head[lt:i], '>') >= 0 || !bytes.HasPrefix(bytes.ToLower(head[lt:min(lt+5, len(head))]), []byte("<meta")) {
			continue
		}
		j := off
		for j < len(head) && (head[j] == ' ' || head[j] == '\t') {
			j++
		}
		if j >= len(head) || head[j] != '=' {
			continue
		}
		j++
		for j < len(head) && (head[j] == ' ' || head[j] == '\t' || head[j] == '"' || head[j] == '\'') {
			j++
		}
		k := j
		for k < len(head) && (head[k] >= 'a' && head[k] <= 'z' || head[k] >= 'A' && head[k] <= 'Z' ||
			head[k] >= '0' && head[k] <= '9' || head[k] == '-' || head[k] == '_' || head[k] == ':' || head[k] == '.') {
			k++
		}
		if k > j {
			return string(head[j:k])
		}
	}
	return ""
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
// It returns the tree and the source it was parsed from.
func parse(raw []byte, contentType string) (*html.Node, source, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, source{}, fmt.Errorf("%w: empty input", ErrNotHTML)
	}
	if looksBinary(raw) {
		return nil, source{}, fmt.Errorf("%w: binary content", ErrNotHTML)
	}
	src := decode(raw, contentType)
	doc, err := html.Parse(src.reader())
	for depth := 256; err != nil && strings.Contains(err.Error(), "open stack") && depth >= 16; depth /= 4 {
		// x/net/html refuses nesting deeper than 512 elements (counting
		// those it adds itself, such as tbody): keep the text, drop the
		// tags past a safe depth, and parse again.
		flat := source{text: flatten(src.reader(), depth)}
		if doc, err = html.Parse(flat.reader()); err == nil {
			src = flat
		}
	}
	if err != nil {
		return nil, source{}, fmt.Errorf("extract: parsing HTML: %w", err)
	}
	if swallowedByTitle(doc) {
		// A <title> never closed holds the rest of the page as its text:
		// close it where its first line of markup begins, and parse again.
		if fixed, ok := closeTitle(src); ok {
			if d, err := html.Parse(fixed.reader()); err == nil {
				doc, src = d, fixed
			}
		}
	}
	return doc, src, nil
}

// swallowedByTitle reports a document whose <title> took in markup: its
// text holds tags and is longer than any title. An unclosed <title> in old
// markup does that, leaving the body empty.
func swallowedByTitle(doc *html.Node) bool {
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode || n.DataAtom != atom.Html {
			continue
		}
		for h := n.FirstChild; h != nil; h = h.NextSibling {
			if h.DataAtom != atom.Head {
				continue
			}
			for t := h.FirstChild; t != nil; t = t.NextSibling {
				if t.DataAtom == atom.Title {
					text := textOf(t)
					return len(text) > 500 && tagCount(text, 3) >= 3
				}
			}
		}
	}
	return false
}

// tagCount counts what look like tags in s ("<p", "</div"), up to limit.
func tagCount(s string, limit int) int {
	n := 0
	for i := strings.IndexByte(s, '<'); i >= 0 && i+2 < len(s) && n < limit; {
		c := s[i+1]
		if c == '/' {
			c = s[i+2]
		}
		if 'a' <= c|0x20 && c|0x20 <= 'z' {
			n++
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return n
}

// closeTitle returns src, decoded, with "</title>" inserted before the
// first tag after the opening <title>.
func closeTitle(src source) (source, bool) {
	text := src.text
	if src.enc != nil {
		b, err := io.ReadAll(src.reader())
		if err != nil {
			return src, false
		}
		text = b
	}
	i := indexFold(text, []byte("<title"))
	if i < 0 {
		return src, false
	}
	gt := bytes.IndexByte(text[i:], '>')
	if gt < 0 {
		return src, false
	}
	start := i + gt + 1
	lt := bytes.IndexByte(text[start:], '<')
	if lt < 0 {
		return src, false
	}
	end := start + lt
	fixed := make([]byte, 0, len(text)+8)
	fixed = append(fixed, text[:end]...)
	fixed = append(fixed, "</title>"...)
	fixed = append(fixed, text[end:]...)
	return source{text: fixed}, true
}

// indexFold is bytes.Index for an ASCII lower-case sep, ignoring case in s.
func indexFold(s, sep []byte) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		j := 0
		for j < len(sep) && (s[i+j] == sep[j] || 'A' <= s[i+j] && s[i+j] <= 'Z' && s[i+j]+('a'-'A') == sep[j]) {
			j++
		}
		if j == len(sep) {
			return i
		}
	}
	return -1
}

// flatten rewrites a page with its element nesting cut at depth: start and
// end tags deeper than that are dropped, text is kept.
func flatten(r io.Reader, depth int) []byte {
	var out bytes.Buffer
	z := html.NewTokenizer(r)
	d := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement[string(name)] {
				out.Write(z.Raw())
				continue
			}
			d++
			if d > depth {
				continue
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if voidElement[string(name)] {
				continue
			}
			d--
			if d >= depth {
				continue
			}
			if d < 0 {
				d = 0
			}
		}
		out.Write(z.Raw())
	}
}

var voidElement = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}
