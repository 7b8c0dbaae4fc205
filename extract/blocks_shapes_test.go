package extract_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
)

// Hand-made page shapes for the link-block finder: a block is a run of
// similar link items wherever it sits, with the nearest heading-like element
// before it. Every case checks the blocks (kind, heading, every URL in
// order) and that the body keeps its five paragraphs and nothing of a block.

const shapeSite = "https://news.example"

// shapeParas are the paragraphs of the story; shapeBody is their markup.
var shapeParas = []string{
	"The regional council voted on Tuesday to fund a new bus line, a decision that officials said would cut commuting times for thousands of residents.",
	"The line will link the northern suburbs with the hospital and the university, with a bus every ten minutes at peak hours and every twenty in the evening.",
	"Opposition members argued that the money would be better spent on repairing roads, but the motion passed by twenty-one votes to fourteen.",
	"Construction of the new stops is expected to begin in the autumn, and the first buses should run before the end of next year, the council said.",
	"Residents will be able to comment on the planned route at three public meetings in May, details of which will be published on the council's website.",
}

var shapeBody = "<p>" + strings.Join(shapeParas, "</p>\n<p>") + "</p>\n"

// headline is the title of item i of list prefix: a headline of six words.
func headline(prefix string, i int) string {
	return fmt.Sprintf("Story %s%d on the harbour works", prefix, i)
}

func itemURL(prefix string, i int) string { return fmt.Sprintf("/news/%s-%d.html", prefix, i) }

// items renders n items of list prefix with format f, which gets the href
// and the title (and may use %[3]d for the item's number).
func items(n int, prefix, f string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if strings.Contains(f, "%[3]d") {
			fmt.Fprintf(&b, f, itemURL(prefix, i), headline(prefix, i), i)
		} else {
			fmt.Fprintf(&b, f, itemURL(prefix, i), headline(prefix, i))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// urls is the absolute URLs of items from..to of list prefix.
func urls(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, shapeSite+itemURL(prefix, i))
	}
	return out
}

type shapeBlock struct {
	Kind, Heading string
	URLs          []string
}

// The item formats.
const (
	divItem   = `<div class="y5w"><a href="%s">%s</a></div>`
	pItem     = `<p><a href="%s">%s</a></p>`
	brItem    = `<a href="%s">%s</a><br>`
	spanItem  = `<span><a href="%s">%s</a></span><br>`
	liItem    = `<li><a href="%s">%s</a></li>`
	rankItem  = `<div class="e4n"><span class="o8i">%[3]d</span><a href="%[1]s">%[2]s</a></div>`
	thumbItem = `<div class="f3v"><a href="%[1]s"><img src="/t/%[3]d.jpg" alt=""></a><a href="%[1]s">%[2]s</a></div>`
	dateItem  = `<li><a href="%s">%s</a> <span class="d">2025-04-1%[3]d</span></li>`
	countItem = `<li><a href="%s">%s</a> <em>(1%[3]d3)</em></li>`
	rowItem   = `<tr><td>&middot; <a href="%s">%s</a></td></tr>`
	cellItem  = `<td><a href="%s">%s</a></td>`
	// A story card: a thumbnail link whose text is only in its title, the
	// headline in a heading, a summary and a time.
	summaryCard = `<article><a class="t" href="%[1]s" title="%[2]s"><img src="/t/%[3]d.jpg" alt=""></a><h4><a href="%[1]s">%[2]s</a></h4>` +
		`<p>The council said the plan would be reviewed again before the end of the year.</p><time>2 hours ago</time></article>`
	cardItem = `<a class="card" href="%[1]s"><img src="/t/%[3]d.jpg" alt=""><span>%[2]s</span></a>`
	// Item extras: a rank with a period before a card, a rank and a time
	// around a bare link, a grid cell of a thumbnail and a headline.
	rankDotCard  = `<em class="k2">%[3]d.</em> <a href="%[1]s"><img src="/t/%[3]d.jpg" alt=""><span>%[2]s</span></a>`
	rankTimeItem = `<span class="q">%[3]d.</span> <a href="%[1]s">%[2]s</a><small>%[3]dh ago</small><br>`
	thumbCell    = `<td><a href="%[1]s"><img src="/t/%[3]d.jpg" alt=""></a> <a href="%[1]s"><img src="/i/%[3]d.jpg" alt=""><br>%[2]s</a></td>`
)

func TestBlockShapes(t *testing.T) {
	related := func(prefix string, n int) shapeBlock { return shapeBlock{"related", "Related", urls(prefix, 1, n)} }
	for _, tc := range []struct {
		name, body string
		want       []shapeBlock
	}{
		{
			"seed shape: heading div and sibling divs in the body's container",
			`<div class="p8r">` + shapeBody + `<div class="g6h">veryGood! (46151)</div><div class="r7t">Related</div>` + items(10, "r", divItem) + `</div>`,
			[]shapeBlock{related("r", 10)},
		},
		{
			"sibling paragraphs under an h4",
			`<div>` + shapeBody + `<h4>Related</h4>` + items(5, "r", pItem) + `</div>`,
			[]shapeBlock{related("r", 5)},
		},
		{
			"bare links separated by br under a bold label",
			`<div>` + shapeBody + `<b>Related</b><br>` + items(4, "r", brItem) + `</div>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"spans and br under strong, in a div of their own",
			`<div>` + shapeBody + `</div><div><strong>Related articles</strong><br>` + items(4, "r", spanItem) + `</div>`,
			[]shapeBlock{{"related", "Related articles", urls("r", 1, 4)}},
		},
		{
			"heading as bare text before br-separated links",
			`<div>` + shapeBody + `</div><div>See also<br>` + items(3, "r", brItem) + `</div>`,
			[]shapeBlock{{"related", "See also", urls("r", 1, 3)}},
		},
		{
			"bare text heading in the body's container",
			`<div>` + shapeBody + `Mehr zum Thema<br>` + items(3, "r", brItem) + `</div>`,
			[]shapeBlock{{"related", "Mehr zum Thema", urls("r", 1, 3)}},
		},
		{
			"heading in another parent than the items",
			`<div>` + shapeBody + `</div><div class="hd"><div><span>Read more</span></div></div><div class="bd"><div>` + items(6, "r", divItem) + `</div></div>`,
			[]shapeBlock{{"related", "Read more", urls("r", 1, 6)}},
		},
		{
			"table rows under a heading row",
			`<table><tr><td>` + shapeBody + `</td></tr></table><table><tr><td class="tit">&nbsp;Related</td></tr><tr><td><table>` + items(6, "r", rowItem) + `</table></td></tr></table>`,
			[]shapeBlock{related("r", 6)},
		},
		{
			"a last link to a listing, shorter than the headlines, is no item",
			`<div>` + shapeBody + `</div><h3>Related</h3><ul>` + items(4, "r", liItem) + `<li><a href="/news/">Nachrichten</a></li></ul>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"a last link with an arrow, after the list, is no item",
			`<div>` + shapeBody + `</div><h3>Related</h3><ul>` + items(4, "r", liItem) + `</ul><div><a href="/news/r-all.html">Übersicht ›</a></div>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"a last link of an unlisted phrase in a row of its own",
			`<div>` + shapeBody + `</div><div>Related</div><table>` + items(4, "r", rowItem) + `<tr><td><a href="/ressort/politik">Alle anzeigen</a></td></tr></table>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"a short last headline to a story's address stays an item",
			`<div>` + shapeBody + `</div><h3>Related</h3><ul>` + items(4, "r", liItem) + `<li><a href="/news/r-5.html">Story 5</a></li></ul>`,
			[]shapeBlock{related("r", 5)},
		},
		{
			"a short last headline to a slug stays an item",
			`<div>` + shapeBody + `</div><h3>Related</h3><ul>` + items(4, "r", liItem) + `<li><a href="/news/story-five-ends/">Story five</a></li></ul>`,
			[]shapeBlock{{"related", "Related", append(urls("r", 1, 4), shapeSite+"/news/story-five-ends/")}},
		},
		{
			"items that all point to listings keep their short last one",
			`<div>` + shapeBody + `</div><h3>Related</h3><ul>` + strings.NewReplacer("-1.html", "one/", "-2.html", "two/", "-3.html", "three/").Replace(items(3, "r", liItem)) +
				`<li><a href="/news/world/">Story one</a></li></ul>`,
			[]shapeBlock{{"related", "Related", []string{shapeSite + "/news/rone/", shapeSite + "/news/rtwo/", shapeSite + "/news/rthree/", shapeSite + "/news/world/"}}},
		},
		{
			"card links with a rank number and a period before each, bare in a section",
			`<div>` + shapeBody + `</div><section><h2>You may also like</h2>` + items(4, "r", rankDotCard) + `</section>`,
			[]shapeBlock{{"recommendation", "You may also like", urls("r", 1, 4)}},
		},
		{
			"br-separated links, a rank before each and a time after",
			`<div>` + shapeBody + `</div><div><h3>Related</h3>` + items(4, "r", rankTimeItem) + `</div>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"grid rows of four cells, each a thumbnail and a headline linked to one story",
			`<div>` + shapeBody + `</div><div class="tit">Recommended</div><table><tr>` + items(4, "g", thumbCell) + `</tr><tr>` +
				strings.ReplaceAll(items(4, "g", thumbCell), "/news/g-", "/news/g-x") + `</tr></table>`,
			[]shapeBlock{{"recommendation", "Recommended", append(urls("g", 1, 4), shapeSite+"/news/g-x1.html", shapeSite+"/news/g-x2.html",
				shapeSite+"/news/g-x3.html", shapeSite+"/news/g-x4.html")}},
		},
		{
			"a row of eight short menu links in a table is no block",
			`<table><tr>` + strings.Repeat(`<td><a href="/sport/">Sport</a></td><td><a href="/news/">News</a></td>`, 4) + `</tr></table><div>` + shapeBody + `</div>`,
			nil,
		},
		{
			"grid of table cells, two a row",
			`<div>` + shapeBody + `</div><div class="tit">Recommended</div><table>` +
				"<tr>" + items(2, "g", cellItem) + "</tr><tr>" + strings.ReplaceAll(items(2, "h", cellItem), "/news/h-", "/news/g-x") + "</tr></table>",
			[]shapeBlock{{"recommendation", "Recommended", []string{shapeSite + "/news/g-1.html", shapeSite + "/news/g-2.html", shapeSite + "/news/g-x1.html", shapeSite + "/news/g-x2.html"}}},
		},
		{
			"grid of div cells in rows",
			`<div>` + shapeBody + `</div><h3>Editor's picks</h3><div class="grid"><div class="row">` + items(3, "g", divItem) + `</div><div class="row">` +
				strings.ReplaceAll(items(3, "g", divItem), "/news/g-", "/news/g-2") + `</div></div>`,
			[]shapeBlock{{"recommendation", "Editor's picks", append(urls("g", 1, 3), shapeSite+"/news/g-21.html", shapeSite+"/news/g-22.html", shapeSite+"/news/g-23.html")}},
		},
		{
			"trailing More link as a sibling item",
			`<div>` + shapeBody + `<div>Related</div>` + items(4, "r", divItem) + `<div><a href="/related/">More »</a></div></div>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"trailing More link as a bare link",
			`<div>` + shapeBody + `</div><div><h3>Most read</h3>` + items(5, "m", brItem) + `<a href="/popular/">More &gt;&gt;</a></div>`,
			[]shapeBlock{{"ranking", "Most read", urls("m", 1, 5)}},
		},
		{
			"heading with a More link in it",
			`<div>` + shapeBody + `</div><div class="tit"><span>Trending</span> <a href="/trending/">More »</a></div><ul>` + items(4, "t", liItem) + `</ul>`,
			[]shapeBlock{{"ranking", "Trending", urls("t", 1, 4)}},
		},
		{
			"list before the body in source order",
			`<div class="side"><div class="h9o">Ranking</div>` + items(8, "k", rankItem) + `</div><div class="main">` + shapeBody + `</div>`,
			[]shapeBlock{{"ranking", "Ranking", urls("k", 1, 8)}},
		},
		{
			"two lists back to back without a heading between",
			`<div>` + shapeBody + `</div><div><div class="h9o">Popular</div>` + items(5, "k", rankItem) + items(4, "c", thumbItem) + `</div>`,
			[]shapeBlock{{"ranking", "Popular", urls("k", 1, 5)}, {"more", "", urls("c", 1, 4)}},
		},
		{
			"three headed lists flattened into one parent",
			`<div>` + shapeBody + `<div>Related</div>` + items(4, "r", divItem) + `<div>Ranking</div>` + items(5, "k", divItem) +
				`<div>Recommendation</div>` + items(3, "c", divItem) + `</div>`,
			[]shapeBlock{related("r", 4), {"ranking", "Ranking", urls("k", 1, 5)}, {"recommendation", "Recommendation", urls("c", 1, 3)}},
		},
		{
			"list in the body's container, no heading",
			`<div>` + shapeBody + items(4, "x", divItem) + `</div>`,
			[]shapeBlock{{"more", "", urls("x", 1, 4)}},
		},
		{
			"items with a thumbnail link beside the headline",
			`<div>` + shapeBody + `</div><section><h2>You may also like</h2>` + items(4, "c", thumbItem) + `</section>`,
			[]shapeBlock{{"recommendation", "You may also like", urls("c", 1, 4)}},
		},
		{
			"cards: a link holding a picture and the headline",
			`<div>` + shapeBody + `</div><div><span class="h">Recommendation</span>` + items(8, "c", cardItem) + `</div>`,
			[]shapeBlock{{"recommendation", "Recommendation", urls("c", 1, 8)}},
		},
		{
			"items with a date and items with a count",
			`<div>` + shapeBody + `</div><h3>Related</h3><ul>` + items(3, "r", dateItem) + `</ul><h3>Most viewed</h3><ul>` + items(3, "m", countItem) + `</ul>`,
			[]shapeBlock{related("r", 3), {"ranking", "Most viewed", urls("m", 1, 3)}},
		},
		{
			"the first item with a picture, the others without",
			`<div>` + shapeBody + `</div><div><h3>Related</h3>` + items(1, "r", thumbItem) + strings.ReplaceAll(items(5, "q", divItem), "/news/q-", "/news/r-") + `</div>`,
			[]shapeBlock{{"related", "Related", append(urls("r", 1, 1), urls("r", 1, 5)...)}},
		},
		{
			"duplicates kept in page order",
			`<div>` + shapeBody + `</div><div><div>Ranking</div>` + items(2, "k", rankItem) + items(2, "k", rankItem) + `</div>`,
			[]shapeBlock{{"ranking", "Ranking", append(urls("k", 1, 2), urls("k", 1, 2)...)}},
		},
		{
			"two items under a named heading",
			`<div>` + shapeBody + `<div>Related</div>` + items(2, "r", divItem) + `</div>`,
			[]shapeBlock{related("r", 2)},
		},
		{
			"an ad label between items",
			`<div>` + shapeBody + `</div><div><h3>Related</h3>` + items(2, "r", divItem) + `<div>Advertisement</div>` +
				strings.ReplaceAll(items(2, "q", divItem), "/news/q-", "/news/r-") + `</div>`,
			[]shapeBlock{{"related", "Related", append(urls("r", 1, 2), urls("r", 1, 2)...)}},
		},
		{
			"items separated by rules",
			`<div>` + shapeBody + `</div><aside><h4>Sponsored</h4><hr>` + strings.ReplaceAll(items(4, "c", divItem), "</div>", "</div><hr>") + `</aside>`,
			[]shapeBlock{{"recommendation", "Sponsored", urls("c", 1, 4)}},
		},
		{
			"a heading that is a link, in the items' own shape",
			`<div>` + shapeBody + `</div><div><div class="y5w"><a href="/related/">Related</a></div>` + items(4, "r", divItem) + `</div>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"a heading element whose own text names the block, with a link in it",
			`<div>` + shapeBody + `<h3>Related coverage from <a href="/money/">Money</a>:</h3><ul>` + items(3, "r", liItem) + `</ul></div>`,
			[]shapeBlock{{"related", "Related coverage from", urls("r", 1, 3)}},
		},
		{
			"a headline holding a vocabulary word stays an item",
			`<div>` + shapeBody + `</div><div><h3>Most read</h3>` + items(2, "m", liItem) +
				`<li><a href="/news/m-3.html">Story week 12 power rankings</a></li>` + strings.ReplaceAll(items(2, "q", liItem), "/news/q-", "/news/m-x") + `</div>`,
			[]shapeBlock{{"ranking", "Most read", append(urls("m", 1, 3), shapeSite+"/news/m-x1.html", shapeSite+"/news/m-x2.html")}},
		},
		{
			"a lead story with a summary before the list",
			`<div>` + shapeBody + `</div><section><h4>We recommend</h4><div class="lead"><a href="/news/lead.html"><img src="/l.jpg" alt=""></a>` +
				`<h5><a href="/news/lead.html">Lead story on the harbour works</a></h5><p>A summary of the lead story, in a sentence of its own.</p></div>` +
				`<div class="others">` + items(4, "c", cardItem) + `</div></section>`,
			[]shapeBlock{{"recommendation", "We recommend", urls("c", 1, 4)}},
		},
		{
			"story cards with a summary under a heading naming the block",
			`<div>` + shapeBody + `</div><section><h3>Related</h3>` + items(3, "c", summaryCard) + `</section>`,
			[]shapeBlock{{"related", "Related", urls("c", 1, 3)}},
		},
		{
			// A run of cards has no bound: a long "More stories" list
			// is as much a block as a short one.
			"twenty story cards with a summary under a heading",
			`<div>` + shapeBody + `</div><section><h3>Related</h3>` + items(20, "c", summaryCard) + `</section>`,
			[]shapeBlock{{"related", "Related", urls("c", 1, 20)}},
		},
		{
			"story cards with a summary in a grid, hrefs written two ways",
			`<div>` + shapeBody + `</div><h3>You may also like</h3><table><tr>` + strings.ReplaceAll(items(2, "g", "<td>"+summaryCard+"</td>"), `class="t" href="/`, `class="t" href="https://news.example/`) + `</tr></table>`,
			[]shapeBlock{{"recommendation", "You may also like", urls("g", 1, 2)}},
		},
		{
			"story cards with a summary under no heading are the page's, no block",
			`<div>` + shapeBody + `</div><div>` + items(4, "n", summaryCard) + `</div>`,
			nil,
		},
		{
			"a list named only by its aria-label, after a reaction counter",
			`<div>` + shapeBody + `<div>veryGood! (46151)</div><section aria-label="Recommended for you"><div>` + items(4, "a", divItem) + `</div></section></div>`,
			[]shapeBlock{{"recommendation", "", urls("a", 1, 4)}},
		},
		{
			"teasers with a summary each are no link list",
			`<div>` + shapeBody + `</div><ul>` + items(4, "t", `<li><a href="%s">%s</a> A summary of this story in one sentence.</li>`) + `</ul>`,
			nil,
		},
		{
			"a grid row with a short headline beside a long one",
			`<div>` + shapeBody + `</div><div>Related</div><table><tr><td><a href="/news/r-1.html">Story r1 on the harbour works and the new pier in the north</a></td>` +
				`<td><a href="/news/r-2.html">Story r2 on harbours</a></td></tr><tr>` + items(2, "s", cellItem) + `</tr></table>`,
			[]shapeBlock{{"related", "Related", append(urls("r", 1, 2), urls("s", 1, 2)...)}},
		},
		{
			"an ad label between the heading and its list",
			`<div>` + shapeBody + `</div><section><h3>Recommendation</h3><div class="ad">Advertisement</div><ul>` + items(4, "c", liItem) + `</ul></section>`,
			[]shapeBlock{{"recommendation", "Recommendation", urls("c", 1, 4)}},
		},
		{
			"an ad label between the heading and its items, siblings",
			`<div>` + shapeBody + `<p>Recommendation</p><div>Advertisement</div>` + items(4, "c", divItem) + `</div>`,
			[]shapeBlock{{"recommendation", "Recommendation", urls("c", 1, 4)}},
		},
		{
			"rank numbers in elements of their own between br-separated links",
			`<div>` + shapeBody + `</div><div><b>Ranking</b>` + items(5, "k", `<div>%[3]d</div><a href="%[1]s">%[2]s</a><br>`) + `</div>`,
			[]shapeBlock{{"ranking", "Ranking", urls("k", 1, 5)}},
		},
		{
			"numbered bare links between line breaks",
			`<div>` + shapeBody + `</div><div class="rank"><h2>ランキング</h2><div>` + items(5, "k", `%[3]d. <a href="%[1]s">%[2]s</a><br>`) + `</div></div>`,
			[]shapeBlock{{"ranking", "ランキング", urls("k", 1, 5)}},
		},
		{
			"a short bold link over a table of items",
			`<div>` + shapeBody + `</div><section><div style="font-weight:bold"><a href="/opinion/">Opinion</a></div><table><tbody><tr>` +
				items(3, "o", cellItem) + `</tr></tbody></table></section>`,
			[]shapeBlock{{"more", "Opinion", urls("o", 1, 3)}},
		},
		{
			"cousins: rows of nested tables, the heading deep in another table",
			`<div>` + shapeBody + `</div><table><tr><td><table><tr><td class="tit">Related</td></tr></table></td></tr></table>` +
				`<div><table><tr><td><table><tr><td><div>` +
				`<table><tr><td><table><tr><td>` + items(1, "r", `<a href="%[1]s">%[2]s</a>`) + `</td></tr></table>` +
				`<table><tr><td>` + strings.ReplaceAll(items(1, "r", `<a href="%[1]s">%[2]s</a>`), "r-1", "r-2") + `</td></tr></table></td></tr></table>` +
				`<div><div>` + strings.ReplaceAll(items(1, "r", `<a href="%[1]s">%[2]s</a>`), "r-1", "r-3") + `</div><div>` +
				strings.ReplaceAll(items(1, "r", `<a href="%[1]s">%[2]s</a>`), "r-1", "r-4") + `</div></div>` +
				`</div></td></tr></table></td></tr></table></div>`,
			[]shapeBlock{related("r", 4)},
		},
		{
			"a list inside the body's container comes before the run around it",
			`<div><div class="side"><b>Most read</b><ul>` + items(3, "m", liItem) + `</ul></div>` + shapeBody + `<div>Related</div>` + items(3, "r", divItem) + `</div>`,
			[]shapeBlock{{"ranking", "Most read", urls("m", 1, 3)}, related("r", 3)},
		},
		{
			// The parser moves a table's stray count in front of the table
			// (foster parenting): those items show no count, the divs' do.
			"items of tables and divs, the tables' counts moved out before them, one item wrapped deeper",
			`<div>` + shapeBody + `<div>Related</div><table><tr><td>` + mixedCountItems(10) + `</td></tr></table></div>`,
			[]shapeBlock{related("r", 10)},
		},
		{
			"bare links with their counts beside them, then items holding theirs",
			`<div>` + shapeBody + `<div>Related</div><div>` +
				items(3, "r", `<a href="%[1]s">%[2]s</a> <span class="c">(%[3]d)</span><br>`) +
				strings.NewReplacer("r-1", "r-4", "r-2", "r-5", "r-3", "r-6", "r-4", "r-7").Replace(items(4, "r", `<div><a href="%[1]s">%[2]s</a> <em>(1%[3]d)</em></div>`)) +
				`</div></div>`,
			[]shapeBlock{related("r", 7)},
		},
		{
			"links not set as a list: no block",
			`<div>` + strings.NewReplacer("new bus line", `<a href="/a">new bus line</a>`, "the hospital", `<a href="/b">the hospital</a>`,
				"repairing roads", `<a href="/c">repairing roads</a>`, "the new stops", `<a href="/d">the new stops</a>`).Replace(shapeBody) + `</div>`,
			nil,
		},
		{
			"two items without a heading: no block",
			`<div>` + shapeBody + items(2, "x", divItem) + `</div>`,
			nil,
		},
		{
			"menus, pagination and a tag cloud are not blocks",
			`<div class="menu"><a href="/">Home</a> <a href="/world/">World</a> <a href="/sport/">Sport</a> <a href="/money/">Money</a></div>` +
				`<div>` + shapeBody + `</div><div class="pages"><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">3</a> <a href="?p=2">Next</a></div>` +
				`<div>Tags: <a href="/t/bus">bus</a>, <a href="/t/council">council</a>, <a href="/t/transport">transport</a>, <a href="/t/city">city</a></div>` +
				`<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact us</a></li><li><a href="/privacy">Privacy policy</a></li></ul>`,
			nil,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkShape(t, tc.body, tc.want)
		})
	}
}

// mixedCountItems renders n items of list "r", each with a count: as a
// one-cell table with the count left after its body (as a generator swaps
// tags), or a div holding its count; item 9 sits two divs deeper, its count
// outside them.
func mixedCountItems(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		u, h := itemURL("r", i), headline("r", i)
		switch {
		case i == 9:
			fmt.Fprintf(&b, `<div><div><div class="y5w"><a href="%s">%s</a></div></div> <span>(%d)</span></div>`, u, h, i)
		case i%3 == 1 && i < n || i == 2:
			fmt.Fprintf(&b, `<table><tbody><tr><td class="y5w"><a href="%s">%s</a></td></tr></tbody> <span>(%d)</span></table>`, u, h, i)
		default:
			fmt.Fprintf(&b, `<div class="y5w"><a href="%s">%s</a> <small>(%d)</small></div>`, u, h, i)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// checkShape extracts a page around body and checks its blocks and that
// its body is the five paragraphs alone.
func checkShape(t *testing.T, body string, want []shapeBlock) {
	t.Helper()
	page := "<html><head><title>Council funds bus line</title></head><body><h1>Council funds bus line</h1>" + body + "</body></html>"
	a, err := extract.New(extract.Options{}).Extract(strings.NewReader(page), extract.Source{URL: shapeSite + "/2025/04/17/bus-line.html"})
	if err != nil {
		t.Fatal(err)
	}
	var got []shapeBlock
	for _, b := range a.Blocks {
		sb := shapeBlock{Kind: b.Kind, Heading: b.Heading}
		for _, l := range b.Links {
			sb.URLs = append(sb.URLs, l.URL)
			if !strings.HasPrefix(l.Title, "Story ") {
				t.Errorf("link %+v: want a headline", l)
			}
		}
		got = append(got, sb)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Extract(page) blocks mismatch (-want +got):\n%s", diff)
	}
	if want := strings.Join(shapeParas, "\n\n"); a.Text != want {
		t.Errorf("Extract(page) body mismatch (-want +got):\n%s", cmp.Diff(want, a.Text))
	}
}

// TestBlockHeadingVocabulary checks a heading in each language of the
// vocabularies, over the seed's shape (sibling divs in the body's
// container) and a bold label over a list.
func TestBlockHeadingVocabulary(t *testing.T) {
	for _, tc := range []struct{ kind, heading string }{
		{"related", "Related"}, {"related", "Related articles"}, {"related", "Read more"}, {"related", "See also"},
		{"related", "相关新闻"}, {"related", "相關新聞"}, {"related", "関連記事"}, {"related", "관련기사"},
		{"related", "Mehr zum Thema"}, {"related", "Ähnliche Artikel"}, {"related", "Articles similaires"},
		{"related", "À lire aussi"}, {"related", "Noticias relacionadas"}, {"related", "Notícias relacionadas"},
		{"related", "Articoli correlati"}, {"related", "Похожие новости"}, {"related", "Читайте также"},
		{"ranking", "Most read"}, {"ranking", "Popular"}, {"ranking", "Trending"}, {"ranking", "Top stories"},
		{"ranking", "排行"}, {"ranking", "人気記事"}, {"ranking", "많이 본 뉴스"}, {"ranking", "Meistgelesen"},
		{"ranking", "Les plus lus"}, {"ranking", "Lo más leído"}, {"ranking", "Mais lidas"}, {"ranking", "I più letti"},
		{"ranking", "Самое читаемое"},
		{"recommendation", "Recommended"}, {"recommendation", "You may also like"}, {"recommendation", "Editor's picks"},
		{"recommendation", "推荐"}, {"recommendation", "おすすめ"}, {"recommendation", "추천"}, {"recommendation", "Empfohlen"},
		{"recommendation", "Recommandé"}, {"recommendation", "Recomendado"}, {"recommendation", "Consigliati"},
		{"recommendation", "Рекомендуем"},
		{"related", "Passend zum Thema"}, {"related", "関連ニュース"}, {"related", "관련 기사"}, {"related", "Leia também"},
		{"related", "По теме"}, {"ranking", "Mais populares"}, {"ranking", "Più popolari"}, {"ranking", "Популярное"},
		{"ranking", "アクセスランキング"}, {"ranking", "点击排行"}, {"recommendation", "Вам может понравиться"},
		{"recommendation", "Das könnte Sie auch interessieren"}, {"recommendation", "猜你喜欢"},
	} {
		want := []shapeBlock{{tc.kind, tc.heading, urls("v", 1, 4)}}
		t.Run(tc.heading+"/siblings", func(t *testing.T) {
			checkShape(t, `<div>`+shapeBody+`<div class="z">`+tc.heading+`</div>`+items(4, "v", divItem)+`</div>`, want)
		})
		t.Run(tc.heading+"/list", func(t *testing.T) {
			checkShape(t, `<div>`+shapeBody+`</div><div><span>`+tc.heading+`</span><ul>`+items(4, "v", liItem)+`</ul></div>`, want)
		})
	}
}

// TestBlocksCJK checks headlines in scripts without spaces: short by word
// count, long enough by characters.
func TestBlocksCJK(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&b, `<div><a href="/n/%d.html">市议会批准新建公交线路第%d号报道</a></div>`, i, i)
	}
	page := `<html><head><title>市议会批准新建公交线路</title></head><body><div class="c">` +
		"<p>市议会周二投票决定资助一条新的公交线路，官员表示这一决定将为数千名居民缩短通勤时间。</p>" +
		"<p>根据会后发布的声明，该线路将于明年开通，沿线设有十二个车站，高峰时段每十分钟一班。</p>" +
		"<p>反对派议员认为这笔资金应该用于修路，但该动议最终以二十一票对十四票获得通过。</p>" +
		"<p>居民可以在五月举行的三次公开会议上对拟议路线发表意见，具体安排将在市议会网站上公布。</p>" +
		`<div class="t">相关新闻</div>` + b.String() + `<div><a href="/n/">更多&gt;&gt;</a></div></div></body></html>`
	a, err := extract.New(extract.Options{}).Extract(strings.NewReader(page), extract.Source{URL: "https://cn.example/a/1.html"})
	if err != nil {
		t.Fatal(err)
	}
	want := []shapeBlock{{"related", "相关新闻", []string{
		"https://cn.example/n/1.html", "https://cn.example/n/2.html", "https://cn.example/n/3.html", "https://cn.example/n/4.html",
	}}}
	var got []shapeBlock
	for _, bl := range a.Blocks {
		sb := shapeBlock{Kind: bl.Kind, Heading: bl.Heading}
		for _, l := range bl.Links {
			sb.URLs = append(sb.URLs, l.URL)
		}
		got = append(got, sb)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Extract(page) blocks mismatch (-want +got):\n%s", diff)
	}
	if strings.Contains(a.Text, "报道") || strings.Contains(a.Text, "相关") || strings.Contains(a.Text, "更多") {
		t.Errorf("block text in the body:\n%s", a.Text)
	}
}

// TestBaseHref checks that every URL of the record — block links, image,
// images, canonical URL — resolves against the document's base URL: the
// first <base> with an href, itself resolved against the page's URL; a
// base that does not parse is ignored.
func TestBaseHref(t *testing.T) {
	type urlsOf struct {
		Links            []string
		Canonical, Image string
		Images           []string
	}
	// page renders a table-layout page with base-relative links.
	page := func(head, bodyTop string) string {
		return `<html><head><title>Council funds bus line</title>` + head +
			`<link rel="canonical" href="2025/03/25/2/"><meta property="og:image" content="img/lead.jpg"></head><body>` + bodyTop +
			`<table><tr><td><h1>Council funds bus line</h1>` + shapeBody + `<img src="pics/map.png" width="600" height="400"></td></tr></table>` +
			`<table><tr><td class="tit">Related</td></tr>` +
			`<tr><td>&middot; <a href="2025/03/21/7/">Story r1 on the harbour works</a></td></tr>` +
			`<tr><td>&middot; <a href="../sport/2025/03/20/1/">Story r2 on the harbour works</a></td></tr>` +
			`<tr><td>&middot; <a href="/news/2025/03/19/4/">Story r3 on the harbour works</a></td></tr>` +
			`<tr><td>&middot; <a href="https://other.example/x/">Story r4 on the harbour works</a></td></tr></table></body></html>`
	}
	against := func(base string) urlsOf {
		b, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		r := func(s string) string { u, _ := b.Parse(s); return u.String() }
		return urlsOf{
			Links:     []string{r("2025/03/21/7/"), r("../sport/2025/03/20/1/"), r("/news/2025/03/19/4/"), "https://other.example/x/"},
			Canonical: r("2025/03/25/2/"), Image: r("img/lead.jpg"), Images: []string{r("img/lead.jpg"), r("pics/map.png")},
		}
	}
	const pageURL = "https://news.example/travel/2025/03/25/2/"
	for _, tc := range []struct {
		name, url, head, bodyTop string
		want                     urlsOf
	}{
		{"no base: the page's URL", pageURL, "", "", against(pageURL)},
		{"absolute base", pageURL, `<base href="https://news.example/travel/">`, "", against("https://news.example/travel/")},
		{"base relative to the page", pageURL, `<base href="/travel/">`, "", against("https://news.example/travel/")},
		{"protocol-relative base", pageURL, `<base href="//cdn.example/travel/">`, "", against("https://cdn.example/travel/")},
		{"base without a trailing slash", pageURL, `<base href="https://news.example/travel/index.html">`, "", against("https://news.example/travel/index.html")},
		{"the first base with an href wins", pageURL, `<base target="_blank"><base href="/travel/"><base href="/other/">`, "", against("https://news.example/travel/")},
		{"a base in the body counts too", pageURL, "", `<base href="/travel/">`, against("https://news.example/travel/")},
		{"tabs, newlines and spaces in the href", pageURL, "<base href=\" /tra\tvel/\n\">", "", against("https://news.example/travel/")},
		{"empty href: the page's URL", pageURL, `<base href="">`, "", against(pageURL)},
		{"a base that does not parse is ignored", pageURL, `<base href="http://exa mple.example/x/">`, "", against(pageURL)},
		{"an opaque base is ignored", pageURL, `<base href="javascript:void(0)">`, "", against(pageURL)},
		{"no page URL, absolute base", "", `<base href="https://news.example/travel/">`, "", against("https://news.example/travel/")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := extract.New(extract.Options{}).Extract(strings.NewReader(page(tc.head, tc.bodyTop)), extract.Source{URL: tc.url})
			if err != nil {
				t.Fatal(err)
			}
			got := urlsOf{Canonical: a.CanonicalURL, Image: a.Image, Images: a.Images}
			for _, b := range a.Blocks {
				for _, l := range b.Links {
					got.Links = append(got.Links, l.URL)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Extract(page) URLs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
