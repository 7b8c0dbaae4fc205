package explainview

import (
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"

	"github.com/newsclip/newsclip/extract"
)

// palette gives each outline style its colour, from the Okabe–Ito palette
// (told apart with the common colour-vision deficiencies), and its line:
// solid for the body, dashed for link blocks, dotted for what was left out.
// Colour is never the only sign: every outline carries its label's text.
var palette = []struct{ style, colour, line string }{
	{extract.ClassBody, "#009E73", "3px solid"},
	{extract.KindRelated, "#0072B2", "3px dashed"},
	{extract.KindRanking, "#E69F00", "3px dashed"},
	{extract.KindRecommendation, "#CC79A7", "3px dashed"},
	{extract.KindMore, "#56B4E9", "3px dashed"},
	{extract.ClassReactions, "#D55E00", "4px double"},
	{extract.ClassBreadcrumb, "#000000", "2px dotted"},
	{extract.ClassNavigation, "#555555", "2px dotted"},
	{extract.ClassComments, "#555555", "2px dashed"},
	{extract.ClassContent, "#000000", "1px dashed"},
	{"dropped", "#888888", "2px dotted"},
}

// styleSheet is the file's own CSS; the page's rules stay, the panel's
// are scoped to #nc-panel and the labels to the data-nc-* attributes.
var styleSheet = func() string {
	var b strings.Builder
	b.WriteString(`
html body{margin-right:calc(min(40vw,560px) + 16px) !important}
[data-nc-label]{outline:2px dotted #888 !important;outline-offset:-2px}
[data-nc-label]::before{content:attr(data-nc-label) !important;display:inline-block !important;float:none !important;
position:static !important;font:bold 11px/1.4 system-ui,sans-serif !important;color:#000 !important;
background:#fff !important;border:1px solid #000 !important;border-left-width:8px !important;padding:0 4px !important;
margin:0 4px 2px 0 !important;border-radius:2px;white-space:nowrap;text-transform:none !important;
letter-spacing:0 !important;text-indent:0 !important;width:auto !important;height:auto !important;
opacity:1 !important;visibility:visible !important}
[data-nc-truth=extra]{background-image:repeating-linear-gradient(45deg,rgba(213,94,0,.18) 0 6px,transparent 6px 12px) !important}
[data-nc-truth=missing]{background-image:repeating-linear-gradient(-45deg,rgba(0,114,178,.18) 0 6px,transparent 6px 12px) !important}
.nc-placeholder{border:1px dashed #666;padding:8px;color:#333;background:#eee;font:12px sans-serif}
#nc-panel{position:fixed;top:0;right:0;bottom:0;width:min(40vw,560px);overflow:auto;z-index:2147483647;
background:#fff;color:#111;border-left:3px solid #000;padding:8px 12px;font:13px/1.45 system-ui,sans-serif;text-align:left;box-sizing:border-box}
#nc-panel *{font-family:inherit;color:inherit;float:none;position:static;box-sizing:border-box;max-width:100%}
#nc-panel h1{font-size:17px;margin:4px 0}#nc-panel h2{font-size:14px;margin:14px 0 4px;border-bottom:1px solid #999}
#nc-panel ol,#nc-panel ul{margin:0;padding-left:22px}#nc-panel li{margin:3px 0;list-style:revert}
#nc-panel q{color:#444}#nc-panel .nc-rule{font-weight:bold}#nc-panel .nc-figs{color:#333}
#nc-panel pre{font:11px/1.35 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word;background:#f4f4f4;padding:6px;border:1px solid #ccc}
#nc-panel .nc-chip{display:inline-block;font:bold 11px/1.4 system-ui,sans-serif;color:#000;background:#fff;
border:1px solid #000;border-left-width:8px;padding:0 4px;border-radius:2px;text-decoration:none;white-space:nowrap}
#nc-panel .nc-truth-missing{background:rgba(0,114,178,.12)}#nc-panel .nc-truth-extra{background:rgba(213,94,0,.12)}
`)
	for _, p := range palette {
		fmt.Fprintf(&b, "[data-nc-label][data-nc-style=%q]{outline:%s %s !important}\n", p.style, p.line, p.colour)
		fmt.Fprintf(&b, "[data-nc-label][data-nc-style=%q]::before{border-color:%s !important}\n", p.style, p.colour)
		fmt.Fprintf(&b, "#nc-panel .nc-chip[data-chip=%q]{border-color:%s}\n", p.style, p.colour)
	}
	return b.String()
}()

// panelHTML is the side panel: the legend, the truth's differences, the
// parts with their reasons, the record.
func panelHTML(a *extract.Article, tr *extract.Trace, parts []*part, cmp *comparison, opt Options) string {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString(`<aside id="nc-panel" aria-label="newsclip explain">`)
	b.WriteString(`<h1>newsclip explain</h1>`)
	if opt.Input != "" {
		fmt.Fprintf(&b, `<p>%s</p>`, esc(opt.Input))
	}
	if a != nil {
		fmt.Fprintf(&b, `<p><b>%s</b><br>%d words in the body, %d link blocks</p>`, esc(a.Title), a.WordCount, len(a.Blocks))
	}
	legend(&b, parts)
	for _, e := range tr.Entries {
		if e.Node < 0 {
			fmt.Fprintf(&b, `<p class="nc-page"><span class="nc-chip" data-chip="dropped">page</span> <span class="nc-rule">%s</span>: %s%s</p>`,
				esc(e.Rule), esc(e.Reason), figures(e.Figures))
		}
	}
	if cmp != nil {
		truthSection(&b, cmp)
	}
	n := 0
	for _, p := range parts {
		n += len(p.entries)
	}
	fmt.Fprintf(&b, `<h2>Parts (%d)</h2><ol id="nc-parts">`, n)
	for _, p := range parts {
		for _, e := range p.entries {
			cls := ""
			if p.truth != "" {
				cls = ` class="nc-truth-` + p.truth + `"`
			}
			fmt.Fprintf(&b, `<li%s data-entry-node="%d" data-entry-class="%s"><a class="nc-chip" data-chip="%s" href="#%s">%s</a> <span class="nc-rule">%s</span>: %s%s`,
				cls, p.node, esc(e.Class), esc(styleClass([]string{e.Class})), esc(p.id), esc(e.Class), esc(e.Rule), esc(e.Reason), figures(e.Figures))
			if e.Text != "" {
				fmt.Fprintf(&b, ` <q>%s</q>`, esc(excerpt(e.Text, 90)))
			}
			if len(e.Steps) > 0 {
				fmt.Fprintf(&b, ` <small>(earlier: %s)</small>`, esc(strings.Join(e.Steps, "; ")))
			}
			b.WriteString(`</li>`)
		}
	}
	b.WriteString(`</ol>`)
	b.WriteString(`<h2>Record</h2><p>as <code>newsclip extract</code> writes it</p><pre id="nc-record">`)
	b.WriteString(esc(string(opt.Record)))
	b.WriteString(`</pre></aside>`)
	return b.String()
}

// legend lists the classes on the page with their outline and count.
func legend(b *strings.Builder, parts []*part) {
	count := map[string]int{}
	for _, p := range parts {
		for _, c := range classesOf(p.entries) {
			count[c]++
		}
	}
	classes := make([]string, 0, len(count))
	for c := range count {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	b.WriteString(`<h2>Legend</h2><ul id="nc-legend">`)
	for _, c := range classes {
		fmt.Fprintf(b, `<li><span class="nc-chip" data-chip="%s">%s</span> %d</li>`,
			html.EscapeString(styleClass([]string{c})), html.EscapeString(c), count[c])
	}
	b.WriteString(`</ul>`)
}

// truthSection lists the expected lines the body lacks and its extra ones.
func truthSection(b *strings.Builder, c *comparison) {
	fmt.Fprintf(b, `<h2>Against the truth</h2><p>%d expected lines, %d body paragraphs: %d missing, %d extra</p>`,
		c.truthN, c.bodyN, len(c.missing), len(c.extra))
	for _, s := range []struct {
		id, name string
		lines    []string
	}{{"nc-missing", "missing", c.missing}, {"nc-extra", "extra", c.extra}} {
		if len(s.lines) == 0 {
			continue
		}
		fmt.Fprintf(b, `<p><b>%s</b> (%d)</p><ol id="%s">`, strings.ToUpper(s.name), len(s.lines), s.id)
		for _, l := range s.lines {
			fmt.Fprintf(b, `<li class="nc-truth-%s">%s</li>`, s.name, html.EscapeString(excerpt(l, 240)))
		}
		b.WriteString(`</ol>`)
	}
}

// figures renders figures as " (a 1 > 0.5, b 2)".
func figures(fs []extract.Figure) string {
	if len(fs) == 0 {
		return ""
	}
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = f.String()
	}
	return ` <span class="nc-figs">(` + html.EscapeString(strings.Join(s, ", ")) + `)</span>`
}

// excerpt cuts s to n runes.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "… (" + strconv.Itoa(len(r)) + " characters)"
}
