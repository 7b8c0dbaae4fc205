package extract

import (
	"strings"
	"testing"
)

// datePage builds an article page of an invented site: head holds the
// metadata, top what stands before the headline (masthead, menus), meta
// what stands under it, after what follows the story (teasers, comments,
// footer).
func datePage(lang, head, top, meta, after string) string {
	para := "<p>The harbour board agreed on Tuesday to rebuild the old pier before the winter storms arrive, " +
		"after engineers found that two of its wooden piles had rotted through over the past decade.</p>"
	return `<!doctype html><html lang="` + lang + `"><head><title>Harbour board agrees to rebuild the old pier | Bay Courier</title>` +
		head + `</head><body>` + top + `<main><article><h1>Harbour board agrees to rebuild the old pier</h1>` + meta +
		`<div class="story">` + strings.Repeat(para, 4) + `</div></article>` + after + `</main></body></html>`
}

const siteMenu = `<nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li><li><a href="/sport/">Sport</a></li><li><a href="/weather/">Weather</a></li></ul></nav>`

func TestPublishedDate(t *testing.T) {
	ex := New(Options{})
	for _, tc := range []struct {
		name, url, lang, head, top, meta, after string
		want                                    string
	}{
		// Machine-readable statements.
		{name: "JSON-LD in @graph, article nested in the WebPage",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Bay Courier"},
				{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","headline":"Harbour board agrees to rebuild the old pier","datePublished":"2024-05-02T08:15:00+02:00"}}]}</script>`,
			want: "2024-05-02T08:15:00+02:00"},
		{name: "JSON-LD date only on the WebPage of the graph",
			head: `<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"Harbour board agrees to rebuild the old pier"},{"@type":"WebPage","datePublished":"2024-05-02"}]}</script>`,
			want: "2024-05-02"},
		{name: "JSON-LD followed by a stray brace, date in an array",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":["2024-05-02T08:15:00Z"]}}</script>`,
			want: "2024-05-02T08:15:00Z"},
		{name: "article:published_time",
			head: `<meta property="article:published_time" content="2024-05-02T08:15:00-04:00">`, want: "2024-05-02T08:15:00-04:00"},
		{name: "parsely", head: `<meta name="parsely-pub-date" content="2024-05-02T12:00:00Z">`, want: "2024-05-02T12:00:00Z"},
		{name: "sailthru", head: `<meta name="sailthru.date" content="2024-05-02 12:00:00">`, want: "2024-05-02T12:00:00"},
		{name: "DC.date", head: `<meta name="DC.date" content="2024-05-02">`, want: "2024-05-02"},
		{name: "dcterms.date", head: `<meta name="dcterms.date" content="2024-05-02">`, want: "2024-05-02"},
		{name: "seconds written with one digit",
			head: `<meta property="datePublished" content="2020-12-05T23:15:0Z">`, want: "2020-12-05T23:15:00Z"},
		{name: "microdata content on a span",
			meta: `<p>By Ann Lee · <span itemprop="datePublished" content="2024-05-02T09:00:00+01:00">Thursday</span></p>`,
			want: "2024-05-02T09:00:00+01:00"},
		{name: "microdata on a paragraph's text",
			meta: `<p itemprop="datePublished" class="data">02 Maggio 2024</p>`, want: "2024-05-02"},
		{name: "time pubdate beats an earlier plain time",
			meta: `<p><time datetime="2024-05-01">Yesterday's edition</time></p><p><time pubdate datetime="2024-05-02T10:00">May 2</time></p>`,
			want: "2024-05-02T10:00:00"},

		// Visible dates in many forms and languages.
		{name: "time before the date, American zone name",
			meta: `<p class="byline">Published 3:42 p.m. ET Oct. 7, 2020</p>`, want: "2020-10-07T15:42:00"},
		{name: "German, um … Uhr", lang: "de", meta: `<p>17.04.2025 um 14:27 Uhr</p>`, want: "2025-04-17T14:27:00"},
		{name: "Japanese", lang: "ja", meta: `<p>2025年4月17日 14:27</p>`, want: "2025-04-17T14:27:00"},
		{name: "Korean label", lang: "ko", meta: `<p>입력 2020.03.04 16:52</p>`, want: "2020-03-04T16:52:00"},
		{name: "Russian label", lang: "ru", meta: `<p>Опубликовано: 17 апреля 2025, 14:27</p>`, want: "2025-04-17T14:27:00"},
		{name: "Ukrainian", lang: "uk", meta: `<div class="meta"><span>17 квітня 2025 о 14:27</span></div>`, want: "2025-04-17T14:27:00"},
		{name: "Spanish with de", lang: "es", meta: `<p class="published-date">&nbsp; / martes 17 de marzo de 2020</p>`, want: "2020-03-17"},
		{name: "Portuguese with de", lang: "pt", meta: `<p>22 de novembro de 2020</p>`, want: "2020-11-22"},
		{name: "Arabic, two month names", lang: "ar", meta: `<div>تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً</div>`, want: "2020-04-24T09:22:00"},
		{name: "Romanian", lang: "ro", meta: `<div class="news-date">20 septembrie 2020 16:20</div>`, want: "2020-09-20T16:20:00"},
		{name: "English month name", meta: `<p>April 17, 2025</p>`, want: "2025-04-17"},
		{name: "day first month name", lang: "en-GB", meta: `<p>17 April 2025</p>`, want: "2025-04-17"},
		{name: "slashes read day first in French", lang: "fr", meta: `<span class="date">04/03/2020</span>`, want: "2020-03-04"},
		{name: "slashes read month first in American English", lang: "en-US", meta: `<span class="date">04/03/2020</span>`, want: "2020-04-03"},
		{name: "slashes that can only be day first", lang: "en", meta: `<span class="date">17/03/2020</span>`, want: "2020-03-17"},
		{name: "a line that starts with the date", lang: "pt",
			meta: `<p class="tagline">22/11/2020 - 04:30 - Fonte: Agência Municipal - Foto: Carla Mendes/Prefeitura</p>`, want: "2020-11-22T04:30:00"},
		{name: "a byline with the date after the name", lang: "ko", meta: `<div><span>김민수 기자 | </span>2020-03-04 16:52:59</div>`, want: "2020-03-04T16:52:59"},
		{name: "date beside author and comment links",
			meta: `<div class="entry-meta"><span><a href="/author/ann">Ann Lee</a> — </span><span class="entry-date">March 11, 2020</span> <a href="#respond">add comment</a></div>`,
			want: "2020-03-11"},
		{name: "the headline a permalink in a small heading, the date in one beside it", url: "https://bay.example/blog/e/5d8c31",
			top: `<h1><a href="/blog/">Notes from the harbour</a></h1>`,
			meta: `<div class="entry-top"><h3><a href="https://bay.example/blog/e/5d8c31">Walking the whole sea wall in one afternoon</a></h3>` +
				`<div class="info"><a href="https://bay.example/blog/e/5d8c31"><span>2020年07月03日</span></a> | <a href="/blog/c/walks">Walks</a></div></div>`,
			want: "2020-07-03"},
		{name: "a permalink date under the headline",
			meta: `<div class="info"><a href="/2020/07/03/pier"><span class="entry-time">2020年07月03日</span></a></div>`, want: "2020-07-03"},
		{name: "the date near the headline, not the masthead's date of the day",
			top:  `<header><div class="today"><span class="date">Tue, 14 Jan 2020</span></div>` + siteMenu + `</header>`,
			meta: `<p>Courier staff<br>13 Jan 2020, 22:11 GMT+10</p>`, want: "2020-01-13T22:11:00+10:00"},
		{name: "the publication label over the update label",
			meta: `<p>Updated: 2024-05-03 10:00</p><p>Published: 2024-05-02 09:00</p>`, want: "2024-05-02T09:00:00"},
		{name: "the URL as a last resort", url: "https://bay.example/news/2024/05/02/pier/", want: "2024-05-02"},

		// Never invented.
		{name: "undated page", want: ""},
		{name: "copyright year and a footer date",
			after: `<footer><p>© 2024 Bay Courier</p><p>Page generated 2024-05-09 10:00</p></footer>`, want: ""},
		{name: "masthead date of the day, site menu between",
			top: `<div class="topbar"><span class="date">Thursday, May 9, 2024</span></div>` + siteMenu, want: ""},
		{name: "teasers with dates",
			after: `<div class="latest"><h2>Latest</h2><ul>` +
				`<li><a href="/a">Council votes to close the ferry office early</a><span class="date">May 8, 2024</span></li>` +
				`<li><a href="/b">Lifeboat crew rescues two kayakers off the point</a><time datetime="2024-05-07">May 7</time></li>` +
				`</ul></div>`, want: ""},
		{name: "reader comments with dates",
			after: `<section id="comments"><div class="comment"><p>Tom</p><p>Posted on May 9, 2024</p><p>About time.</p></div></section>`, want: ""},
		{name: "a date inside a sentence",
			meta: `<p>The pier first opened to the public on 4 June 1998 after years of delays.</p>`, want: ""},
		{name: "the update first, the publication second on one line",
			meta: `<p>Updated May 3, 2024 · Published May 2, 2024</p>`, want: "2024-05-02"},
		{name: "hAtom abbr title", meta: `<p>By Ann Lee <abbr class="published" title="2024-05-02T09:00:00Z">Thursday morning</abbr></p>`,
			want: "2024-05-02T09:00:00Z"},
		{name: "English on a day-first country's domain", url: "https://bay.example.co.uk/news/pier",
			meta: `<span class="date">04/03/2020</span>`, want: "2020-03-04"},
		{name: "a modification time only",
			meta: `<p>Last updated: 2024-05-09 10:00</p>`, want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lang := tc.lang
			if lang == "" {
				lang = "en"
			}
			page := datePage(lang, tc.head, tc.top, tc.meta, tc.after)
			url := tc.url
			if url == "" {
				url = "https://bay.example/news/pier-rebuilt"
			}
			a, err := ex.ExtractBytes([]byte(page), Source{URL: url})
			if a == nil {
				t.Fatalf("Extract() error %v", err)
			}
			if a.Published != tc.want {
				t.Errorf("Extract().Published = %q, want %q", a.Published, tc.want)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	for _, tc := range []struct {
		in         string
		monthFirst bool
		want       string
	}{
		{"Date:2025-04-17 14:27:32", false, "2025-04-17T14:27:32"},
		{"Nov 18, 2019 @17:19 PM", false, "2019-11-18T17:19:00"},
		{"Posted March 3, 2024 at 3:04 pm EST", false, "2024-03-03T15:04:00-05:00"},
		{"Updated 2020-03-05 | Published March 3, 2020", false, "2020-03-05"},
		{"18th of March, 2020", false, "2020-03-18"},
		{"3. März 2024", false, "2024-03-03"},
		{"12 октября 2019", false, "2019-10-12"},
		{"2 лютого 2021 р.", false, "2021-02-02"},
		{"15 Ekim 2020", false, "2020-10-15"},
		{"7 października 2020", false, "2020-10-07"},
		{"2020년 3월 4일", false, "2020-03-04"},
		{"٢٤ أبريل ٢٠٢٠", false, "2020-04-24"},
		{"03/04/2020", true, "2020-03-04"},
		{"03/04/2020", false, "2020-04-03"},
		{"24-04-2020 21:36:16", false, "2020-04-24T21:36:16"},
		{"Wed 3 2020", false, ""},
		{"Page 1 of 3", false, ""},
		{"Season 2019/20", false, ""},
	} {
		if got, _, _ := findDate(tc.in, tc.monthFirst); got.value != tc.want {
			t.Errorf("findDate(%q, %v) = %q, want %q", tc.in, tc.monthFirst, got.value, tc.want)
		}
	}
}

// TestPublishedDateNotArticles: pages that are no story give no date, what
// dates they show (the day's date in the masthead, teasers, a calendar).
func TestPublishedDateNotArticles(t *testing.T) {
	ex := New(Options{})
	teasers := func(tag string) string {
		var b strings.Builder
		for i, title := range []string{"Pier reopens", "Ferry fares", "Storm warning", "Lifeboat day"} {
			b.WriteString(`<` + tag + ` class="item"><a href="/story/` + string(rune('a'+i)) + `">` + title + `</a>` +
				`<span class="date">May ` + string(rune('5'+i)) + `, 2024</span><p>A short summary of the story, a line or two long.</p></` + tag + `>`)
		}
		return b.String()
	}
	for _, tc := range []struct{ name, page string }{
		{"a script's date far from the headline",
			`<html><head><title>Harbour board agrees to rebuild the old pier</title></head><body>` +
				`<div class="clock"><script>showClock("2024/05/09 10:00:00")</script></div>` + siteMenu + strings.Repeat(`<div><p>Weather, tides and ferry times.</p></div>`, 12) +
				`<h1>Harbour board agrees to rebuild the old pier</h1><p>` + strings.Repeat("The board met on Tuesday. ", 20) + `</p></body></html>`},
		{"home page: logo heading, the day's date, teasers",
			`<html lang="en"><head><title>Bay Courier</title><meta property="og:site_name" content="Bay Courier"></head><body>` +
				`<header><h1><a href="/">Bay Courier</a></h1><p class="today">Thursday, May 9, 2024</p></header>` +
				`<main>` + teasers("div") + `</main></body></html>`},
		{"section page: its name as heading over a list of teasers",
			`<html lang="en"><head><title>News | Bay Courier</title></head><body>` + siteMenu +
				`<main><h1>News</h1><ul>` + teasers("li") + `</ul></main></body></html>`},
		{"list without headline, times in the items",
			`<html><head><title>Archive</title></head><body><div>` +
				`<div class="row"><a href="/x">Pier reopens</a> <time datetime="2024-05-05">5 May</time></div>` +
				`<div class="row"><a href="/y">Ferry fares</a> <time datetime="2024-05-06">6 May</time></div>` +
				`</div></body></html>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := ex.ExtractBytes([]byte(tc.page), Source{URL: "https://bay.example/news/"})
			if a == nil {
				t.Fatal("Extract() = nil")
			}
			if a.Published != "" {
				t.Errorf("Extract().Published = %q, want none", a.Published)
			}
		})
	}
}

// TestPublishedDateOldMarkup: a headline in no heading, the date printed
// by a script beside it.
func TestPublishedDateOldMarkup(t *testing.T) {
	page := `<html lang="zh-TW"><head><title>Harbour board agrees to rebuild the old pier - Bay Forum</title></head><body>` +
		`<table><tr><td><a href="/">Bay Forum</a> | <a href="/f">Forum</a></td></tr>` +
		`<tr><td><span id="topic"><font size="4"><b>Harbour board agrees to rebuild the old pier</b></font></span></td></tr>` +
		`<tr><td class="info"><script>showDate("2020/04/17 01:43:09")</script>　瀏覽<b>7</b>｜回應<b>0</b></td></tr>` +
		`<tr><td>` + strings.Repeat("<p>The harbour board agreed on Tuesday to rebuild the old pier before the winter storms arrive.</p>", 5) +
		`</td></tr></table></body></html>`
	a, _ := New(Options{}).ExtractBytes([]byte(page), Source{URL: "https://forum.bay.example/t/6950016"})
	if a == nil || a.Published != "2020-04-17T01:43:09" {
		t.Errorf("Extract() = %+v, want published 2020-04-17T01:43:09", a)
	}
}
