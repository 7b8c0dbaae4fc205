package extract

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Classes of the parts of a page a [Trace] names. A link block's class is
// its kind ([KindRelated], [KindRanking], [KindRecommendation], [KindMore]).
const (
	ClassBody        = "body"        // a paragraph of the body text
	ClassContent     = "content"     // a container the body was read from
	ClassHeadline    = "headline"    // the page's headline, left out of the body
	ClassCaption     = "caption"     // a picture's caption
	ClassCredit      = "credit"      // a picture's credit
	ClassByline      = "byline"      // an author line
	ClassBoilerplate = "boilerplate" // a line of chrome: a label, a prompt, a notice
	ClassAd          = "ad"          // an advertisement's label or slot
	ClassLinkDense   = "link-dense"  // mostly links: left out
	ClassNavigation  = "navigation"  // a menu or a navigation landmark
	ClassBreadcrumb  = "breadcrumb"  // the section trail
	ClassReactions   = "reactions"   // a reaction counter
	ClassComments    = "comments"    // reader comments
	ClassChrome      = "chrome"      // text outside the body's containers
	ClassDropped     = "dropped"     // other text left out of the body
	ClassPage        = "page"        // a decision about the page as a whole
)

// Trace is the account of one extraction ([Extractor.Explain]): one entry
// per part of the page the extractor decided about — a paragraph of the
// body, a link block, a caption, a menu, a line of chrome — with the rule
// that decided and the figures it used.
//
// Entries name elements by their number in Source: entry.Node is the index
// of the element among all elements of html.Parse(bytes.NewReader(Source))
// in document order, counting the <html> element as 0 (html.Parse from
// golang.org/x/net/html, which builds the tree the HTML standard defines,
// as browsers do). Path spells the same element as /html/body/div[2]/p[3].
type Trace struct {
	// Source is the page as the extractor parsed it: decoded to UTF-8 (and,
	// for pages nested past the parser's limit, flattened).
	Source []byte
	// Entries are in document order; entries of the page as a whole
	// (Node -1) come first.
	Entries []TraceEntry
}

// TraceEntry is one decision about one part of the page.
type TraceEntry struct {
	// Node is the element's number (see [Trace]), -1 for the page.
	Node int
	// Path locates the element from the root: /html/body/div[2]/p[3].
	Path string
	// Text is the text of a text block (a paragraph, a line), or the
	// heading of a link block; empty for containers.
	Text string
	// Class is what the part was taken for: one of the Class constants or
	// a link block's kind.
	Class string
	// Rule names the step that decided: "classify", "keepMainSegments",
	// "findBlocks", ...
	Rule string
	// Reason says why, in words.
	Reason string
	// Figures are the measures the rule compared.
	Figures []Figure
	// Steps are the earlier decisions about the same text block, oldest
	// first, each "rule: class".
	Steps []string
}

// Figure is one measure a rule compared with its limit: "link density
// 0.82 > 0.5". Op is "", and Limit unused, for a measure given alone.
type Figure struct {
	Name  string
	Value float64
	Op    string // ">", ">=", "<", "<=", "="
	Limit float64
}

func (f Figure) String() string {
	v := strconv.FormatFloat(f.Value, 'f', -1, 64)
	if f.Value != float64(int64(f.Value)) {
		v = strconv.FormatFloat(f.Value, 'f', 2, 64)
	}
	if f.Op == "" {
		return f.Name + " " + v
	}
	return f.Name + " " + v + " " + f.Op + " " + strconv.FormatFloat(f.Limit, 'f', -1, 64)
}

// String renders the entry on one line: class, rule, reason and figures.
func (e TraceEntry) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s", e.Class, e.Rule, e.Reason)
	for i, f := range e.Figures {
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(f.String())
		if i == len(e.Figures)-1 {
			b.WriteString(")")
		}
	}
	return b.String()
}

// fig builds a Figure.
func fig(name string, v float64, op string, limit float64) Figure {
	return Figure{Name: name, Value: round2(v), Op: op, Limit: limit}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// tracer collects the decisions of one extraction; a page's tr is nil when
// no trace is asked for, and every hook is behind `if p.tr != nil`.
type tracer struct {
	nodes map[*html.Node]nodeRef // every element of the parsed tree
	parts []note                 // decisions about elements
	texts map[int32]*note        // decisions about text blocks, by id
	order []int32                // text block ids in the order first seen
	body  *candidates            // the scores findContent used
}

// nodeRef is an element's number in document order and its position
// among its parent's children of its tag (1-based).
type nodeRef struct {
	num, nth int
}

// note is a decision about an element or a text block.
type note struct {
	n   *html.Node
	e   TraceEntry
	seq int        // the order of the decision
	cls blockClass // a text block's class when last recorded
}

// newTracer numbers the elements of doc before anything is pruned.
func newTracer(doc *html.Node) *tracer {
	t := &tracer{nodes: map[*html.Node]nodeRef{}, texts: map[int32]*note{}}
	num := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		seen := map[string]int{}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			seen[c.Data]++
			t.nodes[c] = nodeRef{num: num, nth: seen[c.Data]}
			num++
			walk(c)
		}
	}
	walk(doc)
	return t
}

// add records a decision about element (or text node) n.
func (t *tracer) add(n *html.Node, class, rule, reason string, figs ...Figure) {
	t.parts = append(t.parts, note{n: n, seq: len(t.parts), e: TraceEntry{Class: class, Rule: rule, Reason: reason, Figures: figs}})
}

// text records a decision about text block b; an earlier one becomes a
// step.
func (t *tracer) text(b *tblock, class, rule, reason string, figs ...Figure) {
	nt := t.texts[b.id]
	if nt == nil {
		nt = &note{n: b.elem, e: TraceEntry{Text: b.text}}
		t.texts[b.id] = nt
		t.order = append(t.order, b.id)
	} else if nt.e.Rule != "" {
		nt.e.Steps = append(nt.e.Steps, nt.e.Rule+": "+nt.e.Class)
	}
	nt.e.Class, nt.e.Rule, nt.e.Reason, nt.e.Figures = class, rule, reason, figs
	nt.cls = b.class
}

// class returns the class last recorded for text block b, "" when none.
func (t *tracer) class(b *tblock) string {
	if nt := t.texts[b.id]; nt != nil {
		return nt.e.Class
	}
	return ""
}

// ref returns the number and path of element n (a text node stands for
// its parent); -1 and "" for a node not in the parsed tree.
func (t *tracer) ref(n *html.Node) (int, string) {
	for n != nil && n.Type != html.ElementNode {
		n = n.Parent
	}
	r, ok := t.nodes[n]
	if !ok {
		return -1, ""
	}
	var parts []string
	for a := n; a != nil; a = a.Parent {
		ar, ok := t.nodes[a]
		if !ok {
			break
		}
		parts = append(parts, a.Data+"["+strconv.Itoa(ar.nth)+"]")
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		p := parts[i]
		if strings.HasSuffix(p, "[1]") && (strings.HasPrefix(p, "html[") || strings.HasPrefix(p, "body[") || strings.HasPrefix(p, "head[")) {
			p = strings.TrimSuffix(p, "[1]")
		}
		b.WriteString("/" + p)
	}
	return r.num, b.String()
}

// finish settles the decisions against the record — body text the record
// does not hold was dropped after the blocks were judged — and returns
// the trace in document order.
func (t *tracer) finish(a *Article, err error) *Trace {
	tr := &Trace{}
	if errors.Is(err, ErrNoArticle) {
		tr.Entries = append(tr.Entries, TraceEntry{Node: -1, Class: ClassPage, Rule: "minBodyWords",
			Reason: "no article: the body is too short", Figures: []Figure{fig("words", float64(countWords(t.bodyTexts())), "<", minBodyWords)}})
	}
	inText, outText := 0, 0
	for _, id := range t.order {
		if nt := t.texts[id]; nt.e.Class == ClassBody {
			if a != nil && strings.Contains(a.Text, nt.e.Text) {
				inText++
			} else {
				outText++
			}
		}
	}
	dropRule := "minBodyWords"
	switch {
	case a != nil && a.Text != "" && inText == 0:
		dropRule = "fallback"
		tr.Entries = append(tr.Entries, TraceEntry{Node: -1, Class: ClassPage, Rule: dropRule,
			Reason:  "too little body text found: the text is the page's JSON-LD articleBody or Readability's",
			Figures: []Figure{fig("words found", float64(countWords(t.bodyTexts())), "<", fallbackWords)}})
	case outText > 0 && err == nil:
		dropRule = "dropStandfirst"
		tr.Entries = append(tr.Entries, TraceEntry{Node: -1, Class: ClassPage, Rule: dropRule,
			Reason: "the first paragraph repeats the page's description above a wire dateline: a standfirst"})
	}
	var notes []*note
	covered := map[*html.Node]bool{} // parts that explain the text in them
	for i := range t.parts {
		notes = append(notes, &t.parts[i])
		switch t.parts[i].e.Class {
		case ClassReactions, ClassBreadcrumb, ClassComments:
			covered[t.parts[i].n] = true
		}
	}
	title := ""
	if a != nil {
		title = strings.ToLower(collapse(a.Title))
	}
	for _, id := range t.order {
		nt := t.texts[id]
		if nt.e.Class != ClassBody && coveredBy(nt.n, covered) {
			continue
		}
		if nt.e.Class == ClassChrome && title != "" && len(nt.e.Text) <= len(title)+80 && isTitleLine(nt.e.Text, title) {
			nt.e.Class, nt.e.Reason = ClassHeadline, "outside the body's containers: the headline"
		}
		if nt.e.Class == ClassBody && (a == nil || !strings.Contains(a.Text, nt.e.Text)) {
			nt.e.Steps = append(nt.e.Steps, nt.e.Rule+": "+nt.e.Class)
			nt.e.Class, nt.e.Rule, nt.e.Reason, nt.e.Figures = ClassDropped, dropRule, "not in the record's text", nil
		}
		nt.seq = len(t.parts) + int(id)
		notes = append(notes, nt)
	}
	for _, nt := range notes {
		nt.e.Node, nt.e.Path = t.ref(nt.n)
	}
	sort.SliceStable(notes, func(i, j int) bool {
		if notes[i].e.Node != notes[j].e.Node {
			return notes[i].e.Node < notes[j].e.Node
		}
		return notes[i].seq < notes[j].seq
	})
	for _, nt := range notes {
		if nt.e.Node >= 0 {
			tr.Entries = append(tr.Entries, nt.e)
		}
	}
	return tr
}

// bodyTexts returns the texts of the blocks taken for body.
func (t *tracer) bodyTexts() []string {
	var out []string
	for _, id := range t.order {
		if nt := t.texts[id]; nt.e.Class == ClassBody {
			out = append(out, nt.e.Text)
		}
	}
	return out
}

// coveredBy reports whether n is in one of the parts.
func coveredBy(n *html.Node, parts map[*html.Node]bool) bool {
	for a := n; a != nil; a = a.Parent {
		if parts[a] {
			return true
		}
	}
	return false
}
