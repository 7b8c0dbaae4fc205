package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
				v, ok := parseCount(m[2])
				if ok && v >= 1900 && v <= 2099 && !strings.ContainsAny(m[0], "!！") {
					ok = false // "Parasite (2019)": a year, not a count
				}
				if ok && headingLevel(n) == 0 && !reNotReaction.MatchString(label) {
					if out == nil {
						out = map[string]int{}
					}
					if _, seen := out[label]; !seen {
						out[label] = v
					}
					if p.tr != nil {
						p.tr.reaction(n, label, v)
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

// hasBracketedDigit reports, without building the text, whether the text
// under n has an opening bracket and a digit: what a counter needs.
func hasBracketedDigit(n *html.Node) bool {
	bracket, digit := false, false
	eachText(n, func(s string) bool {
		bracket = bracket || containsRunes(s, "([（")
		digit = digit || hasDigit(s)
		return bracket && digit
	})
	return bracket && digit
}
