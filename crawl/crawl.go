package crawl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
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
	case OutcomeFailed:
		why = p.Reason
		if p.Err != nil && p.Err.Error() != p.Reason {
			why += ": " + p.Err.Error()
		}
	case OutcomeRobots:
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
