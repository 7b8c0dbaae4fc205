package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// normLang turns a language tag ("en-US", "zh_CN", "de") into ISO 639-1.
func normLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) == 2 && tag[0] >= 'a' && tag[0] <= 'z' && tag[1] >= 'a' && tag[1] <= 'z' {
		return tag
	}
	if len(tag) == 3 {
		if l := whatlanggo.CodeToLang(tag); l != -1 {
			return l.Iso6391()
		}
	}
	return ""
}

// detectLanguage guesses the language of text, "" when unsure.
func detectLanguage(text string) string {
	// A few hundred characters decide; trigram counting allocates in
	// proportion to the sample.
	if len(text) > 400 {
		cut := 400
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() && info.Confidence < 0.5 {
		return ""
	}
	return info.Lang.Iso6391()
}
