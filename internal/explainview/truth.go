package explainview

import (
	"strings"

	"github.com/newsclip/newsclip/extract"
)

// comparison is the body held against the expected text, line by line: a
// line counts as found when the other side's text holds it, whatever the
// paragraphs it is cut into.
type comparison struct {
	missing []string // expected lines the body lacks
	extra   []string // body paragraphs the expected text lacks
	truth   string   // the expected text, normalised, on one line
	body    string   // the body, normalised, on one line
	truthN  int      // expected lines
	bodyN   int      // body paragraphs
}

// norm collapses white space.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// compare holds the record's body against the expected text.
func compare(a *extract.Article, truth string) *comparison {
	c := &comparison{}
	var tl, bl []string
	for _, l := range strings.Split(truth, "\n") {
		if l = norm(l); l != "" {
			tl = append(tl, l)
		}
	}
	for _, l := range strings.Split(a.Text, "\n") {
		if l = norm(l); l != "" {
			bl = append(bl, l)
		}
	}
	c.truth, c.body = strings.Join(tl, " "), strings.Join(bl, " ")
	c.truthN, c.bodyN = len(tl), len(bl)
	for _, l := range tl {
		if !strings.Contains(c.body, l) {
			c.missing = append(c.missing, l)
		}
	}
	for _, l := range bl {
		if !strings.Contains(c.truth, l) {
			c.extra = append(c.extra, l)
		}
	}
	return c
}

// extraText reports a body block's text that the expected text lacks.
func (c *comparison) extraText(text string) bool {
	t := norm(text)
	return t != "" && !strings.Contains(c.truth, t)
}

// missingText reports a left-out block's text that the expected text has
// and the body lacks: a line of it, or holding one.
func (c *comparison) missingText(text string) bool {
	t := norm(text)
	if t == "" || strings.Contains(c.body, t) {
		return false
	}
	for _, l := range c.missing {
		if strings.Contains(l, t) && len(t) >= 12 || strings.Contains(t, l) {
			return true
		}
	}
	return false
}
