package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Wire credits at the start of a story's first paragraph. Each form names
// where it comes from; agency names are normalised to canonicalAgency.
var (
	// "MOSCOW (AP) —", "Berlin (dpa) -", "LONDON, March 3 (Reuters) -",
	// "New Delhi [India], March 3 (ANI):", "NEW DELHI, Mar 3 (PTI)"
	reWireLatin = regexp.MustCompile(`^\s*([\p{Lu}][\p{L}.'’ -]{1,40}?(?:,? \[[\p{L} ]+\])?)(?:,\s*(?:[\p{L}]{3,9}\.? \d{1,2}|\d{1,2}\.? [\p{L}]{3,9}\.?))?\s*[(（](AP|Reuters|REUTERS|AFP|dpa|DPA|Xinhua|XINHUA|Yonhap|YONHAP|Kyodo|KYODO|PA|ANI|PTI|UPI|IANS|EFE|ANSA|AAP|CP|TASS|Bloomberg|KNA|epd|APA|SDA|Anadolu|CNA|Kyodo News)[)）](?:\s*[:—–-]|\s+\p{Lu})`)
	// "BEIJING, March 5 (Xinhua) --" is covered above. Chinese forms:
	// "新华社北京3月5日电", "中新社上海3月5日电".
	reWireXinhua = regexp.MustCompile(`^\s*[(（]?(新华社|中新社|新華社)(?:记者[^\p{Han}]*)?([\p{Han}]{2,8}?)\d{1,2}月\d{1,2}日(?:电|電)`)
	// Japanese Kyodo: "【ワシントン共同】" or a bare "【共同】".
	reWireKyodo = regexp.MustCompile(`^\s*【([^】]{0,12}?)共同】`)
	// Korean Yonhap: "(서울=연합뉴스)".
	reWireYonhap = regexp.MustCompile(`^\s*[(（]([\p{Hangul}]{1,10})=연합뉴스[)）]`)
)

var canonicalAgency = map[string]string{
	"ap": "AP", "reuters": "Reuters", "afp": "AFP", "dpa": "dpa", "xinhua": "Xinhua",
	"yonhap": "Yonhap", "kyodo": "Kyodo", "kyodo news": "Kyodo", "pa": "PA", "ani": "ANI",
	"pti": "PTI", "upi": "UPI", "ians": "IANS", "efe": "EFE", "ansa": "ANSA", "aap": "AAP",
	"cp": "CP", "tass": "TASS", "bloomberg": "Bloomberg", "kna": "KNA", "epd": "epd",
	"apa": "APA", "sda": "SDA", "anadolu": "Anadolu", "cna": "CNA",
	"新华社": "Xinhua", "新華社": "Xinhua", "中新社": "China News Service",
}

// wireCredit returns the agency and dateline of a first paragraph.
func wireCredit(first string) (agency, dateline string) {
	if len(first) > 160 {
		// A credit opens the paragraph: look no further than its start.
		cut := 160
		for cut > 0 && !utf8.RuneStart(first[cut]) {
			cut--
		}
		first = first[:cut]
	}
	if m := reWireLatin.FindStringSubmatch(first); m != nil {
		place := strings.TrimSpace(m[1])
		if i := strings.Index(place, " ["); i > 0 {
			place = place[:i]
		}
		return canonicalAgency[strings.ToLower(m[2])], strings.TrimRight(place, " ,")
	}
	if m := reWireXinhua.FindStringSubmatch(first); m != nil {
		return canonicalAgency[m[1]], m[2]
	}
	if m := reWireKyodo.FindStringSubmatch(first); m != nil {
		return "Kyodo", m[1]
	}
	if m := reWireYonhap.FindStringSubmatch(first); m != nil {
		return "Yonhap", m[1]
	}
	return "", ""
}
