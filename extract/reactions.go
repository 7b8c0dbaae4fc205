package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A reaction counter is a short label and a count, in either order, the
// count in brackets or in an element of its own: "veryGood! (46151)",
// "Like (12)", "(46151) veryGood!", "<span>46151</span> veryGood!".
var (
	reReaction    = regexp.MustCompile(`^(` + reactionLabel + `)[!！]?\s*[(（\[]\s*([0-9][0-9,.]*)\s*[)）\]]$`)
	reCountFirst  = regexp.MustCompile(`^[(（\[]?\s*([0-9][0-9,.]*)\s*[)）\]]?\s*(` + reactionLabel + `)[!！]?$`)
	reLabelCount  = regexp.MustCompile(`^(` + reactionLabel + `)[!！]?\s+([0-9][0-9,.]*)$`)
	reCountOnly   = regexp.MustCompile(`^[(（\[]?\s*[0-9][0-9,.]*\s*[)）\]]?$`)
	reLabelOnly   = regexp.MustCompile(`^(` + reactionLabel + `)[!！]?$`)
	reNotReaction = regexp.MustCompile(`(?i)^(page|part|chapter|photo|image|fig|figure|table|video|step|no|vol|issue|updated?|edition)$`)
)

const reactionLabel = `\p{L}[\p{L}\p{N} ']{0,24}?`

// counter reads s as a reaction counter. apart says that the count stands
// in an element of its own or the whole is a control (a button, a link
// that goes nowhere): without it only "label (count)" is a counter, so
// that "(1) Introduction" stays text.
func counter(s string, apart func() bool) (string, int, bool) {
	if !mayBeCounter(s) {
		return "", 0, false
	}
	var label, count string
	if m := reReaction.FindStringSubmatch(s); m != nil {
		label, count = m[1], m[2]
	} else if !reCountFirst.MatchString(s) && !reLabelCount.MatchString(s) || !apart() {
		return "", 0, false
	} else if m := reCountFirst.FindStringSubmatch(s); m != nil {
		label, count = m[2], m[1]
	} else if m := reLabelCount.FindStringSubmatch(s); m != nil {
		label, count = m[1], m[2]
	} else {
		return "", 0, false
	}
	label = strings.TrimSpace(label)
	v, ok := parseCount(count)
	if ok && v >= 1900 && v <= 2099 && !strings.ContainsAny(s, "!！") {
		ok = false // "Parasite (2019)": a year, not a count
	}
	if !ok || reNotReaction.MatchString(label) || len(strings.Fields(label)) > 3 {
		return "", 0, false
	}
	return label, v, true
}

// mayBeCounter is the test before the expressions of counter: s ends with
// a closing bracket (reReaction), opens with a count after at most a
// bracket and space (reCountFirst), or ends with one (reLabelCount).
func mayBeCounter(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; c == ')' || c == ']' || c >= '0' && c <= '9' || c == ',' || c == '.' || strings.HasSuffix(s, "）") {
		return true
	}
	t := strings.TrimLeft(s, " \t\n\f\r([（")
	return t != "" && t[0] >= '0' && t[0] <= '9'
}

// countShaped is the test before reCountOnly: a digit, and nothing but
// digits, brackets, spaces, commas and points.
func countShaped(s string) bool {
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r == ',' || r == '.' || r == '(' || r == ')' || r == '[' || r == ']' || r == '（' || r == '）' ||
			r == ' ' || r >= '\t' && r <= '\r':
		default:
			return false
		}
	}
	return digit
}

// counterEnds is mayBeCounter on the text under n without building it:
// the first character after spaces and opening brackets, and the last
// but spaces (nodeText's spaces and collapse fall at neither).
func counterEnds(n *html.Node) bool {
	var first, last rune
	eachText(n, func(s string) bool {
		for _, r := range s {
			switch {
			case isSpace(r):
			case first == 0 && (r == '(' || r == '[' || r == '（'):
			default:
				if first == 0 {
					first = r
				}
				last = r
			}
		}
		return false
	})
	if first == 0 && last == 0 {
		// Nothing but spaces and brackets: the bracket is the last.
		return true
	}
	switch {
	case first >= '0' && first <= '9', last >= '0' && last <= '9':
		return true
	}
	return last == ')' || last == ']' || last == ',' || last == '.' || last == '）'
}

// buttonCounter reports a <button> that is a reaction counter: prune keeps
// it for reactions to find.
func buttonCounter(n *html.Node) bool {
	s := collapse(textOf(n))
	if len(s) > 64 || !hasDigit(s) {
		return false
	}
	_, _, ok := counter(s, func() bool { return true })
	return ok
}

// reactions finds reaction counters outside link lists, and drops them
// from the tree the body is read from.
func (p *page) reactions(skip map[*html.Node]bool) map[string]int {
	if p.body == nil {
		return nil
	}
	var out map[string]int
	found := func(label string, v int, nodes ...*html.Node) {
		if out == nil {
			out = map[string]int{}
		}
		if _, seen := out[label]; !seen {
			out[label] = v
		}
		if p.tr != nil {
			p.tr.reaction(nodes[0], label, v)
		}
		for _, n := range nodes {
			p.drop(n, skip)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode || skip[n] || n.DataAtom == atom.Nav {
			return
		}
		control := n.DataAtom == atom.Button
		if n.DataAtom == atom.A {
			// Reaction buttons are links that go nowhere.
			href := strings.TrimSpace(attr(n, "href"))
			if href != "" && href != "#" && !strings.HasPrefix(href, "javascript:") {
				return
			}
			control = true
		}
		st := p.stats.get(n)
		if st == nil || st.chars == 0 {
			return
		}
		if st.chars <= 32 && st.digits && headingLevel(n) == 0 && n.DataAtom != atom.P && mayCount(n, control) && counterEnds(n) {
			s := nodeText(n)
			apart := func() bool { return control || countApart(n) }
			if label, v, ok := counter(s, apart); ok {
				found(label, v, n)
				return
			}
		}
		p.counterPairs(n, found)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.body)
	return out
}

// counterPairs finds counters whose label and count stand in sibling
// elements of their own, with nothing between them: "<div>veryGood!</div>
// <div>(46151)</div>", or the count first. A count in brackets, or a
// label ending in "!", tells them from a table's name and figure.
func (p *page) counterPairs(n *html.Node, found func(string, int, ...*html.Node)) {
	var prev *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			prev = nil
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		if st := p.stats.get(c); st == nil || st.chars == 0 || st.chars > 32 || st.links > 0 {
			prev = nil
			continue
		}
		// One of the two has a digit, the other none: looked at without
		// building the text.
		if prev != nil && p.stats.get(prev).chars <= 26 && p.digitText(prev) != p.digitText(c) {
			a, b := collapse(nodeText(prev)), collapse(nodeText(c))
			if countShaped(a) && reLabelOnly.MatchString(b) && reCountOnly.MatchString(a) {
				a, b = b, a // the count first
			}
			if countShaped(b) && reLabelOnly.MatchString(a) && reCountOnly.MatchString(b) &&
				(strings.ContainsAny(b, "(（[") || strings.ContainsAny(a, "!！")) {
				if label, v, ok := counter(a+" ("+strings.Trim(b, "()（）[] ")+")", func() bool { return false }); ok {
					found(label, v, prev, c)
					prev = nil
					continue
				}
			}
		}
		prev = c
	}
}

// countApart reports whether the count of a counter under n stands in an
// element of its own — not a table cell or a definition: "Population" and
// its figure are no counter.
func countApart(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Td, atom.Th, atom.Dd, atom.Dt:
			return false
		}
		if countOnly(c) || countApart(c) {
			return true
		}
	}
	return false
}

// countOnly reports, without building the text, whether the text under n
// is a count alone, bracketed or not.
func countOnly(n *html.Node) bool {
	digit := false
	other := eachText(n, func(s string) bool {
		for _, r := range s {
			switch {
			case r >= '0' && r <= '9':
				digit = true
			case !strings.ContainsRune("()（）[], .\t\n\r\u00a0", r):
				return true
			}
		}
		return false
	})
	return digit && !other
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

// mayCount reports, without building the text, whether n may hold a
// counter: a digit, and a bracket, an element the count may stand in, or
// n a control.
func mayCount(n *html.Node, control bool) bool {
	if !hasDigitText(n) {
		return false
	}
	if control || eachText(n, func(s string) bool { return containsRunes(s, "([（") }) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return true
		}
	}
	return false
}

// digitText is hasDigitText, answered from n's measures when they say no.
func (p *page) digitText(n *html.Node) bool {
	if st := p.stats.get(n); st != nil && !st.digits {
		return false
	}
	return hasDigitText(n)
}

// hasDigitText reports, without building the text, whether the text under
// n has a digit: what a counter needs.
func hasDigitText(n *html.Node) bool {
	return eachText(n, hasDigit)
}
