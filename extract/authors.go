package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// bylines finds author credits in the body: elements marked as such by
// microdata, rel or class (selected with goquery), else short text that
// begins with "By" and its equivalents.
func (p *page) bylines(q *goquery.Document) []string {
	if p.body == nil {
		return nil
	}
	var out []string
	q.Find(`[itemprop~="author"], [rel~="author"], [class*="byline"], [id*="byline"], [class*="author"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Get(0)
		st := p.stats[n]
		if st == nil || st.chars == 0 || st.chars > 120 {
			return true
		}
		if name := s.Find(`[itemprop="name"]`).First(); name.Length() > 0 {
			out = append(out, collapse(name.Text()))
		} else {
			out = append(out, nodeText(n))
		}
		return false
	})
	if len(out) > 0 {
		return out
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || len(out) > 0 {
			return
		}
		st := p.stats[n]
		if st == nil || st.chars == 0 {
			return
		}
		if st.chars <= 80 && !isBlockContainer(n) {
			if t := firstText(n); t != "" && hasBylineWord(t) {
				if full := nodeText(n); reByPrefix.MatchString(full) {
					out = append(out, full)
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

var (
	reByPrefix   = regexp.MustCompile(`^(?i:by|written by|текст:?|автор:?|von|por|par|di|door|av|autor:?|author:?|text:?|文/|记者|作者[:：]?)\s+\p{Lu}`)
	reByStrip    = regexp.MustCompile(`^(?i:by|written by|текст:?|автор:?|фото:?|von|por|par|di|door|av|autor:?|author:?|authors:?|text:?|posted by|reporting by|文/|记者|作者[:：]?)\s*`)
	reAuthorSep  = regexp.MustCompile(`\s*(?:,|;|&|\band\b|\bund\b|\by\b|\bet\b|\be\b|、|/|\|)\s*`)
	reNotAuthor  = regexp.MustCompile(`(?i)\d|@|https?:|www\.|\.com|^(by|staff|admin|editor|editors|email|e-mail|submitted|updated|published|posted|share|follow|contributor|guest|news|desk|team|more|view|the|reporter|correspondent|email the author|about the author)$|\b(email|updated|published|follow|twitter|facebook|staff|news service|associated press|reuters|agency|newsroom|desk|bureau|editorial)\b`)
	reAuthorTail = regexp.MustCompile(`(?i)\s*(?:[,|–—-]\s*)?(?:\b(?:updated|published|posted|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*|\d{1,2}[:/.]\d.*|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d.*)$`)
)

// cleanAuthors turns raw credits into person names: prefixes and dates
// stripped, lists split, organisations and UI words dropped.
func cleanAuthors(raw []string, site string) []string {
	var out []string
	for _, r := range raw {
		r = collapse(r)
		low := strings.ToLower(r)
		if strings.Contains(low, "http") || strings.Contains(low, "www.") || strings.Contains(r, "@") {
			continue // a profile link or an address, not a name
		}
		if site != "" && len(r) > len(site) && strings.HasSuffix(r, site) {
			// "Jane Doe. Sputnik International": the outlet glued on.
			r = strings.TrimRight(strings.TrimSuffix(r, site), " .,|-–—·")
		}
		r = reByStrip.ReplaceAllString(r, "")
		r = reAuthorTail.ReplaceAllString(r, "")
		for _, name := range reAuthorSep.Split(r, -1) {
			name = strings.Trim(name, " .:-–—|·•")
			name = reByStrip.ReplaceAllString(name, "")
			if name == "" || reNotAuthor.MatchString(name) || !personName(name) || sameSite(name, site) {
				continue
			}
			if w, c := wordCount(name); w > 5 || (w == 0 && c == 0) || c > 8 {
				continue
			}
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// nameParticles are the lower-case words person names carry.
var nameParticles = map[string]bool{
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true, "di": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "la": true, "le": true, "du": true,
	"bin": true, "bint": true, "al": true, "el": true, "y": true, "e": true, "af": true, "zu": true, "st.": true,
}

// personName reports whether s is shaped like a person's name: in scripts
// with case, every word capitalised but for particles, not led by an article.
func personName(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "the", "a", "an", "our", "staff", "by":
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !nameParticles[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// sameSite reports a name that is the site's name or one of its parts.
func sameSite(name, site string) bool {
	if site == "" {
		return false
	}
	if strings.EqualFold(name, site) || strings.EqualFold(name, strings.ReplaceAll(site, " ", "")) {
		return true
	}
	for _, part := range splitTitle(site) {
		if strings.EqualFold(name, part) {
			return true
		}
	}
	return false
}

// authors returns the page's person authors: JSON-LD persons, then metas,
// then bylines.
func (p *page) authors(q *goquery.Document, metas map[string]string, ld *ldData, site string) []string {
	authors := cleanAuthors(ld.authors, site)
	if len(authors) == 0 {
		for _, k := range []string{"author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author", "citation_author", "twitter:creator"} {
			if v := metas[k]; v != "" {
				if authors = cleanAuthors([]string{v}, site); len(authors) > 0 {
					break
				}
			}
		}
	}
	if len(authors) == 0 {
		authors = cleanAuthors(p.bylines(q), site)
	}
	return authors
}
