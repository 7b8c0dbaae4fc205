package corpus_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/newsclip/newsclip/internal/corpus"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Load(dir); !corpus.IsAbsent(err) {
		t.Fatalf("Load(empty dir) error = %v, want ErrAbsent", err)
	}
	gt := `{"z": {"url": "https://z", "articleBody": "Z"}, "a": {"url": "https://a", "articleBody": "A"}}`
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(gt), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "html"), 0o755)
	write := func(id, page string) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(page))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, "html", id+".html.gz"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("z", "<p>Z</p>")
	if _, err := corpus.Load(dir); err == nil || corpus.IsAbsent(err) {
		t.Fatalf("Load(missing page) error = %v, want an error other than ErrAbsent", err)
	}
	write("a", "<p>A</p>")
	docs, err := corpus.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "z" || string(docs[0].HTML) != "<p>Z</p>" || docs[1].URL != "https://a" {
		t.Errorf("Load() = %+v, want z then a, gunzipped", docs)
	}
	if n := corpus.Bytes(docs); n != 16 {
		t.Errorf("Bytes() = %d, want 16", n)
	}
}

func TestRepoRoot(t *testing.T) {
	root, err := corpus.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "corpus", "corpus.go")); err != nil {
		t.Errorf("RepoRoot() = %s, not the repository root: %v", root, err)
	}
}

func TestEach(t *testing.T) {
	var seen [100]atomic.Int32
	if err := corpus.Each(context.Background(), len(seen), 3, func(i int) { seen[i].Add(1) }); err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if n := seen[i].Load(); n != 1 {
			t.Errorf("index %d visited %d times, want 1", i, n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int32
	if err := corpus.Each(ctx, 1000, 2, func(int) { calls.Add(1) }); err != context.Canceled {
		t.Errorf("cancelled: err %v, want context.Canceled", err)
	}
	if calls.Load() == 1000 {
		t.Error("cancelled: every call still made")
	}
}
