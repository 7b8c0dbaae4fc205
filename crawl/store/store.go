package store

import (
	"context"
	"strconv"
	"time"
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
	// Host is the frontier queue the item was claimed from (host:port,
	// lower case); [Store.Claim] of a [Shared] store fills it.
	Host string
}

// Completion is the outcome of one claimed item, handed to
// [Store.Complete]. Everything in it is applied atomically.
type Completion struct {
	Item Item
	// Fetched is true when the page was fetched (whatever its status):
	// such pages are revisited by the next incremental generation. It is
	// false for items skipped without a fetch.
	Fetched bool
	// Failed is true when the page failed (after its retries); it is
	// counted, nothing else changes.
	Failed bool
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

// Outcome is what [Store.Complete] did with one [Completion].
type Outcome uint8

// Outcomes of a completion.
const (
	// Done: applied; the completion carried no record.
	Done Outcome = iota
	// Emitted: applied, and the record went to the outbox (Result.Seq).
	Emitted
	// Duplicate: applied, but the record's key already has a record in
	// this generation: the record was dropped.
	Duplicate
	// Unchanged: applied, but the record is the same as the one of an
	// earlier generation: the record was dropped.
	Unchanged
	// Refused: nothing applied, because the caller no longer holds the
	// item's claim (its lease expired and another process claimed it, or
	// it came back to the frontier). Only a [Shared] store refuses.
	Refused
)

var outcomeNames = [...]string{"done", "emitted", "duplicate", "unchanged", "refused"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "outcome(" + strconv.Itoa(int(o)) + ")"
}

// Result tells what [Store.Complete] did with one [Completion].
type Result struct {
	Outcome Outcome
	// Seq is the outbox entry of an Emitted record.
	Seq uint64
	// New tells, for each of Completion.Links, whether it was queued (for
	// a link with Skip set: newly marked seen). Nil when Refused.
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
// logic sees nothing else.
//
// A Store value serves one crawling process at a time and must be safe for
// concurrent use by its goroutines. Every method that changes state is
// atomic: a process killed at any moment leaves the store as before or
// after the call. Backends that the processes of several machines share
// implement [Shared] too.
//
// The rules every backend follows (generations, aliases, record dedup, the
// outbox) are those of [ApplyAdd] and [ApplyComplete]; an embedded backend
// gets them by implementing [Txn]. The suite in package storetest checks a
// backend against them.
type Store interface {
	// Begin starts or resumes a crawl. It returns claims left by a process
	// that died to the frontier (a [Shared] store returns the claims of
	// the calling process only, and those whose lease expired). With
	// incremental set and the previous generation finished (nothing
	// queued), it begins a new generation and queues every page fetched
	// before, so that each is revisited with its validators.
	Begin(ctx context.Context, incremental bool) (Resume, error)
	// Add queues the items whose Key is not yet seen in this generation and
	// marks them seen; it reports, for each item, whether it was new (for
	// an item with Skip set: newly marked seen).
	Add(ctx context.Context, items []Item) ([]bool, error)
	// Claim takes up to n items from the front of the frontier. A claimed
	// item is not handed out again until completed or released (or, in a
	// [Shared] store, until its lease expires).
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
	// the store durable (fsync) before it returns, as far as the backend
	// can.
	Ack(ctx context.Context, seq uint64, sinkPos int64) error
	// Close releases the store; it does not release claims.
	Close() error
}

// Shared is a [Store] that several processes, on one machine or many, use
// as one crawl. Each process opens it under its own worker name.
//
// Claims are leases: a claimed item that is not completed, released or
// extended within the lease goes back to the front of its host's queue,
// and a completion of it after that is Refused. Politeness is the store's
// too: Claim hands out an item only when its host may take one more request
// now (at most Parallel in flight, request starts Delay apart, by the
// store's clock), and counts that request as started; the process must
// start it at once. Requests of a claimed item beyond the first (robots.txt,
// redirect hops, retries) ask [Shared.Pace].
type Shared interface {
	Store
	// SetPoliteness sets the per-host limits the process claims under:
	// requests in flight to one host across the crawl, and the least delay
	// between their starts. Every process of a crawl uses the same.
	SetPoliteness(parallel int, delay time.Duration)
	// Lease is how long a claim holds without Extend.
	Lease() time.Duration
	// Adopt moves the outbox records of dead processes (no heartbeat for
	// a lease) into the caller's outbox and returns them, at most most:
	// the caller writes them to its sink and acknowledges them as its own.
	Adopt(ctx context.Context, most int) ([]Pending, error)
	// Extend renews the leases of the calling process's claimed items and
	// its heartbeat; it reports, for each item, whether the lease was lost.
	Extend(ctx context.Context, items []Item) (lost []bool, err error)
	// Idle is asked after a Claim that found nothing. It tells whether
	// the crawl is finished (nothing queued, no live lease held by anyone,
	// nothing pending of a dead worker) and otherwise how long to wait
	// before claiming again (the next host due, or a short poll while
	// others hold leases).
	Idle(ctx context.Context) (finished bool, wait time.Duration, err error)
	// Pace asks to start one more request to host. With slot false the
	// caller already holds one of the host's Parallel slots (through a
	// claim); with slot true it takes one, given back by Unpace. It
	// returns 0 when the request may start now, counted, or the time to
	// wait before asking again.
	Pace(ctx context.Context, host string, slot bool) (time.Duration, error)
	Unpace(ctx context.Context, host string) error
	// SetDelay raises host's least delay between request starts (a
	// robots.txt Crawl-delay); Pause holds every request to host for d
	// (a Retry-After). Both hold for every process of the crawl.
	SetDelay(ctx context.Context, host string, d time.Duration) error
	Pause(ctx context.Context, host string, d time.Duration) error
	// Robots returns origin's robots.txt as fetched once for the whole
	// crawl: the first caller runs fetch and stores its answer, the others
	// wait for it. A fetch that fails is not stored.
	Robots(ctx context.Context, origin string, fetch func() (Robots, error)) (Robots, error)
}

// Robots is a robots.txt as the crawl keeps it.
type Robots struct {
	Status int // 200, or 404 for none
	Body   []byte
}
