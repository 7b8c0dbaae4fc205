package extract_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// articleBodyLD writes a JSON-LD NewsArticle whose articleBody is paras
// joined: the page's own statement of its text, which often leaves out a
// lead, a quote or an embedded post that the page shows.
func articleBodyLD(headline string, paras ...string) string {
	b, err := json.Marshal(map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": headline, "articleBody": strings.Join(paras, " "),
	})
	if err != nil {
		panic(err)
	}
	return `<script type="application/ld+json">` + string(b) + `</script>`
}

// Paragraphs of a story whose JSON-LD articleBody leaves out its lead, a
// quote and an embedded post (see the shapes below).
var (
	refParasDE = []string{
		"Die Gemeinde Hollerbach bekommt nach zwölf Jahren wieder eine eigene Apotheke, wie der Bürgermeister am Freitag im Gemeinderat mitteilte.",
		"Die Räume im ehemaligen Sparkassengebäude am Marktplatz werden derzeit umgebaut, die Eröffnung ist für den ersten März geplant.",
		"Betreiben wird die Apotheke die Pharmazeutin Lena Korbach, die bisher in einer Apotheke in der Kreisstadt angestellt war.",
		"Für ältere Menschen im Ort sei das eine große Erleichterung, sagte Korbach, viele hätten bisher auf Fahrdienste zurückgreifen müssen.",
		"Der Gemeinderat hatte die Ansiedlung mit einem Zuschuss für den Umbau unterstützt, der Beschluss fiel einstimmig.",
	}
	refParasNL = []string{
		"De pont lag sinds het voorjaar stil omdat de motor versleten was en er lange tijd geen vervangend onderdeel te krijgen was.",
		"Het waterschap heeft nu een nieuwe motor laten inbouwen, die volgens de schipper stiller en zuiniger is dan de oude.",
		"De pont vaart op werkdagen van zes uur 's ochtends tot acht uur 's avonds en in het weekend vanaf negen uur.",
		"Een overtocht blijft gratis voor fietsers en voetgangers, automobilisten betalen twee euro per keer.",
		"Ondernemers aan beide kanten van de rivier zijn blij dat de pont weer vaart, want veel klanten bleven de afgelopen maanden weg.",
	}
	refParasEN = []string{
		"The county's last independent cinema will close at the end of the month after its owners failed to find a buyer, they said on Tuesday.",
		"The Regal on Station Street opened in 1936 and has been run by the same family for three generations, showing new releases and old classics.",
		"Ticket sales never recovered after the town's bypass took trade away from the high street, the owners said in a statement.",
		"A campaign to buy the building as a community venue has raised about a third of the asking price so far, its organisers said.",
		"The final screening, of the film the cinema first showed in 1936, will take place on the last Saturday of the month.",
	}
)

var recallShapes = []bodyShape{
	{
		name: "reference without the lead", lang: "de", title: "Hollerbach bekommt wieder eine Apotheke",
		head: articleBodyLD("Hollerbach bekommt wieder eine Apotheke", refParasDE...),
		main: `<article><h1>Hollerbach bekommt wieder eine Apotheke</h1><div class="text"><div class="vorspann"><p>Zwölf Jahre mussten die Menschen in Hollerbach für jedes Rezept in die Stadt fahren. Damit ist bald Schluss.</p></div>` +
			paras(refParasDE) + `</div></article>`,
		want: append([]string{"Zwölf Jahre mussten die Menschen", "Damit ist bald Schluss."}, refParasDE...),
	},
	{
		name: "reference without the lead paragraph", lang: "nl", title: "Veerpont vaart weer",
		head: articleBodyLD("Veerpont vaart weer", refParasNL...),
		main: `<article><h1>Veerpont vaart weer</h1><div class="body"><p class="intro">Na drie maanden stilstand vaart de veerpont bij Oudewaard vanaf maandag weer. Fietsers hoeven niet langer om te rijden.</p>` +
			paras(refParasNL) + `</div></article>`,
		want: append([]string{"Na drie maanden stilstand", "Fietsers hoeven niet langer om te rijden."}, refParasNL...),
	},
	{
		name: "reference without a quote and an embedded post", lang: "en", title: "Last independent cinema to close",
		head: articleBodyLD("Last independent cinema to close", refParasEN...),
		main: `<article><h1>Last independent cinema to close</h1><div class="story">` + paras(refParasEN[:2]) +
			`<blockquote><p>We have loved every minute of it, but the numbers no longer add up.</p></blockquote>` +
			paras(refParasEN[2:4]) +
			`<blockquote class="social-post"><p>Forty years of Saturday matinees at the Regal. Heartbroken. pic.social.example/xk2</p>&mdash; Tom Reeve (@tomreeve) <a href="https://social.example/tomreeve/1">March 4, 2024</a></blockquote>` +
			paras(refParasEN[4:]) + `</div></article>`,
		want: append([]string{"We have loved every minute of it", "Forty years of Saturday matinees"}, refParasEN...),
	},
	{
		name: "reference leaves out a sign-up box and a teaser set in the text", lang: "en", title: "Last independent cinema to close",
		head: articleBodyLD("Last independent cinema to close", refParasEN...),
		main: `<article><h1>Last independent cinema to close</h1><div class="story">` + paras(refParasEN[:3]) +
			`<aside class="box"><h3>The Morning Brief</h3><p>Our daily round-up of the town's news, in your inbox before breakfast.</p><form><input type="email"><button>Sign up</button></form></aside>` +
			paras(refParasEN[3:4]) +
			`<div class="promo"><div class="promo-title"><a href="/2024/02/01/bypass/">Five years on, has the bypass killed the high street?</a></div><div class="promo-text">Shop owners on Station Street say trade has never recovered since the new road opened.</div></div>` +
			paras(refParasEN[4:]) + `</div></article>`,
		want: refParasEN,
		not:  []string{"Our daily round-up", "Shop owners on Station Street"},
	},
	{
		name: "table of figures after the text", lang: "en", title: "Who gave to the mayor's campaign",
		main: `<article><h1>Who gave to the mayor's campaign</h1>
<p>Mayor Dana Holt's re-election campaign raised $14,300 in September, according to filings published by the city clerk on Monday.</p>
<p>Donations over $200 must be reported with the donor's name. The following table lists every reported contribution.</p>
<table><tr><th>Date</th><th>Amount</th><th>Donor</th></tr>
<tr><td>2024-09-02</td><td>$2,500</td><td>Ruth Abney</td></tr>
<tr><td>2024-09-09</td><td>$300</td><td>Carl Munro</td></tr>
<tr><td>2024-09-17</td><td>$1,000</td><td>Iris Gable</td></tr>
<tr><td>2024-09-28</td><td>$250</td><td>Owen Marsh</td></tr></table></article>`,
		want: []string{"raised $14,300 in September", "lists every reported contribution", "Date | Amount | Donor", "2024-09-02 | $2,500 | Ruth Abney", "Carl Munro", "Iris Gable", "2024-09-28 | $250 | Owen Marsh"},
	},
	{
		name: "table of results after the text", lang: "es", title: "Resultados de la carrera popular",
		main: `<article><h1>Resultados de la carrera popular</h1>
<p>Más de seiscientos corredores participaron el domingo en la carrera popular de San Lorenzo, que recorrió diez kilómetros por el casco antiguo.</p>
<p>Estos son los tres primeros clasificados de la categoría absoluta.</p>
<table><tbody><tr><td>1</td><td>Marta Ibáñez</td><td>34:12</td></tr><tr><td>2</td><td>Jorge Salas</td><td>34:40</td></tr><tr><td>3</td><td>Lucía Prado</td><td>35:05</td></tr></tbody></table></article>`,
		want: []string{"seiscientos corredores", "Estos son los tres primeros", "1 | Marta Ibáñez | 34:12", "Jorge Salas", "3 | Lucía Prado | 35:05"},
	},
	{
		name: "paragraphs in the cells of one row", lang: "zh", title: "春季消费市场回暖",
		main: `<div><b>春季消费市场回暖</b><table><tr><td>多地推出春季消费新举措，文旅餐饮市场持续升温，商场客流明显增加，节假日期间各大商圈人气旺盛。</td><td>业内人士表示，春季是传统的消费旺季，随着各项政策措施落地见效，居民消费意愿有望进一步增强。</td></tr></table></div>`,
		want: []string{"多地推出春季消费新举措", "居民消费意愿有望进一步增强。"},
		not:  []string{" | "},
	},
	{
		name: "subheadings over pictures with a credit", lang: "en", title: "Five apps for travelling alone",
		main: `<article><h1>Five apps for travelling alone</h1>
<p>Travelling alone does not have to mean being lonely. These apps help you meet people on the road, from a coffee to a hike.</p>
<h2>1. Wayfarer</h2><p class="credit">Image: wayfarer.example</p>
<p>Wayfarer lists small group walks and meals in more than two hundred cities, and most of them cost nothing to join.</p>
<h2>2. Hostel Circle</h2><figure><img src="/img/circle.jpg" alt=""><figcaption>Photo: Hostel Circle</figcaption></figure><p class="see-also"><a href="/2024/01/10/hostels/">See also: The best hostels of the year</a></p>
<p>Hostel Circle shows who else is staying in your hostel and what they plan to do tomorrow, so you can tag along.</p></article>`,
		want: []string{"These apps help you meet people", "1. Wayfarer", "small group walks", "2. Hostel Circle", "shows who else is staying"},
		not:  []string{"Image: wayfarer.example", "Photo: Hostel Circle", "best hostels of the year"},
	},
	{
		name: "Untertitel über einem Bild", lang: "de", title: "Drei Wanderwege im Herbst",
		main: `<article><h1>Drei Wanderwege im Herbst</h1>
<p>Wenn sich die Blätter färben, ist die beste Zeit zum Wandern. Drei Wege rund um den Lindensee, die sich im Oktober lohnen.</p>
<h3>Der Uferweg</h3><figure><img src="/img/ufer.jpg" alt=""><figcaption>Foto: Anna Brenner</figcaption></figure>
<p>Der Uferweg führt in gut zwei Stunden einmal um den See und ist auch für Familien mit Kinderwagen geeignet.</p>
<h3>Der Gratweg</h3><figure><img src="/img/grat.jpg" alt=""><figcaption>Foto: Anna Brenner</figcaption></figure>
<p>Wer Ausdauer hat, nimmt den Gratweg über die Hohe Wand, mit einem weiten Blick über das ganze Tal.</p></article>`,
		want: []string{"Wenn sich die Blätter färben", "Der Uferweg", "einmal um den See", "Der Gratweg", "mit einem weiten Blick"},
		not:  []string{"Foto: Anna Brenner"},
	},
	{
		name: "list before the first paragraph", lang: "en", title: "Lantern app update brings offline maps",
		main: `<article><h1>Lantern app update brings offline maps</h1><div class="post-body">
<p>What is new in version 3.2:</p>
<ul><li>Offline maps</li><li>Dark mode</li><li>Bugs fixed</li></ul>
<p>The update to the Lantern walking app, out on Thursday, lets you download maps of a whole region before you set off, so you can find your way without a signal.</p>
<p>It is free for existing users, and the developers say a version for watches will follow in the spring.</p></div></article>`,
		want: []string{"What is new in version 3.2:", "Offline maps", "Dark mode", "Bugs fixed", "download maps of a whole region", "version for watches"},
	},
	{
		name: "Список перед первым абзацем", lang: "ru", title: "Как ускорить загрузку ноутбука",
		main: `<article><h1>Как ускорить загрузку ноутбука</h1><div class="entry">
<p>Что можно сделать за десять минут</p>
<ul><li>отключить лишние программы в автозагрузке</li><li>очистить временные файлы</li><li>обновить драйверы</li></ul>
<p>Чаще всего ноутбук загружается медленно из-за программ, которые запускаются вместе с системой и работают в фоне, даже когда они не нужны.</p>
<p>Если и после этого загрузка занимает больше минуты, стоит проверить диск: старые жёсткие диски заметно медленнее твердотельных.</p></div></article>`,
		want: []string{"Что можно сделать за десять минут", "отключить лишние программы", "очистить временные файлы", "обновить драйверы", "Чаще всего ноутбук", "проверить диск"},
	},
	{
		name: "paragraphs as divs beside the body's box", lang: "en", title: "Why the council's numbers don't add up",
		main: `<article><h1>Why the council's numbers don't add up</h1><div class="story">
<div class="lead-box"><p class="para">The council says its new parking charges will raise £2 million a year for road repairs.</p></div>
<div class="para">Don't count on it.</div>
<div class="embed"><div><a href="/video/42"><img src="/v.jpg" alt="">Watch: the leader of the council on parking</a></div></div>
<div class="para">That is not to say the charges will raise nothing. But the forecast assumes that every bay is full, every hour, every day.</div>
<div class="rest"><div class="para">Last year the council's own survey found the town centre's car parks were a little over half full on an average weekday.</div>
<div class="para">At that rate the charges would bring in closer to £1.1 million, and less still if drivers go elsewhere to avoid them.</div>
<div class="para">The council's finance chief said the forecast was "deliberately ambitious" and would be reviewed after the first year.</div>
<div class="para">Opposition councillors have asked for the survey figures to be published in full before the charges are approved next month.</div></div></div></article>`,
		want: []string{"raise £2 million a year", "Don't count on it.", "every bay is full", "a little over half full", "closer to £1.1 million", "deliberately ambitious", "published in full"},
	},
	{
		name: "embedded posts with their attribution", lang: "en", title: "Mayor spends new year's day on the golf course",
		main: `<article><h1>Mayor spends new year's day on the golf course</h1><div class="story">
<p>Mayor Tim Larkin began the new year the way he spent a fifth of the last one: on the course at Ferndale Links, his office confirmed on Thursday.</p>
<blockquote class="post-embed"><p>The mayor is at Ferndale Links again, for the ninth day in a row. <a href="https://social.example/p/1">pic.social.example/f9</a></p>&mdash; Jo Pike (@jopike) <a href="https://social.example/jopike/1">January 1, 2024</a></blockquote>
<p>Larkin said he holds meetings at the club and that the course is where much of the town's business gets done.</p>
<blockquote class="post-embed"><p>I had meetings all afternoon at the club, not a round of golf. Fake news!</p>&mdash; Tim Larkin (@mayorlarkin) <a href="https://social.example/mayorlarkin/2">January 1, 2024</a></blockquote>
<p>His opponents have asked for the mayor's diary to be published so that voters can judge for themselves.</p></div></article>`,
		want: []string{"began the new year", "ninth day in a row", "— Jo Pike (@jopike) January 1, 2024", "holds meetings at the club", "not a round of golf", "— Tim Larkin (@mayorlarkin) January 1, 2024", "diary to be published"},
	},
	{
		name: "publicación insertada con su firma", lang: "es", title: "El alcalde pasa el año nuevo en el campo de golf",
		main: `<article><h1>El alcalde pasa el año nuevo en el campo de golf</h1><div class="nota">
<p>El alcalde de Villanueva, Ramón Ibarra, empezó el año en el campo de golf municipal, confirmó su oficina el jueves por la tarde.</p>
<blockquote class="embed"><p>Otra vez el alcalde en el campo de golf, y ya van nueve días seguidos. <a href="https://social.example/p/7">pic.social.example/g7</a></p>&mdash; Lucía Mora (@luciamora) <a href="https://social.example/luciamora/7">1 de enero de 2024</a></blockquote>
<p>Ibarra asegura que en el club celebra reuniones de trabajo con empresarios de la comarca.</p></div></article>`,
		want: []string{"empezó el año en el campo de golf", "nueve días seguidos", "— Lucía Mora (@luciamora) 1 de enero de 2024", "reuniones de trabajo"},
	},
	{
		name: "a paragraph repeated from a highlights box", lang: "en", title: "Prosecutors drop case against former harbour master",
		main: `<article><h1>Prosecutors drop case against former harbour master</h1>
<div class="story"><div class="highlights"><div class="label">Highlights</div><div class="item">She added that an appeal against the decision could still be made to the regional prosecutor's office within a month.</div></div>
<p>Prosecutors have dropped their case against Kelby's former harbour master, who was accused of selling mooring permits for cash.</p>
<p>The chief prosecutor said the evidence had first been judged reliable, but that several witnesses had since withdrawn their statements.</p>
<p>She added that an appeal against the decision could still be made to the regional prosecutor's office within a month.</p>
<p>The former harbour master, who has always denied the claims, said through his lawyer that he was relieved.</p></div></article>`,
		want: []string{"dropped their case", "withdrawn their statements", "She added that an appeal against the decision could still be made", "always denied the claims"},
	},
	{
		name: "ein Absatz als Zitat wiederholt", lang: "de", title: "Freibad bleibt geschlossen",
		main: `<article><h1>Freibad bleibt geschlossen</h1><div class="text">
<p>Das Freibad in Lindach bleibt auch in diesem Sommer geschlossen, weil die Sanierung der Becken länger dauert als geplant.</p>
<p>„Wir wissen, wie sehr die Menschen auf das Bad warten, aber die Sicherheit geht vor“, sagte Bürgermeisterin Karin Vogt am Montag.</p>
<aside class="zitat"><p>„Wir wissen, wie sehr die Menschen auf das Bad warten, aber die Sicherheit geht vor“, sagte Bürgermeisterin Karin Vogt am Montag.</p></aside>
<p>Die Gemeinde will nun prüfen, ob Schulklassen das Hallenbad in der Kreisstadt nutzen können.</p></div></article>`,
		want: []string{"bleibt auch in diesem Sommer geschlossen", "die Sicherheit geht vor", "Hallenbad in der Kreisstadt"},
	},
	{
		name: "short sentences with a link in them", lang: "en", title: "Caller admits threatening councillor",
		main: `<article><h1>Caller admits threatening councillor</h1><div class="story">
<p>A man from Dunmore has admitted making a threatening phone call to the office of councillor Ruth Ames, prosecutors said on Monday.</p>
<p>He was arrested in April for the call to <a href="/people/ruth-ames">the office of councillor Ames</a>.</p>
<p>During the call he shouted at a member of staff and said the councillor should be afraid to leave the town hall.</p>
<p>He faces <a href="/law/sentencing">up to two years in prison</a> when sentenced.</p>
<p>His lawyer said he had been drinking and deeply regretted the call, and that he had written to the councillor to apologise.</p></div></article>`,
		want: []string{"admitted making a threatening phone call", "He was arrested in April for the call to the office of councillor Ames.", "afraid to leave the town hall", "He faces up to two years in prison when sentenced.", "written to the councillor"},
	},
	{
		name: "Предложение со ссылкой", lang: "ru", title: "Суд отпустил водителя под залог",
		main: `<article><h1>Суд отпустил водителя под залог</h1><div class="text">
<p>Суд отпустил под залог водителя грузовика, который в пятницу въехал в остановку на улице Ленина, сообщили в пресс-службе суда.</p>
<p>Его задержали на месте <a href="/news/2024/03/01/dtp/">аварии в пятницу</a>.</p>
<p>Сумма залога составила триста тысяч рублей, водителю запрещено покидать город до окончания следствия.</p></div></article>`,
		want: []string{"отпустил под залог водителя", "Его задержали на месте аварии в пятницу.", "Сумма залога"},
	},
	{
		name: "sections under h1 headings", lang: "en", title: "The low-carb diet explained",
		main: `<div class="post"><h1>The low-carb diet explained</h1>
<p>The low-carb diet cuts bread, pasta, rice and sugar and lets you eat meat, fish, eggs, cheese and most vegetables instead.</p>
<p>It is usually followed in two phases, a strict one for the first weeks and a looser one after that.</p>
<h1>Advantages of the diet</h1>
<p>It is simple to follow: there is no counting of calories, and portions are not limited as long as the foods are allowed.</p>
<h1>Drawbacks of the diet</h1>
<p>It is not balanced. Without fruit and grains many people lack fibre, and some feel tired during the first phase.</p></div>`,
		want: []string{"cuts bread, pasta, rice and sugar", "two phases", "Advantages of the diet", "no counting of calories", "Drawbacks of the diet", "lack fibre"},
	},
	{
		name: "Abschnitte unter h1", lang: "de", title: "Die Atkins-Diät im Überblick",
		main: `<div class="beitrag"><h1>Die Atkins-Diät im Überblick</h1>
<p>Bei der Atkins-Diät verzichtet man weitgehend auf Brot, Nudeln, Reis und Zucker, Fleisch, Fisch und Gemüse sind dagegen erlaubt.</p>
<h1>Vorteile</h1>
<p>Die Diät ist einfach: Kalorien muss man nicht zählen, und satt wird man trotzdem.</p>
<h1>Nachteile</h1>
<p>Ausgewogen ist sie nicht. Ohne Obst und Getreide fehlen vielen Menschen Ballaststoffe.</p></div>`,
		want: []string{"verzichtet man weitgehend", "Vorteile", "Kalorien muss man nicht zählen", "Nachteile", "fehlen vielen Menschen Ballaststoffe"},
	},
}

// paras sets paragraphs as <p> elements.
func paras(ps []string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + p + "</p>\n")
	}
	return b.String()
}

// TestBodyRecall extracts shapes where body text was lost on pages never
// seen in development: leads, quotes and embedded posts a JSON-LD
// reference leaves out, tables of figures, subheadings over a picture's
// credit, lists before the first paragraph, paragraphs set as <div>s,
// embedded posts with their attribution, a paragraph repeated in a box,
// short sentences with a link in them, sections under <h1> headings.
func TestBodyRecall(t *testing.T) {
	testShapes(t, recallShapes)
}
