package extract

import (
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
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
// articleBody) as a reference: when it vouches for most of the extracted
// text, paragraphs it knows nothing of are dropped. A reference that does
// not match the page (a teaser, another story) changes nothing.
func checkAgainst(paras []string, ref string) []string {
	if len(paras) < 2 || len(ref) < 400 {
		return paras
	}
	refWords := wordHashes(ref)
	if len(refWords) < 80 {
		return paras
	}
	gram := func(w []uint64, i int) uint64 { return w[i]*0x9e3779b97f4a7c15 ^ w[i+1]*0xc2b2ae3d27d4eb4f ^ w[i+2] }
	grams := make(map[uint64]struct{}, len(refWords))
	for i := 0; i+3 <= len(refWords); i++ {
		grams[gram(refWords, i)] = struct{}{}
	}
	cover := make([]float64, len(paras))
	total, covered := 0.0, 0.0
	for i, p := range paras {
		ws := wordHashes(p)
		if len(ws) < 3 {
			cover[i] = -1 // too short to judge
			continue
		}
		hit := 0
		for j := 0; j+3 <= len(ws); j++ {
			if _, ok := grams[gram(ws, j)]; ok {
				hit++
			}
		}
		n := float64(len(ws) - 2)
		cover[i] = float64(hit) / n
		total += n
		covered += float64(hit)
	}
	if total == 0 || covered/total < 0.6 {
		return paras
	}
	out := paras[:0:0]
	for i, p := range paras {
		if cover[i] >= 0.3 || cover[i] < 0 && neighbourCovered(cover, i) {
			out = append(out, p)
		}
	}
	return out
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
