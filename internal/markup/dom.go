package markup

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Small DOM helpers. Element names are compared by atom where one exists.

func elem(tag string, attrs ...string) *html.Node {
	n := &html.Node{Type: html.ElementNode, Data: tag, DataAtom: atom.Lookup([]byte(tag))}
	for i := 0; i+1 < len(attrs); i += 2 {
		n.Attr = append(n.Attr, html.Attribute{Key: attrs[i], Val: attrs[i+1]})
	}
	return n
}

func text(s string) *html.Node { return &html.Node{Type: html.TextNode, Data: s} }

func getAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func delAttr(n *html.Node, key string) {
	out := n.Attr[:0]
	for _, a := range n.Attr {
		if a.Key != key {
			out = append(out, a)
		}
	}
	n.Attr = out
}

// rename gives n another tag, keeping its attributes and children.
func rename(n *html.Node, tag string) {
	n.Data = tag
	n.DataAtom = atom.Lookup([]byte(tag))
}

// children returns the children of n as a slice (safe to edit the tree while
// ranging over it).
func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

// moveChildren moves every child of from to the end of to.
func moveChildren(from, to *html.Node) {
	for _, c := range children(from) {
		from.RemoveChild(c)
		to.AppendChild(c)
	}
}

// wrap puts w in n's place and n inside w.
func wrap(n, w *html.Node) {
	n.Parent.InsertBefore(w, n)
	n.Parent.RemoveChild(n)
	w.AppendChild(n)
}

// unwrap puts n's children in its place and removes n.
func unwrap(n *html.Node) {
	for _, c := range children(n) {
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
	}
	n.Parent.RemoveChild(n)
}

// within reports whether n is a or inside a.
func within(n, a *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// lca returns the lowest common ancestor of the nodes (nil for none).
func lca(nodes []*html.Node) *html.Node {
	if len(nodes) == 0 {
		return nil
	}
	anc := nodes[0]
	for _, n := range nodes[1:] {
		for anc != nil && !within(n, anc) {
			anc = anc.Parent
		}
	}
	return anc
}

// childToward returns the child of anc that holds n (n itself when n is a
// child of anc), nil when n is not under anc.
func childToward(anc, n *html.Node) *html.Node {
	for ; n != nil; n = n.Parent {
		if n.Parent == anc {
			return n
		}
	}
	return nil
}

// walk calls fn on every node under n (n included) in document order;
// fn returns false to skip a node's children.
func walk(n *html.Node, fn func(*html.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		walk(c, fn)
		c = next
	}
}

// elements returns every element under n in document order.
func elements(n *html.Node) []*html.Node {
	var out []*html.Node
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode {
			out = append(out, c)
		}
		return true
	})
	return out
}

// order maps every node of the tree to its position in document order.
func order(doc *html.Node) map[*html.Node]int {
	pos := map[*html.Node]int{}
	walk(doc, func(c *html.Node) bool {
		pos[c] = len(pos)
		return true
	})
	return pos
}

// hidden elements hold no visible text.
func hidden(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title, atom.Iframe, atom.Textarea, atom.Select:
		return true
	}
	return false
}

// visibleText returns the collapsed visible text of n: text nodes outside
// scripts, styles and the head, with block and line breaks as spaces.
func visibleText(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case hidden(c):
			return false
		case c.Type == html.ElementNode && (c.DataAtom == atom.Br || blockTag(c.DataAtom)):
			b.WriteByte(' ')
		}
		return true
	})
	return collapse(b.String())
}

// collapse turns runs of white space (no-break spaces included) into one
// space and trims the ends.
func collapse(s string) string {
	if strings.Contains(s, "\u00ad") {
		s = strings.ReplaceAll(s, "\u00ad", "") // a soft hyphen shows only where a line breaks
	}
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x200B, 0x2009, 0x202F, 0xFEFF, 0x3000:
		return true
	}
	return false
}

// blockTag reports whether elements of this kind are laid out as blocks.
func blockTag(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Center, atom.Dd,
		atom.Details, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hr, atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Table,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Td, atom.Th, atom.Tr, atom.Ul, atom.Caption, atom.Html:
		return true
	}
	return false
}

// tableTag reports whether the element only lives inside a table (or a
// list): such elements cannot be moved or wrapped on their own.
func tableTag(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption,
		atom.Colgroup, atom.Col, atom.Li, atom.Dt, atom.Dd, atom.Option, atom.Html, atom.Head, atom.Body:
		return true
	}
	return false
}

// phrasing reports whether n or an ancestor is an element in which a block
// (div, ul, table) would be moved out by the parser or would break a line of
// text: a paragraph, a heading, a link or an inline element.
func phrasing(n *html.Node) bool {
	for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
		switch n.DataAtom {
		case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.A, atom.Span, atom.Font,
			atom.B, atom.Strong, atom.I, atom.Em, atom.Small, atom.Label, atom.Button, atom.Pre:
			return true
		case atom.Body, atom.Td, atom.Th, atom.Li, atom.Div, atom.Section, atom.Article, atom.Main, atom.Aside:
			return false
		}
	}
	return false
}

// flowParent reports whether blocks may be children of n.
func flowParent(n *html.Node) bool {
	if n == nil || n.Type != html.ElementNode || phrasing(n) {
		return false
	}
	switch n.DataAtom {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Ul, atom.Ol, atom.Dl, atom.Select,
		atom.Html, atom.Head, atom.Colgroup:
		return false
	}
	return true
}

// blank reports whether n is white space or a comment.
func blank(n *html.Node) bool {
	return n.Type == html.CommentNode || n.Type == html.TextNode && strings.TrimFunc(n.Data, isSpace) == ""
}

// body returns the <body> element.
func body(doc *html.Node) *html.Node {
	var out *html.Node
	walk(doc, func(n *html.Node) bool {
		if out == nil && n.Type == html.ElementNode && n.DataAtom == atom.Body {
			out = n
		}
		return out == nil
	})
	return out
}

// head returns the <head> element.
func head(doc *html.Node) *html.Node {
	var out *html.Node
	walk(doc, func(n *html.Node) bool {
		if out == nil && n.Type == html.ElementNode && n.DataAtom == atom.Head {
			out = n
		}
		return out == nil
	})
	return out
}
