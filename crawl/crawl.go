package crawl

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/memory"
	"github.com/newsclip/newsclip/extract"
)

// Crawler crawls news portals into [extract.Article] records. It is made by
// [New] and runs one crawl at a time.
type Crawler struct {
	cfg   Config
	mu    sync.Mutex
	stats atomic.Pointer[statsBox]
}

// New returns a Crawler for cfg; see [Config] for the defaults.
func New(cfg Config) (*Crawler, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if t, ok := c.Transport.(*http.Transport); ok && t.MaxIdleConnsPerHost < c.Parallel {
		t = t.Clone() // the caller's, maybe http.DefaultTransport: not ours to change
		t.MaxIdleConnsPerHost = c.Parallel
		c.Transport = t
	}
	if c.Archive != nil {
		c.Transport = &archiveTransport{next: c.Transport, archive: c.Archive, maxBody: c.MaxBodyBytes}
	}
	return &Crawler{cfg: c}, nil
}

// Stats returns the counts of the running or last crawl; it is safe to
// call while Run runs.
func (c *Crawler) Stats() Stats {
	if b := c.stats.Load(); b != nil {
		return b.snapshot()
	}
	return Stats{}
}

// ErrBusy is returned by Run when the Crawler is already running.
var ErrBusy = errors.New("crawl: crawler already running")

// Run crawls from seeds (absolute http or https URLs: home or section
// pages), writing one record per article page to sink, and returns when the
// frontier is empty, Config.MaxPages is reached or ctx is done. Failures of
// single pages are counted in [Stats] and logged; Run returns an error only
// when the crawl cannot go on (bad seeds: [ErrBadSeed]; a failing state or
// sink), when
// every seed failed ([ErrSeedsFailed]), or after a cancellation: then an
// error wrapping ctx.Err() that says how far the crawl got. On cancellation, pages in flight are
// finished, the sink flushed and the state saved before Run returns, so a
// later Run with the same State resumes.
func (c *Crawler) Run(ctx context.Context, seeds []string, sink Sink) error {
	if !c.mu.TryLock() {
		return ErrBusy
	}
	defer c.mu.Unlock()
	if sink == nil {
		return errors.New("crawl: nil sink")
	}
	s, err := c.newSession(seeds, sink)
	if err != nil {
		return err
	}
	c.stats.Store(s.stats)
	return s.run(ctx)
}

// session is the state of one call of [Crawler.Run]: its configuration,
// store, sink, scope and defences, and the channels between its dispatcher,
// workers and committer.
type session struct {
	cfg     *Config
	store   store.Store
	sink    Sink
	durable DurableSink
	flusher Flusher
	stats   *statsBox
	log     *slog.Logger
	scope   scope
	traps   *traps
	params  *learner  // parameters learned irrelevant, per host
	copies  *keyCache // keys of print and AMP copies named by articles
	gates   hostGates
	shared  store.Shared // the store, when processes share it
	heldMu  sync.Mutex
	held    map[string]store.Item // claimed, not completed nor released: leases to extend
	robots  *robotsCache
	colly   *colly.Collector
	seeds   []store.Item
	origins map[string]bool   // of the seeds
	seedURL map[string]string // seed key → the seed as given
	seedsOK atomic.Int64      // seeds finished in this run without failing
	known   *keyCache         // keys handed to the store in this run

	// hardCancel cancels the session's hard context, on a fatal error only:
	// a cancelled Run still finishes its pages in flight.
	hardCancel context.CancelFunc
	once       fetchOnce             // each URL fetched once per run, redirect targets too
	fatalErr   atomic.Pointer[error] // the first fatal error

	work      chan *task
	results   chan *task
	wake      chan struct{}
	committed atomic.Int64
	queued    *atomic.Int64 // in stats
}

func (c *Crawler) newSession(seeds []string, sink Sink) (*session, error) {
	cfg := c.cfg
	s := &session{
		cfg:     &cfg,
		store:   cfg.State,
		sink:    sink,
		stats:   newStatsBox(),
		log:     cfg.Logger,
		traps:   newTraps(cfg.TrapBarren, cfg.TrapPattern, cfg.MaxPathQueries),
		params:  newLearner(),
		copies:  newKeyCache(1 << 16),
		gates:   newGates(cfg.Parallel, cfg.Delay, cfg.MaxPause),
		origins: map[string]bool{},
		seedURL: map[string]string{},
		known:   newKeyCache(1 << 17),
		scope:   scope{sites: map[string]bool{}, include: cfg.Include, exclude: cfg.Exclude},
	}
	if s.store == nil {
		s.store = memory.New()
	}
	s.held = map[string]store.Item{}
	if sh, ok := s.store.(store.Shared); ok {
		sh.SetPoliteness(cfg.Parallel, cfg.Delay)
		s.shared = sh
		s.gates = &sharedGates{st: sh, maxPause: cfg.MaxPause, log: cfg.Logger}
	}
	s.queued = &s.stats.queued
	s.durable, _ = sink.(DurableSink)
	s.flusher, _ = sink.(Flusher)
	for _, d := range cfg.AllowDomains {
		if d = strings.ToLower(strings.Trim(strings.TrimSpace(d), ".")); d != "" {
			s.scope.allow = append(s.scope.allow, d)
		}
	}
	for _, seed := range seeds {
		u, err := url.Parse(strings.TrimSpace(seed))
		if err == nil {
			err = canonicalizeURL(u)
		}
		if err != nil {
			return nil, &seedError{fmt.Sprintf("crawl: seed %q: %v", seed, errNotHTTP)}
		}
		s.scope.sites[siteOf(u.Hostname())] = true
		s.origins[origin(u)] = true
		us := u.String()
		s.seeds = append(s.seeds, store.Item{Key: visitKey(us), URL: us})
		s.seedURL[visitKey(us)] = seed
	}
	if len(s.seeds) == 0 {
		return nil, &seedError{"crawl: no seed URL"}
	}
	pt := &politeTransport{base: cfg.Transport, gates: s.gates, maxBody: cfg.MaxBodyBytes, timeout: cfg.Timeout}
	s.robots = &robotsCache{
		client:  newRobotsClient(pt),
		ua:      cfg.UserAgent,
		gates:   s.gates,
		ignore:  cfg.IgnoreRobots,
		shared:  s.shared,
		onFetch: s.robotsFetched,
		origins: map[string]*robotsEntry{},
	}
	pt.robots = s.robots
	s.colly = newCollector(&cfg, pt, s.checkRedirect)
	return s, nil
}

// task is one item on its way through a worker and the committer.
type task struct {
	item      store.Item
	host      string
	attempt   int
	notBefore time.Time
	retry     bool
	abandon   bool    // the crawl stopped before its request started: give it back
	ticket    *ticket // from the host's gate, when handed out
	permit    bool    // claimed from a shared store just now: its first request is counted
	claimed   time.Time
	fetched   time.Time

	page        Page
	comp        store.Completion
	article     *extract.Article
	decision    string
	listing     bool     // a fetched page that is not an article: counts for traps
	articlePage bool     // a fetched article page, recorded or not
	pattern     string   // of item.URL, for listings and articles
	outside     []uint64 // hashes of the listing's links outside its pattern
	start       time.Time
}

func (s *session) fatal(err error) {
	if s.fatalErr.CompareAndSwap(nil, &err) {
		s.log.Error("crawl stopped", "err", err)
		s.hardCancel()
	}
}

// fatalError returns the first fatal error, or nil.
func (s *session) fatalError() error {
	if p := s.fatalErr.Load(); p != nil {
		return *p
	}
	return nil
}

func (s *session) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run is Run. Three contexts: ctx is the caller's (Ctrl-C); hard is
// cancelled on a fatal error only, and bounds the store, the sink and the
// requests under way; stop is done when either is, and ends waits for a
// host's turn (a request not started yet is given back to the frontier).
func (s *session) run(ctx context.Context) error {
	defer s.stats.stop()
	hard, hardCancel := context.WithCancel(context.WithoutCancel(ctx))
	defer hardCancel()
	s.hardCancel = hardCancel
	stop, stopCancel := context.WithCancel(ctx)
	defer stopCancel()
	context.AfterFunc(hard, stopCancel)
	reqCtx := withStop(hard, stop.Done())

	res, err := s.store.Begin(hard, s.cfg.Incremental)
	if err != nil {
		return err
	}
	s.queued.Store(int64(res.Queued))
	s.log.Info("crawl starting", "seeds", len(s.seeds), "generation", res.Generation,
		"resumed", res.Resumed, "queued", res.Queued, "incremental", s.cfg.Incremental)
	if err := s.reconcile(hard, res); err != nil {
		return err
	}
	seeds := s.seeds
	if s.cfg.IgnoreRobots { // no robots.txt to name sitemaps: guess
		for o := range s.origins {
			seeds = append(seeds, sitemapGuess(o))
		}
	}
	if err := s.add(hard, seeds); err != nil {
		return err
	}

	w := s.cfg.Workers
	s.work = make(chan *task, w)
	s.results = make(chan *task, w)
	s.wake = make(chan struct{}, 1)
	commitIn := make(chan *task, 4*w)
	committerDone := make(chan struct{})
	go s.committer(hard, commitIn, committerDone)
	var workers sync.WaitGroup
	for range w {
		f := newFetcher(s.colly, s.cfg.MaxBodyBytes)
		workers.Go(func() {
			for t := range s.work {
				s.process(reqCtx, f, t)
				s.gates.finish(t.ticket)
				s.results <- t
			}
		})
	}

	stopExtend := s.extendLeases(hard)
	leftover := s.dispatch(ctx, hard, commitIn)
	close(s.work)
	workers.Wait()
	close(commitIn)
	<-committerDone
	if err := s.release(context.WithoutCancel(hard), leftover); err != nil {
		s.fatal(err)
	}
	stopExtend()
	if s.shared != nil && s.queued.Load() < 0 {
		s.queued.Store(0) // claims of URLs other processes queued: an estimate at best
	}
	s.stats.stop()
	st := s.stats.snapshot()
	s.log.Info("crawl finished", "pages", st.Pages, "articles", st.Articles, "fetches", st.Fetches,
		"failed", sum(st.Failed), "queued", st.Queued, "elapsed", st.Elapsed.Round(time.Millisecond))
	if err := s.fatalError(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("crawl: stopped after %d pages (%d articles written, %d URLs left queued): %w",
			st.Pages, st.Articles, st.Queued, err)
	}
	if len(st.SeedFailures) == len(s.seedURL) && st.Articles == 0 && st.Recovered == 0 {
		return fmt.Errorf("%w: %s", ErrSeedsFailed, seedsFailed(st.SeedFailures))
	}
	return nil
}

// ErrSeedsFailed is matched (errors.Is) by the error of a Run in which
// every seed failed (a failure or robots.txt's refusal, after the retries)
// and no record was written, not even one recovered from the state; [Stats.SeedFailures] says why each failed.
// Seeds finished in an earlier Run of the same state are not tried again,
// and do not count.
var ErrSeedsFailed = errors.New("crawl: every seed failed")

// ErrBadSeed is matched (errors.Is) by the error of a Run given no seed,
// or a seed that is not an absolute http or https URL. Nothing is fetched.
var ErrBadSeed = errors.New("crawl: bad seed")

// seedError is an [ErrBadSeed] saying what is wrong.
type seedError struct{ msg string }

func (e *seedError) Error() string        { return e.msg }
func (e *seedError) Is(target error) bool { return target == ErrBadSeed }

func seedsFailed(m map[string]string) string {
	var b strings.Builder
	for i, s := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(s + ": " + m[s])
	}
	return b.String()
}

// seedDone notes the outcome of page p when it is a seed's.
func (s *session) seedDone(key string, p Page) {
	seed, ok := s.seedURL[key]
	if !ok {
		return
	}
	var why string
	switch p.Outcome {
	case Failed:
		why = p.Reason
		if p.Err != nil && p.Err.Error() != p.Reason {
			why += ": " + p.Err.Error()
		}
	case Robots:
		why = "disallowed by robots.txt"
	default:
		s.seedsOK.Add(1)
		return
	}
	s.stats.update(func(st *Stats) { st.SeedFailures[seed] = why })
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

func sitemapGuess(orig string) store.Item {
	u := orig + "/sitemap.xml"
	return store.Item{Key: visitKey(u), URL: u, Kind: "sitemap"}
}

// add queues items found outside a page (seeds, robots.txt sitemaps).
func (s *session) add(ctx context.Context, items []store.Item) error {
	if len(items) == 0 {
		return nil
	}
	news, err := s.store.Add(ctx, items)
	if err != nil {
		s.fatal(err)
		return err
	}
	for _, it := range items {
		s.known.add(it.Key)
	}
	for _, n := range news {
		if n {
			s.queued.Add(1)
		}
	}
	if s.wake != nil {
		s.signal()
	}
	return nil
}

// robotsFetched queues the sitemaps a robots.txt names, or guesses
// /sitemap.xml for a seed's origin that names none.
func (s *session) robotsFetched(ctx context.Context, orig string, sitemaps []string) {
	var items []store.Item
	for _, s := range sitemaps {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || canonicalizeURL(u) != nil {
			continue
		}
		us := u.String()
		items = append(items, store.Item{Key: visitKey(us), URL: us})
	}
	if len(items) == 0 && s.origins[orig] {
		items = append(items, sitemapGuess(orig))
	}
	_ = s.add(ctx, items) // a failure is fatal, and reported by add
}

// reconcile makes output and state agree after a crash: records in the
// outbox that did not reach the sink are written now, those that did are
// not written again, and a half-written last line is dropped. The outbox
// (records since the last checkpoint) is read first; the sink's tail is
// then streamed past it, so memory does not grow with the output.
func (s *session) reconcile(ctx context.Context, res store.Resume) error {
	pend, err := s.store.Outbox(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, len(pend))
	missing := make(map[string]bool, len(pend)) // by record ID: true until found in the sink
	for i, p := range pend {
		var a extract.Article
		if err := json.Unmarshal(p.Record, &a); err != nil {
			s.log.Warn("state outbox: bad record", "seq", p.Seq, "err", err)
			continue
		}
		ids[i] = recordID(&a)
		missing[ids[i]] = true
	}
	if s.durable != nil {
		var each func(*extract.Article)
		if len(missing) > 0 {
			each = func(a *extract.Article) {
				if id := recordID(a); missing[id] {
					missing[id] = false
				}
			}
		}
		if err := s.durable.Recover(res.SinkPos, each); err != nil {
			return err
		}
	}
	if len(pend) == 0 {
		return nil
	}
	n := 0
	for i, p := range pend {
		if ids[i] == "" || !missing[ids[i]] {
			continue
		}
		missing[ids[i]] = false // once, should the outbox hold it twice
		if err := s.writeRecord(ctx, p.Record, nil); err != nil {
			return err
		}
		n++
	}
	s.stats.update(func(st *Stats) { st.Recovered = int64(n) })
	s.log.Info("recovered records from the state", "written", n, "already_in_output", len(pend)-n)
	return s.checkpoint(ctx, pend[len(pend)-1].Seq)
}

// writeRecord gives a record to the sink: the encoded line to this
// package's JSONL sinks, the article (decoded from the line when nil) to
// any other.
func (s *session) writeRecord(ctx context.Context, line []byte, a *extract.Article) error {
	if lw, ok := s.sink.(lineWriter); ok {
		return lw.writeLine(line)
	}
	if a == nil {
		a = new(extract.Article)
		if err := json.Unmarshal(line, a); err != nil {
			return fmt.Errorf("crawl: record: %w", err)
		}
	}
	return s.sink.Write(ctx, a)
}

func recordID(a *extract.Article) string { return a.Input + "\x00" + a.URL }

// checkpoint makes the sink durable and acknowledges the outbox up to seq.
func (s *session) checkpoint(ctx context.Context, seq uint64) error {
	var pos int64
	var err error
	switch {
	case s.durable != nil:
		pos, err = s.durable.Sync()
	case s.flusher != nil:
		err = s.flusher.Flush()
	}
	if err == nil {
		err = s.store.Ack(context.WithoutCancel(ctx), seq, pos)
	}
	if err == nil {
		s.log.Debug("checkpoint", "seq", seq, "sink_pos", pos)
	}
	return err
}

// Dispatch limits: the dispatcher claims 4 × Workers items at a time while
// fewer than 2 × Workers wait. A host that cannot start a request for more
// than slowHost (a Crawl-delay, a Retry-After) keeps Parallel items in the
// list; its others go back to the frontier, so that it does not fill the
// list and hold up the other hosts. At most maxRounds claims follow one
// another without waiting.
const (
	slowHost  = time.Second
	maxRounds = 8
)

// shed splits the waiting tasks into those kept and the items to give back
// to the frontier: a host that cannot start a request for more than
// slowHost keeps Parallel first attempts (retries are always kept). It
// also returns how many kept tasks are of such hosts.
func (s *session) shed(pending []*task, now time.Time) (kept []*task, shed []store.Item, slowHeld int) {
	type hostState struct {
		slow bool
		kept int
	}
	hosts := map[string]*hostState{}
	kept = pending[:0]
	for _, t := range pending {
		h := hosts[t.host]
		if h == nil {
			ok, at := s.gates.ready(t.host, now)
			h = &hostState{slow: !ok && at.Sub(now) > slowHost}
			hosts[t.host] = h
		}
		switch {
		case !h.slow:
			kept = append(kept, t)
		case t.attempt > 0 || h.kept < s.cfg.Parallel:
			kept = append(kept, t)
			h.kept++
			slowHeld++
		default:
			shed = append(shed, t.item)
		}
	}
	clear(pending[len(kept):])
	return kept, shed, slowHeld
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return strings.ToLower(u.Host)
	}
	return ""
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// committer applies completions to the store in batches, then writes the
// accepted records to the sink, in the store's order, and checkpoints.
func (s *session) committer(ctx context.Context, in <-chan *task, done chan<- struct{}) {
	defer close(done)
	ticker := time.NewTicker(s.cfg.CheckpointEvery)
	defer ticker.Stop()
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	var (
		batch   []*task
		lastSeq uint64
		acked   uint64
		since   int // records since the last checkpoint
		dirty   bool
	)
	ckpt := func() {
		if !dirty && lastSeq == acked {
			return
		}
		if s.fatalError() != nil {
			return
		}
		if err := s.checkpoint(ctx, lastSeq); err != nil {
			s.fatal(err)
			return
		}
		acked, since, dirty = lastSeq, 0, false
	}
	adopt := func() {
		if seq := s.adopt(ctx); seq > lastSeq {
			lastSeq, dirty = seq, true
		}
	}
	flush := func() {
		if len(batch) == 0 {
			return
		}
		n, seq := s.commit(ctx, batch)
		if seq > lastSeq {
			lastSeq = seq
		}
		since += n
		dirty = true
		batch = batch[:0]
		// A shared store's outbox is trimmed as soon as the records are
		// durable: a process that dies repeats only the pages it had in
		// flight (another adopts what its outbox holds).
		if since >= s.cfg.CheckpointRecords || s.shared != nil && since > 0 {
			ckpt()
		}
	}
	for {
		select {
		case t, open := <-in:
			if open {
				batch = append(batch, t)
				batch, open = gather(in, batch, linger)
			}
			flush()
			if !open { // every page is done: the last checkpoint
				adopt()
				ckpt()
				return
			}
		case <-ticker.C:
			adopt()
			ckpt()
		}
	}
}

// gather lingers a moment for more completions after the first in batch,
// so that a batch is one store transaction; it returns the batch and
// whether in is still open.
func gather(in <-chan *task, batch []*task, linger *time.Timer) ([]*task, bool) {
	linger.Reset(2 * time.Millisecond)
	defer linger.Stop()
	for len(batch) < 256 {
		select {
		case t, ok := <-in:
			if !ok {
				return batch, false
			}
			batch = append(batch, t)
		case <-linger.C:
			return batch, true
		}
	}
	return batch, true
}

// adopt writes the records that dead processes of a shared store left in
// their outboxes, now in this process's; it returns the highest outbox
// sequence among them (0 for none).
func (s *session) adopt(ctx context.Context) uint64 {
	if s.shared == nil || s.fatalError() != nil {
		return 0
	}
	recs, err := s.shared.Adopt(context.WithoutCancel(ctx), 1000)
	if err != nil {
		s.fatal(err)
		return 0
	}
	var seq uint64
	for _, p := range recs {
		if err := s.writeRecord(ctx, p.Record, nil); err != nil {
			s.fatal(fmt.Errorf("crawl: sink: %w", err))
			return 0
		}
		seq = max(seq, p.Seq)
	}
	if len(recs) > 0 {
		s.stats.update(func(st *Stats) { st.Recovered += int64(len(recs)) })
		s.log.Info("wrote the records a stopped process left", "records", len(recs))
	}
	return seq
}

// commit stores one batch and writes its records; it returns the number of
// records written and the highest outbox sequence among them.
func (s *session) commit(ctx context.Context, batch []*task) (int, uint64) {
	defer func() {
		s.committed.Add(int64(len(batch)))
		s.signal()
	}()
	if s.fatalError() != nil {
		return 0, 0
	}
	comps := make([]store.Completion, len(batch))
	for i, t := range batch {
		comps[i] = t.comp
	}
	res, err := s.store.Complete(context.WithoutCancel(ctx), comps)
	if err != nil {
		s.fatal(err)
		return 0, 0
	}
	written, maxSeq := 0, uint64(0)
	for i, t := range batch {
		rs := res[i]
		s.unhold(t.item.Key)
		if rs.Outcome == store.Refused {
			s.refused(t)
			continue
		}
		var queued int
		var skipped []string
		for j, isNew := range rs.New {
			if !isNew {
				continue
			}
			l := t.comp.Links[j]
			if l.Skip != "" {
				skipped = append(skipped, l.Skip)
				continue
			}
			queued++
		}
		t.page.New = queued
		s.queued.Add(int64(queued))
		s.known.add(t.item.Key)
		s.known.add(t.comp.Aliases...)
		for _, l := range t.comp.Links {
			s.known.add(l.Key)
		}
		if t.article != nil {
			switch rs.Outcome {
			case store.Emitted:
				if err := s.writeRecord(ctx, t.comp.Record, t.article); err != nil {
					s.fatal(fmt.Errorf("crawl: sink: %w", err))
					return written, maxSeq
				}
				written++
				maxSeq = max(maxSeq, rs.Seq)
				t.page.Outcome = Article
			case store.Duplicate:
				t.page.Outcome = Duplicate
			case store.Unchanged:
				t.page.Outcome = Unchanged
			}
		}
		s.trapYield(t, rs, queued)
		t.page.Elapsed = time.Since(t.start)
		p := t.page
		s.stats.update(func(st *Stats) {
			st.Pages++
			st.Outcomes[p.Outcome]++
			if p.Outcome == Failed {
				st.Failed[p.Reason]++
			}
			if p.Outcome == Trap {
				st.Traps[p.Reason]++
			}
			if t.decision != "" {
				st.Decisions[t.decision]++
			}
			for _, sk := range skipped {
				if sk == "robots" {
					st.Outcomes[Robots]++
				} else {
					st.Outcomes[Trap]++
					st.Traps[sk]++
				}
			}
			if p.Outcome == Article {
				st.Articles++
			}
		})
		s.seedDone(t.item.Key, p)
		if s.cfg.OnPage != nil {
			s.cfg.OnPage(p)
		}
	}
	if s.flusher != nil {
		if err := s.flusher.Flush(); err != nil {
			s.fatal(err)
		}
	}
	return written, maxSeq
}

// refused ends a task whose completion the shared store refused: its lease
// expired and another process has the page now.
func (s *session) refused(t *task) {
	s.once.m.CompareAndDelete(t.item.Key, t) // claimed again, it is fetched again
	t.page.Outcome, t.page.Reason = LeaseLost, "lease-expired"
	t.page.Elapsed = time.Since(t.start)
	p := t.page
	s.stats.update(func(st *Stats) {
		st.Pages++
		st.Outcomes[p.Outcome]++
	})
	s.log.Warn("page done after its lease expired: another process has it", "url", t.item.URL)
	if s.cfg.OnPage != nil {
		s.cfg.OnPage(p)
	}
}

// trapYield tells the trap rules what a committed page yielded.
func (s *session) trapYield(t *task, rs store.Result, queued int) {
	switch {
	case t.listing:
		if c := s.traps.listing(t.pattern, t.outside); c != "" {
			s.log.Info("trap: URL pattern cut", "pattern", c, "limit", s.cfg.TrapBarren)
		}
	case t.articlePage:
		s.traps.article(t.pattern)
	}
	if t.comp.Fetched {
		yield := rs.Outcome == store.Emitted || rs.Outcome == store.Unchanged || t.page.Outcome == NotModified
		if h := hostOf(t.item.URL); s.traps.page(h, yield, queued) {
			s.log.Info("trap: host cut: its frontier grows and it yields nothing", "host", h, "pages", s.traps.hostBarren)
		}
	}
}

// checkRedirect is colly's redirect handler: it stops loops, long chains,
// and redirects leaving the scope or into robots.txt-disallowed areas.
func (s *session) checkRedirect(req *http.Request, via []*http.Request) error {
	target := *req.URL
	if canonicalizeURL(&target) != nil {
		return &redirectError{reason: "redirect-out-of-scope", url: req.URL.String()}
	}
	// A loop comes back to a URL of the chain as spelled. Not to its visit
	// key: "/a" redirecting to "/a/" or "/a/index.html" is one page, and
	// no loop; nor is a redirect that adds a session id.
	ts := target.String()
	exact := *req.URL
	if canonicalize(&exact, false) == nil {
		es := exact.String()
		for _, v := range via {
			vu := *v.URL
			if canonicalize(&vu, false) == nil && vu.String() == es {
				return &redirectError{reason: "redirect-loop", url: ts}
			}
		}
	}
	if len(via) > s.cfg.MaxRedirects {
		return &redirectError{reason: "too-many-redirects", url: ts}
	}
	if s.scope.check(&target, ts) != "" {
		return &redirectError{reason: "redirect-out-of-scope", url: ts}
	}
	if s.once.elsewhere(ts, via) { // fetched already: queued as a link, the store drops it
		return &redirectError{reason: redirectQueued, url: ts}
	}
	if s.robots.ignore {
		return nil
	}
	// The worker still holds the host's slot for the previous hop, and
	// http://h and https://h share one gate: fetching the target origin's
	// robots.txt now could wait on ourselves. Use only what is loaded; an
	// unknown origin's target is queued as a link of its own.
	e := s.robots.loaded(origin(&target))
	if e == nil {
		return &redirectError{reason: redirectQueued, url: ts}
	}
	if !robotsTest(e, &target) {
		return errRobotsBlocked
	}
	return nil
}

// process fetches one task's page and decides what it is. It runs on a
// worker; the store is not touched (the committer does it). A task whose
// request had not started when the crawl stopped is abandoned: given back
// to the frontier, not failed.
func (s *session) process(ctx context.Context, f *fetcher, t *task) {
	if stopped(ctx) {
		t.abandon = true
		return
	}
	ctx = context.WithValue(ctx, ticketKey{}, t.ticket)
	if t.start.IsZero() {
		t.start = time.Now()
	}
	t.attempt, t.retry = t.attempt+1, false
	t.article, t.decision, t.listing, t.pattern, t.outside, t.articlePage = nil, "", false, "", nil, false
	t.page = Page{URL: t.item.URL, Depth: t.item.Depth, Attempts: t.attempt}
	t.comp = store.Completion{Item: t.item}
	u, err := url.Parse(t.item.URL)
	if err != nil {
		s.failNow(t, "bad-url", err)
		return
	}
	if s.variant(t, u) || s.isCut(t, u) {
		return
	}
	ok, err := s.robots.allowed(ctx, u)
	if errors.Is(err, errWaitStopped) {
		t.abandon = true
		return
	}
	if err != nil {
		reason, transient := classifyError(err)
		s.retryOrFail(t, reason, transient, err, 0)
		return
	}
	if !ok {
		t.page.Outcome = Robots
		return
	}
	if s.once.fetchedElsewhere(t) {
		return
	}
	res, err := f.fetch(ctx, t.item, s.cfg.UserAgent)
	t.fetched = time.Now()
	if errors.Is(err, errWaitStopped) {
		t.abandon = true
		return
	}
	s.stats.update(func(st *Stats) {
		st.Fetches++
		st.Bytes += res.read
	})
	if err != nil {
		reason, transient := classifyError(err)
		switch reason {
		case "robots":
			t.page.Outcome = Robots
			return
		case redirectQueued:
			s.redirectQueued(t, u, err)
			return
		}
		t.comp.Fetched = true
		s.retryOrFail(t, reason, transient, err, 0)
		return
	}
	t.comp.Fetched = true
	t.page.Status = res.status
	final := u
	if res.final != nil {
		final = res.final
		t.page.FinalURL = final.String()
	}
	// The end of a redirect chain is seen only once it answered: a target
	// that failed is fetched again when a link leads to it.
	if res.status == http.StatusNotModified || res.status >= 200 && res.status < 300 {
		if fu := *final; canonicalizeURL(&fu) == nil {
			if k := visitKey(fu.String()); k != t.item.Key {
				t.comp.Aliases = append(t.comp.Aliases, k)
			}
		}
		s.once.answered(t, t.comp.Aliases)
	}
	switch {
	case res.status == http.StatusNotModified:
		t.page.Outcome = NotModified
		return
	case res.status == http.StatusNotFound && t.item.Kind == "sitemap":
		t.page.Outcome, t.page.Reason = Skipped, "no-sitemap"
		return
	case res.status < 200 || res.status >= 300:
		reason, transient := statusReason(res.status)
		ra, _ := retryAfter(res.header.Get("Retry-After"), time.Now())
		s.retryOrFail(t, reason, transient, nil, min(ra, s.cfg.MaxPause))
		return
	case res.abort == "not-html":
		t.page.Outcome, t.page.Reason = Skipped, "not-html"
		return
	case res.abort == "too-large":
		s.failNow(t, "too-large", fmt.Errorf("crawl: %s: %w (%d bytes)", t.item.URL, errTooLarge, s.cfg.MaxBodyBytes))
		return
	}
	t.comp.ETag = res.header.Get("ETag")
	t.comp.LastModified = res.header.Get("Last-Modified")
	s.handleBody(t, res, final)
}

// redirectQueued ends a page whose redirect led to an origin whose
// robots.txt is not known yet: the target is queued as a link of the page,
// at its depth, and fetched later like any other URL.
func (s *session) redirectQueued(t *task, u *url.URL, err error) {
	var re *redirectError
	errors.As(err, &re)
	t.comp.Fetched = true
	t.page.Outcome, t.page.Reason, t.page.FinalURL = Redirect, redirectQueued, re.url
	t.comp.Links, _ = s.filterLinks(u, []string{re.url}, t.item.Depth, "", nil)
	for i := range t.comp.Links {
		t.comp.Links[i].Kind = t.item.Kind
	}
}

// isCut ends a task whose URL pattern or host was cut since it was queued.
func (s *session) isCut(t *task, u *url.URL) bool {
	if !s.traps.anyCut() {
		return false
	}
	c := s.traps.cut(urlPattern(u))
	if c != "" {
		t.page.Outcome, t.page.Reason = Trap, c
	}
	return c != ""
}

// variant ends, without a fetch, a task whose URL is a copy named by an
// article already fetched (print, AMP), or carries a parameter learned
// irrelevant since it was queued: that one is queued without it instead.
func (s *session) variant(t *task, u *url.URL) bool {
	if s.copies.has(t.item.Key) {
		t.page.Outcome, t.page.Reason = Variant, "copy"
		return true
	}
	c := *u
	why := s.params.strip(&c)
	if why == "" {
		return false
	}
	t.page.Outcome, t.page.Reason, t.page.FinalURL = Variant, why, c.String()
	t.comp.Links, _ = s.filterLinks(u, []string{c.String()}, t.item.Depth, "", nil)
	for i := range t.comp.Links {
		t.comp.Links[i].Kind = t.item.Kind
	}
	return true
}

// stopped tells whether the crawl stopped: ctx's stop channel is closed.
func stopped(ctx context.Context) bool {
	select {
	case <-stopOf(ctx):
		return true
	default:
		return false
	}
}

// retryOrFail schedules a retry of a task whose failure is transient
// (after RetryBase × 2^n with jitter, at least wait), while it has retries
// left; otherwise it ends the task in failure with failNow.
func (s *session) retryOrFail(t *task, reason string, transient bool, err error, wait time.Duration) {
	if transient && t.attempt <= s.cfg.Retries && s.fatalError() == nil {
		d := s.cfg.RetryBase << (t.attempt - 1)
		if d <= 0 || d > s.cfg.RetryMax {
			d = s.cfg.RetryMax
		}
		d = d/2 + rand.N(d/2+1) // equal jitter
		t.retry = true
		t.notBefore = time.Now().Add(max(d, wait))
		s.stats.update(func(st *Stats) { st.Retries++ })
		s.log.Debug("retrying page", "url", t.item.URL, "reason", reason, "attempt", t.attempt, "in", max(d, wait))
		return
	}
	s.failNow(t, reason, err)
}

// failNow ends a task in failure, without a retry: per-page failures go to the stats (by
// reason) and to a Warn log line.
func (s *session) failNow(t *task, reason string, err error) {
	if err == nil {
		err = errors.New(reason)
	}
	t.page.Outcome, t.page.Reason, t.page.Err = Failed, reason, err
	t.comp.Failed = true
	s.log.Warn("page failed", "url", t.item.URL, "reason", reason, "attempts", t.attempt, "err", err)
}

// handleBody reads a 2xx body: HTML page, sitemap or feed.
func (s *session) handleBody(t *task, res fetchResult, final *url.URL) {
	body := res.body
	ct := res.header.Get("Content-Type")
	mt := mediaType(ct)
	converted := convertedCharset(ct)
	if isGzip(body) {
		b, err := gunzip(body, s.cfg.MaxBodyBytes)
		if err != nil {
			reason := "gzip"
			if errors.Is(err, errTooLarge) {
				reason = "too-large"
			}
			s.failNow(t, reason, err)
			return
		}
		body, mt = b, ""
	}
	switch contentKind(mt, body) {
	case "xml":
		s.handleXML(t, body, converted, final)
	case "html":
		s.handleHTML(t, body, ct, converted, final, res.header)
	default:
		t.page.Outcome, t.page.Reason = Skipped, "not-html"
	}
}

// contentKind tells an HTML page from a sitemap or feed and from the rest,
// by media type and by sniffing.
func contentKind(mt string, body []byte) string {
	dct := http.DetectContentType(body)
	binary := !strings.HasPrefix(dct, "text/") && dct != "application/octet-stream" &&
		!strings.Contains(dct, "xml") || (dct == "application/octet-stream" && hasNUL(body))
	switch {
	case binary:
		return "other"
	case mt == "text/html" || mt == "application/xhtml+xml":
		if sniffXML(body) && !strings.HasPrefix(dct, "text/html") {
			return "xml"
		}
		return "html"
	case strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml"):
		if strings.HasPrefix(dct, "text/html") && !sniffXML(body) {
			return "html"
		}
		return "xml"
	default:
		if sniffXML(body) {
			return "xml"
		}
		if strings.HasPrefix(dct, "text/html") {
			return "html"
		}
		return "other"
	}
}

func hasNUL(b []byte) bool {
	for _, c := range b[:min(len(b), 512)] {
		if c == 0 {
			return true
		}
	}
	return false
}

func (s *session) handleXML(t *task, body []byte, converted bool, final *url.URL) {
	kind, links, err := parseXMLLinks(body, converted)
	if err != nil {
		t.page.Outcome, t.page.Reason = Skipped, "not-html"
		return
	}
	t.page.Outcome = Feed
	depth := t.item.Depth + 1
	if kind != xmlFeed {
		t.page.Outcome = Sitemap
	}
	freshFirst(links)
	raw := make([]string, 0, len(links))
	var children []string
	for _, l := range links {
		if l.Sitemap {
			children = append(children, l.URL)
		} else {
			raw = append(raw, l.URL)
		}
	}
	t.page.Links = len(links)
	t.comp.Links, _ = s.filterLinks(final, raw, depth, "", nil)
	more, _ := s.filterLinks(final, children, t.item.Depth, "", nil) // an index's sitemaps keep its depth
	t.comp.Links = append(t.comp.Links, more...)
	t.page.Reason = kind
}

func (s *session) handleHTML(t *task, raw []byte, ct string, converted bool, final *url.URL, header http.Header) {
	srcCT := ct
	if converted {
		srcCT = "text/html; charset=utf-8"
	}
	src := extract.Source{URL: final.String(), ContentType: srcCT}
	scan, art, decision, err := s.readPage(raw, src, final, header)
	t.decision = decision
	t.page.Reason = decision
	if err != nil {
		s.failNow(t, parseFailure(err), err)
		return
	}
	links := scan.links
	if scan.nofollow {
		links = nil
	}
	links = append(links, scan.feeds...)
	t.page.Links = len(links)
	page := mustParse(t.item.URL)
	t.pattern = urlPattern(page)
	t.articlePage = art != nil
	pagePattern := ""
	if art == nil {
		t.listing, pagePattern = true, pathPattern(t.pattern)
	}
	t.comp.Links, t.outside = s.filterLinks(scan.base, links, t.item.Depth+1, pagePattern, page)
	key, canon := s.learnPage(t, scan, art, final)
	switch {
	case scan.noindex && art != nil:
		t.page.Outcome = NoIndex
		return
	case art == nil:
		t.page.Outcome = Listing
		return
	case canon != nil && s.isCopy(t, canon, final):
		return
	}
	art.CrawlID = s.cfg.CrawlID
	rec, hash, err := encodeRecord(art, t.item.URL, t.fetched)
	if err != nil {
		s.failNow(t, "encode", err)
		return
	}
	t.article = art
	t.comp.Record, t.comp.RecordKey, t.comp.RecordHash = rec, key, hash
	t.page.Outcome = Article // or duplicate / unchanged, told by the store
}

// learnPage tells what a fetched page is: its record key and its
// same-host rel=canonical (nil when none, or the home page). It teaches
// the learner (see params.go) and, for an article, marks the copies it
// names (rel=amphtml, print alternates) as seen: they are not fetched.
//
// The record's key: the page's rel=canonical, else the key of a page
// found the same under a URL differing in one parameter, else its own
// URL, in the normal form (Canonicalize, then learned parameters
// dropped).
func (s *session) learnPage(t *task, scan *pageScan, art *extract.Article, final *url.URL) (string, *url.URL) {
	own := t.item.Key
	fu := *final
	if canonicalizeURL(&fu) == nil {
		s.params.strip(&fu)
		own = visitKey(fu.String())
	} else {
		fu = *mustParse(t.item.URL)
	}
	var canon *url.URL
	if scan.canonical != "" {
		if cu, err := url.Parse(scan.canonical); err == nil && canonicalizeURL(cu) == nil &&
			strings.EqualFold(cu.Host, fu.Host) && cu.Path != "/" && cu.Path != "" {
			s.params.strip(cu)
			canon = cu
		}
	}
	sig := pageSig{article: art != nil, fp: scan.textHash, recKey: own}
	if art != nil {
		if fp, err := strconv.ParseUint(art.Fingerprint, 16, 64); err == nil {
			sig.fp = fp
		}
		if canon != nil {
			sig.recKey = visitKey(canon.String())
		}
		for _, c := range scan.copies {
			cu, err := scan.base.Parse(c)
			if err != nil || canonicalizeURL(cu) != nil || !strings.EqualFold(cu.Host, fu.Host) {
				continue
			}
			s.params.strip(cu)
			if k := visitKey(cu.String()); k != own && k != t.item.Key {
				s.copies.add(k)
				t.comp.Aliases = append(t.comp.Aliases, k)
			}
		}
	}
	learned, partner := s.params.observe(&fu, canon, sig)
	for _, l := range learned {
		s.log.Info("learned: parameter does not change the page", "param", l)
		s.stats.update(func(st *Stats) { st.Learned[l]++ })
	}
	switch {
	case canon != nil:
		return visitKey(canon.String()), canon
	case partner != "":
		return partner, nil
	}
	return own, nil
}

// isCopy ends an article page whose rel=canonical names another page (a
// print or AMP copy, a spelling with a session id, a syndicated copy):
// nothing is recorded under it, and the canonical page is queued to be
// recorded under its own URL. Not when the canonical page cannot be
// fetched (out of scope, disallowed, cut) or was fetched and is no
// article: the page is then recorded under the canonical key, as before.
func (s *session) isCopy(t *task, canon, final *url.URL) bool {
	ck := visitKey(canon.String())
	if sameIgnoringScheme(ck, t.item.Key) || sameIgnoringScheme(ck, visitKey(final.String())) {
		return false
	}
	if known, article := s.params.fetched(ck); known && !article {
		return false
	}
	items, _ := s.filterLinks(final, []string{canon.String()}, t.item.Depth, "", nil)
	if !s.known.has(ck) && (len(items) != 1 || items[0].Skip != "") {
		return false
	}
	t.comp.Links = append(t.comp.Links, items...)
	t.page.Outcome, t.page.Reason, t.page.FinalURL = Variant, "copy", canon.String()
	if fu := *final; canonicalizeURL(&fu) == nil {
		s.params.strip(&fu)
		if l := s.params.observeCopy(&fu, canon); l != "" {
			s.log.Info("learned: path makes copies of pages", "rule", l)
			s.stats.update(func(st *Stats) { st.Learned[l]++ })
		}
	}
	return true
}

// sameIgnoringScheme compares two visit keys but for http and https.
func sameIgnoringScheme(a, b string) bool {
	cut := func(s string) string {
		if _, rest, ok := strings.Cut(s, "://"); ok {
			return rest
		}
		return s
	}
	return cut(a) == cut(b)
}

// encodeRecord sets the record's Input and Fetched (when the page was
// fetched) and encodes it once, as one JSON line without the newline (HTML
// characters not escaped, as the JSONL sinks write). The hash covers
// everything but Input, Fetched and CrawlID, so an article reached by
// another link or a redirect, fetched again unchanged, or by another crawl,
// hashes the same.
func encodeRecord(art *extract.Article, input string, fetched time.Time) (rec []byte, hash string, err error) {
	crawlID := art.CrawlID
	art.Input, art.Fetched, art.CrawlID = "", "", ""
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(art); err != nil {
		return nil, "", err
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})
	sum := sha256.Sum256(body)
	hash = hex.EncodeToString(sum[:16])
	art.Input, art.CrawlID = input, crawlID
	if !fetched.IsZero() {
		art.Fetched = fetched.UTC().Format(time.RFC3339)
	}
	if input == "" && art.Fetched == "" && crawlID == "" {
		return body, hash, nil
	}
	// Splice "input" and "fetched" in after "schema", where the struct
	// puts them.
	prefix := fmt.Appendf(nil, `{"schema":%d,`, art.Schema)
	if !bytes.HasPrefix(body, prefix) {
		buf.Reset()
		if err := enc.Encode(art); err != nil {
			return nil, "", err
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), hash, nil
	}
	rec = make([]byte, 0, len(body)+len(input)+64)
	rec = append(rec, prefix...)
	for _, f := range [...]struct{ key, val string }{{"input", input}, {"fetched", art.Fetched}} {
		if f.val != "" {
			rec = appendJSONField(rec, f.key, f.val)
			rec = append(rec, ',')
		}
	}
	rec = append(rec, body[len(prefix):]...)
	if crawlID != "" { // the struct's last field: before the closing brace
		rec = append(appendJSONField(append(rec[:len(rec)-1], ','), "crawl_id", crawlID), '}')
	}
	return rec, hash, nil
}

// appendJSONField appends "key":"val" as the JSONL sinks write it.
func appendJSONField(b []byte, key, val string) []byte {
	var v bytes.Buffer
	enc := json.NewEncoder(&v)
	enc.SetEscapeHTML(false)
	enc.Encode(val) // a string always encodes
	b = append(b, `"`+key+`":`...)
	return append(b, bytes.TrimSuffix(v.Bytes(), []byte{'\n'})...)
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}

// filterLinks resolves links found on a page at the given depth against
// base, canonicalises them (learned parameters dropped too) and keeps those
// in scope, once each. URLs that a trap rule or a known robots.txt rules
// out come back with Skip set, to be recorded as seen. For a listing page
// (pagePattern set, the path pattern of its URL) it also returns the
// hashes of its links outside that pattern, known already or not: the
// trap rule's measure of a listing's use (see traps). page is the HTML
// page the links are on (its canonical URL), nil for sitemaps, feeds and
// redirects: the query rules (see queryTrap) apply to a page's links only.
func (s *session) filterLinks(base *url.URL, raw []string, depth int, pagePattern string, page *url.URL) ([]store.Item, []uint64) {
	if len(raw) == 0 {
		return nil, nil
	}
	var (
		items    []store.Item
		outside  []uint64
		filtered map[string]int64
		seen     = make(map[string]struct{}, len(raw))
		anyCut   = s.traps.anyCut()
		hosts    = map[string]*hostInfo{}
	)
	drop := func(why string) {
		if filtered == nil {
			filtered = map[string]int64{}
		}
		filtered[why]++
	}
	for _, l := range raw {
		u, err := base.Parse(l)
		if err != nil || canonicalizeURL(u) != nil {
			continue
		}
		s.params.strip(u)
		link := u.String()
		key := visitKey(link)
		if _, dup := seen[key]; dup {
			continue
		}
		seen[key] = struct{}{}
		if s.known.has(key) {
			// Queued or done already: nothing to tell the store.
			if pagePattern != "" && pathPattern(urlPattern(u)) != pagePattern {
				outside = append(outside, s.traps.hash(key))
			}
			continue
		}
		h := hosts[u.Host]
		if h == nil {
			h = s.hostInfo(u)
			hosts[u.Host] = h
		}
		if !h.inScope {
			drop("offsite")
			continue
		}
		if why := s.scope.patterns(link); why != "" {
			drop(why)
			continue
		}
		if s.cfg.MaxDepth > 0 && depth > s.cfg.MaxDepth {
			drop("depth")
			continue
		}
		it := store.Item{Key: key, URL: link, Depth: depth}
		var pat string
		if pagePattern != "" || anyCut || page != nil && u.RawQuery != "" {
			pat = urlPattern(u)
		}
		if why := pathTrap(u, link, s.cfg.MaxURLLength, s.cfg.MaxPathSegments); why != "" {
			it.Skip = why
		} else if c := s.cutOrQuery(u, page, pat, anyCut); c != "" {
			it.Skip = c
		} else if h.robots != nil && !robotsTest(h.robots, u) {
			it.Skip = "robots"
		}
		items = append(items, it)
		if pagePattern != "" && it.Skip == "" && pathPattern(pat) != pagePattern {
			outside = append(outside, s.traps.hash(key))
		}
	}
	if filtered != nil {
		s.stats.update(func(st *Stats) {
			for k, v := range filtered {
				st.Filtered[k] += v
			}
		})
	}
	return items, outside
}

// cutOrQuery returns the trap rule that rules a link out, or "": a cut
// pattern or host, or a query rule (queryTrap).
func (s *session) cutOrQuery(u, page *url.URL, pat string, anyCut bool) string {
	if anyCut {
		if c := s.traps.cut(pat); c != "" {
			return c
		}
	}
	if page == nil || u.RawQuery == "" {
		return ""
	}
	if queryGrows(u, page) {
		return "query-growth"
	}
	if !s.traps.query(u.Host+u.EscapedPath(), pat) {
		return "query-budget"
	}
	return ""
}

// queryGrows tells a link that appends parameters to the query of the
// page it is on, same path, when that query already repeats a key: a
// faceted listing whose links append to the current query ("?sort=a" →
// "?sort=a&sort=b&page=2" → …) makes a new, longer URL at every hop.
// Links that replace a value (pagination) or add a first value of a key
// are not concerned.
func queryGrows(u, page *url.URL) bool {
	if page.RawQuery == "" || u.Host != page.Host || u.EscapedPath() != page.EscapedPath() ||
		len(u.RawQuery) <= len(page.RawQuery) || !repeatsKey(page.RawQuery) {
		return false
	}
	have := map[string]int{}
	for p := range strings.SplitSeq(u.RawQuery, "&") {
		have[p]++
	}
	for p := range strings.SplitSeq(page.RawQuery, "&") {
		if have[p] == 0 {
			return false
		}
		have[p]--
	}
	return true
}

// repeatsKey tells a canonical query (keys sorted) that holds one key twice.
func repeatsKey(q string) bool {
	prev := ""
	for i, p := range strings.Split(q, "&") {
		k, _, _ := strings.Cut(p, "=")
		if i > 0 && k == prev {
			return true
		}
		prev = k
	}
	return false
}

// hostInfo is what filterLinks needs to know of a link's host.
type hostInfo struct {
	inScope bool
	robots  *robotsEntry // nil when not known yet, or robots.txt is ignored
}

func (s *session) hostInfo(u *url.URL) *hostInfo {
	h := &hostInfo{inScope: s.scope.host(u.Hostname())}
	if h.inScope && !s.robots.ignore {
		h.robots = s.robots.loaded(origin(u))
	}
	return h
}
