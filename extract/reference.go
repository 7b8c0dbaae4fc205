package extract

import (
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// splitParas cuts a plain-text body into paragraphs.
func splitParas(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if t := collapse(line); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// fallbackWords is the body length under which a second method is asked.
const fallbackWords = 40

func countWords(paras []string) int {
	n := 0
	for _, p := range paras {
		w, c := wordCount(p)
		n += w + c
	}
	return n
}

// readabilityText runs go-readability (the readeck port of Readability.js)
// on a fresh parse of the page, when it judges the page readable.
func readabilityText(src source, base *url.URL) []string {
	doc, err := html.Parse(src.reader())
	if err != nil || !readability.CheckDocument(doc) {
		return nil
	}
	art, err := readability.FromDocument(doc, base)
	if err != nil {
		return nil
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		return nil
	}
	return splitParas(b.String())
}

// checkAgainst uses the page's own statement of its text (JSON-LD
// articleBody) as a reference for the selected blocks sel of bs: when it
// vouches for most of the extracted text, paragraphs it knows nothing of
// are dropped — after its last paragraph (a notice, a sign-up line), and
// before it those that do not read as the body's own text (see ownText).
// References often leave out a lead, a quote or an embedded post the page
// shows in its body. A reference that does not match the page (a teaser,
// another story) changes nothing.
func checkAgainst(bs []tblock, sel []int, ref string) []int {
	if len(sel) < 2 || len(ref) < 400 {
		return sel
	}
	refWords := wordHashes(ref)
	if len(refWords) < 80 {
		return sel
	}
	gram := func(w []uint64, i int) uint64 { return w[i]*0x9e3779b97f4a7c15 ^ w[i+1]*0xc2b2ae3d27d4eb4f ^ w[i+2] }
	grams := make(map[uint64]struct{}, len(refWords))
	for i := 0; i+3 <= len(refWords); i++ {
		grams[gram(refWords, i)] = struct{}{}
	}
	cover := make([]float64, len(sel))
	total, covered := 0.0, 0.0
	firstCovered, lastCovered := -1, -1
	for k, i := range sel {
		ws := wordHashes(bs[i].text)
		if len(ws) < 3 {
			cover[k] = -1 // too short to judge
			continue
		}
		hit := 0
		for j := 0; j+3 <= len(ws); j++ {
			if _, ok := grams[gram(ws, j)]; ok {
				hit++
			}
		}
		n := float64(len(ws) - 2)
		cover[k] = float64(hit) / n
		total += n
		covered += float64(hit)
		if cover[k] >= 0.3 {
			if firstCovered < 0 {
				firstCovered = k
			}
			lastCovered = k
		}
	}
	if total == 0 || covered/total < 0.6 {
		return sel
	}
	boxes := make(map[*html.Node]bool, 4)
	for k, i := range sel {
		if cover[k] >= 0.3 {
			boxes[container(&bs[i])] = true
		}
	}
	out := sel[:0:0]
	for k, i := range sel {
		if cover[k] >= 0.3 || cover[k] < 0 && neighbourCovered(cover, k) || k < lastCovered && ownText(bs, i, k < firstCovered, boxes) {
			out = append(out, i)
		}
	}
	return out
}

// ownText reports whether block i reads as the body's own text though a
// reference leaves it out: a sentence before the paragraphs the reference
// vouches for (a lead) or among them in one of their boxes, or a quoted
// post (a quote, an embedded post); not a link, a teaser under its headline
// link, a line of furniture (a date, a byline) that ends no sentence, or a
// box set into the text (a sign-up form, an <aside>).
func ownText(bs []tblock, i int, lead bool, boxes map[*html.Node]bool) bool {
	b := &bs[i]
	if b.density() >= 0.5 || i > 0 && headlineLink(&bs[i-1]) || chromeAncestor(b.elem) {
		return false
	}
	return quoted(b.elem) || sentenceEnd(b.text) && (lead || boxes[container(b)])
}

// quoted reports an element inside a <blockquote>.
func quoted(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if a.DataAtom == atom.Blockquote {
			return true
		}
	}
	return false
}

// neighbourCovered reports whether a short paragraph sits between
// paragraphs the reference vouches for.
func neighbourCovered(cover []float64, i int) bool {
	prev, next := false, false
	for j := i - 1; j >= 0; j-- {
		if cover[j] >= 0 {
			prev = cover[j] >= 0.3
			break
		}
	}
	for j := i + 1; j < len(cover); j++ {
		if cover[j] >= 0 {
			next = cover[j] >= 0.3
			break
		}
	}
	return prev && next
}

// dropStandfirst removes a leading paragraph that repeats the page's
// description when a wire dateline opens the next one: the standfirst (dek)
// set above the story, which is not body text. A description that merely
// copies the first paragraph of the body has no dateline after it, and is
// left alone.
func dropStandfirst(paras []string, desc string) []string {
	if len(paras) < 3 || desc == "" {
		return paras
	}
	first := strings.TrimSpace(paras[0])
	d := strings.TrimSpace(desc)
	if first != d || len(first) > 300 {
		return paras
	}
	// A wire dateline opens a story: if the next paragraph has one, the
	// first was set above the story.
	if ag, _ := wireCredit(paras[1]); ag != "" {
		return paras[1:]
	}
	return paras
}
