package crawl_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
)

// TestJSONLFileLocked: one writer at a time: a second OpenJSONL of a file
// open for a crawl fails with ErrOutputInUse, and succeeds once the first
// is closed.
func TestJSONLFileLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	first, err := crawl.OpenJSONL(path)
	if err != nil {
		t.Fatal(err)
	}
	second, err := crawl.OpenJSONL(path)
	if err == nil {
		second.Close()
		t.Fatal("a second writer opened the output of a crawl")
	}
	if !errors.Is(err, crawl.ErrOutputInUse) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q: want ErrOutputInUse naming the file", err)
	}
	must(t, first.Close())
	again, err := crawl.OpenJSONL(path)
	if err != nil {
		t.Fatalf("the output is still locked after Close: %v", err)
	}
	again.Close()
}

// TestJSONLFileTruncate: Truncate empties the file and the records written
// after it start at its beginning.
func TestJSONLFileTruncate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "out.jsonl")
	s, err := crawl.OpenJSONL(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Write(ctx, &extract.Article{Schema: 1, URL: "http://h/old"})
	must(t, s.Close())
	s, err = crawl.OpenJSONL(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Size(); err != nil || n == 0 {
		t.Errorf("Size = %d, %v; want the old record's length", n, err)
	}
	must(t, s.Truncate())
	s.Write(ctx, &extract.Article{Schema: 1, URL: "http://h/new"})
	must(t, s.Close())
	recs := readJSONL(t, path)
	if len(recs) != 1 || recs[0].URL != "http://h/new" {
		t.Errorf("file holds %+v, want the new record alone", recs)
	}
}
