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
	return href
}
