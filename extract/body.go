package extract

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tblock is one block of text in reading order: the inline content between
// two block-level boundaries.
type tblock struct {
	text      string
	chars     int
	linkChars int
	elem      *html.Node // nearest block-level element holding the text
	heading   int        // heading level, or 0
	li        bool       // inside a list item
	caption   bool       // inside figcaption / caption
	class     blockClass
	id        int32 // its index in the linearizer's blocks: the trace's key
}

type blockClass uint8

const (
	clsNeutral blockClass = iota
	clsGood
	clsBad
)

func (b *tblock) density() float64 {
	if b.chars == 0 {
		return 0
	}
	return float64(b.linkChars) / float64(b.chars)
}

// linearizer cuts a subtree into text blocks.
type linearizer struct {
	blocks  []tblock
	buf     []byte // the current block's text, reused from block to block
	chars   int
	link    int
	skip    map[*html.Node]bool // subtrees left out (link-list blocks, chrome)
	inLink  int
	heading int
	li      int
	caption int
	stack   []*html.Node // open block elements
	// last is the last rune written; soft is set when an inline element
	// began or ended since. An element boundary between a CJK character
	// and a Latin one is kept as a space (see walk).
	last  rune
	soft  bool
	space bool // a space is due before the next character
}

func (l *linearizer) flush() {
	if l.chars == 0 {
		l.buf = l.buf[:0]
		l.link = 0
		return
	}
	var elem *html.Node
	if len(l.stack) > 0 {
		elem = l.stack[len(l.stack)-1]
	}
	l.blocks = append(l.blocks, tblock{
		text: string(bytes.TrimRightFunc(l.buf, isSpace)), chars: l.chars, linkChars: l.link, elem: elem,
		heading: l.heading, li: l.li > 0, caption: l.caption > 0, id: int32(len(l.blocks)),
	})
	l.buf = l.buf[:0]
	l.chars, l.link = 0, 0
	l.last, l.soft, l.space = 0, false, false
}

// text appends a text node to the current block, collapsing whitespace as
// it goes (runs of spaces become one, none at the start) and counting its
// characters.
func (l *linearizer) text(data string) {
	k := 0
	start := -1
	last := l.last
	for i := 0; i < len(data); {
		r, size := rune(data[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(data[i:])
		}
		if isSpace(r) && (r != 0x3000 || len(l.buf) == 0 && start < 0) {
			// U+3000 is text inside a line, indentation at its start.
			if start >= 0 {
				l.buf = append(l.buf, data[start:i]...)
				start = -1
			}
			l.space = len(l.buf) > 0
			i += size
			continue
		}
		if start < 0 {
			if len(l.buf) > 0 && (l.space || l.soft && last != 0 && scriptBoundary(last, r)) {
				l.buf = append(l.buf, ' ')
			}
			l.space, l.soft = false, false
			start = i
		}
		if size == 1 && r > ' ' && r < utf8.RuneSelf {
			// A run of visible ASCII: counted in one step.
			j := i + 1
			for j < len(data) && data[j] > ' ' && data[j] < utf8.RuneSelf {
				j++
			}
			k += j - i
			last = rune(data[j-1])
			i = j
			continue
		}
		last = r
		k++
		i += size
	}
	l.last = last
	if start >= 0 {
		l.buf = append(l.buf, data[start:]...)
	}
	l.chars += k
	if l.inLink > 0 {
		l.link += k
	}
}

// scriptBoundary reports whether an element boundary between runes a and b
// separates CJK text from Latin text ("アプリ<a>Kindle</a>に"): kept as a space,
// as a reader's eye (and a word tokenizer) keeps them apart.
func scriptBoundary(a, b rune) bool {
	return cjkRune(a) != cjkRune(b) && (cjkRune(b) && isWordRune(a) || cjkRune(a) && isWordRune(b))
}

func (l *linearizer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		l.text(n.Data)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			l.walk(c)
		}
		return
	}
	if l.skip[n] {
		if isBlock(n) {
			l.flush()
		}
		return
	}
	if n.DataAtom == atom.Br || n.DataAtom == atom.Hr {
		l.flush()
		return
	}
	block := isBlock(n)
	if block {
		l.flush()
		l.stack = append(l.stack, n)
	} else {
		l.soft = true
	}
	lvl := headingLevel(n)
	switch {
	case lvl > 0:
		l.heading = lvl
	case n.DataAtom == atom.Li || n.DataAtom == atom.Dd || n.DataAtom == atom.Dt:
		l.li++
	case n.DataAtom == atom.Figcaption || n.DataAtom == atom.Caption || n.DataAtom == atom.Figure:
		l.caption++
	case n.DataAtom == atom.A:
		l.inLink++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l.walk(c)
	}
	switch {
	case lvl > 0:
		l.flush()
		l.heading = 0
	case n.DataAtom == atom.Li || n.DataAtom == atom.Dd || n.DataAtom == atom.Dt:
		l.flush()
		l.li--
	case n.DataAtom == atom.Figcaption || n.DataAtom == atom.Caption || n.DataAtom == atom.Figure:
		l.flush()
		l.caption--
	case n.DataAtom == atom.Blockquote:
		l.flush()
	case n.DataAtom == atom.A:
		l.inLink--
	}
	if block {
		l.flush()
		l.stack = l.stack[:len(l.stack)-1]
	} else {
		l.soft = true
	}
}

// Class and id weights, after Readability's: they weigh in, never decide.
// Plain substring lists: cheaper than regular expressions on every element.
var (
	positiveNames = []string{"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story", "prose"}
	negativeNames = []string{"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footnote", "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "recommend", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "byline", "author", "dateline", "subscribe", "newsletter", "nav", "menu", "breadcrumb", "popular", "trending", "ranking", "social", "cookie", "signup", "taboola", "most-"}
)

// negativeSet and positiveSet match the names in one pass (classWeight).
var negativeSet, positiveSet = newPhraseSet(negativeNames), newPhraseSet(positiveNames)

// classWeight weighs a classID.
func classWeight(ci string) float64 {
	if ci == "" {
		return 0
	}
	w := 0.0
	if negativeSet.in(ci) {
		w -= 25
	}
	if positiveSet.in(ci) {
		w += 25
	}
	return w
}

func baseScore(n *html.Node, ci string) float64 {
	s := 0.0
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		s = 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s = -5
	}
	return s + classWeight(ci)
}

// isChrome reports page chrome by element: navigation, header and footer
// landmarks, by tag or ARIA role.
func isChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Footer:
		return true
	}
	switch attr(n, "role") {
	case "navigation", "contentinfo", "banner", "complementary", "search":
		return true
	}
	return false
}

// scriptCounts counts the CJK characters of s and its other word
// characters.
func scriptCounts(s string) (cjk, other int) {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if asciiWord[r] {
				other++
			}
		case cjkRune(r):
			cjk++
		case isWordRune(r):
			other++
		}
	}
	return cjk, other
}

// textWeight scales character counts of scripts written without spaces so a
// CJK character weighs about as much as a word: a text mostly in such a
// script weighs three times its characters; a Latin line with a few of them
// (a label and a date, "Date:2025年4月17日 14:27") weighs its characters and
// the few CJK ones thrice.
func textWeight(s string, chars int) int {
	// ASCII text has no CJK: its weight is its characters. Otherwise the
	// ASCII before the first other byte is counted only if CJK follows.
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return chars
	}
	cjk, other := scriptCounts(s[i:])
	if cjk == 0 {
		return chars
	}
	for j := 0; j < i; j++ {
		if asciiWord[s[j]] {
			other++
		}
	}
	if cjk >= other {
		return chars * 3
	}
	return chars + 2*cjk
}

// candidates holds the scores of the candidate containers of the body.
type candidates struct {
	order []*html.Node           // in the order first scored
	score map[*html.Node]float64 // after link density and chrome
	mass  map[*html.Node]int     // weight of the scored text under each element
	base  map[*html.Node]float64 // before link density and chrome
}

// findContent scores candidate containers and returns the nodes holding the
// body, in document order: the best candidate (pickTop), raised to an
// ancestor when the body is split across several (climb), with its
// siblings that are more of the body (addSiblings).
func (p *page) findContent(blocks []tblock, skip map[*html.Node]bool) []*html.Node {
	c := p.scoreCandidates(blocks)
	if len(c.order) == 0 {
		return nil
	}
	pick := c.pickTop()
	top, topScore := c.climb(pick)
	if top.Parent == nil {
		return []*html.Node{top}
	}
	out := p.addSiblings(c, top, topScore, skip)
	out = p.addTwins(top, out, skip)
	out = p.addParagraphTwins(top, out, blocks, skip)
	if p.tr != nil {
		p.tr.content(p, c, pick, top, topScore, out, blocks)
	}
	return out
}

// scoreCandidates scores the ancestors of every text block that reads as
// a paragraph (Readability's scoring: one point, one per comma — Latin or
// CJK — up to three for length, given in full to the paragraph's parent,
// half to the grandparent, less further up; a wrapper holding its child
// alone is no level up, as a reader cannot see it), then weighs each
// candidate by its link density and by page chrome around it.
func (p *page) scoreCandidates(blocks []tblock) *candidates {
	c := &candidates{base: make(map[*html.Node]float64, 64), mass: make(map[*html.Node]int, 64)}
	// Lines cut by <br> in one element: the element holds them as a
	// container holds paragraphs.
	lines := make(map[*html.Node]int, len(blocks))
	for i := range blocks {
		if b := &blocks[i]; b.elem != nil && b.heading == 0 {
			lines[b.elem]++
		}
	}
	// Whether an element holds blocks, asked once per element: the lines
	// of one element are many blocks, and each asking would walk all its
	// children again (quadratic in the lines).
	holdsBlocks := make(map[*html.Node]bool, len(lines))
	isContainer := func(n *html.Node) bool {
		v, ok := holdsBlocks[n]
		if !ok {
			v = isBlockContainer(n)
			holdsBlocks[n] = v
		}
		return v
	}
	for i := range blocks {
		b := &blocks[i]
		w := paragraphWeight(b)
		if w == 0 {
			continue
		}
		for a := b.elem; a != nil; a = a.Parent {
			c.mass[a] += w
		}
		s := 1 + float64(strings.Count(b.text, ",")+strings.Count(b.text, "，")+strings.Count(b.text, "、"))
		s += min(float64(w)/100, 3)
		start := b.elem.Parent
		if isContainer(b.elem) || b.elem.DataAtom != atom.P && lines[b.elem] > 1 {
			// Loose text beside blocks: a paragraph of its own, whose
			// parent is the element holding it.
			start = b.elem
		}
		lvl := 0
		for a, up := start, 0; a != nil && lvl < 5 && up < 5; a, up = a.Parent, up+1 {
			if a.Type != html.ElementNode || a.DataAtom == atom.Html {
				break
			}
			if _, ok := c.base[a]; !ok {
				c.base[a] = baseScore(a, classID(a))
				c.order = append(c.order, a)
			}
			div := 1.0
			switch {
			case lvl == 1:
				div = 2
			case lvl > 1:
				div = float64(lvl * 3)
			}
			c.base[a] += s / div
			if a.Parent == nil || !wrapperElem(a.Parent) || !onlyElementChild(a) {
				// A wrapper holding a alone is a again: no level up.
				lvl++
			}
		}
	}
	c.score = make(map[*html.Node]float64, len(c.order))
	for _, n := range c.order {
		s := c.base[n] * (1 - p.linkDensity(n))
		if chromeAncestor(n) {
			s *= 0.3
		}
		c.score[n] = s
	}
	return c
}

// paragraphBox returns the box that sets a paragraph held by elem: elem
// raised through the wrappers that hold it alone (a <div> around a <p>, the
// cell, row and body of a one-cell table). Such wrappers are invisible to a
// reader: the paragraph's container is the element that holds it beside
// something else, however deep the wrappers go.
func paragraphBox(elem *html.Node) *html.Node {
	n := elem
	for range maxWrappers {
		if n.Parent == nil || !wrapperElem(n.Parent) || !onlyElementChild(n) {
			break
		}
		n = n.Parent
	}
	return n
}

// maxWrappers bounds the wrappers a paragraph's box is raised through.
const maxWrappers = 8

// wrapperElem reports an element that only lays out what it holds: a
// division, a span or font, a table's parts, a custom element.
func wrapperElem(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Span, atom.Font, atom.Center,
		atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, 0:
		return true
	}
	return false
}

// paragraphWeight returns the weight a block gives its containers, 0 when
// it reads as no paragraph: a heading, a link line, a scrap of text. A list
// item weighs half, a caption that reads as text a third (the text of a
// picture post, never a body's rival).
func paragraphWeight(b *tblock) int {
	if b.elem == nil || b.heading > 0 {
		return 0
	}
	w := textWeight(b.text, b.chars)
	if b.li {
		w /= 2
	}
	if b.caption {
		if !sentenceEnd(b.text) || isCredit(b.text) {
			return 0
		}
		w /= 3
	}
	if w < 25 || b.density() > 0.5 {
		return 0
	}
	return w
}

// pickTop returns the best candidate; when several of the best score
// close to it and share an ancestor, the body is split across them (a
// paragraph per card): the ancestor (Readability's rule).
func (c *candidates) pickTop() *html.Node {
	var top *html.Node
	best := -1e9
	for _, n := range c.order {
		if s := c.score[n]; s > best {
			best, top = s, n
		}
	}
	var tops []*html.Node
	for _, n := range c.order {
		if c.score[n] >= best*0.75 && !within(n, top) && !within(top, n) {
			tops = append(tops, n)
		}
	}
	sort.SliceStable(tops, func(i, j int) bool { return c.score[tops[i]] > c.score[tops[j]] })
	// Cards are disjoint: a box and its wrapper are one card.
	k := 0
	for _, n := range tops {
		nested := false
		for _, d := range tops[:k] {
			if within(n, d) || within(d, n) {
				nested = true
				break
			}
		}
		if !nested {
			tops[k] = n
			k++
		}
	}
	tops = tops[:min(k, 4)]
	if len(tops) < 2 {
		return top
	}
	for a := top.Parent; a != nil && a.DataAtom != atom.Body && a.DataAtom != atom.Html; a = a.Parent {
		k := 0
		for _, n := range tops {
			if hasAncestor(n, a) {
				k++
			}
		}
		if k >= 2 {
			return a
		}
	}
	return top
}

// climb raises the top to an ancestor that scores more and holds more
// text (the body split across sibling containers), then to the wrapper it
// is the only child of; it returns the top and the score to judge its
// siblings by.
func (c *candidates) climb(top *html.Node) (*html.Node, float64) {
	last := c.score[top]
	threshold := last / 3
	for par := top.Parent; par != nil && par.DataAtom != atom.Body && par.DataAtom != atom.Html; par = par.Parent {
		ps, ok := c.score[par]
		if !ok {
			continue
		}
		if ps < threshold {
			break
		}
		if ps > last {
			// Only when it holds more text, and scores more, than the
			// top: a box beside the body adds to its parent's score too.
			if float64(c.mass[par]) >= 1.5*float64(c.mass[top]) && ps > c.score[top] {
				top = par
			}
			break
		}
		last = ps
	}
	topScore := c.score[top]
	for top.Parent != nil && top.Parent.Type == html.ElementNode && top.Parent.DataAtom != atom.Body &&
		top.Parent.DataAtom != atom.Html && onlyElementChild(top) {
		top = top.Parent
	}
	return top, max(topScore, c.score[top], 0)
}

// addSiblings returns the top and those of its siblings that look like
// more of the body, in document order: candidates scoring enough beside it
// (more when they share its class), the other part of a short body split
// by an ad or a figure, and paragraphs set loose beside it.
func (p *page) addSiblings(c *candidates, top *html.Node, topScore float64, skip map[*html.Node]bool) []*html.Node {
	var out []*html.Node
	thr := max(10, topScore*0.2)
	// A short body split in two by an ad or a figure: its other part is
	// a container like it, of paragraphs, scoring about as much.
	thrTwin := max(min(10, topScore/2), topScore*0.2)
	topClass := attr(top, "class")
	// Paragraphs set as <div>s count when there is a run of them: one box
	// alone beside the body is more often a standfirst, an author's bio or
	// a print header.
	divs := 0
	if !hasElement(top, atom.P) {
		// The body sets its paragraphs otherwise (<br> lines, boxes):
		// a box of text beside it is one more of them.
		divs++
	}
	for s := top.Parent.FirstChild; s != nil && divs < 2; s = s.NextSibling {
		if s != top && s.DataAtom != atom.P && p.looseParagraph(s, true) {
			divs++
		}
	}
	for s := top.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s == top {
			out = append(out, s)
			continue
		}
		if s.Type != html.ElementNode || skip[s] || isChrome(s) {
			continue
		}
		bonus := 0.0
		if topClass != "" && attr(s, "class") == topClass {
			bonus = topScore * 0.2
		}
		sc, ok := c.score[s]
		switch {
		case ok && sc+bonus >= thr,
			ok && s.DataAtom == top.DataAtom && sc >= thrTwin && p.linkDensity(s) < 0.25 && p.interrupted(s, top),
			p.looseParagraph(s, divs >= 2):
			out = append(out, s)
		}
	}
	return out
}

// looseParagraph reports a paragraph beside the top candidate that reads
// as body: long with few links, or a short sentence without any. A
// paragraph is a <p>, and with divs also a <div> of text alone or a
// wrapper of one of them.
func (p *page) looseParagraph(s *html.Node, divs bool) bool {
	if s.DataAtom != atom.P && !(divs && paragraphElem(s, maxWrappers)) {
		return false
	}
	st := p.stats.get(s)
	if st == nil || st.chars == 0 {
		return false
	}
	ld := p.linkDensity(s)
	if st.chars >= 80 {
		return ld < 0.25
	}
	return ld == 0 && sentenceEnd(nodeText(s))
}

// paragraphElem reports a <p>, a wrapper (wrapperElem: a <div>, a
// one-cell table, ...) holding text and no blocks, or, depth levels down at
// most, a wrapper of one of them alone.
func paragraphElem(n *html.Node, depth int) bool {
	if n.DataAtom == atom.P {
		return true
	}
	if !wrapperElem(n) {
		return false
	}
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isBlock(c) {
			if only != nil {
				return false
			}
			only = c
		}
	}
	return only == nil || depth > 0 && paragraphElem(only, depth-1)
}

// interrupted reports whether siblings a and b are parted by an
// interruption of the text (an ad, a figure, an embed): one element or more
// between them, none with more than a label's text.
func (p *page) interrupted(a, b *html.Node) bool {
	n := 0
	for _, dir := range [2]bool{false, true} {
		for s := next(a, dir); s != nil && s != b; s = next(s, dir) {
			if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
				return false
			}
			if s.Type != html.ElementNode {
				continue
			}
			if st := p.stats.get(s); st != nil && st.chars > 40 {
				return false
			}
			n++
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// next returns n's next sibling, or with back its previous one.
func next(n *html.Node, back bool) *html.Node {
	if back {
		return n.PrevSibling
	}
	return n.NextSibling
}

// addParagraphTwins adds paragraphs that sit outside the chosen containers
// but carry the class the body's own paragraphs carry (a lead paragraph
// set above the rest, say): near the top candidate, not in a link list.
func (p *page) addParagraphTwins(top *html.Node, out []*html.Node, blocks []tblock, skip map[*html.Node]bool) []*html.Node {
	type shape struct {
		a   atom.Atom
		cls string
	}
	count := map[shape]int{}
	var best shape
	for i := range blocks {
		b := &blocks[i]
		if b.elem == nil || b.chars < 80 || !within(b.elem, top) {
			continue
		}
		c := attr(b.elem, "class")
		if c == "" {
			continue
		}
		k := shape{b.elem.DataAtom, c}
		count[k]++
		if count[k] > count[best] {
			best = k
		}
	}
	if count[best] < 3 || top.Parent == nil || top.Parent.Parent == nil {
		return out
	}
	area := top.Parent.Parent
	// The walk goes down from area and stops at the chosen containers, so
	// a set of them answers "inside out?" in constant time.
	inOut := make(map[*html.Node]bool, len(out))
	for _, o := range out {
		inOut[o] = true
	}
	var extra []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || skip[n] || inOut[n] {
			return
		}
		if n.DataAtom == best.a && attr(n, "class") == best.cls {
			extra = append(extra, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(area)
	if len(extra) == 0 {
		return out
	}
	// Merge in document order.
	all := append(append([]*html.Node{}, out...), extra...)
	order := make(map[*html.Node]int, len(all))
	i := 0
	var number func(n *html.Node)
	number = func(n *html.Node) {
		order[n] = i
		i++
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				number(c)
			}
		}
	}
	number(area)
	for _, n := range all {
		if _, ok := order[n]; !ok {
			return out
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return order[all[a]] < order[all[b]] })
	return all
}

// addTwins adds the body's other parts when it is split into containers of
// one shape — same tag, same class — interrupted by figures, embeds or ads,
// and so not siblings of each other: containers like the top one, near it
// (under its great-grandparent), that hold scored paragraphs.
func (p *page) addTwins(top *html.Node, out []*html.Node, skip map[*html.Node]bool) []*html.Node {
	cls := attr(top, "class")
	if cls == "" || top.Parent == nil || top.Parent.Parent == nil {
		return out
	}
	area := top.Parent.Parent
	if area.Parent != nil && area.DataAtom != atom.Body {
		area = area.Parent
	}
	in := make(map[*html.Node]bool, len(out))
	for _, n := range out {
		in[n] = true
	}
	var twins []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || skip[n] {
			return
		}
		if in[n] {
			twins = append(twins, n)
			return
		}
		if n.DataAtom == top.DataAtom && attr(n, "class") == cls && !isChrome(n) {
			if st := p.stats.get(n); st != nil && st.chars > 0 && p.linkDensity(n) < 0.3 {
				twins = append(twins, n)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(area)
	if len(twins) <= len(out) {
		return out
	}
	// Keep every node of out even if the walk missed one (outside area).
	for _, n := range out {
		if !within(n, area) {
			return out
		}
	}
	return twins
}

func chromeAncestor(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if isChrome(a) || a.DataAtom == atom.Aside || a.DataAtom == atom.Header && a.Parent != nil && a.Parent.DataAtom == atom.Body {
			return true
		}
	}
	return false
}

func onlyElementChild(n *html.Node) bool {
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s == n {
			continue
		}
		if s.Type == html.ElementNode {
			return false
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return false
		}
	}
	return true
}

func sentenceEnd(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '”' || r == '’' || r == '\'' || r == ')' || r == '»' || r == '」'
	})
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '。', '！', '？', ':', ';', '…':
		return true
	}
	return false
}

// hasElement reports an element of type a inside n.
func hasElement(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || hasElement(c, a)) {
			return true
		}
	}
	return false
}
