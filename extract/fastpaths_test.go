package extract

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestPhraseSet checks phraseSet.in against strings.Contains over every
// phrase, on the package's vocabularies and on random strings built from
// their own bytes (so that near misses are frequent).
func TestPhraseSet(t *testing.T) {
	lists := map[string][]string{
		"negativeNames": negativeNames, "positiveNames": positiveNames, "creditWords": creditWords,
		"boilerPhrases": boilerPhrases, "authorClassWords": authorClassWords, "authorPathWords": authorPathWords,
		"midByWords": midByWords, "dateLabelWords": dateLabelWords, "updateLabelWords": updateLabelWords,
		"signupWords": signupWords, "wireLeadParts": wireLeadParts,
		"short": {"a", "bc", "", "ü"}, "none": nil, "one": {"x"}, "multibyte": {"фото", "文/", "记者"},
		"singles": {"a", "bc", "ü"}, "cjk": {"记者", "記者", "文／", "文/", "作者", "撰文"}, "ko": {"기자", "특파원"},
		"few": {"ab", "ac", "ba", "zz"}, "many": {"ab", "bc", "cd", "de"},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for name, list := range lists {
		ps := newPhraseSet(list)
		alphabet := strings.Join(list, "") + " -_/аб文"
		for range 3000 {
			var b strings.Builder
			for range rng.IntN(40) {
				if rng.IntN(8) == 0 && len(list) > 0 {
					p := list[rng.IntN(len(list))]
					if len(p) > 1 {
						p = p[:1+rng.IntN(len(p))] // whole or cut short
					}
					b.WriteString(p)
					continue
				}
				b.WriteByte(alphabet[rng.IntN(len(alphabet))])
			}
			s := b.String()
			want := false
			for _, p := range list {
				want = want || strings.Contains(s, p)
			}
			if got := ps.in(s); got != want {
				t.Fatalf("%s: in(%q) = %v, want %v", name, s, got, want)
			}
		}
	}
}

// TestAtomSet checks atomSetOf against the maps it stands for, on every
// value an atom can take.
func TestAtomSet(t *testing.T) {
	for name, m := range map[string]map[atom.Atom]bool{"blockAtoms": blockAtoms, "junkAtoms": junkAtoms} {
		s := atomSetOf(m)
		for a := atom.Atom(0); a < 1<<21; a++ {
			if got, want := s.has(a), m[a]; got != want {
				t.Errorf("%s: has(%v) = %v, want %v", name, a, got, want)
			}
		}
	}
}

// TestCommentsValue checks the allocation-free isComments against
// commentsClass of the lower-cased class and id.
func TestCommentsValue(t *testing.T) {
	words := []string{"comment", "Comments", "COMMENT-list", "commentary", "disqus_thread", "respond", "table-responsive",
		"Kommentare", "kommentar", "x", "", "replies", "rePLIES", "discussion", "Ünter", "KOMMENTAR-Ü", "commentslistx"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var c, id []string
		for range rng.IntN(4) {
			c = append(c, words[rng.IntN(len(words))])
		}
		for range rng.IntN(2) {
			id = append(id, words[rng.IntN(len(words))])
		}
		seps := []string{" ", "-", "_", "  "}
		cv, iv := strings.Join(c, seps[rng.IntN(len(seps))]), strings.Join(id, "_")
		n := &html.Node{Type: html.ElementNode, Data: "div"}
		if len(c) > 0 {
			n.Attr = append(n.Attr, html.Attribute{Key: "class", Val: cv})
		}
		if len(id) > 0 {
			n.Attr = append(n.Attr, html.Attribute{Key: "id", Val: iv})
		}
		if got, want := isComments(n), commentsClass(classID(n)); got != want {
			t.Fatalf("isComments(class=%q id=%q) = %v, want %v", cv, iv, got, want)
		}
	}
}

// TestRegexpPrefilters checks the cheap tests before expressions against
// the expressions alone, on texts built from their own words.
func TestRegexpPrefilters(t *testing.T) {
	pieces := []string{"By ", "UPDATED", "Updated ", "posted", "Min Read", " read time", "Autor:", "Text：", "文／", "記者 ",
		"取材・文", "本报记者", "기자", "veröffentlicht", "publié", "обновлено", "Jane Doe", "张三", " ", ":", "5", "更新",
		"(", "【", "aktualisiert", "gepubliceerd", "Kelvin K", "ſ", "modified", "é", "x"}
	rng := rand.New(rand.NewPCG(5, 6))
	check := func(name string, got, want []int, s string) {
		if !slices.Equal(got, want) {
			t.Fatalf("%s(%q) = %v, want %v", name, s, got, want)
		}
	}
	for range 20000 {
		s := joinPieces(rng, pieces, 6)
		check("tailWordIndex", tailWordIndex(s), reTailWord.FindStringIndex(s), s)
		check("labelLeadIndex", labelLeadIndex(s), reLabelLead.FindStringIndex(s), s)
		check("cjkLeadIndex", cjkLeadIndex(s), reCJKLead.FindStringIndex(s), s)
		check("cjkCreditIndex", cjkCreditIndex(s), reCJKCredit.FindStringIndex(s), s)
		if got, want := koCreditSubmatch(s), reKoCredit.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Fatalf("koCreditSubmatch(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestStatTable checks the table of measures against a map, through its
// growth, for nodes present and absent.
func TestStatTable(t *testing.T) {
	for _, hint := range []int{0, 1, 5, 100} {
		tab := newStatTable(hint)
		want := map[*html.Node]*nstat{}
		var nodes []*html.Node
		for i := range 1000 {
			n := &html.Node{Type: html.ElementNode, Data: "div"}
			nodes = append(nodes, n)
			if i%3 == 0 {
				continue // absent
			}
			st := &nstat{chars: i}
			tab.put(n, st)
			want[n] = st
		}
		for _, n := range append(nodes, nil) {
			if got := tab.get(n); got != want[n] {
				t.Fatalf("hint %d: get(%p) = %v, want %v", hint, n, got, want[n])
			}
		}
	}
}

// TestMayBeCounter checks the test before counter's expressions: no text
// it refuses is matched by one of them.
func TestMayBeCounter(t *testing.T) {
	pieces := []string{"Like", "veryGood", "!", "！", " ", "\t", "(", ")", "（", "）", "[", "]", "12", "4,5", ".", "x", "页", "1"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 50000 {
		s := joinPieces(rng, pieces, 6)
		if mayBeCounter(s) {
			continue
		}
		if reReaction.MatchString(s) || reCountFirst.MatchString(s) || reLabelCount.MatchString(s) {
			t.Fatalf("mayBeCounter(%q) = false, but an expression matches", s)
		}
	}
}

// textRef is linearizer.text as it was before its ASCII fast path.
func textRef(l *linearizer, data string) {
	k := 0
	start := -1
	for i, r := range data {
		if isSpace(r) && (r != 0x3000 || len(l.buf) == 0 && start < 0) {
			if start >= 0 {
				l.buf = append(l.buf, data[start:i]...)
				start = -1
			}
			l.space = len(l.buf) > 0
			continue
		}
		if start < 0 {
			if len(l.buf) > 0 && (l.space || l.soft && l.last != 0 && scriptBoundary(l.last, r)) {
				l.buf = append(l.buf, ' ')
			}
			l.space, l.soft = false, false
			start = i
		}
		l.last = r
		k++
	}
	if start >= 0 {
		l.buf = append(l.buf, data[start:]...)
	}
	l.chars += k
	if l.inLink > 0 {
		l.link += k
	}
}

// TestLinearizerText checks the fast path of linearizer.text against the
// rune loop it replaced, on runs of text with every kind of space, CJK,
// controls and invalid bytes, across inline element boundaries.
func TestLinearizerText(t *testing.T) {
	pieces := []string{"word", " ", "  ", "\t\n", "\u3000", "\u00a0", "日本語", "Kindle", "x", "\x01", "\xff", "é", "\u200b", ".", "\x7f"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		got, want := &linearizer{}, &linearizer{}
		for range 1 + rng.IntN(4) {
			var b strings.Builder
			for range rng.IntN(6) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			soft, link := rng.IntN(2) == 0, rng.IntN(3)
			got.soft, want.soft = soft || got.soft, soft || want.soft
			got.inLink, want.inLink = link, link
			got.text(b.String())
			textRef(want, b.String())
		}
		if string(got.buf) != string(want.buf) || got.chars != want.chars || got.link != want.link ||
			got.last != want.last || got.space != want.space || got.soft != want.soft {
			t.Fatalf("text: got %q %d %d %q, want %q %d %d %q", got.buf, got.chars, got.link, got.last, want.buf, want.chars, want.link, want.last)
		}
	}
}

// TestCollapsed checks collapsed(s) against collapse(s) == s.
func TestCollapsed(t *testing.T) {
	pieces := []string{"a", "Zw", " ", "  ", "\t", "\n", "\u3000", "\u00a0", "\u2009", "\u200b", "\ufeff", "日本", "\xff", "\x01", "é", "\v", "\f", "\u00ad"}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 50000 {
		s := joinPieces(rng, pieces, 6)
		if got, want := collapsed(s), collapse(s) == s; got != want {
			t.Fatalf("collapsed(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestNodeTextChains checks nodeText's fast path on chains of single
// children, block and inline, over texts of every kind of space.
func TestNodeTextChains(t *testing.T) {
	tags := []atom.Atom{atom.A, atom.Span, atom.Div, atom.P, atom.Li, atom.B, atom.Script, atom.Br, atom.Noscript}
	texts := []string{"Headline", " Headline ", "Two  words", "a\u3000b", "\u3000a", "x\ny", "", " ", "日本語", "\xffbad", "a\u00a0b", "soft\u00adhyphen",
		"\n\t Headline \r\n", "\n  Two  words\n", "\v\f a\u3000b \n", "\n\u3000a\n", " \u00a0x ", "\n\xffbad\n", " 2 ", "\n\n"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		leaf := &html.Node{Type: html.TextNode, Data: texts[rng.IntN(len(texts))]}
		n := leaf
		for range rng.IntN(4) {
			a := tags[rng.IntN(len(tags))]
			p := &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}
			p.AppendChild(n)
			if rng.IntN(8) == 0 {
				p.AppendChild(&html.Node{Type: html.TextNode, Data: " tail"})
			}
			n = p
		}
		if got, want := nodeText(n), walkText(n); got != want {
			t.Fatalf("nodeText = %q, want %q", got, want)
		}
		if got, want := textOf(n), textOfRef(n); got != want {
			t.Fatalf("textOf = %q, want %q", got, want)
		}
	}
}

// textOfRef is textOf without its fast path: every text node below n.
func textOfRef(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		} else {
			b.WriteString(textOfRef(c))
		}
	}
	return b.String()
}

// TestCounterEnds checks that counterEnds refuses no element whose text
// mayBeCounter accepts.
func TestCounterEnds(t *testing.T) {
	pieces := []string{"Like", "!", " ", "\u3000", "\u00a0", "(", ")", "（", "）", "[", "]", "12", "4,5", ".", "x", "\xff"}
	rng := rand.New(rand.NewPCG(15, 16))
	text := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 30000 {
		n := &html.Node{Type: html.ElementNode, DataAtom: atom.Span, Data: "span"}
		for range 1 + rng.IntN(3) {
			if rng.IntN(2) == 0 {
				n.AppendChild(&html.Node{Type: html.TextNode, Data: text()})
				continue
			}
			c := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
			c.AppendChild(&html.Node{Type: html.TextNode, Data: text()})
			n.AppendChild(c)
		}
		if s := collapse(nodeText(n)); mayBeCounter(s) && !counterEnds(n) {
			t.Fatalf("counterEnds refuses %q, which mayBeCounter accepts", s)
		}
	}
}

// TestOpenerHelpers checks wordEnd and trimOpener against the library
// calls they stand for.
func TestOpenerHelpers(t *testing.T) {
	pieces := []string{"By", " ", "\u00a0", "\u2003", ":", "：", "(", "[", "|", "-", "–", "—", "·", "Jane", "\xff", "\u0085", "\v", "x"}
	rng := rand.New(rand.NewPCG(17, 18))
	isEnd := func(r rune) bool { return unicode.IsSpace(r) || r == ':' || r == '：' }
	for range 30000 {
		s := joinPieces(rng, pieces, 6)
		if got, want := wordEnd(s), strings.IndexFunc(s, isEnd); got != want {
			t.Fatalf("wordEnd(%q) = %d, want %d", s, got, want)
		}
		if got, want := trimOpener(s), strings.Trim(s, "([|-–—·"); got != want {
			t.Fatalf("trimOpener(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestTextWeight checks textWeight's ASCII prefix against a full count.
func TestTextWeight(t *testing.T) {
	ref := func(s string, chars int) int {
		cjk, other := scriptCounts(s) // over the whole string, no ASCII prefix skipped
		switch {
		case cjk == 0:
			return chars
		case cjk >= other:
			return chars * 3
		}
		return chars + 2*cjk
	}
	pieces := []string{"word", " ", "日本", "語", "é", "12", ".", "\xff", "한국"}
	rng := rand.New(rand.NewPCG(19, 20))
	for range 30000 {
		s := joinPieces(rng, pieces, 8)
		if got, want := textWeight(s, len(s)), ref(s, len(s)); got != want {
			t.Fatalf("textWeight(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestCountShaped checks that countShaped refuses nothing reCountOnly
// matches.
func TestCountShaped(t *testing.T) {
	pieces := []string{"(", ")", "（", "）", "[", "]", " ", "\t", "\v", "12", "4,5", ".", "x", "\u00a0", "١"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); reCountOnly.MatchString(s) && !countShaped(s) {
			t.Fatalf("countShaped(%q) = false, but reCountOnly matches", s)
		}
	}
}

// TestMayHaveSeparator checks that mayHaveSeparator refuses no element in
// which readCrumb finds a separator, on random small trees of links, list
// items and texts with and without marks; and that it does refuse some.
func TestMayHaveSeparator(t *testing.T) {
	tags := []atom.Atom{atom.A, atom.Span, atom.Li, atom.Ul, atom.Div}
	texts := []string{"Home", " ", "", " › ", "/", "Sports", "\u00a0", "Two words", "\x01", "日本", "\xff", " | "}
	rng := rand.New(rand.NewPCG(21, 22))
	var build func(depth int) *html.Node
	build = func(depth int) *html.Node {
		a := tags[rng.IntN(len(tags))]
		n := &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}
		for range rng.IntN(4) {
			if depth < 3 && rng.IntN(2) == 0 {
				n.AppendChild(build(depth + 1))
			} else {
				n.AppendChild(&html.Node{Type: html.TextNode, Data: texts[rng.IntN(len(texts))]})
			}
		}
		return n
	}
	refused := 0
	for range 50000 {
		n := build(0)
		if mayHaveSeparator(n) {
			continue
		}
		refused++
		r := readCrumb(n)
		if len(r.links) == 0 {
			continue
		}
		if sep, ok := r.separator(n); ok {
			var b strings.Builder
			html.Render(&b, n)
			t.Fatalf("mayHaveSeparator refused %s, separator %q", b.String(), sep)
		}
	}
	if refused == 0 {
		t.Fatal("mayHaveSeparator refused nothing")
	}
}

// TestStringFastPaths checks the allocation-free string helpers against
// the library calls they stand for, on random strings of ASCII space,
// letters of both cases, other spaces and broken UTF-8.
func TestStringFastPaths(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\v", "\f", "\r", "a", "Z", "By", ":", "\u00a0", "\u3000", "\u200b", "É", "ß", "İ", "\u212a",
		"Ⱥ", "日", "\xff", "\xc3", "x\x00", "word"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 30000 {
		s := joinPieces(rng, pieces, 12)
		if got, want := trimSpace(s), strings.TrimFunc(s, isSpace); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		var buf lowerBuf
		if got, want := lowerInto(&buf, s), strings.ToLower(s); got != want {
			t.Fatalf("lowerInto(%q) = %q, want %q", s, got, want)
		}
		for n := range 6 {
			if got, want := hasFields(s, n), len(strings.Fields(s)) >= n; got != want {
				t.Fatalf("hasFields(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
		want := ""
		if f := strings.Fields(s); len(f) > 0 {
			want = strings.TrimRight(f[0], ":：")
		}
		if got := firstWord(s); got != want {
			t.Fatalf("firstWord(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestDigitsMeasure checks the digits measure against hasDigitText on
// every element of the fixtures, as the page is measured.
func TestDigitsMeasure(t *testing.T) {
	files, _ := filepath.Glob("../testdata/extract/*/input.html")
	if len(files) == 0 {
		t.Skip("no fixtures")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		p := newPage(doc)
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if st := p.stats.get(c); st != nil && st.digits != hasDigitText(c) {
					t.Fatalf("%s: <%s> digits = %v, hasDigitText %v", f, c.Data, st.digits, !st.digits)
				}
				walk(c)
			}
		}
		walk(doc)
	}
}

// TestPlainPath checks the shortcut of sameTarget: two hrefs plainPath
// accepts with different paths never resolve to one address, against
// bases of every kind; random hrefs made of the pieces that break it.
func TestPlainPath(t *testing.T) {
	heads := []string{"/", "https://news.example/", "http://h.example/", "HTTPS://h.example/", "https://news.example", "", "//", "./", "../"}
	pieces := []string{"/", "a", "B", "1", ".", "..", "-", "_", "~", "x.html", "b.html", "/", "/", "a/"}
	odd := []string{"//", "%41", "?q", "#f", ":", " ", "é", "\\", "./", "../"}
	bases := []string{"", "https://news.example/a/b.html", "http://news.example/", "https://news.example", "file:///x/y",
		"mailto:x@news.example", "https://user@news.example:8080/a/"}
	rng := rand.New(rand.NewPCG(31, 32))
	var hrefs []string
	for range 4000 {
		var b strings.Builder
		b.WriteString(heads[rng.IntN(len(heads))])
		for range rng.IntN(6) {
			if rng.IntN(10) == 0 {
				b.WriteString(odd[rng.IntN(len(odd))])
				continue
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		hrefs = append(hrefs, b.String())
	}
	hrefs = append(hrefs, "/a/b.html", "https://news.example/a/b.html", "/a/b.html/", "/", "https://news.example/")
	plain := 0
	for _, bs := range bases {
		var base *url.URL
		if bs != "" {
			base, _ = url.Parse(bs)
		}
		for i := range 20000 {
			a, b := hrefs[rng.IntN(len(hrefs))], hrefs[rng.IntN(len(hrefs))]
			if i < 25 {
				a, b = hrefs[len(hrefs)-1-i%5], hrefs[len(hrefs)-1-(i/5)%5]
			}
			pa, okA := plainPath(a)
			pb, okB := plainPath(b)
			if !okA || !okB || pa == pb {
				continue
			}
			plain++
			if ra := resolve(base, a); ra != "" && ra == resolve(base, b) {
				t.Fatalf("base %q: %q and %q (paths %q, %q) both resolve to %q", bs, a, b, pa, pb, ra)
			}
		}
	}
	if plain < 1000 {
		t.Fatalf("only %d pairs of plain paths tried", plain)
	}
}

// joinPieces joins 0 to n-1 pieces drawn at random.
func joinPieces(rng *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range rng.IntN(n) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
