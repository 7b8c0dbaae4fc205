package extract_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/markup"
)

// The metamorphic suite re-renders every golden page (testdata/extract/*)
// through random markup transformations that leave what a reader sees as
// it is (internal/markup), and checks that the record's body, blocks, title,
// date, section, wire credit and reactions stay those of the golden record.
//
//	go test ./extract -run Metamorphic -v                   # the table of pass rates
//	go test ./extract -run Metamorphic -seed 7 -variants 20000
//	go test ./extract -run TestMetamorphicMarkup -seed 1 -variant 123 -v   # one variant, its HTML kept
//
// METAMORPHIC_SEED and METAMORPHIC_VARIANTS do what -seed and -variants do;
// METAMORPHIC_DUMP=dir writes every failing variant's HTML there, with an
// index (failures.tsv: variant, page, fields that broke, chain).
var (
	metaSeed     = flag.Uint64("seed", 0, "metamorphic tests: the seed of the variants (default $METAMORPHIC_SEED, else 1)")
	metaVariants = flag.Int("variants", 0, "metamorphic tests: how many variants (default $METAMORPHIC_VARIANTS, else 3000)")
	metaOnly     = flag.Int("variant", -1, "metamorphic tests: run only the variant of this number, and keep its HTML")
)

const (
	defaultMetaSeed     = 1
	defaultMetaVariants = 3000
	// metaSlack is how far below its floor a rate may fall with another seed
	// or count than the defaults (the floors were measured with those).
	metaSlack = 0.08
	// metaSamples is how many failures of each transformation are printed.
	metaSamples = 3
)

// metamorphicFloor is, per transformation, the pass rate the default run
// must reach: 100 % for every one. A transformation that breaks the
// extractor is fixed in the extractor, never taken out of the generator or
// given a lower floor. (Runs with another seed or variant count get
// metaSlack, so that exploring new seeds reports failures without failing
// at the first; the default run has none.)
var metamorphicFloor = map[string]float64{
	"wrapper-depth":     1.00,
	"tag-rename":        1.00,
	"class-id":          1.00,
	"list-flatten":      1.00,
	"list-wrap":         1.00,
	"block-move":        1.00,
	"block-heading-tag": 1.00,
	"headline-tag":      1.00,
	"base-href":         1.00,
	"noise":             1.00,
	"paragraphing":      1.00,
	"translate":         1.00,
	"item-extras":       1.00,
	"more-link":         1.00,
	"heading-apart":     1.00,
	"reaction-shape":    1.00,
	"trail-separator":   1.00,
	"date-format":       1.00,
	"whitespace":        1.00,
	"entities":          1.00,
	"render-style":      1.00,
	"soft-breaks":       1.00,
	"story-inserts":     1.00,
	"item-cards":        1.00,
	"heading-inside":    1.00,
	"hidden-copies":     1.00,
	"body-inline":       1.00,
	"meta-order":        1.00,
	"article-pages":     1.00,
	"charset":           1.00,
}

// metaCase is one golden page ready for the generator.
type metaCase struct {
	name   string
	url    string
	page   *markup.Page
	golden *extract.Article
	err    string // the error class the golden page gives ("" for none)
}

// metaView is the part of a record the transformations must not change.
type metaView struct {
	Error         string
	Title         string
	Published     string
	PublishedZone bool
	Section       []string
	Agency        string
	Dateline      string
	Reactions     map[string]int
	Text          string
	Blocks        []metaBlock
}

type metaBlock struct {
	Kind    string
	Heading string
	Links   []extract.Link
}

func viewOf(a *extract.Article, err error) metaView {
	v := metaView{Error: errClass(err)}
	if a == nil {
		return v
	}
	v.Title, v.Published, v.PublishedZone, v.Section = a.Title, a.Published, a.PublishedZone, a.Section
	v.Agency, v.Dateline, v.Reactions, v.Text = a.Agency, a.Dateline, a.Reactions, a.Text
	for _, b := range a.Blocks {
		v.Blocks = append(v.Blocks, metaBlock{b.Kind, b.Heading, b.Links})
	}
	return v
}

func errClass(err error) string {
	for name, e := range caseErrors {
		if errors.Is(err, e) {
			return name
		}
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// wantView is the golden view with the blocks the variant must give: the
// page order and headings of the variant's record.
func wantView(c *metaCase, w markup.Record) metaView {
	v := viewOf(c.golden, nil)
	v.Error = c.err
	v.Blocks = nil
	for _, b := range w.Blocks {
		mb := metaBlock{Kind: b.Kind, Heading: b.Heading}
		for _, l := range b.Links {
			mb.Links = append(mb.Links, extract.Link{Title: l.Title, URL: l.URL})
		}
		v.Blocks = append(v.Blocks, mb)
	}
	return v
}

// fieldsDiffer names the fields of got that differ from want.
func fieldsDiffer(want, got metaView) []string {
	var out []string
	eq := func(a, b any) bool { return cmp.Equal(a, b, cmpopts.EquateEmpty()) }
	add := func(name string, same bool) {
		if !same {
			out = append(out, name)
		}
	}
	add("error", want.Error == got.Error)
	add("text", want.Text == got.Text)
	add("title", want.Title == got.Title)
	add("date", want.Published == got.Published && want.PublishedZone == got.PublishedZone)
	add("section", eq(want.Section, got.Section))
	add("agency/dateline", want.Agency == got.Agency && want.Dateline == got.Dateline)
	add("reactions", eq(want.Reactions, got.Reactions))
	if !eq(want.Blocks, got.Blocks) {
		out = append(out, blocksDiffer(want.Blocks, got.Blocks))
	}
	return out
}

// blocksDiffer says how the blocks differ: their number, a kind, a heading
// or the links.
func blocksDiffer(want, got []metaBlock) string {
	if len(want) != len(got) {
		return fmt.Sprintf("blocks(count %d→%d)", len(want), len(got))
	}
	for i := range want {
		switch w, g := want[i], got[i]; {
		case w.Kind != g.Kind:
			return "blocks(kind)"
		case w.Heading != g.Heading:
			return "blocks(heading)"
		case !cmp.Equal(w.Links, g.Links, cmpopts.EquateEmpty()):
			return "blocks(links)"
		}
	}
	return "blocks"
}

func loadMetaCases(t *testing.T) []*metaCase {
	t.Helper()
	var cases []*metaCase
	for _, fx := range loadFixtures(t) {
		raw, err := os.ReadFile(filepath.Join(fx.dir, "input.html"))
		if err != nil {
			t.Fatal(err)
		}
		j, err := os.ReadFile(filepath.Join(fx.dir, "want.json"))
		if err != nil {
			t.Fatalf("%s: %v (run go test ./extract -update)", fx.name, err)
		}
		var golden extract.Article
		if err := json.Unmarshal(j, &golden); err != nil {
			t.Fatalf("%s/want.json: %v", fx.name, err)
		}
		rec := markup.Record{URL: fx.c.URL, Title: golden.Title, Text: golden.Text,
			Published: golden.Published, Section: golden.Section, Reactions: golden.Reactions}
		for _, b := range golden.Blocks {
			rb := markup.Block{Kind: b.Kind, Heading: b.Heading}
			for _, l := range b.Links {
				rb.Links = append(rb.Links, markup.Link{Title: l.Title, URL: l.URL})
			}
			rec.Blocks = append(rec.Blocks, rb)
		}
		page, err := markup.Load(raw, rec)
		if err != nil {
			t.Fatalf("%s: %v", fx.name, err)
		}
		for _, w := range page.Warnings() {
			t.Logf("%s: generator: %s (transformations that need it skip it)", fx.name, w)
		}
		cases = append(cases, &metaCase{name: fx.name, url: fx.c.URL, page: page, golden: &golden, err: fx.c.Error})
	}
	return cases
}

// TestMetamorphicIdentity checks the generator's own rendering: a page
// parsed and rendered with no transformation gives its golden record.
func TestMetamorphicIdentity(t *testing.T) {
	ex := extract.New(extract.Options{})
	for _, c := range loadMetaCases(t) {
		v, err := c.page.Variant(rand.New(rand.NewPCG(1, 1)), nil)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ex.ExtractBytes(v.HTML, extract.Source{URL: c.url})
		want, got := wantView(c, v.Want), viewOf(a, err)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: Extract(rendered page) mismatch with want.json (-want +got):\n%s", c.name, diff)
		}
	}
}

// metaResult is the outcome of one variant.
type metaResult struct {
	i       int
	c       *metaCase
	v       markup.Variant
	fields  []string // the fields that differ; none when it passed
	diff    string
	skipped bool // no transformation applied
}

// metaSettings resolves the seed and the number of variants from the
// flags, then the environment, then the defaults.
func metaSettings(t *testing.T) (seed uint64, n int, isDefault bool) {
	seed, n = *metaSeed, *metaVariants
	if seed == 0 {
		if s, err := strconv.ParseUint(os.Getenv("METAMORPHIC_SEED"), 10, 64); err == nil && s > 0 {
			seed = s
		} else {
			seed = defaultMetaSeed
		}
	}
	if n <= 0 {
		if v, err := strconv.Atoi(os.Getenv("METAMORPHIC_VARIANTS")); err == nil && v > 0 {
			n = v
		} else {
			n = defaultMetaVariants
		}
	}
	return seed, n, seed == defaultMetaSeed && n == defaultMetaVariants
}

// metaChain picks variant i's page and transformations: two variants in
// three get one transformation (so that a failure names its cause), the
// third a chain of two to four.
func metaChain(cases []*metaCase, seed uint64, i int) (*metaCase, *rand.Rand, []markup.Transform) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	c := cases[i%len(cases)]
	all := markup.Transforms()
	if r.IntN(3) < 2 {
		return c, r, []markup.Transform{pick(r, all)}
	}
	var ts []markup.Transform
	for _, k := range r.Perm(len(all))[:2+r.IntN(3)] {
		ts = append(ts, all[k])
	}
	return c, r, ts
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// runVariant generates and extracts variant i.
func runVariant(t *testing.T, ex *extract.Extractor, cases []*metaCase, seed uint64, i int) metaResult {
	c, r, ts := metaChain(cases, seed, i)
	v, err := c.page.Variant(r, ts)
	if err != nil {
		t.Errorf("variant %d (%s): %v", i, c.name, err)
		return metaResult{i: i, c: c, skipped: true}
	}
	res := metaResult{i: i, c: c, v: v, skipped: len(v.Steps) == 0}
	if res.skipped {
		return res
	}
	a, err := ex.ExtractBytes(v.HTML, extract.Source{URL: c.url})
	want, got := wantView(c, v.Want), viewOf(a, err)
	if res.fields = fieldsDiffer(want, got); len(res.fields) > 0 {
		res.diff = metaDiff(want, got)
	}
	return res
}

// TestMetamorphicMarkup runs the variants, prints the pass rate of each
// transformation and fails when one falls below its floor in
// metamorphicFloor. Failures are printed (a few per transformation) with
// their seed, chain, a command that reruns them and the path of their HTML.
func TestMetamorphicMarkup(t *testing.T) {
	cases := loadMetaCases(t)
	seed, n, isDefault := metaSettings(t)
	ex := extract.New(extract.Options{})
	if *metaOnly >= 0 {
		res := runVariant(t, ex, cases, seed, *metaOnly)
		reportVariant(t, seed, res, true, new(string))
		return
	}
	results := make([]metaResult, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = runVariant(t, ex, cases, seed, i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	reportMeta(t, results, seed, isDefault)
}

// metaTally counts the variants of one row of a table.
type metaTally struct {
	variants, passed, alone, alonePassed int
	fields                               map[string]int
	samples                              []metaResult
}

func (m *metaTally) add(res metaResult, alone bool) {
	m.variants++
	if alone {
		m.alone++
	}
	if len(res.fields) == 0 {
		m.passed++
		if alone {
			m.alonePassed++
		}
		return
	}
	if m.fields == nil {
		m.fields = map[string]int{}
	}
	for _, f := range res.fields {
		m.fields[f]++
	}
	// Failures of the transformation alone name their cause: show those first.
	if alone && len(m.samples) < metaSamples {
		m.samples = append(m.samples, res)
	}
}

func (m *metaTally) rate() float64 {
	if m.variants == 0 {
		return 1
	}
	return float64(m.passed) / float64(m.variants)
}

// reportMeta prints the tables and checks the floors.
func reportMeta(t *testing.T, results []metaResult, seed uint64, isDefault bool) {
	byT, byPage := map[string]*metaTally{}, map[string]*metaTally{}
	ran := 0
	for _, res := range results {
		if res.skipped {
			continue
		}
		ran++
		for _, s := range res.v.Steps {
			if byT[s.Name] == nil {
				byT[s.Name] = &metaTally{}
			}
			byT[s.Name].add(res, len(res.v.Steps) == 1)
		}
		if byPage[res.c.name] == nil {
			byPage[res.c.name] = &metaTally{}
		}
		byPage[res.c.name].add(res, len(res.v.Steps) == 1)
	}
	t.Logf("%d variants (seed %d; %d more had nothing to transform)", ran, seed, len(results)-ran)
	if dir := os.Getenv("METAMORPHIC_DUMP"); dir != "" {
		dumpFailures(t, dir, seed, results)
	}
	t.Logf("\n%s", metaTable("transformation", byT, true))
	t.Logf("\n%s", metaTable("page", byPage, false))
	slack := 0.0
	if !isDefault {
		slack = metaSlack
	}
	raise, dir := "", ""
	for _, tr := range markup.Transforms() {
		m := byT[tr.Name]
		floor, ok := metamorphicFloor[tr.Name]
		switch {
		case !ok:
			t.Errorf("transformation %s has no entry in metamorphicFloor", tr.Name)
		case m == nil:
			t.Errorf("transformation %s never applied", tr.Name)
		case m.rate() < floor-slack-1e-9:
			t.Errorf("transformation %s: pass rate %.2f%% is below its floor %.0f%% (target 100%%)", tr.Name, 100*m.rate(), 100*floor)
		}
		if m != nil && isDefault && m.rate() >= floor+0.01 {
			raise += fmt.Sprintf("\t%-20s %.2f,\n", strconv.Quote(tr.Name)+":", float64(int(100*m.rate()+1e-9))/100)
		}
		if m != nil && (testing.Verbose() || m.rate() < floor-slack) {
			for _, res := range m.samples {
				reportVariant(t, seed, res, false, &dir)
			}
		}
	}
	if raise != "" {
		t.Logf("rates above their floors: raise these entries of metamorphicFloor to\n%s", raise)
	}
}

// metaTable formats the tallies as a table, rows in a fixed order.
func metaTable(what string, tallies map[string]*metaTally, withFields bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %8s %7s %7s %13s  %s\n", what, "variants", "passed", "rate", "alone", "fields that broke")
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range tallies {
			if !yield(k) {
				return
			}
		}
	})
	if withFields {
		keys = nil
		for _, tr := range markup.Transforms() {
			if tallies[tr.Name] != nil {
				keys = append(keys, tr.Name)
			}
		}
	}
	for _, k := range keys {
		m := tallies[k]
		var fs []string
		for _, f := range slices.Sorted(func(yield func(string) bool) {
			for f := range m.fields {
				if !yield(f) {
					return
				}
			}
		}) {
			fs = append(fs, fmt.Sprintf("%s %d", f, m.fields[f]))
		}
		fmt.Fprintf(&b, "%-18s %8d %7d %6.1f%% %6d/%-6d  %s\n", k, m.variants, m.passed, 100*m.rate(), m.alonePassed, m.alone, strings.Join(fs, ", "))
	}
	return b.String()
}

// reportVariant prints one variant: its chain, how to rerun it, the path of
// its HTML (written to a file in *dir, a temporary directory made on first
// use and kept) and the diff.
func reportVariant(t *testing.T, seed uint64, res metaResult, always bool, dir *string) {
	if len(res.fields) == 0 && !always {
		return
	}
	if *dir == "" {
		*dir, _ = os.MkdirTemp("", "metamorphic-")
	}
	path := "(not written)"
	if *dir != "" {
		p := filepath.Join(*dir, fmt.Sprintf("seed%d-variant%d-%s.html", seed, res.i, res.c.name))
		if os.WriteFile(p, res.v.HTML, 0o644) == nil {
			path = p
		}
	}
	status := "FAIL " + strings.Join(res.fields, ", ")
	if len(res.fields) == 0 {
		status = "pass"
	}
	t.Logf("%s: variant %d of seed %d, page %s\n  chain: %s\n  rerun: go test ./extract -run TestMetamorphicMarkup -seed %d -variant %d -v\n  html:  %s\n%s",
		status, res.i, seed, res.c.name, res.v.Chain(), seed, res.i, path, indent(res.diff))
}

func indent(s string) string {
	if s == "" {
		return ""
	}
	return "  diff (-want +got):\n    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// metaDiff shows the fields that differ, compactly: scalar fields whole,
// the first paragraph of the body that differs, the blocks as kind, heading
// and number of links with the first link that differs.
func metaDiff(want, got metaView) string {
	var b strings.Builder
	line := func(name string, w, g any) {
		if !cmp.Equal(w, g, cmpopts.EquateEmpty()) {
			fmt.Fprintf(&b, "%s:\n- %q\n+ %q\n", name, w, g)
		}
	}
	line("Error", want.Error, got.Error)
	line("Title", want.Title, got.Title)
	line("Published", fmt.Sprint(want.Published, " zone=", want.PublishedZone), fmt.Sprint(got.Published, " zone=", got.PublishedZone))
	line("Section", want.Section, got.Section)
	line("Agency/Dateline", want.Agency+" / "+want.Dateline, got.Agency+" / "+got.Dateline)
	line("Reactions", fmt.Sprint(want.Reactions), fmt.Sprint(got.Reactions))
	if want.Text != got.Text {
		wp, gp := strings.Split(want.Text, "\n\n"), strings.Split(got.Text, "\n\n")
		i := 0
		for i < len(wp) && i < len(gp) && wp[i] == gp[i] {
			i++
		}
		at := func(ps []string) string {
			if i < len(ps) {
				return ps[i]
			}
			return "(none)"
		}
		fmt.Fprintf(&b, "Text: %d paragraphs → %d; first difference at paragraph %d:\n- %q\n+ %q\n", len(wp), len(gp), i, at(wp), at(gp))
	}
	if !cmp.Equal(want.Blocks, got.Blocks, cmpopts.EquateEmpty()) {
		fmt.Fprintf(&b, "Blocks:\n- %s\n+ %s\n", metaBlocksLine(want.Blocks), metaBlocksLine(got.Blocks))
		for i := 0; i < len(want.Blocks) && i < len(got.Blocks); i++ {
			w, g := want.Blocks[i].Links, got.Blocks[i].Links
			for j := 0; j < max(len(w), len(g)); j++ {
				if j >= len(w) || j >= len(g) || w[j] != g[j] {
					at := func(ls []extract.Link) string {
						if j < len(ls) {
							return fmt.Sprintf("%q %s", ls[j].Title, ls[j].URL)
						}
						return "(none)"
					}
					fmt.Fprintf(&b, "  block %d link %d:\n  - %s\n  + %s\n", i, j, at(w), at(g))
					break
				}
			}
		}
	}
	return b.String()
}

func metaBlocksLine(bs []metaBlock) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, fmt.Sprintf("%s %q ×%d", b.Kind, b.Heading, len(b.Links)))
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

// dumpFailures writes every failing variant's HTML to dir and an index of
// them, failures.tsv.
func dumpFailures(t *testing.T, dir string, seed uint64, results []metaResult) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var index strings.Builder
	for _, res := range results {
		if res.skipped || len(res.fields) == 0 {
			continue
		}
		name := fmt.Sprintf("seed%d-variant%d-%s.html", seed, res.i, res.c.name)
		if err := os.WriteFile(filepath.Join(dir, name), res.v.HTML, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&index, "%d\t%s\t%s\t%s\n", res.i, res.c.name, strings.Join(res.fields, ","), res.v.Chain())
	}
	if err := os.WriteFile(filepath.Join(dir, "failures.tsv"), []byte(index.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("failing variants written to %s", dir)
}
