package markup

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// legacyCharsets are the charsets a page may be re-encoded in, by the name
// it then declares. Names that browsers read as another charset (latin1 as
// windows-1252, gb2312 as GBK) are declared as such on purpose.
var legacyCharsets = []string{
	"windows-1252", "ISO-8859-1", "iso-8859-15", "windows-1251", "KOI8-R", "GBK", "gb2312", "GB18030",
	"Big5", "Shift_JIS", "EUC-JP", "EUC-KR", "windows-1250",
}

// recharset re-encodes the page in a legacy charset that can write all of
// its visible text (UTF-8 when none can), declared only by a <meta>.
func recharset(p *Page, r *rand.Rand) (string, bool) {
	text := allText(p.doc)
	var fit []string
	for _, name := range legacyCharsets {
		if enc, err := htmlindex.Get(name); err == nil && encodes(enc, text) {
			fit = append(fit, name)
		}
	}
	name := "utf-8"
	if len(fit) > 0 {
		name = pick(r, fit)
	}
	enc, _ := htmlindex.Get(name)
	style := pick(r, []string{"meta charset", "http-equiv", "meta charset after title"})
	p.charset, p.enc = name, enc
	declare(p.doc, name, style)
	return fmt.Sprintf("%s, %s (of %d that fit)", name, style, len(fit)), true
}

// allText returns the text of every text node outside scripts and styles.
func allText(doc *html.Node) string {
	var b strings.Builder
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return false
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		return true
	})
	return b.String()
}

// encodes reports whether enc can write every character of s.
func encodes(enc encoding.Encoding, s string) bool {
	_, err := enc.NewEncoder().String(s)
	return err == nil
}

// declare removes every charset declaration of the page and adds one
// <meta> naming name, first in <head> or right after its <title>.
func declare(doc *html.Node, name, style string) {
	h := head(doc)
	if h == nil {
		return
	}
	for _, m := range elements(h) {
		if m.DataAtom != atom.Meta {
			continue
		}
		eq, _ := getAttr(m, "http-equiv")
		if _, ok := getAttr(m, "charset"); ok || strings.EqualFold(eq, "content-type") {
			m.Parent.RemoveChild(m)
		}
	}
	m := elem("meta", "charset", name)
	if style == "http-equiv" {
		m = elem("meta", "http-equiv", "Content-Type", "content", "text/html; charset="+name)
	}
	var at *html.Node = h.FirstChild
	if style == "meta charset after title" {
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Title {
				at = c.NextSibling
			}
		}
	}
	h.InsertBefore(m, at)
}

// Render writes the page as bytes in its charset. Characters the charset
// cannot write become character references (in scripts and styles,
// escapes of their own syntax).
func (p *Page) Render() ([]byte, error) {
	var refs []string
	if p.refSeed != 0 {
		var restore func()
		refs, restore = p.markRefs()
		defer restore()
	}
	enc := p.enc
	utf := enc == nil || enc == unicode.UTF8 || enc == encoding.Nop || strings.EqualFold(p.charset, "utf-8")
	if !utf {
		escapeRaw(p.doc, enc)
	}
	var b bytes.Buffer
	if err := html.Render(&b, p.doc); err != nil {
		return nil, err
	}
	out := b.Bytes()
	if len(refs) > 0 {
		out = putRefs(out, refs)
	}
	if p.styleSeed != 0 {
		out = restyle(out, p.styleSeed)
	}
	if utf {
		return out, nil
	}
	out, err := encoding.HTMLEscapeUnsupported(enc.NewEncoder()).Bytes(out)
	if err != nil {
		return nil, err
	}
	if i := bytes.Index(bytes.ToLower(out), []byte("charset")); i > 1000 {
		return nil, fmt.Errorf("markup: the charset declaration is at byte %d, past the first 1024", i)
	}
	return out, nil
}

// escapeRaw rewrites the characters of script and style text that enc
// cannot write as \uXXXX (scripts) or \XXXXXX (styles) escapes.
func escapeRaw(doc *html.Node, enc encoding.Encoding) {
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n.DataAtom != atom.Script && n.DataAtom != atom.Style {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.TextNode || encodes(enc, c.Data) {
				continue
			}
			var b strings.Builder
			for _, r := range c.Data {
				switch {
				case r < utf8.RuneSelf || encodes(enc, string(r)):
					b.WriteRune(r)
				case n.DataAtom == atom.Style:
					fmt.Fprintf(&b, "\\%06X", r)
				case r > 0xFFFF:
					r1, r2 := surrogates(r)
					fmt.Fprintf(&b, "\\u%04X\\u%04X", r1, r2)
				default:
					fmt.Fprintf(&b, "\\u%04X", r)
				}
			}
			c.Data = b.String()
		}
		return false
	})
}

func surrogates(r rune) (rune, rune) {
	r -= 0x10000
	return 0xD800 + (r>>10)&0x3FF, 0xDC00 + r&0x3FF
}
