package markup

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// whitespace rewrites the white space inside the body's text: a space
// becomes a run of spaces, a newline or a tab, and the white space between
// elements changes too. What a reader sees does not change: browsers
// collapse such runs into one space.
func whitespace(p *Page, r *rand.Rand) (string, bool) {
	b := body(p.doc)
	if b == nil {
		return "", false
	}
	runs := []string{"  ", "\n", "\n  ", "\t", " \n\t ", "\r\n"}
	q := 0.2 + 0.6*r.Float64()
	changed := 0
	walk(b, func(n *html.Node) bool {
		if n.Type == html.ElementNode && (hidden(n) || n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea) {
			return false
		}
		if n.Type != html.TextNode {
			return true
		}
		var out strings.Builder
		inRun := false
		for _, c := range n.Data {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
				if !inRun {
					if r.Float64() < q {
						out.WriteString(pick(r, runs))
						changed++
					} else {
						out.WriteRune(c)
					}
				}
				inRun = true
				continue
			}
			inRun = false
			out.WriteRune(c)
		}
		n.Data = out.String()
		return true
	})
	if changed == 0 {
		return "", false
	}
	return fmt.Sprintf("%d runs (%.0f%%)", changed, 100*q), true
}

// entities writes some characters of the page's text as character
// references when the page is rendered: &amp;-style names, decimal and
// hexadecimal numbers, for letters as for punctuation.
func entities(p *Page, r *rand.Rand) (string, bool) {
	p.refSeed = r.Uint64() | 1
	return "text characters as references", true
}

// namedRefs are the character references by name a page may use.
var namedRefs = map[rune]string{
	'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&quot;", '\'': "&#39;", 'é': "&eacute;", 'è': "&egrave;",
	'ü': "&uuml;", 'ö': "&ouml;", 'ä': "&auml;", 'ß': "&szlig;", 'ñ': "&ntilde;", 'ç': "&ccedil;", '©': "&copy;",
	'—': "&mdash;", '–': "&ndash;", '’': "&rsquo;", '‘': "&lsquo;", '“': "&ldquo;", '”': "&rdquo;", '…': "&hellip;",
	'·': "&middot;", '»': "&raquo;", '«': "&laquo;", '€': "&euro;", '°': "&deg;",
}

// refPlaceholder is the first of the private-use characters that stand
// for references in the text while the tree is rendered.
const refPlaceholder = 0xF0000

// markRefs replaces characters of the body's text by placeholders and
// returns the references they stand for, and a function that puts the text
// back.
func (p *Page) markRefs() (refs []string, restore func()) {
	r := rand.New(rand.NewPCG(p.refSeed, 11))
	q := 0.05 + 0.3*r.Float64()
	type saved struct {
		n    *html.Node
		data string
	}
	var undo []saved
	walk(p.doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Noscript ||
			n.DataAtom == atom.Iframe || n.DataAtom == atom.Textarea || n.DataAtom == atom.Title) {
			return false
		}
		if n.Type != html.TextNode || strings.TrimFunc(n.Data, isSpace) == "" {
			return true
		}
		var b strings.Builder
		for _, c := range n.Data {
			if isSpace(c) || r.Float64() >= q {
				b.WriteRune(c)
				continue
			}
			ref, ok := namedRefs[c]
			switch k := r.IntN(3); {
			case ok && k == 0:
			case k == 1:
				ref = fmt.Sprintf("&#%d;", c)
			default:
				ref = fmt.Sprintf("&#x%X;", c)
				if r.IntN(2) == 0 {
					ref = strings.ToLower(ref[:2]) + strings.ToLower(ref[2:])
				}
			}
			b.WriteRune(rune(refPlaceholder + len(refs)))
			refs = append(refs, ref)
		}
		undo = append(undo, saved{n, n.Data})
		n.Data = b.String()
		return true
	})
	return refs, func() {
		for _, s := range undo {
			s.n.Data = s.data
		}
	}
}

// putRefs writes the references in place of their placeholders.
func putRefs(out []byte, refs []string) []byte {
	var b bytes.Buffer
	for len(out) > 0 {
		c, size := utf8.DecodeRune(out)
		if k := int(c) - refPlaceholder; k >= 0 && k < len(refs) {
			b.WriteString(refs[k])
		} else {
			b.Write(out[:size])
		}
		out = out[size:]
	}
	return b.Bytes()
}

// renderStyle writes the page's tags as other markup writes them: names in
// upper case, attribute values in single quotes or none, names of
// attributes in upper case. The tree the parser builds is the same.
func renderStyle(p *Page, r *rand.Rand) (string, bool) {
	p.styleSeed = r.Uint64() | 1
	return "tags and attributes written otherwise", true
}

// restyle rewrites the tags of rendered UTF-8 markup.
func restyle(src []byte, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 13))
	upperTags, upperAttrs := r.IntN(3), r.IntN(3) // 0 never, 1 some, 2 all
	quotes := r.IntN(3)                           // 0 single, 1 none where it can, 2 mixed
	pickCase := func(mode int, s string) string {
		if mode == 2 || mode == 1 && r.IntN(2) == 0 {
			return strings.ToUpper(s)
		}
		return s
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	var out bytes.Buffer
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		name, more := z.TagName()
		out.WriteByte('<')
		if tt == html.EndTagToken {
			out.WriteByte('/')
		}
		out.WriteString(pickCase(upperTags, string(name)))
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			out.WriteByte(' ')
			out.WriteString(pickCase(upperAttrs, string(k)))
			out.WriteByte('=')
			switch q := quotes; {
			case (q == 1 || q == 2 && r.IntN(2) == 0) && unquotedOK(v):
				out.Write(v)
			case q == 0 || q == 2 && r.IntN(2) == 0:
				out.WriteString("'" + html.EscapeString(string(v)) + "'")
			default:
				out.WriteString(`"` + html.EscapeString(string(v)) + `"`)
			}
		}
		if tt == html.SelfClosingTagToken {
			out.WriteString(" /") // apart from an unquoted value
		}
		out.WriteByte('>')
	}
}

// unquotedOK reports an attribute value that may be written without
// quotes.
var reUnquoted = regexp.MustCompile(`^[A-Za-z0-9_.:-]+$`)

func unquotedOK(v []byte) bool { return reUnquoted.Match(v) }

// trailSeparators writes the breadcrumb's separators ("Home > News") as
// another mark.
func trailSeparators(p *Page, r *rand.Rand) (string, bool) {
	b := body(p.doc)
	if b == nil || len(p.rec.Section) < 2 {
		return "", false
	}
	var seps []*html.Node
	walk(b, func(n *html.Node) bool {
		if n.Type != html.ElementNode || hidden(n) {
			return false
		}
		var links []string
		var between []*html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.ElementNode && c.DataAtom == atom.A:
				links = append(links, collapse(visibleText(c)))
			case len(links) > 0 && c.Type == html.TextNode && trailSep(c.Data):
				between = append(between, c)
			}
		}
		if len(between) > 0 && len(links) >= 2 && containsRun(links, p.rec.Section) {
			seps = append(seps, between...)
			return false
		}
		return true
	})
	if len(seps) == 0 {
		return "", false
	}
	to := pick(r, []string{" > ", " › ", " / ", " » ", " | ", " → ", " >> ", " - ", " :: ", "＞", " · ", " \\ "})
	for _, s := range seps {
		s.Data = to
	}
	return fmt.Sprintf("%d separators as %q", len(seps), strings.TrimSpace(to)), true
}

// trailSep reports text that is a breadcrumb separator alone.
func trailSep(s string) bool {
	t := strings.TrimFunc(s, isSpace)
	return t != "" && utf8.RuneCountInString(t) <= 2 && strings.Trim(t, "<>›»/|→-:·＞\\") == ""
}

// containsRun reports whether the section names appear in links in order.
func containsRun(links, section []string) bool {
	k := 0
	for _, l := range links {
		if k < len(section) && l == collapse(section[k]) {
			k++
		}
	}
	return k == len(section)
}

// reISODate matches a date and time as "2025-04-17 14:27:32" prints them.
var reISODate = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?`)

// dateFormat writes the visible date of the page in another format, as
// sites in the ten languages print it: the same day and time to the
// minute (or second) as the record's.
func dateFormat(p *Page, r *rand.Rand) (string, bool) {
	b := body(p.doc)
	if b == nil || len(p.rec.Published) < 16 {
		return "", false
	}
	var hits []*html.Node
	walk(b, func(n *html.Node) bool {
		if n.Type == html.ElementNode && (hidden(n) || n.DataAtom == atom.Time || n.DataAtom == atom.A) {
			return false
		}
		if n.Type == html.TextNode {
			if m := reISODate.FindStringSubmatch(n.Data); m != nil && sameMoment(m, p.rec.Published) {
				hits = append(hits, n)
			}
		}
		return true
	})
	if len(hits) == 0 {
		return "", false
	}
	form := pick(r, dateForms)
	for _, n := range hits {
		loc := reISODate.FindStringSubmatchIndex(n.Data)
		m := reISODate.FindStringSubmatch(n.Data)
		n.Data = n.Data[:loc[0]] + form.write(m) + n.Data[loc[1]:]
	}
	return fmt.Sprintf("%s (%d)", form.name, len(hits)), true
}

// sameMoment reports whether the matched date is the record's, to the
// precision it is printed with.
func sameMoment(m []string, published string) bool {
	s := fmt.Sprintf("%s-%s-%sT%02s:%s", m[1], m[2], m[3], m[4], m[5])
	if m[6] != "" {
		s += ":" + m[6]
	}
	return strings.HasPrefix(published, s)
}

// dateForm is a way of printing a day and a time.
type dateForm struct {
	name  string
	write func(m []string) string
}

var monthNames = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	"pt": {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
	"it": {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
}

// clock prints the time of m: hours and minutes, and seconds when m has
// them.
func clock(m []string) string {
	s := fmt.Sprintf("%02s:%s", m[4], m[5])
	if m[6] != "" {
		s += ":" + m[6]
	}
	return s
}

func num(s string) int { v, _ := strconv.Atoi(s); return v }

func month(lang string, m []string) string { return monthNames[lang][num(m[2])-1] }

var dateForms = []dateForm{
	{"Y/M/D", func(m []string) string { return m[1] + "/" + m[2] + "/" + m[3] + " " + clock(m) }},
	{"D.M.Y", func(m []string) string { return m[3] + "." + m[2] + "." + m[1] + ", " + clock(m) + " Uhr" }},
	{"zh", func(m []string) string {
		return fmt.Sprintf("%s年%d月%d日 %s", m[1], num(m[2]), num(m[3]), clock(m))
	}},
	{"ja", func(m []string) string {
		return fmt.Sprintf("%s年%d月%d日 %s", m[1], num(m[2]), num(m[3]), clock(m))
	}},
	{"ko", func(m []string) string { return fmt.Sprintf("%s. %d. %d. %s", m[1], num(m[2]), num(m[3]), clock(m)) }},
	{"en", func(m []string) string { return fmt.Sprintf("%s %d, %s %s", month("en", m), num(m[3]), m[1], clock(m)) }},
	{"de", func(m []string) string {
		return fmt.Sprintf("%d. %s %s, %s Uhr", num(m[3]), month("de", m), m[1], clock(m))
	}},
	{"fr", func(m []string) string {
		return fmt.Sprintf("%d %s %s à %s", num(m[3]), month("fr", m), m[1], clock(m))
	}},
	{"es", func(m []string) string {
		return fmt.Sprintf("%d de %s de %s, %s", num(m[3]), month("es", m), m[1], clock(m))
	}},
	{"pt", func(m []string) string {
		return fmt.Sprintf("%d de %s de %s %s", num(m[3]), month("pt", m), m[1], clock(m))
	}},
	{"it", func(m []string) string { return fmt.Sprintf("%d %s %s %s", num(m[3]), month("it", m), m[1], clock(m)) }},
	{"ru", func(m []string) string { return fmt.Sprintf("%d %s %s, %s", num(m[3]), month("ru", m), m[1], clock(m)) }},
}
