package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bodyText classifies the text blocks of the content nodes and returns the
// body paragraphs. The steps, in order: the blocks of the content, each
// judged on its own (classify), lines of one text joined (joinLines),
// captions as the text of a post that has no other (captionPost), the
// body's segment kept (keepMainSegments), an author's bio dropped, and the
// text read off between the first and last paragraphs (selectText),
// checked against the page's own statement of it, ref (checkAgainst).
func (p *page) bodyText(content []*html.Node, blocks []tblock, title string, authors []string, ref string) []string {
	bs := contentBlocks(content, blocks)
	if len(bs) == 0 {
		return nil
	}
	classify(bs, title)
	if p.tr != nil {
		p.tr.classified(bs, title)
	}
	joinLines(bs)
	if p.tr != nil {
		p.tr.step(bs, "joinLines")
	}
	captionPost(bs)
	if p.tr != nil {
		p.tr.step(bs, "captionPost")
	}
	if listingRun(bs) {
		if p.tr != nil {
			p.tr.listing(bs)
		}
		return nil // a section's list of stories, each under its headline link
	}
	if p.tr != nil {
		p.tr.segments(bs)
	}
	bs = keepMainSegments(bs)
	dropLoneTeaser(bs)
	if p.tr != nil {
		p.tr.step(bs, "dropLoneTeaser")
	}
	dropAuthorBio(bs, authors)
	if p.tr != nil {
		p.tr.step(bs, "dropAuthorBio")
	}
	sel := selectText(bs)
	if p.tr != nil {
		p.tr.selected(bs, sel, "selectText")
	}
	sel = checkAgainst(bs, sel, ref)
	if p.tr != nil {
		p.tr.selected(bs, sel, "checkAgainst")
	}
	out := make([]string, 0, len(sel))
	for k, i := range sel {
		if k > 0 && sameRow(&bs[sel[k-1]], &bs[i]) {
			out[len(out)-1] += " | " + bs[i].text // a table's row is one line
			continue
		}
		out = append(out, bs[i].text)
	}
	return out
}

// sameRow reports two short cells of one table row: figures, names, not
// paragraphs laid out in cells.
func sameRow(a, b *tblock) bool {
	return inCell(a) && inCell(b) && a.elem.Parent == b.elem.Parent &&
		textWeight(a.text, a.chars) <= 80 && textWeight(b.text, b.chars) <= 80
}

// contentBlocks returns the blocks inside the content nodes.
func contentBlocks(content []*html.Node, blocks []tblock) []tblock {
	in := make(map[*html.Node]bool, len(content))
	for _, n := range content {
		in[n] = true
	}
	var bs []tblock
	for i := range blocks {
		for a := blocks[i].elem; a != nil; a = a.Parent {
			if in[a] {
				bs = append(bs, blocks[i])
				break
			}
		}
	}
	return bs
}

// classify judges each block on its own and on the text seen before it.
func classify(bs []tblock, title string) {
	normTitle := strings.ToLower(collapse(title))
	seen := make(map[string]int, len(bs)) // text → index of its last occurrence + 1
	for i := range bs {
		b := &bs[i]
		b.class = classOf(bs, i, normTitle)
		if b.class == clsRepeat {
			// A paragraph said twice is a gallery's caption or a teaser,
			// both times; short lines may repeat in a structured text (a
			// menu, a plan).
			b.class = clsNeutral
			k := seen[b.text]
			// A paragraph, not a short line (which may repeat in a
			// structured text: a label, a question), said again nearby.
			near := k > 0 && i-k < 12 && textWeight(b.text, b.chars) >= 80
			switch {
			case near && inRunningText(bs, i, k-1):
				// Running text repeated in a box nearby (a highlight,
				// a pull quote): the box is not body.
				b.class = classOfText(b)
				bs[k-1].class = clsBad
			case near && inRunningText(bs, k-1, i):
				b.class = clsBad
			case k > 0 && (i-k < 4 || len(b.text) >= 100 && i-k < 12):
				b.class = clsBad
				if len(b.text) >= 100 {
					bs[k-1].class = clsBad
				}
			default:
				b.class = classOfText(b)
			}
		}
		if b.chars >= 20 {
			seen[b.text] = i + 1
		}
	}
}

// inRunningText reports whether block i, whose text block j repeats, is a
// paragraph of running text: right after a good paragraph of its own box,
// a box j is not in.
func inRunningText(bs []tblock, i, j int) bool {
	if i == 0 || bs[i-1].class != clsGood {
		return false
	}
	box := ownBox(&bs[i])
	return box != nil && ownBox(&bs[i-1]) == box && ownBox(&bs[j]) != box
}

// sectionHeading reports a heading set between the body's paragraphs, in
// their box: after a good paragraph there, it heads a section of the text
// whatever its level (pages that set every section under an <h1>).
func sectionHeading(bs []tblock, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if bs[j].class == clsGood {
			box := container(&bs[j])
			return box != nil && box == container(&bs[i])
		}
	}
	return false
}

// clsRepeat is classOf's answer when the block's judgement depends on
// whether its text was seen just before.
const clsRepeat blockClass = 255

// classOf judges block i: page furniture (headline, caption, credit,
// byline, boilerplate) first, then the text's own measures (classOfText).
func classOf(bs []tblock, i int, normTitle string) blockClass {
	b := &bs[i]
	switch {
	case b.heading == 1 && !sectionHeading(bs, i):
		return clsBad
	case normTitle != "" && len(b.text) <= len(normTitle)+80 && isTitleLine(b.text, normTitle):
		// The headline, alone or in a kicker or breadcrumb line.
		return clsBad
	case b.caption, len(b.text) < 200 && isCredit(b.text):
		return clsBad
	case i > 0 && len(b.text) <= 80 && len(bs[i-1].text) <= 12 && isCredit(bs[i-1].text):
		return clsBad // the value of a bare "Photo:" label
	case len(b.text) <= 80 && b.heading == 0 && isByline(b.text) && !sentenceEnd(b.text):
		return clsBad // a byline
	case len(b.text) <= 250 && isBoilerplate(b.text),
		len(b.text) <= 600 && isCookieBanner(b.text):
		return clsBad
	case readAlsoLine(b):
		return clsBad // a pointer to another story, not a sentence of this one
	}
	return clsRepeat
}

// classOfText judges a block by its length, link density and ending.
func classOfText(b *tblock) blockClass {
	w := textWeight(b.text, b.chars)
	d := b.density()
	switch {
	case d > 0.35 && d < 0.7 && w >= 60 && b.heading == 0 && sentenceEnd(b.text) && strings.Count(b.text, " ") >= 8:
		// A sentence rich in links (a news digest, a quoted source):
		// its neighbours decide.
		return clsNeutral
	case d > 0.5 && (b.li || w < 200):
		return clsBad
	case b.heading > 0:
		return clsNeutral
	case w >= 80 && d < 0.35:
		return clsGood
	case w >= 40 && d < 0.2 && sentenceEnd(b.text):
		return clsGood
	case w >= 100 && d < 0.7 && sentenceEnd(b.text):
		// A long sentence rich in links: its neighbours decide.
		return clsNeutral
	case d > 0.3 && (d > 0.5 || !quoted(b.elem) && !linkedSentence(b)):
		// Links with a little text. A sentence with a link in it, and
		// in a quoted post its attribution ("— Name (@name) date") or
		// its text and link, are left to their neighbours.
		return clsBad
	}
	return clsNeutral
}

// linkedSentence reports a sentence of six words or more, some of them a
// link, outside a list and not a byline ("By <a>Ann Lee</a> at 9 a.m."):
// "He was arrested for the call to <a>her office</a>."
func linkedSentence(b *tblock) bool {
	if b.li || !sentenceEnd(b.text) || isByline(b.text) { // list items of links: a list of stories
		return false
	}
	w, c := wordCount(b.text)
	return w >= 6 || c >= 15
}

// joinLines reads lines cut by <br> as one text: a run of neutral lines in
// one element that together make a text is good, and so are the neutral
// lines of a paragraph (<p>) one of whose lines is good.
func joinLines(bs []tblock) {
	for i := 0; i < len(bs); {
		j := i
		sum := 0
		for j < len(bs) && bs[j].elem == bs[i].elem && bs[j].class == clsNeutral && bs[j].heading == 0 {
			sum += textWeight(bs[j].text, bs[j].chars)
			j++
		}
		if j-i >= 2 && sum >= 150 {
			for k := i; k < j; k++ {
				bs[k].class = clsGood
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	goodP := map[*html.Node]bool{}
	for i := range bs {
		if bs[i].class == clsGood && bs[i].elem != nil && bs[i].elem.DataAtom == atom.P {
			goodP[bs[i].elem] = true
		}
	}
	for i := range bs {
		if bs[i].class == clsNeutral && bs[i].heading == 0 && goodP[bs[i].elem] {
			bs[i].class = clsGood
		}
	}
}

// captionPost makes the captions of a post with no paragraph of its own
// (a picture and its caption) its text: when no good block comes before
// the first closing heading (comments, the next post, an About box), the
// captions there that read as text, not as credits, are good.
func captionPost(bs []tblock) {
	end := len(bs)
	for i := range bs {
		if bs[i].class == clsGood {
			return
		}
		if closingLine(&bs[i]) {
			end = i
			break
		}
	}
	for i := range bs[:end] {
		b := &bs[i]
		if b.caption && b.class == clsBad && textWeight(b.text, b.chars) >= 40 && b.density() < 0.3 &&
			!isCredit(b.text) && !isBoilerplate(b.text) {
			b.class = clsGood
		}
	}
}

// selectText returns the blocks of the body's text, by index: the good
// blocks and the neutral ones between them; before the first, sentences and
// lines set with the body; after the last, sentences and a list set in the
// body's own container.
func selectText(bs []tblock) []int {
	first, last := goodSpan(bs)
	if first < 0 {
		// No paragraph qualifies: take the non-bad blocks when together they
		// make a text.
		var out []int
		for i := range bs {
			if bs[i].class != clsBad {
				out = append(out, i)
			}
		}
		return out
	}
	// A heading directly before a run of bad blocks heads a non-body block,
	// unless body text follows after a picture's caption or a link line or
	// two (a subheading, then the section's picture).
	for i := range bs {
		if bs[i].heading > 0 && bs[i].class == clsNeutral {
			j := i + 1
			for j < len(bs) && j <= i+2 && bs[j].class == clsBad {
				j++
			}
			if j > i+1 && (j >= len(bs) || bs[j].class != clsGood) {
				bs[i].class = clsBad
			}
		}
	}
	tailKeep := tailList(bs, last)
	var out []int
	for i := range bs {
		b := &bs[i]
		switch {
		case b.class == clsBad:
			continue
		case i < first:
			if !leadIn(bs, i, first) {
				continue
			}
		case i > last:
			// After the last paragraph: sentences, and a list (with its
			// heading) set in the body's own container.
			if !tailKeep[i] && (b.heading > 0 || !sentenceEnd(b.text) || b.li && textWeight(b.text, b.chars) < 40) {
				continue
			}
		}
		out = append(out, i)
	}
	return out
}

// leadIn reports whether block i, before the first paragraph, leads into
// the body: sentence-like text, or a short line or a list set with the
// body's paragraphs in one container (a lead-in, the points of a summary);
// a heading, a byline or a date in a header of their own do not, nor a
// line above the headline (a kicker).
func leadIn(bs []tblock, i, first int) bool {
	b := &bs[i]
	if b.heading > 0 {
		return false
	}
	if sentenceEnd(b.text) && textWeight(b.text, b.chars) >= 40 || opensWithCredit(b.text) {
		return true // a sentence, or a story's first paragraph however short
	}
	for j := i + 1; j < first; j++ {
		if bs[j].heading > 0 && bs[j].class == clsBad {
			return false // above the headline: a kicker, a label
		}
	}
	box := container(&bs[first])
	return b.elem != nil && box != nil && container(b) == box && b.elem != box &&
		(b.chars >= 12 || b.li && hasLetter(b.text)) &&
		!parseStampPrefix(b.text).ok() // a dateline of the page ("View  Date:2024-01-01"), not text
}

// tailList marks the blocks after the last paragraph that continue the body
// as a list in its own container: three or more lines, or a heading and
// such a list.
func tailList(bs []tblock, last int) map[int]bool {
	keep := make(map[int]bool)
	if last < 0 || last+1 >= len(bs) {
		return keep
	}
	box := container(&bs[last])
	if box == nil {
		return keep
	}
	run := 0
	for i := last + 1; i < len(bs) && bs[i].class != clsBad && bs[i].heading == 0 && !isBlockHeading(bs[i].text) && sameBox(&bs[i], &bs[last], box); i++ {
		run++
	}
	if run >= 3 {
		for i := last + 1; i <= last+run; i++ {
			keep[i] = true
		}
	}
	if run == 0 && last+2 < len(bs) && bs[last+1].heading > 0 && bs[last+1].class != clsBad {
		j := last + 2
		for j < len(bs) && bs[j].class != clsBad && bs[j].heading == 0 && sameBox(&bs[j], &bs[last], box) {
			j++
		}
		if j-(last+2) >= 3 {
			for k := last + 1; k < j; k++ {
				keep[k] = true
			}
		}
	}
	return keep
}

// dropLoneTeaser drops a teaser of another story set after the body: the
// page's only headline link set as a heading (h2–h6), body text before it,
// and after it at most two paragraphs, in a container of their own.
// Headline links set among the body's paragraphs ("read also" lines) are
// many, or share the body's container, and stay.
func dropLoneTeaser(bs []tblock) {
	k := -1
	for i := range bs {
		if bs[i].heading >= 2 && headlineLink(&bs[i]) {
			if k >= 0 {
				return
			}
			k = i
		}
	}
	if k < 0 {
		return
	}
	boxes := map[*html.Node]bool{}
	for i := range bs[:k] {
		if bs[i].class == clsGood {
			boxes[container(&bs[i])] = true
		}
	}
	var after []int
	for i := k + 1; i < len(bs); i++ {
		if bs[i].class == clsGood {
			if boxes[container(&bs[i])] {
				return
			}
			after = append(after, i)
		}
	}
	if len(boxes) == 0 || len(after) > 2 {
		return
	}
	for _, i := range after {
		bs[i].class = clsBad
	}
}

// headlineLink reports a block that is a story's headline link: mostly
// link, set as a heading or long enough to be a headline (a share bar's
// row of one-word links is not).
func headlineLink(b *tblock) bool {
	if b.density() <= 0.5 {
		return false
	}
	w, c := wordCount(b.text)
	return b.heading > 0 || w >= 6 || c >= 10
}

// closingLine reports a block that heads what follows an article (its
// comments, the next post, an About box): a short line standing alone,
// not a sentence, whose words say so.
func closingLine(b *tblock) bool {
	return b.class != clsGood && b.chars <= 40 && !inCell(b) && !sentenceEnd(b.text) && isClosingHeading(b.text)
}

// listingRun reports blocks that are a section's list of stories: three
// or more paragraphs, each right after its headline link (a link-dense
// block), none after another paragraph, and little other text (a box
// beside the list).
func listingRun(bs []tblock) bool {
	teasers, others := 0, 0
	for i := range bs {
		if bs[i].class != clsGood {
			continue
		}
		switch {
		case i > 0 && bs[i-1].class == clsGood:
			return false
		case i > 0 && headlineLink(&bs[i-1]) && !readAlsoLine(&bs[i-1]):
			teasers++
		default:
			others++
		}
	}
	return teasers >= 3 && teasers >= 3*others
}

// commentWords mark reader-comment sections in class or id, a convention
// shared by blog engines and comment plugins: whole words only
// ("comment-list" and "comments" are comment sections, "commentary" and
// "table-responsive" are not).
//
// isComments is commentsClass(classID(n)) without building the classID:
// it runs on every element.
func isComments(n *html.Node) bool {
	c, id := classAndID(n)
	// The words of "class id" are those of the class and of the id.
	return commentsValue(c) || commentsValue(id)
}

// commentsValue is commentsClass(lower(v)), lower-casing only the words
// that may be in commentWords when v is ASCII.
func commentsValue(v string) bool {
	start := 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) {
			if v[i] >= utf8.RuneSelf {
				return commentsClass(lower(v))
			}
			if v[i] != ' ' && v[i] != '-' && v[i] != '_' {
				continue
			}
		}
		w := v[start:i]
		start = i + 1
		if len(w) < commentWordLen[0] || len(w) > commentWordLen[1] || !commentFirst[w[0]|0x20] {
			continue
		}
		var buf [16]byte
		if len(w) > len(buf) {
			continue // longer than any commentWords
		}
		for j := 0; j < len(w); j++ {
			b := w[j]
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			buf[j] = b
		}
		if commentWords[string(buf[:len(w)])] {
			return true
		}
	}
	return false
}

// commentsClass reports a classID one of whose words, split at spaces,
// hyphens and underscores, is in commentWords. It runs on every element:
// the words are cut in place, and only those of a length in the list are
// looked up.
func commentsClass(ci string) bool {
	start := 0
	for i := 0; i <= len(ci); i++ {
		if i < len(ci) && ci[i] != ' ' && ci[i] != '-' && ci[i] != '_' {
			continue
		}
		if w := ci[start:i]; len(w) >= commentWordLen[0] && len(w) <= commentWordLen[1] && commentWords[w] {
			return true
		}
		start = i + 1
	}
	return false
}

var commentWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "commentslist": true, "disqus": true,
	"respond": true, "replies": true, "discussion": true, "comentario": true, "comentarios": true,
	"kommentar": true, "kommentare": true, "commentaire": true, "commentaires": true,
}

// commentFirst marks the first bytes of commentWords (lower case ASCII).
var commentFirst = func() (t [256]bool) {
	for w := range commentWords {
		t[w[0]] = true
	}
	return t
}()

// commentWordLen are the shortest and longest lengths of commentWords.
var commentWordLen = func() (mm [2]int) {
	mm[0] = 1 << 30
	for w := range commentWords {
		mm[0], mm[1] = min(mm[0], len(w)), max(mm[1], len(w))
	}
	return mm
}()

// skipComments leaves reader-comment sections inside the content out of the
// body, unless the content is itself inside one (a page about a comment).
func (p *page) skipComments(content []*html.Node, skip map[*html.Node]bool) {
	for _, c := range content {
		for a := c; a != nil; a = a.Parent {
			if p.isComments(a) {
				return
			}
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || skip[n] {
			return
		}
		if p.isComments(n) && n.DataAtom != atom.P && n.DataAtom != atom.Span && n.DataAtom != atom.A {
			if p.tr != nil {
				p.tr.comments(n)
			}
			p.drop(n, skip)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, c := range content {
		walk(c)
	}
}

// segment is a run of blocks between two gaps (see keepMainSegments).
type segment struct {
	from, to int // bs[from:to]
	good     int
	headed   bool // starts at a block heading
	run      bool // has two good blocks in a row
	closing  bool // at or after a closing heading (comments, next post)
}

// keepMainSegments cuts the blocks at gaps — a block heading ("Related",
// "You may also like"), a closing heading ("Comments", "Next post"), or a run of three or more bad blocks —
// and keeps the segment with the most good text, with the others that are
// body too: those big enough beside it, and, after a block heading, only
// those that read as running text (two good blocks in a row), not as a
// list of teasers. What follows a closing heading is never body beside a
// main text.
func keepMainSegments(bs []tblock) []tblock {
	segs := cutSegments(bs)
	if len(segs) == 1 {
		return bs
	}
	main := mainSegment(bs, segs)
	var out []tblock
	for i, sg := range segs {
		keep := i == main
		switch {
		case keep || sg.good == 0:
		case i < main:
			// Before the main text: lead paragraphs, unless a block
			// heading introduced them and they are small.
			keep = !sg.headed || sg.good*10 >= segs[main].good
		default:
			// After it: more body only when big beside it, and not a list
			// of teasers (each excerpt under its own link or heading), nor
			// what follows the article.
			keep = sg.good*4 >= segs[main].good && !teaserRun(bs[sg.from:sg.to]) &&
				!(sg.closing && segs[main].good > 0)
		}
		if !keep && i == main+1 && sg.headed && !sg.closing {
			// The story's last lines after a box set in it (a teaser
			// under its own heading).
			out = append(out, boxedTail(bs, sg, segs[main])...)
		}
		if keep {
			from := sg.from
			if sg.headed {
				// Up to where body text resumes, the blocks under a block
				// heading are its list, whatever their markup.
				for from < sg.to && bs[from].class != clsGood {
					from++
				}
			}
			out = append(out, bs[from:sg.to]...)
		}
	}
	return out
}

// boxedTail returns the blocks of segment sg, headed by a block heading,
// that follow the heading's own box and sit in the main segment's
// container: at most two sentences, none bad, no heading — the story's
// last lines after a teaser box, not a block's items set as siblings.
func boxedTail(bs []tblock, sg, main segment) []tblock {
	var box *html.Node
	for i := main.from; i < main.to && box == nil; i++ {
		if bs[i].class == clsGood {
			box = container(&bs[i])
		}
	}
	h := bs[sg.from].elem
	if box == nil || h == nil || h.Parent == nil || h.Parent == box {
		return nil
	}
	j := sg.from + 1
	for j < sg.to && bs[j].elem != nil && within(bs[j].elem, h.Parent) {
		j++
	}
	if j == sg.to || sg.to-j > 2 {
		return nil
	}
	for k := j; k < sg.to; k++ {
		b := &bs[k]
		if b.class == clsBad || b.heading > 0 || !sentenceEnd(b.text) || container(b) != box {
			return nil
		}
	}
	return bs[j:sg.to]
}

// cutSegments cuts the blocks into segments at gaps (see keepMainSegments).
func cutSegments(bs []tblock) []segment {
	var segs []segment
	cur := segment{}
	badRun := 0
	closeAt := func(i int, headed bool) {
		closing := cur.closing
		if i > cur.from {
			segs = append(segs, cur)
		}
		cur = segment{from: i, headed: headed, closing: closing}
	}
	for i := range bs {
		b := &bs[i]
		switch {
		case closingLine(b):
			cur.to = i
			closeAt(i, true)
			cur.closing = true
			badRun = 0
		case b.class != clsGood && b.chars <= 60 && !inCell(b) && (isBlockHeading(b.text) || isAdLabel(b.text)) &&
			!adSlotInStory(bs, i) && !readAlsoLine(b): // a read-also line heads no block
			cur.to = i
			closeAt(i, true)
			badRun = 0
		}
		if b.class == clsBad && (b.density() > 0.5 || b.chars < 40 && !hasLetter(b.text)) {
			badRun++
			if badRun == 3 {
				cur.to = i - 2
				closeAt(i-2, false)
			}
		} else {
			badRun = 0
		}
		if b.class == clsGood {
			cur.good += textWeight(b.text, b.chars)
			if i > 0 && bs[i-1].class == clsGood && i-1 >= cur.from {
				cur.run = true
			}
		}
		cur.to = i + 1
	}
	return append(segs, cur)
}

// mainSegment returns the index of the main segment: the most good text,
// but never a list of teasers under a block heading while there is body
// text elsewhere, nor what follows a closing heading.
func mainSegment(bs []tblock, segs []segment) int {
	main := -1
	for i, sg := range segs {
		if sg.good > 0 && teaserRun(bs[sg.from:sg.to]) || sg.closing {
			continue
		}
		if main < 0 || sg.good > segs[main].good {
			main = i
		}
	}
	if main < 0 || segs[main].good == 0 {
		// Only teasers: the most good text, still not what follows the
		// article.
		main = 0
		for i, sg := range segs {
			if !sg.closing && sg.good > segs[main].good {
				main = i
			}
		}
	}
	return main
}

// container returns the element that holds a block beside its siblings:
// the parent of its box (its paragraph, or for a list item its list),
// past the wrappers that hold that box alone (paragraphBox).
func container(b *tblock) *html.Node {
	if n := blockBox(b); n != nil {
		return paragraphBox(n).Parent
	}
	return nil
}

// ownBox returns the element that holds a block's paragraph or list
// directly: a wrapper of its own counts, as it sets a box apart (a pull
// quote, a bio) where container looks past it.
func ownBox(b *tblock) *html.Node {
	if n := blockBox(b); n != nil {
		return n.Parent
	}
	return nil
}

// blockBox returns the element of a block, or for a list item its list.
func blockBox(b *tblock) *html.Node {
	n := b.elem
	if b.li {
		for n != nil && n.DataAtom != atom.Ul && n.DataAtom != atom.Ol && n.DataAtom != atom.Dl {
			n = n.Parent
		}
	}
	return n
}

// sameBox reports whether block b sits in box, the container of the body's
// last paragraph p: as a sibling paragraph, a list in it, or a line of p.
func sameBox(b, p *tblock, box *html.Node) bool {
	if b.elem == p.elem || container(b) == box || b.elem == box {
		return true
	}
	// A cell of a table set in the box (the text's table of figures), not
	// of a table the paragraph itself sits in (a page laid out in cells).
	t := cellTable(b)
	return t != nil && t.Parent == box && !within(p.elem, t)
}

// cellTable returns the table a block in a table cell belongs to.
func cellTable(b *tblock) *html.Node {
	for n := b.elem; n != nil; n = n.Parent {
		switch n.DataAtom {
		case atom.Table:
			return n
		case atom.Td, atom.Th, atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot:
		default:
			if n != b.elem {
				return nil
			}
		}
	}
	return nil
}

// teaserRun reports blocks that read as a list of story teasers: three or
// more paragraphs, each right after a link-dense block or a heading (the
// story's title), none following another paragraph.
func teaserRun(bs []tblock) bool {
	goods := 0
	for i := range bs {
		if bs[i].class != clsGood {
			continue
		}
		goods++
		if i == 0 {
			return false
		}
		prev := &bs[i-1]
		if prev.class == clsGood || prev.heading == 0 && prev.density() <= 0.5 && prev.class != clsBad {
			return false
		}
	}
	return goods >= 3
}

// dropAuthorBio marks as bad a closing paragraph about the author: it names
// one of the page's authors and sits outside the element most of the
// body's paragraphs share as their parent. A wrapper of its own counts
// here: a bio is set apart in a box.
func dropAuthorBio(bs []tblock, authors []string) {
	if len(authors) == 0 {
		return
	}
	boxes := map[*html.Node]int{}
	var main *html.Node
	for i := range bs {
		if bs[i].class == clsGood {
			c := ownBox(&bs[i])
			boxes[c]++
			if boxes[c] > boxes[main] {
				main = c
			}
		}
	}
	seen := 0
	for i := len(bs) - 1; i >= 0 && seen < 2; i-- {
		b := &bs[i]
		if b.class != clsGood {
			continue
		}
		seen++
		if ownBox(b) == main || len(b.text) > 800 {
			return
		}
		for _, a := range authors {
			if strings.Contains(b.text, a) {
				b.class = clsBad
				break
			}
		}
	}
}

// inCell reports a block in a table cell: a column header is no heading.
func inCell(b *tblock) bool {
	return b.elem != nil && (b.elem.DataAtom == atom.Td || b.elem.DataAtom == atom.Th)
}

// isTitleLine reports the headline, alone or inside a kicker or breadcrumb
// line; title is lower-cased.
func isTitleLine(text, title string) bool {
	l := strings.ToLower(text)
	return l == title || len(title) >= 20 && strings.Contains(l, title)
}

// goodSpan returns the indexes of the first and the last good block, -1
// and -1 when there is none.
func goodSpan(bs []tblock) (first, last int) {
	first, last = -1, -1
	for i := range bs {
		if bs[i].class == clsGood {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}
