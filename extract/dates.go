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

var (
	// 2025-04-17 14:27:32, 2025/04/17T14:27, 2025年4月17日 14時27分
	reNumDate = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?(?:(?:[T\s]|,\s*|\s+at\s+|日\s*)+(\d{1,2})\s*[:時时]\s*(\d{2})(?:\s*[:分]\s*(\d{2}))?(?:[.,]\d+)?(?:\s*([aApP])\.?[mM]\b\.?)?\s*(Z|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[ECMP][SD]T|CES?T|BST|JST|KST|IST|HKT|SGT|AEST|AEDT)?)?`)
	// March 3, 2024 3:04 PM EST / Mar. 3 2024 / 3 March 2024 15:04
	reMonthDate = regexp.MustCompile(`(?i)(?:(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-zäéû]{3,10})\.?,?\s+(\d{4})|([a-zäéû]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))(?:(?:,?\s+|\s*[-–|]\s*|\s+at\s+|\s*um\s+|\s*à\s+)(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(?:([ap])\.?m\b\.?)?\s*(Z\b|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[ECMP][SD]T|CES?T|BST|JST|KST|IST)?)?`)
	// 17.04.2025 14:27 (European day first)
	reDMYDate = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(?:um\s+)?(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?`)
	// /2019/11/20/ or /20191120/ in a URL path
	reURLDate = regexp.MustCompile(`/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)`)
)

var monthNames = map[string]int{
	"jan": 1, "january": 1, "januar": 1, "janvier": 1, "enero": 1, "gennaio": 1, "jänner": 1,
	"feb": 2, "february": 2, "februar": 2, "février": 2, "febrero": 2, "febbraio": 2,
	"mar": 3, "march": 3, "märz": 3, "mars": 3, "marzo": 3,
	"apr": 4, "april": 4, "avril": 4, "abril": 4, "aprile": 4,
	"may": 5, "mai": 5, "mayo": 5, "maggio": 5,
	"jun": 6, "june": 6, "juni": 6, "juin": 6, "junio": 6, "giugno": 6,
	"jul": 7, "july": 7, "juli": 7, "juillet": 7, "julio": 7, "luglio": 7,
	"aug": 8, "august": 8, "août": 8, "agosto": 8,
	"sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9, "settembre": 9,
	"oct": 10, "october": 10, "oktober": 10, "octobre": 10, "octubre": 10, "ottobre": 10,
	"nov": 11, "november": 11, "novembre": 11, "noviembre": 11,
	"dec": 12, "december": 12, "dezember": 12, "décembre": 12, "diciembre": 12, "dicembre": 12,
}

var zoneAbbrev = map[string]int{ // offsets in minutes
	"UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
	"MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "CET": 60, "CEST": 120,
	"BST": 60, "JST": 540, "KST": 540, "IST": 330, "HKT": 480, "SGT": 480, "AEST": 600, "AEDT": 660,
}

// parseStamp reads a date at the start of s (after leading space).
func parseStamp(s string) stamp {
	s = strings.TrimSpace(s)
	if s == "" {
		return stamp{}
	}
	return parseStampPrefix(s)
}

// parseStampPrefix finds the first date in s.
func parseStampPrefix(s string) stamp {
	if len(s) > 64 {
		// Dates are short; the expressions' cost grows with the input.
		cut := 64
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if m := reNumDate.FindStringSubmatch(s); m != nil {
		return makeStamp(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8])
	}
	if m := reMonthDate.FindStringSubmatch(s); m != nil {
		day, mon, year := m[1], m[2], m[3]
		if day == "" {
			mon, day, year = m[4], m[5], m[6]
		}
		mi, ok := monthNames[strings.ToLower(mon)]
		if !ok {
			return stamp{}
		}
		return makeStamp(year, strconv.Itoa(mi), day, m[7], m[8], m[9], m[10], m[11])
	}
	if m := reDMYDate.FindStringSubmatch(s); m != nil {
		return makeStamp(m[3], m[2], m[1], m[4], m[5], m[6], "", "")
	}
	return stamp{}
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
