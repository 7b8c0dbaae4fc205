package corpus_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
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
