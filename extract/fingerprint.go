package extract

import (
	"fmt"
	"hash/fnv"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
)

// fingerprint returns the 64-bit SimHash of text as 16 hex digits, or "" for
// empty text. Features are overlapping word 3-grams of the lower-cased text
// (CJK characters count as words), so the hash depends on the words alone:
// markup, whitespace, punctuation and case do not change it.
func fingerprint(text string) string {
	words := fingerprintWords(text)
	if len(words) == 0 {
		return ""
	}
	var v [64]int32
	add := func(h uint64) {
		for i := range v {
			v[i] += int32(h>>uint(i)&1)*2 - 1
		}
	}
	const n = 3
	if len(words) < n {
		add(hashWords(words))
	} else {
		for i := 0; i+n <= len(words); i++ {
			add(hashWords(words[i : i+n]))
		}
	}
	var out uint64
	for i := 0; i < 64; i++ {
		if v[i] > 0 {
			out |= 1 << uint(i)
		}
	}
	return fmt.Sprintf("%016x", out)
}

func hashWords(ws []string) uint64 {
	h := fnv.New64a()
	for i, w := range ws {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(w))
	}
	// FNV's high bits mix poorly for short inputs; finish with a mixer
	// (splitmix64's) so each of the 64 bits is an even vote.
	x := h.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// fingerprintWords splits text into lower-case words: runs of letters and
// digits, each Han, Hiragana, Katakana or Hangul character a word of its own.
func fingerprintWords(text string) []string {
	var words []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			words = append(words, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case isIdeograph(r):
			flush(i)
			words = append(words, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return words
}

func isIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) && r >= 0xAC00
}

// Distance returns the Hamming distance between two fingerprints as found
// in Article.Fingerprint: 0 for identical texts, small (≤ 3) for copies of
// one story, about 32 for unrelated texts.
func Distance(a, b string) (int, error) {
	x, err := strconv.ParseUint(a, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("extract: bad fingerprint %q: %w", a, err)
	}
	y, err := strconv.ParseUint(b, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("extract: bad fingerprint %q: %w", b, err)
	}
	return bits.OnesCount64(x ^ y), nil
}
