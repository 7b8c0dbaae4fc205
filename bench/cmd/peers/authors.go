package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/newsclip/newsclip/bench/peers"
	"github.com/newsclip/newsclip/internal/corpus"
)

// runAuthors runs two authorers (default newsclip and go-trafilatura) over
// the pages of the corpora (default both development corpora, ScrapingHub's
// and the dates benchmark) and lists the pages where their author lists
// differ, by class: only the first names anyone, only the second does,
// both do but differently. There is no author truth: the list is for
// reading the pages, and nothing is written but to stdout.
func runAuthors(ctx context.Context, c config, stdout, stderr io.Writer) int {
	dirs := []string{corpus.DefaultDir(), datesDir()}
	if c.dir != "" {
		dirs = []string{c.dir}
	}
	if c.names == nil {
		c.names = []string{"newsclip", "go-trafilatura"}
	}
	if len(c.names) != 2 {
		fmt.Fprintln(stderr, "peers: -authors compares two extractors")
		return 2
	}
	var sel [2]peers.Authorer
	for i, name := range c.names {
		a, ok := peers.NamedAuthorer(name)
		if !ok {
			fmt.Fprintf(stderr, "peers: unknown extractor %q (have newsclip, go-trafilatura)\n", name)
			return 2
		}
		sel[i] = a
	}
	var pages []peers.Page
	var ids []string
	for _, dir := range dirs {
		docs, code, ok := load(dir, stderr)
		if !ok {
			if code != 0 {
				return code
			}
			continue
		}
		pages = append(pages, peers.Pages(dir, docs)...)
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
	}
	var got [2][][]string
	for i, a := range sel {
		got[i] = make([][]string, len(pages))
		err := corpus.Each(ctx, len(pages), c.jobs, func(k int) {
			got[i][k], _ = a.Authors(&pages[k])
		})
		if err != nil {
			fmt.Fprintln(stderr, "peers: interrupted")
			return 130
		}
	}
	a, b := sel[0].Name, sel[1].Name
	classes := []string{a + " only", b + " only", "both, different"}
	var lists [3][]string
	with := [2]int{}
	agree := 0
	for k := range pages {
		x, y := got[0][k], got[1][k]
		for i, g := range [2][]string{x, y} {
			if len(g) > 0 {
				with[i]++
			}
		}
		cl := -1
		switch {
		case len(x) == 0 && len(y) == 0:
			continue
		case len(y) == 0:
			cl = 0
		case len(x) == 0:
			cl = 1
		case sameNames(x, y):
			agree++
			continue
		default:
			cl = 2
		}
		lists[cl] = append(lists[cl], fmt.Sprintf("%s %s\n    %s: %q\n    %s: %q", ids[k], pages[k].URL, a, x, b, y))
	}
	fmt.Fprintf(stdout, "%d pages; with authors: %s %d, %s %d; both the same: %d\n", len(pages), a, with[0], b, with[1], agree)
	for i, cl := range classes {
		fmt.Fprintf(stdout, "%s: %d\n", cl, len(lists[i]))
	}
	for i, cl := range classes {
		fmt.Fprintf(stdout, "\n== %s (%d)\n", cl, len(lists[i]))
		for _, l := range lists[i] {
			fmt.Fprintln(stdout, l)
		}
	}
	return 0
}

// sameNames reports two lists of the same names, in any order, compared
// without case, accents and punctuation ("J. Doe" is "J Doe").
func sameNames(x, y []string) bool {
	key := func(names []string) []string {
		var out []string
		for _, n := range names {
			var sb strings.Builder
			for _, w := range strings.FieldsFunc(norm.NFD.String(strings.ToLower(n)), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
			}) {
				sb.WriteString(strings.Map(func(r rune) rune {
					if unicode.Is(unicode.Mn, r) {
						return -1
					}
					return r
				}, w) + " ")
			}
			out = append(out, strings.TrimSpace(sb.String()))
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(key(x), key(y))
}
