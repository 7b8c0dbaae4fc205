package report

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Charts are drawn here as inline SVG: every bar is a <g class="bar"> with
// data-label and data-value (tests and scripts read them), a <title> (the
// tooltip) and its value written beside it, so that no value is told by
// colour or length alone. The page's CSS styles them.

// bar is one bar of a chart.
type bar struct {
	Label string
	Value int
	// Parts split a stacked bar by kind (len(kinds) values summing to Value).
	Parts []int
	Href  string // a link for the label
}

const (
	chartWidth = 760
	rowHeight  = 22
	labelWidth = 250
)

func esc(s string) string { return html.EscapeString(s) }

// short cuts s to n characters with an ellipsis.
func short(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// num writes n with thin thousands separators.
func num(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// hbars draws one horizontal bar per item, labels on the left. With kinds,
// bars are stacked by kind, each kind with its own fill and pattern and a
// legend.
func hbars(id, desc string, items []bar, kinds []string) template.HTML {
	if len(items) == 0 {
		return emptyChart(id)
	}
	maxV := 1
	for _, it := range items {
		maxV = max(maxV, it.Value)
	}
	top := 0
	if len(kinds) > 0 {
		top = rowHeight + 6
	}
	h := top + len(items)*rowHeight + 4
	area := float64(chartWidth - labelWidth - 70)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" data-chart="%s" role="img" aria-label="%s" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">`,
		esc(id), esc(desc), chartWidth, h, chartWidth, h)
	if len(kinds) > 0 {
		b.WriteString(patternDefs)
		x := labelWidth
		for k, kind := range kinds {
			fmt.Fprintf(&b, `<rect class="seg k%d" x="%d" y="4" width="14" height="14"/><text class="legend" x="%d" y="16">%s</text>`, k, x, x+18, esc(kind))
			x += 30 + 8*len(kind)
		}
	}
	for i, it := range items {
		y := top + i*rowHeight
		fmt.Fprintf(&b, `<g class="bar" data-label="%s" data-value="%d"`, esc(it.Label), it.Value)
		for k, kind := range kinds {
			fmt.Fprintf(&b, ` data-%s="%d"`, esc(kind), part(it.Parts, k))
		}
		fmt.Fprintf(&b, `><title>%s: %s%s</title>`, esc(it.Label), num(it.Value), partsText(it.Parts, kinds))
		label := fmt.Sprintf(`<text class="label" x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, y+15, esc(short(it.Label, 34)))
		if it.Href != "" {
			label = fmt.Sprintf(`<a href="%s">%s</a>`, esc(it.Href), label)
		}
		b.WriteString(label)
		x := float64(labelWidth)
		if len(kinds) == 0 {
			w := area * float64(it.Value) / float64(maxV)
			fmt.Fprintf(&b, `<rect class="fill" x="%d" y="%d" width="%.1f" height="%d"/>`, labelWidth, y+3, w, rowHeight-6)
			x += w
		}
		for k := range kinds {
			w := area * float64(part(it.Parts, k)) / float64(maxV)
			fmt.Fprintf(&b, `<rect class="seg k%d" x="%.1f" y="%d" width="%.1f" height="%d"/>`, k, x, y+3, w, rowHeight-6)
			x += w
		}
		fmt.Fprintf(&b, `<text class="value" x="%.1f" y="%d">%s</text></g>`, x+5, y+15, num(it.Value))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// patternDefs are the fills of stacked kinds: colour and pattern both.
const patternDefs = `<defs>` +
	`<pattern id="p-k1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="k1bg"/><rect width="2" height="6" class="k1fg"/></pattern>` +
	`<pattern id="p-k2" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="k2bg"/><circle cx="3" cy="3" r="1.3" class="k2fg"/></pattern>` +
	`</defs>`

func part(parts []int, k int) int {
	if k < len(parts) {
		return parts[k]
	}
	return 0
}

func partsText(parts []int, kinds []string) string {
	if len(kinds) == 0 {
		return ""
	}
	var s []string
	for k, kind := range kinds {
		s = append(s, kind+" "+num(part(parts, k)))
	}
	return " (" + strings.Join(s, ", ") + ")"
}

// columns draws one column per item along x (days, buckets), a y axis with
// round ticks, and the labels of every k-th column so that they do not
// overlap.
func columns(id, desc string, items []bar) template.HTML {
	if len(items) == 0 {
		return emptyChart(id)
	}
	const h, left, bottom, topPad = 230, 56, 40, 12
	maxV := 1
	for _, it := range items {
		maxV = max(maxV, it.Value)
	}
	step, yMax := niceTicks(maxV)
	plotH := float64(h - bottom - topPad)
	plotW := float64(chartWidth - left - 10)
	colW := min(plotW/float64(len(items)), 80)
	x0 := float64(left) + (plotW-colW*float64(len(items)))/2 // few columns: centred
	labelEvery := max(1, int(math.Ceil(80/colW)))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" data-chart="%s" role="img" aria-label="%s" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">`,
		esc(id), esc(desc), chartWidth, h, chartWidth, h)
	for v := 0; v <= yMax; v += step {
		y := float64(topPad) + plotH*(1-float64(v)/float64(yMax))
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/><text class="tick" x="%d" y="%.1f" text-anchor="end">%s</text>`,
			left, chartWidth-10, y, y, left-6, y+4, num(v))
	}
	for i, it := range items {
		x := x0 + colW*float64(i)
		ch := plotH * float64(it.Value) / float64(yMax)
		fmt.Fprintf(&b, `<g class="bar" data-label="%s" data-value="%d"><title>%s: %s</title><rect class="fill" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`,
			esc(it.Label), it.Value, esc(it.Label), num(it.Value), x+colW*0.1, float64(topPad)+plotH-ch, max(colW*0.8, 1), ch)
		if len(items) <= 40 && it.Value > 0 {
			fmt.Fprintf(&b, `<text class="value" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x+colW/2, float64(topPad)+plotH-ch-3, num(it.Value))
		}
		if i%labelEvery == 0 {
			fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x+colW/2, h-bottom+16, esc(short(it.Label, 12)))
		}
		b.WriteString(`</g>`)
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/></svg>`, left, chartWidth-10, float64(topPad)+plotH, float64(topPad)+plotH)
	return template.HTML(b.String())
}

// niceTicks returns a round tick step and the axis maximum (a multiple of
// it) for values up to maxV: 1, 2 or 5 times a power of ten, 3 to 6 ticks.
func niceTicks(maxV int) (step, top int) {
	raw := float64(maxV) / 5
	mag := math.Pow(10, math.Floor(math.Log10(max(raw, 1))))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = int(m * mag)
			break
		}
	}
	step = max(step, 1)
	top = (maxV + step - 1) / step * step
	return step, max(top, step)
}

// emptyChart stands for a chart without data, so that every section has
// its chart.
func emptyChart(id string) template.HTML {
	return template.HTML(fmt.Sprintf(`<svg class="chart empty" data-chart="%s" role="img" aria-label="no data" viewBox="0 0 %d 30" width="%d" height="30" xmlns="http://www.w3.org/2000/svg"><text class="label" x="0" y="20">No data.</text></svg>`,
		esc(id), chartWidth, chartWidth))
}
