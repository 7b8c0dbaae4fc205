package extract

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// Authors come from four places, in this order of trust: JSON-LD Person
// objects, the byline printed near the headline (marked up or not), and the
// author <meta> tags. Every credit goes through the same cleaning
// (outlet.clean): a credit is cut into names, and what is not shaped like a
// person's name is dropped — desks, agencies, outlets, roles, dates, UI
// words, addresses. Twitter handles are no names: "@jane" is removed from a
// credit ("Jane Doe @jane" gives "Jane Doe"), a credit that is only a handle
// gives nothing, and twitter:creator is not read.

// authors returns the page's person authors.
func (p *page) authors(metas map[string]string, ld *ldData, site string, base *url.URL) []string {
	o := p.outletOf(site, metas, base)
	fromLD := o.clean(ld.authors)
	var fromMeta []string
	for _, v := range metaCredits(metas) {
		if fromMeta = o.clean([]string{v}); len(fromMeta) > 0 {
			break
		}
	}
	fromPage, marked := p.bylines(o)
	switch {
	case len(fromLD) > 0 && marked:
		return recase(widen(fromLD, fromPage), fromPage, fromMeta)
	case len(fromLD) > 0:
		// A bare line under the headline adds no names to the declared
		// ones: "Jane Doe / New Delhi" also names a place.
		return recase(fromLD, fromPage, fromMeta)
	case len(fromPage) > 0 && (marked || len(fromMeta) == 0 || overlaps(fromPage, fromMeta)):
		// A byline the page marks or opens with "By" is the page's own
		// word; a bare line under the headline yields to a meta tag.
		return recase(fromPage, fromMeta)
	case len(fromMeta) > 0:
		return recase(widen(fromMeta, fromPage), fromPage)
	}
	return nil
}

// authorMetaKeys are the <meta> names of an author, lower case, most
// trusted first.
var authorMetaKeys = []string{"author", "article:author", "byl", "dc.creator", "dc.creator.name", "dc:creator",
	"dcterms.creator", "sailthru.author", "parsely-author", "citation_author", "og:article:author", "authors",
	"cxenseparse:author", "dcsext.author", "dc.creator.aut", "dcterms.creator.aut", "shareaholic:article_author_name"}

// authorLabel reports a twitter:labelN that labels the author in its
// twitter:dataN (written by SEO plugins in the page's language): a label
// that opens a byline in front of a name, "Written by", "Autor",
// "Escrito por", in the byline words of the page's own credits.
func authorLabel(l string) bool {
	const name = "Jane Doe"
	return l != "" && stripLead(l+": "+name, true) == name
}

// metaCredits returns the author credits of the page's <meta> tags, most
// trusted first: the author keys, then a twitter:dataN whose label says
// "Written by".
func metaCredits(metas map[string]string) []string {
	var out []string
	for _, k := range authorMetaKeys {
		if v := metas[k]; v != "" {
			out = append(out, v)
		}
	}
	for _, n := range []string{"1", "2", "3", "4"} {
		if l := strings.Trim(metas["twitter:label"+n], " :"); authorLabel(l) && metas["twitter:data"+n] != "" {
			out = append(out, metas["twitter:data"+n])
		}
	}
	return out
}

// recase gives a name written in capitals ("TOM KRISHER") the case another
// source writes it in.
func recase(names []string, others ...[]string) []string {
	for i, n := range names {
		if n != strings.ToUpper(n) {
			continue
		}
		for _, o := range others {
			for _, m := range o {
				if strings.EqualFold(m, n) && m != strings.ToUpper(m) {
					names[i] = m
				}
			}
		}
	}
	return names
}

// widen returns the printed byline instead of the declared names when it
// holds every one of them and more ("By A, B and C" where JSON-LD names A).
func widen(declared, printed []string) []string {
	if len(printed) == 0 {
		return declared
	}
	for _, d := range declared {
		if !slices.ContainsFunc(printed, func(s string) bool { return strings.EqualFold(s, d) }) {
			return declared
		}
	}
	if len(printed) > len(declared) {
		return printed
	}
	return declared
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.ContainsFunc(b, func(y string) bool { return strings.EqualFold(x, y) }) {
			return true
		}
	}
	return false
}

// ldAuthors gathers the names of a JSON-LD author value: a string, a Person
// (its name, or given and family name), a reference {"@id": …} to an object
// elsewhere in the page's JSON-LD, or a list of these. Organizations are no
// authors.
func ldAuthors(v any, objs []map[string]any) []string {
	var out []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case string:
			out = append(out, html.UnescapeString(x))
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			for _, t := range ldTypes(x) {
				if strings.Contains(t, "Organization") || t == "Corporation" || t == "NewsMediaOrganization" {
					return
				}
			}
			name := x["name"]
			if name == nil {
				if g, f := ldString(x["givenName"]), ldString(x["familyName"]); g != "" || f != "" {
					name = strings.TrimSpace(g + " " + f)
				}
			}
			if name == nil {
				if id, ok := x["@id"].(string); ok && id != "" && len(x) <= 2 {
					for _, o := range objs {
						if o["@id"] == id && len(o) > 1 {
							walk(o, depth+1)
							return
						}
					}
				}
				return
			}
			if s := ldString(name); s != "" {
				out = append(out, html.UnescapeString(s))
			}
		}
	}
	walk(v, 0)
	return out
}

// outlet names the publication, so that a credit to it is no author.
type outlet struct {
	site   string   // its name (og:site_name, JSON-LD publisher)
	labels []string // its host's labels, lower case: "businessinsider"
	ja     bool     // the page is Japanese: "山田 太郎" is one name
}

func (p *page) outletOf(site string, metas map[string]string, base *url.URL) outlet {
	o := outlet{site: site}
	host := ""
	if base != nil {
		host = base.Hostname()
	}
	if host == "" {
		if u, err := url.Parse(metas["og:url"]); err == nil {
			host = u.Hostname()
		}
	}
	for _, l := range strings.Split(strings.ToLower(host), ".") {
		switch l {
		case "www", "m", "amp", "com", "org", "net", "co", "gov", "edu", "ac", "news", "blog", "blogs":
			continue
		}
		if len(l) >= 3 {
			o.labels = append(o.labels, strings.ReplaceAll(l, "-", ""))
		}
	}
	if p.html != nil {
		o.ja = strings.HasPrefix(strings.ToLower(attr(p.html, "lang")), "ja")
	}
	return o
}

// cleanAuthors is outlet.clean for an outlet known by name only.
func cleanAuthors(raw []string, site string) []string { return outlet{site: site}.clean(raw) }

// clean turns raw credits into person names, each once.
func (o outlet) clean(raw []string) []string {
	out, _ := o.cleanOrg(raw)
	return out
}

// cleanOrg is clean, and reports whether a credit named an organisation.
func (o outlet) cleanOrg(raw []string) ([]string, bool) {
	var out []string
	org := false
	for _, r := range raw {
		names, o2 := o.credit(r)
		org = org || o2
		for _, n := range names {
			if !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, n) }) {
				out = append(out, n)
			}
		}
	}
	return out, org
}

// notByWords open a credit for something else than the writing: "Photos
// by", "Edited by", "Developed by", "Снимка:", "© 2020".
var notByWords = words(
	"photo photos photograph photographs photography picture pictures image images video videos illustration illustrations",
	"illustrated graphic graphics edited editing translated translation designed developed powered hosted",
	"sponsored presented maintained foto fotos bild bilder imagen fotografía traducido übersetzt traduit",
	"traduzione фото снимка снимки desenvolvido desarrollado développé entwickelt sviluppato realizzato",
	"criado diseñado conçu gestaltet copyright rights direitos derechos droits rechte ©",
	"produced production producción produção produktion fotografie fotografia fotografías fotografias фотографии",
	"світлини cover kamera camera grafik grafiken infografik infographic redigiert bearbeitet édité éditée",
	"editado editada edición edição revisado revisão")

// notBy reports a credit opening with one of notByWords.
func notBy(s string) bool {
	for _, w := range strings.Fields(s) {
		if notByWords[strings.Trim(lower(w), ".,:;()")] || strings.HasPrefix(w, "©") {
			return true
		}
	}
	return false
}

var (
	// reByStart opens a byline in the languages of the corpus and their
	// neighbours; reByMid finds one after a few words ("Analysis by",
	// "Monday 7:45 am PST by"), where "von" and "di" would be particles.
	reByStart = regexp.MustCompile(`(?i)^(?:by|von|por|par|door|av|af|przez|від|от|di|oleh|bởi|โดย|מאת|بقلم)\s*[:：]?\s+`)
	reByMid   = regexp.MustCompile(`(?i)^(.{0,80}?)\s(?:by|por|par|door|przez|af|av|von|di|da|oleh)\s*[:：]?\s+(\S.*)$`)
	// reLabelLead is a labelled credit: "Autor: NAME", "Текст: NAME".
	// A label may pair with the credit of the pictures ("Text & Photos:",
	// "Texte et photos :") or take one word after it ("Автор текста:").
	reLabelLead = regexp.MustCompile(`(?i)^(?:[(（【\[]\s*)?(?:` + labelWords + `)(?:(?:\s*[&+]\s*|\s+(?:and|und|et|y|e|и|і|та)\s+)\p{L}+|\s+\p{L}+)?\s*[:：]\s*`)
	// reCJKLead is a byline's opening in Chinese and Japanese: "文／",
	// "記者 ", "（記者", "作者：", "执笔：".
	reCJKLead = regexp.MustCompile(`^(?:[(（【\[「]\s*)?(?:本[报報]|特约|特約|实习|實習)?(?:记者|記者|文|撰文|撰稿|作者|执笔|執筆|執筆者|取材・文|取材・?執筆|通讯员|通訊員)\s*(?:[／/:：・|丨]\s*)?`)
	// reTailWord finds a date's label or a reading time after a byline's
	// names: tailWords as whole words, tailMarks anywhere.
	reTailWord = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:` + strings.Join(tailWords, "|") + `)(?:$|[^\p{L}])|` +
		strings.Join(tailMarks, "|"))
	reDomain = regexp.MustCompile(`\p{L}{2,}\.\p{L}{2,}`)
	// reCreditSep separates names in a credit.
	reCreditSep = regexp.MustCompile(`\s*(?:[,;&|/／·•、，；+]|\s[-–—]+\s|\s(?i:and|und|et|en|og|och|и|і|та|ja|és|ve|oraz)\s|\s&amp;\s)\s*`)
)

// labelWords label a byline, followed by a colon: "Autor:", "Yazan:",
// "Журналист:", "लेखक:". Words for the editor alone ("Redaktør:", the
// legal editor of a site's footer) are not among them.
const labelWords = `authors?|autor(?:in|a|ka|em|es|as|zy|i)?|auteur(?:e|s)?|autore|autori|text|texto|texte|tekst|testo|` +
	`verfasser(?:in)?|written|reporting|reporter|reportér|riporter|story|words|redactor(?:a|es|as)?|toimittaja|` +
	`yazan|muhabir|penulis|pewarta|wartawan|novinar(?:ka)?|dziennikarz|dziennikarka|tác giả|` +
	`текст|автор(?:ы|и|ка)?|журналист(?:ка)?|журналіст(?:ка)?|корреспондент|кореспондент|новинар|` +
	`piše|napisao|napisala|napsal(?:a)?|написал(?:а)?|написано|kirjoittanut|yazar|szerző|συντάκτης|kirjoittaja|teksti|autorius|autors|avtor|аутор|bron|ავტორი|نوشته|كتب|كتبت|إعداد|نویسنده|लेखक|रिपोर्ट|প্রতিবেদক|লেখক`

// credit cuts one raw credit into the person names it gives, and reports
// whether it named an organisation. A credit is read clause by clause
// (creditClauses): the names of a clause that credits other work
// ("Editing by A and B", "Photos: C") are dropped with it, and a date
// ends the credit.
func (o outlet) credit(r string) ([]string, bool) {
	r = collapse(html.UnescapeString(r))
	if r == "" || len(r) > 400 || looksURL(r) || strings.Contains(r, "©") {
		return nil, false
	}
	var parts []string
	for _, c := range creditClauses(r) {
		if c = stripLead(c, true); c == "" {
			continue
		}
		cut := cutTail(c)
		parts = append(parts, splitCredit(koreanName(dropHandles(cut)), o.ja)...)
		if len(cut) < len(c) {
			break
		}
	}
	var out []string
	org, multi := false, false
	for _, part := range parts {
		name, kind := o.name(part, len(out) > 0)
		switch kind {
		case kindOrg:
			org = true
		case kindPerson:
			if !strings.Contains(name, " ") && !hasCJK(name) && (org || multi) {
				// "Jane Doe, Futurism", "Reuters, Washington": a
				// lone word beside a full name or an outlet is no
				// person.
				continue
			}
			multi = multi || strings.Contains(name, " ")
			out = append(out, name)
		}
	}
	return out, org
}

// reClauseCut is where a credit may change clause: a semicolon, a bar, or
// a comma, full stop or dash before a new label ("…, Fotos: C", "…. Photos
// : C", "… – Editing by D").
var reClauseCut = regexp.MustCompile(`\s*(?:[;|]|[,.]\s|\s[-–—]+\s)\s*`)

// creditClauses cuts a credit into its clauses: at every semicolon and bar,
// and at a comma, full stop or dash when what follows opens a credit of its
// own ("Photos by", "Fotos:", "Editing by", "Additional reporting by").
func creditClauses(r string) []string {
	var out []string
	start := 0
	for _, loc := range reClauseCut.FindAllStringIndex(r, -1) {
		sep, rest := r[loc[0]:loc[1]], r[loc[1]:]
		if !strings.ContainsAny(sep, ";|") && !opensClause(rest) {
			continue
		}
		out = append(out, r[start:loc[0]])
		start = loc[1]
	}
	return append(out, r[start:])
}

// opensClause reports text that opens a credit: a word of notByWords, a
// label, a byline word, or words for writing before "by".
func opensClause(s string) bool {
	w := strings.Trim(lower(firstWord(s)), ".,()")
	if notByWords[w] || labelLeadIndex(s) != nil || w == "with" && reWireLead.MatchString(s) {
		return true // "…, with reporting by B": a clause of its own
	}
	if m := reByMid.FindStringSubmatch(s); m != nil && len(strings.Fields(m[1])) <= 2 && reOpener.MatchString(lower(m[1])) {
		return true
	}
	return false
}

// koreanName keeps the name of a Korean credit that opens with a place or
// an outlet: "[항구시=뉴스] 김민준 기자", "항구스포츠=박서연 기자".
func koreanName(r string) string {
	i := strings.LastIndexByte(r, '=')
	if i < 0 || !hasCJK(r) {
		return r
	}
	if j := strings.LastIndexAny(r, "]）)"); j > i {
		return strings.TrimSpace(r[j+1:])
	}
	return strings.TrimSpace(r[i+1:])
}

func looksURL(s string) bool {
	l := lower(s)
	return strings.HasPrefix(l, "http") || strings.HasPrefix(l, "www.") || strings.HasPrefix(l, "//") || strings.Contains(l, "://")
}

// stripLead removes a byline's opening ("By", "Von", "Autor:", "文／",
// "Analysis by") and returns "" for a credit of something else ("Photos
// by", "Edited by", "Developed by").
func stripLead(r string, mid bool) string {
	for i := range 3 {
		mid = mid && i == 0 // "By Jane Doe | Photos by John Roe": the photos are a part's
		if loc := reByStart.FindStringIndex(r); loc != nil {
			rest := r[loc[1]:]
			switch w := lower(strings.Fields(r)[0]); w {
			case "von", "di", "af", "von:", "di:":
				if len(strings.Fields(rest)) < 2 {
					return r // "Di Maio", "Von Trier": a name
				}
			}
			r = rest
			continue
		}
		if loc := labelLeadIndex(r); loc != nil {
			r = r[loc[1]:]
			continue
		}
		if loc := cjkLeadIndex(r); loc != nil && loc[1] > 0 && loc[1] < len(r) {
			r = r[loc[1]:]
			continue
		}
		if mid {
			if m := reByMid.FindStringSubmatch(r); m != nil {
				if notBy(m[1]) {
					return ""
				}
				if c, _ := utf8.DecodeRuneInString(m[2]); !unicode.IsLower(c) && isOpener(m[1]) {
					r = m[2]
				}
			} else if notBy(firstWord(r)) && strings.ContainsAny(r, ":：") {
				return "" // "Photo: Jane Doe"
			}
			mid = false
			continue
		}
		break
	}
	return r
}

// labelLeadIndex is reLabelLead.FindStringIndex(r): no label without a
// colon.
func labelLeadIndex(r string) []int {
	if strings.IndexByte(r, ':') < 0 && !strings.Contains(r, "：") {
		return nil
	}
	return reLabelLead.FindStringIndex(r)
}

// cjkLeadIndex is reCJKLead.FindStringIndex(r): its words open with an
// ideograph (U+4E00–U+9FFF, whose UTF-8 lead bytes are E4–E9).
func cjkLeadIndex(r string) []int {
	for i := 0; i < len(r); i++ {
		if r[i] >= 0xE4 && r[i] <= 0xE9 {
			return reCJKLead.FindStringIndex(r)
		}
	}
	return nil
}

// tailWords are the labels of a date and the reading times that follow a
// byline's names ("By Ann Lee Updated 5 May", "Ann Lee · 4 min read"),
// lower case, matched as whole words; tailMarks are the labels of scripts
// written without spaces, matched anywhere. The one list reTailWord and its
// prefilter tailWordsASCII are built from.
var (
	tailWords = []string{"updated", "published", "posted", "last updated", "last modified", "modified", "aktualisiert",
		"veröffentlicht", "actualizado", "publicado", "atualizado", "mis à jour", "publié", "aggiornato", "pubblicato",
		"bijgewerkt", "gepubliceerd", "обновлено", "опубликовано", "min read", "read time"}
	tailMarks = []string{"更新", "发布", "發布", "發佈", "公開", "配信"}
)

// tailWordsASCII are the words of tailWords that ASCII text can hold: in
// every ASCII text reTailWord matches, lower-cased, one of them is.
var tailWordsASCII = newPhraseSet(slices.DeleteFunc(slices.Clone(tailWords), func(w string) bool { return !isASCII(w) }))

// tailWordIndex is reTailWord.FindStringIndex(r), the expression skipped
// for ASCII text that has none of its words.
func tailWordIndex(r string) []int {
	if isASCII(r) && !tailWordsASCII.in(lower(r)) {
		return nil
	}
	return reTailWord.FindStringIndex(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		s = s[:i] // the first of strings.Fields, without the slice
	}
	return strings.TrimRight(s, ":：")
}

// cutTail cuts a credit at the first digit (a date, a time, "5 min read")
// or a word that opens a date line ("Updated", "Publié").
func cutTail(r string) string {
	end := len(r)
	for i, c := range r {
		if unicode.IsDigit(c) {
			end = i
			break
		}
	}
	if loc := tailWordIndex(r); loc != nil && loc[0] < end {
		end = loc[0]
	}
	if end == len(r) {
		return r
	}
	// What is left of the date: "By Regan September", "Jane Doe, Nov.".
	f := strings.Fields(r[:end])
	for len(f) > 0 && dateWords[strings.Trim(lower(f[len(f)-1]), ".,")] {
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// dropHandles removes addresses, domains and handles from a credit, and
// cuts a handle glued to a name ("Jane Doe@janedoe").
func dropHandles(r string) string {
	if !strings.ContainsAny(r, "@.:/") {
		return r
	}
	f := strings.Fields(r)
	out := f[:0]
	for _, w := range f {
		l := lower(w)
		switch {
		case strings.HasPrefix(l, "http") || strings.HasPrefix(l, "www."):
			continue
		case strings.Contains(w, "@"):
			at := strings.Index(w, "@")
			if strings.Contains(w[at:], ".") || at == 0 {
				continue // an address, or a bare handle
			}
			w = w[:at]
		case reDomain.MatchString(w):
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// splitCredit cuts a credit at the separators of names: commas, "and" in
// several languages, "y" and "e" between two full names ("José Volta e
// Pinto" is one), and spaces between Chinese names.
func splitCredit(r string, ja bool) []string {
	var out []string
	for _, part := range reCreditSep.Split(r, -1) {
		f := strings.Fields(part)
		start := 0
		for i := 1; i+2 < len(f); i++ {
			if (f[i] == "y" || f[i] == "e") && i-start >= 2 && len(f)-i-1 >= 2 {
				out = append(out, strings.Join(f[start:i], " "))
				start = i + 1
			}
		}
		part = strings.Join(f[start:], " ")
		if hasCJK(part) {
			out = append(out, splitCJK(part, ja)...)
			continue
		}
		out = append(out, part)
	}
	return out
}

// splitCJK separates Chinese names run together with spaces or 和, 与, 及:
// "张三 李四", "张三和李四"; in Japanese "山田 太郎" stays one name.
func splitCJK(part string, ja bool) []string {
	f := strings.Fields(part)
	if len(f) > 1 && !ja {
		all := true
		for _, w := range f {
			if n := utf8.RuneCountInString(w); n < 2 || n > 4 || !allHan(w) {
				all = false
			}
		}
		if all {
			return f
		}
	}
	rs := []rune(part)
	if len(rs) >= 5 && len(rs) <= 9 && allHan(part) {
		for i := 2; i < len(rs)-2; i++ {
			switch rs[i] {
			case '和', '与', '與', '及':
				return []string{string(rs[:i]), string(rs[i+1:])}
			}
		}
	}
	return []string{part}
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// hasCJK reports Han, kana or Hangul in s.
func hasCJK(s string) bool {
	for _, r := range s {
		if r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)) {
			return true
		}
	}
	return false
}

type nameKind int

const (
	kindNone   nameKind = iota
	kindOrg             // a desk, an agency, the outlet: its neighbours are no persons either
	kindPerson          // a person's name
)

// name judges one part of a credit; after says a person came before it in
// the same credit (so "Staff Writer", "Business Insider" are affiliations).
func (o outlet) name(part string, after bool) (string, nameKind) {
	// A final dot stays for now: "Jr." keeps it, "Doe." loses it below.
	part = strings.TrimLeft(strings.TrimRight(part, " :-–—|·•()[]（）【】「」<>\"'“”‘’*=~"), " .:-–—|·•()[]（）【】「」<>\"'“”‘’*=~")
	if part = stripLead(part, true); part == "" || strings.ContainsAny(part, ":：") {
		return "", kindNone
	}
	if hasCJK(part) {
		name, kind := cjkName(part)
		if kind == kindPerson && o.cjkOutlet(name) {
			return "", kindOrg
		}
		return name, kind
	}
	words, glued := unglue(strings.Fields(part))
	n := len(words)
	words, kind := o.trimWords(words, after)
	if kind != kindPerson {
		return "", kind
	}
	// Capitals for an acronym among names ("Do UOL", "Jane Doe CNN").
	mixed := false
	for _, w := range words {
		if w != strings.ToUpper(w) {
			mixed = true
		}
	}
	if mixed {
		words = slices.DeleteFunc(words, func(w string) bool {
			return utf8.RuneCountInString(strings.Trim(w, ".")) >= 3 && w == strings.ToUpper(w) && !strings.Contains(w, ".")
		})
	}
	for len(words) > 0 && isLowerWord(words[len(words)-1]) {
		words = words[:len(words)-1] // "P. Mucović prije": the rest of a date
	}
	if full(words) >= 5 {
		words = leadingName(words)
	}
	if len(words) == 0 || !personShape(words) {
		return "", kindNone
	}
	if last := words[len(words)-1]; strings.HasSuffix(last, ".") && !isInitial(last) {
		switch lower(last) {
		case "jr.", "sr.":
		default:
			words[len(words)-1] = strings.TrimRight(last, ".")
		}
	}
	name := strings.Join(words, " ")
	if len(words) == 1 {
		switch {
		case n > 1 && !glued:
			return "", kindNone // what is left of a longer credit
		case name == strings.ToUpper(name):
			return "", kindOrg // "PTI", "KWCHCIK", "MS"
		case o.isOutlet(name, true):
			return "", kindOrg
		}
	} else if o.isOutlet(name, after) || after && articles[lower(words[0])] {
		return "", kindOrg // "Jane Doe | El Sol de México", "Par Jean Dupont | Actu Pays Basque"
	}
	return name, kindPerson
}

// trimWords cuts a part's words at the first word that ends a name: "for"
// (an outlet follows), a role ("Staff Writer"), a UI word ("View More
// Articles"), an organisation word ("Associated Press"), a month after a
// name, or the outlet's own name.
func (o outlet) trimWords(words []string, after bool) ([]string, nameKind) {
	for i, w := range words {
		if i > 0 && (forWords[lower(w)] || nameEndPlaces[w]) {
			words = words[:i]
			break
		}
	}
	if len(words) == 0 {
		return nil, kindNone
	}
	if last := strings.Trim(lower(words[len(words)-1]), ".,"); deskWords[last] && len(words) <= 3 {
		return nil, kindOrg // "HNN Staff", "News Desk", "Editorial Board"
	}
	for i, w := range words {
		lw := strings.Trim(lower(w), ".,'’")
		if j := strings.IndexAny(lw, "-–"); j > 0 {
			lw = lw[:j] // "editor-at-large"
		}
		switch {
		case roleWords[lw]:
			if i == 0 || after {
				return nil, kindOrg
			}
			return o.trimWords(words[:i], after)
		case uiWords[lw]:
			if i == 0 {
				return nil, kindNone
			}
			return o.trimWords(words[:i], after)
		case orgWords[lw]:
			// "Reuters", "CBS News", "European Space Agency", "Practical
			// Horseman Editorial Staff" are desks; "Tom Davies Associated
			// Press" and "Elliot Brownstein Florida Today" hold a name.
			last := strings.Trim(lower(words[len(words)-1]), ".,")
			if i <= 1 || i == 2 && i == len(words)-1 || deskWords[last] {
				return nil, kindOrg
			}
			return leadingName(words[:i]), kindPerson
		case i >= 2 && dateWords[lw]:
			return o.trimWords(words[:i], after)
		}
	}
	if len(words) > 0 && isLowerWord(words[0]) {
		return nil, kindNone
	}
	// The outlet's name glued on: "Kevin McCoy USA TODAY".
	for k := 1; k < len(words); k++ {
		if o.isOutlet(strings.Join(words[len(words)-k:], " "), false) {
			return words[:len(words)-k], kindPerson
		}
	}
	return words, kindPerson
}

// isOutlet reports a name that is the outlet's: its site name, or its
// host's label ("Business Insider" on businessinsider.com); a single word
// may also be a part of the label ("Beachbody" on beachbodyondemand.com).
func (o outlet) isOutlet(name string, single bool) bool {
	sq := squash(name)
	if sq == "" {
		return false
	}
	if o.site != "" {
		if sq == squash(o.site) {
			return true
		}
		for _, part := range splitTitle(o.site) {
			if sq == squash(part) {
				return true
			}
		}
	}
	for _, l := range o.labels {
		if sq == l || single && len(sq) >= 4 && len(l) >= 4 && (strings.HasPrefix(l, sq) || strings.HasPrefix(sq, l)) {
			return true
		}
	}
	return false
}

// cjkOutlet reports a CJK credit of four characters or more that opens
// with the first two of the outlet's name: "港灣台灣" on "港灣新聞中心".
func (o outlet) cjkOutlet(name string) bool {
	rs := []rune(strings.ReplaceAll(name, " ", ""))
	return len(rs) >= 4 && strings.HasPrefix(o.site, string(rs[:2]))
}

// squash lower-cases s and keeps its letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unglue cuts a word where a role, UI or outlet word is glued to a name
// ("Meg JamesStaff Writer", "Jose AltoverosView More", "GarberFOXBusiness")
// and reports whether it did; "McCoy" and "DeArdo" stay whole.
func unglue(words []string) ([]string, bool) {
	for i, w := range words {
		rs := []rune(w)
		for k := 1; k+1 < len(rs); k++ {
			if !unicode.IsLower(rs[k-1]) || !unicode.IsUpper(rs[k]) {
				continue
			}
			rest := strings.ToLower(string(rs[k:]))
			caps := unicode.IsUpper(rs[k+1])
			vocab := false
			for _, m := range []map[string]bool{roleWords, uiWords, orgWords} {
				for v := range m {
					if len(v) >= 4 && strings.HasPrefix(rest, v) {
						vocab = true
					}
				}
			}
			if caps || vocab {
				return append(words[:i:i], string(rs[:k])), true
			}
		}
	}
	return words, false
}

// leadingName keeps the name at the head of words: a full word, then
// initials and particles, then one more full word ("Trevor J. Mitchell").
func leadingName(words []string) []string {
	seen := 0
	for i, w := range words {
		if isInitial(w) || nameParticles[lower(w)] {
			continue
		}
		if seen++; seen == 2 {
			return words[:i+1]
		}
	}
	return words
}

// full counts the words that are neither initials nor particles.
func full(words []string) int {
	n := 0
	for _, w := range words {
		if !isInitial(w) && !nameParticles[lower(w)] {
			n++
		}
	}
	return n
}

func isInitial(w string) bool {
	n := utf8.RuneCountInString(w)
	return n <= 2 && strings.HasSuffix(w, ".") || n == 1
}

func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return lowerCased(r) && !nameParticles[lower(w)] && !strings.ContainsAny(w, "'’")
}

// uncased reports a name written without capitals in a script that has
// none (Arabic, Devanagari, Hebrew, Thai, Georgian…).
func uncased(name string) bool {
	for _, r := range name {
		if unicode.IsUpper(r) || lowerCased(r) {
			return false
		}
	}
	return true
}

// lowerCased reports a lower-case letter of a script that writes names
// with capitals: Georgian's letters are lower case (its capitals are
// for headings), so a Georgian name is uncased.
func lowerCased(r rune) bool {
	return unicode.IsLower(r) && !unicode.Is(unicode.Georgian, r)
}

// nameParticles are the lower-case words person names carry.
var nameParticles = map[string]bool{
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true, "di": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "la": true, "le": true, "du": true,
	"bin": true, "bint": true, "al": true, "el": true, "y": true, "e": true, "af": true, "zu": true, "st.": true,
	"ibn": true, "abu": true, "ben": true, "dei": true, "des": true, "ten": true, "op": true, "lo": true,
}

// personShape reports whether words are shaped like a person's name: in
// scripts with case every word capitalised but for particles and initials;
// in scripts without case (Arabic, Hebrew, Devanagari…) two words or more;
// letters only, with the dots, hyphens and apostrophes of names.
func personShape(words []string) bool {
	if len(words) == 0 || len(words) > 6 || full(words) == 0 {
		return false
	}
	uncased := 0
	for _, w := range words {
		if utf8.RuneCountInString(w) > 25 {
			return false
		}
		first := true
		for _, r := range w {
			switch {
			case unicode.IsLetter(r) || unicode.Is(unicode.M, r):
				if first && lowerCased(r) && !nameParticles[lower(w)] && !strings.ContainsAny(w, "'’") {
					return false
				}
				if first && !unicode.IsUpper(r) && !lowerCased(r) {
					uncased++
				}
				first = false
			case strings.ContainsRune(".-'’‐", r):
			default:
				return false
			}
		}
		if first {
			return false // no letter
		}
	}
	if uncased > 0 && (len(words) < 2 || strings.HasPrefix(words[0], "ال")) {
		return false // one word, or led by the article: "العالم العربي"
	}
	switch lower(words[0]) {
	case "the", "a", "an", "any", "some", "every", "no", "our", "your", "my", "this", "all", "more", "by", "die", "der", "das",
		"los", "las", "les", "alle", "tous", "todos", "todas", "tutti", "все", "всі":
		return false
	}
	return true
}

// words is a set built from space-separated lists.
func words(lists ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = true
		}
	}
	return m
}

// The vocabularies that end a name, lower case, in the languages of the
// corpus and their neighbours. Each is used with the shape of a credit
// (its position after a name, its separators), never alone.
var (
	// forWords end a name: an outlet follows ("for", "für"); so do
	// nameEndPlaces written in lower case ("in Lisbon", "aus Wien", "à
	// Lyon"), never "In" of "Lee In Young".
	forWords      = words("for für fuer para pour per voor för til dla для 为 為")
	nameEndPlaces = words("in from aus à desde em из із")
	roleWords     = words(
		"writer writers reporter reporters correspondent correspondents editor editors columnist columnists",
		"contributor contributors contributing critic analyst producer producers photographer photojournalist",
		"anchor presenter intern journalist journalists blogger freelance freelancer staff senior chief",
		"national foreign political special managing executive deputy associate assistant investigative",
		"redakteur redakteurin korrespondent korrespondentin reporterin journalistin autorin mitarbeiter",
		"corresponsal redactor redactora periodista enviado enviada colaborador colaboradora",
		"journaliste rédacteur rédactrice envoyé envoyée chroniqueur chroniqueuse giornalista inviato inviata",
		"correspondente repórter jornalista colunista correspondent verslaggever",
		"корреспондент корреспондентка журналист журналистка обозреватель редактор кореспондент журналістка оглядач",
		"संवाददाता पत्रकार संपादक সংবাদদাতা প্রতিবেদক সাংবাদিক مراسل محرر خبرنگار")
	uiWords = words(
		"share shares follow following comments comment advertisement advertising view more read email e-mail",
		"print subscribe tweet facebook twitter linkedin whatsapp reddit pinterest instagram about home menu",
		"login log sign search close profile bio articles posts stories latest contact website",
		"submitted guest anonymous unknown license licence copyright",
		"teilen folgen kommentare werbung compartir seguir comentarios publicidad partager suivre commentaires",
		"condividi segui commenti pubblicità compartilhar comentários поделиться комментарии реклама")
	orgWords = words(
		"news nachrichten noticias notícias notizie nieuws nouvelles новости новини berita haber wiadomości",
		"press presse prensa imprensa stampa agency agence agencia agência agentur agenzia associated",
		"media médias medien magazine magazin revista journal jornal diario diário daily weekly today times",
		"tribune herald gazette gazeta chronicle courier post online digital tv television radio network",
		"channel group team desk bureau newsroom editorial redaktion redacción redação rédaction redazione",
		"redactie redakcja редакция редакція service services wire wires reports sport sports business",
		"department office ministry council university institute association foundation company inc ltd llc",
		"gmbh corp corporation police polizei policía polícia admin administrator webmaster board",
		"reuters xinhua kyodo yonhap anadolu interfax ukrinform unian sputnik bernama antara bloomberg ritzau",
		"agencias agências agenturen agences",
		"լուրեր ამბები ειδήσεις haberler vijesti vesti вести zprávy správy hírek știri uutiset nyheter nyheder",
		"naujienos ziņas uudised novice жаңалықтар חדשות समाचार न्यूज़ न्यूज ब्यूरो डेस्क সংবাদ ডেস্ক செய்திகள்",
		"نیوز ڈیسک",
		"συντακτική ομάδα συντακτικη ομαδα اخبار أخبار الأخبار خبرگزاری وكالة صحيفة موقع التحرير تحریریه")
	deskWords = words("staff desk team board newsroom editors editorial reports bureau redaktion redacción redação ब्यूरो डेस्क ডেস্ক",
		"rédaction redazione redactie redakcja редакция редакція services")
	dateWords = words(
		"on at am um le el il em jan january feb february mar march apr april may jun june jul july aug august",
		"sep sept september oct october nov november dec december monday tuesday wednesday thursday friday",
		"saturday sunday mon tue wed thu fri sat sun ago januar februar märz mai juni juli",
		"oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag janvier",
		"février mars avril juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi",
		"vendredi samedi dimanche enero febrero marzo abril mayo junio julio agosto septiembre octubre",
		"noviembre diciembre lunes martes miércoles jueves viernes sábado domingo janeiro fevereiro março",
		"maio junho julho setembro outubro novembro dezembro gennaio febbraio aprile maggio giugno luglio",
		"settembre ottobre dicembre kl uhr h godz à")
)

// articles lead the name of an outlet printed after its writer's.
var articles = words("el la le il lo los las les der die das de het o a os as")

// cjkOrg are parts of the names of desks, outlets and credits that are not
// the writing's, in Chinese, Japanese and Korean.
var cjkOrg = []string{"编辑", "編輯", "編集", "新闻", "新聞", "日报", "日報", "晚报", "晚報", "时报", "時報",
	"通讯社", "通訊社", "新华社", "新華社", "中新社", "共同", "時事", "电视", "電視", "网", "網", "频道", "頻道",
	"中心", "来源", "來源", "综合", "綜合", "整理", "报道", "報導", "報道", "报讯", "報訊", "摄影", "攝影",
	"撮影", "图", "圖", "提供", "社", "部", "报", "報", "뉴스", "일보", "신문", "편집", "연합", "방송", "통신",
	"写真", "拡大", "分享", "评论", "評論", "收藏", "点击", "點擊", "更多", "登录", "登入", "关注", "關注", "广告", "廣告"}

// cjkRoles are role words around a CJK name: "홍길동 기자", "记者".
var cjkRoles = []string{"기자", "특파원", "객원", "인턴", "记者", "記者", "特派员", "特派員", "通讯员", "通訊員", "特约", "特約", "实习生", "實習生"}

// cjkName judges a part in Chinese, Japanese or Korean: a name of two to
// four Han characters or Hangul syllables, up to eight with kana, and in
// Japanese a family and given name with a space.
func cjkName(part string) (string, nameKind) {
	for _, r := range cjkRoles {
		part = strings.TrimSpace(strings.ReplaceAll(part, r, " "))
	}
	part = collapse(part)
	if part == "" {
		return "", kindNone
	}
	if containsAny(part, cjkOrg) {
		return "", kindOrg
	}
	kana := false
	for _, w := range strings.Fields(part) {
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '・':
				kana = true
			case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r):
			default:
				return "", kindNone
			}
		}
	}
	n := utf8.RuneCountInString(strings.ReplaceAll(part, " ", ""))
	switch f := strings.Fields(part); {
	case len(f) > 2:
		return "", kindNone
	case len(f) == 2 && (utf8.RuneCountInString(f[0]) > 4 || utf8.RuneCountInString(f[1]) > 4):
		return "", kindNone
	case n < 2 || n > 8 || n > 4 && !kana:
		return "", kindNone
	}
	return part, kindPerson
}

// A credit is byline text found on the page.
type credit struct {
	node *html.Node
	text string
	pos  int // characters of text before it
}

// bylineScan looks for bylines in a zone of the page around the headline.
type bylineScan struct {
	p        *page
	head     *html.Node
	headEnd  int
	lo, hi   int      // the zone, in characters of text
	loose    bool     // the fallback scan: whole page, no list items, no asides
	found    []credit // marked or opened by a byline word
	lines    []credit // the first short lines after the headline
	inLine   *html.Node
	texts    int
	cjkFound bool
}

// Bylines are looked for from a little before the headline to this far
// after its end, in characters of text.
const (
	bylineBefore = 400
	bylineAfter  = 3000
	maxLines     = 6
)

// bylines returns the names printed in the page's byline and whether the
// page marks them (markup, "By") rather than just printing a short line
// under the headline.
func (p *page) bylines(o outlet) ([]string, bool) {
	if p.body == nil {
		return nil, false
	}
	s := &bylineScan{p: p, hi: 1 << 30}
	if h := p.headline(); h != nil {
		at := p.textPos(h)
		s.head, s.headEnd = h, at+p.stats.get(h).chars
		s.lo, s.hi = at-bylineBefore, s.headEnd+bylineAfter
	}
	s.walk(p.body, 0)
	if names := s.pick(o); len(names) > 0 {
		return names, true
	}
	if names := s.bareLine(o); len(names) > 0 {
		return names, false
	}
	if names := p.wireCredit(o); len(names) > 0 {
		// "Reporting by A; Editing by B" closing a wire story, under a
		// desk's byline or none.
		return names, true
	}
	if s.head == nil || len(s.found) > 0 {
		// No headline, or a credit near it that names no person (a
		// desk, an agency): the page's other names are not its byline.
		return nil, false
	}
	loose := &bylineScan{p: p, hi: 1 << 30, loose: true}
	loose.walk(p.body, 0)
	return loose.pick(o), true
}

// pick returns the names of the first credit after the headline that
// names anyone, with those of the credits beside it in the same parent
// ("<span>A</span> and <span>B</span>"); then of the nearest credit before
// the headline in the headline's own block. A credit to a desk or an agency
// ends the search: the page names no person.
func (s *bylineScan) pick(o outlet) []string {
	order := make([]int, 0, len(s.found))
	for i, c := range s.found {
		if c.pos >= s.headEnd || s.head == nil {
			order = append(order, i)
		}
	}
	for i := len(s.found) - 1; i >= 0; i-- {
		if c := s.found[i]; c.pos < s.headEnd && s.head != nil && s.nearHead(c.node) {
			order = append(order, i)
		}
	}
	for _, i := range order {
		c := s.found[i]
		names, org := o.cleanOrg([]string{c.text})
		if len(names) == 0 {
			if org {
				return nil
			}
			continue
		}
		for _, d := range s.found[i+1:] {
			if c.node == nil || d.node == nil || d.node.Parent != c.node.Parent || d.pos-c.pos > 200 {
				break
			}
			for _, n := range o.clean([]string{d.text}) {
				if !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
		}
		return names
	}
	return nil
}

// reWireLead opens the credit that closes a wire story: "(Reporting by",
// "Additional reporting by", "with additional reporting by", "Writing
// by", "Compiled by", "Written by", "Contributing:", "Mitarbeit:",
// "Bericht von", "Reportage", "Reporte de", "Con información de",
// "Reportagem de".
var reWireLead = regexp.MustCompile(`(?i)^[(\[]?\s*(?:with\s+)?(?:additional\s+|con\s+|zusätzliche\s+)?(?:(?:reporting|writing|written|compiled|reportaje|reportagem|reportage|reporte|reportado|información|informação|bericht|berichterstattung|geschrieben)\s+(?:by|de|por|par|von|di)|reportage|(?:contributing|mitarbeit)\s*:)\s+`)

// reContributed is the closing line "A and B contributed to this report.",
// "A in Lisbon contributed reporting.", the names in its first group.
var reContributed = regexp.MustCompile(`(?i)^[(\[]?\s*(\S.{2,200}?)\s+(?:also\s+)?contributed\s+(?:(?:additional\s+)?reporting|to\s+this\s+(?:report|story|article))(?:\s+(?:to|for)\s+this\s+(?:report|story|article))?\s*[.)\]]?\s*[)\]]?$`)

// reContribRole is the role before the names of such a line: "Associated
// Press writers A and B contributed…".
var reContribRole = regexp.MustCompile(`(?i)^.{0,40}?\b(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?)\s+`)

// reWithName joins a reporter to those before: "Reportage A, avec B à
// Paris", "Reporting by A with B".
var reWithName = regexp.MustCompile(`(?:,\s*|\s+)(?i:avec|with|mit|con|com)\s+(\p{Lu})`)

// reAgencySign is a story signed at its end with a dash, the names and the
// agency: "— Jane Roe, Associated Press".
var reAgencySign = regexp.MustCompile(`^[—–-]\s*(\p{Lu}.{2,80}?),\s*(\S[^,]{1,40}?)\.?$`)

// wireLeadParts are in every closing credit these expressions read, as
// printed in any case (the word without its first letter): the test on
// the text nodes before the text is built.
var wireLeadParts = []string{"eport", "riting", "ritten", "ompiled", "ontributed", "ontributing", "itarbeit", "nformaci",
	"nformaç", "ericht", "eschrieben"}

var wireLeadPartSet = newPhraseSet(wireLeadParts) // asked of every paragraph
// wireLeadWords open every text reWireLead matches, lower case, after
// its bracket.
var wireLeadWords = []string{"report", "additional", "writing", "written", "compiled", "contributing", "mitarbeit",
	"with ", "con ", "zusätzliche", "información", "informação", "bericht", "geschrieben"}

// mayCloseStory is the cheap test before closingCandidates: a text node of
// n holds one of wireLeadParts, or n opens with a dash.
func mayCloseStory(n *html.Node) bool {
	if dashLead(firstText(n)) {
		return true
	}
	if last := lastElement(n); last != nil && dashLead(firstText(last)) {
		return true
	}
	return eachText(n, wireLeadPartSet.in)
}

// lastElement is n's last child when it is an element, white space after
// it aside.
func lastElement(n *html.Node) *html.Node {
	last := n.LastChild
	for last != nil && last.Type == html.TextNode && strings.TrimSpace(last.Data) == "" {
		last = last.PrevSibling
	}
	if last == nil || last.Type != html.ElementNode || last == n.FirstChild {
		return nil
	}
	return last
}

// wireCredit returns the reporters named by the credit line that closes a
// wire story ("Reporting by A and B in Lisbon; Editing by C"): the
// clauses of reporting and writing, not those of editing. The credit is a
// line of its own, or closes a paragraph after its last sentence: in
// brackets, or in an element of its own at the paragraph's end.
func (p *page) wireCredit(o outlet) []string {
	var names []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && names == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			st := p.stats.get(c)
			if st == nil || st.chars < 15 {
				continue
			}
			if isBlockContainer(c) {
				walk(c)
				continue
			}
			if !mayCloseStory(c) {
				continue
			}
			t := nodeText(c)
			for _, cand := range closingCandidates(c, t, st.chars <= 400) {
				if found, ok := o.closingCredit(cand); ok {
					names = found
					if names == nil {
						names = []string{} // the first such line ends the search
					}
					break
				}
			}
		}
	}
	walk(p.body)
	return names
}

// closingCandidates returns the texts of line n (text t) that may be a
// closing credit: the whole line when whole, the text of the element that
// ends it, and a bracket that ends it; each after the end of a sentence.
func closingCandidates(n *html.Node, t string, whole bool) []string {
	var out []string
	if whole {
		out = append(out, t)
	}
	if last := lastElement(n); last != nil {
		if lt := nodeText(last); lt != "" && len(lt) < len(t) && strings.HasSuffix(t, lt) && sentenceEnd(t[:len(t)-len(lt)]) {
			out = append(out, lt)
		}
	}
	if lt := afterLastBreak(n); lt != "" && len(lt) < len(t) && strings.HasSuffix(t, lt) && sentenceEnd(t[:len(t)-len(lt)]) {
		out = append(out, lt)
	}
	if strings.HasSuffix(t, ")") {
		if i := strings.LastIndexByte(t, '('); i > 0 && unicode.IsSpace(rune(t[i-1])) && sentenceEnd(t[:i]) {
			out = append(out, t[i:])
		}
	}
	return out
}

// afterLastBreak is the text of n after its last <br> child ("" for none).
func afterLastBreak(n *html.Node) string {
	c := n.LastChild
	for c != nil && !(c.Type == html.ElementNode && c.DataAtom == atom.Br) {
		c = c.PrevSibling
	}
	if c == nil {
		return ""
	}
	var b strings.Builder
	for c = c.NextSibling; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			b.WriteString(" " + nodeText(c) + " ")
		}
	}
	return collapse(b.String())
}

// closingCredit reads t as the credit that closes a story and returns the
// names of its reporters and writers; ok is false for text of another
// kind.
func (o outlet) closingCredit(t string) (names []string, ok bool) {
	if len(t) > 400 {
		return nil, false
	}
	head := lower(strings.TrimLeft(t[:min(len(t), 40)], "([ "))
	switch {
	case slices.ContainsFunc(wireLeadWords, func(w string) bool { return strings.HasPrefix(head, w) }) && reWireLead.MatchString(t):
		var credits []string
		for _, cl := range creditClauses(strings.Trim(t, "()[] ")) {
			if loc := reWireLead.FindStringIndex(cl); loc != nil {
				credits = append(credits, reWithName.ReplaceAllString(cl[loc[1]:], ", $1"))
			}
		}
		return o.clean(credits), true
	case strings.Contains(t, "contributed"):
		if m := reContributed.FindStringSubmatch(t); m != nil {
			r := m[1]
			if loc := reContribRole.FindStringIndex(r); loc != nil {
				r = r[loc[1]:]
			}
			return o.clean([]string{r}), true
		}
	case dashLead(t):
		if m := reAgencySign.FindStringSubmatch(t); m != nil && agencyName(m[2]) != "" {
			return o.clean([]string{m[1]}), true
		}
	}
	return nil, false
}

// dashLead reports text that opens with a dash.
func dashLead(s string) bool {
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "-")
}

// nearHead reports an element in the headline's own block: their common
// ancestor holds little more text than the headline.
func (s *bylineScan) nearHead(n *html.Node) bool {
	if n == nil {
		return false
	}
	for a := s.head.Parent; a != nil; a = a.Parent {
		if within(n, a) {
			st := s.p.stats.get(a)
			return st != nil && st.chars <= s.p.stats.get(s.head).chars+1000
		}
	}
	return false
}

// walk visits the elements of n that overlap the zone, in document order;
// pos is the number of characters of text before n's first child.
func (s *bylineScan) walk(n *html.Node, pos int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			k := countChars(c.Data)
			if k > 0 && pos+k >= s.lo && pos <= s.hi {
				s.cjkCredit(c.Data, pos)
			}
			pos += k
		case html.ElementNode:
			st := s.p.stats.get(c)
			if st == nil || st.chars == 0 {
				continue
			}
			// The walk goes down from the body and never into the
			// headline: c is inside it only when it is the headline.
			if end := pos + st.chars; end >= s.lo && pos <= s.hi && c != s.head {
				s.visit(c, st, pos)
			}
			pos += st.chars
		}
	}
}

// visit records c as a credit, or as a line after the headline, and goes
// on into its children unless it is a credit.
func (s *bylineScan) visit(c *html.Node, st *nstat, pos int) {
	cid := classID(c)
	switch {
	case c.DataAtom == atom.Nav, strings.Contains(cid, "comment"), strings.Contains(cid, "respond"):
		return // chrome and comment threads: their names are no byline
	case c.DataAtom == atom.Figcaption:
		return // a caption's credit is the picture's
	case s.loose && (c.DataAtom == atom.Li || c.DataAtom == atom.Aside || c.DataAtom == atom.Footer):
		return
	case teaserAtoms[c.DataAtom] && (s.head == nil || !within(s.head, c)) && !markedAuthor(c, cid) && s.teaser(c):
		return // another story's headline and its writer (unless the markup says a byline)
	}
	chars := st.chars
	if chars <= 150 && markedAuthor(c, cid) {
		s.found = append(s.found, credit{c, markedText(c), pos})
		return
	}
	line := !isBlockContainer(c)
	if line && chars <= 100 && mayOpenByline(firstText(c)) {
		if t, ok := openedByline(nodeText(c)); ok {
			s.found = append(s.found, credit{c, t, pos})
			return
		}
	}
	if line && s.inLine == nil && s.head != nil && pos >= s.headEnd && len(s.lines) < maxLines {
		s.lines = append(s.lines, credit{c, "", pos})
		s.inLine = c
		s.walk(c, pos)
		s.inLine = nil
		return
	}
	s.walk(c, pos)
}

// teaserAtoms are the elements a teaser of another story is made of.
var teaserAtoms = map[atom.Atom]bool{atom.Li: true, atom.Article: true, atom.Section: true}

// teaser reports a small element that links to another story by its
// headline (teaserLink).
func (s *bylineScan) teaser(n *html.Node) bool {
	if st := s.p.stats.get(n); st == nil || st.chars > 300 || st.links == 0 {
		return false // a story, not a teaser; or no link to another
	}
	found := false
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for c := c.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				found = teaserLink(n, c)
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return found
}

// teaserLink reports a link of teaser n that reads as another story's
// headline: four words or more, to another page but not an author's, no
// call to act ("Follow Jane Doe on X"), at the start of its line (a
// link inside a sentence is the story's own) and not the name a byline
// opens ("Por <a>José María Álvarez del Manzano</a>").
func teaserLink(n, a *html.Node) bool {
	if !usableHref(attr(a, "href")) || markedAuthor(a, "") {
		return false
	}
	t := nodeText(a)
	if !hasFields(t, 4) || uiWords[strings.Trim(lower(firstWord(t)), ".,:")] {
		return false
	}
	before := strings.TrimSpace(textBefore(lineOf(a, n), a, 4*itemExtra))
	if countChars(before) > itemExtra {
		return false
	}
	_, opened := openedByline(strings.TrimSpace(before + " " + t))
	return !opened
}

// textBefore returns the text of n that comes before stop, cut after
// limit bytes.
func textBefore(n, stop *html.Node, limit int) string {
	var b strings.Builder
	done := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !done; c = c.NextSibling {
			switch {
			case c == stop:
				done = true
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
				done = b.Len() > limit
			case c.Type == html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return collapse(b.String())
}

// markedAuthor reports an element the markup says is an author: microdata,
// rel, a class or id naming a byline or an author, <address>, or a link to
// an author's page.
func markedAuthor(n *html.Node, cid string) bool {
	if ip := attr(n, "itemprop"); ip != "" && (strings.Contains(ip, "author") || strings.Contains(ip, "creator")) {
		return true
	}
	if strings.Contains(attr(n, "rel"), "author") || n.DataAtom == atom.Address {
		return true
	}
	if cid != "" && authorClassSet.in(cid) && !notAuthorClassSet.in(cid) {
		return true
	}
	if n.DataAtom == atom.A {
		if h := lower(attr(n, "href")); authorPathSet.in(h) {
			if u, err := url.Parse(h); err == nil && reAuthorPath.MatchString(u.Path) {
				return true
			}
		}
	}
	return false
}

// authorPathWords are in every path reAuthorPath matches.
var authorPathWords = []string{"aut", "writer", "journalist", "reporter", "columnist", "contributor", "byline"}

var (
	authorClassWords    = []string{"byline", "by-line", "author", "autor", "auteur", "writer", "reporter", "journalist", "creator"}
	notAuthorClassWords = []string{"authority", "authorize", "avatar", "-img", "image", "photo"}
	authorClassSet      = newPhraseSet(authorClassWords)
	notAuthorClassSet   = newPhraseSet(notAuthorClassWords)
	authorPathSet       = newPhraseSet(authorPathWords)
	reAuthorPath        = regexp.MustCompile(`(?i)/(?:authors?|autor(?:es|en)?|auteurs?|autori|writers?|journalists?|reporters?|columnists?|contributors?|byline)/[^/]+/?$`)
)

// markedText is the text of a marked credit: the names of the authors it
// holds, when it marks them one by one, else its text.
func markedText(n *html.Node) string {
	var names []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			ip := attr(c, "itemprop")
			if ip == "name" || strings.Contains(ip, "author") || strings.Contains(attr(c, "rel"), "author") {
				if t := nodeText(c); t != "" {
					names = append(names, t)
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	if len(names) > 0 {
		return strings.Join(names, ", ")
	}
	if v := attr(n, "content"); v != "" {
		return v
	}
	if links := linkList(n); len(links) >= 2 {
		return strings.Join(links, ", ")
	}
	if t := textOutside(n, topicOrScript); t != nodeText(n) && hasNameWord(t) {
		// "<a>Harbour and coastal works</a> Mara Quinlan": the box also
		// links the story's topic, whose words are no name.
		return t
	}
	return nodeText(n)
}

// topicLink reports a link in a byline box that names the story's topic or
// section rather than a person: it leads to a page of a topic, tag or
// section, or its words before any comma hold a lower-case word that is
// neither a name's particle, a separator nor a byline word ("Harbour and
// coastal works", never "Jane Roe and John Doe" or "Jane Roe, staff
// writer").
func topicLink(a *html.Node) bool {
	if a.Type != html.ElementNode || a.DataAtom != atom.A {
		return false
	}
	if u, err := url.Parse(strings.TrimSpace(attr(a, "href"))); err == nil && reTopicPath.MatchString(lower(u.Path)) {
		return true
	}
	t := nodeText(a)
	if i := strings.IndexAny(t, ",|"); i >= 0 {
		t = t[:i]
	}
	for _, w := range strings.Fields(t) {
		lw := strings.Trim(lower(w), ".:;()")
		if lw != "" && isLowerWord(w) && !openerWords[lw] && !placeWordsBefore[lw] && !reCreditSep.MatchString(" "+lw+" ") {
			return true
		}
	}
	return false
}

// placeWordsBefore put a place after a name ("Jane Roe in Paris").
var placeWordsBefore = words("in at from aus em en à desde")

// hasNameWord reports text with a word that may be a name's: capitalised
// or in a script without case, and no byline word.
func hasNameWord(t string) bool {
	for _, w := range strings.Fields(t) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !lowerCased(r) && !openerWords[strings.Trim(lower(w), ".,:;()")] {
			return true
		}
	}
	return false
}

// topicOrScript is topicLink, or a script or style whose text is no
// text.
func topicOrScript(n *html.Node) bool {
	return n.DataAtom == atom.Script || n.DataAtom == atom.Style || topicLink(n)
}

// reTopicPath is the path of a page that lists the stories of a topic, a
// tag or a section.
var reTopicPath = regexp.MustCompile(`/(?:tags?|topics?|themes?|thema|themen|schlagworte?|categor(?:y|ies|ia|ie|ias)|sections?|rubri(?:que|ques|k|ken)|secci[oó]n|secciones|sezione|argomenti?)/`)

// linkList returns the texts of the links in n when n holds nothing else
// but byline words and separators ("By <a>A</a>, <a>B</a> and <a>C</a>",
// "<a>A</a><a>B</a>"): each link is one credit, even glued to the next.
func linkList(n *html.Node) []string {
	var links []string
	glue := true
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && glue; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				for _, w := range strings.Fields(c.Data) {
					lw := strings.Trim(lower(w), ".,:;|·•&/-–—()")
					glue = glue && (lw == "" || openerWords[lw] || reCreditSep.MatchString(" "+lw+" "))
				}
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.A:
				if t := nodeText(c); t != "" && !topicLink(c) {
					links = append(links, t)
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	if !glue {
		return nil
	}
	return links
}

// openedByline reports a short line that opens with a byline word and a
// name: "By Jane Doe", "Von Anna Schmidt", "Текст: Анна", "文／王小明",
// "Posted by Jane Doe".
func openedByline(t string) (string, bool) {
	if loc := reByStart.FindStringIndex(t); loc != nil {
		r, _ := utf8.DecodeRuneInString(t[loc[1]:])
		return t, !unicode.IsLower(r)
	}
	if strings.ContainsAny(t, ":：") && reLabelLead.MatchString(t) {
		return t, true
	}
	if loc := cjkCreditIndex(t); loc != nil {
		return t[loc[0]:loc[1]], true // the credit, not the paragraph it opens
	}
	if buf := (lowerBuf{}); !midBySet.in(lowerInto(&buf, t)) {
		return "", false // the cheap test before the expression
	}
	if m := reByMid.FindStringSubmatch(t); m != nil && isOpener(m[1]) {
		r, _ := utf8.DecodeRuneInString(m[2])
		return t, !unicode.IsLower(r)
	}
	return "", false
}

// mayOpenByline is the cheap test before openedByline, on a line's first
// text: it opens with a byline word, a label, an opener, a date or CJK.
func mayOpenByline(t string) bool {
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsDigit(r) || r >= 0x1100 && hasCJK(t) {
		return true
	}
	w := t
	if i := wordEnd(t); i > 0 {
		w = t[:i]
	}
	// Trimming and lower-casing commute here (no letter lower-cases to
	// punctuation): trimmed first, the word is looked up without building
	// its lower case when it is short ASCII.
	w = trimOpener(w)
	if len(w) <= 32 && isASCII(w) {
		var buf [32]byte
		for i := 0; i < len(w); i++ {
			b := w[i]
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			buf[i] = b
		}
		return openerWords[string(buf[:len(w)])] || dateWords[string(buf[:len(w)])]
	}
	w = lower(w)
	return openerWords[w] || dateWords[w]
}

// wordEnd is strings.IndexFunc(t, f) for f a space or a colon (ASCII or
// full width), with ASCII looked at first.
func wordEnd(t string) int {
	for i, r := range t {
		if r < utf8.RuneSelf {
			if r == ' ' || r >= '\t' && r <= '\r' || r == ':' {
				return i
			}
			continue
		}
		if unicode.IsSpace(r) || r == '：' {
			return i
		}
	}
	return -1
}

// trimOpener is strings.Trim(w, "([|-–—·") without building a cut set
// for the non-ASCII marks on every call.
func trimOpener(w string) string {
	in := func(r rune) bool {
		switch r {
		case '(', '[', '|', '-', '–', '—', '·':
			return true
		}
		return false
	}
	for w != "" {
		r, size := utf8.DecodeRuneInString(w)
		if !in(r) {
			break
		}
		w = w[size:]
	}
	for w != "" {
		r, size := utf8.DecodeLastRuneInString(w)
		if !in(r) {
			break
		}
		w = w[:len(w)-size]
	}
	return w
}

// openerWords open a byline line: the first words of reByStart,
// reLabelLead and reOpener.
var openerWords = words(
	"by von por par door av af przez від от di author authors autor autorin autora autores autoras auteur",
	"auteure auteurs autore autori text texto texte tekst testo verfasser verfasserin written reporting",
	"reporter story words текст автор авторы piše napisao napisala yazar szerző συντάκτης kirjoittaja bron",
	"additional analysis commentary opinion review interview posted report column article a an escrito",
	"escrita publicado publicada postado postada geschrieben écrit publié scritto pubblicato geschreven",
	"geplaatst napisane opublikowane написано опубликовано writing ein eine einen bởi מאת بقلم oleh โดย teksti",
	"autorius autors avtor аутор نوشته pubblicata scritta",
	"autorka autorzy redactor redactora toimittaja yazan muhabir penulis pewarta wartawan novinar novinarka",
	"dziennikarz dziennikarka reportér riporter tác автори авторка журналист журналистка журналіст журналістка",
	"ავტორი корреспондент кореспондент новинар كتب كتبت إعداد نویسنده लेखक रिपोर्ट প্রতিবেদক লেখক",
	"verfasst skrevet skriven napsal napsala написал написала kirjoittanut")

// midByWords are in every text reByMid matches.
var midByWords = []string{" by", " por", " par", " door", " przez", " af", " av", " von", " di", " da", " oleh"}

var midBySet = newPhraseSet(midByWords)

// isOpener reports what may come before "by" in a byline that does not
// open with it: a date, a word for writing or posting, or both ("Monday
// November 18, 2019 7:45 am PST by", "Analysis by", "05/10/2018 - Publicado
// por:").
func isOpener(s string) bool {
	var rest []string
	for _, w := range strings.Fields(s) {
		lw := strings.Trim(lower(w), ".,:;-–—|·")
		switch {
		case lw == "" || dateWords[lw] || strings.IndexFunc(lw, unicode.IsDigit) >= 0:
		case lw == "pm" || lw == "p.m" || lw == "a.m" || len(w) <= 4 && w == strings.ToUpper(w):
			// "pm", "PST", "GMT"
		default:
			rest = append(rest, lw)
		}
	}
	if len(rest) == 0 || len(rest) <= 2 && reOpener.MatchString(strings.Join(rest, " ")) {
		return true
	}
	// A date and a label beside it: "Erhverv - 02. januar 2020 kl. 10:21 af".
	return len(rest) <= 1 && strings.IndexFunc(s, unicode.IsDigit) >= 0
}

var reOpener = regexp.MustCompile(`^(?:text|words|story|reporting|additional reporting|writing|analysis|commentary|opinion|review|interview|written|posted|report|column|article|an? \p{L}+ story|(?:a|an|ein|eine|einen) \p{L}+|escrito|escrita|publicado|publicada|postado|postada|geschrieben|verfasst|écrit|publié|scritto|scritta|pubblicato|pubblicata|geschreven|geplaatst|napisane|opublikowane|skrevet|skriven|написано|опубликовано)$`)

var (
	// reCJKCredit finds a Chinese or Japanese byline in running text: at
	// the start of a paragraph or in brackets, a name of two or three
	// characters ended by a separator: "（記者王小明／台北報導）", "记者
	// 张三 李四", never "记者从多地了解到".
	reCJKCredit = regexp.MustCompile(`(?:^[\s　]*|[（(【\[]|本[报報])(?:记者|記者|文[／/:：]|作者[:：]|撰文[:：／/])\s*\p{Han}{2,3}(?:(?:\s+|\s*[、，,和与及]\s*)\p{Han}{2,3})*\s*(?:[／/）)】\]\s]|报道|報導|报讯|報訊|摄|攝|$)`)
	// reKoCredit finds a Korean one: "홍길동 기자", "홍길동·김철수 기자".
	reKoCredit = regexp.MustCompile(`((?:[가-힣]{2,4}\s?[·,、]\s?)*[가-힣]{2,4})\s?(?:기자|특파원)(?:[\s=\]\)·,.]|$)`)
)

// cjkCreditWords and koCreditWords are in every text reCJKCredit and
// reKoCredit match: the test before the expressions, run on every text
// node near the headline.
var (
	cjkCreditWords = newPhraseSet([]string{"记者", "記者", "文／", "文/", "文:", "文：", "作者", "撰文"})
	koCreditWords  = newPhraseSet([]string{"기자", "특파원"})
)

// cjkCreditIndex is reCJKCredit.FindStringIndex(t).
func cjkCreditIndex(t string) []int {
	if !cjkCreditWords.in(t) {
		return nil
	}
	return reCJKCredit.FindStringIndex(t)
}

// koCreditSubmatch is reKoCredit.FindStringSubmatch(t).
func koCreditSubmatch(t string) []string {
	if !koCreditWords.in(t) {
		return nil
	}
	return reKoCredit.FindStringSubmatch(t)
}

// cjkCredit records a CJK byline inside a text node.
func (s *bylineScan) cjkCredit(t string, pos int) {
	if s.cjkFound || len(t) < 6 {
		return
	}
	if loc := cjkCreditIndex(t); loc != nil {
		s.found = append(s.found, credit{nil, t[loc[0]:loc[1]], pos})
		s.cjkFound = true
	} else if m := koCreditSubmatch(t); m != nil {
		s.found = append(s.found, credit{nil, m[1], pos})
		s.cjkFound = true
	}
}

// headline returns the page's headline element: the <h1> whose text the
// <title> holds, else the first <h1> of some length.
func (p *page) headline() *html.Node {
	title := lower(p.title)
	var first *html.Node
	for _, h := range p.h1s {
		st := p.stats.get(h)
		if st == nil || st.chars < 10 || !within(h, p.body) {
			continue
		}
		if first == nil {
			first = h
		}
		if t := lower(nodeText(h)); t != "" && strings.Contains(title, t) {
			return h
		}
	}
	return first
}

// textPos returns the number of characters of text before n.
func (p *page) textPos(n *html.Node) int {
	pos := 0
	for a := n; a != nil && a != p.body; a = a.Parent {
		for s := a.PrevSibling; s != nil; s = s.PrevSibling {
			switch s.Type {
			case html.TextNode:
				pos += countChars(s.Data)
			case html.ElementNode:
				if st := p.stats.get(s); st != nil {
					pos += st.chars
				}
			}
		}
	}
	return pos
}

// bareLine returns the names of a short line under the headline that says
// nothing but names, when something beside it shows it is a byline: a date
// or a separator on the line or the next, a <time>, a link to an author's
// page.
func (s *bylineScan) bareLine(o outlet) []string {
	for i, l := range s.lines {
		if i >= 4 {
			break
		}
		t := nodeText(l.node)
		if utf8.RuneCountInString(t) > 80 || sentenceEnd(t) && !strings.HasSuffix(t, ".") || prose(t) ||
			!dateTail(t[len(cutTail(t)):]) {
			continue
		}
		names := o.clean([]string{t})
		if len(names) == 0 {
			continue
		}
		if t == strings.ToUpper(t) {
			return nil // a line in capitals: a kicker or a teaser, not a bare byline
		}
		for _, n := range names {
			if !strings.Contains(n, " ") || hasCJK(n) || uncased(n) {
				// A lone word, CJK with no "記者", a script without
				// case ("नई दिल्ली"): a label or a place as likely as
				// a name.
				return nil
			}
		}
		if bylineEvidence(t) || i+1 < len(s.lines) && bylineEvidence(nodeText(s.lines[i+1].node)) ||
			hasTimeOrAuthorLink(l.node) || i+1 < len(s.lines) && hasTimeOrAuthorLink(s.lines[i+1].node) {
			return names
		}
		return nil
	}
	return nil
}

// prose reports a line that reads as a sentence, not a credit: "by" inside
// it, or several lower-case words that are not the small words of a
// byline ("and", "staff writer", "updated on").
func prose(t string) bool {
	if reByMid.MatchString(t) {
		return true
	}
	n := 0
	for _, w := range strings.Fields(t) {
		lw := strings.Trim(w, ".,;:|·-–—()")
		if isLowerWord(lw) && !roleWords[lw] && !dateWords[lw] && !reCreditSep.MatchString(" "+lw+" ") {
			n++
		}
	}
	return n > 1
}

// dateTail reports text made of a date and its words only ("17 April 2025,
// 4:05 p.m. EDT", "Updated 3h ago"): what a byline line may end with.
func dateTail(s string) bool {
	for _, w := range strings.Fields(s) {
		lw := strings.Trim(lower(w), ".,:;|·-–—()")
		switch {
		case lw == "" || dateWords[lw] || strings.IndexFunc(lw, unicode.IsDigit) >= 0 || reTailWord.MatchString(lw):
		case lw == "pm" || lw == "p.m" || lw == "a.m" || lw == "h" || lw == "min" || lw == "read":
		case len(w) <= 4 && w == strings.ToUpper(w):
		default:
			return false
		}
	}
	return true
}

// bylineEvidence reports a date or a separator in a short line.
func bylineEvidence(t string) bool {
	if utf8.RuneCountInString(t) > 80 {
		return false
	}
	return strings.ContainsAny(t, "0123456789|·•—") || strings.Contains(t, " - ")
}

func hasTimeOrAuthorLink(n *html.Node) bool {
	if n.DataAtom == atom.Time || markedAuthor(n, "") {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && hasTimeOrAuthorLink(c) {
			return true
		}
	}
	return false
}

// reByPrefix opens a byline line the body leaves out (isByline).
var reByPrefix = regexp.MustCompile(`^(?i:by|written by|текст:?|автор:?|von|por|par|di|door|av|autor:?|author:?|text:?|文/|记者|作者[:：]?)\s+\p{Lu}`)
