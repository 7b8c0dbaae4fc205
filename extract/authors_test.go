package extract

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/net/html"
)

// TestCleanCredits holds the cleaning of one credit to invented bylines of
// many shapes: what must come out as names, and what must not (desks,
// agencies, outlets, roles, dates, addresses, handles, UI words).
func TestCleanCredits(t *testing.T) {
	o := outlet{site: "Harbor Herald", labels: []string{"harborherald"}}
	checkCredits(t, o, []creditCase{
		// Prefixes and separators.
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"By Jane Doe, John Roe and Ann Lee", []string{"Jane Doe", "John Roe", "Ann Lee"}},
		{"BY JANE DOE | Staff writer", []string{"JANE DOE"}},
		{"By: Jane Doe", []string{"Jane Doe"}},
		{"Von Anna Schmidt und Jan Meyer", []string{"Anna Schmidt", "Jan Meyer"}},
		{"Por Lucía Fernández y Tomás Ortega", []string{"Lucía Fernández", "Tomás Ortega"}},
		{"Par Jean-Luc Moreau et Élodie Garnier", []string{"Jean-Luc Moreau", "Élodie Garnier"}},
		{"Di Giulia Bianchi e Marco Ferri", []string{"Giulia Bianchi", "Marco Ferri"}},
		{"Door Pieter de Vries en Sanne Bakker", []string{"Pieter de Vries", "Sanne Bakker"}},
		{"Автор: Ирина Соколова", []string{"Ирина Соколова"}},
		{"Текст: Олег Петров и Анна Белова", []string{"Олег Петров", "Анна Белова"}},
		{"文／王小明", []string{"王小明"}},
		{"记者 张伟 李娜", []string{"张伟", "李娜"}},
		{"（記者 林志明／台北報導）", []string{"林志明"}},
		{"記者陳美玲、黃建國", []string{"陳美玲", "黃建國"}},
		{"작성자: 김민준", nil},
		{"Posted by Jane Doe", []string{"Jane Doe"}},
		{"Analysis by Jane Doe, Harbor Herald Editor-at-large", []string{"Jane Doe"}},
		{"Monday March 3, 2025 7:45 am PST by Jane Doe", []string{"Jane Doe"}},
		// Names keep their case, diacritics, particles and initials.
		{"Marcus de Guzman", []string{"Marcus de Guzman"}},
		{"Ursula von der Leyen", []string{"Ursula von der Leyen"}},
		{"Maria di Stefano", []string{"Maria di Stefano"}},
		{"José Volta e Pinto", []string{"José Volta e Pinto"}},
		{"Trevor J. Mitchell", []string{"Trevor J. Mitchell"}},
		{"Jos&#xE9; Ram&#xED;rez", []string{"José Ramírez"}},
		{"Søren Kierkegaard Ødegård", []string{"Søren Kierkegaard Ødegård"}},
		{"DJ Summers", []string{"DJ Summers"}},
		{"Sean O'Malley", []string{"Sean O'Malley"}},
		// Dates, roles, outlets, UI words cut off.
		{"By Jane Doe · May 21, 2024, 4:05 p.m. EDT", []string{"Jane Doe"}},
		{"By Jane Doe Updated Nov 13, 2019, 10:28am EST", []string{"Jane Doe"}},
		{"Jane Doe - 11/19/19 06:56 AM EST", []string{"Jane Doe"}},
		{"By Jane Doe on Monday, November 18th, 2019", []string{"Jane Doe"}},
		{"By Regan September 2014", []string{"Regan"}},
		{"By Jane Doe, Senior Reporter", []string{"Jane Doe"}},
		{"Jane Doe, CNN", []string{"Jane Doe"}},
		{"Jane DoeStaff Writer", []string{"Jane Doe"}},
		{"Jane DoeView More Articles", []string{"Jane Doe"}},
		{"Jane Doe Follow Share Comments", []string{"Jane Doe"}},
		{"Jane Doe | Harbor Herald", []string{"Jane Doe"}},
		{"Jane Doe For The Harbor Herald", []string{"Jane Doe"}},
		{"Tom Davies Associated Press Published 11:34 PM", []string{"Tom Davies"}},
		{"Jane Doe, MS, RD", []string{"Jane Doe"}},
		{"Jane Doe, Futurism", []string{"Jane Doe"}},
		{"By JANE DOE and JOHN ROE, Associated Press", []string{"JANE DOE", "JOHN ROE"}},
		{"Jane Doe @janedoe", []string{"Jane Doe"}},
		{"Jane Doe@janedoe", []string{"Jane Doe"}},
		{"By Jane Doe jdoe@harborherald.example (555) 459-5382", []string{"Jane Doe"}},
		{"Piše: P. Horvat prije 26 minuta", []string{"P. Horvat"}},
		{"Reporting by Jane Doe; Editing by John Roe", []string{"Jane Doe"}},
		{"By Jane Doe | Photos by John Roe", []string{"Jane Doe"}},
		{"홍길동 기자", []string{"홍길동"}},
		// Not persons.
		{"Staff", nil},
		{"By Staff", nil},
		{"Reuters", nil},
		{"The Associated Press", nil},
		{"Associated Press", nil},
		{"Editorial Board", nil},
		{"News Desk", nil},
		{"Redaktion", nil},
		{"编辑部", nil},
		{"By HNN Staff | November 18, 2019", nil},
		{"Harbor Herald", nil},
		{"harborherald.example", nil},
		{"https://www.harborherald.example/people/jane-doe", nil},
		{"https://www.facebook.com/jane.doe", nil},
		{"@janedoe", nil},
		{"jane@harborherald.example", nil},
		{"November 18, 2019", nil},
		{"Wednesday, 08 Apr 2020 11:39 PM", nil},
		{"Share", nil},
		{"Follow", nil},
		{"Comments", nil},
		{"Advertisement", nil},
		{"Email the author", nil},
		{"admin", nil},
		{"PTI", nil},
		{"Europa Press", nil},
		{"European Space Agency", nil},
		{"Sioux Valley Editorial Staff", nil},
		{"Photo: Jane Doe", nil},
		{"Photos by Jane Doe", nil},
		{"Снимка: Getty Images/Guliver", nil},
		{"Copyright © 2010 Harbor Herald. Site developed by PopUp", nil},
		{"Site desenvolvido por PopUp", nil},
		{"By Any Means Necessary", nil},
		{"The Water Cooler", nil},
		{"Reuters, Washington, Nov 20 2019", nil},
		{"Редакция", nil},
		{"العالم العربي", nil},
		{"Alle Meldungen Folgen", nil},
		{"写真を拡大", nil},
		{"记者从多地商务部门了解到", nil},
	})
}

// creditCase is one credit and the names clean gives for it.
type creditCase struct {
	credit string
	want   []string
}

// checkCredits cleans each credit as outlet o's.
func checkCredits(t *testing.T, o outlet, cases []creditCase) {
	t.Helper()
	for _, tc := range cases {
		if got := o.clean([]string{tc.credit}); !cmp.Equal(got, tc.want, cmpopts.EquateEmpty()) {
			t.Errorf("clean(%q) mismatch (-want +got):\n%s", tc.credit, cmp.Diff(tc.want, got, cmpopts.EquateEmpty()))
		}
	}
}

// checkPageAuthors runs the author step on page, read at pageURL.
func checkPageAuthors(t *testing.T, pageURL, page string, want []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(pageURL)
	got := newPage(doc).metadata(base).authors
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("authors mismatch (-want +got):\n%s", diff)
	}
}

// TestPageAuthors runs the author step on whole invented pages: where the
// names are printed or declared, and where names that are not the article's
// sit (a columnist list, teasers, comments).
func TestPageAuthors(t *testing.T) {
	const head = `<html lang="en"><head><title>Storm closes the harbour for two days | Harbor Herald</title>`
	const h1 = `<h1>Storm closes the harbour for two days</h1>`
	const body = `<p>The harbour authority closed the port on Monday as the storm brought gusts of more than 100 kilometres an hour to the coast, and officials said ferries would stay in port until Wednesday.</p>`
	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"unmarked By line under the headline",
			head + `</head><body><nav><a href="/">Home</a></nav><article>` + h1 +
				`<p>By Dana Whitfield and Marco Ruiz | Staff writers</p><p>March 3, 2025</p>` + body + `</article></body></html>`,
			[]string{"Dana Whitfield", "Marco Ruiz"}},
		{"bare name line beside a date",
			head + `</head><body><article>` + h1 + `<div class="x1">Dana Whitfield</div><div class="x2">March 3, 2025 4:05 PM</div>` + body + `</article></body></html>`,
			[]string{"Dana Whitfield"}},
		{"bare title-case dek is no byline",
			head + `</head><body><article>` + h1 + `<div class="x1">Ferries Stay In Port</div>` + body + `</article></body></html>`,
			nil},
		{"rel=author links",
			head + `</head><body><article>` + h1 + `<p class="meta"><a rel="author" href="/a/1">Dana Whitfield</a> and <a rel="author" href="/a/2">Marco Ruiz</a></p>` + body + `</article></body></html>`,
			[]string{"Dana Whitfield", "Marco Ruiz"}},
		{"microdata author with name",
			head + `</head><body><article>` + h1 + `<div itemprop="author" itemscope itemtype="https://schema.org/Person"><img src="/a.jpg"><span itemprop="name">Dana Whitfield</span><span itemprop="jobTitle">Weather reporter</span></div>` + body + `</article></body></html>`,
			[]string{"Dana Whitfield"}},
		{"meta author with two names",
			head + `<meta name="author" content="Dana Whitfield, Marco Ruiz"></head><body><article>` + h1 + body + `</article></body></html>`,
			[]string{"Dana Whitfield", "Marco Ruiz"}},
		{"article:author holding a URL is no name",
			head + `<meta property="article:author" content="https://www.facebook.com/harborherald"></head><body><article>` + h1 + body + `</article></body></html>`,
			nil},
		{"JSON-LD @graph with @id references",
			head + `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
				{"@type":"NewsArticle","@id":"#article","headline":"Storm closes the harbour for two days","author":[{"@id":"#p1"},{"@id":"#p2"}],"publisher":{"@id":"#org"}},
				{"@type":"Person","@id":"#p1","name":"Dana Whitfield"},
				{"@type":"Person","@id":"#p2","name":"Marco Ruiz"},
				{"@type":"Organization","@id":"#org","name":"Harbor Herald"}]}</script></head><body><article>` + h1 + body + `</article></body></html>`,
			[]string{"Dana Whitfield", "Marco Ruiz"}},
		{"JSON-LD Organization author is no person",
			head + `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Harbor Herald Newsroom"}}</script></head><body><article>` + h1 + body + `</article></body></html>`,
			nil},
		{"JSON-LD names one, the byline three",
			head + `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Dana Whitfield"}}</script></head><body><article>` + h1 +
				`<div class="byline">By Dana Whitfield, Marco Ruiz and Ann Lee</div>` + body + `</article></body></html>`,
			[]string{"Dana Whitfield", "Marco Ruiz", "Ann Lee"}},
		{"desk byline, teaser bylines after",
			head + `</head><body><article>` + h1 + `<p class="byline">By Herald Staff</p>` + body + `</article>
				<aside><h3>More stories</h3><ul><li><a href="/1">Bridge reopens</a><span class="author">By Dana Whitfield</span></li></ul></aside></body></html>`,
			nil},
		{"columnist list before the headline is not the byline",
			head + `</head><body><div class="wrap"><ul class="columnists"><li><a class="author" href="/c/1">Marco Ruiz</a></li><li><a class="author" href="/c/2">Ann Lee</a></li></ul>
				<p>Lots of navigation text that fills the header of the page for sure, and then some more of it to be long enough.</p>
				<p>More header text that belongs to nothing in particular and goes on for a while, longer than the headline block.</p>
				<article>` + h1 + `<p>By Dana Whitfield</p>` + body + `</article></div></body></html>`,
			[]string{"Dana Whitfield"}},
		{"comment author is not the byline",
			head + `</head><body><article>` + h1 + body + `</article><section id="comments"><div class="comment-author">By Sam Reader</div><p>Great story.</p></section></body></html>`,
			nil},
		{"German Von line",
			`<html lang="de"><head><title>Sturm legt den Hafen lahm</title></head><body><article><h1>Sturm legt den Hafen lahm</h1><p>Von Anna Schmidt und Jan Meyer</p>` + body + `</article></body></html>`,
			[]string{"Anna Schmidt", "Jan Meyer"}},
		{"Chinese reporter credit in the first paragraph",
			`<html lang="zh"><head><title>暴风雨致港口关闭两天</title></head><body><article><h1>暴风雨致港口关闭两天</h1><p>（记者 张伟）港务部门周一宣布，受强风影响，港口将关闭两天，渡轮暂停运营。</p><p>记者从港务部门了解到，渡轮预计周三恢复运营。</p></article></body></html>`,
			[]string{"张伟"}},
		{"Korean reporter credit",
			`<html lang="ko"><head><title>폭풍으로 항구 이틀간 폐쇄</title></head><body><article><h1>폭풍으로 항구 이틀간 폐쇄</h1><p>[항구시=뉴스] 김민준 기자 = 항만 당국은 월요일 강풍으로 항구를 이틀간 폐쇄한다고 밝혔다.</p></article></body></html>`,
			[]string{"김민준"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkPageAuthors(t, "https://www.harborherald.example/2025/03/03/storm.html", tc.page, tc.want)
		})
	}
}
