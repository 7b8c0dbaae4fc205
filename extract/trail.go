package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// reCrumbLabel and reCrumbSep read a visible trail: an optional label, then items
// separated by >, ›, », / or →: "Current:Home > Invest".
var (
	reCrumbLabel = regexp.MustCompile(`^[\p{L} ]{0,24}[:：]\s*`)
	reCrumbSep   = regexp.MustCompile(`\s*[>›»→/]\s*`)
)

// breadcrumb finds a visible breadcrumb trail: a short element of links
// joined by separators, or one marked as such by ARIA, microdata or class.
func (p *page) breadcrumb(site string) []string {
	if p.body == nil {
		return nil
	}
	if items := markedBreadcrumb(p.doc); len(items) >= 2 {
		if p.tr != nil {
			p.tr.markedCrumb(p.doc)
		}
		return items
	}
	// A trail stands above the headline: the search ends at the first h1.
	var h1 *html.Node
	if len(p.h1s) > 0 {
		h1 = p.h1s[0]
	}
	var found []string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type != html.ElementNode || n == h1 {
			return n == h1
		}
		st := p.stats[n]
		if st == nil || st.chars == 0 {
			return false
		}
		marked := strings.Contains(strings.ToLower(attr(n, "aria-label")), "breadcrumb") ||
			strings.Contains(attr(n, "itemtype"), "BreadcrumbList") ||
			strings.Contains(classID(n), "crumb")
		if st.chars <= 160 && st.links >= 1 && (marked || st.links <= 8) {
			if items := crumbItems(n, marked, site); items != nil {
				if p.tr != nil {
					p.tr.crumb(n, marked)
				}
				found = items
				return true
			}
		}
		if st.chars > 160 || marked {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if walk(c) {
					return true
				}
			}
		}
		return false
	}
	walk(p.body)
	return found
}

// crumbItems reads the items of a candidate breadcrumb element.
func crumbItems(n *html.Node, marked bool, site string) []string {
	if !marked && !hasSeparator(n) {
		return nil
	}
	text := nodeText(n)
	if !containsRunes(text, ">›»→/") {
		return nil
	}
	text = reCrumbLabel.ReplaceAllString(text, "")
	seps := reCrumbSep.FindAllStringIndex(text, -1)
	if len(seps) == 0 {
		return nil
	}
	var items []string
	for _, part := range reCrumbSep.Split(text, -1) {
		if part = strings.TrimSpace(part); part != "" {
			items = append(items, part)
		}
	}
	if len(items) < 2 {
		return nil
	}
	for _, it := range items {
		if w, c := wordCount(it); w > 8 || c > 20 {
			if !marked {
				return nil
			}
		}
	}
	// An unmarked trail starts at the home page: "Home", its equivalents,
	// or the site's own name.
	if !marked && !reHomeWord.MatchString(items[0]) && (site == "" || !strings.EqualFold(items[0], site)) {
		return nil
	}
	return items
}

var reHomeWord = regexp.MustCompile(`(?i)^(home|homepage|start|startseite|inicio|portada|accueil|首页|首頁|主页|ホーム|トップ|홈|главная|news|index)$`)

// markedBreadcrumb reads a trail marked up as one — schema.org microdata,
// ARIA label, or the class and id names of the convention — from its list
// items, microdata items or links.
func markedBreadcrumb(doc *html.Node) []string {
	n := findMarkedTrail(doc)
	if n == nil {
		return nil
	}
	trail := goquery.NewDocumentFromNode(n).Selection
	items := trail.Find(`[itemprop="itemListElement"]`)
	if items.Length() == 0 {
		items = trail.Find("li")
	}
	if items.Length() == 0 {
		items = trail.Find("a")
	}
	var out []string
	items.Each(func(_ int, s *goquery.Selection) {
		t := strings.Trim(collapse(s.Text()), " >›»→/|")
		if t != "" && len(t) <= 80 {
			out = append(out, t)
		}
	})
	if len(out) > 8 {
		return nil // a menu, not a trail
	}
	return out
}

// findMarkedTrail returns the first element under n, in document order,
// whose class, id or aria-label holds "readcrumb" or whose itemtype holds
// "BreadcrumbList", case-sensitive as the CSS selectors it stands for
// ([class*="readcrumb"], ...); nil when none. One walk, no selector
// engine: it runs on every page.
func findMarkedTrail(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		for _, a := range c.Attr {
			var sub string
			switch a.Key {
			case "class", "id", "aria-label":
				sub = "readcrumb"
			case "itemtype":
				sub = "BreadcrumbList"
			default:
				continue
			}
			if strings.Contains(a.Val, sub) {
				return c
			}
		}
		if t := findMarkedTrail(c); t != nil {
			return t
		}
	}
	return nil
}

// hasSeparator reports, without building the text, whether the text under n
// has a trail separator (> › » → /).
func hasSeparator(n *html.Node) bool {
	return eachText(n, func(s string) bool { return containsRunes(s, ">›»→/") })
}

// firstText returns the first non-blank text under n, trimmed.
func firstText(n *html.Node) string {
	var first string
	eachText(n, func(s string) bool {
		first = strings.TrimSpace(s)
		return first != ""
	})
	return first
}
