package extract

import (
	"strings"

	"github.com/newsclip/newsclip/internal/htmlblock"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of the named attribute of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// classAndID returns n's class and id attributes as written.
func classAndID(n *html.Node) (class, id string) {
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			class = a.Val
		case "id":
			id = a.Val
		}
	}
	return class, id
}

// classID returns the lower-cased class and id of n joined by a space.
func classID(n *html.Node) string {
	c, id := classAndID(n)
	switch {
	case c == "" && id == "":
		return ""
	case id == "":
		return lower(c)
	case c == "":
		return lower(id)
	}
	return lower(c + " " + id)
}

// blockAtoms are elements that start a new block of text (the list the
// crawler shares); <br> only breaks a line within one.
var blockAtoms = htmlblock.Atoms

var blockSet = atomSetOf(blockAtoms)

func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if blockSet.has(n.DataAtom) {
		return true
	}
	if len(n.Attr) > 0 && styledBlock(n) {
		// An inline element the page's style lays out as a box
		// (<span style="display:block">).
		return true
	}
	if n.DataAtom == 0 {
		// Unknown and custom elements (amp-*, x-*) are blocks when they
		// hold blocks or a placeholder of what they will load (an ad
		// slot's "Advertisement"), inline otherwise.
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (blockSet.has(c.DataAtom) || styledBlock(c) || hasAttr(c, "placeholder") || hasAttr(c, "fallback")) {
				return true
			}
		}
	}
	return false
}

// styledBlock reports an element whose style attribute lays it out as a
// box: display block, flex, grid, list-item or table.
func styledBlock(n *html.Node) bool {
	s := attr(n, "style")
	i := strings.Index(s, "display")
	if i < 0 {
		return false
	}
	s = strings.TrimLeft(s[i+len("display"):], " \t\n")
	if !strings.HasPrefix(s, ":") {
		return false
	}
	s = strings.TrimLeft(s[1:], " \t\n")
	for _, v := range [...]string{"block", "flex", "grid", "list-item", "table"} {
		if strings.HasPrefix(s, v) {
			// Not "table-cell" nor "table-row": parts of a table.
			return len(s) == len(v) || s[len(v)] != '-'
		}
	}
	return false
}

func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// hasAncestor reports whether a is a proper ancestor of n.
func hasAncestor(n, a *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// within reports whether n is a or inside a.
func within(n, a *html.Node) bool { return n == a || hasAncestor(n, a) }

// chainText returns the text of n when n is a text node or a chain of
// elements each holding only the next, down to one text node: the block
// spaces nodeText adds around such a chain fall at its ends, where
// collapse trims them. ok is false for any other shape.
func chainText(n *html.Node) (string, bool) {
	for {
		switch n.Type {
		case html.TextNode:
			return n.Data, true
		case html.ElementNode:
		default:
			return "", false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Br:
			return "", false
		}
		c := n.FirstChild
		if c == nil || c.NextSibling != nil {
			return "", false
		}
		n = c
	}
}

// nodeText returns the collapsed text content of n.
func nodeText(n *html.Node) string {
	if t, ok := chainText(n); ok {
		if collapsed(t) {
			return t // most links and labels: no builder, no copy
		}
		if t = trimASCIISpace(t); collapsed(t) {
			return t // a label between line breaks: collapse would trim it so
		}
	}
	return walkText(n)
}

// walkText is nodeText without its fast path: the text of n's subtree,
// scripts and styles left out, a space for every block edge and <br>,
// collapsed.
func walkText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				b.WriteByte(' ')
				return
			}
			if isBlock(n) {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlock(n) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapse(b.String())
}

// eachText calls fn with the text nodes under n in document order until fn
// returns true, and reports whether it did: a look at the text without
// building it.
func eachText(n *html.Node, fn func(string) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if fn(c.Data) {
				return true
			}
		case html.ElementNode:
			if eachText(c, fn) {
				return true
			}
		}
	}
	return false
}

// textOutside is the text of n without the elements skip takes (and
// their text), collapsed.
func textOutside(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type != html.ElementNode || skip(c):
			default:
				b.WriteByte(' ')
				walk(c)
				b.WriteByte(' ')
			}
		}
	}
	walk(n)
	return collapse(b.String())
}
