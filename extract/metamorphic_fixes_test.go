package extract_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/newsclip/newsclip/extract"
)

// Layouts the metamorphic suite broke, written by hand, each with the
// neighbours of its mechanism that the suite had not produced yet.

// oneCell sets a paragraph as a one-cell table.
func oneCell(s string) string { return "<table><tbody><tr><td>" + s + "</td></tr></tbody></table>" }

// wrap puts s in the given wrapper tags, outermost first.
func wrap(s string, tags ...string) string {
	for i := len(tags) - 1; i >= 0; i-- {
		s = "<" + tags[i] + ">" + s + "</" + tags[i] + ">"
	}
	return s
}

// brLines joins paragraphs with <br><br>, as text in one element.
func brLines(ps []string) string { return strings.Join(ps, "<br><br>\n") }

// TestBodyWrappedParagraphs: wrappers that hold a paragraph alone (divs,
// sections, fonts, the cell, row and body of a one-cell table) are invisible
// to a reader, and so to the body's container; the body is the five
// paragraphs however each is wrapped, and beside a box of <br> lines.
func TestBodyWrappedParagraphs(t *testing.T) {
	p := shapeParas
	for _, tc := range []struct{ name, body string }{
		{"each paragraph a one-cell table", `<div class="c">` + oneCell(p[0]) + oneCell(p[1]) + oneCell(p[2]) + oneCell(brLines(p[3:])) + `</div>`},
		{"one-cell tables in a layout cell", oneCell(oneCell(p[0]) + `<div>` + p[1] + `</div>` + oneCell(p[2]) + oneCell(brLines(p[3:])))},
		{"first paragraph a one-cell table beside <br> lines", `<div>` + oneCell(p[0]) + `<section>` + brLines(p[1:]) + `</section></div>`},
		{"first paragraph a div beside a div of <br> lines", `<div><div>` + p[0] + `</div><div>` + brLines(p[1:]) + `</div></div>`},
		{"first paragraph a <p> in a div beside <br> lines", `<div><div><p>` + p[0] + `</p></div><div>` + brLines(p[1:]) + `</div></div>`},
		{"paragraphs deep in wrappers, the last two as <br> lines", `<td>` +
			wrap(`<p>`+p[0]+`</p>`, "section", "div", "div", "div") + wrap(p[1], "div", "section", "div") +
			`<div>` + p[2] + `</div>` + wrap(brLines(p[3:]), "section", "div", "div", "div") + `</td>`},
		{"paragraphs in fonts and spans set as boxes", `<div>` + wrap(`<p>`+p[0]+`</p>`, "font") + wrap(`<p>`+p[1]+`</p>`, "div", "div") +
			`<p>` + p[2] + `</p>` + wrap(`<p>`+p[3]+`</p>`, "center") + `<p>` + p[4] + `</p></div>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkBody(t, `<table><tr><td>`+tc.body+`</td><td width="200"><div>Weather: 12°C</div></td></tr></table>`, p)
		})
	}
}

// TestBodyAcrossBoxes: the story goes on past an ad slot whatever sits
// around it: a box set in the story before the slot (a quote), the next
// paragraph in wrappers of its own. A kicker above the headline is no
// lead-in however it is wrapped.
func TestBodyAcrossBoxes(t *testing.T) {
	p := shapeParas
	quote := "“We have waited twenty years for this line, and we will use it every day,” said a resident of the northern suburbs."
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"ad slots after a quote box in the story", `<div class="s"><p>` + p[0] + `</p><p>` + p[1] + `</p><blockquote><p>` + quote + `</p></blockquote>` +
			`<div class="x"><div>Advertisement</div><iframe src="https://ads.example.net/1"></iframe></div><p>` + p[2] + `</p>` +
			`<div class="y"><span>Publicidad</span></div><p>` + p[3] + `</p><div><span>广告</span></div><p>` + p[4] + `</p></div>`,
			[]string{p[0], p[1], quote, p[2], p[3], p[4]}},
		{"an ad slot, then a paragraph in wrappers", `<div class="s"><p>` + p[0] + `</p><p>` + p[1] + `</p><p>` + p[2] + `</p>` +
			`<div class="k"><p>Anzeige</p></div>` + wrap(`<p>`+p[3]+`</p>`, "div", "div", "div") + `<p>` + p[4] + `</p></div>`, p},
		{"a kicker above the headline, wrapped", `<div class="col">` + wrap(`<div>BREAKING NEWS</div>`, "div") +
			wrap(`<h2>Council funds bus line</h2>`, "div") + wrap(`<p>`+p[0]+`</p>`+`<p>`+p[1]+`</p>`+`<p>`+p[2]+`</p>`+`<p>`+p[3]+`</p>`+`<p>`+p[4]+`</p>`, "div") + `</div>`, p},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkBody(t, tc.body, tc.want)
		})
	}
}

// checkBody extracts a page around body and checks its text is want.
func checkBody(t *testing.T, body string, want []string) {
	t.Helper()
	page := `<html><head><title>Council funds bus line</title></head><body><div class="menu"><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></div>` +
		body + `<div class="foot">© 2025 News Example</div></body></html>`
	a, err := extract.New(extract.Options{}).Extract(strings.NewReader(page), extract.Source{URL: shapeSite + "/2025/04/17/bus-line.html"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(strings.Join(want, "\n\n"), a.Text); diff != "" {
		t.Errorf("Extract(page) body mismatch (-want +got):\n%s", diff)
	}
}

// TestBlockShapesSeen: block layouts the metamorphic suite produced, and
// their neighbours.
func TestBlockShapesSeen(t *testing.T) {
	timeItem := `<a href="%s">%s</a><span class="t">%[3]dh ago</span><br>`
	for _, tc := range []struct {
		name, body string
		want       []shapeBlock
	}{
		{
			"<br> items each with a time after the link, the last one too",
			`<div>` + shapeBody + `</div><section><h2>More in Business</h2><div>` + items(4, "m", timeItem) + `</div></section>`,
			[]shapeBlock{{"more", "More in Business", urls("m", 1, 4)}},
		},
		{
			"the same inside the body's container, between paragraphs",
			`<div>` + "<p>" + strings.Join(shapeParas[:3], "</p><p>") + "</p>" + `<section><h2>More in Business</h2><div>` + items(4, "m", timeItem) +
				`</div></section><p>` + strings.Join(shapeParas[3:], "</p><p>") + `</p></div>`,
			[]shapeBlock{{"more", "More in Business", urls("m", 1, 4)}},
		},
		{
			"the time in a cell after each link, rows of a table",
			`<div>` + shapeBody + `</div><h3>Latest news</h3><table>` + items(4, "m", `<tr><td><a href="%s">%s</a></td><td>%[3]dh ago</td></tr>`) + `</table>`,
			[]shapeBlock{{"more", "Latest news", urls("m", 1, 4)}},
		},
		{
			"heading one-cell tables away from the list",
			`<div>` + shapeBody + `</div>` + oneCell(oneCell(oneCell(`<span>Ranking</span>`))) +
				oneCell(oneCell(oneCell(oneCell(oneCell(`<div>`+items(5, "k", `<div><a href="%s">%s</a></div><br>`)+`</div>`))))),
			[]shapeBlock{{"ranking", "Ranking", urls("k", 1, 5)}},
		},
		{
			"a plain \"More from\" label after a row of tools",
			`<div>` + shapeBody + `</div><p class="tools"><a href="/print/?id=4">Print</a> | <a href="mailto:?subject=Bus">Email this story</a></p>` +
				`<div>More from News Example</div><ul>` + items(4, "m", liItem) + `</ul>`,
			[]shapeBlock{{"more", "More from News Example", urls("m", 1, 4)}},
		},
		{
			"section links as headings of lists set back to back",
			`<div>` + shapeBody + `</div><div><b><a href="/business/">Business</a></b></div><ul>` + items(5, "b", liItem) + `</ul>` +
				`<div><a href="/opinion/">Opinion</a></div><ul>` + items(4, "o", liItem) + `</ul>` +
				`<div><a href="/sport/">Sport</a></div><ul>` + items(3, "s", liItem) + `</ul>`,
			[]shapeBlock{{"more", "Business", urls("b", 1, 5)}, {"more", "Opinion", urls("o", 1, 4)}, {"more", "Sport", urls("s", 1, 3)}},
		},
		{
			"a plain link naming the list over a grid",
			`<div>` + shapeBody + `</div><section><div><a href="/business/">Ultime notizie</a></div><table><tr>` + items(3, "u", cellItem) +
				`</tr><tr>` + items(3, "v", cellItem) + `</tr></table></section>`,
			[]shapeBlock{{"more", "Ultime notizie", append(urls("u", 1, 3), urls("v", 1, 3)...)}},
		},
		{
			"a plain section link over a grid",
			`<div>` + shapeBody + `</div><section><div><a href="/business/">Business</a></div><table><tr>` + items(3, "u", cellItem) +
				`</tr><tr>` + items(3, "v", cellItem) + `</tr></table></section>`,
			[]shapeBlock{{"more", "Business", append(urls("u", 1, 3), urls("v", 1, 3)...)}},
		},
		{
			"a plain section link over a list, headings and lists wrapped apart",
			`<div>` + shapeBody + `</div><div><div><a href="/business/">Business</a></div></div><div><ul>` + items(4, "u", liItem) + `</ul></div>`,
			[]shapeBlock{{"more", "Business", urls("u", 1, 4)}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkShape(t, tc.body, tc.want)
		})
	}
}

// TestMetaCharsetAnyCase: a charset declared in a <meta> written in upper
// case or with other quoting is read (render-style variants).
func TestMetaCharsetAnyCase(t *testing.T) {
	title := "多地推出春季消费新举措"
	for _, decl := range []string{
		`<META CHARSET=gbk>`, `<meta Charset='GBK'>`,
		`<META HTTP-EQUIV='Content-Type' CONTENT='text/html; CHARSET=GBK'>`,
		`<meta http-equiv=Content-Type content="text/html; charset=gbk">`,
	} {
		page := `<html><head>` + decl + `<title>` + title + `</title></head><body><h1>` + title + `</h1><p>` +
			strings.Repeat("春季是传统的消费旺季，各地推出新举措。", 6) + `</p></body></html>`
		raw, err := simplifiedchinese.GBK.NewEncoder().String(page)
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.New(extract.Options{}).ExtractBytes([]byte(raw), extract.Source{URL: shapeSite + "/a.html"})
		if err != nil {
			t.Fatalf("%s: %v", decl, err)
		}
		if a.Title != title {
			t.Errorf("%s: Extract(page).Title = %q, want %q", decl, a.Title, title)
		}
	}
}

// TestItemExtrasSeen: item extras of the sweep of seeds 7–40 and their
// neighbours. Two dates or times after a link, the second ending in an
// abbreviation ("vor 1 Std.", "Min."), are no summary; a rank in a box of
// its own ("No.1", "1位", "Nr. 3") under the block's heading is no heading
// and no body text, whether the items are list items, bare links or <br>
// lines below a heading in another parent.
func TestItemExtrasSeen(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []shapeBlock
	}{
		{"two times after each link, the second an abbreviation",
			`<div>` + shapeBody + `</div><section><h2>More in Business</h2><ul>` +
				items(4, "m", `<li><a href="%s">%s</a><span>%[3]dh ago</span> <small>vor %[3]d Std.</small></li>`) + `</ul></section>`,
			[]shapeBlock{{"more", "More in Business", urls("m", 1, 4)}}},
		{"a date and a time in minutes after each link",
			`<div>` + shapeBody + `</div><section><h2>Latest news</h2><ul>` +
				items(4, "m", `<li><a href="%s">%s</a> <em>17.04.2025</em> <em>vor %[3]d Min.</em></li>`) + `</ul></section>`,
			[]shapeBlock{{"more", "Latest news", urls("m", 1, 4)}}},
		{"ranks in spans before bare links, the block between paragraphs",
			`<div><p>` + strings.Join(shapeParas[:3], "</p><p>") + `</p><section><h2>You may also like</h2>` +
				items(4, "r", `<span>No.%[3]d</span> <a href="%[1]s"><span>%[2]s</span></a>`) +
				`</section><p>` + strings.Join(shapeParas[3:], "</p><p>") + `</p></div>`,
			[]shapeBlock{{"recommendation", "You may also like", urls("r", 1, 4)}}},
		{"numbered <br> lines with a rank box each, heading in another parent",
			`<div>` + shapeBody + `</div><section><h2>Ranking</h2><div>` +
				items(5, "k", `%[3]d. <span>No.%[3]d</span> <a href="%[1]s">%[2]s</a><br>`) + `</div></section>`,
			[]shapeBlock{{"ranking", "Ranking", urls("k", 1, 5)}}},
		{"CJK rank boxes on <br> lines",
			`<div>` + shapeBody + `</div><section><h3>Ranking</h3><div>` +
				items(5, "k", `<em>%[3]d位</em> <a href="%[1]s">%[2]s</a><br>`) + `</div></section>`,
			[]shapeBlock{{"ranking", "Ranking", urls("k", 1, 5)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkShape(t, tc.body, tc.want)
		})
	}
}

// TestDateLineMixedScripts: a label line with a date written with a few
// CJK characters ("Date:2025年4月17日 14:27") weighs as the Latin line it
// mostly is, not as CJK text three times its length: it is no paragraph.
func TestDateLineMixedScripts(t *testing.T) {
	for _, line := range []string{
		"<span>View</span> <span>Date:2025年4月17日 14:27:32</span>",
		"<span>Posted 2025年4月17日 (木) 14:27</span>",
		"<span>Datum: 2025년 4월 17일 14:27</span>",
	} {
		t.Run(line, func(t *testing.T) {
			checkBody(t, `<article><h1>Council funds bus line</h1><div>`+line+`</div>`+shapeBody+`</article>`, shapeParas)
		})
	}
}

// TestSoftHyphensDropped: a soft hyphen (U+00AD, &shy;) shows only where a
// line breaks, and <wbr> not at all: the body's words are whole, as a
// reader copies them.
func TestSoftHyphensDropped(t *testing.T) {
	p := shapeParas
	soft := strings.Replace(strings.Replace(p[0], "a", "a&shy;", 2), "e", "e\u00ad", 1)
	wbr := strings.Replace(p[1], "o", "o<wbr>", 2)
	checkBody(t, `<article><p>`+soft+`</p><p lang="en" dir="auto">`+wbr+`</p><p>`+strings.Join(p[2:], "</p><p>")+`</p></article>`, p)
}
