package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// extractDoc runs the pipeline on a parsed page.
func extractDoc(doc *html.Node, src source, base *url.URL, rawURL string) (*Article, error) {
	p := newPage(doc)
	a := &Article{Schema: SchemaVersion, URL: rawURL}
	meta := p.metadata(base)
	meta.fill(a)

	blocks := p.findBlocks(base)
	skip := make(map[*html.Node]bool, len(blocks)*2)
	for _, fb := range blocks {
		p.drop(fb.node, skip)
		if fb.heading != nil {
			p.drop(fb.heading, skip)
		}
		if !fb.inline {
			a.Blocks = append(a.Blocks, fb.block)
		}
	}
	a.Reactions = p.reactions(skip)

	var paras []string
	if p.body != nil {
		p.skipComments([]*html.Node{p.body}, skip)
		content := p.findContent(p.body, skip)
		paras = p.bodyText(content, skip, a.Title, a.Authors)
	}
	paras = checkAgainst(paras, meta.articleBody)
	paras = dropStandfirst(paras, meta.description)
	if countWords(paras) < fallbackWords {
		// Little found: ask a second method. JSON-LD articleBody is the
		// page's own statement of its text; Readability judges whether the
		// page is an article at all before it extracts.
		switch {
		case meta.articleBody != "" && countWords(splitParas(meta.articleBody)) >= fallbackWords:
			paras = splitParas(meta.articleBody)
		case p.body != nil && p.stats[p.body].chars-p.stats[p.body].linkChars < 600:
			// Hardly any text outside links: a listing, not an article.
		default:
			if alt := readabilityText(src, base); countWords(alt) > max(fallbackWords, countWords(paras)) {
				paras = alt
			}
		}
	}
	a.Text = strings.Join(paras, "\n\n")
	if a.Text != "" {
		a.Agency, a.Dateline = wireCredit(paras[0])
		if a.Agency == "" && len(paras) > 1 {
			a.Agency, a.Dateline = wireCredit(paras[1])
		}
		if a.Agency == "" {
			a.Agency = meta.agency
		}
	}
	w, c := wordCount(a.Text)
	a.WordCount = w + c
	a.Fingerprint = fingerprint(a.Text)
	if a.Language == "" && a.Text != "" {
		a.Language = detectLanguage(a.Text)
	}
	if a.WordCount < minBodyWords(a.Text) {
		// Not an article: the record keeps the page's metadata and
		// blocks, and no body.
		a.Text, a.WordCount, a.Fingerprint, a.Agency, a.Dateline = "", 0, "", "", ""
		return a, ErrNoArticle
	}
	return a, nil
}

func minBodyWords(text string) int {
	return 15
}

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

// reCredit matches photo captions and credits.
var reCredit = regexp.MustCompile(`(?i)^(image|images|photo|photos|photograph|picture|foto|fotos|фото|credit|credits|bild|imagen|illustration|video)( copyright| credit| by| source)?\s*[:：]|\((image|photo|picture|foto|credit|pic)s?\s*(:|by|credit)[^)]*\)\.?$|\b(getty images|shutterstock|ap photo|afp via getty|image copyright|photo credit|file photo)\b|^(reuters|ap|afp|epa|getty|bloomberg|istock)(/| via )`)

// reCookie matches consent banners.
var reCookie = regexp.MustCompile(`(?i)\bcookies?\b.{0,120}\b(use|using|accept|consent|agree|settings|policy|continu)|\b(use|using|accept|consent|agree)\b.{0,80}\bcookies?\b`)

// bodyText classifies the text blocks of the content nodes and returns the
// body paragraphs.
func (p *page) bodyText(content []*html.Node, skip map[*html.Node]bool, title string, authors []string) []string {
	l := &linearizer{skip: skip}
	for _, n := range content {
		l.walk(n)
		l.flush()
	}
	bs := l.blocks
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
		case normTitle != "" && (strings.ToLower(b.text) == normTitle ||
			len(normTitle) >= 20 && len(b.text) <= len(normTitle)+80 && strings.Contains(strings.ToLower(b.text), normTitle)):
			// The headline, alone or in a kicker or breadcrumb line.
			b.class = clsBad
		case b.caption, len(b.text) < 200 && isCredit(b.text):
			b.class = clsBad
		case i > 0 && len(b.text) <= 80 && len(bs[i-1].text) <= 12 && isCredit(bs[i-1].text):
			b.class = clsBad // the value of a bare "Photo:" label
		case len(b.text) <= 120 && isByline(b.text) && !sentenceEnd(b.text):
			b.class = clsBad // a byline
		case len(b.text) <= 250 && isBoilerplate(b.text),
			len(b.text) <= 600 && strings.Contains(strings.ToLower(b.text), "cookie") && reCookie.MatchString(b.text):
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
			for j < len(bs) && bs[j].class != clsBad && bs[j].heading == 0 && sameBox(&bs[j], &bs[last], box) {
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
			lead := sentenceEnd(b.text) && textWeight(b.text, b.chars) >= 40
			// Short lines that sit with the body's paragraphs in one
			// container (a list, a lead-in) belong to it; a byline or a
			// date in a header of their own do not.
			sameBox := b.heading == 0 && b.elem != nil && bs[first].elem != nil &&
				b.elem.Parent == bs[first].elem.Parent && b.elem != bs[first].elem.Parent && b.chars >= 12
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

// reReaction matches a reaction counter: a short label and a count in
// brackets, such as "veryGood! (46151)" or "Like (12)".
var reReaction = regexp.MustCompile(`^([\p{L}][\p{L}\p{N} ']{0,24}?)[!！]?\s*[(（\[]\s*([0-9][0-9,.]*)\s*[)）\]]$`)

// reactions finds reaction counters outside link lists.
func (p *page) reactions(skip map[*html.Node]bool) map[string]int {
	if p.body == nil {
		return nil
	}
	var out map[string]int
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || skip[n] || n.DataAtom == atom.Nav {
			return
		}
		if n.DataAtom == atom.A {
			// Reaction buttons are links that go nowhere.
			href := strings.TrimSpace(attr(n, "href"))
			if href != "" && href != "#" && !strings.HasPrefix(href, "javascript:") {
				return
			}
		}
		st := p.stats[n]
		if st == nil || st.chars == 0 {
			return
		}
		if st.chars <= 32 && hasBracketedDigit(n) {
			if m := reReaction.FindStringSubmatch(nodeText(n)); m != nil {
				label := strings.TrimSpace(m[1])
				if v, ok := parseCount(m[2]); ok && !reNotReaction.MatchString(label) {
					if out == nil {
						out = map[string]int{}
					}
					if _, seen := out[label]; !seen {
						out[label] = v
					}
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)
	return out
}

var reNotReaction = regexp.MustCompile(`(?i)^(page|part|chapter|photo|image|fig|figure|table|video|step|no|vol|issue|updated?|edition)$`)

func isBlockContainer(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isBlock(c) {
			return true
		}
	}
	return false
}

func parseCount(s string) (int, bool) {
	v := 0
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			v = v*10 + int(r-'0')
			digits++
			if digits > 12 {
				return 0, false
			}
		}
	}
	return v, digits > 0
}

// commentNames mark reader-comment sections in class or id, a convention
// shared by blog engines and comment plugins.
var commentNames = []string{"comment", "disqus", "respond", "replies", "discussion", "comentario", "kommentar", "commentaire"}

func isComments(n *html.Node) bool {
	ci := classID(n)
	return ci != "" && containsAny(ci, commentNames)
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

// Boilerplate lines: whole lines, line openings and endings that are page
// chrome in any article, in several languages.
var (
	boilerLines = map[string]bool{
		"advertisement": true, "advertising": true, "advert": true, "ad": true, "ads": true,
		"anzeige": true, "werbung": true, "publicidad": true, "publicité": true, "pubblicità": true,
		"广告": true, "広告": true, "sponsored": true, "share": true, "share this": true,
		"share this article": true, "share this story": true, "share this page": true, "tweet": true,
		"print": true, "email": true, "e-mail": true, "comment": true, "comments": true,
		"leave a comment": true, "leave a reply": true, "related": true, "related articles": true,
		"related stories": true, "related posts": true, "read more": true, "read next": true,
		"more": true, "see also": true, "subscribe": true, "back to top": true, "image": true,
		"photo": true, "view": true, "views": true, "close": true, "caption": true, "next": true,
		"previous": true, "prev": true, "back to gallery": true, "enlarge this image": true,
		"toggle caption": true, "hide caption": true, "expand": true, "getty images": true,
		"skip to content": true, "skip to main content": true, "skip advertisement": true,
		"loading": true, "tags": true, "topics": true, "filed under": true, "image copyright": true,
		"like this story? share it with a friend": true,
	}
	boilerPrefixes = []string{
		"share on ", "tags:", "tag:", "filed under:", "topics:", "topic:", "subscribe to ", "subscribe now",
		"sign up", "follow us", "click here", "loading", "scroll to continue", "continue reading",
		"copyright ", "© ", "(c) ", "all rights reserved", "ap photo", "reuters/", "newsletter",
		"we've updated our privacy", "we have updated our privacy", "views:", "this article was updated",
		"this story was updated", "this article has been updated", "this story has been updated",
		"this article was originally published", "this story was originally published",
	}
	boilerSuffixes = []string{"contributed to this report", "all rights reserved"}
	// boilerPhrases anywhere in a short block: promotion of the site's own
	// newsletters and reprints.
	boilerPhrases = []string{"subscribe to our", "to your inbox", "newsletter delivered",
		"for your personal, non-commercial use", "order presentation-ready copies", "reading time:", "tempo de leitura",
		"lesezeit:", "tiempo de lectura", "temps de lecture", "min read",
		"user agreement", "privacy policy", "terms of use", "terms of service", "may not be reproduced",
		"prior written permission", "requires javascript", "community rules", "[/button]", "[button ",
		"publicado por:", "posted by:", "published by:", "veröffentlicht von", "publié par", "categoria:",
		"category:", "kategorie:", "catégorie:", "categoría:", "©", "may be reached at", "have a tip?",
		"follow him on twitter", "follow her on twitter", "follow us on", "in your inbox", "moderator", "moderador",
		"moderiert", "modérateur", "let us know at", "explore further", "is subject to copyright",
		"retrieved", "join our", "meet your inbox", "delivered weekday", "is out now. follow"}
)

// isBoilerplate reports a line of page chrome: a label, a share or
// subscription prompt, a credit, a counter ("12 comments", "Image 1 of 8").
func isBoilerplate(text string) bool {
	l := strings.ToLower(strings.TrimSpace(text))
	l = strings.TrimRight(l, " .:!…")
	if boilerLines[l] {
		return true
	}
	for _, p := range boilerPrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	for _, p := range boilerSuffixes {
		if strings.HasSuffix(l, p) {
			return true
		}
	}
	if len(l) <= 200 {
		for _, p := range boilerPhrases {
			if strings.Contains(l, p) {
				return true
			}
		}
	}
	return isCounterLine(l)
}

// isCounterLine matches "12 comments", "1 / 8", "3 of 10", "image 1 of 8".
func isCounterLine(l string) bool {
	f := strings.Fields(l)
	if len(f) == 0 || len(f) > 5 {
		return false
	}
	num := func(s string) bool {
		if s == "" {
			return false
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	switch len(f) {
	case 1:
		if i := strings.IndexByte(f[0], '/'); i > 0 {
			return num(f[0][:i]) && num(f[0][i+1:])
		}
	case 2:
		return num(f[0]) && (f[1] == "comment" || f[1] == "comments" || f[1] == "views" || f[1] == "shares")
	case 3:
		return num(f[0]) && (f[1] == "/" || f[1] == "of") && num(f[2])
	case 4, 5:
		switch f[0] {
		case "image", "photo", "slide", "picture", "foto":
			return num(f[1]) && (f[2] == "of" || f[2] == "/") && (len(f) == 3 || num(f[3]) || f[3] == "/")
		}
	}
	return false
}

// dropStandfirst removes a leading paragraph that repeats the page's
// description when the body goes on without it: the standfirst (dek)
// printed under the headline, which is not body text. A description that
// merely copies the first paragraph of the body is left alone: then the
// second paragraph continues where the first left off and the first is not
// set apart — a case told apart by the description being the whole first
// paragraph while the second does not begin with the wire dateline or the
// story; here the conservative test is an exact match of a short lead.
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

// hasBracketedDigit reports, without building the text, whether the text
// under n has an opening bracket and a digit: what a counter needs.
func hasBracketedDigit(n *html.Node) bool {
	bracket, digit := false, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !(bracket && digit); c = c.NextSibling {
			if c.Type == html.TextNode {
				for i := 0; i < len(c.Data); i++ {
					switch b := c.Data[i]; {
					case b == '(' || b == '[':
						bracket = true
					case b >= '0' && b <= '9':
						digit = true
					case b == 0xEF: // U+FF08 （ is EF BC 88
						if strings.HasPrefix(c.Data[i:], "（") {
							bracket = true
						}
					}
				}
			} else if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	walk(n)
	return bracket && digit
}

// creditWords are in every photo credit reCredit matches: a cheap test
// before the expression.
var creditWords = []string{"image", "photo", "picture", "foto", "фото", "credit", "bild", "imagen",
	"illustration", "video", "getty", "shutterstock", "ap", "afp", "copyright", "reuters", "epa",
	"bloomberg", "istock", "pic"}

func isCredit(text string) bool {
	return containsAny(lower(text), creditWords) && reCredit.MatchString(text)
}

// bylineWords open every byline reByPrefix matches.
var bylineWords = []string{"by", "written", "von", "por", "par", "di", "door", "av", "autor", "author",
	"text", "текст", "автор", "文/", "记者", "作者"}

func isByline(text string) bool {
	l := lower(text)
	for _, w := range bylineWords {
		if strings.HasPrefix(l, w) {
			return reByPrefix.MatchString(text)
		}
	}
	return false
}
