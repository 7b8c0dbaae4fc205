package extract

import (
	"strings"
	"testing"
)

// TestCreditShapes2 holds credit layouts in many languages beyond those of
// TestCleanCredits: the labels that open a byline, the roles and places that
// follow the names, the credits of other work that share the line, and
// names in scripts with combining marks. Every name is invented.
func TestCreditShapes2(t *testing.T) {
	o := outlet{site: "Lantern Post", labels: []string{"lanternpost"}}
	checkCredits(t, o, []creditCase{
		// Labels that open a byline.
		{"Written by Mara Quinlan", []string{"Mara Quinlan"}},
		{"Words by Mara Quinlan", []string{"Mara Quinlan"}},
		{"Words: Mara Quinlan", []string{"Mara Quinlan"}},
		{"Text: Mara Quinlan", []string{"Mara Quinlan"}},
		{"Texte : Mara Quinlan", []string{"Mara Quinlan"}},
		{"Auteur : Odile Varenne", []string{"Odile Varenne"}},
		{"Autor: Jan Dvořáček", []string{"Jan Dvořáček"}},
		{"Autorka: Eliška Horáková", []string{"Eliška Horáková"}},
		{"Redactor: Ion Vasilescu", []string{"Ion Vasilescu"}},
		{"Redactora: Inés Carvajal", []string{"Inés Carvajal"}},
		{"Toimittaja: Aino Pesonen", []string{"Aino Pesonen"}},
		{"Yazan: Deniz Karaçam", []string{"Deniz Karaçam"}},
		{"Muhabir: Deniz Karaçam", []string{"Deniz Karaçam"}},
		{"Penulis: Sari Wulandari", []string{"Sari Wulandari"}},
		{"Novinar: Luka Perković", []string{"Luka Perković"}},
		{"Журналист: Ольга Миронова", []string{"Ольга Миронова"}},
		{"Автор текста: Ольга Миронова", []string{"Ольга Миронова"}},
		{"Автори: Олена Гребенюк, Тарас Мельник", []string{"Олена Гребенюк", "Тарас Мельник"}},
		{"Escrito por Inés Carvajal", []string{"Inés Carvajal"}},
		{"Escrito por: Inés Carvajal", []string{"Inés Carvajal"}},
		{"Écrit par Odile Varenne", []string{"Odile Varenne"}},
		{"Geschrieben von Lotte Brandauer", []string{"Lotte Brandauer"}},
		{"Ein Beitrag von Lotte Brandauer", []string{"Lotte Brandauer"}},
		{"A Commentary by Mara Quinlan", []string{"Mara Quinlan"}},
		{"بقلم سلمى الحداد", []string{"سلمى الحداد"}},
		{"كتب: سلمى الحداد", []string{"سلمى الحداد"}},
		{"Oleh Sari Wulandari", []string{"Sari Wulandari"}},
		{"โดย สมชาย ใจดี", []string{"สมชาย ใจดี"}},
		{"Teksti: Aino Pesonen", []string{"Aino Pesonen"}},
		{"Autorius: Rūta Vaitkutė", []string{"Rūta Vaitkutė"}},
		{"Avtor: Nina Kovač", []string{"Nina Kovač"}},
		{"نوشته: علی رضایی", []string{"علی رضایی"}},
		{"Pubblicato da Giulia Ferraresi il 3 marzo 2025", []string{"Giulia Ferraresi"}},
		{"Scritto da Giulia Ferraresi", []string{"Giulia Ferraresi"}},
		{"Publicado por Inés Carvajal el 3 de marzo de 2025", []string{"Inés Carvajal"}},
		{"Posted on March 3, 2025 by Mara Quinlan", []string{"Mara Quinlan"}},
		{"Maria da Graça", []string{"Maria da Graça"}},
		// Several names, roles and places after them.
		{"By Mara Quinlan and Theo Barnaby", []string{"Mara Quinlan", "Theo Barnaby"}},
		{"By Mara Quinlan, Staff Writer", []string{"Mara Quinlan"}},
		{"By Mara Quinlan, Lantern Post Staff Writer", []string{"Mara Quinlan"}},
		{"By Mara Quinlan, Special to the Lantern Post", []string{"Mara Quinlan"}},
		{"Mara Quinlan, Senior Political Correspondent", []string{"Mara Quinlan"}},
		{"By Mara Quinlan in Lisbon", []string{"Mara Quinlan"}},
		{"By Mara Quinlan in Lisbon and Theo Barnaby in Madrid", []string{"Mara Quinlan", "Theo Barnaby"}},
		{"Par Odile Varenne, à Lyon", []string{"Odile Varenne"}},
		{"Von Lotte Brandauer, Wien", []string{"Lotte Brandauer"}},
		{"By Mara Quinlan | Photos by Theo Barnaby", []string{"Mara Quinlan"}},
		{"Story by Mara Quinlan; photography by Theo Barnaby", []string{"Mara Quinlan"}},
		{"Text: Lotte Brandauer, Fotos: Paul Ehrenberg", []string{"Lotte Brandauer"}},
		{"Texte : Odile Varenne. Photos : Luc Perrin", []string{"Odile Varenne"}},
		// Wire-story credits at the end of the body: reporters, not editors.
		{"Reporting by Mara Quinlan; Editing by Theo Barnaby", []string{"Mara Quinlan"}},
		{"Reporting by Mara Quinlan and Ravi Menon in Lisbon; Additional reporting by Ana Sousa; Editing by Theo Barnaby",
			[]string{"Mara Quinlan", "Ravi Menon", "Ana Sousa"}},
		{"(Reporting by Mara Quinlan; Writing by Ravi Menon; Editing by Theo Barnaby and Leo Crane)",
			[]string{"Mara Quinlan", "Ravi Menon"}},
		{"Editing by Theo Barnaby", nil},
		{"Von Lotte Brandauer; redigiert von Paul Ehrenberg", []string{"Lotte Brandauer"}},
		{"Por Inés Carvajal. Editado por Tomás Ortega", []string{"Inés Carvajal"}},
		// Dates on the same line.
		{"By Mara Quinlan on March 3, 2025", []string{"Mara Quinlan"}},
		{"Mara Quinlan — 3 mars 2025", []string{"Mara Quinlan"}},
		{"Par Odile Varenne le 03/03/2025 à 10h12", []string{"Odile Varenne"}},
		{"Von Lotte Brandauer am 3. März 2025", []string{"Lotte Brandauer"}},
		{"Ольга Миронова, 3 марта 2025", []string{"Ольга Миронова"}},
		// Names in scripts with combining marks and without case.
		{"सुरेश वर्मा", []string{"सुरेश वर्मा"}},
		{"लेखक: अंजलि त्रिपाठी", []string{"अंजलि त्रिपाठी"}},
		{"প্রতিবেদক: রহিম উদ্দিন", []string{"রহিম উদ্দিন"}},
		{"สมชาย ใจดี", []string{"สมชาย ใจดี"}},
		{"By Nguyễn Thị Hương", []string{"Nguyễn Thị Hương"}},
		{"יעל ברגמן", []string{"יעל ברגמן"}},
		{"Γιώργος Παπαδάκης", []string{"Γιώργος Παπαδάκης"}},
		{"გიორგი ბერიძე", []string{"გიორგი ბერიძე"}},
		{"Ավետիք Սարգսյան", []string{"Ավետիք Սարգսյան"}},
		{"ავტორი: გიორგი ბერიძე", []string{"გიორგი ბერიძე"}},
		{"By José María Álvarez del Manzano", []string{"José María Álvarez del Manzano"}},
		{"Maria da Graça Freitas", []string{"Maria da Graça Freitas"}},
		{"Jean-Luc d'Artagnan", []string{"Jean-Luc d'Artagnan"}},
		{"Ngozi Okonjo-Iweala", []string{"Ngozi Okonjo-Iweala"}},
		{"Łukasz Żółkiewski", []string{"Łukasz Żółkiewski"}},
		{"Tomás Ó Súilleabháin", []string{"Tomás Ó Súilleabháin"}},
		{"Abdul Rahman Al-Saadi", []string{"Abdul Rahman Al-Saadi"}},
		{"عبد الله الحسن", []string{"عبد الله الحسن"}},
		{"By Dr. Mara Quinlan", []string{"Dr. Mara Quinlan"}},
		{"By A.J. Quinlan", []string{"A.J. Quinlan"}},
		{"By Theo Barnaby Jr.", []string{"Theo Barnaby Jr."}},
		{"By Lee In Young", []string{"Lee In Young"}},
		// The byline words of twitter:labelN ("Verfasst von") open a
		// page's byline too; a label's conjunction is a word of its own.
		{"Verfasst von Lotte Brandauer", []string{"Lotte Brandauer"}},
		{"Skrevet av Sigrid Holmvik", []string{"Sigrid Holmvik"}},
		{"Napsal: Jana Nováková", []string{"Jana Nováková"}},
		{"Autorem: Jana Nováková", []string{"Jana Nováková"}},
		{"Autoreparatur: Lotte Brandauer", nil},
		{"Texteditor: Lotte Brandauer", nil},
		// Korean credits with a place or an outlet before "=".
		{"[항구시=뉴스] 김민준 기자", []string{"김민준"}},
		{"항구스포츠=박서연 기자", []string{"박서연"}},
		// Not persons.
		{"Lantern Post Staff", nil},
		{"Lantern Post Wire Services", nil},
		{"Redacción", nil},
		{"Redação", nil},
		{"Photos: Theo Barnaby", nil},
		{"Text & Photos: Lantern Post", nil},
		{"Ansvarlig redaktør: Sigrid Holmvik", nil},
		// Desks and news services in scripts of their own.
		{"Լուրեր Քաղաքից", nil},
		{"नगर ब्यूरो", nil},
		{"সংবাদ ডেস্ক", nil},
		{"Haberler Merkezi", nil},
	})
}

// TestPageAuthorShapes2 runs the author step on whole invented pages with
// byline layouts beyond those of TestPageAuthors: labels in their own
// element, names as separate links, author cards, wire credits at the end
// of the story, photo credits and teaser lists that must not be taken.
func TestPageAuthorShapes2(t *testing.T) {
	const head = `<html lang="en"><head><title>Council votes to rebuild the old bridge | Lantern Post</title>`
	const h1 = `<h1>Council votes to rebuild the old bridge</h1>`
	para := func(n int) string {
		return strings.Repeat(`<p>The council voted on Tuesday to rebuild the old harbour bridge before winter, and the works will close the road to traffic for three months, officials said.</p>`, n)
	}
	page := func(lang, title, inside, after string) string {
		return `<html lang="` + lang + `"><head><title>` + title + `</title></head><body><nav><a href="/">Home</a></nav><article><h1>` + title + `</h1>` +
			inside + `</article>` + after + `</body></html>`
	}
	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"Written by line in a paragraph under the headline",
			head + `</head><body><article>` + h1 + `<p class="k9">Written by Mara Quinlan</p>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"Words by in emphasis",
			head + `</head><body><article>` + h1 + `<p><em>Words by Mara Quinlan</em></p>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"address with a rel=author link",
			head + `</head><body><article>` + h1 + `<address>By <a rel="author" href="/people/mara-quinlan">Mara Quinlan</a></address>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"microdata author whose name is a meta",
			head + `</head><body><article>` + h1 + `<div itemprop="author" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="Mara Quinlan"><a href="/people/mara-quinlan">Mara Quinlan</a></div>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"three authors as separate links after By",
			head + `</head><body><article>` + h1 + `<div class="k9">By <a href="/people/mara-quinlan">Mara Quinlan</a>, <a href="/people/theo-barnaby">Theo Barnaby</a> and <a href="/people/ana-sousa">Ana Sousa</a></div>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan", "Theo Barnaby", "Ana Sousa"}},
		{"author-page links side by side without By",
			head + `</head><body><article>` + h1 + `<div class="k9"><a href="/author/mara-quinlan/">Mara Quinlan</a> <a href="/author/theo-barnaby/">Theo Barnaby</a></div><time datetime="2025-03-03">March 3, 2025</time>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan", "Theo Barnaby"}},
		{"By with a role and a date on one line",
			head + `</head><body><article>` + h1 + `<p class="k9">By Mara Quinlan, Staff Writer · March 3, 2025 4:05 p.m.</p>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"By with the photographer on one line",
			head + `</head><body><article>` + h1 + `<p class="k9">By Mara Quinlan | Photos by Theo Barnaby</p>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"byline above the headline",
			head + `</head><body><article><div class="byline">Mara Quinlan</div>` + h1 + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"author card after the body",
			head + `</head><body><article>` + h1 + para(4) + `</article><section class="k7"><img src="/m.jpg" alt=""><a href="/author/mara-quinlan/">Mara Quinlan</a><p>Mara covers the harbour, the port and the council for the paper.</p></section></body></html>`,
			[]string{"Mara Quinlan"}},
		{"wire credit at the end of a long story",
			head + `</head><body><article>` + h1 + para(25) + `<p>(Reporting by Mara Quinlan and Ravi Menon in Lisbon; Additional reporting by Ana Sousa; Editing by Theo Barnaby)</p></article></body></html>`,
			[]string{"Mara Quinlan", "Ravi Menon", "Ana Sousa"}},
		{"wire credit at the end under a desk byline",
			head + `</head><body><article>` + h1 + `<p class="byline">By Lantern Post Staff</p>` + para(25) + `<p>Reporting by Mara Quinlan; Editing by Theo Barnaby</p></article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"two author links glued without a separator",
			head + `</head><body><article>` + h1 + `<div class="authors"><a href="/author/mara-quinlan/">Mara Quinlan</a><a href="/author/theo-barnaby/">Theo Barnaby</a></div>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan", "Theo Barnaby"}},
		{"author page under /by/",
			head + `</head><body><article>` + h1 + `<div class="k9"><a href="/by/mara-quinlan">Mara Quinlan</a></div><time datetime="2025-03-03">March 3, 2025</time>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"Written by in the twitter label metas",
			head + `<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Mara Quinlan"><meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="3 minutes"></head><body><article>` + h1 + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"Geschrieben von in the twitter label metas",
			`<html lang="de"><head><title>Rat stimmt für den Neubau der alten Brücke</title><meta name="twitter:label1" content="Geschrieben von"><meta name="twitter:data1" content="Lotte Brandauer"></head><body><article><h1>Rat stimmt für den Neubau der alten Brücke</h1>` + para(2) + `</article></body></html>`,
			[]string{"Lotte Brandauer"}},
		{"reading time in the twitter label metas is no author",
			head + `<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="Mara Quinlan"></head><body><article>` + h1 + para(2) + `</article></body></html>`,
			nil},
		{"Cxense author meta",
			head + `<meta name="cXenseParse:author" content="Mara Quinlan"></head><body><article>` + h1 + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"JSON-LD author of another article of the page is not this one's",
			head + `<script type="application/ld+json">[{"@type":"NewsArticle","headline":"Council votes to rebuild the old bridge"},{"@type":"NewsArticle","headline":"Ferry service returns to the island","author":{"@type":"Person","name":"Theo Barnaby"}}]</script></head><body><article>` + h1 + `<p>By Mara Quinlan</p>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"JSON-LD author on the WebPage beside a bare NewsArticle",
			head + `<script type="application/ld+json">[{"@type":"NewsArticle","headline":"Council votes to rebuild the old bridge"},{"@type":"WebPage","author":{"@type":"Person","name":"Mara Quinlan"}}]</script></head><body><article>` + h1 + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"JSON-LD author of a listed story is not the page's",
			head + `<script type="application/ld+json">[{"@type":"NewsArticle","headline":"Council votes to rebuild the old bridge","author":{"@type":"Organization","name":"Lantern Post"}},{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","author":{"@type":"Person","name":"Theo Barnaby"}}]}]</script></head><body><article>` + h1 + para(2) + `</article></body></html>`,
			nil},
		{"German wire credit at the end",
			page("de", "Rat stimmt für den Neubau der alten Brücke", para(25)+`<p>(Bericht von Lotte Brandauer; redigiert von Paul Ehrenberg)</p>`, ""),
			[]string{"Lotte Brandauer"}},
		{"French wire credit at the end",
			page("fr", "Le conseil vote la reconstruction du vieux pont", para(25)+`<p>(Reportage Odile Varenne; version française Luc Perrin, édité par Anne Morel)</p>`, ""),
			[]string{"Odile Varenne"}},
		{"Spanish wire credit at the end",
			page("es", "El consejo vota reconstruir el viejo puente", para(25)+`<p>(Reporte de Inés Carvajal; Editado en español por Tomás Ortega)</p>`, ""),
			[]string{"Inés Carvajal"}},
		{"a section link that opens like a wire credit",
			page("es", "El consejo vota reconstruir el viejo puente", para(2), `<div class="k8"><a href="/seccion/general">Información General</a></div>`),
			nil},
		{"agency credit at the end names no person",
			page("es", "El consejo vota reconstruir el viejo puente", para(25)+`<p>Con información de EFE y AFP</p>`, ""),
			nil},
		{"Hindi dateline under the headline is no byline",
			page("hi", "परिषद ने पुराने पुल के पुनर्निर्माण के लिए मतदान किया", `<div class="k6">नई दिल्ली | 3 मार्च 2025</div>`+para(2), ""),
			nil},
		{"teaser sections with authors in an aside",
			head + `</head><body><article>` + h1 + para(2) + `<aside><section class="k4"><a href="/2025/03/02/ferry">Ferry service returns to the island after two years</a><span class="k5"><a href="/author/theo-barnaby/">Theo Barnaby</a></span></section></aside></article></body></html>`,
			nil},
		{"teaser list with authors after a story without byline",
			head + `</head><body><article>` + h1 + para(2) + `</article><ul class="k3"><li><a href="/2025/03/02/ferry">Ferry service returns to the island after two years</a><span class="author">Theo Barnaby</span></li><li><a href="/2025/03/01/market">Fish market moves to the old station building</a><span class="author">Ana Sousa</span></li></ul></body></html>`,
			nil},
		// The teaser rule (a small li, article or section with a link of
		// four words) must not take a byline of that shape.
		{"byline in a list item, a long name linked to a profile",
			page("es", "El consejo vota reconstruir el viejo puente", `<ul class="k2"><li>Por <a href="/perfil/jose-maria">José María Álvarez del Manzano</a></li><li><time>3 de marzo de 2025</time></li></ul>`+para(2), ""),
			[]string{"José María Álvarez del Manzano"}},
		{"byline section with a follow link",
			page("en", "Council votes to rebuild the old bridge", `<section class="k2"><p>By Mara Quinlan</p><a href="https://social.example/maraq">Follow Mara Quinlan on Social</a></section>`+para(2), ""),
			[]string{"Mara Quinlan"}},
		{"section the markup calls a byline, a topic link before the name",
			page("en", "Council votes to rebuild the old bridge", `<section class="byline"><a href="/topics/harbour">Harbour and coastal works</a> <span itemprop="author">Mara Quinlan</span></section>`+para(2), ""),
			[]string{"Mara Quinlan"}},
		{"short story in an article, a link inside its sentence",
			head + `</head><body>` + h1 + `<article><p>By Mara Quinlan</p><p>The council voted on Tuesday to rebuild the old harbour bridge, and <a href="/docs/plan.pdf">the full plan for the works</a> is online.</p></article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"photo credit in a caption before the byline",
			head + `</head><body><article>` + h1 + `<figure><img src="/b.jpg"><figcaption>The old bridge at dawn. By Theo Barnaby</figcaption></figure><p>By Mara Quinlan</p>` + para(2) + `</article></body></html>`,
			[]string{"Mara Quinlan"}},
		{"Korean photo credit in a caption before the reporter's",
			page("ko", "항구 다리 재건 결정", `<figure><img src="/b.jpg"><figcaption>항구 다리의 모습. 항구=박서연 기자</figcaption></figure><p>[항구시=뉴스] 김민준 기자 = 시의회는 화요일 오래된 항구 다리를 겨울 전에 재건하기로 의결했다.</p>`, ""),
			[]string{"김민준"}},
		{"French Par with the name in bold and a date",
			page("fr", "Le conseil vote la reconstruction du vieux pont", `<p>Par <strong>Odile Varenne</strong> le 3 mars 2025 à 10h12</p>`+para(2), ""),
			[]string{"Odile Varenne"}},
		{"Russian label in its own element",
			page("ru", "Совет проголосовал за восстановление старого моста", `<div class="k2"><span>Текст:</span> <a href="/people/olga">Ольга Миронова</a></div>`+para(2), ""),
			[]string{"Ольга Миронова"}},
		{"Ukrainian authors label",
			page("uk", "Рада проголосувала за відбудову старого мосту", `<p>Автори: Олена Гребенюк, Тарас Мельник</p>`+para(2), ""),
			[]string{"Олена Гребенюк", "Тарас Мельник"}},
		{"Arabic bi-qalam line",
			page("ar", "المجلس يصوت على إعادة بناء الجسر القديم", `<p class="k1">بقلم سلمى الحداد</p>`+para(2), ""),
			[]string{"سلمى الحداد"}},
		{"Hindi label line",
			page("hi", "परिषद ने पुराने पुल के पुनर्निर्माण के लिए मतदान किया", `<p>लेखक: अंजलि त्रिपाठी</p>`+para(2), ""),
			[]string{"अंजलि त्रिपाठी"}},
		{"Japanese text credit",
			page("ja", "市議会が古い橋の再建を可決", `<p>文：山田 太郎</p>`+para(2), ""),
			[]string{"山田 太郎"}},
		{"Turkish Yazan label",
			page("tr", "Meclis eski köprünün yeniden yapılmasına karar verdi", `<div class="k2">Yazan: Deniz Karaçam</div>`+para(2), ""),
			[]string{"Deniz Karaçam"}},
		{"Romanian Redactor label with a date",
			page("ro", "Consiliul votează reconstruirea podului vechi", `<p>Redactor: Ion Vasilescu, 3 martie 2025</p>`+para(2), ""),
			[]string{"Ion Vasilescu"}},
		{"Hindi bare line with a place beside JSON-LD",
			`<html lang="hi"><head><title>परिषद ने पुल के लिए मतदान किया</title><script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"सुरेश वर्मा"}}</script></head><body><article><h1>परिषद ने पुल के लिए मतदान किया</h1><div>सुरेश वर्मा / नई दिल्ली March 3, 2025</div>` + para(2) + `</article></body></html>`,
			[]string{"सुरेश वर्मा"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkPageAuthors(t, "https://www.lanternpost.example/2025/03/03/bridge.html", tc.page, tc.want)
		})
	}
}

// TestCJKOutletCredit: a credit that opens like the outlet's own name is the
// outlet's, a name of two or three characters stays a name.
func TestCJKOutletCredit(t *testing.T) {
	o := outlet{site: "港灣新聞中心"}
	checkCredits(t, o, []creditCase{
		{"港灣台灣", nil},
		{"記者 港明", []string{"港明"}},
		{"王小明", []string{"王小明"}},
	})
}
