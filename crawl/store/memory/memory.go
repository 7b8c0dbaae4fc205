// Package memory is the in-memory [store.Store]: fast, and gone with the
// process.
package memory

import (
	"context"
	"maps"
	"slices"
	"sync"

	"github.com/newsclip/newsclip/crawl/store"
)

// Store keeps everything in memory: a crawl using it cannot be resumed
// after the process ends.
type Store struct {
	mu      sync.Mutex
	gen     uint64
	seen    map[string]*store.Entry
	queue   []string // keys; queue[head:] is the frontier
	head    int
	claims  map[string]bool
	outbox  []store.Pending
	seq     uint64
	sinkPos int64
}

// New returns an empty Store.
func New() *Store {
	return &Store{seen: map[string]*store.Entry{}, claims: map[string]bool{}}
}

var _ store.Store = (*Store)(nil)

// txn is the store's [store.Txn]; the store's mutex is held.
type txn struct{ m *Store }

func (t txn) Get(key string) (store.Entry, bool, error) {
	if e := t.m.seen[key]; e != nil {
		return *e, true, nil
	}
	return store.Entry{}, false, nil
}

func (t txn) Put(key string, e store.Entry) error {
	if p := t.m.seen[key]; p != nil {
		*p = e
	} else {
		t.m.seen[key] = &e
	}
	return nil
}

func (t txn) Push(key string) error {
	t.m.queue = append(t.m.queue, key)
	return nil
}

func (t txn) Emit(record []byte) (uint64, error) {
	t.m.seq++
	t.m.outbox = append(t.m.outbox, store.Pending{Seq: t.m.seq, Record: record})
	return t.m.seq, nil
}

// Begin implements [store.Store].
func (m *Store) Begin(ctx context.Context, incremental bool) (store.Resume, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var back []string
	for k := range m.claims {
		back = append(back, k)
	}
	m.claims = map[string]bool{}
	m.queue = append(back, m.queue[m.head:]...)
	m.head = 0
	gen, resumed, requeue := store.Begin(m.gen, len(m.queue), incremental)
	m.gen = gen
	if requeue { // in key order, as the bbolt backend does
		for _, k := range slices.Sorted(maps.Keys(m.seen)) {
			if store.Requeue(m.seen[k], gen) {
				m.queue = append(m.queue, k)
			}
		}
	}
	return store.Resume{Generation: gen, Resumed: resumed, Queued: len(m.queue), SinkPos: m.sinkPos}, nil
}

// Add implements [store.Store].
func (m *Store) Add(ctx context.Context, items []store.Item) ([]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return store.ApplyAdd(txn{m}, m.gen, items)
}

// Claim implements [store.Store].
func (m *Store) Claim(ctx context.Context, n int) ([]store.Item, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Item
	for len(out) < n && m.head < len(m.queue) {
		k := m.queue[m.head]
		m.queue[m.head] = ""
		m.head++
		e := m.seen[k]
		m.claims[k] = true
		out = append(out, store.Item{Key: k, URL: e.URL, Depth: e.Depth, Kind: e.Kind,
			ETag: e.ETag, LastModified: e.LastModified})
	}
	if m.head > 1024 && m.head*2 > len(m.queue) {
		m.queue = append([]string(nil), m.queue[m.head:]...)
		m.head = 0
	}
	return out, nil
}

// Release implements [store.Store].
func (m *Store) Release(ctx context.Context, items []store.Item) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, it := range items {
		if m.claims[it.Key] {
			delete(m.claims, it.Key)
			m.queue = append(m.queue, it.Key)
		}
	}
	return nil
}

// Complete implements [store.Store].
func (m *Store) Complete(ctx context.Context, done []store.Completion) ([]store.Result, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	res := make([]store.Result, len(done))
	for i, c := range done {
		delete(m.claims, c.Item.Key)
		var err error
		if res[i], err = store.ApplyComplete(txn{m}, m.gen, c); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// Outbox implements [store.Store].
func (m *Store) Outbox(ctx context.Context) ([]store.Pending, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]store.Pending(nil), m.outbox...), nil
}

// Ack implements [store.Store].
func (m *Store) Ack(ctx context.Context, seq uint64, sinkPos int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	i := 0
	for i < len(m.outbox) && m.outbox[i].Seq <= seq {
		i++
	}
	m.outbox = append(m.outbox[:0], m.outbox[i:]...)
	m.sinkPos = sinkPos
	return nil
}

// Close implements [store.Store]; the contents stay.
func (m *Store) Close() error { return nil }
