package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nlnwa/gowarc/v3"
)

func exchange(t testing.TB, rawURL string, status int, header http.Header, body string) *Exchange {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	req := &http.Request{Method: "GET", URL: u, Host: u.Host, Header: http.Header{"User-Agent": {"newsclip-test"}}}
	if header == nil {
		header = http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	}
	return &Exchange{
		Request:  req,
		Response: &http.Response{Proto: "HTTP/1.1", StatusCode: status, Status: strconv.Itoa(status) + " " + http.StatusText(status), Header: header},
		Body:     []byte(body),
		Date:     time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC),
		IP:       "127.0.0.1",
	}
}

// rawRecord is a record as read by hand: gunzip one member, split the
// header from the block. No WARC library is used.
type rawRecord struct {
	header map[string]string
	block  []byte
}

func readRaw(t *testing.T, path string) []rawRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(zr) // every member, one after the other
	if err != nil {
		t.Fatal(err)
	}
	var out []rawRecord
	for len(all) > 0 {
		head, rest, ok := bytes.Cut(all, []byte("\r\n\r\n"))
		if !ok {
			t.Fatalf("no header end in %.40q", all)
		}
		r := rawRecord{header: map[string]string{}}
		lines := strings.Split(string(head), "\r\n")
		if lines[0] != "WARC/1.1" {
			t.Fatalf("version line %q", lines[0])
		}
		for _, l := range lines[1:] {
			k, v, _ := strings.Cut(l, ": ")
			r.header[k] = v
		}
		n, err := strconv.Atoi(r.header["Content-Length"])
		if err != nil || n > len(rest) {
			t.Fatalf("bad Content-Length %q", r.header["Content-Length"])
		}
		r.block = rest[:n]
		if !bytes.HasPrefix(rest[n:], []byte("\r\n\r\n")) {
			t.Fatalf("no end-of-record marker after %s", r.header["WARC-Type"])
		}
		all = rest[n+4:]
		out = append(out, r)
	}
	return out
}

func sha1b32(b []byte) string {
	s := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(s[:])
}

// checkDigests checks every record's WARC-Block-Digest and, on response
// and request records, WARC-Payload-Digest (the bytes after the HTTP
// header), by hand.
func checkDigests(t *testing.T, recs []rawRecord) {
	t.Helper()
	for i, r := range recs {
		if got := sha1b32(r.block); r.header["WARC-Block-Digest"] != got {
			t.Errorf("record %d (%s): WARC-Block-Digest %s, computed %s", i, r.header["WARC-Type"], r.header["WARC-Block-Digest"], got)
		}
		switch r.header["WARC-Type"] {
		case "response", "request":
			_, payload, ok := bytes.Cut(r.block, []byte("\r\n\r\n"))
			if !ok {
				t.Errorf("record %d: no HTTP header end", i)
			}
			if got := sha1b32(payload); r.header["WARC-Payload-Digest"] != got {
				t.Errorf("record %d (%s): WARC-Payload-Digest %s, computed %s", i, r.header["WARC-Type"], r.header["WARC-Payload-Digest"], got)
			}
		}
	}
}

// readGowarc reads a file with gowarc, strictly, and returns its record
// types.
func readGowarc(t *testing.T, path string) []string {
	t.Helper()
	r, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var types []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return types
		}
		if err != nil {
			t.Fatalf("gowarc: %s: record %d: %v", path, len(types), err)
		}
		types = append(types, rec.WarcRecord.Type().String())
		rec.Close()
	}
}

func TestWriter(t *testing.T) {
	dir := t.TempDir()
	w, err := OpenWriter(dir, WriterOptions{Software: "newsclip-test", Info: []Field{{"robots", "obey"}}})
	if err != nil {
		t.Fatal(err)
	}
	gz := http.Header{"Content-Type": {"text/html"}, "Content-Encoding": {"gzip"}, "Etag": {`"v1"`}}
	exs := []*Exchange{
		exchange(t, "http://news.example/robots.txt", 200, http.Header{"Content-Type": {"text/plain"}}, "User-agent: *\nAllow: /\n"),
		exchange(t, "http://news.example/a?b=2&a=1", 200, nil, "<p>Die Fähre legt an.</p>"),
		exchange(t, "http://news.example/gz", 200, gz, string(gzipEach(t, "<p>packed</p>"))),
		exchange(t, "http://news.example/old", 301, http.Header{"Location": {"/new"}}, ""),
		exchange(t, "http://news.example/a?b=2&a=1", 304, http.Header{"Etag": {`"v1"`}}, ""),
	}
	exs[2].Truncated = "length"
	for _, ex := range exs {
		if err := w.Write(ex); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".warc.gz.open") {
		t.Fatalf("while writing, dir holds %v, want one .open file", entries)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files := w.Files()
	if len(files) != 1 {
		t.Fatalf("files %v, want one", files)
	}
	wantTypes := []string{"warcinfo", "response", "request", "response", "request", "response", "request",
		"response", "request", "revisit", "request"}
	if diff := cmp.Diff(wantTypes, readGowarc(t, files[0])); diff != "" {
		t.Errorf("gowarc read mismatch (-want +got):\n%s", diff)
	}
	recs := readRaw(t, files[0])
	checkDigests(t, recs)
	info := string(recs[0].block)
	for _, s := range []string{"software: newsclip-test\r\n", "format: WARC File Format 1.1\r\n", "robots: obey\r\n"} {
		if !strings.Contains(info, s) {
			t.Errorf("warcinfo lacks %q:\n%s", s, info)
		}
	}
	checks := []struct {
		i    int
		name string
		want string
	}{
		{1, "WARC-Warcinfo-ID", recs[0].header["WARC-Record-ID"]},
		{1, "WARC-Target-URI", "http://news.example/robots.txt"},
		{1, "WARC-Date", "2025-03-04T05:06:07Z"},
		{1, "WARC-IP-Address", "127.0.0.1"},
		{2, "WARC-Concurrent-To", recs[1].header["WARC-Record-ID"]},
		{5, "WARC-Truncated", "length"},
		{9, "WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/server-not-modified"},
	}
	for _, c := range checks {
		if got := recs[c.i].header[c.name]; got != c.want {
			t.Errorf("record %d %s = %q, want %q", c.i, c.name, got, c.want)
		}
	}
	if !bytes.HasPrefix(recs[2].block, []byte("GET /robots.txt HTTP/1.1\r\nHost: news.example\r\nUser-Agent: newsclip-test\r\n")) {
		t.Errorf("request block %q", recs[2].block)
	}
	checkIndex(t, files[0], 5)
}

// checkIndex checks that the CDXJ beside a file is sorted and that each
// line's offset and length name a record of its URL.
func checkIndex(t *testing.T, path string, want int) {
	t.Helper()
	b, err := os.ReadFile(path + ".cdxj")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != want {
		t.Fatalf("index has %d lines, want %d:\n%s", len(lines), want, b)
	}
	f, _ := os.Open(path)
	defer f.Close()
	for i, l := range lines {
		if i > 0 && lines[i-1] > l {
			t.Errorf("index not sorted at line %d", i)
		}
		parts := strings.SplitN(l, " ", 3)
		var e struct{ URL, Offset, Length, Filename, Status string }
		if err := json.Unmarshal([]byte(parts[2]), &e); err != nil {
			t.Fatal(err)
		}
		off, _ := strconv.ParseInt(e.Offset, 10, 64)
		n, _ := strconv.ParseInt(e.Length, 10, 64)
		rec, err := NewReader(io.NewSectionReader(f, off, n)).Next()
		if err != nil {
			t.Fatalf("index line %q: %v", l, err)
		}
		if rec.TargetURI() != e.URL || SURT(e.URL) != parts[0] || e.Filename != filepath.Base(path) {
			t.Errorf("index line %q names record of %s", l, rec.TargetURI())
		}
	}
}

func TestWriterRotates(t *testing.T) {
	dir := t.TempDir()
	w, err := OpenWriter(dir, WriterOptions{Prefix: "r", MaxSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("<p>Words that do not compress away: ", 10)
	for i := range 6 {
		if err := w.Write(exchange(t, fmt.Sprintf("http://news.example/%d", i), 200, nil, body+strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	files := w.Files()
	if len(files) < 2 {
		t.Fatalf("%d files, want rotation", len(files))
	}
	n := 0
	for i, f := range files {
		if !strings.HasSuffix(f, fmt.Sprintf("-%05d.warc.gz", i+1)) {
			t.Errorf("file %d named %s", i, f)
		}
		types := readGowarc(t, f)
		if types[0] != "warcinfo" {
			t.Errorf("%s begins with %s", f, types[0])
		}
		n += (len(types) - 1) / 2
		checkDigests(t, readRaw(t, f))
	}
	if n != 6 {
		t.Errorf("%d exchanges in the files, want 6", n)
	}
	// A new Writer on the directory goes on with the serial numbers.
	w2, _ := OpenWriter(dir, WriterOptions{Prefix: "r", MaxSize: 1000})
	w2.Write(exchange(t, "http://news.example/more", 200, nil, body))
	w2.Close()
	if got := w2.Files()[0]; !strings.HasSuffix(got, fmt.Sprintf("-%05d.warc.gz", len(files)+1)) {
		t.Errorf("next writer's file %s", got)
	}
}

// A crash leaves a file open: a new Writer keeps its whole records, cuts
// the rest, and indexes it; a file with nothing whole is set aside.
func TestWriterRecovers(t *testing.T) {
	write := func(t *testing.T, dir string, n int) string {
		w, err := OpenWriter(dir, WriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			w.Write(exchange(t, fmt.Sprintf("http://news.example/%d", i), 200, nil, "<p>page</p>"))
		}
		w.mu.Lock()
		name := w.f.Name()
		w.f.Close() // a crash: no rename, no index
		return name
	}
	tests := []struct {
		name      string
		cut       func(size int64) int64 // bytes kept of the open file
		wantFile  string                 // suffix of the file afterwards
		wantIndex int
	}{
		{"whole", func(s int64) int64 { return s }, ".warc.gz", 3},
		{"half a request record", func(s int64) int64 { return s - 60 }, ".warc.gz", 3},
		{"half a response record", func(s int64) int64 { return s - 500 }, ".warc.gz", 2},
		{"garbage after", func(s int64) int64 { return s + 7 }, ".warc.gz", 3},
		{"nothing whole", func(s int64) int64 { return 50 }, ".warc.gz.broken", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			open := write(t, dir, 3)
			info, _ := os.Stat(open)
			if n := tt.cut(info.Size()); n > info.Size() {
				f, _ := os.OpenFile(open, os.O_APPEND|os.O_WRONLY, 0)
				f.Write([]byte("\x1f\x8bgarbage")[:n-info.Size()])
				f.Close()
			} else {
				os.Truncate(open, n)
			}
			var log bytes.Buffer
			w, err := OpenWriter(dir, WriterOptions{Logger: newTextLogger(&log)})
			if err != nil {
				t.Fatal(err)
			}
			w.Close()
			final := strings.TrimSuffix(open, ".warc.gz.open") + tt.wantFile
			if _, err := os.Stat(final); err != nil {
				t.Fatalf("after recovery: %v (log: %s)", err, log.String())
			}
			if !strings.Contains(log.String(), "crash") {
				t.Errorf("recovery not logged: %q", log.String())
			}
			if tt.wantIndex > 0 {
				readGowarc(t, final)
				checkDigests(t, readRaw(t, final))
				checkIndex(t, final, tt.wantIndex)
			}
		})
	}
}

func TestSURT(t *testing.T) {
	tests := map[string]string{
		"http://www.Example.com/A?b=1&a=2":   "com,example)/a?a=2&b=1",
		"https://news.example:8443/x/":       "example,news:8443)/x/",
		"https://news.example:443":           "example,news)/",
		"http://127.0.0.1:8080/page?x=%2F":   "1,0,0,127:8080)/page?x=%2f",
		"http://news.example/p%C3%A4th.html": "example,news)/p%c3%a4th.html",
	}
	for in, want := range tests {
		if got := SURT(in); got != want {
			t.Errorf("SURT(%q) = %q, want %q", in, got, want)
		}
	}
}

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
