// Package storetest is the conformance suite of [store.Store] backends: a
// backend's tests call [Run] (and [RunShared] for a [store.Shared] one)
// and the crawler works on a backend that passes.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

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

// SharedBackend opens handles on crawls of a [store.Shared] backend.
type SharedBackend struct {
	// Crawl makes a new crawl with the given lease and returns the
	// function that opens a handle on it under a worker name (a name
	// opened again is a process that started again). The suite sets the
	// politeness of each handle and closes them.
	Crawl func(t testing.TB, lease time.Duration) func(worker string) store.Shared
}

// RunShared runs the suite of shared stores: leases, politeness, workers.
func RunShared(t *testing.T, b SharedBackend) {
	for _, tc := range []struct {
		name string
		f    func(*testing.T, SharedBackend)
	}{
		{"Workers", testWorkers},
		{"LeaseExpiry", testLeaseExpiry},
		{"LeaseExtend", testLeaseExtend},
		{"RestartReleases", testRestartReleases},
		{"Parallel", testParallel},
		{"Delay", testDelay},
		{"Idle", testIdle},
		{"Robots", testRobots},
		{"Adopt", testAdopt},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.f(t, b) })
	}
}

func openShared(t testing.TB, open func(string) store.Shared, worker string, parallel int, delay time.Duration) store.Shared {
	s := open(worker)
	s.SetPoliteness(parallel, delay)
	t.Cleanup(func() { s.Close() })
	if _, err := s.Begin(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	return s
}

func hostItem(host string, i int) store.Item {
	u := fmt.Sprintf("http://%s/a/%d", host, i)
	return store.Item{Key: u, URL: u, Depth: 1}
}

func completeAll(t testing.TB, s store.Store, items []store.Item) []store.Result {
	var done []store.Completion
	for _, it := range items {
		done = append(done, store.Completion{Item: it, Fetched: true})
	}
	return must(s.Complete(context.Background(), done))(t)
}

// testWorkers: two workers claiming at once from many hosts get each item
// once.
func testWorkers(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, time.Minute)
	ws := []store.Shared{openShared(t, open, "a", 1000, 0), openShared(t, open, "b", 1000, 0)}
	var items []store.Item
	for i := range 300 {
		items = append(items, hostItem(fmt.Sprintf("h%d.example", i%7), i))
	}
	must(ws[0].Add(ctx, items))(t)
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	for _, s := range ws {
		for range 2 {
			wg.Go(func() {
				for {
					got, err := s.Claim(ctx, 5)
					if err != nil || len(got) == 0 {
						return
					}
					for i, r := range completeAll(t, s, got) {
						if r.Outcome == store.Refused {
							t.Errorf("completion of %s refused", got[i].Key)
						}
					}
					mu.Lock()
					all = append(all, keys(got)...)
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	slices.Sort(all)
	if len(all) != 300 || len(slices.Compact(all)) != 300 {
		t.Errorf("claimed %d, %d distinct; want 300 once each", len(all), len(slices.Compact(all)))
	}
}

// testLeaseExpiry: a lease not extended expires; its URL goes to the front
// of its host's queue, another worker claims it, and the late completion
// is refused.
func testLeaseExpiry(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, 300*time.Millisecond)
	a, c := openShared(t, open, "a", 1000, 0), openShared(t, open, "b", 1000, 0)
	must(a.Add(ctx, []store.Item{Item(1), Item(2)}))(t)
	got := must(a.Claim(ctx, 1))(t)
	time.Sleep(450 * time.Millisecond)
	other := must(c.Claim(ctx, 1))(t)
	if len(other) != 1 || other[0].Key != Item(1).Key {
		t.Fatalf("claim after the lease expired = %v, want the expired item first", keys(other))
	}
	if lost := must(a.Extend(ctx, got))(t); !lost[0] {
		t.Errorf("Extend of an expired lease taken by another: not lost")
	}
	res := must(a.Complete(ctx, []store.Completion{{Item: got[0], Fetched: true,
		Record: []byte(`{"late":1}`), RecordKey: got[0].Key, RecordHash: "h"}}))(t)
	if res[0].Outcome != store.Refused {
		t.Fatalf("late completion: %v, want refused", res[0].Outcome)
	}
	res = must(c.Complete(ctx, []store.Completion{{Item: other[0], Fetched: true,
		Record: []byte(`{"n":1}`), RecordKey: other[0].Key, RecordHash: "h"}}))(t)
	if res[0].Outcome != store.Emitted {
		t.Fatalf("completion by the new owner: %v, want emitted", res[0].Outcome)
	}
	if ob := must(a.Outbox(ctx))(t); len(ob) != 0 {
		t.Errorf("the refused record reached an outbox: %+v", ob)
	}
}

// testLeaseExtend: an extended lease holds past its length.
func testLeaseExtend(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, 300*time.Millisecond)
	a, c := openShared(t, open, "a", 1000, 0), openShared(t, open, "b", 1000, 0)
	must(a.Add(ctx, []store.Item{Item(1)}))(t)
	got := must(a.Claim(ctx, 1))(t)
	for range 5 {
		time.Sleep(100 * time.Millisecond)
		if lost := must(a.Extend(ctx, got))(t); lost[0] {
			t.Fatal("lease lost while extended")
		}
	}
	if other := must(c.Claim(ctx, 1))(t); len(other) != 0 {
		t.Fatalf("another worker claimed an extended lease: %v", keys(other))
	}
	if res := completeAll(t, a, got); res[0].Outcome == store.Refused {
		t.Fatal("completion refused")
	}
}

// testRestartReleases: a worker that starts again gives its leases back at
// once, at the front.
func testRestartReleases(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, time.Hour)
	a, c := openShared(t, open, "a", 1000, 0), openShared(t, open, "b", 1000, 0)
	must(a.Add(ctx, []store.Item{Item(1), Item(2), Item(3)}))(t)
	got := must(a.Claim(ctx, 2))(t)
	if len(got) != 2 {
		t.Fatalf("claimed %v", keys(got))
	}
	openShared(t, open, "a", 1000, 0) // Begin
	other := must(c.Claim(ctx, 3))(t)
	if fmt.Sprint(keys(other)) != fmt.Sprint([]string{Item(1).Key, Item(2).Key, Item(3).Key}) {
		t.Fatalf("claims after the restart = %v, want the released ones first", keys(other))
	}
}

// testParallel: at most Parallel items of one host are claimed at once,
// across workers; a completion frees a slot.
func testParallel(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, time.Minute)
	a, c := openShared(t, open, "a", 2, 0), openShared(t, open, "b", 2, 0)
	var items []store.Item
	for i := range 5 {
		items = append(items, hostItem("one.example", i), hostItem("two.example", i))
	}
	must(a.Add(ctx, items))(t)
	got := must(a.Claim(ctx, 10))(t)
	if len(got) != 4 {
		t.Fatalf("claimed %v, want 2 per host", keys(got))
	}
	if more := must(c.Claim(ctx, 10))(t); len(more) != 0 {
		t.Fatalf("second worker claimed %v past the limit", keys(more))
	}
	completeAll(t, a, got[:1])
	more := must(c.Claim(ctx, 10))(t)
	if len(more) != 1 || HostOf(more[0].URL) != HostOf(got[0].URL) {
		t.Fatalf("after one completion: claimed %v, want one of %s", keys(more), HostOf(got[0].URL))
	}
}

// HostOf is the host:port of a URL.
func HostOf(u string) string {
	_, rest, _ := strings.Cut(u, "://")
	h, _, _ := strings.Cut(rest, "/")
	return h
}

// testDelay: claims of one host are Delay apart; Idle says how long to
// wait; Pace counts as a request start.
func testDelay(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, time.Minute)
	const delay = 300 * time.Millisecond
	a := openShared(t, open, "a", 10, delay)
	var items []store.Item
	for i := range 3 {
		items = append(items, hostItem("one.example", i))
	}
	must(a.Add(ctx, items))(t)
	start := time.Now()
	if got := must(a.Claim(ctx, 10))(t); len(got) != 1 {
		t.Fatalf("claimed %v, want 1 (delay)", keys(got))
	}
	if got := must(a.Claim(ctx, 10))(t); len(got) != 0 && time.Since(start) < delay {
		t.Fatalf("claimed %v within the delay", keys(got))
	}
	fin, wait, err := a.Idle(ctx)
	if err != nil || fin || wait <= 0 || wait > delay {
		t.Fatalf("Idle = %v, %v, %v; want a wait within the delay", fin, wait, err)
	}
	time.Sleep(wait + 20*time.Millisecond)
	if got := must(a.Claim(ctx, 10))(t); len(got) != 1 {
		t.Fatalf("claimed %v after the wait, want 1", keys(got))
	}
	// A request beyond the claim's first waits its turn too.
	if w := must(a.Pace(ctx, "one.example", false))(t); w <= 0 && time.Since(start) < 2*delay {
		t.Fatalf("Pace = %v right after a claim, want a wait", w)
	}
	// Crawl-delay raises the delay for every worker; Pause holds the host.
	if err := a.Pause(ctx, "one.example", time.Hour); err != nil {
		t.Fatal(err)
	}
	time.Sleep(delay)
	if got := must(a.Claim(ctx, 10))(t); len(got) != 0 {
		t.Fatalf("claimed %v from a paused host", keys(got))
	}
}

// testIdle: a crawl is finished only when nothing is queued and no lease
// is held.
func testIdle(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, time.Minute)
	a, c := openShared(t, open, "a", 10, 0), openShared(t, open, "b", 10, 0)
	must(a.Add(ctx, []store.Item{Item(1)}))(t)
	got := must(a.Claim(ctx, 1))(t)
	if fin, _, err := c.Idle(ctx); err != nil || fin {
		t.Fatalf("Idle while a lease is held = %v, %v; want not finished", fin, err)
	}
	completeAll(t, a, got)
	if fin, _, err := c.Idle(ctx); err != nil || !fin {
		t.Fatalf("Idle after all = %v, %v; want finished", fin, err)
	}
}

// testRobots: concurrent callers fetch robots.txt once.
func testRobots(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, time.Minute)
	var mu sync.Mutex
	fetches := 0
	var wg sync.WaitGroup
	for i := range 4 {
		s := openShared(t, open, fmt.Sprint("w", i), 10, 0)
		wg.Go(func() {
			r, err := s.Robots(ctx, "http://one.example", func() (store.Robots, error) {
				mu.Lock()
				fetches++
				mu.Unlock()
				time.Sleep(100 * time.Millisecond)
				return store.Robots{Status: 200, Body: []byte("User-agent: *\nDisallow: /x\n")}, nil
			})
			if err != nil || r.Status != 200 || string(r.Body) != "User-agent: *\nDisallow: /x\n" {
				t.Errorf("Robots = %+v, %v", r, err)
			}
		})
	}
	wg.Wait()
	if fetches != 1 {
		t.Errorf("robots.txt fetched %d times, want once", fetches)
	}
}

// testAdopt: the records a dead worker left in its outbox go to a live
// worker's.
func testAdopt(t *testing.T, b SharedBackend) {
	ctx := context.Background()
	open := b.Crawl(t, 200*time.Millisecond)
	a, c := openShared(t, open, "a", 10, 0), openShared(t, open, "b", 10, 0)
	must(a.Add(ctx, []store.Item{Item(1)}))(t)
	got := must(a.Claim(ctx, 1))(t)
	must(a.Complete(ctx, []store.Completion{{Item: got[0], Fetched: true,
		Record: []byte(`{"n":1}`), RecordKey: got[0].Key, RecordHash: "h"}}))(t)
	time.Sleep(300 * time.Millisecond) // a dies: no heartbeat
	if fin, _, _ := c.Idle(ctx); fin {
		t.Fatal("finished while a dead worker's outbox is not adopted")
	}
	ad := must(c.Adopt(ctx, 100))(t)
	if len(ad) != 1 || string(ad[0].Record) != `{"n":1}` {
		t.Fatalf("Adopt = %+v", ad)
	}
	if ob := must(c.Outbox(ctx))(t); len(ob) != 1 || ob[0].Seq != ad[0].Seq {
		t.Fatalf("adopter's outbox = %+v", ob)
	}
	if err := c.Ack(ctx, ad[0].Seq, 10); err != nil {
		t.Fatal(err)
	}
	if fin, _, _ := c.Idle(ctx); !fin {
		t.Fatal("not finished after the adoption")
	}
}
