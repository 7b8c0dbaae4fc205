package extract_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsclip/newsclip/extract"
)

// The fuzz targets are seeded with small inputs only. Under -fuzz every
// input that reaches new coverage is first minimized, for up to
// -fuzzminimizetime (60 s by default), and the status line counts no
// execs meanwhile. Minimizing tries removing every byte and then every
// substring, each try a full run of the target: about n²/2 runs for an
// input of n bytes that will not shrink. And a mutant of a large page
// nearly always reaches "new coverage" that will not shrink, because the
// 8-bit edge counters of the hot loops wrap and land in another
// power-of-two bucket. Seeded with the 4–13 KB fixture pages, both
// workers spent the whole of a 120 s run minimizing (54 execs, 2 new
// inputs); at 1 KB a minimization still took the full 60 s, at 250 bytes
// 5–30 s. So the seeds stay under maxFuzzSeed bytes, and the fixture pages
// and the large hostile inputs are held to the same properties by
// TestExtractProperties.
const maxFuzzSeed = 256

// fuzzSeeds are inputs that have broken HTML extractors: odd encodings,
// broken markup, hostile metadata.
var fuzzSeeds = []string{
	"",
	" ",
	"<",
	"<html>",
	"<!DOCTYPE html>",
	"<p>x</p>",
	`<body hidden><p>A hidden body.</p></body>`,
	`<body style="display:none">` + strings.Repeat("<p>Some text of a story that goes on.</p>", 3) + `</body>`,
	"<title>İstanbul'da deprem | Haber</title><h1>İstanbul'da deprem</h1><p>x</p>",
	"\xef\xbb\xbf<html><body><p>After a byte order mark.</p></body></html>",
	"\xff\xfe<\x00p\x00>\x00h\x00i\x00<\x00/\x00p\x00>\x00",
	"\xfe\xff\x00<\x00p\x00>\x00h\x00i\x00<\x00/\x00p\x00>",
	`<meta charset="utf-16"><p>Declared UTF-16, written in ASCII.</p>`,
	"<meta charset=\"gbk\"><title>\xd6\xd0\xce\xc4</title><p>\xd6\xd0\xce\xc4\xd6\xd0\xce\xc4</p>",
	"<meta charset=\"x-no-such-charset\"><p>\xff\xfe\xfd unknown charset</p>",
	"<meta charset=\"utf-8\"><title>\xc3</title><p>bad \xff\xfe bytes \xe2\x80 and \xc0\xaf</p>",
	"<a href=\"/\xff\">\xfe</a>",
	strings.Repeat("<div>", 40) + "<p>Deeply nested.</p>",
	strings.Repeat("<table><tr><td>", 12) + "<p>nested tables</p>",
	strings.Repeat("<b><i>", 15) + "misnested formatting" + strings.Repeat("</b></i>", 15),
	`<ul><li><a href="http://[::1">bad host</a><li><a href=" javascript:alert(1)">js</a><li><a href="%zz">bad escape</a><li><a href="//">empty</a></ul>`,
	`<script type="application/ld+json">{"@type":"NewsArticle","headline":"\ud800","datePublished":"not a date","author":{"name":"\u0000"},"articleBody":"x"}</script>`,
	`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"author":[[[]]],"datePublished":["2024"]}</script>`,
	`<script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script>`,
	`<meta property="article:published_time" content="2024-02-30T25:61:00+25:00"><time datetime="9999-99-99T99:99">then</time>`,
	`<time datetime="-0001-01-01T00:00:00Z">year minus one</time><p>Date:0000-00-00 00:00:00</p>`,
	`<p>veryGood! (99999999999999999999999999)</p><p>veryGood! (-5)</p>`,
	`<p>MOSCOW (AP) —</p>`,
	`<p>(AP) — (Reuters) - (dpa) - 新华社电 【共同】</p>`,
	"<title>" + strings.Repeat("- ", 60) + "</title>",
	"<frameset><frame src=\"a.html\"></frameset>",
	"<svg><p>in svg</p><math><mi>x</mi><style><p>style in math</p></style></math></svg>",
	"<template><p>inside a template</p></template><noscript><p>inside noscript</p></noscript>",
	"<plaintext><p>after plaintext</p>",
	"<!-- <p>in a comment</p> --><![CDATA[<p>cdata</p>]]>",
	"<html>\r\n<body>\r<p>carriage\rreturns</p>\r\n</body>",
	"<p>שלום 👍🏽 مرحبا \u202e reversed \u200b zero-width</p>",
}

// fuzzPages are pages written by hand in the shapes the extractor meets
// on real sites, one shape to a page and cut to what makes its path run,
// for the mutator to work from: metadata, byline and dateline, JSON-LD, a
// portal's date and reaction counter, link blocks, a table layout, lines
// cut by <br>, CJK, right-to-left and legacy-charset text, a listing, a
// comment thread, a sign-up box, custom elements.
var fuzzPages = []string{
	`<meta property=og:site_name content=Quay><meta property=article:published_time content=2024-03-05T09:30:00+01:00><link rel=canonical href=/b><p>` + fuzzStory + `</p>`,
	`<title>Bridge to close – Harbour Post</title><h1>Bridge to close</h1><p>By Ann Lee and Tom Ruiz</p><p>PORTVILLE (Reuters) — ` + fuzzStory + `</p>`,
	`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Gales","datePublished":"2024-03-05","author":[{"name":"Jo Park"}]}</script><p>` + fuzzStory + `</p>`,
	`<div>Current:<a href=/>Home</a> &gt; <a href=/w/>World</a></div><span>View</span> <span>Date:2025-04-17 14:27:32</span><p>` + fuzzStory + `</p><div>veryGood! (46151)</div>`,
	`<p>` + fuzzStory + `</p><div><div>Related</div><a href=/w/1.html>Talks resume in the capital</a><a href=/w/2.html>Port traffic doubles</a></div>`,
	`<p>` + fuzzStory + `</p><h3>Ranking</h3><ol><li><a href=/r/1>Rains return</a><li><a href=/r/2>Markets rise</a><li><a href=/r/1>Rains return</a></ol>`,
	`<table><tr><td><a href=/>Home</a><br><a href=/l/>Local</a><td><b>Library approved</b><br>Posted 05/03/2024<br><br>` + fuzzStory + `<br><br>Work starts in spring.</table>`,
	`<div>The bridge will close on Monday.<br>Engineers will replace its joints, the city said.<br>Buses will use Mill Lane.<br>Journeys will take longer.</div>`,
	`<html lang=zh><title>大桥将关闭三周_新闻</title><p>2024年3月5日</p><p>新华社电 港口大桥将从下周一起关闭三周，工程师将更换伸缩缝。</p><div>相关阅读</div><a href=/a.html>渡轮票价上涨</a>`,
	"<meta charset=shift_jis><article><p>\x81\x79\x8b\xa4\x93\xaf\x81\x7a\x8d\x60\x82\xcc\x91\xe5\x8b\xb4\x82\xaa\x97\x88\x8f\x54\x8c\x8e\x97\x6a\x93\xfa\x82\xa9\x82\xe7\x8e\x4f\x8f\x54\x8a\xd4\x95\xc2\x8d\xbd\x82\xb3\x82\xea\x82\xe9\x81\x42\x8b\x5a\x8e\x74\x82\xaa\x90\x4c\x8f\x6b\x8c\x70\x8e\xe8\x82\xf0\x8c\xf0\x8a\xb7\x82\xb7\x82\xe9\x81\x42</p></article>",
	"<meta charset=windows-1252><p>Von Anna M\xfcller</p><p>Hafenstadt (dpa) - Die Br\xfccke wird ab Montag f\xfcr drei Wochen gesperrt, teilte die Stadt mit, und Busse fahren \x93anders\x94 \x96 sagt sie.</p>",
	`<h2>Latest</h2><ul><li><a href=/n/1.html>Bridge to close</a> 2 hours ago<li><a href=/n/2.html>Library approved</a><li><a href=/n/3.html>Storm warning</a></ul><a href=?page=2>Next</a>`,
	`<main><p>` + fuzzStory + `</p></main><div id=comments><h3>12 comments</h3><div class=comment><b>Mo</b> 3 hours ago<p>About time too.</p><a href=#r>Reply</a></div></div>`,
	`<article><p>` + fuzzStory + `</p><aside><h4>Briefing</h4><p>Our newsletter, in your inbox.</p><form><input type=email><button>Sign up</button></form></aside></article>`,
	`<p>` + fuzzStory + `</p><p><strong>Read also:</strong> <a href=/r/1.html>How rents are set</a></p><p>Tags: <a href=/t/rent>rent</a>, <a href=/t/city>city</a></p>`,
	`<base href="https://cdn.example.net/s/"><x-body><amp-img src=a.jpg></amp-img><div>` + fuzzStory + `</div><amp-ad><div placeholder>Advertisement</div></amp-ad></x-body>`,
	`<article><p>` + fuzzStory + `</p><figure><img src=/w.jpg srcset="/w2.jpg 2x"><figcaption>The span.</figcaption></figure></article>`,
	`<html dir=rtl lang=ar><h1>إغلاق الجسر</h1><p>قالت البلدية إن جسر الميناء سيغلق أمام حركة المرور لمدة ثلاثة أسابيع.</p><p>הגשר ייסגר לשלושה שבועות.</p>`,
	// Found by FuzzExtract: control characters in a block link's href.
	"<p>" + fuzzStory + "</p><div><div>Related</div><a href=\"/w/0\x01\x1f\x7f%zz.html\">Talks resume in the capital</a><a href=/w/2.html>Port traffic doubles</a></div>",
}

// fuzzStory is a sentence long enough to make a body.
const fuzzStory = "The bridge will close for three weeks from Monday while engineers replace its joints, the city said."

// stressInputs are large hostile inputs: too big to seed the fuzzer (see
// maxFuzzSeed), held to its properties by TestExtractProperties.
var stressInputs = []string{
	strings.Repeat("<div>", 600) + "<p>Deeper than the parser's limit.</p>",
	strings.Repeat("<table><tr><td>", 200) + "<p>nested tables</p>",
	strings.Repeat("<b><i>", 300) + "misnested formatting" + strings.Repeat("</b></i>", 300),
	`<script type="application/ld+json">` + strings.Repeat("[", 2000) + `</script>`,
	"<title>" + strings.Repeat("- ", 2000) + "</title>",
	"<body>" + strings.Repeat("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>", 40) + "</body>",
	"<html><body><article><h1>T</h1>" + strings.Repeat("<a href=\"/x\">link</a> ", 300) + "</article></body></html>",
	"<div>" + strings.Repeat("A line of a story, cut by a break.<br>", 2000) + "</div>",
}

// addFuzzSeeds seeds a fuzz target taking one []byte with fuzzSeeds and
// fuzzPages.
func addFuzzSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, s := range fuzzPages {
		f.Add([]byte(s))
	}
}

// TestFuzzSeedsSmall keeps the seeds of the fuzz targets small (see
// maxFuzzSeed): a larger input belongs in stressInputs.
func TestFuzzSeedsSmall(t *testing.T) {
	for i, s := range slices.Concat(fuzzSeeds, fuzzPages) {
		if len(s) > maxFuzzSeed {
			t.Errorf("seed %d is %d bytes, over maxFuzzSeed (%d): %.60q", i, len(s), maxFuzzSeed, s)
		}
	}
}

// fuzzTestPages are the pages TestExtractProperties holds to the fuzz
// properties: the fixture pages and stressInputs.
func fuzzTestPages(t *testing.T) map[string][]byte {
	t.Helper()
	inputs, err := filepath.Glob(filepath.Join(fixtureDir, "*", "input.html"))
	if err != nil {
		t.Fatal(err)
	}
	pages := make(map[string][]byte)
	for _, p := range inputs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.Base(filepath.Dir(p))] = b
	}
	for i, s := range stressInputs {
		pages[fmt.Sprintf("stress-%d", i)] = []byte(s)
	}
	return pages
}

var fuzzSrc = extract.Source{URL: "https://news.example.com/world/2024/03/05/story.html"}

// FuzzExtract: on any input Extract does not panic and does not modify
// its input, and returns one of its errors or a record that holds the
// invariants; it is deterministic, Extract on a reader is ExtractBytes,
// and the record survives a JSON round trip.
func FuzzExtract(f *testing.F) {
	addFuzzSeeds(f)
	ex := extract.New(extract.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkExtractProperties(t, ex, data)
	})
}

// TestExtractProperties holds the fixture pages and stressInputs to the
// properties of FuzzExtract and FuzzExplain.
func TestExtractProperties(t *testing.T) {
	ex := extract.New(extract.Options{})
	for name, page := range fuzzTestPages(t) {
		t.Run(name, func(t *testing.T) {
			checkExtractProperties(t, ex, page)
			checkExplainProperties(t, ex, page)
		})
	}
}

func checkExtractProperties(t *testing.T, ex *extract.Extractor, data []byte) {
	t.Helper()
	orig := bytes.Clone(data)
	a1, err1 := ex.ExtractBytes(data, fuzzSrc)
	if !bytes.Equal(orig, data) {
		t.Fatal("ExtractBytes modified its input")
	}
	checkOutcome(t, a1, err1)

	// Extract on a reader is ExtractBytes, and a second call gives what
	// the first gave: one call checks both.
	a2, err2 := ex.Extract(bytes.NewReader(data), fuzzSrc)
	if errString(err2) != errString(err1) {
		t.Fatalf("Extract error %v, ExtractBytes error %v", err2, err1)
	}
	if !cmp.Equal(a1, a2) {
		t.Fatalf("Extract(page) mismatch with ExtractBytes(page) (-ExtractBytes +Extract):\n%s", cmp.Diff(a1, a2))
	}

	// JSON round trip.
	if a1 == nil {
		return
	}
	b, err := json.Marshal(a1)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	var back extract.Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("json.Unmarshal: %v\n%s", err, b)
	}
	if diff := cmp.Diff(a1, &back, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("JSON round trip mismatch (-before +after):\n%s", diff)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// checkOutcome checks the result of one call on arbitrary input: an error
// is one of the package's (and only one), prefixed "extract:"; a success
// has a body; any record satisfies the invariants.
func checkOutcome(t *testing.T, a *extract.Article, err error) {
	t.Helper()
	if err != nil {
		if n := sentinelCount(err); n != 1 {
			t.Fatalf("error %q matches %d of ErrTooLarge, ErrNotHTML, ErrNoArticle; want exactly 1", err, n)
		}
		if !strings.HasPrefix(err.Error(), "extract:") {
			t.Errorf("error %q lacks the \"extract:\" prefix", err)
		}
	} else {
		if a == nil {
			t.Fatal("nil Article and nil error")
		}
		if a.Text == "" {
			t.Error("no error but an empty Text: a page without a body must fail with ErrNoArticle")
		}
	}
	if a != nil {
		checkInvariants(t, a, true)
	}
}

func sentinelCount(err error) int {
	n := 0
	for _, s := range []error{extract.ErrTooLarge, extract.ErrNotHTML, extract.ErrNoArticle} {
		if errors.Is(err, s) {
			n++
		}
	}
	return n
}

// Pieces of a small real article, for the bad-input tests.
const (
	badTitle = "Harbour bridge to close for three weeks of repairs"
	badP1    = "The harbour bridge will close to all traffic for three weeks from Monday while engineers replace worn expansion joints and resurface the main span, the city's transport office said on Thursday."
	badP2    = "Buses will be diverted over the river crossing at Mill Lane, adding about fifteen minutes to journeys between the docks and the city centre at peak times, the office said."
	badP3    = "Cyclists and pedestrians will be able to use a temporary walkway on the eastern side of the bridge during daylight hours, except on two weekends when cranes will be working overhead."
	badP4    = "The bridge carries about forty thousand vehicles a day. It was last closed for major work eleven years ago, when its steel cables were replaced after inspectors found corrosion."
	badP5    = "Shop owners near the southern approach said they were worried about losing passing trade, and asked the council to put up signs telling drivers that businesses remain open."
)

// articlePage returns a small but real article page. head is put in <head>
// (a charset declaration, say); the body paragraphs are ps, or the five
// standard ones.
func articlePage(head string, ps ...string) string {
	if len(ps) == 0 {
		ps = []string{badP1, badP2, badP3, badP4, badP5}
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n" + head + "\n<title>" + badTitle + " - The Example Times</title>\n</head>\n<body>\n")
	b.WriteString("<nav><a href=\"/\">Home</a> <a href=\"/news/\">News</a> <a href=\"/sport/\">Sport</a></nav>\n")
	b.WriteString("<article>\n<h1>" + badTitle + "</h1>\n")
	for _, p := range ps {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article>\n<footer><a href=\"/about/\">About</a> <a href=\"/privacy/\">Privacy</a></footer>\n</body>\n</html>\n")
	return b.String()
}

const listingPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The Example Times – News</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav>
<h2>Latest</h2>
<ul>
<li><a href="/news/1.html">Harbour bridge to close for repairs</a></li>
<li><a href="/news/2.html">Council approves new library</a></li>
<li><a href="/news/3.html">Storm warning for the coast</a></li>
<li><a href="/news/4.html">School wins science prize</a></li>
<li><a href="/news/5.html">Market square to go car-free</a></li>
<li><a href="/news/6.html">Bus fares to rise in April</a></li>
</ul>
<footer><a href="/about/">About</a> <a href="/privacy/">Privacy</a></footer>
</body></html>`

// utf16LE encodes s as UTF-16LE with a byte order mark.
func utf16LE(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func gzipped(s string) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte(s))
	w.Close()
	return buf.Bytes()
}

// randomBytes returns n bytes from a fixed seed, with NULs among them.
func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	for i := 7; i < n; i += 100 {
		b[i] = 0
	}
	return b
}

// pdfPage is the start of a PDF file whose first binary stream begins
// after more than 1 KiB of text objects (as with XMP metadata).
func pdfPage() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>\nendobj\n")
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [4 0 R] /Count 1 >>\nendobj\n")
	b.WriteString("3 0 obj\n<< /Type /Metadata /Subtype /XML /Length 1400 >>\nstream\n<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	for b.Len() < 1600 {
		b.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Annual report</dc:title></rdf:Description>\n")
	}
	b.WriteString("</x:xmpmeta>\n<?xpacket end=\"w\"?>\nendstream\nendobj\n")
	b.WriteString("5 0 obj\n<< /Length 512 /Filter /FlateDecode >>\nstream\n")
	b.Write(randomBytes(512))
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
}

// repeatReader yields n bytes of c.
type repeatReader struct {
	c byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.n)]
	for i := range p {
		p[i] = r.c
	}
	r.n -= int64(len(p))
	return len(p), nil
}

var errBrokenReader = errors.New("disk on fire")

// brokenReader yields some of a page, then fails.
type brokenReader struct{ r io.Reader }

func (b *brokenReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF || n == 0 {
		return n, errBrokenReader
	}
	return n, nil
}

// TestBadInput feeds the extractor input that is empty, binary, badly
// encoded, deeply nested, too large or unreadable.
func TestBadInput(t *testing.T) {
	page := articlePage(`<meta charset="utf-8">`)
	deep := strings.Repeat("<div>", 100_000)
	undeep := strings.Repeat("</div>", 100_000)
	article := "<article><h1>" + badTitle + "</h1><p>" + badP1 + "</p><p>" + badP2 + "</p><p>" + badP3 + "</p><p>" + badP4 + "</p><p>" + badP5 + "</p></article>"

	// ok stands for "no error" in allow.
	var ok error
	tests := []struct {
		name string
		opts extract.Options
		ct   string // Source.ContentType
		// input is the page; reader, when set, replaces it (Extract only).
		input  []byte
		reader func() io.Reader
		// allow lists the accepted outcomes (ok for success); an error
		// must also not match any other of the package's sentinels.
		allow []error
		// contain must be in Text on success.
		contain []string
	}{
		{name: "empty", input: nil, allow: []error{extract.ErrNotHTML}},
		{name: "whitespace only", input: []byte(" \n\t\r\n  \f "), allow: []error{extract.ErrNotHTML}},
		{name: "byte order mark only", input: []byte("\xef\xbb\xbf"), allow: []error{extract.ErrNotHTML}},
		{name: "PNG", input: append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0\x08\x06\x00\x00\x00"), randomBytes(256)...), allow: []error{extract.ErrNotHTML}},
		{name: "JPEG", input: append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), randomBytes(256)...), allow: []error{extract.ErrNotHTML}},
		{name: "GIF", input: append([]byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), randomBytes(64)...), allow: []error{extract.ErrNotHTML}},
		{name: "PDF header", input: append([]byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), randomBytes(512)...), allow: []error{extract.ErrNotHTML}},
		{name: "PDF with long text header", input: pdfPage(), allow: []error{extract.ErrNotHTML}},
		{name: "gzip-compressed page", input: gzipped(page), allow: []error{extract.ErrNotHTML}},
		{name: "random bytes with NULs", input: randomBytes(4096), allow: []error{extract.ErrNotHTML}},

		{name: "UTF-16LE with BOM", input: utf16LE(page), allow: []error{ok}, contain: []string{badP1}},
		{
			name:    "invalid UTF-8 in a page declared utf-8",
			input:   []byte(articlePage(`<meta charset="utf-8">`, "The harbour bridge \xff\xfe will close \xe2\x80 to all traffic \xc0\xaf for three weeks. "+badP1, badP2, badP3, badP4, badP5)),
			allow:   []error{ok},
			contain: []string{"The harbour bridge", badP2},
		},
		{
			// The header declares windows-1252, the bytes are UTF-8; where
			// they are ASCII they must come through whatever is chosen.
			name:    "charset declared wrongly (latin-1 over UTF-8)",
			input:   []byte(articlePage(`<meta charset="iso-8859-1">`, "At the Café Lumière, crème brûlée. "+badP1, badP2, badP3, badP4, badP5)),
			allow:   []error{ok},
			contain: []string{badP2, badP5},
		},
		{
			name:    "unknown charset declared",
			input:   []byte(articlePage(`<meta charset="x-no-such-charset">`)),
			allow:   []error{ok},
			contain: []string{badP1, badP5},
		},
		{
			// HTML: a <meta> naming UTF-16 on a byte-oriented page means UTF-8.
			name:    "utf-16 declared in meta on an ASCII page",
			input:   []byte(articlePage(`<meta charset="utf-16">`)),
			allow:   []error{ok},
			contain: []string{badP1, badP5},
		},
		{
			name:    "Content-Type charset over a wrong meta (UTF-8 bytes)",
			ct:      "text/html; charset=utf-8",
			input:   []byte(articlePage(`<meta charset="windows-1252">`, "At the Café Lumière. "+badP1, badP2, badP3, badP4, badP5)),
			allow:   []error{ok},
			contain: []string{"At the Café Lumière."},
		},
		{
			name:    "Content-Type charset over a wrong meta (windows-1252 bytes)",
			ct:      "text/html; charset=windows-1252",
			input:   []byte(articlePage(`<meta charset="utf-8">`, "At the Caf\xe9 Lumi\xe8re. "+badP1, badP2, badP3, badP4, badP5)),
			allow:   []error{ok},
			contain: []string{"At the Café Lumière."},
		},

		{
			// Deeper than the parser's limit: the nesting is cut and the
			// call returns; whether the article survives the cut is not
			// specified.
			name:  "100 000 nested divs around an article",
			input: []byte("<!DOCTYPE html><html><head><title>" + badTitle + "</title></head><body>" + deep + article + undeep + "</body></html>"),
			allow: []error{ok, extract.ErrNoArticle},
		},
		{
			name:    "100 000 nested divs after an article",
			input:   []byte("<!DOCTYPE html><html><head><title>" + badTitle + "</title></head><body>" + article + deep + "<p>deep</p>" + undeep + "</body></html>"),
			allow:   []error{ok},
			contain: []string{badP1, badP5},
		},

		{name: "over MaxBytes", opts: extract.Options{MaxBytes: 1000}, input: []byte(page), allow: []error{extract.ErrTooLarge}},
		{name: "exactly MaxBytes", opts: extract.Options{MaxBytes: int64(len(page))}, input: []byte(page), allow: []error{ok}, contain: []string{badP1}},
		{name: "no limit", opts: extract.Options{MaxBytes: -1}, input: []byte(page), allow: []error{ok}, contain: []string{badP1}},
		{
			name: "over DefaultMaxBytes",
			reader: func() io.Reader {
				return io.MultiReader(strings.NewReader("<!DOCTYPE html><p>"), &repeatReader{'a', extract.DefaultMaxBytes})
			},
			allow: []error{extract.ErrTooLarge},
		},
		{
			// Read whole, not refused for its size: it is the PDF it
			// says it is that fails it.
			name: "exactly DefaultMaxBytes",
			reader: func() io.Reader {
				return io.MultiReader(strings.NewReader("%PDF-"), &repeatReader{'a', int64(extract.DefaultMaxBytes - len("%PDF-"))})
			},
			allow: []error{extract.ErrNotHTML},
		},

		{name: "no article", input: []byte(listingPage), allow: []error{extract.ErrNoArticle}},
		{name: "empty body", input: []byte("<!DOCTYPE html><html><head><title>Nothing here</title></head><body></body></html>"), allow: []error{extract.ErrNoArticle}},
		{
			name:   "read error",
			reader: func() io.Reader { return &brokenReader{strings.NewReader(page[:500])} },
			allow:  []error{errBrokenReader},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extract.New(tt.opts)
			src := extract.Source{URL: "https://news.example.com/news/2024/03/05/bridge.html", ContentType: tt.ct}
			type result struct {
				how string
				a   *extract.Article
				err error
			}
			var results []result
			if tt.reader != nil {
				a, err := ex.Extract(tt.reader(), src)
				results = append(results, result{"Extract", a, err})
			} else {
				a, err := ex.Extract(bytes.NewReader(tt.input), src)
				results = append(results, result{"Extract", a, err})
				a, err = ex.ExtractBytes(tt.input, src)
				results = append(results, result{"ExtractBytes", a, err})
			}
			for _, r := range results {
				checkBadInputResult(t, r.how, r.a, r.err, tt.allow, tt.contain)
			}
			if len(results) == 2 {
				if errString(results[0].err) != errString(results[1].err) {
					t.Errorf("Extract error %v, ExtractBytes error %v", results[0].err, results[1].err)
				}
				if diff := cmp.Diff(results[0].a, results[1].a); diff != "" {
					t.Errorf("Extract and ExtractBytes differ (-Extract +ExtractBytes):\n%s", diff)
				}
			}
		})
	}
}

func checkBadInputResult(t *testing.T, how string, a *extract.Article, err error, allow []error, contain []string) {
	t.Helper()
	allowed := false
	for _, want := range allow {
		if want == nil && err == nil || want != nil && errors.Is(err, want) {
			allowed = true
		}
	}
	if !allowed {
		t.Fatalf("%s: error = %v, want one of %v", how, err, fmtErrors(allow))
	}
	if err != nil {
		if n := sentinelCount(err); n > 1 {
			t.Errorf("%s: error %q matches %d of ErrTooLarge, ErrNotHTML, ErrNoArticle", how, err, n)
		}
		if !strings.HasPrefix(err.Error(), "extract:") {
			t.Errorf("%s: error %q lacks the \"extract:\" prefix", how, err)
		}
	}
	if a != nil {
		checkInvariants(t, a, true)
	}
	if err != nil {
		return
	}
	if a == nil {
		t.Fatalf("%s: nil Article and nil error", how)
	}
	if !utf8.ValidString(a.Text) {
		t.Errorf("%s: Text is not valid UTF-8", how)
	}
	for _, s := range contain {
		if !strings.Contains(a.Text, s) {
			t.Errorf("%s: Text lacks %q; Text:\n%s", how, s, a.Text)
		}
	}
}

func fmtErrors(errs []error) string {
	var s []string
	for _, e := range errs {
		if e == nil {
			s = append(s, "no error")
		} else {
			s = append(s, fmt.Sprintf("%q", e))
		}
	}
	return strings.Join(s, ", ")
}
