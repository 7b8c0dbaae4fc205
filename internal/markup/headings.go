package markup

import (
	"fmt"
	"math/rand/v2"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headingForm is a way to mark up a heading: an element (with attributes),
// optionally holding a second one.
type headingForm struct {
	name   string
	tag    string
	attrs  []string
	inner  string
	inline bool
}

var blockHeadingForms = []headingForm{
	{name: "h2", tag: "h2"}, {name: "h3", tag: "h3"}, {name: "h4", tag: "h4"}, {name: "h5", tag: "h5"},
	{name: "h6", tag: "h6"},
	{name: "b", tag: "b", inline: true}, {name: "strong", tag: "strong", inline: true},
	{name: "p>strong", tag: "p", inner: "strong"},
	{name: "styled div", tag: "div", attrs: []string{"style", "font-weight:bold;font-size:18px;border-left:4px solid #c00"}},
	{name: "styled span", tag: "span", inline: true, attrs: []string{"style", "font-weight:700;font-size:16px"}},
	{name: "plain div", tag: "div"},
	{name: "plain span", tag: "span", inline: true},
}

var headlineForms = []headingForm{
	{name: "h1", tag: "h1"}, {name: "h2", tag: "h2"},
	{name: "font>b", tag: "font", attrs: []string{"size", "5"}, inner: "b", inline: true},
	{name: "b", tag: "b", inline: true}, {name: "strong", tag: "strong", inline: true},
	{name: "styled div", tag: "div", attrs: []string{"style", "font-size:28px;font-weight:bold;line-height:36px"}},
	{name: "div>span", tag: "div", inner: "span", attrs: []string{"style", "font-size:26px"}},
	{name: "styled span", tag: "span", inline: true, attrs: []string{"style", "font-size:26px;font-weight:700"}},
}

// holder elements keep their place and take the heading inside.
func holder(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Td, atom.Th, atom.Li, atom.Dt, atom.Dd, atom.Caption, atom.A, atom.Legend, atom.Label, atom.Button, atom.Summary:
		return true
	}
	return n.DataAtom == 0 // custom elements
}

// retag marks up heading n in form f and returns the element that now
// holds its text. Block forms are not used where only inline content may go.
func retag(n *html.Node, f headingForm) *html.Node {
	x := elem(f.tag, f.attrs...)
	innermost := x
	if f.inner != "" {
		innermost = elem(f.inner)
		x.AppendChild(innermost)
	}
	switch {
	case holder(n):
		moveChildren(n, innermost)
		n.AppendChild(x)
		return innermost
	case f.inline && blockTag(n.DataAtom):
		rename(n, "div")
		delAttr(n, "style")
		moveChildren(n, innermost)
		n.AppendChild(x)
		return innermost
	}
	rename(n, f.tag)
	delAttr(n, "style")
	for i := 0; i+1 < len(f.attrs); i += 2 {
		setAttr(n, f.attrs[i], f.attrs[i+1])
	}
	if f.inner != "" {
		in := elem(f.inner)
		moveChildren(n, in)
		n.AppendChild(in)
		return in
	}
	return n
}

// formFor picks a form that fits where n is.
func formFor(n *html.Node, forms []headingForm, r *rand.Rand) headingForm {
	inlineOnly := phrasing(n.Parent) || holder(n) && phrasing(n)
	for {
		f := pick(r, forms)
		if f.inline || !inlineOnly {
			return f
		}
	}
}

// blockHeadingTag marks up one or all block headings in other elements.
func blockHeadingTag(p *Page, r *rand.Rand) (string, bool) {
	var bs []*block
	for _, b := range p.blocks {
		if b.heading != nil {
			bs = append(bs, b)
		}
	}
	if len(bs) == 0 {
		return "", false
	}
	if r.IntN(2) == 0 {
		bs = []*block{pick(r, bs)}
	}
	note := ""
	for _, b := range bs {
		f := formFor(b.heading, blockHeadingForms, r)
		was := b.heading.Data
		b.heading = retag(b.heading, f)
		note += fmt.Sprintf("%q <%s>→%s; ", b.want, was, f.name)
	}
	return note[:len(note)-2], true
}

// headlineTag marks up the visible headline in another element.
func headlineTag(p *Page, r *rand.Rand) (string, bool) {
	if p.headline == nil {
		return "", false
	}
	f := formFor(p.headline, headlineForms, r)
	was := p.headline.Data
	p.headline = retag(p.headline, f)
	return fmt.Sprintf("<%s>→%s", was, f.name), true
}
