package crawl

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Outcome is what became of one page.
type Outcome string

// Outcomes.
const (
	OutcomeArticle     Outcome = "article"      // a record was written
	OutcomeDuplicate   Outcome = "duplicate"    // an article already recorded under another URL
	OutcomeUnchanged   Outcome = "unchanged"    // incremental: the article's record did not change
	OutcomeNotModified Outcome = "not-modified" // incremental: the server answered 304
	OutcomeListing     Outcome = "listing"      // a page that is not an article: its links were followed
	OutcomeFeed        Outcome = "feed"         // an RSS or Atom feed
	OutcomeSitemap     Outcome = "sitemap"      // a sitemap or sitemap index
	OutcomeRedirect    Outcome = "redirect"     // redirected to a URL queued on its own (Page.FinalURL)
	OutcomeVariant     Outcome = "variant"      // a copy or spelling of another page (Page.FinalURL): nothing recorded under it
	OutcomeNoIndex     Outcome = "noindex"      // the page asks not to be indexed
	OutcomeRobots      Outcome = "robots"       // not fetched: disallowed by robots.txt
	OutcomeTrap        Outcome = "trap"         // not fetched: cut by a trap defence
	OutcomeSkipped     Outcome = "skipped"      // fetched but not HTML, a sitemap or a feed
	OutcomeFailed      Outcome = "failed"       // see Page.Reason
	OutcomeLeaseLost   Outcome = "lease-lost"   // shared store: done after the lease expired; another process has the page
)

// The outcomes' names before they were prefixed with Outcome.
//
// Deprecated: use the Outcome… names (crawl.Article reads like a record
// type; crawl.OutcomeArticle says what it is).
const (
	Article     = OutcomeArticle
	Duplicate   = OutcomeDuplicate
	Unchanged   = OutcomeUnchanged
	NotModified = OutcomeNotModified
	Listing     = OutcomeListing
	Feed        = OutcomeFeed
	Sitemap     = OutcomeSitemap
	Redirect    = OutcomeRedirect
	Variant     = OutcomeVariant
	NoIndex     = OutcomeNoIndex
	Robots      = OutcomeRobots
	Trap        = OutcomeTrap
	Skipped     = OutcomeSkipped
	Failed      = OutcomeFailed
	LeaseLost   = OutcomeLeaseLost
)

// Page is the outcome of one URL of the frontier, given to Config.OnPage.
type Page struct {
	URL      string // as queued
	FinalURL string // after redirects
	Depth    int
	Status   int // HTTP status of the last attempt, 0 when none came back
	Attempts int
	Outcome  Outcome
	// Reason details the outcome: the failure ("timeout", "http-404",
	// "too-large", "redirect-loop", ...), the article decision
	// ("article/json-ld", "listing/extractor", ...), the trap rule.
	Reason string
	Err    error
	// Links is the number of links found on the page, New how many of them
	// were queued.
	Links, New int
	Elapsed    time.Duration
}

// Stats counts a crawl's work. Maps are keyed by Outcome, failure reason,
// decision reason or URL pattern.
type Stats struct {
	Fetches  int64 // HTTP requests for pages, retries included
	Pages    int64 // pages finished, whatever their outcome
	Articles int64 // records written
	Queued   int64 // URLs waiting in the frontier (an estimate while running)
	Retries  int64
	Bytes    int64         // page bytes read (as decompressed), too-large pages' included
	Elapsed  time.Duration // since Run began; it stops when Run returns

	Outcomes  map[Outcome]int64
	Failed    map[string]int64 // failures by reason
	Decisions map[string]int64 // article/listing decisions by reason
	Filtered  map[string]int64 // links left out of scope, by rule
	Traps     map[string]int64 // URLs cut, by pattern or rule
	// Learned counts the parameters learned not to change the page, by
	// "host ?key".
	Learned map[string]int64
	// Recovered counts records rewritten from the state's outbox at start
	// (a crash had kept them from the output).
	Recovered int64
	// SeedFailures says why each seed that failed in this run failed: the
	// failure reason and error, or robots.txt's refusal. See
	// [ErrSeedsFailed].
	SeedFailures map[string]string
}

// String is the one-screen summary printed at the end of a crawl.
func (s Stats) String() string {
	var b strings.Builder
	rate := func(n int64) float64 {
		if s.Elapsed <= 0 {
			return 0
		}
		return float64(n) / s.Elapsed.Seconds()
	}
	fmt.Fprintf(&b, "%d pages in %s (%.1f pages/s), %d articles written (%.1f/s), %d fetches, %d retries, %d queued\n",
		s.Pages, s.Elapsed.Round(time.Millisecond), rate(s.Pages), s.Articles, rate(s.Articles), s.Fetches, s.Retries, s.Queued)
	line := func(title string, m map[string]int64) {
		if len(m) == 0 {
			return
		}
		fmt.Fprintf(&b, "  %-10s", title)
		keys := slices.Sorted(maps.Keys(m))
		slices.SortStableFunc(keys, func(a, b string) int { return int(m[b] - m[a]) })
		for i, k := range keys {
			if i == 12 {
				fmt.Fprintf(&b, " …%d more", len(keys)-i)
				break
			}
			fmt.Fprintf(&b, " %s=%d", k, m[k])
		}
		b.WriteByte('\n')
	}
	out := map[string]int64{}
	for k, v := range s.Outcomes {
		out[string(k)] = v
	}
	line("outcomes:", out)
	line("failed:", s.Failed)
	line("decisions:", s.Decisions)
	line("filtered:", s.Filtered)
	line("trap-cut:", s.Traps)
	line("learned:", s.Learned)
	for _, seed := range slices.Sorted(maps.Keys(s.SeedFailures)) {
		fmt.Fprintf(&b, "  seed failed: %s: %s\n", seed, s.SeedFailures[seed])
	}
	if s.Recovered > 0 {
		fmt.Fprintf(&b, "  recovered %d records from the state's outbox\n", s.Recovered)
	}
	return b.String()
}

// statsBox is the live, locked Stats.
type statsBox struct {
	mu     sync.Mutex
	s      Stats
	start  time.Time
	end    time.Time // when Run returned; zero while it runs
	queued atomic.Int64
}

func newStatsBox() *statsBox {
	return &statsBox{start: time.Now(), s: Stats{
		Outcomes: map[Outcome]int64{}, Failed: map[string]int64{}, Decisions: map[string]int64{},
		Filtered: map[string]int64{}, Traps: map[string]int64{}, Learned: map[string]int64{},
		SeedFailures: map[string]string{},
	}}
}

// stop freezes Elapsed; later calls do nothing.
func (b *statsBox) stop() {
	b.mu.Lock()
	if b.end.IsZero() {
		b.end = time.Now()
	}
	b.mu.Unlock()
}

func (b *statsBox) update(f func(st *Stats)) {
	b.mu.Lock()
	f(&b.s)
	b.mu.Unlock()
}

func (b *statsBox) snapshot() Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.s
	if b.end.IsZero() {
		s.Elapsed = time.Since(b.start)
	} else {
		s.Elapsed = b.end.Sub(b.start)
	}
	s.Queued = b.queued.Load()
	s.Outcomes = maps.Clone(b.s.Outcomes)
	s.Failed = maps.Clone(b.s.Failed)
	s.Decisions = maps.Clone(b.s.Decisions)
	s.Filtered = maps.Clone(b.s.Filtered)
	s.Traps = maps.Clone(b.s.Traps)
	s.Learned = maps.Clone(b.s.Learned)
	s.SeedFailures = maps.Clone(b.s.SeedFailures)
	return s
}
