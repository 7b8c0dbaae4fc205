package extract

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// extractDoc runs the pipeline on a parsed page whose URL is pageURL (nil
// when unknown). Every URL the record holds resolves against the
// document's base URL (a <base href>, else pageURL).
func extractDoc(doc *html.Node, src source, pageURL *url.URL, rawURL string, tr *tracer) (*Article, error) {
	p := newPageSized(doc, len(src.text))
	p.tr = tr
	if pageURL == nil {
		// A page read with no address (a saved file) has the one it
		// gives itself, so that its links still come out absolute.
		if pageURL = p.ownURL(); pageURL != nil {
			rawURL = pageURL.String()
		}
	}
	p.base = p.documentBase(pageURL)
	a := &Article{Schema: SchemaVersion, URL: rawURL}
	meta := p.metadata(pageURL)
	meta.fill(a)

	blocks := p.findBlocks(p.base)
	if p.tr != nil {
		p.tr.linkBlocks(blocks)
	}
	skip := make(map[*html.Node]bool, len(blocks)*2)
	for _, fb := range blocks {
		for _, n := range fb.nodes {
			p.drop(n, skip)
		}
		if fb.heading != nil {
			p.drop(fb.heading, skip)
		}
		if !fb.inline {
			a.Blocks = append(a.Blocks, fb.block)
		}
	}
	a.Reactions = p.reactions(skip)

	var paras []string
	var images []string // of the body, added when the page is an article
	if p.body != nil {
		p.skipComments([]*html.Node{p.body}, skip)
		p.skipEntryBoxes(skip)
		p.skipPagers(skip)
		// The body is cut into text blocks once: they score the
		// candidate containers, then those in the chosen ones are judged.
		l := &linearizer{skip: skip}
		l.walk(p.body)
		l.flush()
		content := p.findContent(l.blocks, skip)
		paras = p.bodyText(content, l.blocks, a.Title, a.Authors, meta.articleBody)
		images = bodyImages(content, skip, p.base)
	}
	paras = dropStandfirst(paras, meta.description)
	// The words of the paragraphs add up to those of the text they join
	// into ("\n\n" is no word): counted once.
	words := countWords(paras)
	if words < fallbackWords {
		// Little found: ask a second method. JSON-LD articleBody is the
		// page's own statement of its text; Readability judges whether the
		// page is an article at all before it extracts.
		switch {
		case meta.articleBody != "" && countWords(splitParas(meta.articleBody)) >= fallbackWords:
			paras = splitParas(meta.articleBody)
		case p.body != nil && p.stats.get(p.body) != nil && p.stats.get(p.body).chars-p.stats.get(p.body).linkChars < 600:
			// Hardly any text outside links: a listing, not an article.
		default:
			if alt := readabilityText(src, pageURL); countWords(alt) > max(fallbackWords, words) {
				paras = alt
			}
		}
		words = countWords(paras)
	}
	a.Text = strings.Join(paras, "\n\n")
	if a.Text != "" {
		a.Agency, a.Dateline = storyCredit(paras, meta.agency)
	}
	a.WordCount = words
	a.Fingerprint = fingerprint(a.Text)
	if a.Language == "" && a.Text != "" {
		a.Language = detectLanguage(a.Text)
	}
	if a.WordCount < minBodyWords {
		// Not an article: the record keeps the page's metadata and
		// blocks, and no body.
		a.Text, a.WordCount, a.Fingerprint, a.Agency, a.Dateline = "", 0, "", "", ""
		return a, ErrNoArticle
	}
	for _, u := range images {
		if !slices.Contains(a.Images, u) {
			a.Images = append(a.Images, u)
		}
	}
	if a.Image == "" && len(a.Images) > 0 {
		a.Image = a.Images[0]
	}
	return a, nil
}

// minBodyWords is the shortest body of an article: below it the page is no
// article (ErrNoArticle).
const minBodyWords = 15

func isBlockContainer(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isBlock(c) {
			return true
		}
	}
	return false
}

// maxImages bounds the images a record lists.
const maxImages = 20

// bodyImages returns the absolute addresses of the images in the body's
// containers, leaving out link blocks, icons and pixels (a declared width
// or height under 100) and inline data.
func bodyImages(content []*html.Node, skip map[*html.Node]bool, base *url.URL) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || skip[n] || len(out) >= maxImages {
			return
		}
		if n.DataAtom == atom.Img || n.Data == "amp-img" {
			src := attr(n, "src")
			if src == "" || strings.HasPrefix(src, "data:") {
				src = attr(n, "data-src")
			}
			if small(attr(n, "width")) || small(attr(n, "height")) || strings.HasPrefix(src, "data:") {
				return
			}
			if u := resolve(base, src); u != "" && !slices.Contains(out, u) {
				out = append(out, u)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range content {
		walk(n)
	}
	return out
}

// small reports a declared image dimension under 100 pixels.
func small(dim string) bool {
	v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(dim), "px"))
	return err == nil && v < 100
}
