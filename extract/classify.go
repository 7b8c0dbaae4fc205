package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bodyText classifies the text blocks of the content nodes and returns the
// body paragraphs.
func (p *page) bodyText(content []*html.Node, blocks []tblock, title string, authors []string) []string {
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
	if len(bs) == 0 {
		return nil
	}
	normTitle := strings.ToLower(collapse(title))
	seen := make(map[string]int, len(bs)) // text → index of its last occurrence + 1
	for i := range bs {
		b := &bs[i]

		w := textWeight(b.text, b.chars)
		d := b.density()
		switch {
		case b.heading == 1:
			b.class = clsBad
		case normTitle != "" && len(b.text) <= len(normTitle)+80 && isTitleLine(b.text, normTitle):
			// The headline, alone or in a kicker or breadcrumb line.
			b.class = clsBad
		case b.caption, len(b.text) < 200 && isCredit(b.text):
			b.class = clsBad
		case i > 0 && len(b.text) <= 80 && len(bs[i-1].text) <= 12 && isCredit(bs[i-1].text):
			b.class = clsBad // the value of a bare "Photo:" label
		case len(b.text) <= 80 && b.heading == 0 && isByline(b.text) && !sentenceEnd(b.text):
			b.class = clsBad // a byline
		case len(b.text) <= 250 && isBoilerplate(b.text),
			len(b.text) <= 600 && isCookieBanner(b.text):
			b.class = clsBad
		case seen[b.text] > 0 && (i-seen[b.text] < 4 || len(b.text) >= 100 && i-seen[b.text] < 12):
			// A paragraph said twice is a gallery's caption or a teaser,
			// both times; short lines may repeat in a structured text (a
			// menu, a plan).
			b.class = clsBad
			if len(b.text) >= 100 {
				bs[seen[b.text]-1].class = clsBad
			}
		case d > 0.35 && d < 0.7 && w >= 60 && b.heading == 0 && sentenceEnd(b.text) && strings.Count(b.text, " ") >= 8:
			// A sentence rich in links (a news digest, a quoted source):
			// its neighbours decide.
			b.class = clsNeutral
		case d > 0.5 && (b.li || w < 200):
			b.class = clsBad
		case b.heading > 0:
			b.class = clsNeutral
		case w >= 80 && d < 0.35:
			b.class = clsGood
		case w >= 40 && d < 0.2 && sentenceEnd(b.text):
			b.class = clsGood
		case w >= 100 && d < 0.7 && sentenceEnd(b.text):
			// A long sentence rich in links: its neighbours decide.
			b.class = clsNeutral
		case d > 0.3:
			b.class = clsBad
		default:
			b.class = clsNeutral
		}
		if b.chars >= 20 {
			seen[b.text] = i + 1
		}
	}
	// Lines cut by <br> in one element read as one paragraph: a run of
	// neutral lines that together make a text is good.
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
	bs = keepMainSegments(bs)
	dropAuthorBio(bs, authors)
	first, last := -1, -1
	for i := range bs {
		if bs[i].class == clsGood {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		// No paragraph qualifies: take the non-bad blocks when together they
		// make a text.
		var out []string
		for i := range bs {
			if bs[i].class != clsBad {
				out = append(out, bs[i].text)
			}
		}
		return out
	}
	// A heading directly before a run of bad blocks heads a non-body block.
	for i := range bs {
		if bs[i].heading > 0 && bs[i].class == clsNeutral {
			j := i + 1
			if j < len(bs) && bs[j].class == clsBad {
				bs[i].class = clsBad
			}
		}
	}
	tailKeep := make(map[int]bool)
	if last >= 0 && last+1 < len(bs) {
		box := container(&bs[last])
		run := 0
		for i := last + 1; i < len(bs) && bs[i].class != clsBad && bs[i].heading == 0 && !isBlockHeading(bs[i].text) && box != nil && sameBox(&bs[i], &bs[last], box); i++ {
			run++
		}
		if run >= 3 {
			for i := last + 1; i <= last+run; i++ {
				tailKeep[i] = true
			}
		}
		// A heading, then such a list.
		if run == 0 && last+2 < len(bs) && bs[last+1].heading > 0 && bs[last+1].class != clsBad {
			j := last + 2
			for j < len(bs) && box != nil && bs[j].class != clsBad && bs[j].heading == 0 && sameBox(&bs[j], &bs[last], box) {
				j++
			}
			if j-(last+2) >= 3 {
				for k := last + 1; k < j; k++ {
					tailKeep[k] = true
				}
			}
		}
	}
	var out []string
	for i := range bs {
		b := &bs[i]
		switch {
		case b.class == clsBad:
			continue
		case i < first:
			// Before the first paragraph: only sentence-like text or a
			// heading that leads into the body.
			lead := sentenceEnd(b.text) && textWeight(b.text, b.chars) >= 40 || opensWithCredit(b.text)
			// Short lines that sit with the body's paragraphs in one
			// container (a list, a lead-in) belong to it; a byline or a
			// date in a header of their own do not.
			sameBox := b.heading == 0 && b.elem != nil && bs[first].elem != nil &&
				b.elem.Parent == bs[first].elem.Parent && b.elem != bs[first].elem.Parent && b.chars >= 12 &&
				!parseStampPrefix(b.text).ok() // a dateline of the page ("View  Date:2024-01-01"), not text
			if b.heading > 0 || !lead && !sameBox {
				continue
			}
		case i > last:
			// After the last paragraph: sentences, and a list (with its
			// heading) set in the body's own container.
			if !tailKeep[i] && (b.heading > 0 || !sentenceEnd(b.text) || b.li && textWeight(b.text, b.chars) < 40) {
				continue
			}
		}
		out = append(out, b.text)
	}
	return out
}

// commentNames mark reader-comment sections in class or id, a convention
// shared by blog engines and comment plugins.
var commentNames = []string{"comment", "disqus", "respond", "replies", "discussion", "comentario", "kommentar", "commentaire"}

func isComments(n *html.Node) bool {
	ci := classID(n)
	if ci == "" || !containsAny(ci, commentNames) {
		return false
	}
	// Whole words of the names only: "comment-list" and "comments" are
	// comment sections, "commentary" and "table-responsive" are not.
	for _, w := range strings.FieldsFunc(ci, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
		if commentWords[w] {
			return true
		}
	}
	return false
}

var commentWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "commentslist": true, "disqus": true,
	"respond": true, "replies": true, "discussion": true, "comentario": true, "comentarios": true,
	"kommentar": true, "kommentare": true, "commentaire": true, "commentaires": true,
}

// skipComments leaves reader-comment sections inside the content out of the
// body, unless the content is itself inside one (a page about a comment).
func (p *page) skipComments(content []*html.Node, skip map[*html.Node]bool) {
	for _, c := range content {
		for a := c; a != nil; a = a.Parent {
			if isComments(a) {
				return
			}
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || skip[n] {
			return
		}
		if isComments(n) && n.DataAtom != atom.P && n.DataAtom != atom.Span && n.DataAtom != atom.A {
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

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// keepMainSegments cuts the blocks at gaps — a block heading ("Related",
// "You may also like") or a run of three or more bad blocks — and keeps the
// segment with the most good text, with the others that are body too: those
// big enough beside it, and, after a block heading, only those that read as
// running text (two good blocks in a row), not as a list of teasers.
func keepMainSegments(bs []tblock) []tblock {
	type segment struct {
		from, to int // bs[from:to]
		good     int
		headed   bool // starts at a block heading
		run      bool // has two good blocks in a row
	}
	var segs []segment
	cur := segment{}
	badRun := 0
	closeAt := func(i int, headed bool) {
		if i > cur.from {
			segs = append(segs, cur)
		}
		cur = segment{from: i, headed: headed}
	}
	for i := range bs {
		b := &bs[i]
		if b.class != clsGood && b.chars <= 60 && !inCell(b) && isBlockHeading(b.text) {
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
	segs = append(segs, cur)
	if len(segs) == 1 {
		return bs
	}
	// The main segment: the most good text, but never a list of teasers
	// under a block heading while there is body text elsewhere.
	main := -1
	for i, sg := range segs {
		if sg.good > 0 && teaserRun(bs[sg.from:sg.to]) {
			continue
		}
		if main < 0 || sg.good > segs[main].good {
			main = i
		}
	}
	if main < 0 || segs[main].good == 0 {
		main = 0
		for i, sg := range segs {
			if sg.good > segs[main].good {
				main = i
			}
		}
	}
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
			// of teasers (each excerpt under its own link or heading).
			keep = sg.good*4 >= segs[main].good && !teaserRun(bs[sg.from:sg.to])
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

// container returns the element that holds a block beside its siblings:
// the paragraph's parent, or for a list item the list's parent.
func container(b *tblock) *html.Node {
	n := b.elem
	if n == nil {
		return nil
	}
	if b.li {
		for n != nil && n.DataAtom != atom.Ul && n.DataAtom != atom.Ol && n.DataAtom != atom.Dl {
			n = n.Parent
		}
		if n == nil {
			return nil
		}
	}
	return n.Parent
}

// sameBox reports whether block b sits in box, the container of the body's
// last paragraph p: as a sibling paragraph, a list in it, or a line of p.
func sameBox(b, p *tblock, box *html.Node) bool {
	return b.elem == p.elem || container(b) == box || b.elem == box
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
// one of the page's authors and sits outside the container most of the
// body's paragraphs share.
func dropAuthorBio(bs []tblock, authors []string) {
	if len(authors) == 0 {
		return
	}
	boxes := map[*html.Node]int{}
	var main *html.Node
	for i := range bs {
		if bs[i].class == clsGood {
			c := container(&bs[i])
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
		if container(b) == main || len(b.text) > 800 {
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
