package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fingerprintByBits is the SimHash of fingerprint computed the plain way,
// one vote per bit per feature: the reference for its byte-lane counting.
func fingerprintByBits(text string) string {
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
	if len(words) < 3 {
		h := uint64(0)
		for _, w := range words {
			h = h*0x100000001b3 ^ w
		}
		add(h)
	} else {
		for i := 0; i+3 <= len(words); i++ {
			add(words[i]*0x9e3779b97f4a7c15 ^ words[i+1]*0xc2b2ae3d27d4eb4f ^ words[i+2])
		}
	}
	var out uint64
	for i := range v {
		if v[i] > 0 {
			out |= 1 << uint(i)
		}
	}
	return fmt.Sprintf("%016x", out)
}

// wordHashesByRune is wordHashes without its ASCII fast path.
func wordHashesByRune(text string) []uint64 {
	const offset, prime = 0xcbf29ce484222325, 0x100000001b3
	var words []uint64
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
			h = (h ^ uint64(unicode.ToLower(r))) * prime
			in = true
		default:
			flush()
		}
	}
	flush()
	return words
}

func TestWordHashesASCIIPath(t *testing.T) {
	texts := []string{
		"", "A", "Hello, World! 42 times_over", "ÉCOLE Straße İstanbul ΑΘΗΝΑ", "mixed東京Tokyo２０２５年",
		"bad \xff\xfe bytes\xc3", "tab\tnew\nline\u00a0nbsp", "サッカー・ワールドカップ", "한국어 TEXT 123",
	}
	for _, text := range texts {
		if diff := cmp.Diff(wordHashesByRune(text), wordHashes(text), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("wordHashes(%q) mismatch (-want +got):\n%s", text, diff)
		}
	}
}

func TestFingerprintMatchesBitVotes(t *testing.T) {
	var long strings.Builder
	for i := range 2000 { // past the lanes' flush at 255 features, several times
		fmt.Fprintf(&long, "word%d ", i*7919%1000)
	}
	texts := []string{
		"", "one", "two words", "three small words", "Ein Absatz über Brücken, Straßen und Tunnel.",
		"東京で会議が開かれた。", "서울 시청 앞 광장", strings.Repeat("the same ", 300), long.String(),
	}
	for _, text := range texts {
		got, want := fingerprint(text), fingerprintByBits(text)
		if got != want {
			t.Errorf("fingerprint(%.30q) = %q, want %q", text, got, want)
		}
	}
}

func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat("A paragraph of ordinary news prose, with numbers like 2025 and names. ", 100)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		fingerprint(text)
	}
}
