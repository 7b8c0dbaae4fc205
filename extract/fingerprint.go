package extract

import (
	"fmt"
	"math/bits"
	"strconv"
	"unicode"
	"unicode/utf8"
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
	var v bitVotes
	const n = 3
	if len(words) < n {
		h := uint64(0)
		for _, w := range words {
			h = h*0x100000001b3 ^ w
		}
		v.add(mix64(h))
	} else {
		for i := 0; i+n <= len(words); i++ {
			v.add(mix64(words[i]*0x9e3779b97f4a7c15 ^ words[i+1]*0xc2b2ae3d27d4eb4f ^ words[i+2]))
		}
	}
	h := v.result()
	const digits = "0123456789abcdef"
	var out [16]byte
	for i := range out {
		out[15-i] = digits[h>>(4*i)&0xf]
	}
	return string(out[:])
}

// bitVotes counts, for each of 64 bit positions, the features whose hash
// has that bit set: eight byte lanes per word of counters, filled by table
// lookup (eight additions per feature instead of 64), emptied into the
// totals before a lane can overflow.
type bitVotes struct {
	lanes   [8]uint64 // byte j of lanes[k]: ones at bit 8k+j since the last flush
	ones    [64]int32
	n       int32 // features
	pending int   // features in the lanes
}

// spread[b] has byte j equal to bit j of b.
var spread = func() (t [256]uint64) {
	for b := range t {
		for j := range 8 {
			t[b] |= uint64(b>>j&1) << (8 * j)
		}
	}
	return t
}()

func (v *bitVotes) add(h uint64) {
	for k := range v.lanes {
		v.lanes[k] += spread[byte(h>>(8*k))]
	}
	v.n++
	if v.pending++; v.pending == 255 {
		v.flush()
	}
}

func (v *bitVotes) flush() {
	for k, l := range v.lanes {
		for j := range 8 {
			v.ones[8*k+j] += int32(l >> (8 * j) & 0xff)
		}
		v.lanes[k] = 0
	}
	v.pending = 0
}

// result has bit i set when more features voted 1 than 0 at bit i.
func (v *bitVotes) result() uint64 {
	v.flush()
	var out uint64
	for i, o := range v.ones {
		if 2*o > v.n {
			out |= 1 << uint(i)
		}
	}
	return out
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
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // ASCII, most of most pages
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			default:
				flush()
				continue
			}
			h = (h ^ uint64(c)) * prime
			in = true
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
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
