package extract_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/extract"
)

// fixturePages returns the input pages of the fixtures and their URLs.
func fixturePages(t *testing.T) map[string]fixturePage {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(fixtureDir, "*", "input.html"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	out := map[string]fixturePage{}
	for _, in := range dirs {
		dir := filepath.Dir(in)
		raw, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			URL string `json:"url"`
		}
		if b, err := os.ReadFile(filepath.Join(dir, "case.json")); err == nil {
			if err := json.Unmarshal(b, &c); err != nil {
				t.Fatal(err)
			}
		}
		out[filepath.Base(dir)] = fixturePage{raw: raw, url: c.URL}
	}
	return out
}

type fixturePage struct {
	raw []byte
	url string
}

// TestExplainSameRecord holds Explain to Extract's record, error and all,
// on every fixture and on the metamorphic markups of the seed page.
func TestExplainSameRecord(t *testing.T) {
	ex := extract.New(extract.Options{})
	for name, pg := range fixturePages(t) {
		t.Run(name, func(t *testing.T) {
			src := extract.Source{URL: pg.url}
			want, wantErr := ex.ExtractBytes(pg.raw, src)
			got, tr, err := ex.Explain(bytes.NewReader(pg.raw), src)
			if !errors.Is(err, wantErr) && (err == nil) != (wantErr == nil) {
				t.Fatalf("Explain error %v, Extract error %v", err, wantErr)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Explain(page) record differs from Extract's (-Extract +Explain):\n%s", diff)
			}
			if tr == nil {
				t.Fatal("Explain(page) trace is nil")
			}
			checkTrace(t, tr)
			if got != nil {
				checkBodyEntries(t, name, got, tr)
			}
		})
	}
}

// checkTrace checks that every entry names an element of the trace's
// source by number and by path, and says why.
func checkTrace(t *testing.T, tr *extract.Trace) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(tr.Source))
	if err != nil {
		t.Fatal(err)
	}
	var elems []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				elems = append(elems, c)
				walk(c)
			}
		}
	}
	walk(doc)
	last := -1
	for _, e := range tr.Entries {
		if e.Rule == "" || e.Reason == "" || e.Class == "" {
			t.Errorf("entry without class, rule or reason: %+v", e)
		}
		if e.Node < last {
			t.Errorf("entries out of document order: %d after %d", e.Node, last)
		}
		last = e.Node
		if e.Node < 0 {
			continue
		}
		if e.Node >= len(elems) {
			t.Errorf("entry names element %d of %d", e.Node, len(elems))
			continue
		}
		n := elems[e.Node]
		if !strings.HasSuffix(e.Path, "/"+n.Data) && !strings.HasSuffix(e.Path, "]") || !strings.Contains(e.Path, n.Data) {
			t.Errorf("entry %d: path %s does not end at <%s>", e.Node, e.Path, n.Data)
		}
	}
}

// TestExplainSeed checks the trace of the seed page: every block's items
// carry its kind, the body paragraphs are body and hold the record's text,
// and the reaction counter and breadcrumb are named.
func TestExplainSeed(t *testing.T) {
	ex := extract.New(extract.Options{})
	for name, pg := range fixturePages(t) {
		if !strings.HasPrefix(name, "seed-") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			a, tr, err := ex.Explain(bytes.NewReader(pg.raw), extract.Source{URL: pg.url})
			if err != nil {
				t.Fatal(err)
			}
			classes := map[string]int{}
			var body []string
			for _, e := range tr.Entries {
				classes[e.Class]++
				if e.Class == extract.ClassBody {
					body = append(body, e.Text)
				}
				if testing.Verbose() {
					t.Logf("%4d %-28s %q %s", e.Node, e.Path, short(e.Text), e)
				}
			}
			if got := strings.Join(body, "\n\n"); got != a.Text {
				t.Errorf("body entries' text differs from the record's:\n got %q\nwant %q", got, a.Text)
			}
			for _, b := range a.Blocks {
				if classes[b.Kind] == 0 {
					t.Errorf("no entry of class %s", b.Kind)
				}
			}
			for _, c := range []string{extract.ClassReactions, extract.ClassBreadcrumb, extract.ClassContent} {
				if classes[c] == 0 {
					t.Errorf("no entry of class %s", c)
				}
			}
		})
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// TestExplainCorpus holds Explain to Extract's record on every page of the
// development corpus (skipped where it is absent, and with -short).
func TestExplainCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped with -short")
	}
	docs := loadBenchCorpus(t)
	ex := extract.New(extract.Options{})
	for _, d := range docs {
		src := extract.Source{URL: d.URL}
		want, wantErr := ex.ExtractBytes(d.HTML, src)
		got, tr, err := ex.Explain(bytes.NewReader(d.HTML), src)
		if (err == nil) != (wantErr == nil) || !cmp.Equal(want, got) {
			t.Errorf("%s: Explain(page) record or error differs from Extract's (%v, %v)", d.ID, err, wantErr)
			continue
		}
		if tr == nil {
			continue
		}
		checkTrace(t, tr)
		checkBodyEntries(t, d.ID, got, tr)
	}
}

// checkBodyEntries checks that the record's body is made of the entries
// classed body (unless the page's text came from a second method), and
// that each of them is in the record's text.
func checkBodyEntries(t *testing.T, name string, a *extract.Article, tr *extract.Trace) {
	t.Helper()
	body := map[string]bool{}
	fallback := false
	for _, e := range tr.Entries {
		switch {
		case e.Rule == "fallback":
			fallback = true
		case e.Class == extract.ClassBody:
			body[e.Text] = true
			if !strings.Contains(a.Text, e.Text) {
				t.Errorf("%s: body entry not in the record's text: %.80q", name, e.Text)
			}
		}
	}
	if fallback || a.Text == "" {
		return
	}
	for _, para := range strings.Split(a.Text, "\n\n") {
		for _, cell := range strings.Split(para, " | ") {
			if !body[cell] && !body[para] {
				t.Errorf("%s: record paragraph with no body entry: %.80q", name, cell)
			}
		}
	}
}

// FuzzExplain holds Explain to Extract on any input: the same record and
// error, no panic, and a trace whose entries name elements of its source.
func FuzzExplain(f *testing.F) {
	addFuzzSeeds(f)
	ex := extract.New(extract.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkExplainProperties(t, ex, data)
	})
}

func checkExplainProperties(t *testing.T, ex *extract.Extractor, data []byte) {
	t.Helper()
	want, wantErr := ex.ExtractBytes(data, fuzzSrc)
	got, tr, err := ex.Explain(bytes.NewReader(data), fuzzSrc)
	if errString(err) != errString(wantErr) {
		t.Fatalf("Explain error %v, Extract error %v", err, wantErr)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Explain(page) record differs from Extract's (-Extract +Explain):\n%s", diff)
	}
	if tr != nil {
		checkTrace(t, tr)
		if got != nil {
			checkBodyEntries(t, "fuzz", got, tr)
		}
	}
}
