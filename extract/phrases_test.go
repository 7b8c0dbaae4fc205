package extract

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html/atom"
)

// TestPhraseSet checks phraseSet.in against strings.Contains over every
// phrase, on the package's vocabularies and on random strings built from
// their own bytes (so that near misses are frequent).
func TestPhraseSet(t *testing.T) {
	lists := map[string][]string{
		"negativeNames": negativeNames, "positiveNames": positiveNames, "creditWords": creditWords,
		"boilerPhrases": boilerPhrases, "authorClassWords": authorClassWords, "authorPathWords": authorPathWords,
		"midByWords": midByWords, "dateLabelWords": dateLabelWords, "updateLabelWords": updateLabelWords,
		"short": {"a", "bc", "", "ü"}, "none": nil, "one": {"x"}, "multibyte": {"фото", "文/", "记者"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for name, list := range lists {
		ps := newPhraseSet(list)
		alphabet := strings.Join(list, "") + " -_/аб文"
		for range 3000 {
			var b strings.Builder
			for range rng.IntN(40) {
				if rng.IntN(8) == 0 && len(list) > 0 {
					p := list[rng.IntN(len(list))]
					if len(p) > 1 {
						p = p[:1+rng.IntN(len(p))] // whole or cut short
					}
					b.WriteString(p)
					continue
				}
				b.WriteByte(alphabet[rng.IntN(len(alphabet))])
			}
			s := b.String()
			want := false
			for _, p := range list {
				want = want || strings.Contains(s, p)
			}
			if got := ps.in(s); got != want {
				t.Fatalf("%s: in(%q) = %v, want %v", name, s, got, want)
			}
		}
	}
}

// TestAtomSet checks atomSetOf against the maps it stands for, on every
// value an atom can take.
func TestAtomSet(t *testing.T) {
	for name, m := range map[string]map[atom.Atom]bool{"blockAtoms": blockAtoms, "junkAtoms": junkAtoms} {
		s := atomSetOf(m)
		for a := atom.Atom(0); a < 1<<21; a++ {
			if got, want := s.has(a), m[a]; got != want {
				t.Errorf("%s: has(%v) = %v, want %v", name, a, got, want)
			}
		}
	}
}
