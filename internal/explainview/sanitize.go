package explainview

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// placeholder stands for every remote image: a grey box that says so.
const placeholder = `data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='160' height='90'%3E%3Crect width='100%25' height='100%25' fill='%23d9d9d9'/%3E%3Ctext x='50%25' y='55%25' font-family='sans-serif' font-size='14' text-anchor='middle' fill='%23333'%3Eimage%3C/text%3E%3C/svg%3E`

// removed are elements dropped with their content: what runs code, loads
// another document or a remote resource, or changes how the file's own
// links resolve.
var removed = map[atom.Atom]bool{
	atom.Script: true, atom.Noscript: true, atom.Link: true, atom.Base: true, atom.Object: true,
	atom.Embed: true, atom.Applet: true, atom.Frame: true, atom.Frameset: false, atom.Template: true,
}

// reURL matches CSS url(...) references and @import rules that would load
// a remote resource.
var (
	reURL    = regexp.MustCompile(`(?i)url\(\s*(['"]?)\s*([^)'"]*)(['"]?)\s*\)`)
	reImport = regexp.MustCompile(`(?i)@import[^;]*;`)
)

// sanitize makes the page self-contained and inert: no scripts or event
// handlers, no frames, no remote images, styles or fonts, no refresh.
func sanitize(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch {
			case removed[c.DataAtom], c.DataAtom == atom.Meta && strings.EqualFold(getAttr(c, "http-equiv"), "refresh"):
				n.RemoveChild(c)
				c = next
				continue
			case c.DataAtom == atom.Iframe || c.DataAtom == atom.Video || c.DataAtom == atom.Audio:
				n.InsertBefore(framePlaceholder(c), c)
				n.RemoveChild(c)
				c = next
				continue
			}
			cleanElement(c)
		}
		if c.Type == html.TextNode && n.Type == html.ElementNode && n.DataAtom == atom.Style {
			c.Data = cleanCSS(c.Data)
		}
		sanitize(c)
		c = next
	}
}

// cleanElement removes what runs code or loads remote content from one
// element's attributes.
func cleanElement(n *html.Node) {
	attrs := n.Attr[:0]
	for _, a := range n.Attr {
		k := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(k, "on"), k == "srcset", k == "poster", k == "ping", k == "formaction", k == "background":
			continue
		case k == "href" || k == "action" || k == "xlink:href":
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				continue
			}
		case k == "style":
			a.Val = cleanCSS(a.Val)
		case k == "src" && (n.DataAtom == atom.Img || n.DataAtom == atom.Input || n.DataAtom == atom.Source):
			if !strings.HasPrefix(strings.TrimSpace(a.Val), "data:") {
				a.Val = placeholder
			}
		case strings.HasPrefix(k, "data-") && (n.DataAtom == atom.Img || n.DataAtom == atom.Source):
			continue // lazy-loading addresses a script would swap in
		}
		attrs = append(attrs, a)
	}
	n.Attr = attrs
	if n.DataAtom == atom.Img && getAttr(n, "src") == "" {
		setAttr(n, "src", placeholder)
	}
}

// cleanCSS drops @import rules and url() references but inline data.
func cleanCSS(s string) string {
	if !strings.Contains(s, "url(") && !strings.Contains(s, "URL(") && !strings.Contains(s, "@import") {
		return s
	}
	s = reImport.ReplaceAllString(s, "")
	return reURL.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(strings.ToLower(m), "data:") {
			return m
		}
		return "none"
	})
}

// framePlaceholder stands for a frame or a player: a box naming what it
// was.
func framePlaceholder(n *html.Node) *html.Node {
	box := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div, Attr: []html.Attribute{
		{Key: "class", Val: "nc-placeholder"},
	}}
	for _, k := range []string{"id", "data-nc-class", "data-nc-label", "data-nc-node", "data-nc-style", "title", "data-nc-truth"} {
		if v := getAttr(n, k); v != "" {
			setAttr(box, k, v)
		}
	}
	box.AppendChild(&html.Node{Type: html.TextNode, Data: "[" + n.Data + " removed]"})
	return box
}
