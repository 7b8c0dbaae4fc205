package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// stamp is a point in time as the page states it: value is RFC 3339 when the
// page gives a zone (zone true), local "2006-01-02T15:04:05" when it gives a
// time without zone, "2006-01-02" when it gives a day only.
type stamp struct {
	value string
	zone  bool
}

func (s stamp) ok() bool { return s.value != "" }

// timePart is the time of day that may follow a date, with its zone:
// "14:27", ", 3:04 PM EST", " um 14:27 Uhr", " à 10h05", " - 12:09".
const timePart = `(?:(?:,?\s+|\s*[-–|·,/@]\s*|\s+at\s+|\s*um\s+|\s*à\s+|\s*às\s+|\s*a las\s+|\s+kl\.?\s+|\s+в\s+|\s+о\s+)(\d{1,2})[:.h](\d{2})(?::(\d{1,2}))?(?:[.,]\d+)?\s*(?:([aApP])\.?[mM]\b\.?)?\s*(Z\b|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[ECMP][SD]T\b|CES?T\b|BST\b|JST\b|KST\b|IST\b|HKT\b|SGT\b|AEST\b|AEDT\b)?)?`

var (
	// 2025-04-17 14:27:32, 2025/04/17T14:27, 2025年4月17日 14時27分, 2020년 3월 4일,
	// 2025. 4. 17. 14:27 (Korean: a point after the day too)
	reNumDate = regexp.MustCompile(`(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?:日|일|\.)?(?:(?:[T\s]|,\s*|\s+at\s+|日\s*|일\s*)+(\d{1,2})\s*[:時时시]\s*(\d{2})(?:\s*[:分분]\s*(\d{1,2}))?(?:[.,]\d+)?(?:\s*([aApP])\.?[mM]\b\.?)?\s*(Z|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[ECMP][SD]T|CES?T|BST|JST|KST|IST|HKT|SGT|AEST|AEDT)?)?`)
	// March 3, 2024 3:04 PM EST / Mar. 3 2024 / 3 March 2024 15:04 /
	// 17 de marzo de 2020 / 24 نيسان / أبريل 2020 (month names in many
	// languages, see monthNames)
	reMonthDate = regexp.MustCompile(`(?i)(?:\b(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+|of\s+)?(\p{L}{3,12})\.?(?:\s*/\s*\p{L}{3,12})?,?\s+(?:de\s+|del\s+)?(\d{4})|(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))` + timePart)
	// 17.04.2025 14:27, 17/03/2020, 24-04-2020 21:36 (day first, or month
	// first where the page's language writes it so)
	reDMYDate = regexp.MustCompile(`\b(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})\b` + timePart)
	// a time before the date: "3:42 p.m. ET Oct. 7, 2020"
	reTimeBefore = regexp.MustCompile(`(?i)\b(\d{1,2}):(\d{2})\s*(?:([ap])\.?m\b\.?)?\s*([ECMP][SD]?T|UTC|GMT)?\s*[,|·-]?\s*$`)
	// /2019/11/20/ or /20191120/ in a URL path
	reURLDate = regexp.MustCompile(`/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)`)
)

// monthNames maps month names and their usual abbreviations, lower case, in
// the languages of the news (genitive forms where a language writes dates
// with them), to month numbers.
var monthNames = map[string]int{}

func init() {
	for i, names := range [12]string{
		"jan january januar janvier enero gennaio jänner janeiro januari januar stycznia styczeń ledna leden ocak siječnja sijecnja ianuarie ιανουαρίου января январь січня січень јануар",
		"feb february februar février fevrier febrero febbraio fevereiro februari lutego luty února unora únor şubat subat veljače veljace februarie φεβρουαρίου февраля февраль лютого лютий фебруар",
		"mar march märz maerz mars marzo março marco maart marca marzec března brezna březen mart ožujka ozujka martie μαρτίου марта март березня березень",
		"apr april avril abril aprile kwietnia kwiecień dubna duben nisan travnja aprilie απριλίου апреля апрель квітня квітень",
		"may mai mayo maggio maio mei maja maj května kvetna květen mayıs mayis svibnja μαΐου μαίου мая май травня травень",
		"jun june juni juin junio giugno junho czerwca czerwiec června cervna červen haziran lipnja iunie ιουνίου июня июнь червня червень јун",
		"jul july juli juillet julio luglio julho lipca lipiec července cervence červenec temmuz srpnja iulie ιουλίου июля июль липня липень јул",
		"aug august août aout agosto augustus agustus sierpnia sierpień srpna srpen ağustos agustos kolovoza augusti avgust αυγούστου августа август серпня серпень",
		"sep sept september septembre septiembre settembre setembro września wrzesień září zari eylül eylul rujna septembrie septembar σεπτεμβρίου сентября сентябрь вересня вересень",
		"oct october oktober octobre octubre ottobre outubro października październik října rijna říjen ekim listopada octombrie oktobar οκτωβρίου октября октябрь жовтня жовтень",
		"nov november novembre noviembre novembro listopadu listopad kasım kasim studenoga studenog noiembrie novembar νοεμβρίου ноября ноябрь листопада",
		"dec december dezember décembre decembre diciembre dicembre dezembro desember grudnia grudzień prosince prosinec aralık aralik prosinca decembrie decembar δεκεμβρίου декабря декабрь грудня грудень",
	} {
		for _, n := range strings.Fields(names) {
			if _, ok := monthNames[n]; !ok {
				monthNames[n] = i + 1
			}
		}
	}
}

// arabicMonths rewrites Arabic month names (Egyptian and Levantine) and
// Arabic-Indic digits into the forms the expressions read.
var arabicMonths = strings.NewReplacer(
	"كانون الثاني", "jan", "كانون الأول", "dec", "تشرين الأول", "oct", "تشرين الثاني", "nov",
	"يناير", "jan", "فبراير", "feb", "مارس", "mar", "أبريل", "apr", "ابريل", "apr", "إبريل", "apr",
	"مايو", "may", "يونيو", "jun", "يوليو", "jul", "أغسطس", "aug", "اغسطس", "aug", "سبتمبر", "sep",
	"أكتوبر", "oct", "اكتوبر", "oct", "نوفمبر", "nov", "ديسمبر", "dec",
	"شباط", "feb", "آذار", "mar", "نيسان", "apr", "أيار", "may", "حزيران", "jun", "تموز", "jul",
	"آب", "aug", "أيلول", "sep",
	"٠", "0", "١", "1", "٢", "2", "٣", "3", "٤", "4", "٥", "5", "٦", "6", "٧", "7", "٨", "8", "٩", "9",
	"۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9",
)

var zoneAbbrev = map[string]int{ // offsets in minutes
	"UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
	"MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "CET": 60, "CEST": 120,
	"BST": 60, "JST": 540, "KST": 540, "IST": 330, "HKT": 480, "SGT": 480, "AEST": 600, "AEDT": 660,
}

// parseStamp reads a date at the start of s (after leading space); a
// numeric date with slashes is read month first only where the day cannot
// come first.
func parseStamp(s string) stamp {
	s = strings.TrimSpace(s)
	if s == "" {
		return stamp{}
	}
	return parseStampPrefix(s)
}

// parseStampPrefix finds the first date in s.
func parseStampPrefix(s string) stamp {
	st, _, _ := findDate(s, false)
	return st
}

// findDate finds the first date in the first 64 bytes of s and returns it
// with its start and end in s. monthFirst reads an ambiguous
// numeric date (03/04/2020) as month first, as American English writes it.
func findDate(s string, monthFirst bool) (st stamp, start, end int) {
	if len(s) > 64 {
		// Dates are short; the expressions' cost grows with the input.
		cut := 64
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if hasArabic(s) {
		// The positions are those of the rewritten text: the caller
		// gets no more than the whole of it.
		st, _, _ := findDateIn(arabicMonths.Replace(s), monthFirst)
		return st, 0, len(s)
	}
	return findDateIn(s, monthFirst)
}

// findDateIn is findDate on a text of Latin digits and month names.
func findDateIn(s string, monthFirst bool) (st stamp, start, end int) {
	if !hasYear(s) {
		return stamp{}, 0, 0
	}
	best, bestAt, bestEnd := stamp{}, len(s)+1, -1
	try := func(at, end int, st stamp) {
		if st.ok() && at < bestAt {
			best, bestAt, bestEnd = st, at, end
		}
	}
	if m := reNumDate.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		try(m[0], m[1], makeStamp(g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8]))
	}
	if bestAt == 0 {
		// A numeric date opens s (an ISO stamp): no other reading can
		// start before it, and the expressions below need not run.
		return best, bestAt, bestEnd
	}
	for _, m := range reMonthDate.FindAllStringSubmatchIndex(s, 3) {
		if m[0] >= bestAt {
			break
		}
		g := groups(s, m)
		day, mon, year := g[1], g[2], g[3]
		if day == "" {
			mon, day, year = g[4], g[5], g[6]
		}
		mi, ok := monthNames[strings.ToLower(mon)]
		if !ok {
			continue
		}
		st := makeStamp(year, strconv.Itoa(mi), day, g[7], g[8], g[9], g[10], g[11])
		if g[7] == "" {
			st = timeBefore(s[:m[0]], year, strconv.Itoa(mi), day, st)
		}
		try(m[0], m[1], st)
		break
	}
	if m := reDMYDate.FindStringSubmatchIndex(s); m != nil && m[0] < bestAt {
		g := groups(s, m)
		if g[2] == g[4] {
			d, mo := g[1], g[3]
			if g[2] == "/" && monthFirst && !mustSwap(mo, d) || mustSwap(d, mo) {
				d, mo = mo, d
			}
			try(m[0], m[1], makeStamp(g[5], mo, d, g[6], g[7], g[8], g[9], g[10]))
		}
	}
	if !best.ok() {
		return best, 0, 0
	}
	return best, bestAt, bestEnd
}

// mustSwap reports a day-first reading that cannot be one (17 is no month)
// while the other reading can.
func mustSwap(d, mo string) bool {
	dn, _ := strconv.Atoi(d)
	mn, _ := strconv.Atoi(mo)
	return mn > 12 && dn <= 12
}

// timeBefore adds a time written before the date ("3:42 p.m. ET Oct. 7,
// 2020") to the day st.
func timeBefore(before, y, mo, d string, st stamp) stamp {
	if !st.ok() || !strings.Contains(before, ":") {
		return st
	}
	if m := reTimeBefore.FindStringSubmatch(before); m != nil {
		if t := makeStamp(y, mo, d, m[1], m[2], "", m[3], m[4]); t.ok() {
			return t
		}
	}
	return st
}

// groups returns the submatches of m in s, "" for those that did not take part.
func groups(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for i := range g {
		if m[2*i] >= 0 {
			g[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return g
}

// hasYear reports four digits in a row, which every date the expressions
// read has: a cheap test before them.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// hasArabic reports a letter of the Arabic script (U+0600–U+06FF).
func hasArabic(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0xD8 && c <= 0xDB {
			return true
		}
	}
	return false
}

func makeStamp(y, mo, d, h, mi, sec, ampm, zone string) stamp {
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(mo)
	day, _ := strconv.Atoi(d)
	if year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31 {
		return stamp{}
	}
	if time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Day() != day {
		return stamp{} // 31 February
	}
	if h == "" {
		return stamp{value: fmt.Sprintf("%04d-%02d-%02d", year, month, day)}
	}
	hour, _ := strconv.Atoi(h)
	minute, _ := strconv.Atoi(mi)
	second, _ := strconv.Atoi(sec)
	switch strings.ToLower(ampm) {
	case "p":
		if hour < 12 {
			hour += 12
		}
	case "a":
		if hour == 12 {
			hour = 0
		}
	}
	if hour > 23 || minute > 59 || second > 60 {
		return stamp{}
	}
	local := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
	off, ok := zoneOffset(zone)
	if !ok {
		return stamp{value: local}
	}
	loc := time.FixedZone("", off*60)
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, loc)
	return stamp{value: t.Format(time.RFC3339), zone: true}
}

// zoneOffset reads "Z", "+01:00", "+0100", "UTC", "GMT+2", "EST" as minutes.
func zoneOffset(z string) (int, bool) {
	z = strings.TrimSpace(z)
	if z == "" {
		return 0, false
	}
	if v, ok := zoneAbbrev[strings.ToUpper(z)]; ok {
		return v, true
	}
	up := strings.ToUpper(z)
	if strings.HasPrefix(up, "UTC") || strings.HasPrefix(up, "GMT") {
		z = strings.TrimSpace(z[3:])
	}
	if len(z) < 2 || (z[0] != '+' && z[0] != '-') {
		return 0, false
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	var h, m int
	switch len(digits) {
	case 1, 2:
		h, _ = strconv.Atoi(digits)
	case 3:
		h, _ = strconv.Atoi(digits[:1])
		m, _ = strconv.Atoi(digits[1:])
	case 4:
		h, _ = strconv.Atoi(digits[:2])
		m, _ = strconv.Atoi(digits[2:])
	default:
		return 0, false
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	return sign * (h*60 + m), true
}

// urlDate reads a day from a URL path such as /2019/11/20/.
func urlDate(path string) stamp {
	if m := reURLDate.FindStringSubmatch(path); m != nil {
		return makeStamp(m[1], m[2], m[3], "", "", "", "", "")
	}
	return stamp{}
}
