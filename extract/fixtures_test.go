package extract_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsclip/newsclip/extract"
)

var update = flag.Bool("update", false, "rewrite testdata/extract/*/want.json from the extractor's output")

// fixtureDir holds one directory per case: input.html (the page, in the
// encoding it declares), case.json (the hand-written expectation, see
// fixtureCase) and want.json (the golden record, written by -update).
var fixtureDir = filepath.Join("..", "testdata", "extract")

// fixtureCase is a case.json: the truths the extractor is held to for one
// page, written by hand from what a reader sees on it, not from the
// extractor's output. A field that is absent (null) is not checked; a field
// that is given is compared exactly, so "agency": "" asserts that no agency
// is found and "authors": [] that no author is. Nil and empty lists and maps
// compare equal.
type fixtureCase struct {
	// Notes says what the page is and what it tests; not compared.
	Notes string `json:"notes,omitempty"`
	// URL is passed as Source.URL and must come back as Article.URL.
	URL string `json:"url"`
	// Error is "" (success), "no_article", "not_html" or "too_large".
	Error string `json:"error"`

	Title         *string         `json:"title,omitempty"`
	SiteName      *string         `json:"site_name,omitempty"`
	CanonicalURL  *string         `json:"canonical_url,omitempty"`
	Section       *[]string       `json:"section,omitempty"`
	Published     *string         `json:"published,omitempty"`
	PublishedZone *bool           `json:"published_zone,omitempty"`
	Modified      *string         `json:"modified,omitempty"`
	ModifiedZone  *bool           `json:"modified_zone,omitempty"`
	Authors       *[]string       `json:"authors,omitempty"`
	Agency        *string         `json:"agency,omitempty"`
	Dateline      *string         `json:"dateline,omitempty"`
	Language      *string         `json:"language,omitempty"`
	Description   *string         `json:"description,omitempty"`
	Image         *string         `json:"image,omitempty"`
	Reactions     *map[string]int `json:"reactions,omitempty"`
	// Paragraphs is the number of paragraphs of Text (parts between blank
	// lines).
	Paragraphs *int `json:"paragraphs,omitempty"`
	// Text is the whole body, exactly.
	Text *string `json:"text,omitempty"`
	// Blocks are all the blocks of the page, in page order. Links is the
	// number of links; Titles and URLs, when given, are every link's title
	// and absolute URL in order.
	Blocks *[]blockCase `json:"blocks,omitempty"`

	// Checks on Text that are not fields of the record.
	TextStarts     string   `json:"text_starts,omitempty"`
	TextEnds       string   `json:"text_ends,omitempty"`
	MustContain    []string `json:"must_contain,omitempty"`
	MustNotContain []string `json:"must_not_contain,omitempty"`
}

type blockCase struct {
	Kind    string   `json:"kind"`
	Heading string   `json:"heading"`
	Links   int      `json:"links"`
	Titles  []string `json:"titles,omitempty"`
	URLs    []string `json:"urls,omitempty"`
}

type fixture struct {
	name string // the directory's name
	dir  string
	c    fixtureCase
}

// caseErrors maps case.json's "error" to the error Extract must return.
var caseErrors = map[string]error{
	"no_article": extract.ErrNoArticle,
	"not_html":   extract.ErrNotHTML,
	"too_large":  extract.ErrTooLarge,
}

// loadFixtures reads every testdata/extract/*/case.json and checks that the
// case is well-formed and consistent with itself.
func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(fixtureDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []fixture
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		fx := fixture{name: filepath.Base(dir), dir: dir}
		if _, err := os.Stat(filepath.Join(dir, "input.html")); err != nil {
			t.Errorf("%s: %v", fx.name, err)
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, "case.json"))
		if err != nil {
			t.Errorf("%s: %v", fx.name, err)
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&fx.c); err != nil {
			t.Errorf("%s/case.json: %v", fx.name, err)
			continue
		}
		if err := fx.c.validate(); err != nil {
			t.Errorf("%s/case.json: %v", fx.name, err)
			continue
		}
		fixtures = append(fixtures, fx)
	}
	if len(fixtures) == 0 {
		t.Fatalf("no fixtures under %s", fixtureDir)
	}
	return fixtures
}

// validate catches mistakes in a hand-written case.json.
func (c *fixtureCase) validate() error {
	if c.URL == "" {
		return errors.New(`"url" is required`)
	}
	if u, err := url.Parse(c.URL); err != nil || !u.IsAbs() {
		return fmt.Errorf("url %q is not absolute", c.URL)
	}
	if c.Error != "" && caseErrors[c.Error] == nil {
		return fmt.Errorf("unknown error %q", c.Error)
	}
	if c.Text != nil {
		if !strings.HasPrefix(*c.Text, c.TextStarts) || !strings.HasSuffix(*c.Text, c.TextEnds) {
			return errors.New("text_starts/text_ends disagree with text")
		}
		if c.Paragraphs != nil && paragraphCount(*c.Text) != *c.Paragraphs {
			return fmt.Errorf("paragraphs is %d but text has %d", *c.Paragraphs, paragraphCount(*c.Text))
		}
		for _, s := range c.MustContain {
			if !strings.Contains(*c.Text, s) {
				return fmt.Errorf("must_contain %q is not in text", s)
			}
		}
		for _, s := range c.MustNotContain {
			if strings.Contains(*c.Text, s) {
				return fmt.Errorf("must_not_contain %q is in text", s)
			}
		}
	}
	if c.Blocks != nil {
		for i, b := range *c.Blocks {
			switch b.Kind {
			case extract.KindRelated, extract.KindRanking, extract.KindRecommendation, extract.KindMore:
			default:
				return fmt.Errorf("block %d: unknown kind %q", i, b.Kind)
			}
			if b.Titles != nil && len(b.Titles) != b.Links || b.URLs != nil && len(b.URLs) != b.Links {
				return fmt.Errorf("block %d (%s): links is %d but %d titles and %d urls are listed",
					i, b.Heading, b.Links, len(b.Titles), len(b.URLs))
			}
		}
	}
	return nil
}

func paragraphCount(text string) int {
	if text == "" {
		return 0
	}
	return len(strings.Split(text, "\n\n"))
}

// project returns the fields of a that want gives, in want's shape, so that
// one cmp.Diff of want and the projection shows every mismatch by name.
func project(a *extract.Article, want fixtureCase) fixtureCase {
	got := fixtureCase{URL: a.URL}
	str := func(w *string, v string) *string {
		if w == nil {
			return nil
		}
		return &v
	}
	boolean := func(w *bool, v bool) *bool {
		if w == nil {
			return nil
		}
		return &v
	}
	list := func(w *[]string, v []string) *[]string {
		if w == nil {
			return nil
		}
		return &v
	}
	got.Title = str(want.Title, a.Title)
	got.SiteName = str(want.SiteName, a.SiteName)
	got.CanonicalURL = str(want.CanonicalURL, a.CanonicalURL)
	got.Section = list(want.Section, a.Section)
	got.Published = str(want.Published, a.Published)
	got.PublishedZone = boolean(want.PublishedZone, a.PublishedZone)
	got.Modified = str(want.Modified, a.Modified)
	got.ModifiedZone = boolean(want.ModifiedZone, a.ModifiedZone)
	got.Authors = list(want.Authors, a.Authors)
	got.Agency = str(want.Agency, a.Agency)
	got.Dateline = str(want.Dateline, a.Dateline)
	got.Language = str(want.Language, a.Language)
	got.Description = str(want.Description, a.Description)
	got.Image = str(want.Image, a.Image)
	got.Text = str(want.Text, a.Text)
	if want.Reactions != nil {
		r := a.Reactions
		got.Reactions = &r
	}
	if want.Paragraphs != nil {
		n := paragraphCount(a.Text)
		got.Paragraphs = &n
	}
	if want.Blocks != nil {
		blocks := make([]blockCase, len(a.Blocks))
		for i, b := range a.Blocks {
			blocks[i] = blockCase{Kind: b.Kind, Heading: b.Heading, Links: len(b.Links)}
			var wb blockCase
			if i < len(*want.Blocks) {
				wb = (*want.Blocks)[i]
			}
			for _, l := range b.Links {
				if wb.Titles != nil {
					blocks[i].Titles = append(blocks[i].Titles, l.Title)
				}
				if wb.URLs != nil {
					blocks[i].URLs = append(blocks[i].URLs, l.URL)
				}
			}
		}
		got.Blocks = &blocks
	}
	return got
}

// TestExtractFixtures extracts every testdata/extract/*/input.html and
// compares the record with the case's expectations.
func TestExtractFixtures(t *testing.T) {
	ex := extract.New(extract.Options{}) // shared: an Extractor is safe for concurrent use
	for _, fx := range loadFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			a, err := extractFixture(t, ex, fx)
			checkError(t, fx, err)
			if a == nil {
				t.Fatalf("Extract(page) returned a nil Article (error: %v)", err)
			}

			want := fx.c
			// Only the compared fields stay in want.
			want.Notes, want.Error = "", ""
			want.TextStarts, want.TextEnds, want.MustContain, want.MustNotContain = "", "", nil, nil
			if diff := cmp.Diff(want, project(a, fx.c), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Extract(page) mismatch (-want +got):\n%s", diff)
			}
			checkText(t, a.Text, fx.c)
			checkInvariants(t, a, true)
		})
	}
}

func extractFixture(t *testing.T, ex *extract.Extractor, fx fixture) (*extract.Article, error) {
	t.Helper()
	f, err := os.Open(filepath.Join(fx.dir, "input.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ex.Extract(f, extract.Source{URL: fx.c.URL})
}

func checkError(t *testing.T, fx fixture, err error) {
	t.Helper()
	if fx.c.Error == "" {
		if err != nil {
			t.Fatalf("Extract(page) error: %v", err)
		}
		return
	}
	if want := caseErrors[fx.c.Error]; !errors.Is(err, want) {
		t.Fatalf("Extract(page) error = %v, want %v", err, want)
	}
}

// checkText applies the case's text checks to Text, the body.
func checkText(t *testing.T, text string, c fixtureCase) {
	t.Helper()
	if c.TextStarts != "" && !strings.HasPrefix(text, c.TextStarts) {
		t.Errorf("Text does not start with %q; it starts with %q", c.TextStarts, head(text, len(c.TextStarts)))
	}
	if c.TextEnds != "" && !strings.HasSuffix(text, c.TextEnds) {
		t.Errorf("Text does not end with %q; it ends with %q", c.TextEnds, tail(text, len(c.TextEnds)))
	}
	for _, s := range c.MustContain {
		if !strings.Contains(text, s) {
			t.Errorf("Text lacks %q", s)
		}
	}
	for _, s := range c.MustNotContain {
		if i := strings.Index(text, s); i >= 0 {
			t.Errorf("Text contains %q: …%s…", s, head(text[max(0, i-40):], len(s)+80))
		}
	}
}

// head and tail cut s to about n bytes without splitting a character.
func head(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func tail(s string, n int) string {
	if n >= len(s) {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

var hex16 = regexp.MustCompile(`^[0-9a-f]{16}$`)

// checkInvariants checks what every record must satisfy, whatever the page:
// the JSON shape, valid UTF-8, the shape of Text, a word count and a
// fingerprint for any text that has a word, and well-formed blocks whose links are absolute
// when the page URL is known.
func checkInvariants(t *testing.T, a *extract.Article, urlKnown bool) {
	t.Helper()
	if a.Schema != extract.SchemaVersion {
		t.Errorf("Schema = %d, want %d", a.Schema, extract.SchemaVersion)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatalf("json.Marshal(Article): %v", err)
	}
	if first := firstJSONKey(b); first != "schema" {
		t.Errorf(`the record's first JSON field is %q, want "schema"`, first)
	}
	for _, bad := range invalidUTF8(a) {
		t.Errorf("%s is not valid UTF-8: %q", bad.path, bad.value)
	}
	if hasWord(a.Text) {
		if a.WordCount <= 0 {
			t.Errorf("WordCount = %d for a text of %d bytes", a.WordCount, len(a.Text))
		}
		if !hex16.MatchString(a.Fingerprint) {
			t.Errorf("Fingerprint = %q, want 16 lower-case hex digits", a.Fingerprint)
		}
	}
	if a.Text != "" {
		if strings.TrimSpace(a.Text) != a.Text {
			t.Errorf("Text has leading or trailing white space: %q … %q", head(a.Text, 20), tail(a.Text, 20))
		}
		for i, p := range strings.Split(a.Text, "\n\n") {
			if strings.TrimSpace(p) == "" {
				t.Errorf("paragraph %d of Text is empty (Text has a run of blank lines)", i)
			}
		}
	}
	for i, blk := range a.Blocks {
		switch blk.Kind {
		case extract.KindRelated, extract.KindRanking, extract.KindRecommendation, extract.KindMore:
		default:
			t.Errorf("Blocks[%d].Kind = %q, not a known kind", i, blk.Kind)
		}
		if len(blk.Links) == 0 {
			t.Errorf("Blocks[%d] (%s %q) has no links", i, blk.Kind, blk.Heading)
		}
		if !urlKnown {
			continue
		}
		for j, l := range blk.Links {
			if u, err := url.Parse(l.URL); err != nil || !u.IsAbs() {
				t.Errorf("Blocks[%d].Links[%d].URL = %q, not an absolute URL", i, j, l.URL)
			}
		}
	}
}

// hasWord reports whether text has a letter or a decimal digit, the stuff
// of words that are counted and fingerprinted.
func hasWord(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// firstJSONKey returns the first key of the JSON object b.
func firstJSONKey(b []byte) string {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	tok, err := dec.Token()
	if err != nil {
		return ""
	}
	s, _ := tok.(string)
	return s
}

type badString struct{ path, value string }

// invalidUTF8 walks every string of v (fields, slices, map keys and values)
// and returns those that are not valid UTF-8.
func invalidUTF8(v any) []badString {
	var bad []badString
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if !utf8.ValidString(v.String()) {
				bad = append(bad, badString{path, v.String()})
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				walk(path+"{key}", iter.Key())
				walk(fmt.Sprintf("%s[%q]", path, iter.Key()), iter.Value())
			}
		}
	}
	walk("Article", reflect.ValueOf(v))
	return bad
}

// TestExtractGolden compares the whole record of every fixture, as indented
// JSON, with testdata/extract/<case>/want.json. Run `go test ./extract
// -update` to rewrite the goldens after a deliberate change, and review the
// diff. For a case that expects an error the golden is the record returned
// with the error (metadata and blocks).
func TestExtractGolden(t *testing.T) {
	ex := extract.New(extract.Options{})
	for _, fx := range loadFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			a, _ := extractFixture(t, ex, fx)
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join(fx.dir, "want.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("%s is missing: run go test ./extract -update and review it", path)
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Extract(page) mismatch with %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestSeedFingerprints checks that the seed story in its three templates
// gets fingerprints within a Hamming distance of 3 of each other.
func TestSeedFingerprints(t *testing.T) {
	ex := extract.New(extract.Options{})
	var names, prints []string
	for _, fx := range loadFixtures(t) {
		if !strings.HasPrefix(fx.name, "seed-") {
			continue
		}
		a, err := extractFixture(t, ex, fx)
		if err != nil {
			t.Fatalf("%s: Extract(page) error: %v", fx.name, err)
		}
		if a.Fingerprint == "" {
			t.Fatalf("%s: empty Fingerprint", fx.name)
		}
		names, prints = append(names, fx.name), append(prints, a.Fingerprint)
	}
	if len(prints) < 3 {
		t.Fatalf("found %d seed-* fixtures, want at least 3", len(prints))
	}
	for i := range prints {
		for j := i + 1; j < len(prints); j++ {
			d, err := extract.Distance(prints[i], prints[j])
			if err != nil {
				t.Fatal(err)
			}
			if d > 3 {
				t.Errorf("Distance(%s %s, %s %s) = %d, want ≤ 3", names[i], prints[i], names[j], prints[j], d)
			}
		}
	}
}
