package inflate

import "encoding/binary"

// stream is the state of one member's decoding: the input and the bit
// buffer over it, the output and the limit.
type stream struct {
	src   []byte
	pos   int    // next byte of src to load into the bit buffer; past len(src) when zeros were loaded
	bits  uint64 // the bit buffer, next bit lowest
	nb    uint   // valid bits in it
	out   []byte
	base  int // where the member's content starts in out: matches reach no further back
	op    int // bytes written to out
	limit int
}

// maxOverrun bounds the zero bytes loaded past the input's end: a member
// whose decoding reaches further goes on past the input.
const maxOverrun = 16

// refill loads the bit buffer to at least 56 bits. Bits above nb may hold
// a copy of the bytes after the valid ones (the fast load reads 8 bytes and
// counts only the whole ones that fit): loading them again ORs the same
// bits. Past the input's end it loads zeros, counted by pos.
func (s *stream) refill() {
	if s.pos+8 <= len(s.src) {
		s.bits |= binary.LittleEndian.Uint64(s.src[s.pos:]) << s.nb
		s.pos += int(63-s.nb) >> 3
		s.nb |= 56
		return
	}
	s.bits &= 1<<s.nb - 1
	for s.nb <= 56 {
		if s.pos < len(s.src) {
			s.bits |= uint64(s.src[s.pos]) << s.nb
		}
		s.pos++
		s.nb += 8
	}
}

// refillAt is refill for a decoding loop that holds the stream's position
// and bit buffer in variables.
func (s *stream) refillAt(pos int, bits uint64, nb uint) (int, uint64, uint) {
	s.pos, s.bits, s.nb = pos, bits, nb
	s.refill()
	return s.pos, s.bits, s.nb
}

// take returns the next n bits (n ≤ 32, after a refill when fewer are held).
func (s *stream) take(n uint) uint32 {
	if s.nb < n {
		s.refill()
	}
	v := uint32(s.bits & (1<<n - 1))
	s.bits >>= n
	s.nb -= n
	return v
}

// overrun tells whether the decoding read past the input's end.
func (s *stream) overrun() bool { return s.pos-int(s.nb>>3) > len(s.src) }

// grow makes room for at least n more bytes of output, within the limit.
func (s *stream) grow(n int) error {
	if s.op+n <= len(s.out) {
		return nil
	}
	if s.op+n > s.limit+slack {
		return ErrLimit
	}
	size := max(2*len(s.out), s.op+n, 64<<10)
	size = min(size, s.limit+slack)
	out := make([]byte, size)
	copy(out, s.out[:s.op])
	s.out = out
	return nil
}

// inflate decodes the deflate stream of s, block by block.
func (d *Decoder) inflate(s *stream) error {
	for {
		if s.overrun() && s.pos-len(s.src) > maxOverrun {
			return ErrShort
		}
		h := s.take(3)
		var err error
		switch h >> 1 {
		case 0:
			err = s.stored()
		case 1:
			if !d.fixed {
				d.fixedCodes()
			}
			err = d.codes1(s)
		case 2:
			d.fixed = false
			if err = d.dynamicCodes(s); err == nil {
				err = d.codes1(s)
			}
		default:
			err = ErrCorrupt
		}
		if err == nil && s.op > s.limit {
			err = ErrLimit
		}
		if err != nil {
			if s.overrun() {
				return ErrShort
			}
			return err
		}
		if h&1 != 0 {
			if s.overrun() {
				return ErrShort
			}
			return nil
		}
	}
}

// stored copies a stored block.
func (s *stream) stored() error {
	s.bits >>= s.nb & 7 // to a byte boundary
	s.nb &^= 7
	s.pos -= int(s.nb >> 3) // the whole bytes held go back to the input
	s.bits, s.nb = 0, 0
	if s.pos+4 > len(s.src) {
		return ErrShort
	}
	n := int(binary.LittleEndian.Uint16(s.src[s.pos:]))
	if uint16(n) != ^binary.LittleEndian.Uint16(s.src[s.pos+2:]) {
		return ErrCorrupt
	}
	s.pos += 4
	if s.pos+n > len(s.src) {
		return ErrShort
	}
	if err := s.grow(n); err != nil {
		return err
	}
	s.op += copy(s.out[s.op:], s.src[s.pos:s.pos+n])
	s.pos += n
	return nil
}
