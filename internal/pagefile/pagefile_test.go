package pagefile

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func gz(t *testing.T, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, m := range members {
		zw := gzip.NewWriter(&b)
		if _, err := zw.Write([]byte(m)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func TestRead(t *testing.T) {
	page := "<p>" + strings.Repeat("Ein Absatz über nichts. ", 400) + "</p>"
	tests := []struct {
		name    string
		file    string
		content []byte
		limit   int64
		want    string
		wantErr string
	}{
		{name: "plain", file: "a.html", content: []byte(page), want: page},
		{name: "gzip", file: "a.html.gz", content: gz(t, page), want: page},
		{name: "gzip upper-case name", file: "A.HTML.GZ", content: gz(t, page), want: page},
		// The trailer states only the last member's size: the buffer grows.
		{name: "two gzip members", file: "m.html.gz", content: gz(t, page, "<p>x</p>"), want: page + "<p>x</p>"},
		{name: "empty gzip", file: "e.html.gz", content: gz(t, ""), want: ""},
		{name: "empty file", file: "e.html", content: nil, want: ""},
		{name: "limit reads one byte more", file: "l.html", content: []byte(page), limit: 10, want: page[:11]},
		{name: "limit on gzip", file: "l.html.gz", content: gz(t, page), limit: 10, want: page[:11]},
		{name: "no limit", file: "n.html.gz", content: gz(t, page), limit: -1, want: page},
		// The content tells, not the name.
		{name: "HTML named .gz", file: "plain.html.gz", content: []byte("<p>plain</p>"), want: "<p>plain</p>"},
		{name: "gzip named .html", file: "z.html", content: gz(t, page), want: page},
		{name: "truncated gzip", file: "cut.html.gz", content: gz(t, page)[:40], wantErr: "cut.html.gz: damaged gzip file: unexpected EOF"},
		{name: "bad gzip header", file: "h.html.gz", content: []byte{0x1f, 0x8b, 0, 0, 0}, wantErr: "h.html.gz: damaged gzip file: unexpected EOF"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Read(path, tt.limit)
			if tt.wantErr != "" {
				if err == nil || !strings.HasSuffix(err.Error(), tt.wantErr) {
					t.Fatalf("Read(%s) error = %v, want one ending %q", tt.file, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read(%s): %v", tt.file, err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("Read(%s) mismatch (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

func TestReadMissing(t *testing.T) {
	if _, err := Read(filepath.Join(t.TempDir(), "missing.html.gz"), 0); !os.IsNotExist(err) {
		t.Errorf("Read(missing) error = %v, want not-exist", err)
	}
}

// A trailer claiming 4 GiB must not make Read allocate it: the hint is
// bounded by deflate's largest ratio, and the reader reports the mismatch.
func TestReadForgedTrailer(t *testing.T) {
	b := gz(t, "<p>small</p>")
	copy(b[len(b)-4:], []byte{0xff, 0xff, 0xff, 0xff})
	path := filepath.Join(t.TempDir(), "f.html.gz")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	Read(path, -1) // fill the reader pool
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Read(path, -1)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("Read(forged trailer) gave no error")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("Read(forged trailer) allocated %d bytes, want < 1 MiB", n)
	}
}
