package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsclip/newsclip/extract"
)

// noticeLines returns n distinct lines of a story, and the same lines joined
// by sep (the markup that cuts them).
func noticeLines(n int, sep string) (lines []string, joined string) {
	for i := range n {
		lines = append(lines, fmt.Sprintf("In its notice number %d, the council said the harbour bridge would close for repairs, and that buses would use Mill Lane.", i+1))
	}
	return lines, strings.Join(lines, sep)
}

// brPages are the layouts of a story whose paragraphs are lines cut by
// <br> in one element: a legacy CMS, a forum post, a poem.
var brPages = []struct {
	name   string
	layout func(n int) ([]string, string)
}{
	{"lines in a div", func(n int) ([]string, string) { l, s := noticeLines(n, "<br>\n"); return l, "<div>" + s + "</div>" }},
	{"double breaks in a div", func(n int) ([]string, string) { l, s := noticeLines(n, "<br><br>\n"); return l, "<div>" + s + "</div>" }},
	{"lines in a p", func(n int) ([]string, string) { l, s := noticeLines(n, "<br>"); return l, "<p>" + s + "</p>" }},
	{"lines in a table cell", func(n int) ([]string, string) {
		l, s := noticeLines(n, "<br>")
		return l, "<table><tr><td>" + s + "</td></tr></table>"
	}},
	{"spans cut by breaks", func(n int) ([]string, string) {
		l, s := noticeLines(n, "</span><br><span>")
		return l, "<div><span>" + s + "</span></div>"
	}},
}

func brPage(body string) []byte {
	return []byte("<!DOCTYPE html><html><head><title>Harbour bridge notices</title></head><body>" + body + "</body></html>")
}

// TestManyBrLines: a story of thousands of lines cut by <br> in one
// element comes out whole, one paragraph a line. Such a page once cost
// time quadratic in its lines (each line asked again whether its element
// holds blocks); BenchmarkBrLines measures it.
func TestManyBrLines(t *testing.T) {
	ex := extract.New(extract.Options{})
	for _, tt := range brPages {
		t.Run(tt.name, func(t *testing.T) {
			lines, body := tt.layout(2000)
			a, err := ex.ExtractBytes(brPage(body), extract.Source{URL: "https://notices.example.com/bridge.html"})
			if err != nil {
				t.Fatalf("ExtractBytes: %v", err)
			}
			if diff := cmp.Diff(lines, strings.Split(a.Text, "\n\n")); diff != "" {
				t.Errorf("Extract(page) paragraphs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// BenchmarkBrLines extracts pages of 1 000 and 8 000 lines cut by <br>;
// ns/line stays flat when the work is linear in the lines.
func BenchmarkBrLines(b *testing.B) {
	ex := extract.New(extract.Options{})
	for _, tt := range brPages {
		for _, n := range []int{1000, 8000} {
			b.Run(fmt.Sprintf("%s/%d", tt.name, n), func(b *testing.B) {
				_, body := tt.layout(n)
				page := brPage(body)
				b.SetBytes(int64(len(page)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := ex.ExtractBytes(page, extract.Source{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
			})
		}
	}
}
