package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// record returns a WARC record, written by hand.
func record(typ, uri, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\n"+
		"WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http;msgtype=%s\r\n"+
		"Content-Length: %d\r\n\r\n%s\r\n\r\n", typ, len(uri)+len(block), uri, typ, len(block), block)
}

func page(body string) string {
	return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}

// gzipEach compresses each part as a gzip member of its own.
func gzipEach(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, p := range parts {
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(p))
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// seen is what a test reads of a record, or of an error.
type seen struct {
	Offset, Inner int64
	Type, URI     string
	Block         string
	Err           string
}

// readAll reads every record of data; blocks are read when readBlocks.
func readAll(t *testing.T, data []byte, readBlocks bool) []seen {
	t.Helper()
	r := NewReader(bytes.NewReader(data))
	var out []seen
	for range 1000 {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		var re *RecordError
		if errors.As(err, &re) {
			out = append(out, seen{Offset: re.Offset, Inner: re.Inner, Err: errText(re.Err)})
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		s := seen{Offset: rec.Offset, Inner: rec.Inner, Type: rec.Type(), URI: rec.TargetURI()}
		if readBlocks {
			b, err := io.ReadAll(rec.Block)
			s.Block = string(b)
			if err != nil {
				s.Err = "block: " + errText(err)
			}
		}
		out = append(out, s)
	}
	t.Fatal("Next does not end")
	return nil
}

func errText(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected EOF"
	case strings.Contains(err.Error(), "not a WARC record"):
		return "not WARC"
	case strings.Contains(err.Error(), "gzip"), strings.Contains(err.Error(), "flate"):
		return "gzip"
	}
	return err.Error()
}

func TestReader(t *testing.T) {
	a := record("response", "http://news.example/a", page("<p>Alpha</p>"))
	b := record("request", "http://news.example/a", "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")
	c := record("response", "<http://news.example/c>", page("<p>Gamma</p>"))
	ab := len(a) + len(b)
	ga := len(gzipEach(t, a))
	gab := len(gzipEach(t, a, b))
	want := func(offs ...int64) []seen {
		s := []seen{{Type: "response", URI: "http://news.example/a"}, {Type: "request", URI: "http://news.example/a"},
			{Type: "response", URI: "http://news.example/c"}}
		for i := range offs {
			s[i].Offset = offs[i]
		}
		return s[:len(offs)]
	}
	head, rest, _ := strings.Cut(a, "\r\n\r\n")
	aLF := strings.ReplaceAll(head, "\r\n", "\n") + "\n\n" + strings.TrimSuffix(rest, "\r\n\r\n") + "\n"
	corrupt := gzipEach(t, a, b, c)
	corrupt[ga+30] ^= 0xff // inside b's member
	tests := []struct {
		name string
		data []byte
		want []seen
	}{
		{"plain", []byte(a + b + c), want(0, int64(len(a)), int64(ab))},
		{"gzip, a member per record", gzipEach(t, a, b, c), want(0, int64(ga), int64(gab))},
		{"gzip, records together", gzipEach(t, a+b+c), []seen{
			{Offset: 0, Type: "response", URI: "http://news.example/a"},
			{Offset: 0, Inner: int64(len(a)), Type: "request", URI: "http://news.example/a"},
			{Offset: 0, Inner: int64(ab), Type: "response", URI: "http://news.example/c"}}},
		{"gzip, two members of records together", gzipEach(t, a+b, c), []seen{
			{Offset: 0, Type: "response", URI: "http://news.example/a"},
			{Offset: 0, Inner: int64(len(a)), Type: "request", URI: "http://news.example/a"},
			{Offset: int64(len(gzipEach(t, a+b))), Type: "response", URI: "http://news.example/c"}}},
		{"LF line ends and a short end marker", []byte(aLF + c),
			[]seen{want(0)[0], {Offset: int64(len(aLF)), Type: "response", URI: "http://news.example/c"}}},
		{"plain, truncated last record", []byte(a + b + c[:len(c)-40]),
			append(want(0, int64(len(a)), int64(ab)), seen{Offset: int64(ab), Err: "unexpected EOF"})},
		{"gzip, truncated last member", gzipEach(t, a, b, c)[:gab+50],
			append(want(0, int64(ga)), seen{Offset: int64(gab), Err: "unexpected EOF"})},
		{"gzip, corrupt middle member", corrupt,
			[]seen{want(0)[0], {Offset: int64(ga), Err: "gzip"}, want(0, 0, int64(gab))[2]}},
		{"plain, garbage between records", []byte(a + "junk line\r\nmore junk\r\n" + b + c),
			append(append(want(0), seen{Offset: int64(len(a)), Err: "not WARC"}), want(0, int64(len(a)+22), int64(ab+22))[1:]...)},
		{"plain, bad Content-Length", []byte(strings.Replace(a, "Content-Length: ", "Content-Length: x", 1) + b),
			[]seen{{Offset: 0, Err: fmt.Sprintf("bad Content-Length \"x%d\"", len(page("<p>Alpha</p>")))}, want(0, int64(len(a)+1))[1]}},
		{"empty", nil, nil},
		{"not WARC at all", []byte("<html>hello</html>\n"), []seen{{Err: "not WARC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, readAll(t, tt.data, false)); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// A block read by the caller and one skipped give the same next record;
// an error met while reading a block is not reported twice.
func TestReaderBlocks(t *testing.T) {
	a := record("response", "http://news.example/a", page("<p>Alpha</p>"))
	c := record("response", "http://news.example/c", page("<p>Gamma</p>"))
	data := gzipEach(t, a, c)
	got := readAll(t, data, true)
	want := []seen{
		{Offset: 0, Type: "response", URI: "http://news.example/a", Block: page("<p>Alpha</p>")},
		{Offset: int64(len(gzipEach(t, a))), Type: "response", URI: "http://news.example/c", Block: page("<p>Gamma</p>")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
	cut := data[:len(data)-30]
	got = readAll(t, cut, true)
	if len(got) != 2 || got[1].Err != "block: unexpected EOF" {
		t.Errorf("truncated last record read as %+v, want one block error", got)
	}
}

// FuzzReader: any input ends (EOF or a read error) without a panic, every
// record's offset lies in the input and offsets never go back, and the
// HTTP parse of any block does not panic either.
func FuzzReader(f *testing.F) {
	a := record("response", "http://news.example/a", page("<p>Alpha</p>"))
	b := record("request", "http://news.example/a", "GET /a HTTP/1.1\r\n\r\n")
	f.Add([]byte(a + b))
	f.Add(gzipEach(f, a, b))
	f.Add(gzipEach(f, a+b))
	f.Add([]byte(a[:len(a)/2]))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		last := int64(-1)
		for i := 0; ; i++ {
			if i > len(data)+2 {
				t.Fatal("Next does not end")
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *RecordError
			if errors.As(err, &re) {
				continue
			}
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if rec.Offset < last || rec.Offset > int64(len(data)) {
				t.Fatalf("record offset %d after %d, input of %d bytes", rec.Offset, last, len(data))
			}
			last = rec.Offset
			if resp, err := ParseResponse(rec.Block); err == nil {
				if body, err := Payload(resp); err == nil {
					io.Copy(io.Discard, io.LimitReader(body, 1<<20))
				}
			}
		}
	})
}

// Members larger than the reader's buffer, and members across its end,
// read the same as small ones: from a view of the buffer, or again from
// the stream when they go on past it.
func TestReaderLargeMembers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var parts []string
	var want []seen
	off := int64(0)
	for i, n := range []int{100 << 10, 300 << 10, 50 << 10, 700 << 10, 10, 90 << 10, 200 << 10} {
		block := make([]byte, n) // incompressible: the member is as large as the block
		for j := range block {
			block[j] = byte(rng.Uint32())
		}
		uri := fmt.Sprintf("http://news.example/%d", i)
		parts = append(parts, record("resource", uri, string(block)))
		want = append(want, seen{Offset: off, Type: "resource", URI: uri, Block: string(block)})
		off += int64(len(gzipEach(t, parts[i])))
	}
	data := gzipEach(t, parts...)
	for _, tt := range []struct {
		name   string
		r      func() io.Reader
		blocks bool
		want   []seen
	}{
		{"blocks read", func() io.Reader { return bytes.NewReader(data) }, true, want},
		{"blocks skipped", func() io.Reader { return bytes.NewReader(data) }, false, want},
		{"short reads", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }, true, want},
		{"truncated in a large member", func() io.Reader { return bytes.NewReader(data[:want[3].Offset+500<<10]) }, true,
			append(want[:3:3], seen{Offset: want[3].Offset, Type: "resource", URI: want[3].URI, Err: "unexpected EOF"})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.r())
			var got []seen
			for range 100 {
				rec, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				s := seen{Offset: rec.Offset, Inner: rec.Inner, Type: rec.Type(), URI: rec.TargetURI()}
				if tt.blocks {
					b, err := io.ReadAll(rec.Block)
					if s.Block = string(b); err != nil {
						s.Block, s.Err = "", errText(err)
					}
				} else {
					s.Block = tt.want[len(got)].Block
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%.2000s", diff)
			}
		})
	}
}

// A member whose content is larger than a Reader decodes whole in memory
// is streamed instead, and reads the same; so does the record after it.
func TestReaderMemberOverWholeMax(t *testing.T) {
	big := strings.Repeat("<p>same paragraph again</p>\n", wholeMax/28+1000)
	a := record("resource", "http://news.example/big", big)
	b := record("response", "http://news.example/b", page("<p>Beta</p>"))
	data := gzipEach(t, a, b)
	want := []seen{
		{Offset: 0, Type: "resource", URI: "http://news.example/big", Block: big},
		{Offset: int64(len(gzipEach(t, a))), Type: "response", URI: "http://news.example/b", Block: page("<p>Beta</p>")},
	}
	if diff := cmp.Diff(want, readAll(t, data, true)); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%.2000s", diff)
	}
}
