package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/extract"
)

const seedPage = "../../testdata/extract/seed-semantic/input.html"

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func records(t *testing.T, jsonl string) []extract.Article {
	t.Helper()
	var out []extract.Article
	for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		if line == "" {
			continue
		}
		var a extract.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("output line is not a record: %v\n%s", err, line)
		}
		out = append(out, a)
	}
	return out
}

func TestExtractFile(t *testing.T) {
	code, out, errs := runCLI(t, "", "extract", "--url", "https://www.legacybuildacademy.example/invest/2025/0417/60d5b27e.html", seedPage)
	if code != exitOK {
		t.Fatalf("exit %d, stderr: %s", code, errs)
	}
	recs := records(t, out)
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	a := recs[0]
	if a.Input != seedPage || a.Agency != "AP" || len(a.Blocks) != 3 || a.Error != "" {
		t.Errorf("record: input %q agency %q blocks %d error %q", a.Input, a.Agency, len(a.Blocks), a.Error)
	}
	if !strings.HasPrefix(out, `{"schema":1,`) {
		t.Errorf("record does not begin with the schema: %.40s", out)
	}
}

func TestExtractDirectoryGzipAndFailures(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	// b.html.gz, a.html, c.htm (binary, fails), notes.txt (ignored)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	must(t, os.WriteFile(filepath.Join(dir, "b.html.gz"), gz.Bytes(), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "a.html"), page, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "c.htm"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a page"), 0o644))

	code, out, errs := runCLI(t, "", "extract", dir, filepath.Join(dir, "missing.html"))
	if code != exitFailed {
		t.Errorf("exit %d, want %d (some inputs failed)", code, exitFailed)
	}
	recs := records(t, out)
	want := []string{"a.html", "b.html.gz", "c.htm", "missing.html"}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d:\n%s", len(recs), len(want), out)
	}
	for i, w := range want {
		if filepath.Base(recs[i].Input) != w {
			t.Errorf("record %d is %q, want %q (order must be stable)", i, recs[i].Input, w)
		}
	}
	if recs[0].Error != "" || recs[1].Error != "" || recs[0].Fingerprint != recs[1].Fingerprint {
		t.Errorf("the page and its gzip copy differ: %q %q", recs[0].Error, recs[1].Error)
	}
	if !strings.Contains(recs[2].Error, "not HTML") || recs[3].Error == "" {
		t.Errorf("failures not recorded: %q, %q", recs[2].Error, recs[3].Error)
	}
	if !strings.Contains(errs, "c.htm") || !strings.Contains(errs, "missing.html") {
		t.Errorf("stderr does not name the failed inputs:\n%s", errs)
	}
}

func TestExtractStdinAndURL(t *testing.T) {
	page, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, string(page), "extract", "-")
	if code != exitOK || len(records(t, out)) != 1 || records(t, out)[0].Input != "-" {
		t.Fatalf("stdin: exit %d, output %.200s", code, out)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/article.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	code, out, _ = runCLI(t, "", "extract", srv.URL+"/article.html", srv.URL+"/gone.html")
	recs := records(t, out)
	if code != exitFailed || len(recs) != 2 {
		t.Fatalf("URLs: exit %d, %d records", code, len(recs))
	}
	if recs[0].URL != srv.URL+"/article.html" || recs[0].Agency != "AP" {
		t.Errorf("fetched record: url %q agency %q", recs[0].URL, recs[0].Agency)
	}
	if !strings.Contains(recs[1].Error, "404") {
		t.Errorf("404 not reported: %q", recs[1].Error)
	}
}

func TestExtractFormats(t *testing.T) {
	for _, tc := range []struct {
		format, want string
	}{
		{"json", `"schema": 1`},
		{"text", "MOSCOW (AP) —"},
		{"markdown", "## Related (related)"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, errs := runCLI(t, "", "extract", "--format", tc.format, seedPage)
			if code != exitOK || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, output lacks %q:\n%.300s\n%s", code, tc.want, out, errs)
			}
			if tc.format == "json" {
				var recs []extract.Article
				if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 1 {
					t.Errorf("json format is not an array of one record: %v", err)
				}
			}
		})
	}
	if code, _, _ := runCLI(t, "", "extract", "--format", "yaml", seedPage); code != exitUsage {
		t.Errorf("unknown format: exit %d, want %d", code, exitUsage)
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := runCLI(t, ""); code != exitUsage {
		t.Errorf("no command: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", "extract"); code != exitUsage {
		t.Errorf("extract without input: exit %d", code)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
