package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
)

// goldenCase returns a fixture page and its golden record.
func goldenCase(t *testing.T, name string) (page []byte, want extract.Article) {
	t.Helper()
	dir := filepath.Join("../../testdata/extract", name)
	page, err := os.ReadFile(filepath.Join(dir, "input.html"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	return page, want
}

// warcRecord writes a WARC record by hand (no WARC library).
func warcRecord(typ, uri, contentType, block string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-1111-4000-8000-000000000000>\r\n"+
		"WARC-Date: 2024-02-14T11:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, len(block)+len(uri), uri, contentType, len(block), block)
}

func httpResponse(status, header string, body []byte) string {
	return "HTTP/1.1 " + status + "\r\n" + header + "\r\n" + string(body)
}

func gzipped(t *testing.T, s []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(s)
	must(t, zw.Close())
	return b.Bytes()
}

func chunk(b []byte) string {
	return fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", 100, b[:100], len(b)-100, b[100:])
}

// warcFixture is a WARC file of hand-written records, each its own gzip
// member, and the offset of each record.
func warcFixture(t *testing.T, records ...string) ([]byte, []int64) {
	var b bytes.Buffer
	var offs []int64
	for _, r := range records {
		offs = append(offs, int64(b.Len()))
		b.Write(gzipped(t, []byte(r)))
	}
	return b.Bytes(), offs
}

func TestExtractWARC(t *testing.T) {
	seed, seedWant := goldenCase(t, "seed-semantic")
	de, deWant := goldenCase(t, "german-news")
	cp, cpWant := goldenCase(t, "windows-1252")
	home, homeWant := goldenCase(t, "no-article")
	const resp = "application/http; msgtype=response"
	html := "Content-Type: text/html; charset=utf-8\r\n"
	data, offs := warcFixture(t,
		warcRecord("warcinfo", "", "application/warc-fields", "software: hand\r\n"),
		warcRecord("request", seedWant.URL, "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n"),
		warcRecord("response", seedWant.URL, resp, httpResponse("200 OK", html, seed)),
		warcRecord("response", deWant.URL, resp, httpResponse("200 OK",
			html+"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", []byte(chunk(gzipped(t, de))))),
		warcRecord("response", homeWant.URL, resp, httpResponse("200 OK", html, home)),
		warcRecord("response", "https://news.example/gone", resp, httpResponse("404 Not Found", html, []byte("gone"))),
		warcRecord("response", "https://news.example/logo.png", resp, httpResponse("200 OK", "Content-Type: image/png\r\n", []byte("\x89PNG"))),
		warcRecord("revisit", seedWant.URL, resp, "HTTP/1.1 304 Not Modified\r\n\r\n"),
		warcRecord("metadata", seedWant.URL, "application/warc-fields", "via: x\r\n"),
		warcRecord("response", cpWant.URL, resp, httpResponse("200 OK", "Content-Type: text/html\r\n", cp)),
	)
	// A corrupt record: its gzip member damaged in the middle.
	bad := gzipped(t, []byte(warcRecord("response", seedWant.URL, resp, httpResponse("200 OK", html, seed))))
	bad[len(bad)/2] ^= 0xff
	badOff := int64(len(data))
	data = append(data, bad...)
	lastOff := int64(len(data))
	data = append(data, gzipped(t, []byte(warcRecord("response", seedWant.URL, resp, httpResponse("200 OK", html, seed))))...)

	dir := t.TempDir()
	path := filepath.Join(dir, "news.warc.gz")
	must(t, os.WriteFile(path, data, 0o644))
	code, out, errs := runCLI(t, "", "extract", path)
	if code != exitFailed {
		t.Errorf("exit %d, want %d (a corrupt record)", code, exitFailed)
	}
	in := func(off int64) string { return fmt.Sprintf("%s#%d", path, off) }
	want := []extract.Article{seedWant, deWant, cpWant, {Error: "corrupt"}, seedWant}
	wantInputs := []string{in(offs[2]), in(offs[3]), in(offs[9]), in(badOff), in(lastOff)}
	got := records(t, out)
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d:\n%s\nstderr: %s", len(got), len(want), out, errs)
	}
	for i := range got {
		if got[i].Input != wantInputs[i] {
			t.Errorf("record %d input %q, want %q", i, got[i].Input, wantInputs[i])
		}
		if want[i].Error != "" {
			if got[i].Error == "" {
				t.Errorf("record %d has no error, want one", i)
			}
			continue
		}
		if got[i].Fetched != "2024-02-14T11:00:00Z" {
			t.Errorf("record %d fetched %q", i, got[i].Fetched)
		}
		got[i].Input, got[i].Fetched = "", ""
		if diff := cmp.Diff(want[i], got[i]); diff != "" {
			t.Errorf("record %d mismatch (-want +got):\n%s", i, diff)
		}
	}
	for _, s := range []string{"12 WARC records in 1 files", "5 records written (1 errors)",
		"1 non-article, 1 non-2xx, 1 non-html, 1 request, 1 revisit, 1 metadata, 1 warcinfo",
		fmt.Sprintf("news.warc.gz#%d: ", badOff)} {
		if !strings.Contains(errs, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errs)
		}
	}

	// --keep-non-articles writes the home page too, not as a failure.
	code, out, errs = runCLI(t, "", "extract", "--keep-non-articles", path)
	got = records(t, out)
	if code != exitFailed || len(got) != 6 || got[2].URL != homeWant.URL {
		t.Errorf("--keep-non-articles: exit %d, %d records, third %q; stderr %s", code, len(got), got[2].URL, errs)
	}
	if strings.Contains(errs, homeWant.URL) {
		t.Errorf("--keep-non-articles: the home page is told as a failure:\n%s", errs)
	}
}

// Directories are walked for WARC files, plain or compressed, records
// compressed together are read, and standard input is read with
// --input-format warc.
func TestExtractWARCInputs(t *testing.T) {
	seed, seedWant := goldenCase(t, "seed-semantic")
	rec := warcRecord("response", seedWant.URL, "application/http; msgtype=response",
		httpResponse("200 OK", "Content-Type: text/html\r\n", seed))
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "b.warc"), []byte(rec+rec), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "sub", "a.warc.gz"), gzipped(t, []byte(rec+rec)), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not WARC"), 0o644))
	code, out, errs := runCLI(t, "", "extract", "-j", "1", dir)
	var inputs []string
	for _, a := range records(t, out) {
		inputs = append(inputs, strings.TrimPrefix(a.Input, dir+"/"))
	}
	n := len(rec)
	wantInputs := []string{"b.warc#0", fmt.Sprintf("b.warc#%d", n), "sub/a.warc.gz#0", fmt.Sprintf("sub/a.warc.gz#0+%d", n)}
	if diff := cmp.Diff(wantInputs, inputs); code != exitOK || diff != "" {
		t.Errorf("exit %d, inputs mismatch (-want +got):\n%s\nstderr: %s", code, diff, errs)
	}

	code, out, errs = runCLI(t, rec, "extract", "--input-format", "warc", "-")
	if got := records(t, out); code != exitOK || len(got) != 1 || got[0].Input != "-#0" || got[0].Title != seedWant.Title {
		t.Errorf("stdin: exit %d, records %+v, stderr %s", code, got, errs)
	}

	code, _, errs = runCLI(t, "", "extract", filepath.Join(dir, "b.warc"), seedPage)
	if code != exitUsage || !strings.Contains(errs, "mixed") {
		t.Errorf("mixed inputs: exit %d, stderr %s", code, errs)
	}
}
