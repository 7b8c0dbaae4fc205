package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html/atom"
)

// phraseSet answers containsAny(s, list) in one pass over s: a bit per
// pair of bytes that opens a phrase rules out almost every position, and
// only at the rest are the phrases with that first byte compared. The
// vocabularies tested on every element or text block (class names,
// credit and label words) cost a dozen strings.Contains calls each
// otherwise. Built once from a list; immutable.
type phraseSet struct {
	pairs  [1 << 16 / 64]uint64 // bit b0<<8|b1: a phrase opens with bytes b0 b1
	single [256 / 64]uint64     // bit b: the one-byte phrase b
	sorted []string             // the phrases of two bytes or more, by first byte
	first  [257]uint16          // sorted[first[b]:first[b+1]] open with byte b
	// leads are the first bytes of the phrases when they are few (CJK
	// words: the lead bytes of their first characters): in jumps from
	// one to the next with IndexByte, fast on text that has none.
	leads   []byte
	singles bool // some phrase is one byte long
	empty   bool // "" is a phrase: every string holds it
}

func newPhraseSet(list []string) *phraseSet {
	ps := &phraseSet{}
	for _, p := range list {
		switch len(p) {
		case 0:
			ps.empty = true
		case 1:
			ps.single[p[0]>>6] |= 1 << (p[0] & 63)
			ps.singles = true
		default:
			k := uint(p[0])<<8 | uint(p[1])
			ps.pairs[k>>6] |= 1 << (k & 63)
			ps.sorted = append(ps.sorted, p)
		}
	}
	slices.SortStableFunc(ps.sorted, func(a, b string) int { return int(a[0]) - int(b[0]) })
	i := 0
	var leads []byte
	for b := 0; b < 256; b++ {
		ps.first[b] = uint16(i)
		if i < len(ps.sorted) && int(ps.sorted[i][0]) == b {
			leads = append(leads, byte(b))
		}
		for i < len(ps.sorted) && int(ps.sorted[i][0]) == b {
			i++
		}
	}
	ps.first[256] = uint16(i)
	if len(leads) <= 3 {
		ps.leads = leads
	}
	return ps
}

// in reports whether s holds one of the phrases.
func (ps *phraseSet) in(s string) bool {
	switch {
	case ps.empty:
		return true
	case ps.singles:
		for i := 0; i < len(s); i++ {
			if b := s[i]; ps.single[b>>6]&(1<<(b&63)) != 0 || ps.at(s, i) {
				return true
			}
		}
		return false
	case ps.leads != nil:
		for _, b := range ps.leads {
			for i := 0; ; i++ {
				j := strings.IndexByte(s[i:], b)
				if j < 0 {
					break
				}
				if i += j; ps.at(s, i) {
					return true
				}
			}
		}
		return false
	}
	for i := 0; i+1 < len(s); i++ {
		if k := uint(s[i])<<8 | uint(s[i+1]); ps.pairs[k>>6]&(1<<(k&63)) != 0 && ps.at(s, i) {
			return true
		}
	}
	return false
}

// at reports whether a phrase of two bytes or more opens s[i:].
func (ps *phraseSet) at(s string, i int) bool {
	b0 := s[i]
	for _, p := range ps.sorted[ps.first[b0]:ps.first[int(b0)+1]] {
		if strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	return false
}

// atomSet is a set of element atoms read with two instructions: an atom
// is an offset into the atom table and a length (< 32), so a set is a
// mask of lengths per offset. It stands for the maps of atoms asked about
// on every element.
type atomSet []uint32

// atomSetOf returns the atoms m maps to true.
func atomSetOf(m map[atom.Atom]bool) atomSet {
	var s atomSet
	for a, ok := range m {
		if !ok || a == 0 {
			continue
		}
		i := int(a >> 8)
		for len(s) <= i {
			s = append(s, 0)
		}
		s[i] |= 1 << (a & 31)
	}
	return s
}

func (s atomSet) has(a atom.Atom) bool {
	i := int(a >> 8)
	return a != 0 && i < len(s) && s[i]&(1<<(a&31)) != 0 && a&0xff < 32
}
