package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// synthetic returns n records as JSON Lines, shaped like a large crawl's:
// 8 sections, a year of days, 3 agencies and 40 datelines, 5 languages,
// 300-word texts, 26 block links each (tracking parameters on some), one
// record in ten a near copy of an earlier one.
func synthetic(n int) []byte {
	r := rand.New(rand.NewPCG(7, 9))
	words := strings.Fields("the minister said on monday that talks with regional banks would resume after weeks of delays and protests outside parliament over fuel prices and rents")
	sections := []string{"World", "Business", "Tech", "Sport", "Life", "Science", "Opinion", "Local"}
	langs := []string{"en", "en", "en", "de", "fr", "ja", "ko"}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	url := func(i int) string {
		return fmt.Sprintf("https://news%d.example/%s/%d/story-%d.html", i%7, sections[i%8], 2024, i)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	fps := make([]uint64, n)
	var text strings.Builder
	for i := range n {
		fps[i] = r.Uint64()
		if i > 0 && r.IntN(10) == 0 {
			fps[i] = fps[r.IntN(i)] ^ 1<<uint(r.IntN(64)) ^ 1<<uint(r.IntN(64))
		}
		text.Reset()
		for range 300 {
			text.WriteString(words[r.IntN(len(words))])
			text.WriteByte(' ')
		}
		pub := start.Add(time.Duration(r.IntN(365*24)) * time.Hour)
		a := extract.Article{Schema: 1, Input: url(i), Fetched: "2025-04-18T08:00:00Z", URL: url(i), SiteName: fmt.Sprintf("News %d", i%7),
			Title: fmt.Sprintf("Story %d about talks", i), Section: []string{"Home", sections[r.IntN(8)]}, Published: pub.Format(time.RFC3339),
			Agency: []string{"AP", "Reuters", "AFP", ""}[r.IntN(4)], Dateline: fmt.Sprintf("CITY%d", r.IntN(40)), Language: langs[r.IntN(len(langs))],
			Text: text.String(), WordCount: 300, Fingerprint: fmt.Sprintf("%016x", fps[i])}
		for k, kind := range []string{extract.KindRelated, extract.KindRanking, extract.KindRecommendation} {
			b := extract.Block{Kind: kind}
			for j := range []int{10, 8, 8}[k] {
				u := url(r.IntN(n))
				if j%3 == 1 {
					u += "?utm_source=block"
				}
				b.Links = append(b.Links, extract.Link{Title: "A linked story", URL: u})
			}
			a.Blocks = append(a.Blocks, b)
		}
		enc.Encode(&a)
	}
	return out.Bytes()
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkReport reads n synthetic records and writes the report:
// records/s and the page's size (html_bytes). -short: 10 000 records.
func BenchmarkReport(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	in := synthetic(n)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		r := New(Options{})
		if err := r.ReadRecords("synthetic.jsonl", bytes.NewReader(in)); err != nil {
			b.Fatal(err)
		}
		var w countingWriter
		if err := r.WriteHTML(io.Writer(&w)); err != nil {
			b.Fatal(err)
		}
		if r.articles != n {
			b.Fatalf("%d articles, want %d", r.articles, n)
		}
		size = w.n
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(size), "html_bytes")
	b.ReportMetric(float64(len(in)), "input_bytes")
}
