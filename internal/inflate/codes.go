package inflate

import "encoding/binary"

// fixedCodes builds the fixed Huffman codes (RFC 1951 3.2.6).
func (d *Decoder) fixedCodes() {
	var lens [maxLit + maxDist]uint8
	for i := range maxLit {
		switch {
		case i < 144:
			lens[i] = 8
		case i < 256:
			lens[i] = 9
		case i < 280:
			lens[i] = 7
		default:
			lens[i] = 8
		}
	}
	for i := range maxDist {
		lens[maxLit+i] = 5
	}
	d.lit.build(lens[:maxLit], litBits, litEntry)
	d.dist.build(lens[maxLit:], distBits, distEntry)
	d.fixed = true
}

// dynamicCodes reads a dynamic block's code lengths and builds its codes.
func (d *Decoder) dynamicCodes(s *stream) error {
	s.refill()
	nlit := int(s.take(5)) + 257
	ndist := int(s.take(5)) + 1
	ncl := int(s.take(4)) + 4
	if nlit > 286 || ndist > 30 {
		return ErrCorrupt
	}
	var cl [19]uint8
	for i := range ncl {
		cl[clOrder[i]] = uint8(s.take(3))
	}
	var clt table
	clt.entries = d.codes[:0]
	if !clt.build(cl[:], 7, func(sym int) uint32 { return uint32(sym) << 16 }) {
		return ErrCorrupt
	}
	lens := d.lens[:nlit+ndist]
	for i := 0; i < len(lens); {
		if s.nb < 16 {
			s.refill()
		}
		e := clt.entries[s.bits&(1<<7-1)]
		if e&kindMask == kindInvalid {
			return ErrCorrupt
		}
		s.bits >>= e & 0xf
		s.nb -= uint(e & 0xf)
		sym := int(e >> 16)
		if sym < 16 {
			lens[i] = uint8(sym)
			i++
			continue
		}
		var rep int
		var val uint8
		switch sym {
		case 16:
			if i == 0 {
				return ErrCorrupt
			}
			rep, val = 3+int(s.take(2)), lens[i-1]
		case 17:
			rep = 3 + int(s.take(3))
		default:
			rep = 11 + int(s.take(7))
		}
		if i+rep > len(lens) {
			return ErrCorrupt
		}
		for range rep {
			lens[i] = val
			i++
		}
	}
	if lens[256] == 0 {
		return ErrCorrupt
	}
	if !d.lit.build(lens[:nlit], litBits, litEntry) || !d.dist.build(lens[nlit:], distBits, distEntry) {
		return ErrCorrupt
	}
	return nil
}

// codes1 decodes a compressed block's symbols up to its end. With 48 bits
// held after a refill, up to three literals (15 bits each at most) are
// decoded before the next one.
func (d *Decoder) codes1(s *stream) error {
	// Few variables live in the loop, so that they stay in registers: the
	// input and the subtables are read through s and d.
	if len(d.lit.entries) < 1<<litBits || len(d.dist.entries) < 1<<distBits {
		return ErrCorrupt
	}
	litP := (*[1 << litBits]uint32)(d.lit.entries)
	distP := (*[1 << distBits]uint32)(d.dist.entries)
	pos, bits, nb := s.pos, s.bits, s.nb
	out, op := s.out, s.op
	for {
		if op+slack > len(out) {
			if s.op = op; s.grow(slack) != nil {
				return ErrLimit
			}
			out = s.out
		}
		if nb < 48 {
			if pos+8 <= len(s.src) {
				bits |= binary.LittleEndian.Uint64(s.src[pos:]) << nb
				pos += int(63-nb) >> 3
				nb |= 56
			} else if pos, bits, nb = s.refillAt(pos, bits, nb); pos > len(s.src)+maxOverrun {
				return ErrShort
			}
		}
		e := litP[bits&(1<<litBits-1)]
		if e&kindMask == kindLiteral {
			bits >>= e & 0xf
			nb -= uint(e & 0xf)
			out[op] = byte(e >> 16)
			op++
			if e = litP[bits&(1<<litBits-1)]; e&kindMask == kindLiteral {
				bits >>= e & 0xf
				nb -= uint(e & 0xf)
				out[op] = byte(e >> 16)
				op++
				if e = litP[bits&(1<<litBits-1)]; e&kindMask == kindLiteral {
					bits >>= e & 0xf
					nb -= uint(e & 0xf)
					out[op] = byte(e >> 16)
					op++
				}
			}
			continue
		}
		if e&kindMask == kindSub {
			n := e & 0xf
			e = subEntry(d.lit.entries, e, bits>>n)
			bits >>= n
			nb -= uint(n)
		}
		bits >>= e & 0xf
		nb -= uint(e & 0xf)
		switch e & kindMask {
		case kindLiteral:
			out[op] = byte(e >> 16)
			op++
			continue
		case kindEnd:
			s.pos, s.bits, s.nb, s.op = pos, bits, nb, op
			return nil
		case kindInvalid:
			return ErrCorrupt
		}
		extra := e >> 8 & 0xf
		length := int(e>>16) + int(bits&(1<<extra-1))
		bits >>= extra
		nb -= uint(extra)
		e = distP[bits&(1<<distBits-1)]
		if e&kindMask == kindSub {
			n := e & 0xf
			e = subEntry(d.dist.entries, e, bits>>n)
			bits >>= n
			nb -= uint(n)
		}
		if e&kindMask != kindLength {
			return ErrCorrupt
		}
		bits >>= e & 0xf
		nb -= uint(e & 0xf)
		extra = e >> 8 & 0xf
		distance := int(e>>16) + int(bits&(1<<extra-1))
		bits >>= extra
		nb -= uint(extra)
		if distance > op-s.base {
			return ErrCorrupt
		}
		copyMatch(out, op, distance, length)
		op += length
	}
}

// subEntry is the entry of a subtable that the primary entry e points to,
// for the bits after the primary ones.
func subEntry(t []uint32, e uint32, bits uint64) uint32 {
	if i := int(e>>16) + int(bits&(1<<(e>>8&0xf)-1)); i < len(t) {
		return t[i]
	}
	return kindInvalid
}

// slack is the room kept free at the end of the output: a match, and the
// 8 bytes a word copy may write past it.
const slack = maxMatch + 8

// copyMatch copies length bytes from distance back to out[op:]: by copy
// when the match is long and does not overlap its source, else 8 bytes at
// a time when the source is at least 8 bytes back (it may write up to 7
// bytes past the match: slack keeps them in out), else byte by byte.
func copyMatch(out []byte, op, distance, length int) {
	from := op - distance
	switch {
	case length > 32 && distance >= length:
		copy(out[op:op+length], out[from:])
	case distance >= 8:
		// Two words cover most matches; the rest a word at a time.
		binary.LittleEndian.PutUint64(out[op:], binary.LittleEndian.Uint64(out[from:]))
		binary.LittleEndian.PutUint64(out[op+8:], binary.LittleEndian.Uint64(out[from+8:]))
		for i := 16; i < length; i += 8 {
			binary.LittleEndian.PutUint64(out[op+i:], binary.LittleEndian.Uint64(out[from+i:]))
		}
	case distance == 1:
		c := out[from]
		for i := range out[op : op+length] {
			out[op+i] = c
		}
	default:
		for i := range length {
			out[op+i] = out[from+i]
		}
	}
}
