package warc

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/google/go-cmp/cmp"
)

func compress(t *testing.T, enc, s string) string {
	t.Helper()
	var b bytes.Buffer
	var w io.WriteCloser
	switch enc {
	case "gzip":
		w = gzip.NewWriter(&b)
	case "zlib":
		w = zlib.NewWriter(&b)
	case "flate":
		w, _ = flate.NewWriter(&b, 5)
	case "br":
		w = brotli.NewWriter(&b)
	}
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestParseResponseAndPayload(t *testing.T) {
	body := "<html><p>Die Fähre legt um sieben an.</p></html>"
	head := func(extra string) string { return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + extra + "\r\n" }
	chunks := "1a\r\n" + body[:26] + "\r\n" + strings.ToUpper(hex(len(body)-26)) + ";ext=1\r\n" + body[26:] + "\r\n0\r\n\r\n"
	tests := []struct {
		name, block string
		status      int
		want        string
		wantErr     string
	}{
		{name: "plain", block: head("") + body, status: 200, want: body},
		{name: "Content-Length shorter than the block: the block wins", block: head("Content-Length: 4\r\n") + body, status: 200, want: body},
		{name: "chunked", block: head("Transfer-Encoding: chunked\r\n") + chunks, status: 200, want: body},
		{name: "chunked header, body stored de-chunked", block: head("Transfer-Encoding: chunked\r\n") + body, status: 200, want: body},
		{name: "chunked, cut short by a truncated record", block: head("Transfer-Encoding: chunked\r\n") + chunks[:40], status: 200, want: body[:26]},
		{name: "gzip", block: head("Content-Encoding: gzip\r\n") + compress(t, "gzip", body), status: 200, want: body},
		{name: "gzip and chunked", block: head("Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n") +
			func() string {
				z := compress(t, "gzip", body)
				return strings.ToLower(strings.TrimLeft(hex(len(z)), "0")) + "\r\n" + z + "\r\n0\r\n\r\n"
			}(),
			status: 200, want: body},
		{name: "gzip header, body stored decoded", block: head("Content-Encoding: gzip\r\n") + body, status: 200, want: body},
		{name: "deflate (zlib)", block: head("Content-Encoding: deflate\r\n") + compress(t, "zlib", body), status: 200, want: body},
		{name: "deflate (raw)", block: head("Content-Encoding: deflate\r\n") + compress(t, "flate", body), status: 200, want: body},
		{name: "br", block: head("Content-Encoding: br\r\n") + compress(t, "br", body), status: 200, want: body},
		{name: "gzip then br", block: head("Content-Encoding: gzip, br\r\n") + compress(t, "br", compress(t, "gzip", body)), status: 200, want: body},
		{name: "404", block: "HTTP/1.1 404 Not Found\r\n\r\n", status: 404, want: ""},
		{name: "unknown coding", block: head("Content-Encoding: zstd\r\n") + body, wantErr: "unknown Content-Encoding"},
		{name: "not HTTP", block: "WARC/1.1 what\r\n\r\n", wantErr: "malformed HTTP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := ParseResponse(strings.NewReader(tt.block))
			var got []byte
			if err == nil {
				var r io.Reader
				r, err = Payload(resp)
				if err == nil {
					got, err = io.ReadAll(r)
				}
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("payload mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func hex(n int) string {
	const d = "0123456789abcdef"
	s := ""
	for ; n > 0; n /= 16 {
		s = string(d[n%16]) + s
	}
	return s
}

// A block that fails while its chunked body is read is an error, not a
// short page.
func TestParseResponseFailingBlock(t *testing.T) {
	block := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\nabc"
	r := &blockReader{r: strings.NewReader(block), n: int64(len(block) + 10)}
	resp, err := ParseResponse(r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Error("reading a failing block's body gave no error")
	}
}
