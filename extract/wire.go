package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Wire credits: the agency and the dateline that open a story
// ("HAYWARD, Calif. (AP) —"). The dateline is the place as printed, without
// the date some agencies add ("BERLIN, 17. April (Reuters) -" is "BERLIN").
//
// The forms read, in order:
//
//   - agency first, in CJK copy: "新华社北京4月17日电", "【ワシントン共同】",
//     "(서울=연합뉴스)", "［東京　１７日　ロイター］"; a paper's own
//     correspondent: "本报北京4月17日电", "【ニューヨーク＝山田太郎】";
//   - a place, then the agency in brackets, then a dash or the story:
//     "ST. PAUL, Minn. (AP) —", "Berlin (dpa/lnw) -", "北京（新华社）—",
//     "МОСКВА, 17 апреля. /ТАСС/.", "(Reuters) -", "(CNN)The";
//   - the agency in brackets, then the place and date: "(ANSA) - ROMA, 17 APR -";
//   - a place and date, then the agency: "МОСКВА, 17 апр — РИА Новости.";
//   - a place in capitals and a dash, with no agency (a staff dateline):
//     "BUFFALO, N.Y. —".
//
// A bracket only counts when it names a known agency and sits where a
// credit sits: "the minister told (AP) reporters" or "(17.04.2025)" are no
// credits.

// wireAgencies maps an agency as printed to its name in the record. Names
// printed in lower case are matched as printed; the others also in any
// case but all lower (which is a word, not an agency: "(ap)").
var wireAgencies = map[string]string{
	"ap": "AP", "associated press": "AP", "the associated press": "AP",
	"reuters": "Reuters", "afp": "AFP", "dpa": "dpa", "dpa-afx": "dpa-AFX",
	"xinhua": "Xinhua", "yonhap": "Yonhap", "kyodo": "Kyodo", "kyodo news": "Kyodo",
	"jiji": "Jiji", "jiji press": "Jiji", "pa": "PA", "pa media": "PA", "ani": "ANI",
	"pti": "PTI", "ians": "IANS", "uni": "UNI", "upi": "UPI", "efe": "EFE",
	"europa press": "Europa Press", "ansa": "ANSA", "agi": "AGI", "adnkronos": "Adnkronos",
	"aap": "AAP", "cp": "CP", "tass": "TASS", "итар-тасс": "TASS", "тасс": "TASS",
	"ria novosti": "RIA Novosti", "риа новости": "RIA Novosti", "interfax": "Interfax",
	"интерфакс": "Interfax", "bloomberg": "Bloomberg", "cnn": "CNN", "kna": "KNA",
	"epd": "epd", "apa": "APA", "sda": "SDA", "keystone-sda": "SDA", "awp": "AWP",
	"anadolu": "Anadolu", "cna": "CNA", "lusa": "Lusa", "belga": "Belga", "anp": "ANP",
	"ntb": "NTB", "pap": "PAP", "čtk": "ČTK", "ctk": "ČTK", "mti": "MTI", "bta": "BTA",
	"agerpres": "Agerpres", "ukrinform": "Ukrinform", "укрінформ": "Ukrinform",
	"unian": "UNIAN", "уніан": "UNIAN", "униан": "UNIAN", "belta": "BelTA", "белта": "BelTA",
	"irna": "IRNA", "wafa": "WAFA", "bernama": "Bernama", "antara": "Antara", "pna": "PNA",
	"mena": "MENA", "wam": "WAM", "qna": "QNA", "kuna": "KUNA", "prensa latina": "Prensa Latina",
	"notimex": "Notimex", "télam": "Télam", "sputnik": "Sputnik", "newsis": "Newsis",
	"新华社": "Xinhua", "新華社": "Xinhua", "新华网": "Xinhua", "中新社": "China News Service",
	"中新网": "China News Service", "中新網": "China News Service", "中央社": "CNA",
	"共同": "Kyodo", "共同通信": "Kyodo", "共同社": "Kyodo", "時事": "Jiji", "时事": "Jiji",
	"연합뉴스": "Yonhap", "연합": "Yonhap", "뉴시스": "Newsis", "뉴스1": "News1",
	"ロイター": "Reuters", "路透": "Reuters", "路透社": "Reuters", "法新社": "AFP",
	"美联社": "AP", "美聯社": "AP", "韩联社": "Yonhap", "韓聯社": "Yonhap", "塔斯社": "TASS",
	"afp=時事": "AFP", "ap=共同": "AP", "ロイター=共同": "Reuters",
}

// lowerAgencies are printed in lower case by the agencies themselves.
var lowerAgencies = map[string]bool{"dpa": true, "epd": true, "sda": true, "awp": true, "dpa-afx": true}

// agencyName returns the record's name of the agency printed as s ("" for
// none): "dpa/lnw" and "AP/Reuters" are the first one's.
func agencyName(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return ""
	}
	l := strings.ToLower(s)
	if name, ok := wireAgencies[l]; ok && (l != s || lowerAgencies[s] || !hasCased(s)) {
		return name
	}
	if i := strings.IndexAny(s, "/,"); i > 0 {
		return agencyName(s[:i])
	}
	return ""
}

// hasCased reports whether s has a letter with case (Latin, Cyrillic, ...).
func hasCased(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsLower(r) {
			return true
		}
	}
	return false
}

var (
	// "新华社北京4月17日电", "中新网上海4月17日电", "（中央社記者王小明台北17日電）",
	// "路透北京4月17日 -".
	reWireHanFirst = regexp.MustCompile(`^[（(]?(本报|本報|新华社|新華社|新华网|中新社|中新网|中新網|中央社|路透社?|法新社|美联社|美聯社|韩联社|韓聯社)(记者|記者)?([^\s\d０-９（(，,。]{0,14}?)(?:[0-9０-９]{1,2}月)?[0-9０-９]{1,2}日(?:电|電)?`)
	// "【ワシントン共同】", "【北京時事】", "【AFP=時事】", "【共同】".
	reWireLenticular = regexp.MustCompile(`^【([^】]{0,16}?)[=＝]?(共同|時事|AFP=時事|AP=共同|ロイター=共同)】`)
	// A staff correspondent's "【ニューヨーク＝山田太郎】": a place, no agency.
	reWireStaffJa = regexp.MustCompile(`^【([^=＝】]{1,12})[=＝][^=＝】]{2,12}】`)
	// "［東京　１７日　ロイター］", "[ワシントン 17日 ロイター]".
	reWireReutersJa = regexp.MustCompile(`^[［\[][\s　]*([^\d０-９\]］]{1,16}?)[\s　]*[0-9０-９]{1,2}日[\s　]*(ロイター)[\s　]*[］\]]`)
	// "(서울=연합뉴스)", "[서울=뉴시스]".
	reWireKorean = regexp.MustCompile(`^[(\[（［]\s*([^=＝)\]）］]{1,12}?)\s*[=＝]\s*(연합뉴스|뉴시스|뉴스1)\s*[)\]）］]`)
)

// storyCredit returns the credit of a story: that of its first paragraph,
// or of the second when the first is a caption or a standfirst; the
// agency the page's metadata names when the text names none.
func storyCredit(paras []string, metaAgency string) (agency, dateline string) {
	for i := 0; i < len(paras) && i < 2; i++ {
		if agency, dateline = wireCredit(paras[i]); agency != "" || dateline != "" {
			break
		}
	}
	if agency == "" {
		agency = metaAgency
	}
	return agency, dateline
}

// wireCredit returns the agency and dateline that open a paragraph.
func wireCredit(para string) (agency, dateline string) {
	head := strings.TrimLeftFunc(para, isSpace)
	if len(head) > 200 {
		// A credit opens the paragraph: look no further than its start.
		cut := 200
		for cut > 0 && !utf8.RuneStart(head[cut]) {
			cut--
		}
		head = head[:cut]
	}
	if head == "" {
		return "", ""
	}
	// The CJK forms open with a bracket or a Han character: the
	// expressions run only then.
	switch first, _ := utf8.DecodeRuneInString(head); {
	case first == '(' || first == '（' || cjkRune(first):
		if m := reWireHanFirst.FindStringSubmatch(head); m != nil {
			place := m[3]
			if m[2] != "" {
				place = withoutReporter(place)
			}
			return agencyName(m[1]), place
		}
		fallthrough
	case first == '[' || first == '［' || first == '【':
		for _, re := range []*regexp.Regexp{reWireLenticular, reWireReutersJa, reWireKorean} {
			if m := re.FindStringSubmatch(head); m != nil {
				return agencyName(m[2]), strings.TrimSpace(m[1])
			}
		}
		if m := reWireStaffJa.FindStringSubmatch(head); m != nil {
			return "", strings.TrimSpace(m[1])
		}
	}
	if agency, dateline, ok := bracketCredit(head); ok {
		return agency, dateline
	}
	if agency, dateline, ok := trailingAgency(head); ok {
		return agency, dateline
	}
	return "", staffDateline(head)
}

// withoutReporter cuts a reporter's name off the place after 记者: Chinese
// names are two or three characters, places at least two.
func withoutReporter(s string) string {
	rs := []rune(s)
	for _, n := range []int{3, 2} {
		if len(rs)-n >= 2 {
			return string(rs[n:])
		}
	}
	return s
}

// brackets pairs the openers of a bracketed agency with their closers.
var brackets = map[rune]rune{'(': ')', '（': '）', '[': ']', '［': '］', '/': '/'}

// bracketCredit reads "PLACE (AGENCY) —": the first bracket within the
// opening of head that names an agency decides. ok is false when none does
// or the text around it is not a credit's.
func bracketCredit(head string) (agency, dateline string, ok bool) {
	for i, r := range head {
		if i > 90 {
			break
		}
		closer, open := brackets[r]
		if !open {
			continue
		}
		inner := head[i+utf8.RuneLen(r):]
		j := strings.IndexRune(inner, closer)
		if j <= 0 || j > 40 {
			continue
		}
		if agency = agencyName(inner[:j]); agency == "" {
			// Not an agency ("[India]", a slash in "LONDON/PARIS"): a
			// bracket further on may be, and then the text before it,
			// brackets included, must read as a place.
			continue
		}
		prefix, rest := head[:i], inner[j+utf8.RuneLen(closer):]
		cjk := r == '（' || r == '［' || startsCJK(prefix)
		if cjk {
			place := strings.TrimSpace(prefix)
			if !cjkPlace(place) {
				return "", "", false
			}
			return agency, place, true
		}
		place, ok := latinPlace(strings.TrimRight(prefix, " ,"), false)
		if !ok || !creditEnd(rest, r == '/') {
			return "", "", false
		}
		if place == "" {
			// "(ANSA) - ROMA, 17 APR -": the place follows the agency.
			place = placeAfter(rest)
		}
		return agency, place, true
	}
	return "", "", false
}

// creditEnd reports whether rest, the text after a bracketed agency, goes
// on as a story does after a credit: a dash, colon or equals sign, or a
// capital letter opening the first sentence ("(CNN)The", "(AP) The").
func creditEnd(rest string, slash bool) bool {
	t := strings.TrimLeftFunc(rest, isSpace)
	if t == "" {
		return false
	}
	if slash && strings.HasPrefix(t, ".") {
		return true // "/TASS/. Text"
	}
	if strings.HasPrefix(t, ".-") || strings.HasPrefix(t, ".–") || strings.HasPrefix(t, ".—") {
		return true // "Madrid, 17 abr (EFE).- Text"
	}
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '—', '–', '-', '―', '−', '－', ':', '：', '=', '＝', '_':
		return true
	}
	return unicode.IsUpper(r) || r == '"' || r == '“' || r == '«' || r == '„'
}

// placeAfter reads "ROMA, 17 APR -" after an agency credited first.
func placeAfter(rest string) string {
	t := strings.TrimLeftFunc(rest, func(r rune) bool { return isSpace(r) || strings.ContainsRune("—–-―:", r) })
	end := dashSep(t, 50)
	if end < 0 {
		return ""
	}
	if place, ok := latinPlace(t[:end], true); ok {
		return place
	}
	return ""
}

// dashSep returns where the first dash set between spaces (" — ", " - ",
// " -- ") starts within the first limit bytes of s, or -1.
func dashSep(s string, limit int) int {
	for i, r := range s {
		if i > limit {
			break
		}
		if i > 0 && (r == '—' || r == '–' || r == '-' || r == '―') && s[i-1] == ' ' {
			j := i + utf8.RuneLen(r)
			for j < len(s) && (s[j] == '-' || s[j] == ' ') {
				j++
			}
			if j > i+utf8.RuneLen(r) || j == len(s) {
				return i - 1
			}
		}
	}
	return -1
}

// trailingAgency reads "МОСКВА, 17 апр — РИА Новости.": a place with a
// date, a dash, then the agency and a full stop or comma.
func trailingAgency(head string) (agency, dateline string, ok bool) {
	end := dashSep(head, 60)
	if end < 0 {
		return "", "", false
	}
	place, ok := latinPlace(head[:end], true)
	if !ok {
		return "", "", false
	}
	rest := strings.TrimLeftFunc(head[end:], func(r rune) bool { return isSpace(r) || strings.ContainsRune("—–-―", r) })
	stop := strings.IndexAny(rest, ".,")
	if stop <= 0 || stop > 30 {
		return "", "", false
	}
	if agency = agencyName(rest[:stop]); agency == "" {
		return "", "", false
	}
	return agency, place, true
}

// staffLabels open a line in capitals and a dash that is no place.
var staffLabels = map[string]bool{
	"UPDATE": true, "UPDATED": true, "BREAKING": true, "EXCLUSIVE": true, "WATCH": true,
	"LISTEN": true, "CORRECTION": true, "ANALYSIS": true, "OPINION": true, "COMMENTARY": true,
	"EDITOR'S": true, "EDITOR’S": true, "NOTE": true, "PHOTOS": true, "VIDEO": true, "LIVE": true,
	"WARNING": true, "SPOILER": true, "BY": true, "FILE": true, "REVIEW": true, "ADVERTISEMENT": true,
	"SPONSORED": true, "FACT": true, "QUIZ": true, "POLL": true, "EILMELDUNG": true, "URGENT": true,
	// Bodies known by their initials, which open sentences as places do.
	"NASA": true, "NATO": true, "FIFA": true, "UEFA": true, "OPEC": true, "IMF": true, "FBI": true,
	"CIA": true, "NBA": true, "NFL": true, "MLB": true, "NHL": true, "WHO": true, "IOC": true,
}

// staffDateline reads a dateline with no agency, "BUFFALO, N.Y. —": the
// place's first word in capitals, then an em or en dash or a double
// hyphen. A plain hyphen or colon after a word in capitals is too often
// a label to count.
func staffDateline(head string) string {
	end := dashSep(head, 60)
	if end <= 0 {
		return ""
	}
	after := head[end+1:]
	if !strings.HasPrefix(after, "—") && !strings.HasPrefix(after, "–") && !strings.HasPrefix(after, "--") && !strings.HasPrefix(after, "―") {
		return ""
	}
	// The story's first sentence follows.
	story := strings.TrimLeft(after, "—–-― ")
	if r, _ := utf8.DecodeRuneInString(story); !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '"' && r != '“' {
		return ""
	}
	place, ok := latinPlace(head[:end], false)
	if !ok || place == "" {
		return ""
	}
	first, _, _ := strings.Cut(place, " ")
	first = strings.TrimRight(first, ",")
	if utf8.RuneCountInString(first) < 3 || strings.ToUpper(first) != first || staffLabels[first] || !hasCased(first) {
		return ""
	}
	return place
}

// latinPlace checks that s reads as a dateline in an alphabetic script:
// a place of one to five capitalised words ("ST. PAUL", "Frankfurt am
// Main", "LONDON/PARIS", "New Delhi [India]"), then comma-separated regions
// ("Calif.", "United Arab Emirates") and dates ("17. April", "Nov. 18",
// "17 апреля"). It returns the place and regions as printed; needDate asks
// for a date after the place. An empty s is a valid, empty place.
func latinPlace(s string, needDate bool) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", !needDate
	}
	if len(s) > 70 {
		return "", false
	}
	if i := strings.Index(s, " ["); i > 0 && strings.HasSuffix(strings.SplitN(s[i:], ",", 2)[0], "]") {
		// "New Delhi [India], March 3": the country in brackets is left out.
		k := strings.IndexByte(s[i:], ']')
		s = s[:i] + s[i+k+1:]
	}
	segs := strings.Split(s, ",")
	if len(segs) > 4 {
		return "", false
	}
	var kept []string
	dated := false
	for k, seg := range segs {
		seg = strings.TrimSpace(strings.TrimRight(seg, "."))
		switch {
		case k > 0 && isDatePart(seg):
			dated = true
		case !dated && placeWords(strings.TrimSpace(segs[k]), k == 0):
			kept = append(kept, strings.TrimSpace(segs[k]))
		default:
			return "", false
		}
	}
	if needDate && !dated || len(kept) == 0 {
		return "", false
	}
	return strings.Join(kept, ", "), true
}

// placeJoiners are the lower-case words inside place names: "Rio de
// Janeiro", "Frankfurt am Main", "Newcastle upon Tyne", "Isle of Man".
var placeJoiners = map[string]bool{
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true,
	"di": true, "du": true, "des": true, "la": true, "las": true, "los": true, "le": true,
	"les": true, "el": true, "am": true, "an": true, "der": true, "den": true, "dem": true,
	"im": true, "in": true, "upon": true, "on": true, "sur": true, "en": true, "y": true,
	"of": true, "auf": true, "bei": true, "ob": true, "aan": true, "van": true, "von": true,
	"zu": true, "na": true, "nad": true, "pod": true, "на": true, "под": true,
}

// placeWords reports a place or region name: capitalised words, with the
// short lower-case joiners of place names ("am", "de", "upon", "a.M.").
func placeWords(seg string, first bool) bool {
	words := strings.Fields(seg)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for i, w := range words {
		if i > 0 && len(w) > 2 && w[0] == '(' && w[len(w)-1] == ')' {
			w = w[1 : len(w)-1] // "Halle (Saale)"
		}
		r, _ := utf8.DecodeRuneInString(w)
		for _, c := range w {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".'’-/", c) {
				return false
			}
		}
		switch {
		case unicode.IsUpper(r):
		case i > 0 && i < len(words)-1 && placeJoiners[w]:
		case i > 0 && strings.Contains(w, "."):
		default:
			return false
		}
	}
	if first {
		return unicode.IsUpper([]rune(words[0])[0])
	}
	return true
}

// isDatePart reports the date an agency prints after its dateline: a
// day number and a month name or number ("17. April", "Nov. 18", "17 abr
// 2025", "2019").
func isDatePart(seg string) bool {
	if seg == "" || len(seg) > 24 {
		return false
	}
	digits := 0
	for _, c := range seg {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case unicode.IsLetter(c), c == ' ', c == '.', c == '/':
		default:
			return false
		}
	}
	return digits > 0 && digits <= 8
}

// startsCJK reports text that opens in a script written without capitals
// (Han, Kana, Hangul), where a place is a few characters.
func startsCJK(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return cjkRune(r) || unicode.Is(unicode.Hangul, r)
}

// cjkPlace reports a place printed in CJK before a bracketed agency: one to
// twelve characters of Han, Kana or Hangul (and the dots of transcribed
// names), or nothing.
func cjkPlace(s string) bool {
	n := 0
	for _, r := range s {
		n++
		if !(cjkRune(r) || unicode.Is(unicode.Hangul, r) || r == '·' || r == '・' || r == 'ー') {
			return false
		}
	}
	return n <= 12
}

// opensWithCredit reports a paragraph that opens with a wire credit: the
// first of a story, however short.
func opensWithCredit(para string) bool {
	ag, dl := wireCredit(para)
	return ag != "" || dl != ""
}
