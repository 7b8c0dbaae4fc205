package inflate

// A table entry is a uint32:
//
//	bits 0-3   the bits the code takes (in a subtable: the bits after the primary ones)
//	bits 4-7   the kind: literal, length, end of block, subtable, invalid
//	bits 8-11  the extra bits after the code (length, distance), or a subtable's index bits
//	bits 16-31 the value: the literal, the length or distance base, the subtable's offset
const (
	kindLiteral = iota << 4
	kindLength
	kindEnd
	kindSub
	kindInvalid
	kindMask = 0xf0
)

const (
	maxLit   = 288
	maxDist  = 32
	maxLen   = 15
	maxMatch = 258

	litBits  = 10
	distBits = 8
)

// table is a Huffman decoding table: a primary table indexed by the next
// primaryBits bits, then subtables for longer codes.
type table struct {
	bits    uint // primary index bits
	entries []uint32
}

var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	// clOrder is the order of the code-length code's lengths in a dynamic block header.
	clOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

// litEntry is the entry of a literal/length symbol, without its code length.
func litEntry(sym int) uint32 {
	switch {
	case sym < 256:
		return kindLiteral | uint32(sym)<<16
	case sym == 256:
		return kindEnd
	case sym < 286:
		i := sym - 257
		return kindLength | uint32(lengthExtra[i])<<8 | uint32(lengthBase[i])<<16
	}
	return kindInvalid
}

// distEntry is the entry of a distance symbol, without its code length.
func distEntry(sym int) uint32 {
	if sym < 30 {
		return kindLength | uint32(distExtra[sym])<<8 | uint32(distBase[sym])<<16
	}
	return kindInvalid
}

// build fills t for the code lengths lens (0: the symbol has no code),
// with entry giving each symbol's entry. It refuses an over-subscribed
// code and an incomplete one, except a code of a single 1-bit symbol and
// no code at all (a block without distances), as zlib does.
func (t *table) build(lens []uint8, bits uint, entry func(int) uint32) bool {
	var count [maxLen + 1]int
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	left, used := 1, 0
	for l := 1; l <= maxLen; l++ {
		left = left<<1 - count[l]
		if left < 0 {
			return false
		}
		used += count[l]
	}
	if left > 0 && used > 1 || left > 0 && used == 1 && count[1] != 1 {
		return false
	}
	// First code of each length, then codes in symbol order (RFC 1951 3.2.2).
	var next [maxLen + 2]int
	code := 0
	for l := 1; l <= maxLen; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	t.bits = bits
	primary := 1 << bits
	// Subtable sizes: per primary index, the longest code under it.
	var longest [1 << litBits]uint8
	var codes [maxLit]uint16 // reversed codes
	long := false
	for sym, l := range lens {
		if l == 0 {
			continue
		}
		c := reverse(next[l], l)
		next[l]++
		codes[sym] = uint16(c)
		if uint(l) > bits {
			p := c & (primary - 1)
			longest[p] = max(longest[p], l)
			long = true
		}
	}
	size := primary
	if long {
		for p := range primary {
			if longest[p] > 0 {
				size += 1 << (uint(longest[p]) - bits)
			}
		}
	}
	if cap(t.entries) < size {
		t.entries = make([]uint32, size)
	}
	t.entries = t.entries[:size]
	if left > 0 { // incomplete: some entries stay invalid
		for i := range t.entries[:primary] {
			t.entries[i] = kindInvalid
		}
	}
	if long {
		off := primary
		for p := range primary {
			if longest[p] > 0 {
				sub := uint(longest[p]) - bits
				t.entries[p] = kindSub | uint32(bits) | uint32(sub)<<8 | uint32(off)<<16
				for i := range 1 << sub {
					t.entries[off+i] = kindInvalid
				}
				off += 1 << sub
			}
		}
	}
	for sym, l := range lens {
		if l == 0 {
			continue
		}
		c, e := int(codes[sym]), entry(sym)
		if uint(l) <= bits {
			for i := c; i < primary; i += 1 << l {
				t.entries[i] = e | uint32(l)
			}
			continue
		}
		p := t.entries[c&(primary-1)]
		off, sub := int(p>>16), uint(p>>8&0xf)
		n := uint(l) - bits
		for i := c >> bits; i < 1<<sub; i += 1 << n {
			t.entries[off+i] = e | uint32(n)
		}
	}
	return true
}

// reverse reverses the n low bits of c: deflate's codes are sent from
// their highest bit, the bit buffer gives the lowest first.
func reverse(c int, n uint8) int {
	r := 0
	for range n {
		r = r<<1 | c&1
		c >>= 1
	}
	return r
}
