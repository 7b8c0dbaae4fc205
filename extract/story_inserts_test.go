package extract_test

import "testing"

// storyInsertShapes are boxes set between a story's paragraphs that are not
// the story — a sign-up box (with its form, or its form set loose in the
// story's flow), a "Read also" teaser, a social embed, a captioned picture —
// and the real paragraphs that look like them: a paragraph that speaks of a
// newsletter, a short one with a link, one just before a form. Written by
// hand; every shape runs in every layout of shapeLayouts.
var storyInsertShapes = []bodyShape{
	{
		name: "sign-up box with a form", lang: "de", title: "Fähre fährt wieder nach Plan",
		main: `<article><h1>Fähre fährt wieder nach Plan</h1><div class="text">
<p>Die Fähre zwischen Ostheim und Lindau fährt seit Montag wieder nach dem gewohnten Fahrplan, teilte die Reederei mit.</p>
<div class="nl-box"><h3>Jetzt den Newsletter abonnieren</h3><p>Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach.</p>
<form action="/nl" method="post"><input type="email" name="m" placeholder="name@mail.example"><button>Abonnieren</button></form></div>
<p>Wochenlang war das Schiff wegen eines Motorschadens in der Werft gewesen, Pendler mussten den Umweg über die Brücke nehmen.</p>
<p>Die Reederei bedankte sich bei ihren Fahrgästen für die Geduld.</p></div></article>`,
		want: []string{"Die Fähre zwischen Ostheim", "Motorschadens in der Werft", "für die Geduld."},
		not:  []string{"Newsletter abonnieren", "in Ihrem Postfach"},
	},
	{
		// The box's heading and blurb are set loose in the story's flow,
		// the form after them; a heading in words never listed whole.
		name: "sign-up heading and blurb loose before a form", lang: "ru", title: "Паром снова ходит по расписанию",
		main: `<article><h1>Паром снова ходит по расписанию</h1><div class="text">
<p>Паром между Остхаймом и Линдау с понедельника снова ходит по обычному расписанию, сообщила судоходная компания.</p>
<div>Подпишитесь на утреннюю рассылку редакции</div><p>Главные новости каждое утро на вашу почту.</p>
<form action="/nl" method="post"><input type="text" name="m"><input type="submit" value="OK"></form>
<p>Несколько недель судно простояло на верфи из-за поломки двигателя, и пассажирам приходилось ехать в объезд через мост.</p>
<p>Компания поблагодарила пассажиров за терпение.</p></div></article>`,
		want: []string{"Паром между Остхаймом", "поломки двигателя", "за терпение."},
		not:  []string{"Подпишитесь", "на вашу почту"},
	},
	{
		// No form: the heading, blurb and a button-like link still say
		// what the box is.
		name: "sign-up box without a form", lang: "fr", title: "Le bac reprend ses horaires",
		main: `<article><h1>Le bac reprend ses horaires</h1><div class="text">
<p>Le bac entre Ostheim et Lindau circule de nouveau selon ses horaires habituels depuis lundi, a indiqué la compagnie.</p>
<aside><strong>Inscrivez-vous à notre newsletter</strong><p>L'essentiel de l'actualité chaque matin dans votre boîte mail.</p><a href="/newsletter/">S'inscrire</a></aside>
<p>Le navire avait passé plusieurs semaines au chantier à cause d'une panne de moteur, obligeant les usagers à passer par le pont.</p>
<p>La compagnie a remercié ses passagers pour leur patience.</p></div></article>`,
		want: []string{"Le bac entre Ostheim", "panne de moteur", "pour leur patience."},
		not:  []string{"Inscrivez-vous", "votre boîte mail", "S'inscrire"},
	},
	{
		// No form: a heading and a button; a blurb and a link; three
		// more languages.
		name: "sign-up boxes without a form in more languages", lang: "en", title: "Ferry back on timetable",
		main: `<article><h1>Ferry back on timetable</h1><div class="text">
<p>The ferry between Ostheim and Lindau has been running to its usual timetable since Monday, the operator said.</p>
<div class="x1"><h4>Get our morning newsletter</h4><button type="button" onclick="go()">Sign up</button></div>
<p>The vessel spent weeks in the yard after an engine failure, and commuters had to take the long way round over the bridge.</p>
<section><div>毎朝のニュースをお届けします</div><div><a href="/mail/">メルマガに登録する</a></div></section>
<p>The operator thanked passengers for their patience and promised a reliable winter timetable.</p>
<div><b>뉴스레터 구독</b> <a href="/nl/">구독하기</a></div>
<p>Night sailings, suspended since November, will return in the spring with two extra departures.</p>
<div><p>Подпишитесь на нашу рассылку</p><a href="/subscribe/">Подписаться</a></div>
<p>Bicycles will still travel free of charge, a spokesman said on Tuesday.</p></div></article>`,
		want: []string{"The ferry between Ostheim", "engine failure", "reliable winter timetable.", "Night sailings", "travel free of charge"},
		not:  []string{"morning newsletter", "Sign up", "毎朝のニュース", "メルマガ", "뉴스레터", "구독하기", "Подпишитесь", "Подписаться"},
	},
	{
		// Negative: paragraphs about a newsletter set in <div>s, each with
		// a link in its flow or a link after it; a short note and a link.
		name: "newsletter paragraphs in divs stay", lang: "en", title: "Parish newsletter turns fifty",
		main: `<article><h1>Parish newsletter turns fifty</h1><div class="text">
<div>The Kelby parish newsletter printed its first issue fifty years ago this week, on a borrowed duplicator in the vicarage.</div>
<div>Editor Ruth Penhale said readers could sign up for the newsletter <a href="/parish/">at the parish office</a>.</div>
<div>Subscribers get it on Fridays. <a href="/archive/">Archive</a></div>
<div>The anniversary issue comes out on Friday with a reprint of the first front page and letters from former editors.</div></div></article>`,
		want: []string{"printed its first issue", "Editor Ruth Penhale said readers could sign up for the newsletter at the parish office.",
			"Subscribers get it on Fridays.", "anniversary issue"},
	},
	{
		name: "read-also teasers in several languages", lang: "es", title: "El ferri vuelve a su horario",
		main: `<article><h1>El ferri vuelve a su horario</h1><div class="text">
<p>El ferri entre Ostheim y Lindau vuelve a circular según su horario habitual desde el lunes, informó la naviera.</p>
<p><strong>Lee también:</strong> <a href="/2024/01/03/puente/">Las obras del puente se retrasan otra vez</a></p>
<p>El barco pasó varias semanas en el astillero por una avería del motor y los pasajeros tuvieron que dar un rodeo por el puente.</p>
<div>Leia também: <a href="/2024/01/04/porto/">Porto ganha novo terminal</a></div>
<p>La naviera agradeció a los pasajeros su paciencia durante todo este tiempo.</p>
<aside><b>相关阅读</b>：<a href="/2024/01/05/qiao/">大桥工程再次推迟</a></aside>
<p>El servicio nocturno, suspendido desde noviembre, volverá en primavera con dos salidas más que el año pasado.</p></div></article>`,
		want: []string{"El ferri entre Ostheim", "avería del motor", "su paciencia", "El servicio nocturno"},
		not:  []string{"Lee también", "Las obras del puente", "Leia também", "Porto ganha", "相关阅读", "大桥工程"},
	},
	{
		// The label in a tag of its own or not, with a colon, a
		// full-width colon, a guillemet or nothing; the label inside the
		// link; five more languages.
		name: "read-also lines in more languages", lang: "de", title: "Fähre fährt wieder nach Plan",
		main: `<article><h1>Fähre fährt wieder nach Plan</h1><div class="text">
<p>Die Fähre zwischen Ostheim und Lindau fährt seit Montag wieder nach dem gewohnten Fahrplan, teilte die Reederei mit.</p>
<p>Lesen Sie auch: <a href="/2024/01/03/bruecke/">Brückensanierung verzögert sich erneut</a></p>
<p>Wochenlang war das Schiff wegen eines Motorschadens in der Werft gewesen, Pendler mussten den Umweg über die Brücke nehmen.</p>
<p><em>À lire aussi »</em> <a href="/2024/01/04/port/">Le port de Lindau agrandit son terminal</a></p>
<p>Die Reederei bedankte sich bei ihren Fahrgästen für die Geduld und versprach einen zuverlässigen Winterfahrplan.</p>
<div><a href="/2024/01/05/most/">Читайте также: Ремонт моста снова откладывается</a></div>
<p>Der Nachtverkehr, seit November eingestellt, soll im Frühjahr mit zwei zusätzlichen Abfahrten zurückkehren.</p>
<p><strong>あわせて読みたい</strong>：<a href="/2024/01/06/hashi/">橋の工事がまた遅れる</a></p>
<p>Fahrkarten für die neue Saison gibt es ab Dezember an den Automaten und in der App der Reederei.</p>
<p><b>함께 보면 좋은 기사</b> <a href="/2024/01/07/dari/">다리 공사 또 연기</a></p>
<p>Für Radfahrer bleibt die Mitnahme weiterhin kostenlos, teilte ein Sprecher am Dienstag mit.</p>
<p>READ MORE: <a href="/2024/01/08/bridge/">Bridge repairs delayed again</a></p>
<p>Der Fahrgastverband begrüßte die Rückkehr zum Fahrplan, forderte aber mehr Fahrten am Wochenende.</p></div></article>`,
		want: []string{"Die Fähre zwischen Ostheim", "Motorschadens in der Werft", "Winterfahrplan.", "Der Nachtverkehr",
			"an den Automaten", "weiterhin kostenlos", "mehr Fahrten am Wochenende."},
		not: []string{"Lesen Sie auch", "Brückensanierung", "À lire aussi", "Le port de Lindau", "Читайте", "Ремонт моста",
			"あわせて読みたい", "橋の工事", "함께 보면", "다리 공사", "READ MORE", "Bridge repairs"},
	},
	{
		// Negative: lines that open with a read-also word but are
		// sentences of the story, a link inside them.
		name: "sentences opening with read-also words stay", lang: "en", title: "Bridge repairs delayed again",
		main: `<article><h1>Bridge repairs delayed again</h1><div class="text">
<p>Repairs to the Lindau road bridge will not finish before the summer, the county council said on Tuesday.</p>
<p>Related work on the ferry landing has also stopped <a href="/2024/01/03/ferry/">since the winter floods</a>.</p>
<p>See also the council's note on the diversion, which runs through Ostheim for another six months.</p>
<p>Read more about the <a href="/bridge/">history of the bridge</a> in our archive.</p>
<p>The contractor blamed a shortage of steel and two weeks of frost in January for the delay.</p></div></article>`,
		want: []string{"Repairs to the Lindau road bridge", "Related work on the ferry landing has also stopped since the winter floods.",
			"See also the council's note", "Read more about the history of the bridge in our archive.", "shortage of steel"},
	},
	{
		name: "embed and captioned picture", lang: "it", title: "Il traghetto torna in orario",
		main: `<article><h1>Il traghetto torna in orario</h1><div class="text">
<p>Il traghetto tra Ostheim e Lindau è tornato da lunedì all'orario consueto, ha comunicato la compagnia di navigazione.</p>
<div class="x9"><iframe src="https://social.example/embed/123" width="500" height="600"></iframe></div>
<p>La nave era rimasta per settimane in cantiere per un guasto al motore e i pendolari dovevano passare dal ponte.</p>
<figure><img src="/img/nave.jpg" width="800" height="533" alt=""><figcaption>Il traghetto nel porto di Lindau martedì.</figcaption></figure>
<p>La compagnia ha ringraziato i passeggeri per la pazienza.</p></div></article>`,
		// The caption is not listed in not: the bare layout turns
		// <figure>/<figcaption> into <div>s, where it is a short line of
		// the story's flow to a reader too.
		want: []string{"Il traghetto tra Ostheim", "guasto al motore", "per la pazienza."},
	},
	{
		name: "short last line after a read-also teaser", lang: "es", title: "El ferri vuelve a su horario",
		main: `<article><h1>El ferri vuelve a su horario</h1><div class="text">
<p>El ferri entre Ostheim y Lindau vuelve a circular según su horario habitual desde el lunes, informó la naviera.</p>
<p>La naviera agradeció a los pasajeros su paciencia durante todo este tiempo.</p>
<aside><b>Lee también:</b> <a href="/2024/01/05/puente/">Las obras del puente se retrasan</a></aside>
<p>El servicio nocturno volverá en primavera.</p></div></article>`,
		want: []string{"El ferri entre Ostheim", "El servicio nocturno volverá en primavera."},
		not:  []string{"Las obras del puente"},
	},
	{
		// The teaser box has a heading of its own and a picture.
		name: "short last line after a headed teaser box", lang: "en", title: "Ferry back on timetable",
		main: `<article><h1>Ferry back on timetable</h1><div class="text">
<p>The ferry between Ostheim and Lindau has been running to its usual timetable since Monday, the operator said.</p>
<p>The operator thanked passengers for their patience during the weeks the vessel spent in the yard.</p>
<aside><h4>More on this story</h4><a href="/2024/01/05/bridge/"><img src="/img/b.jpg" alt="">Bridge repairs delayed again</a></aside>
<p>Night sailings return in spring.</p></div></article>`,
		want: []string{"The ferry between Ostheim", "Night sailings return in spring."},
		not:  []string{"More on this story", "Bridge repairs delayed"},
	},
	{
		// Negative: paragraphs of the story that speak of a newsletter and
		// of subscribing, one of them right before a search form; a short
		// paragraph with one link.
		name: "paragraphs about newsletters stay", lang: "en", title: "Parish newsletter turns fifty",
		main: `<article><h1>Parish newsletter turns fifty</h1><div class="text">
<p>The Kelby parish newsletter printed its first issue fifty years ago this week, on a borrowed duplicator in the vicarage.</p>
<p>Some 400 households still subscribe to the paper edition.</p>
<p>Read the first issue <a href="/archive/1974-01.pdf">in the archive</a>.</p>
<p>Editor Ruth Penhale said readers could sign up at the post office.</p>
<form action="/search"><input type="search" name="q"><button>Go</button></form>
<p>The anniversary issue comes out on Friday with a reprint of the first front page and letters from former editors.</p></div></article>`,
		want: []string{"printed its first issue", "Some 400 households still subscribe to the paper edition.",
			"Read the first issue in the archive.", "Editor Ruth Penhale said readers could sign up at the post office.", "anniversary issue"},
	},
	{
		// Negative: a page wrapped whole in one form (old web-form
		// frameworks), with a search field and a button in its header.
		name: "page wrapped in a form", lang: "en", title: "Mill pond to be dredged",
		main: `<form id="f1" method="post" action="/story"><div><input type="text" name="q"><input type="submit" value="Search"></div>
<article><h1>Mill pond to be dredged</h1>
<p>The mill pond at Ashby will be dredged in the autumn for the first time in forty years, the parish council said.</p>
<p>Silt has built up so far that ducks can walk across parts of it in a dry summer.</p>
<p>The work will cost about twelve thousand pounds, shared with the angling club.</p></article></form>`,
		want: []string{"The mill pond at Ashby", "ducks can walk across", "shared with the angling club."},
	},
}

// TestStoryInserts: boxes set inside a story (sign-up, read-also, embed,
// caption) are not body; the story's own paragraphs that look like them
// are.
func TestStoryInserts(t *testing.T) {
	testShapes(t, storyInsertShapes)
}
