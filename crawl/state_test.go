package crawl_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsclip/newsclip/crawl"
)

// stores lists the Store backends under test; reopen simulates a process
// that died and started again (nil when the backend cannot outlive it).
func stores(t *testing.T) []struct {
	name   string
	open   func() crawl.Store
	reopen func(crawl.Store) crawl.Store
} {
	return []struct {
		name   string
		open   func() crawl.Store
		reopen func(crawl.Store) crawl.Store
	}{
		{"memory", crawl.NewMemoryStore, func(s crawl.Store) crawl.Store { return s }},
		{"bolt", func() crawl.Store {
			path := filepath.Join(t.TempDir(), "state.db")
			s, err := crawl.OpenBolt(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			boltPaths[s] = path
			return s
		}, func(s crawl.Store) crawl.Store {
			path := boltPaths[s]
			s.Close()
			n, err := crawl.OpenBolt(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { n.Close() })
			boltPaths[n] = path
			return n
		}},
	}
}

var boltPaths = map[crawl.Store]string{}

func item(i int) crawl.Item {
	u := fmt.Sprintf("http://example.com/a/%d", i)
	return crawl.Item{Key: u, URL: u, Depth: 1}
}

func TestStore(t *testing.T) {
	ctx := context.Background()
	for _, b := range stores(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open()
			r, err := s.Begin(ctx, false)
			if err != nil || r.Generation != 1 || r.Resumed || r.Queued != 0 {
				t.Fatalf("Begin = %+v, %v", r, err)
			}
			news, err := s.Add(ctx, []crawl.Item{item(1), item(2), item(1), item(3)})
			if err != nil || fmt.Sprint(news) != "[true true false true]" {
				t.Fatalf("Add = %v, %v", news, err)
			}
			got, _ := s.Claim(ctx, 2)
			if len(got) != 2 || got[0].Key != item(1).Key || got[1].Key != item(2).Key {
				t.Fatalf("Claim = %+v", got)
			}
			// Complete item 1 as an article with two links, one known.
			res, err := s.Complete(ctx, []crawl.Completion{{
				Item: got[0], Fetched: true, ETag: `"v1"`, LastModified: "Mon, 01 Jan 2024 00:00:00 GMT",
				Links:  []crawl.Item{item(2), item(4), {Key: item(9).Key, URL: item(9).URL, Skip: "robots"}},
				Record: []byte(`{"schema":1,"url":"http://example.com/a/1"}`), RecordKey: item(1).Key, RecordHash: "h1",
			}})
			if err != nil || !res[0].Emitted || fmt.Sprint(res[0].New) != "[false true true]" {
				t.Fatalf("Complete = %+v, %v", res, err)
			}
			// A second page claiming the same record key is a duplicate.
			res, _ = s.Complete(ctx, []crawl.Completion{{Item: got[1], Fetched: true,
				Record: []byte(`{}`), RecordKey: item(1).Key, RecordHash: "h1"}})
			if res[0].Emitted || res[0].Why != "duplicate" {
				t.Fatalf("duplicate record: %+v", res[0])
			}
			ob, _ := s.Outbox(ctx)
			if len(ob) != 1 {
				t.Fatalf("Outbox = %d entries, want 1", len(ob))
			}

			// Crash: item 3 claimed, never completed. Reopen.
			c3, _ := s.Claim(ctx, 1)
			if len(c3) != 1 || c3[0].Key != item(3).Key {
				t.Fatalf("Claim = %+v", c3)
			}
			s = b.reopen(s)
			r, _ = s.Begin(ctx, false)
			if !r.Resumed || r.Queued != 2 || r.Generation != 1 {
				t.Fatalf("Begin after crash = %+v, want resumed with 2 queued", r)
			}
			if ob, _ := s.Outbox(ctx); len(ob) != 1 {
				t.Fatalf("outbox lost in the crash: %d", len(ob))
			}
			if err := s.Ack(ctx, ob[0].Seq, 123); err != nil {
				t.Fatal(err)
			}
			rest, _ := s.Claim(ctx, 10)
			if len(rest) != 2 {
				t.Fatalf("Claim after resume = %+v", rest)
			}
			if err := s.Release(ctx, rest[1:]); err != nil {
				t.Fatal(err)
			}
			again, _ := s.Claim(ctx, 10)
			if len(again) != 1 || again[0].Key != rest[1].Key {
				t.Fatalf("Claim after Release = %+v", again)
			}
			var done []crawl.Completion
			for _, it := range append(rest[:1], again...) {
				done = append(done, crawl.Completion{Item: it, Fetched: true})
			}
			s.Complete(ctx, done)

			// Incremental: a new generation revisits the 4 fetched pages,
			// with their validators; the robots-skipped one stays out.
			s = b.reopen(s)
			r, _ = s.Begin(ctx, true)
			if r.Generation != 2 || r.Queued != 4 || r.SinkPos != 123 {
				t.Fatalf("incremental Begin = %+v, want generation 2, 4 queued, sink at 123", r)
			}
			all, _ := s.Claim(ctx, 10)
			var one crawl.Item
			for _, it := range all {
				if it.Key == item(1).Key {
					one = it
				}
			}
			if one.ETag != `"v1"` || one.LastModified == "" {
				t.Fatalf("validators lost: %+v", one)
			}
			res, _ = s.Complete(ctx, []crawl.Completion{{Item: one, Fetched: true,
				Record: []byte(`{}`), RecordKey: one.Key, RecordHash: "h1"}})
			if res[0].Emitted || res[0].Why != "unchanged" {
				t.Fatalf("unchanged record emitted: %+v", res[0])
			}
			var two crawl.Item
			for _, it := range all {
				if it.Key == item(2).Key {
					two = it
				}
			}
			res, _ = s.Complete(ctx, []crawl.Completion{{Item: two, Fetched: true,
				Record: []byte(`{}`), RecordKey: two.Key, RecordHash: "h2"}})
			if !res[0].Emitted {
				t.Fatalf("new article not emitted: %+v", res[0])
			}
			// An incremental Begin with work left resumes the generation.
			s = b.reopen(s)
			r, _ = s.Begin(ctx, true)
			if r.Generation != 2 || !r.Resumed {
				t.Fatalf("Begin = %+v, want generation 2 resumed", r)
			}
		})
	}
}

func TestBoltLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := crawl.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := crawl.OpenBolt(path); err == nil {
		t.Fatal("second OpenBolt of one file succeeded")
	}
}

// TestBoltIncrementalBatches: an incremental Begin requeues every fetched
// page, batch after batch, and only those.
func TestBoltIncrementalBatches(t *testing.T) {
	defer crawl.SetBeginBatch(3)()
	ctx := context.Background()
	s, err := crawl.OpenBolt(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Begin(ctx, false)
	var items []crawl.Item
	for i := range 10 {
		items = append(items, item(i))
	}
	items = append(items, crawl.Item{Key: item(99).Key, URL: item(99).URL, Skip: "robots"})
	s.Add(ctx, items)
	got, _ := s.Claim(ctx, 100)
	var done []crawl.Completion
	for _, it := range got {
		done = append(done, crawl.Completion{Item: it, Fetched: true})
	}
	s.Complete(ctx, done)
	r, err := s.Begin(ctx, true)
	if err != nil || r.Generation != 2 || r.Queued != 10 {
		t.Fatalf("incremental Begin = %+v, %v; want generation 2 with 10 queued", r, err)
	}
	again, _ := s.Claim(ctx, 100)
	if len(again) != 10 {
		t.Errorf("claimed %d, want 10", len(again))
	}
}

// TestStoreRecordKey: a record's key (a page's rel=canonical) is not a page
// seen: a link to it is queued, and the page's own record is then a
// duplicate.
func TestStoreRecordKey(t *testing.T) {
	ctx := context.Background()
	for _, b := range stores(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open()
			s.Begin(ctx, false)
			s.Add(ctx, []crawl.Item{item(1)})
			got, _ := s.Claim(ctx, 1)
			res, _ := s.Complete(ctx, []crawl.Completion{{Item: got[0], Fetched: true,
				Record: []byte(`{}`), RecordKey: item(2).Key, RecordHash: "h"}})
			if !res[0].Emitted {
				t.Fatalf("record not emitted: %+v", res[0])
			}
			if news, _ := s.Add(ctx, []crawl.Item{item(1), item(2)}); fmt.Sprint(news) != "[false true]" {
				t.Fatalf("Add = %v, want the canonical page queued", news)
			}
			got, _ = s.Claim(ctx, 1)
			if len(got) != 1 || got[0].Key != item(2).Key {
				t.Fatalf("Claim = %+v", got)
			}
			res, _ = s.Complete(ctx, []crawl.Completion{{Item: got[0], Fetched: true,
				Record: []byte(`{}`), RecordKey: item(2).Key, RecordHash: "h"}})
			if res[0].Emitted || res[0].Why != "duplicate" {
				t.Fatalf("canonical page's record: %+v, want a duplicate", res[0])
			}
		})
	}
}
