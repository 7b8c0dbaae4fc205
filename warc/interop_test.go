package warc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// warcio returns the command of webrecorder's warcio (npm), installed in
// testdata/warcio by `npm ci` (.ci/run does it); the test skips without
// node or the package.
func warcio(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("skipped: node is not installed")
	}
	bin, _ := filepath.Abs("../testdata/warcio/node_modules/.bin/warcio")
	if _, err := os.Stat(bin); err != nil {
		t.Skip("skipped: warcio is not installed: run npm ci in testdata/warcio")
	}
	return bin
}

// Files this package writes are read record by record by an independent
// reader, webrecorder's warcio: the same records at the same offsets, and
// its CDXJ index is ours, line for line.
func TestWarcioReadsOurFiles(t *testing.T) {
	bin := warcio(t)
	dir := t.TempDir()
	w, err := OpenWriter(dir, WriterOptions{MaxSize: 2000})
	if err != nil {
		t.Fatal(err)
	}
	gz := http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Encoding": {"gzip"}}
	exs := []*Exchange{
		exchange(t, "http://news.example/robots.txt", 200, http.Header{"Content-Type": {"text/plain"}}, "User-agent: *\n"),
		exchange(t, "http://news.example/", 200, nil, "<p>Home, with <a href=/a>a story</a></p>"),
		exchange(t, "http://news.example/a?x=1&b=2", 200, gz, string(gzipEach(t, strings.Repeat("<p>Die Fähre.</p>", 50)))),
		exchange(t, "http://news.example/old", 301, http.Header{"Location": {"/a"}}, ""),
		exchange(t, "http://news.example/gone", 404, nil, "<p>Not here</p>"),
		exchange(t, "http://news.example/a?x=1&b=2", 304, http.Header{"Etag": {`"1"`}}, ""),
		exchange(t, "http://news.example/big.jpg", 200, http.Header{"Content-Type": {"image/jpeg"}}, "\xff\xd8\xff"),
	}
	exs[6].Truncated = "unspecified"
	for _, ex := range exs {
		if err := w.Write(ex); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if len(w.Files()) < 2 {
		t.Fatalf("%d files, want rotation", len(w.Files()))
	}
	for _, f := range w.Files() {
		out, err := exec.Command(bin, "index", f).Output()
		if err != nil {
			t.Fatalf("warcio index %s: %v", f, err)
		}
		type entry struct {
			Offset int64  `json:"offset"`
			Type   string `json:"warc-type"`
			URI    string `json:"warc-target-uri"`
		}
		var theirs, ours []entry
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			var e entry
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Fatalf("warcio index line %q: %v", sc.Text(), err)
			}
			theirs = append(theirs, e)
		}
		r := NewReader(mustOpenFile(t, f))
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			ours = append(ours, entry{rec.Offset, rec.Type(), rec.TargetURI()})
		}
		if diff := cmp.Diff(ours, theirs); diff != "" {
			t.Errorf("warcio index %s mismatch (-ours +warcio):\n%s", filepath.Base(f), diff)
		}

		out, err = exec.Command(bin, "cdx-index", f).Output()
		if err != nil {
			t.Fatalf("warcio cdx-index %s: %v", f, err)
		}
		theirLines := strings.Split(strings.TrimSpace(string(out)), "\n")
		slices.Sort(theirLines)
		b, _ := os.ReadFile(f + ".cdxj")
		if diff := cmp.Diff(strings.Split(strings.TrimSpace(string(b)), "\n"), theirLines); diff != "" {
			t.Errorf("CDXJ of %s mismatch (-ours +warcio):\n%s", filepath.Base(f), diff)
		}
	}
}

func mustOpenFile(t *testing.T, path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
