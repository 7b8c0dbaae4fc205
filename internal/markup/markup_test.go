package markup

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// loadGoldens loads every page of testdata/extract with its golden record.
func loadGoldens(t *testing.T) map[string]*Page {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "extract", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	pages := map[string]*Page{}
	for _, dir := range dirs {
		raw, err := os.ReadFile(filepath.Join(dir, "input.html"))
		if err != nil {
			continue
		}
		var rec Record
		j, err := os.ReadFile(filepath.Join(dir, "want.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(j, &rec); err != nil {
			t.Fatal(err)
		}
		p, err := Load(raw, rec)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		pages[filepath.Base(dir)] = p
	}
	return pages
}

func TestLoadFindsTheRecord(t *testing.T) {
	for name, p := range loadGoldens(t) {
		if w := p.Warnings(); len(w) > 0 {
			t.Errorf("%s: %s", name, strings.Join(w, "; "))
		}
		if p.rec.Text != "" && p.box == nil {
			t.Errorf("%s: no body container", name)
		}
	}
}

// TestTransformsKeepWhatAReaderSees renders many variants of every page and
// checks, on the re-parsed bytes, that the parser kept the tree as built,
// that every paragraph, the headline and each block heading is a line of
// its own, and that each block's links are there, in order, with their
// titles and absolute URLs.
func TestTransformsKeepWhatAReaderSees(t *testing.T) {
	pages := loadGoldens(t)
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range pages {
			if !yield(k) {
				return
			}
		}
	})
	all := Transforms()
	for _, name := range names {
		p := pages[name]
		for seed := range uint64(40) {
			r := rand.New(rand.NewPCG(seed, 7))
			ts := []Transform{all[int(seed)%len(all)]}
			if seed >= uint64(len(all)) {
				ts = nil
				for _, i := range r.Perm(len(all))[:1+r.IntN(4)] {
					ts = append(ts, all[i])
				}
			}
			checkVariant(t, name, p, r, ts)
		}
	}
}

func checkVariant(t *testing.T, name string, p *Page, r *rand.Rand, ts []Transform) {
	t.Helper()
	q := p.Clone()
	var steps []string
	for _, tr := range ts {
		if note, ok := tr.Apply(q, r); ok {
			steps = append(steps, tr.Name+"("+note+")")
		}
	}
	chain := name + ": " + strings.Join(steps, " → ")
	raw, err := q.Render()
	if err != nil {
		t.Fatalf("%s: %v", chain, err)
	}
	var built bytes.Buffer
	if err := html.Render(&built, q.doc); err != nil {
		t.Fatal(err)
	}
	enc, _, _ := charset.DetermineEncoding(raw, "")
	utf, _, err := transform.Bytes(enc.NewDecoder(), raw)
	if err != nil {
		t.Fatalf("%s: %v", chain, err)
	}
	doc, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := html.Render(&again, doc); err != nil {
		t.Fatal(err)
	}
	if built.String() != again.String() {
		t.Errorf("%s: the parser rebuilt the tree differently:\n%s", chain, firstDiff(built.String(), again.String()))
		return
	}
	checkReadable(t, chain, doc, p, q)
}

// checkReadable checks the want record against what a reader of doc sees.
// Headings that did not stand on a line of their own on the original page
// (a heading inline before its links) are not held to it.
func checkReadable(t *testing.T, chain string, doc *html.Node, p, q *Page) {
	t.Helper()
	want := q.Want()
	ls, was := lines(doc), lines(p.doc)
	for i, para := range q.paragraphs() {
		if !ls[para] {
			t.Errorf("%s: paragraph %d is not a line of its own: %.60q", chain, i, para)
		}
	}
	if q.headline != nil && !ls[collapse(want.Title)] {
		t.Errorf("%s: the headline is not a line of its own", chain)
	}
	base := documentBase(doc, q.url)
	var anchors []*html.Node
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			anchors = append(anchors, n)
		}
		return true
	})
	r := &Page{base: base}
	for _, b := range q.blocks {
		if b.want != "" && was[collapse(p.rec.Blocks[b.idx].Heading)] && !ls[collapse(b.want)] {
			t.Errorf("%s: block heading %q is not a line of its own", chain, b.want)
		}
	}
	for _, b := range want.Blocks {
		k := 0
		for _, l := range b.Links {
			for k < len(anchors) && (r.resolve(anchors[k]) != l.URL || collapse(visibleText(anchors[k])) != collapse(l.Title)) {
				k++
			}
			if k == len(anchors) {
				t.Errorf("%s: block %q: link %q → %s missing or out of order", chain, b.Heading, l.Title, l.URL)
				break
			}
			k++
		}
	}
}

// lines returns the lines a reader sees: text between block boundaries and
// line breaks, white space collapsed.
func lines(doc *html.Node) map[string]bool {
	out := map[string]bool{}
	for _, l := range strings.Split(blockEnds(doc), "\x00") {
		out[collapse(l)] = true
	}
	return out
}

// blockEnds writes the visible text with a newline at both ends of every
// block and at every <br>.
func blockEnds(doc *html.Node) string {
	var b strings.Builder
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case hidden(n):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(0)
			return
		}
		brk := n.Type == html.ElementNode && (blockTag(n.DataAtom) || displayBlock(n))
		if brk {
			b.WriteByte(0)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if brk {
			b.WriteByte(0)
		}
	}
	rec(doc)
	return b.String()
}

func displayBlock(n *html.Node) bool {
	s, _ := getAttr(n, "style")
	return strings.Contains(s, "display:block")
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "built: …" + a[lo:min(len(a), i+200)] + "\nparsed: …" + b[lo:min(len(b), i+200)]
}

// TestVariantsAreReproducible generates each variant twice from its seed.
func TestVariantsAreReproducible(t *testing.T) {
	pages := loadGoldens(t)
	for name, p := range pages {
		for seed := range uint64(20) {
			var out [2]Variant
			for k := range out {
				r := rand.New(rand.NewPCG(seed, 3))
				v, err := p.Variant(r, Transforms())
				if err != nil {
					t.Fatal(err)
				}
				out[k] = v
			}
			if !bytes.Equal(out[0].HTML, out[1].HTML) || out[0].Chain() != out[1].Chain() {
				t.Errorf("%s seed %d: two runs gave different variants:\n%s\n%s", name, seed, out[0].Chain(), out[1].Chain())
			}
		}
	}
}

// TestRelative checks that every form relative() writes resolves back to
// the target against the base, for targets above, below and beside it.
func TestRelative(t *testing.T) {
	for _, c := range []struct{ base, target string }{
		{"https://h.example/a/b/c/", "https://h.example/invest/2024/x.html"},
		{"https://h.example/", "https://h.example/invest/2024/x.html?p=1#top"},
		{"https://h.example/a/b/", "https://h.example/a/b/"},
		{"https://h.example/a/b/", "https://h.example/a/b/c/d.html"},
		{"https://h.example/static/", "https://h.example/"},
		{"https://h.example/static/", "https://other.example/x/y.html"},
		{"https://h.example/static/", "http://h.example/x/y.html"},
		{"https://h.example/s/", "https://h.example/a:b/c.html"},
	} {
		base, _ := url.Parse(c.base)
		target, _ := url.Parse(c.target)
		for seed := range uint64(30) {
			got := relative(target, base, rand.New(rand.NewPCG(seed, 0)))
			if u, err := base.Parse(got); err != nil || u.String() != c.target {
				t.Errorf("relative(%s, base %s) = %q, which resolves to %v", c.target, c.base, got, u)
			}
		}
		if p := pathRelative(target, base); target.Host == base.Host && target.Scheme == base.Scheme {
			if u, err := base.Parse(p); err != nil || u.String() != c.target {
				t.Errorf("pathRelative(%s, base %s) = %q, which resolves to %v", c.target, c.base, p, u)
			}
		}
	}
}

// TestEveryTransformApplies checks that each transformation finds what it
// needs on some golden page: none is dead in the suite.
func TestEveryTransformApplies(t *testing.T) {
	pages := loadGoldens(t)
	for _, tr := range Transforms() {
		applied := false
		for _, p := range pages {
			for seed := uint64(0); seed < 10 && !applied; seed++ {
				_, applied = tr.Apply(p.Clone(), rand.New(rand.NewPCG(seed, 5)))
			}
		}
		if !applied {
			t.Errorf("transformation %s applies to no golden page", tr.Name)
		}
	}
}

// TestDateFormsKeepTheMoment checks that every date form prints the day
// and the time it is given, seconds included.
func TestDateFormsKeepTheMoment(t *testing.T) {
	m := reISODate.FindStringSubmatch("Date:2025-04-07 09:05:32")
	for _, f := range dateForms {
		got := f.write(m)
		if !strings.Contains(got, "2025") || !strings.Contains(got, "09:05:32") || !strings.Contains(got, "7") {
			t.Errorf("form %s wrote %q for %v", f.name, got, m[0])
		}
	}
	if !sameMoment(m, "2025-04-07T09:05:32") || sameMoment(m, "2025-04-07T09:05:33") {
		t.Errorf("sameMoment(%v) is wrong", m[0])
	}
}

// TestRestyleKeepsTheTree checks that tags written in upper case and
// values in other quotes parse to the tree they were written from.
func TestRestyleKeepsTheTree(t *testing.T) {
	src := `<!DOCTYPE html><html><head><meta charset="utf-8"/><title>A &amp; B</title></head><body>` +
		`<div class="a b" data-x="1&amp;2" id="k"><a href="/x?a=1&amp;b=2">Link</a><br/><img src="/i.jpg" alt=""/>` +
		`<script>if (a < b) { x = "<p>"; }</script></div></body></html>`
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	html.Render(&want, doc)
	for seed := uint64(1); seed < 40; seed++ {
		out := restyle(want.Bytes(), seed)
		again, err := html.Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		html.Render(&got, again)
		if got.String() != want.String() {
			t.Fatalf("seed %d: restyle(%s) = %s parses to another tree:\n%s", seed, want.String(), out, firstDiff(want.String(), got.String()))
		}
	}
}

// TestPendingKeepWhatAReaderSees runs the pending transformations through
// the checks of the default ones.
func TestPendingKeepWhatAReaderSees(t *testing.T) {
	pages := loadGoldens(t)
	for name, p := range pages {
		for _, tr := range Pending() {
			for seed := range uint64(10) {
				checkVariant(t, name, p, rand.New(rand.NewPCG(seed, 9)), []Transform{tr})
			}
		}
	}
}
