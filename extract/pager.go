package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pagers: the links to the other pages of a story or a listing ("‹ Previous
// 1 2 3 Next ›", "Page 1 of 3 · 2 · 3", "上一页 1 2 3 下一页"). They are no
// body text and no block of stories: the record leaves them out.

// pagerChars bounds the text of a pager; pagerLabel the text of each
// piece that is no page number ("Next ›", "Page 1 of 3").
const (
	pagerChars = 120
	pagerLabel = 30
)

// skipPagers leaves out of the body every pager: the outermost element
// that holds two links or more whose text is a page number, and besides
// its links only short labels, no sentence.
func (p *page) skipPagers(skip map[*html.Node]bool) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skip[c] {
				continue
			}
			st := p.stats.get(c)
			if st == nil || st.links < 2 {
				continue
			}
			// No digit in its text (st.digits), no page number.
			if st.chars <= pagerChars && st.digits && c.DataAtom != atom.A && p.pager(c) {
				p.drop(c, skip)
				continue
			}
			walk(c)
		}
	}
	if p.body != nil {
		walk(p.body)
	}
}

// pager reports whether n reads as a pager: two links to other pages or
// more whose texts are different page numbers counting up, and no other
// text than short labels. Numbers that link into the page (footnotes) or
// go down (figures in a table row) are no pager's.
func (p *page) pager(n *html.Node) bool {
	numbers, last := 0, -1
	ok := true
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		for k := c.FirstChild; k != nil && ok; k = k.NextSibling {
			switch k.Type {
			case html.TextNode:
				t := trimSpace(k.Data)
				if t == "" {
					continue
				}
				if countChars(t) > pagerLabel || sentenceEnd(t) && !isPageNumber(strings.TrimRight(t, ".")) {
					ok = false
				}
			case html.ElementNode:
				if k.DataAtom == atom.A && hasAttr(k, "href") {
					t := nodeText(k)
					if v, num := pageNumber(t); num {
						if ok = v >= last && usableHref(attr(k, "href")); ok && v > last {
							numbers++
						}
						last = v
					} else if countChars(t) > pagerLabel {
						ok = false
					}
					continue
				}
				walk(k)
			}
		}
	}
	walk(n)
	return ok && numbers >= 2
}

// pageNumber returns the page number t writes (one to three digits) and
// whether it writes one.
func pageNumber(t string) (int, bool) {
	if t == "" || len(t) > 3 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0, false
		}
		v = v*10 + int(t[i]-'0')
	}
	return v, true
}

func isPageNumber(t string) bool {
	_, ok := pageNumber(t)
	return ok
}
