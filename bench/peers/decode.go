package peers

import (
	"bytes"
	"path/filepath"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/newsclip/newsclip/internal/corpus"
)

// Decode returns raw as UTF-8, decoded as a browser would: a BOM, else a
// <meta> charset in the first 1024 bytes, else UTF-8 when the bytes are
// valid UTF-8, else windows-1252 (golang.org/x/net/html/charset). A
// single-byte charset declared for bytes that are valid UTF-8 is taken to
// be a mislabelling, as newsclip does. Bytes that are already UTF-8 are
// returned as they are.
func Decode(raw []byte) []byte {
	enc, name, _ := charset.DetermineEncoding(raw, "")
	if name == "utf-8" || utf8.Valid(raw) {
		return bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), raw)
	if err != nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	return out
}

// Pages turns the corpus in dir (as loaded by corpus.Load) into the
// engines' pages, decoding each once.
func Pages(dir string, docs []corpus.Doc) []Page {
	out := make([]Page, len(docs))
	for i, d := range docs {
		out[i] = Page{
			URL:  d.URL,
			UTF8: Decode(d.HTML),
			Path: filepath.Join(dir, "html", d.ID+".html.gz"),
		}
	}
	return out
}
