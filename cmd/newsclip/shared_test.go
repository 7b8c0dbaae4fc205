package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSharedUsage: flags of a shared crawl that do not go together are
// usage errors.
func TestSharedUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--redis", "redis://127.0.0.1:1/0", "--crawl-id", "x", "--state", "s.db", "http://a.example/"}, "--state and --redis"},
		{[]string{"--redis", "redis://127.0.0.1:1/0", "http://a.example/"}, "--crawl-id"},
		{[]string{"--crawl-id", "x", "http://a.example/"}, "--crawl-id needs --redis"},
		{[]string{"--redis", "redis://127.0.0.1:1/0", "--crawl-id", "x", "--restart", "http://a.example/"}, "--restart and --redis"},
		{[]string{"--redis", "redis://127.0.0.1:1/0", "--crawl-id", "x", "--lease", "10ms", "http://a.example/"}, "--lease"},
	} {
		var stderr bytes.Buffer
		code := run(context.Background(), append([]string{"crawl"}, tc.args...), nil, &bytes.Buffer{}, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("crawl %q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), exitUsage, tc.want)
		}
	}
}

// TestSharedUnreachable: a Redis that does not answer is a clear error
// and exit status 1, the password not shown.
func TestSharedUnreachable(t *testing.T) {
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--redis", "redis://u:secret@127.0.0.1:1/0", "--crawl-id", "x",
		"--progress", "never", "http://a.example/"}, nil, &bytes.Buffer{}, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "unreachable") || strings.Contains(stderr.String(), "secret") {
		t.Errorf("exit %d, stderr %q; want 1 and a message saying Redis is unreachable", code, stderr.String())
	}
	stderr.Reset()
	code = run(context.Background(), []string{"status", "--redis", "redis://127.0.0.1:1/0", "--crawl-id", "x"}, nil, &bytes.Buffer{}, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "unreachable") {
		t.Errorf("status: exit %d, stderr %q; want 1, unreachable", code, stderr.String())
	}
}

// TestMerge: worker files joined, each article once by canonical URL, the
// latest fetch kept in the place of the first.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	a := `{"schema":1,"url":"http://news.example/a","title":"A old","fetched":"2025-01-01T10:00:00Z"}
{"schema":1,"url":"http://news.example/b","title":"B","fetched":"2025-01-01T10:00:01Z"}
not a record
`
	b := `{"schema":1,"url":"http://news.example/a?utm_source=x","canonical_url":"http://news.example/a","title":"A new","fetched":"2025-01-01T11:00:00Z"}
{"schema":1,"url":"http://news.example/c","title":"C","fetched":"2025-01-01T10:00:02Z"}
{"schema":1,"url":"http://news.example/b","title":"B again","fetched":"2025-01-01T09:00:00Z"}
`
	fa, fb, out := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "all.jsonl")
	os.WriteFile(fa, []byte(a), 0o644)
	os.WriteFile(fb, []byte(b), 0o644)
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"merge", "-o", out, fa, fb}, nil, &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr.String())
	}
	data, _ := os.ReadFile(out)
	var titles []string
	for _, r := range readRecords(t, data) {
		titles = append(titles, r.Title)
	}
	if diff := cmp.Diff([]string{"A new", "B", "C"}, titles); diff != "" {
		t.Errorf("merged records mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(stderr.String(), "2 repeats removed") || !strings.Contains(stderr.String(), "1 lines that are not records") {
		t.Errorf("merge said %q", stderr.String())
	}
}
