package crawl

import (
	"context"
	"sync"
)

// Item is one URL of the frontier.
type Item struct {
	// Key is the visited-set key: the canonical URL without the trailing
	// slash of its path. Two items with one Key are one page.
	Key string
	// URL is the canonical URL to fetch.
	URL string
	// Depth is the number of links followed from a seed.
	Depth int
	// Kind says how the URL was found when that matters: "" for a link,
	// "sitemap" for a sitemap guessed at /sitemap.xml (a 404 there is no
	// failure).
	Kind string
	// Skip, on an item given to [Store.Add], records the URL as seen without
	// queueing it; it names the reason ("robots", "trap").
	Skip string
	// ETag and LastModified are the validators kept from an earlier fetch
	// of the page; [Store.Claim] fills them.
	ETag         string
	LastModified string
}

// Completion is the outcome of one claimed item, handed to
// [Store.Complete]. Everything in it is applied atomically.
type Completion struct {
	Item Item
	// Fetched is true when the page was fetched (whatever its status):
	// such pages are revisited by the next incremental generation. It is
	// false for items skipped without a fetch.
	Fetched bool
	// ETag and LastModified are the response's validators; empty leaves
	// the kept ones unchanged (a 304 answer).
	ETag         string
	LastModified string
	// Aliases are other visited keys this page answers for: the end of a
	// redirect chain that answered. They are marked seen.
	Aliases []string
	// Links are the URLs discovered on the page, queued when new.
	Links []Item
	// Record, when not nil, is the page's record (one JSON line without
	// the newline). RecordKey names the article: a key gets one record per
	// generation; it is not marked seen (a page at that URL is still
	// fetched when a link leads to it). RecordHash identifies the record's
	// content: a later generation emits the article again only when it
	// changed.
	Record     []byte
	RecordKey  string
	RecordHash string
}

// Result tells what [Store.Complete] did with one [Completion].
type Result struct {
	// Emitted is true when the record went to the outbox, as entry Seq.
	Emitted bool
	Seq     uint64
	// Why says why a record was not emitted: "duplicate" (its key already
	// has a record in this generation) or "unchanged" (same content as the
	// record of an earlier generation).
	Why string
	// New tells, for each of Completion.Links, whether it was queued.
	New []bool
}

// Resume is what [Store.Begin] found.
type Resume struct {
	// Generation counts crawls of the portal kept in the store: each
	// incremental crawl begins a new one, unless it resumes an unfinished one.
	Generation uint64
	// Resumed is true when Begin picked up an unfinished generation.
	Resumed bool
	// Queued is the number of items in the frontier after Begin.
	Queued int
	// SinkPos is the sink position given to the last [Store.Ack].
	SinkPos int64
}

// Pending is a record that reached the store's outbox but whose delivery to
// the sink was not yet acknowledged.
type Pending struct {
	Seq    uint64
	Record []byte
}

// Store keeps what a crawl must not lose: the frontier with claims, the
// visited set, the validators of each page (ETag, Last-Modified, content
// hash) and an outbox of records not yet known to be in the sink. The crawl
// logic sees nothing else, so a shared backend (Redis, for crawls spanning
// machines) slots in behind this interface.
//
// A Store is used by one crawl at a time and must be safe for concurrent
// use by its goroutines. Every method that changes state is atomic.
type Store interface {
	// Begin starts or resumes a crawl. It returns claims left by a process
	// that died to the frontier (a shared backend would return expired
	// claims only). With incremental set and the previous generation
	// finished (nothing queued), it begins a new generation and queues every
	// page fetched before, so that each is revisited with its validators.
	Begin(ctx context.Context, incremental bool) (Resume, error)
	// Add queues the items whose Key is not yet seen in this generation and
	// marks them seen; it reports, for each item, whether it was new (for
	// an item with Skip set: newly marked seen).
	Add(ctx context.Context, items []Item) ([]bool, error)
	// Claim takes up to n items from the front of the frontier. A claimed
	// item is not handed out again until completed or released.
	Claim(ctx context.Context, n int) ([]Item, error)
	// Release gives claimed items back to the frontier, unfinished, at its
	// back: a Claim that follows hands out other items first.
	Release(ctx context.Context, items []Item) error
	// Complete finishes claimed items; see [Completion] and [Result].
	Complete(ctx context.Context, done []Completion) ([]Result, error)
	// Outbox lists the records emitted but not acknowledged, by Seq.
	Outbox(ctx context.Context) ([]Pending, error)
	// Ack records that every outbox record up to seq is safely in the sink,
	// which is then at position sinkPos, and drops those records. It makes
	// the store durable (fsync) before it returns.
	Ack(ctx context.Context, seq uint64, sinkPos int64) error
	// Close releases the store; it does not release claims.
	Close() error
}

// Seen-entry states.
const (
	stateQueued  = 1 // in the frontier or claimed
	stateFetched = 2 // fetched, whatever the answer
	stateSkipped = 3 // seen, never to be fetched (robots, trap, ...)
	stateAlias   = 4 // another page answered for it
	stateRecord  = 5 // only a record's key (a rel=canonical): not seen, a link to it is queued
)

// seenEntry is the visited-set value of one key.
type seenEntry struct {
	Gen          uint64
	State        byte
	Depth        int
	Kind         string
	URL          string
	ETag         string
	LastModified string
	EmitGen      uint64 // generation of the last record with this key
	Hash         string // content hash of that record
}

// memStore is the in-memory [Store]: fast, and gone with the process.
type memStore struct {
	mu      sync.Mutex
	gen     uint64
	seen    map[string]*seenEntry
	queue   []string // keys; queue[head:] is the frontier
	head    int
	claims  map[string]bool
	outbox  []Pending
	seq     uint64
	sinkPos int64
}

// NewMemoryStore returns a [Store] that keeps everything in memory: a crawl
// using it cannot be resumed after the process ends.
func NewMemoryStore() Store {
	return &memStore{seen: map[string]*seenEntry{}, claims: map[string]bool{}}
}

func (m *memStore) Begin(ctx context.Context, incremental bool) (Resume, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var back []string
	for k := range m.claims {
		back = append(back, k)
	}
	m.claims = map[string]bool{}
	m.queue = append(back, m.queue[m.head:]...)
	m.head = 0
	r := Resume{SinkPos: m.sinkPos}
	switch {
	case m.gen == 0:
		m.gen = 1
	case incremental && len(m.queue) == 0:
		m.gen++
		for k, e := range m.seen {
			if e.State == stateFetched {
				e.Gen, e.State = m.gen, stateQueued
				m.queue = append(m.queue, k)
			}
		}
	default:
		r.Resumed = len(m.queue) > 0
	}
	r.Generation = m.gen
	r.Queued = len(m.queue)
	return r, nil
}

func (m *memStore) Add(ctx context.Context, items []Item) ([]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.addLocked(items), nil
}

func (m *memStore) addLocked(items []Item) []bool {
	out := make([]bool, len(items))
	for i, it := range items {
		e := m.seen[it.Key]
		if e != nil && e.Gen == m.gen && e.State != stateRecord {
			continue
		}
		if e == nil {
			e = &seenEntry{}
			m.seen[it.Key] = e
		}
		e.Gen, e.Depth, e.Kind, e.URL = m.gen, it.Depth, it.Kind, it.URL
		out[i] = true
		if it.Skip != "" {
			e.State = stateSkipped
			continue
		}
		e.State = stateQueued
		m.queue = append(m.queue, it.Key)
	}
	return out
}

func (m *memStore) Claim(ctx context.Context, n int) ([]Item, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Item
	for len(out) < n && m.head < len(m.queue) {
		k := m.queue[m.head]
		m.queue[m.head] = ""
		m.head++
		e := m.seen[k]
		m.claims[k] = true
		out = append(out, Item{Key: k, URL: e.URL, Depth: e.Depth, Kind: e.Kind, ETag: e.ETag, LastModified: e.LastModified})
	}
	if m.head > 1024 && m.head*2 > len(m.queue) {
		m.queue = append([]string(nil), m.queue[m.head:]...)
		m.head = 0
	}
	return out, nil
}

func (m *memStore) Release(ctx context.Context, items []Item) error {
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

func (m *memStore) Complete(ctx context.Context, done []Completion) ([]Result, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	res := make([]Result, len(done))
	for i, c := range done {
		delete(m.claims, c.Item.Key)
		e := m.seen[c.Item.Key]
		if e == nil {
			e = &seenEntry{URL: c.Item.URL, Depth: c.Item.Depth, Kind: c.Item.Kind}
			m.seen[c.Item.Key] = e
		}
		e.Gen = m.gen
		if c.Fetched {
			e.State = stateFetched
			if c.ETag != "" || c.LastModified != "" {
				e.ETag, e.LastModified = c.ETag, c.LastModified
			}
		} else {
			e.State = stateSkipped
		}
		for _, a := range c.Aliases {
			if a == c.Item.Key {
				continue
			}
			ae := m.seen[a]
			if ae == nil {
				ae = &seenEntry{}
				m.seen[a] = ae
			}
			if ae.Gen != m.gen || ae.State == stateRecord {
				ae.Gen, ae.State = m.gen, stateAlias
			}
		}
		res[i].New = m.addLocked(c.Links)
		if c.Record != nil {
			re := m.seen[c.RecordKey]
			if re == nil {
				re = &seenEntry{Gen: m.gen, State: stateRecord}
				m.seen[c.RecordKey] = re
			}
			switch {
			case re.EmitGen == m.gen:
				res[i].Why = "duplicate"
			case re.Hash != "" && re.Hash == c.RecordHash:
				re.EmitGen = m.gen
				res[i].Why = "unchanged"
			default:
				re.EmitGen, re.Hash = m.gen, c.RecordHash
				m.seq++
				m.outbox = append(m.outbox, Pending{Seq: m.seq, Record: c.Record})
				res[i].Emitted, res[i].Seq = true, m.seq
			}
		}
	}
	return res, nil
}

func (m *memStore) Outbox(ctx context.Context) ([]Pending, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Pending(nil), m.outbox...), nil
}

func (m *memStore) Ack(ctx context.Context, seq uint64, sinkPos int64) error {
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

func (m *memStore) Close() error { return nil }
