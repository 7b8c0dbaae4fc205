// Package storetest is the conformance suite of [store.Store] backends: a
// backend's tests call [Run] (and [RunShared] for a [store.Shared] one)
// and the crawler works on a backend that passes.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/newsclip/newsclip/crawl/store"
)

// Backend opens stores of the backend under test.
type Backend struct {
	// Open returns a new, empty store; the suite closes it.
	Open func(t testing.TB) store.Store
	// Reopen closes s and opens the same state again, as a process that
	// died (kill -9) and started again would: claims it held are given
	// back by Begin. For the memory backend it returns s itself.
	Reopen func(t testing.TB, s store.Store) store.Store
}

// Item returns the item of page i of an invented site.
func Item(i int) store.Item {
	u := fmt.Sprintf("http://example.com/a/%d", i)
	return store.Item{Key: u, URL: u, Depth: 1}
}

// Run runs the conformance suite.
func Run(t *testing.T, b Backend) {
	for _, tc := range []struct {
		name string
		f    func(*testing.T, Backend)
	}{
		{"Lifecycle", testLifecycle},
		{"RecordKey", testRecordKey},
		{"Aliases", testAliases},
		{"Skip", testSkip},
		{"IncrementalMany", testIncrementalMany},
		{"ConcurrentClaims", testConcurrentClaims},
		{"OutboxAck", testOutboxAck},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.f(t, b) })
	}
}

// must(v, err)(t) is v, or t fails at once on err.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func keys(items []store.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key
	}
	return out
}

func testLifecycle(t *testing.T, b Backend) {
	ctx := context.Background()
	s := b.Open(t)
	r := must(s.Begin(ctx, false))(t)
	if r.Generation != 1 || r.Resumed || r.Queued != 0 {
		t.Fatalf("Begin = %+v", r)
	}
	news := must(s.Add(ctx, []store.Item{Item(1), Item(2), Item(1), Item(3)}))(t)
	if fmt.Sprint(news) != "[true true false true]" {
		t.Fatalf("Add = %v", news)
	}
	got := must(s.Claim(ctx, 2))(t)
	if len(got) != 2 || got[0].Key != Item(1).Key || got[1].Key != Item(2).Key {
		t.Fatalf("Claim = %+v", got)
	}
	// Complete item 1 as an article with links, one known.
	res := must(s.Complete(ctx, []store.Completion{{
		Item: got[0], Fetched: true, ETag: `"v1"`, LastModified: "Mon, 01 Jan 2024 00:00:00 GMT",
		Links:  []store.Item{Item(2), Item(4), {Key: Item(9).Key, URL: Item(9).URL, Skip: "robots"}},
		Record: []byte(`{"schema":1,"url":"http://example.com/a/1"}`), RecordKey: Item(1).Key, RecordHash: "h1",
	}}))(t)
	if res[0].Outcome != store.Emitted || fmt.Sprint(res[0].New) != "[false true true]" {
		t.Fatalf("Complete = %+v", res)
	}
	// A second page claiming the same record key is a duplicate.
	res = must(s.Complete(ctx, []store.Completion{{Item: got[1], Fetched: true,
		Record: []byte(`{}`), RecordKey: Item(1).Key, RecordHash: "h1"}}))(t)
	if res[0].Outcome != store.Duplicate {
		t.Fatalf("duplicate record: %+v", res[0])
	}
	if ob := must(s.Outbox(ctx))(t); len(ob) != 1 || string(ob[0].Record) != `{"schema":1,"url":"http://example.com/a/1"}` {
		t.Fatalf("Outbox = %+v, want the one record", ob)
	}

	// Crash: item 3 claimed, never completed. Reopen.
	c3 := must(s.Claim(ctx, 1))(t)
	if len(c3) != 1 || c3[0].Key != Item(3).Key {
		t.Fatalf("Claim = %+v", c3)
	}
	s = b.Reopen(t, s)
	r = must(s.Begin(ctx, false))(t)
	if !r.Resumed || r.Queued != 2 || r.Generation != 1 {
		t.Fatalf("Begin after crash = %+v, want resumed with 2 queued", r)
	}
	ob := must(s.Outbox(ctx))(t)
	if len(ob) != 1 {
		t.Fatalf("outbox lost in the crash: %d", len(ob))
	}
	if err := s.Ack(ctx, ob[0].Seq, 123); err != nil {
		t.Fatal(err)
	}
	rest := must(s.Claim(ctx, 10))(t)
	if len(rest) != 2 || rest[0].Key != Item(3).Key {
		t.Fatalf("Claim after resume = %v, want the dead claim first", keys(rest))
	}
	if err := s.Release(ctx, rest[1:]); err != nil {
		t.Fatal(err)
	}
	again := must(s.Claim(ctx, 10))(t)
	if len(again) != 1 || again[0].Key != rest[1].Key {
		t.Fatalf("Claim after Release = %v", keys(again))
	}
	var done []store.Completion
	for _, it := range append(rest[:1], again...) {
		done = append(done, store.Completion{Item: it, Fetched: true})
	}
	must(s.Complete(ctx, done))(t)
	testIncrementalAfter(t, b, s)
}

// testIncrementalAfter: a new generation revisits the 4 fetched pages,
// with their validators; the robots-skipped one stays out.
func testIncrementalAfter(t *testing.T, b Backend, s store.Store) {
	ctx := context.Background()
	s = b.Reopen(t, s)
	r := must(s.Begin(ctx, true))(t)
	if r.Generation != 2 || r.Queued != 4 || r.SinkPos != 123 {
		t.Fatalf("incremental Begin = %+v, want generation 2, 4 queued, sink at 123", r)
	}
	all := must(s.Claim(ctx, 10))(t)
	byKey := map[string]store.Item{}
	for _, it := range all {
		byKey[it.Key] = it
	}
	one, two := byKey[Item(1).Key], byKey[Item(2).Key]
	if one.ETag != `"v1"` || one.LastModified != "Mon, 01 Jan 2024 00:00:00 GMT" || one.URL != Item(1).URL {
		t.Fatalf("validators lost: %+v", one)
	}
	res := must(s.Complete(ctx, []store.Completion{{Item: one, Fetched: true,
		Record: []byte(`{}`), RecordKey: one.Key, RecordHash: "h1"}}))(t)
	if res[0].Outcome != store.Unchanged {
		t.Fatalf("unchanged record: %+v, want Unchanged", res[0])
	}
	res = must(s.Complete(ctx, []store.Completion{{Item: two, Fetched: true,
		Record: []byte(`{}`), RecordKey: two.Key, RecordHash: "h2"}}))(t)
	if res[0].Outcome != store.Emitted {
		t.Fatalf("new article: %+v, want Emitted", res[0])
	}
	// An incremental Begin with work left resumes the generation.
	s = b.Reopen(t, s)
	r = must(s.Begin(ctx, true))(t)
	if r.Generation != 2 || !r.Resumed {
		t.Fatalf("Begin = %+v, want generation 2 resumed", r)
	}
}

// testRecordKey: a record's key (a page's rel=canonical) is not a page
// seen: a link to it is queued, and the page's own record is then a
// duplicate.
func testRecordKey(t *testing.T, b Backend) {
	ctx := context.Background()
	s := b.Open(t)
	must(s.Begin(ctx, false))(t)
	must(s.Add(ctx, []store.Item{Item(1)}))(t)
	got := must(s.Claim(ctx, 1))(t)
	res := must(s.Complete(ctx, []store.Completion{{Item: got[0], Fetched: true,
		Record: []byte(`{}`), RecordKey: Item(2).Key, RecordHash: "h"}}))(t)
	if res[0].Outcome != store.Emitted {
		t.Fatalf("record not emitted: %+v", res[0])
	}
	if news := must(s.Add(ctx, []store.Item{Item(1), Item(2)}))(t); fmt.Sprint(news) != "[false true]" {
		t.Fatalf("Add = %v, want the canonical page queued", news)
	}
	got = must(s.Claim(ctx, 1))(t)
	if len(got) != 1 || got[0].Key != Item(2).Key {
		t.Fatalf("Claim = %+v", got)
	}
	res = must(s.Complete(ctx, []store.Completion{{Item: got[0], Fetched: true,
		Record: []byte(`{}`), RecordKey: Item(2).Key, RecordHash: "h"}}))(t)
	if res[0].Outcome != store.Duplicate {
		t.Fatalf("canonical page's record: %+v, want a duplicate", res[0])
	}
}

// testAliases: the end of a redirect chain is seen; a record key named as
// an alias becomes seen too.
func testAliases(t *testing.T, b Backend) {
	ctx := context.Background()
	s := b.Open(t)
	must(s.Begin(ctx, false))(t)
	must(s.Add(ctx, []store.Item{Item(1)}))(t)
	got := must(s.Claim(ctx, 1))(t)
	res := must(s.Complete(ctx, []store.Completion{{Item: got[0], Fetched: true,
		Aliases: []string{Item(1).Key, Item(5).Key},
		Record:  []byte(`{}`), RecordKey: Item(6).Key, RecordHash: "h"}}))(t)
	if res[0].Outcome != store.Emitted {
		t.Fatalf("Complete = %+v", res[0])
	}
	news := must(s.Add(ctx, []store.Item{Item(5), Item(6), Item(1)}))(t)
	if fmt.Sprint(news) != "[false true false]" {
		t.Fatalf("Add after aliases = %v, want the alias seen, the record key queued", news)
	}
}

// testSkip: a skipped item is seen, never claimed.
func testSkip(t *testing.T, b Backend) {
	ctx := context.Background()
	s := b.Open(t)
	must(s.Begin(ctx, false))(t)
	sk := Item(1)
	sk.Skip = "trap"
	if news := must(s.Add(ctx, []store.Item{sk, Item(2)}))(t); fmt.Sprint(news) != "[true true]" {
		t.Fatalf("Add = %v", news)
	}
	if news := must(s.Add(ctx, []store.Item{Item(1)}))(t); fmt.Sprint(news) != "[false]" {
		t.Fatalf("Add of a skipped key = %v, want seen", news)
	}
	got := must(s.Claim(ctx, 10))(t)
	if fmt.Sprint(keys(got)) != fmt.Sprint([]string{Item(2).Key}) {
		t.Fatalf("Claim = %v, want only the queued item", keys(got))
	}
}

// testIncrementalMany: an incremental Begin requeues every fetched page,
// and only those, however many (backends work in batches).
func testIncrementalMany(t *testing.T, b Backend) {
	ctx := context.Background()
	s := b.Open(t)
	must(s.Begin(ctx, false))(t)
	const n = 1500
	var items []store.Item
	for i := range n {
		items = append(items, Item(i))
	}
	sk := Item(n + 1)
	sk.Skip = "robots"
	must(s.Add(ctx, append(items, sk)))(t)
	for {
		got := must(s.Claim(ctx, 500))(t)
		if len(got) == 0 {
			break
		}
		var done []store.Completion
		for i, it := range got {
			done = append(done, store.Completion{Item: it, Fetched: i%10 != 0})
		}
		must(s.Complete(ctx, done))(t)
	}
	r := must(s.Begin(ctx, true))(t)
	want := n - n/10
	if r.Generation != 2 || r.Queued != want {
		t.Fatalf("incremental Begin = %+v; want generation 2 with %d queued", r, want)
	}
	total := 0
	for {
		got := must(s.Claim(ctx, 500))(t)
		if len(got) == 0 {
			break
		}
		total += len(got)
		if err := s.Release(ctx, nil); err != nil {
			t.Fatal(err)
		}
		var done []store.Completion
		for _, it := range got {
			done = append(done, store.Completion{Item: it, Fetched: true})
		}
		must(s.Complete(ctx, done))(t)
	}
	if total != want {
		t.Errorf("claimed %d, want %d", total, want)
	}
}

// testConcurrentClaims: goroutines claiming at once get each item once.
func testConcurrentClaims(t *testing.T, b Backend) {
	ctx := context.Background()
	s := b.Open(t)
	must(s.Begin(ctx, false))(t)
	const n = 400
	var items []store.Item
	for i := range n {
		items = append(items, Item(i))
	}
	must(s.Add(ctx, items))(t)
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				got, err := s.Claim(ctx, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				var done []store.Completion
				for _, it := range got {
					done = append(done, store.Completion{Item: it, Fetched: true})
				}
				if _, err := s.Complete(ctx, done); err != nil {
					t.Error(err)
				}
				mu.Lock()
				all = append(all, keys(got)...)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(all)
	if len(all) != n || len(slices.Compact(all)) != n {
		t.Errorf("claimed %d items, %d distinct; want %d once each", len(all), len(slices.Compact(all)), n)
	}
}

// testOutboxAck: sequence numbers increase, Ack drops up to its seq.
func testOutboxAck(t *testing.T, b Backend) {
	ctx := context.Background()
	s := b.Open(t)
	must(s.Begin(ctx, false))(t)
	var items []store.Item
	for i := range 5 {
		items = append(items, Item(i))
	}
	must(s.Add(ctx, items))(t)
	got := must(s.Claim(ctx, 5))(t)
	var done []store.Completion
	for i, it := range got {
		done = append(done, store.Completion{Item: it, Fetched: true,
			Record: fmt.Appendf(nil, `{"n":%d}`, i), RecordKey: it.Key, RecordHash: it.Key})
	}
	res := must(s.Complete(ctx, done))(t)
	for i := 1; i < len(res); i++ {
		if res[i].Seq <= res[i-1].Seq {
			t.Fatalf("sequence numbers do not increase: %+v", res)
		}
	}
	if err := s.Ack(ctx, res[2].Seq, 77); err != nil {
		t.Fatal(err)
	}
	ob := must(s.Outbox(ctx))(t)
	if len(ob) != 2 || ob[0].Seq != res[3].Seq || string(ob[1].Record) != `{"n":4}` {
		t.Fatalf("Outbox after Ack = %+v", ob)
	}
	s = b.Reopen(t, s)
	if r := must(s.Begin(ctx, false))(t); r.SinkPos != 77 {
		t.Fatalf("SinkPos = %d, want 77", r.SinkPos)
	}
}
