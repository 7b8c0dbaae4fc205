// Package corpus loads the ScrapingHub article-extraction benchmark for the
// project's measurement tools and tests: html/<id>.html.gz pages and
// ground-truth.json. The data lives outside the repository (default
// ../shared/bench/scrapinghub from the repository root) and is never copied
// into it; callers skip with a message when it is absent.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/newsclip/newsclip/internal/shscore"
)

// Module is the root module's path, used to find the repository root.
const Module = "github.com/newsclip/newsclip"

// RelDir is the corpus directory relative to the repository root.
const RelDir = "../shared/bench/scrapinghub"

// Doc is one page of the corpus with its ground truth.
type Doc struct {
	shscore.Truth
	// HTML is the page, gunzipped.
	HTML []byte
}

// RepoRoot returns the directory of the root module's go.mod, searched
// upward from the working directory (so it works from package directories
// and from the bench module, whose go.mod names another module).
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	for {
		if isRoot(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("corpus: no go.mod of %s above the working directory", Module)
		}
		dir = parent
	}
}

func isRoot(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if f := bytes.Fields(sc.Bytes()); len(f) == 2 && string(f[0]) == "module" {
			return string(f[1]) == Module
		}
	}
	return false
}

// DefaultDir is RelDir resolved against the repository root, or RelDir
// itself when the root is not found.
func DefaultDir() string {
	root, err := RepoRoot()
	if err != nil {
		return RelDir
	}
	return filepath.Clean(filepath.Join(root, RelDir))
}

// ErrAbsent: there is no ground-truth.json in the corpus directory.
var ErrAbsent = errors.New("corpus: benchmark corpus not found")

// ReadTruth reads dir/ground-truth.json, in file order. When the file is
// absent the error wraps [ErrAbsent].
func ReadTruth(dir string) ([]shscore.Truth, error) {
	f, err := os.Open(filepath.Join(dir, "ground-truth.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s (it is not part of the repository)", ErrAbsent, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	return shscore.ReadTruth(bufio.NewReader(f))
}

// Load reads the ground truth and every page of the corpus in dir, in the
// ground truth's order. When the corpus is absent the error wraps
// [ErrAbsent].
func Load(dir string) ([]Doc, error) {
	truth, err := ReadTruth(dir)
	if err != nil {
		return nil, err
	}
	docs := make([]Doc, len(truth))
	for i, t := range truth {
		b, err := ReadGzip(filepath.Join(dir, "html", t.ID+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("corpus: page %s: %w", t.ID, err)
		}
		docs[i] = Doc{Truth: t, HTML: b}
	}
	return docs, nil
}

// ReadGzip reads and gunzips the file at path.
func ReadGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

// WriteFile writes path through fill, making its directory.
func WriteFile(path string, fill func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// IsAbsent reports whether err says that the corpus is not there.
func IsAbsent(err error) bool { return errors.Is(err, ErrAbsent) }

// Truths returns the ground truth of docs.
func Truths(docs []Doc) []shscore.Truth {
	out := make([]shscore.Truth, len(docs))
	for i, d := range docs {
		out[i] = d.Truth
	}
	return out
}

// Bytes is the total size of the pages.
func Bytes(docs []Doc) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.HTML))
	}
	return n
}

// Each calls fn(i) for every i in [0, n) on workers goroutines and returns
// when all calls have returned, or ctx.Err() when ctx ended first (calls
// not yet started are then skipped).
func Each(ctx context.Context, n, workers int, fn func(i int)) error {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	var err error
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return err
}
