// Package explainview draws an [extract.Trace] over the page it explains:
// one self-contained HTML file (for `newsclip explain`) that shows the
// original page, with its scripts removed and its remote images replaced by
// placeholders, every part the extractor decided about outlined and
// labelled by its class, its reason in a tooltip and in a side list, and the
// record beside it.
//
// The page is drawn in the main document, not in a frame, so that tests and
// tools can read the labels from the DOM: a labelled element carries
//
//	data-nc-class  the classes of its entries, space-separated ("body", "related")
//	data-nc-label  the label shown on it ("body", "related · extra")
//	data-nc-node   the element's number in the trace
//	title          each entry's class, rule, reason and figures, one a line
//
// and the record is the text of <pre id="nc-record">.
package explainview

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/extract"
)

// Options are what Render shows besides the page.
type Options struct {
	// Input names the page (a file, a URL) in the panel's header.
	Input string
	// Record is the record as the extract command writes it (JSON).
	Record []byte
	// Truth is the page's expected body text, one paragraph or line a
	// line; when set, the body's missing and extra lines are marked.
	Truth string
}

// Render writes the annotated page of trace tr, whose record is a.
func Render(w io.Writer, a *extract.Article, tr *extract.Trace, opt Options) error {
	doc, err := html.Parse(bytes.NewReader(tr.Source))
	if err != nil {
		return fmt.Errorf("explainview: parsing the page: %w", err)
	}
	elems := numberElements(doc)
	var cmp *comparison
	if opt.Truth != "" {
		cmp = compare(a, opt.Truth)
	}
	labelled := label(elems, tr.Entries, cmp)
	sanitize(doc)
	head, body := headAndBody(doc)
	head.AppendChild(&html.Node{Type: html.ElementNode, Data: "style", Attr: []html.Attribute{{Key: "id", Val: "nc-style"}}})
	head.LastChild.AppendChild(&html.Node{Type: html.TextNode, Data: styleSheet})
	panel, err := html.ParseFragment(strings.NewReader(panelHTML(a, tr, labelled, cmp, opt)), body)
	if err != nil {
		return fmt.Errorf("explainview: building the panel: %w", err)
	}
	for _, n := range panel {
		body.AppendChild(n)
	}
	if err := html.Render(w, doc); err != nil {
		return fmt.Errorf("explainview: %w", err)
	}
	return nil
}

// numberElements returns the elements of doc in document order: the
// numbering of extract.Trace.
func numberElements(doc *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				out = append(out, c)
				walk(c)
			}
		}
	}
	walk(doc)
	return out
}

// headAndBody returns the document's <head> and <body>, which html.Parse
// always makes.
func headAndBody(doc *html.Node) (head, body *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && (head == nil || body == nil); c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "head":
				head = c
			case "body", "frameset":
				if body == nil {
					body = c
				}
			case "html":
				walk(c)
			}
		}
	}
	walk(doc)
	if head == nil {
		head = &html.Node{Type: html.ElementNode, Data: "head"}
		doc.AppendChild(head)
	}
	if body == nil {
		body = &html.Node{Type: html.ElementNode, Data: "body"}
		doc.AppendChild(body)
	}
	return head, body
}

// part is a labelled element and its entries.
type part struct {
	node    int
	id      string // the element's id, for the side list's links
	entries []extract.TraceEntry
	truth   string // "", "extra" or "missing"
}

// label sets the data-nc-* attributes and the title of every element the
// trace names, and returns the parts in document order.
func label(elems []*html.Node, entries []extract.TraceEntry, cmp *comparison) []*part {
	byNode := map[int]*part{}
	var parts []*part
	for _, e := range entries {
		if e.Node < 0 || e.Node >= len(elems) {
			continue
		}
		p := byNode[e.Node]
		if p == nil {
			p = &part{node: e.Node}
			byNode[e.Node] = p
			parts = append(parts, p)
		}
		p.entries = append(p.entries, e)
		if cmp != nil && e.Text != "" {
			switch {
			case e.Class == extract.ClassBody && cmp.extraText(e.Text):
				p.truth = "extra"
			case e.Class != extract.ClassBody && cmp.missingText(e.Text) && p.truth == "":
				p.truth = "missing"
			}
		}
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].node < parts[j].node })
	for _, p := range parts {
		n := elems[p.node]
		classes := classesOf(p.entries)
		text := strings.Join(classes, " · ")
		if p.truth != "" {
			text += " · " + strings.ToUpper(p.truth)
			setAttr(n, "data-nc-truth", p.truth)
		}
		var title []string
		for _, e := range p.entries {
			title = append(title, e.String())
		}
		setAttr(n, "data-nc-class", strings.Join(classes, " "))
		setAttr(n, "data-nc-label", text)
		setAttr(n, "data-nc-node", strconv.Itoa(p.node))
		setAttr(n, "data-nc-style", styleClass(classes))
		setAttr(n, "title", strings.Join(title, "\n"))
		p.id = getAttr(n, "id")
		if p.id == "" {
			p.id = "nc-" + strconv.Itoa(p.node)
			setAttr(n, "id", p.id)
		}
	}
	return parts
}

// classesOf returns the distinct classes of entries, body first, the
// container ("content") last.
func classesOf(entries []extract.TraceEntry) []string {
	var out []string
	for _, e := range entries {
		dup := false
		for _, c := range out {
			dup = dup || c == e.Class
		}
		if !dup {
			out = append(out, e.Class)
		}
	}
	rank := func(c string) int {
		switch c {
		case extract.ClassBody:
			return 0
		case extract.ClassContent:
			return 2
		}
		return 1
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

// styleClass picks the class whose outline an element is drawn with.
func styleClass(classes []string) string {
	c := classes[0]
	switch c {
	case extract.ClassBody, extract.ClassContent, extract.ClassNavigation, extract.ClassBreadcrumb,
		extract.ClassReactions, extract.ClassComments, extract.KindRelated, extract.KindRanking,
		extract.KindRecommendation, extract.KindMore:
		return c
	}
	return "dropped"
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key && n.Attr[i].Namespace == "" {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
