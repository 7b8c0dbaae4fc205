package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
)

const mergeUsage = `usage: newsclip merge [-o FILE] OUT...

Joins the JSON Lines files written by the workers of one crawl (newsclip
crawl --redis) into one, each article once: records are told apart by
canonical URL (canonical_url, else url, in the normal form), and of
repeats the one fetched last (the latest "fetched") is kept, in the place
of the first. Lines that are not records are dropped. Writes to -o FILE
(replaced) or stdout, and says on stderr how many repeats it removed.

flags:
`

// mergeKey is where a record is: its file and line.
type mergeKey struct{ file, line int }

// mergeBest is, for an article, the record kept so far.
type mergeBest struct {
	at      mergeKey
	fetched string
	first   mergeKey // where the article appeared first: its place in the output
}

// runMerge is "newsclip merge".
func runMerge(ctx context.Context, args []string, s stdio) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	out := fs.String("o", "", "write to `FILE`, replacing it (default stdout)")
	files, err := parseFlags(fs, mergeUsage, args, s.out)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageErrorf("no file given")
	}
	best := map[string]*mergeBest{}
	records, bad := 0, 0
	for i, name := range files {
		_, b, err := scanMerge(name, func(line int, a *extract.Article) {
			records++
			key := mergeID(a)
			k := mergeKey{i, line}
			if m := best[key]; m == nil {
				best[key] = &mergeBest{at: k, fetched: a.Fetched, first: k}
			} else if a.Fetched > m.fetched {
				m.at, m.fetched = k, a.Fetched
			}
		})
		if err != nil {
			return err
		}
		bad += b
	}
	place := make(map[mergeKey]mergeKey, len(best)) // first place -> record to write there
	for _, m := range best {
		place[m.first] = m.at
	}
	if err := writeMerged(ctx, files, place, *out, s.out); err != nil {
		return err
	}
	fmt.Fprintf(s.err, "newsclip merge: %d records in %d files, %d articles written, %d repeats removed",
		records, len(files), len(best), records-len(best))
	if bad > 0 {
		fmt.Fprintf(s.err, ", %d lines that are not records dropped", bad)
	}
	fmt.Fprintln(s.err)
	return nil
}

// mergeID is the article's identity: its canonical URL in the normal form.
func mergeID(a *extract.Article) string {
	u := a.CanonicalURL
	if u == "" {
		u = a.URL
	}
	if c, err := crawl.Canonicalize(u); err == nil {
		return c
	}
	return u
}

// scanMerge calls each with every record of the file, by line number; it
// returns the lines and the lines that were not records.
func scanMerge(name string, each func(line int, a *extract.Article)) (lines, bad int, err error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 256<<20)
	for sc.Scan() {
		var a extract.Article
		if json.Unmarshal(sc.Bytes(), &a) != nil || a.URL == "" {
			bad++
		} else {
			each(lines, &a)
		}
		lines++
	}
	if err := sc.Err(); err != nil {
		return lines, bad, fmt.Errorf("%s: %w", name, err)
	}
	return lines, bad, nil
}

// writeMerged writes, in the order of the files, at each article's first
// place the record chosen for it.
func writeMerged(ctx context.Context, files []string, place map[mergeKey]mergeKey, out string, stdout io.Writer) error {
	// The records chosen elsewhere than at their article's first place
	// (a repeat fetched later), read in a second pass.
	chosen := map[mergeKey][]byte{}
	want := map[mergeKey]bool{}
	for first, at := range place {
		if at != first {
			want[at] = true
		}
	}
	for i, name := range files {
		if err := readLines(name, func(line int, b []byte) {
			if want[mergeKey{i, line}] {
				chosen[mergeKey{i, line}] = append([]byte(nil), b...)
			}
		}); err != nil {
			return err
		}
	}
	w, closeOut, err := mergeOutput(out, stdout)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	for i, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readLines(name, func(line int, b []byte) {
			k := mergeKey{i, line}
			if at, ok := place[k]; ok {
				if at != k {
					b = chosen[at]
				}
				bw.Write(b)
				bw.WriteByte('\n')
			}
		}); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return closeOut()
}

func readLines(name string, each func(line int, b []byte)) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 256<<20)
	for n := 0; sc.Scan(); n++ {
		each(n, sc.Bytes())
	}
	return sc.Err()
}

// mergeOutput opens the output: a temporary file renamed over out when
// closed, or stdout.
func mergeOutput(out string, stdout io.Writer) (io.Writer, func() error, error) {
	if out == "" || out == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.CreateTemp(filepath.Dir(out), ".merge-*")
	if err != nil {
		return nil, nil, err
	}
	return f, func() error {
		if err := f.Sync(); err != nil {
			f.Close()
			os.Remove(f.Name())
			return err
		}
		if err := f.Close(); err != nil {
			os.Remove(f.Name())
			return err
		}
		return os.Rename(f.Name(), out)
	}, nil
}
