package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// WARC files written by wget (--warc-file) over the demo portal are read:
// the articles wget fetched give the records a newsclip crawl of the
// portal gives for them.
func TestExtractWgetWARC(t *testing.T) {
	wget, err := exec.LookPath("wget")
	if err != nil {
		t.Skip("skipped: wget is not installed")
	}
	p := demoportal.New(demoportal.Options{Articles: 30, Clean: true})
	srv := httptest.NewServer(p)
	defer srv.Close()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, wget, "--recursive", "--level", "2", "--no-verbose", "--delete-after",
		"--no-directories", "--directory-prefix", filepath.Join(dir, "tmp"), "--warc-file", filepath.Join(dir, "wget"), srv.URL+"/")
	if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 8 { // 8: some page failed
		t.Fatalf("wget: %v\n%s", err, out)
	}
	code, out, errs := runCLI(t, "", "extract", filepath.Join(dir, "wget.warc.gz"))
	if code != exitOK {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	fromWget := byURL(records(t, out))
	t.Logf("%d records from wget's WARC: %s", len(fromWget), errs)
	if len(fromWget) < 20 {
		t.Fatalf("%d records from wget's WARC, want most of 30 articles\n%s", len(fromWget), errs)
	}
	var crawlOut bytes.Buffer
	if code := run(context.Background(), []string{"crawl", "--delay", "0", "--log-level", "error", "--progress", "never",
		srv.URL + "/"}, nil, &crawlOut, &bytes.Buffer{}); code != exitOK {
		t.Fatalf("crawl: exit %d", code)
	}
	crawled := map[string]extract.Article{}
	for _, a := range byURL(readRecords(t, crawlOut.Bytes())) {
		crawled[a.URL] = a
	}
	for _, a := range fromWget {
		if diff := cmp.Diff(crawled[a.URL], a); diff != "" {
			t.Errorf("%s: record from wget's WARC differs from the crawl's (-crawl +wget):\n%s", a.URL, diff)
		}
	}
}
