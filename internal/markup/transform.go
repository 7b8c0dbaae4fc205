package markup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Transform is one kind of markup change that leaves what a reader sees
// as it is. Apply edits the page in place and returns a note of what it did
// (the variant's recipe, printed on failure), or ok false when the page has
// nothing it applies to.
type Transform struct {
	Name  string
	Doc   string
	apply func(p *Page, r *rand.Rand) (note string, ok bool)
	last  bool // runs after the others in a chain (it depends on the final text)
}

// Apply runs t on p.
func (t Transform) Apply(p *Page, r *rand.Rand) (string, bool) { return t.apply(p, r) }

var transforms = []Transform{
	{Name: "wrapper-depth", Doc: "wrap content in extra div/section/span/font levels, or unwrap plain wrappers", apply: wrapperDepth},
	{Name: "tag-rename", Doc: "div↔section, div→styled span, span↔font, p→div, b↔strong, tables↔divs", apply: tagRename},
	{Name: "class-id", Doc: "class and id names obfuscated (consistently, styles too) or removed", apply: classID},
	{Name: "list-flatten", Doc: "a block's <ul>/<ol> turned into sibling divs, <br>-separated links, loose items, table rows or a grid", apply: listFlatten},
	{Name: "list-wrap", Doc: "a block's sibling items (divs, cells, bare links) wrapped into <ul>/<ol><li>", apply: listWrap},
	{Name: "block-move", Doc: "a block (heading and items) moved before, after or inside the body's container", apply: blockMove},
	{Name: "block-heading-tag", Doc: "a block heading made h2–h6, b, strong, p>strong, styled or plain div/span", apply: blockHeadingTag},
	{Name: "headline-tag", Doc: "the visible headline made h1/h2, font>b, b, strong or a styled div/span", apply: headlineTag},
	{Name: "base-href", Doc: "a <base href> elsewhere on the site, every link rewritten relative to it", apply: baseHref},
	{Name: "noise", Doc: "scripts, ads with labels, iframes, share bars inserted between body paragraphs", apply: noise},
	{Name: "paragraphing", Doc: "<p> runs turned into <br><br>-separated text, and <br><br> text into <p>s", apply: paragraphing},
	{Name: "translate", Doc: "block headings and page labels in one of ten languages", apply: translate},
	{Name: "item-extras", Doc: "a block's items given a thumbnail, a date or time, a rank number or a comment count", apply: itemExtras},
	{Name: "more-link", Doc: "a trailing \"More »\" link (ten languages) in a block's list or right after it", apply: moreLink},
	{Name: "heading-apart", Doc: "a block's heading and its list each wrapped in wrappers of their own", apply: headingApart},
	{Name: "reaction-shape", Doc: "reaction counters as spans, count first, boxes of their own, or a <button>", apply: reactionShapes},
	{Name: "trail-separator", Doc: "the breadcrumb's separators written as another mark", apply: trailSeparators},
	{Name: "date-format", Doc: "the visible date in another format of the ten languages, same day and time", apply: dateFormat},
	{Name: "whitespace", Doc: "white space inside text and between elements rewritten as other runs of spaces, newlines, tabs", apply: whitespace},
	{Name: "entities", Doc: "characters of the text written as named, decimal and hexadecimal character references", apply: entities},
	{Name: "render-style", Doc: "tag and attribute names in upper case, attribute values single-quoted or unquoted", apply: renderStyle},
	{Name: "soft-breaks", Doc: "soft hyphens and <wbr> inside long words of the body, lang and dir attributes on its paragraphs", apply: softBreaks},
	{Name: "story-inserts", Doc: "a \"Read also: <link>\" teaser, a newsletter box, a social embed's iframe or a captioned picture between body paragraphs", apply: storyInserts},
	{Name: "item-cards", Doc: "a block's items as story cards: thumbnail links (headline only in title/aria-label), headline in a heading, section label, time, summary sentence", apply: itemCards},
	{Name: "heading-inside", Doc: "a block's heading as the list's first item or heading row, a caption, legend, summary or figcaption, or only an aria-label (no heading)", apply: headingInside},
	{Name: "hidden-copies", Doc: "a copy of a block in a <template>, a <noscript>, a hidden or display:none element, or an off-screen aria-hidden clone", apply: hiddenCopies},
	{Name: "body-inline", Doc: "body paragraphs with each sentence in a span, the text in <font> or a styled span, or the wire dateline in <strong>/<b>/<span>", apply: bodyInline},
	{Name: "meta-order", Doc: "the date line moved below the body, the reaction counter above it, inside or beside the body's container", apply: metaOrder},
	{Name: "article-pages", Doc: "links to the article's other pages (\"‹ Previous 1 2 3 Next ›\", \"Page 1 of 3\", ten languages) after the body", apply: articlePages},
	{Name: "charset", Doc: "re-encoded in a legacy charset its text allows, declared only in <meta>", apply: recharset, last: true},
}

// pending are transformations not yet in the default set: the extractor
// still fails some of their variants (see Pending).
var pending = []Transform{}

// Pending returns the transformations written but not yet in [Transforms]:
// the extractor still fails some of their variants.
func Pending() []Transform { return slices.Clone(pending) }

// Transforms returns every transformation, in a fixed order.
func Transforms() []Transform { return slices.Clone(transforms) }

// Step is one applied transformation of a variant.
type Step struct {
	Name string
	Note string
}

func (s Step) String() string { return s.Name + "(" + s.Note + ")" }

// Variant is a page re-rendered through a chain of transformations.
type Variant struct {
	HTML  []byte
	Steps []Step // the transformations that applied, in order
	Want  Record // the record the variant must give
}

// Chain formats the steps for a failure message.
func (v Variant) Chain() string {
	var parts []string
	for _, s := range v.Steps {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, " → ")
}

// Variant applies ts in order (those that must run last, last) to a clone
// of p and renders it. Transformations that find nothing to do are left out
// of Steps; a variant with no steps is still rendered.
func (p *Page) Variant(r *rand.Rand, ts []Transform) (Variant, error) {
	q := p.Clone()
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b Transform) int {
		switch {
		case a.last == b.last:
			return 0
		case a.last:
			return 1
		}
		return -1
	})
	var v Variant
	for _, t := range ts {
		if note, ok := t.apply(q, r); ok {
			v.Steps = append(v.Steps, Step{t.Name, note})
		}
	}
	out, err := q.Render()
	if err != nil {
		return v, fmt.Errorf("markup: rendering %s: %w", v.Chain(), err)
	}
	v.HTML, v.Want = out, q.Want()
	return v, nil
}

// roles returns the nodes that carry the record: paragraphs, container,
// headline, block headings and links, labels.
func (p *Page) roles() map[*html.Node]bool {
	m := map[*html.Node]bool{}
	for _, n := range p.paras {
		m[n] = true
	}
	if p.box != nil {
		m[p.box] = true
	}
	if p.headline != nil {
		m[p.headline] = true
	}
	for _, b := range p.blocks {
		if b.heading != nil {
			m[b.heading] = true
		}
		for _, a := range b.anchors {
			m[a] = true
		}
	}
	for _, l := range p.labels {
		m[l.node] = true
	}
	return m
}

// pick returns a random element of s.
func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// sample returns each element of s with probability q, at least one.
func sample[T any](r *rand.Rand, s []T, q float64) []T {
	var out []T
	for _, x := range s {
		if r.Float64() < q {
			out = append(out, x)
		}
	}
	if len(out) == 0 && len(s) > 0 {
		out = append(out, pick(r, s))
	}
	return out
}

// randomName returns a class-like name of random letters and digits.
func randomName(r *rand.Rand) string {
	const letters, alnum = "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789"
	n := 2 + r.IntN(5)
	b := []byte{letters[r.IntN(len(letters))]}
	for len(b) < n {
		b = append(b, alnum[r.IntN(len(alnum))])
	}
	return string(b)
}
