// Package baseurl holds the HTML standard's rules for a document's base
// URL, shared by the extractor (the URLs of a record) and the crawler (the
// links it follows), so that both read a page's <base href> alike.
package baseurl

import (
	"net/url"
	"strings"
)

// Document returns the base URL that a document at pageURL (nil when
// unknown) gets from the href of its first <base> element that has one:
// href resolved against pageURL. When href does not parse, or gives no URL
// that can serve as a base (relative with no page URL to resolve it
// against, or opaque, such as "javascript:"), the base is pageURL.
func Document(pageURL *url.URL, href string) *url.URL {
	u, err := url.Parse(Clean(href))
	if err != nil {
		return pageURL
	}
	if pageURL != nil {
		u = pageURL.ResolveReference(u)
	}
	if !u.IsAbs() || u.Opaque != "" {
		return pageURL
	}
	return u
}

// Clean strips an href of what the URL parser ignores: leading and
// trailing spaces and control characters, and tabs and newlines anywhere.
// What a browser would percent-encode rather than refuse is encoded, so that
// net/url reads it: other control characters and DEL (the standard's C0
// control percent-encode set), and a '%' not followed by two hex digits.
func Clean(href string) string {
	href = strings.TrimFunc(href, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(href, "\t\n\r") {
		href = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, href)
	}
	if needsEscape(href) {
		href = escapeStray(href)
	}
	return href
}

// needsEscape reports whether href holds a control character, DEL or a
// '%' that starts no escape.
func needsEscape(href string) bool {
	for i := 0; i < len(href); i++ {
		c := href[i]
		if c < ' ' || c == 0x7f || c == '%' && !isEscape(href, i) {
			return true
		}
	}
	return false
}

// escapeStray percent-encodes what needsEscape finds.
func escapeStray(href string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(href) + 8)
	for i := 0; i < len(href); i++ {
		c := href[i]
		if c < ' ' || c == 0x7f || c == '%' && !isEscape(href, i) {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// isEscape reports whether the '%' at s[i] starts a percent escape.
func isEscape(s string, i int) bool {
	return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
