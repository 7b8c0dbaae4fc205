package inflate

import (
	"bytes"
	stdgzip "compress/gzip"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	kgzip "github.com/klauspost/compress/gzip"
)

// samples are contents of several kinds: text, HTML-like markup with
// long repeats, runs, random bytes (stored blocks), empty.
func samples() [][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 70_000)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	var html strings.Builder
	for i := range 3000 {
		html.WriteString("<div class=\"item\"><a href=\"/news/2026/")
		html.WriteString(strings.Repeat(string(rune('a'+i%26)), i%13))
		html.WriteString("\">Headline number ")
		html.WriteString(strings.Repeat("x", i%7))
		html.WriteString("</a></div>\n")
	}
	words := strings.Fields("the of and a to in is was that for on with as by at from his her it an were are which this be or has had not but")
	var text strings.Builder
	for range 40_000 {
		text.WriteString(words[rng.IntN(len(words))])
		text.WriteByte(' ')
	}
	return [][]byte{
		nil,
		[]byte("a"),
		bytes.Repeat([]byte{'z'}, 100_000),
		random,
		[]byte(html.String()),
		[]byte(text.String()),
		[]byte("Grüße, 東京 — «news» ☃\n"),
	}
}

func gzipLevel(t testing.TB, p []byte, level int, name string) []byte {
	var b bytes.Buffer
	w, err := stdgzip.NewWriterLevel(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Name = name
	w.Write(p)
	w.Close()
	return b.Bytes()
}

func TestAppend(t *testing.T) {
	var d Decoder
	var buf []byte
	for i, p := range samples() {
		for _, level := range []int{stdgzip.NoCompression, stdgzip.BestSpeed, stdgzip.DefaultCompression, stdgzip.BestCompression, stdgzip.HuffmanOnly} {
			z := gzipLevel(t, p, level, "page.html")
			trailing := append(append([]byte{}, z...), "next member"...)
			got, n, err := d.Append(buf[:0], trailing, 1<<30)
			buf = got
			if err != nil {
				t.Fatalf("sample %d level %d: %v", i, level, err)
			}
			if !bytes.Equal(got, p) {
				t.Fatalf("sample %d level %d: content differs (%d bytes, want %d)", i, level, len(got), len(p))
			}
			if n != len(z) {
				t.Fatalf("sample %d level %d: took %d bytes, want %d", i, level, n, len(z))
			}
		}
	}
}

// Members decoded one after the other append to the same buffer; a
// buffer with room for the content and Slack is not reallocated.
func TestAppendMembers(t *testing.T) {
	var d Decoder
	a, b := []byte("<p>first member</p>"), samples()[4]
	za, zb := gzipLevel(t, a, stdgzip.BestSpeed, ""), gzipLevel(t, b, stdgzip.DefaultCompression, "")
	src := append(append([]byte{}, za...), zb...)
	buf := make([]byte, 0, len(a)+len(b)+Slack)
	out, n, err := d.Append(buf, src, 1<<30)
	if err != nil || n != len(za) {
		t.Fatalf("first member: %d bytes taken, %v", n, err)
	}
	out, m, err := d.Append(out, src[n:], 1<<30)
	if err != nil || m != len(zb) {
		t.Fatalf("second member: %d bytes taken, %v", m, err)
	}
	if want := append(append([]byte{}, a...), b...); !bytes.Equal(out, want) {
		t.Fatalf("content differs: %d bytes, want %d", len(out), len(want))
	}
	if &out[0] != &buf[:1][0] {
		t.Error("the buffer was reallocated although it had room for the content and Slack")
	}
	// No limit at all is a limit too.
	if got, _, err := d.Append(nil, zb, math.MaxInt); err != nil || !bytes.Equal(got, b) {
		t.Errorf("with math.MaxInt as the limit: %v", err)
	}
	// A match may not reach into what the buffer held before the member:
	// a member whose first symbol copies from 4 bytes back.
	if _, _, err := d.Append([]byte("held"), backReference(), 1<<30); !errors.Is(err, ErrCorrupt) {
		t.Errorf("match into the buffer's earlier content: %v, want ErrCorrupt", err)
	}
	// The limit counts what the buffer held before.
	if _, _, err := d.Append(out[:len(a)], zb, len(a)+len(b)-1); !errors.Is(err, ErrLimit) {
		t.Errorf("over the limit with what the buffer held: %v, want ErrLimit", err)
	}
}

func TestAppendRefuses(t *testing.T) {
	var d Decoder
	p := samples()[4]
	z := gzipLevel(t, p, stdgzip.DefaultCompression, "")
	for _, tc := range []struct {
		name  string
		src   []byte
		limit int
		want  error
	}{
		{"cut in the data", z[:len(z)/2], 1 << 30, ErrShort},
		{"cut in the trailer", z[:len(z)-3], 1 << 30, ErrShort},
		{"cut in the header", z[:5], 1 << 30, ErrShort},
		{"over the limit", z, len(p) - 1, ErrLimit},
		{"bad crc", flip(z, len(z)-8), 1 << 30, ErrCorrupt},
		{"bad size", flip(z, len(z)-2), 1 << 30, ErrCorrupt},
		{"not gzip", []byte("WARC/1.1\r\nWARC-Type: response\r\n"), 1 << 30, ErrCorrupt},
		{"bad method", flip(z, 2), 1 << 30, ErrCorrupt},
		{"reserved block type", append(append([]byte{}, z[:10]...), 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1 << 30, ErrCorrupt},
	} {
		held := []byte("held")
		out, n, err := d.Append(held, tc.src, tc.limit)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		if n != 0 || string(out) != "held" {
			t.Errorf("%s: on error, %d bytes taken and %q in the buffer, want 0 and what it held", tc.name, n, out)
		}
	}
	// The decoder is whole again after an error.
	if got, _, err := d.Append(nil, z, 1<<30); err != nil || !bytes.Equal(got, p) {
		t.Fatalf("after errors: %v", err)
	}
}

// backReference is a gzip member (fixed codes) whose content would be a
// 3-byte match at distance 4 before anything was written, with a trailer
// that says 3 bytes "hel" (what the match would copy from "held").
func backReference() []byte {
	// Block header: BFINAL=1, BTYPE=01; then length code 257 (7 bits
	// 0000001), distance code 3 (5 bits 00011), end of block (0000000).
	// Codes are sent from their highest bit, fields from their lowest.
	var bits []uint8
	put := func(v, n int, msbFirst bool) {
		for i := range n {
			if msbFirst {
				bits = append(bits, uint8(v>>(n-1-i)&1))
			} else {
				bits = append(bits, uint8(v>>i&1))
			}
		}
	}
	put(1, 1, false)
	put(1, 2, false)
	put(1, 7, true)
	put(3, 5, true)
	put(0, 7, true)
	body := make([]byte, (len(bits)+7)/8)
	for i, b := range bits {
		body[i/8] |= b << (i % 8)
	}
	z := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}
	z = append(z, body...)
	z = binary.LittleEndian.AppendUint32(z, crc32.ChecksumIEEE([]byte("hel")))
	return binary.LittleEndian.AppendUint32(z, 3)
}

func flip(z []byte, i int) []byte {
	c := append([]byte{}, z...)
	c[i] ^= 0x55
	return c
}

// FuzzAppend checks the fast decoder against klauspost/compress's
// streaming one: where it gives content, the same; where the stream
// decoder refuses the member, an error.
func FuzzAppend(f *testing.F) {
	for _, p := range samples() {
		if len(p) > 5000 {
			p = p[:5000]
		}
		f.Add(gzipLevel(f, p, stdgzip.DefaultCompression, ""))
		f.Add(gzipLevel(f, p, stdgzip.BestSpeed, "x"))
		f.Add(gzipLevel(f, p, stdgzip.HuffmanOnly, ""))
	}
	var d Decoder
	f.Fuzz(func(t *testing.T, z []byte) {
		// What the buffer holds before is never part of the member: a
		// match reaching into it is refused.
		prefix := []byte("<p>an earlier member</p>")
		got, n, err := d.Append(prefix[:len(z)%len(prefix)], z, 1<<20)
		if err != nil {
			return
		}
		got = got[len(z)%len(prefix):]
		zr, zerr := kgzip.NewReader(bytes.NewReader(z[:n]))
		if zerr != nil {
			t.Fatalf("fast decoder accepted a member the stream decoder refuses: %v", zerr)
		}
		zr.Multistream(false)
		want, zerr := io.ReadAll(zr)
		if zerr != nil {
			t.Fatalf("fast decoder accepted a member the stream decoder refuses: %v", zerr)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("content differs: %d bytes, stream decoder %d", len(got), len(want))
		}
	})
}
