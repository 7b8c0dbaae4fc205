package crawl

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// The record the crawler encodes once (for the outbox and the JSONL sinks)
// must be byte for byte what the JSONL sink writes for the same article.
func TestEncodeRecord(t *testing.T) {
	art := &extract.Article{Schema: extract.SchemaVersion, URL: "http://h/a?x=1&y=<2>", Title: "Tom & Jerry",
		Text: "Body <b> text", WordCount: 3, Blocks: []extract.Block{{Kind: "related", Links: []extract.Link{{Title: "t", URL: "http://h/b"}}}}}
	fetched := time.Date(2025, 4, 17, 9, 12, 0, 5, time.FixedZone("", 2*3600))
	rec, hash, err := encodeRecord(art, "http://h/a?utm_source=x&y=<2>", fetched)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	s := NewJSONL(&want)
	s.Write(t.Context(), art)
	s.Flush()
	if string(rec)+"\n" != want.String() {
		t.Errorf("encodeRecord:\n%s\nJSONL sink:\n%s", rec, want.String())
	}
	var back extract.Article
	if err := json.Unmarshal(rec, &back); err != nil || back.Input != art.Input || back.Fetched != "2025-04-17T07:12:00Z" {
		t.Errorf("round trip: %v %q %q", err, back.Input, back.Fetched)
	}
	_, hash2, _ := encodeRecord(art, "http://other/", fetched.Add(time.Hour))
	if hash != hash2 {
		t.Errorf("hash depends on Input or Fetched")
	}
	art.CrawlID = "news-2026"
	rec, hash3, _ := encodeRecord(art, "http://h/a", fetched)
	want.Reset()
	s.Write(t.Context(), art)
	s.Flush()
	if string(rec)+"\n" != want.String() || hash3 != hash {
		t.Errorf("with crawl_id: encodeRecord:\n%s\nJSONL sink:\n%s\nhash %s, want %s", rec, want.String(), hash3, hash)
	}
	art.CrawlID = ""
	rec, _, _ = encodeRecord(art, "", time.Time{})
	if bytes.Contains(rec, []byte(`"input"`)) || bytes.Contains(rec, []byte(`"fetched"`)) {
		t.Errorf("no input, no time: %s", rec)
	}
}
