package bbolt_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/bbolt"
	"github.com/newsclip/newsclip/crawl/store/storetest"
)

func TestConformance(t *testing.T) {
	paths := map[store.Store]string{}
	open := func(t testing.TB, path string) store.Store {
		s, err := bbolt.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		paths[s] = path
		return s
	}
	storetest.Run(t, storetest.Backend{
		Open: func(t testing.TB) store.Store { return open(t, filepath.Join(t.TempDir(), "state.db")) },
		Reopen: func(t testing.TB, s store.Store) store.Store {
			s.Close()
			return open(t, paths[s])
		},
	})
}

func TestLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := bbolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := bbolt.Open(path); err == nil {
		t.Fatal("second Open of one file succeeded")
	}
}

// TestIncrementalBatches: an incremental Begin requeues every fetched
// page, batch after batch, and only those.
func TestIncrementalBatches(t *testing.T) {
	defer bbolt.SetBeginBatch(3)()
	ctx := context.Background()
	s, err := bbolt.Open(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Begin(ctx, false)
	var items []store.Item
	for i := range 10 {
		items = append(items, storetest.Item(i))
	}
	items = append(items, store.Item{Key: storetest.Item(99).Key, URL: storetest.Item(99).URL, Skip: "robots"})
	s.Add(ctx, items)
	got, _ := s.Claim(ctx, 100)
	var done []store.Completion
	for _, it := range got {
		done = append(done, store.Completion{Item: it, Fetched: true})
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
