package extract

import (
	"fmt"
	"math/bits"
	"strconv"
	"unicode"
)

// fingerprint returns the 64-bit SimHash of text as 16 hex digits, or "" for
// empty text. Features are overlapping word 3-grams of the lower-cased text
// (CJK characters count as words), so the hash depends on the words alone:
// markup, whitespace, punctuation and case do not change it.
func fingerprint(text string) string {
	words := wordHashes(text)
	if len(words) == 0 {
		return ""
	}
	var v [64]int32
	add := func(h uint64) {
		h = mix64(h)
		for i := range v {
			v[i] += int32(h>>uint(i)&1)*2 - 1
		}
	}
	const n = 3
	if len(words) < n {
		h := uint64(0)
		for _, w := range words {
			h = h*0x100000001b3 ^ w
		}
		add(h)
	} else {
		for i := 0; i+n <= len(words); i++ {
			add(words[i]*0x9e3779b97f4a7c15 ^ words[i+1]*0xc2b2ae3d27d4eb4f ^ words[i+2])
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

// mix64 is splitmix64's finaliser: every input bit moves every output bit,
// so each of the 64 positions is an even vote.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// wordHashes returns the FNV-1a hash of each lower-cased word of text: runs
// of letters and digits, each Han, Hiragana, Katakana or Hangul character a
// word of its own.
func wordHashes(text string) []uint64 {
	const offset, prime = 0xcbf29ce484222325, 0x100000001b3
	words := make([]uint64, 0, len(text)/6)
	h, in := uint64(offset), false
	flush := func() {
		if in {
			words = append(words, h)
			h, in = offset, false
		}
	}
	for _, r := range text {
		switch {
		case cjkRune(r):
			flush()
			words = append(words, (offset^uint64(r))*prime)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			h = (h ^ uint64(r)) * prime
			in = true
		default:
			flush()
		}
	}
	flush()
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
