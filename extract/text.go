package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// The text helpers every stage uses: white space, letters and words, CJK
// characters, and substring and phrase tests on plain strings.

func isSpace(r rune) bool {
	if r > ' ' && r < 0xA0 {
		return false // printable ASCII and C1 controls: the common case
	}
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x200B, 0x3000, 0x2009, 0x202F, 0xFEFF:
		return true
	}
	return false
}

// collapse normalises whitespace: runs of spaces become one space, ends trimmed.
func collapse(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == 0xAD {
			// A soft hyphen shows only where a line breaks: it is no
			// character of the text (nor of a word a search would find).
			continue
		}
		if isSpace(r) && r != 0x3000 {
			// U+3000, the ideographic space, is text in CJK titles.
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return trimSpace(b.String())
}

// lowerBuf is the room lowerInto lower-cases short ASCII text in.
type lowerBuf [256]byte

// lowerInto is lower(s), written into buf when s is short ASCII: no
// allocation when the caller's buf stays on its stack, that is when the
// result does not escape (go build -gcflags=-m says "moved to heap: buf"
// otherwise, and then lower is the cheaper).
func lowerInto(buf *lowerBuf, s string) string {
	if len(s) > len(buf) {
		return lower(s)
	}
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return lower(s)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			upper = true
		}
		buf[i] = c
	}
	if !upper {
		return s
	}
	return unsafe.String(&buf[0], len(s))
}

// trimASCIISpace trims the ASCII white space (what isSpace calls space
// below U+0080) from both ends of s, without decoding it.
func trimASCIISpace(s string) string {
	i, j := 0, len(s)
	for i < j && asciiSpace(s[i]) {
		i++
	}
	for j > i && asciiSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// trimSpace is strings.TrimFunc(s, isSpace), decoding only the ends that
// are not ASCII.
func trimSpace(s string) string {
	if s = trimASCIISpace(s); s != "" && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
		return strings.TrimFunc(s, isSpace)
	}
	return s
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// collapsed reports whether collapse(s) is s: valid UTF-8, no soft hyphen,
// no space at either end, and no white space inside but single ASCII
// spaces and U+3000.
func collapsed(s string) bool {
	prevSpace := true // a space first would be trimmed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c <= ' ' && isSpace(rune(c)):
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xAD {
			return false // collapse writes U+FFFD, drops a soft hyphen
		}
		if isSpace(r) && (r != 0x3000 || i == 0 || i+size == len(s)) {
			return false
		}
		prevSpace = false
		i += size
	}
	return !prevSpace || s == ""
}

// lower is strings.ToLower without the allocation for the common case of a
// string already in lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// countChars counts the non-space characters of s.
func countChars(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x80 {
			if r > ' ' {
				n++
			}
		} else if !isSpace(r) {
			n++
		}
	}
	return n
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// asciiWord marks the ASCII runes isWordRune accepts.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for r := range rune(utf8.RuneSelf) {
		t[r] = isWordRune(r)
	}
	return t
}()

// wordCount counts words (runs of letters or digits) and CJK characters.
func wordCount(s string) (words, cjk int) {
	in := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			// ASCII: letters, digits and '_' make words, nothing is CJK.
			w := asciiWord[r]
			if w && !in {
				words++
			}
			in = w
			continue
		}
		switch {
		case cjkRune(r):
			cjk++
			in = false
		case isWordRune(r):
			if !in {
				words++
			}
			in = true
		default:
			in = false
		}
	}
	return words, cjk
}

// cjkRune reports Han, Kana and Hangul characters.
func cjkRune(r rune) bool { return r >= 0x2E80 && isIdeograph(r) }

func isIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) && r >= 0xAC00
}

// containsRunes is strings.ContainsAny(s, chars) for a few chars, some of
// them not ASCII: one byte scan or substring search per char, where
// ContainsAny decodes every rune of s against such a set.
func containsRunes(s, chars string) bool {
	for i, c := range chars {
		if c < utf8.RuneSelf {
			if strings.IndexByte(s, byte(c)) >= 0 {
				return true
			}
		} else if strings.Contains(s, chars[i:i+utf8.RuneLen(c)]) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	if len(subs) < 12 || len(s) > 128 {
		// Few names, or a long text whose bytes cover most first bytes:
		// the byte set below would not pay for itself.
		for _, x := range subs {
			if strings.Contains(s, x) {
				return true
			}
		}
		return false
	}
	// The bytes s holds: a name whose first byte is not among them is not
	// in s, and most are not (a class name against a long list).
	var has [4]uint64
	for i := 0; i < len(s); i++ {
		has[s[i]>>6] |= 1 << (s[i] & 63)
	}
	for _, x := range subs {
		if x == "" || has[x[0]>>6]&(1<<(x[0]&63)) != 0 && strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// hasPhrase reports whether s holds one of the phrases as whole words: a
// phrase must start a word and, unless it ends with "*" (a stem such as
// "recommend*"), end one; "rank" is not in "Frank", "for you" not in "for
// your". Scripts written without spaces (CJK) match anywhere.
func hasPhrase(s string, phrases []string) bool {
	// The bytes s holds: a phrase whose first byte is not among them is
	// not in s.
	var has [4]uint64
	for i := 0; i < len(s); i++ {
		has[s[i]>>6] |= 1 << (s[i] & 63)
	}
	for _, p := range phrases {
		if p != "" && p[0] != '*' && has[p[0]>>6]&(1<<(p[0]&63)) == 0 {
			continue
		}
		stem := strings.HasSuffix(p, "*")
		p = strings.TrimSuffix(p, "*")
		for off := 0; off < len(s); {
			i := strings.Index(s[off:], p)
			if i < 0 {
				break
			}
			i += off
			off = i + 1
			first, _ := utf8.DecodeRuneInString(p)
			if cjkRune(first) {
				return true
			}
			if i > 0 {
				if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			if j := i + len(p); !stem && j < len(s) {
				if r, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			return true
		}
	}
	return false
}

// hasFields reports whether s has at least n fields, as strings.Fields
// splits them, without building them.
func hasFields(s string, n int) bool {
	in := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			if n--; n <= 0 {
				return true
			}
		}
		in = !sp
	}
	return n <= 0
}
