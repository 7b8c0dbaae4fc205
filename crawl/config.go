package crawl

import (
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"runtime"
	"time"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/extract"
)

// DefaultUserAgent names the tool and where to read about it.
const DefaultUserAgent = "newsclip/0.1 (+https://github.com/newsclip/newsclip)"

// Defaults of [Config] a caller may want to show or start from (the
// command's flags do); the other defaults are documented on their fields.
const (
	DefaultParallel     = 2
	DefaultDelay        = 500 * time.Millisecond
	DefaultTimeout      = 30 * time.Second
	DefaultRetries      = 3
	DefaultMaxBodyBytes = 10 << 20
)

// The other defaults, each named for its field.
const (
	defaultRetryBase         = time.Second
	defaultRetryMax          = time.Minute
	defaultMaxPause          = 2 * time.Minute
	defaultMaxRedirects      = 10
	defaultTrapBarren        = 100
	defaultTrapPattern       = 10000
	defaultMaxPathSegments   = 16
	defaultMaxURLLength      = 2048
	defaultMaxPathQueries    = 5000
	defaultCheckpointEvery   = time.Second
	defaultCheckpointRecords = 1000
)

// Defaults no caller needed; each is documented on its field of [Config].
//
// Deprecated: a zero field of Config takes its default.
const (
	DefaultRetryBase      = defaultRetryBase
	DefaultRetryMax       = defaultRetryMax
	DefaultMaxPause       = defaultMaxPause
	DefaultMaxRedirects   = defaultMaxRedirects
	DefaultTrapBarren     = defaultTrapBarren
	DefaultTrapPattern    = defaultTrapPattern
	DefaultMaxPathSegs    = defaultMaxPathSegments
	DefaultMaxURLLength   = defaultMaxURLLength
	DefaultMaxPathQueries = defaultMaxPathQueries
	DefaultCheckpoint     = defaultCheckpointEvery
	DefaultCheckpointRecs = defaultCheckpointRecords
)

// Config configures a [Crawler]. The zero value is a polite crawl of the
// seeds' sites: robots.txt obeyed, 2 requests at a time and 500 ms between
// request starts per host, 30 s timeout, 3 retries, 10 MiB pages, state in
// memory.
type Config struct {
	// UserAgent is sent with every request and matched against robots.txt
	// groups; default DefaultUserAgent.
	UserAgent string
	// Parallel is the most requests in flight to one host (host:port);
	// default 2.
	Parallel int
	// Delay is the least time between the starts of two requests to one
	// host; default 500 ms, negative for none. A longer robots.txt
	// Crawl-delay wins, up to MaxPause.
	Delay time.Duration
	// Workers is the number of pages this process handles at once across
	// all hosts, whatever Parallel says (with a shared store, Parallel is
	// the limit of the whole crawl per host); default 4 × GOMAXPROCS.
	Workers int
	// Timeout bounds each request (each redirect hop, robots.txt too) from
	// its start to the end of its body; waiting for the host's turn
	// (Delay, Crawl-delay, Retry-After) does not count. Default 30 s.
	Timeout time.Duration
	// Retries is how many times a page is tried again after a timeout, a
	// connection error, a 5xx or a 429; default 3, negative for none.
	// Retries wait RetryBase × 2^n with jitter, at most RetryMax, and at
	// least the server's Retry-After (at most MaxPause).
	Retries   int
	RetryBase time.Duration
	RetryMax  time.Duration
	// MaxPause caps a Retry-After or Crawl-delay honoured; default 2 min.
	MaxPause time.Duration
	// MaxBodyBytes is the largest page read; longer pages fail with reason
	// "too-large". Default 10 MiB.
	MaxBodyBytes int64
	// MaxRedirects is the longest redirect chain followed; default 10.
	// Loops are stopped at once.
	MaxRedirects int
	// MaxDepth is the most links followed from a seed; 0 for no limit.
	MaxDepth int
	// MaxPages stops the crawl after this many fetches in this run (the
	// rest stays queued in the state); 0 for no limit.
	MaxPages int
	// AllowDomains adds domains (and their subdomains) to the scope. The
	// scope is always the seeds' sites (registrable domains).
	AllowDomains []string
	// Include, when not empty, keeps only URLs matching one of them;
	// Exclude drops URLs matching any. Seeds are exempt.
	Include []*regexp.Regexp
	Exclude []*regexp.Regexp
	// IgnoreRobots disables robots.txt; for your own sites only.
	IgnoreRobots bool

	// Trap defences, on by default. A URL pattern (the path with digit
	// runs as N, plus the query keys) is cut when TrapBarren of its
	// listing pages in a row linked nothing outside the pattern that its
	// earlier pages had not linked (an endless calendar, sort orders;
	// links known from a sitemap or an earlier run count, and an article
	// under the pattern ends the run), or when it has had TrapPattern
	// listing pages; default 100 and 10 000, negative to disable. Paths of
	// more than MaxPathSegments segments, or repeating one segment 3 times,
	// and URLs longer than MaxURLLength are cut too.
	TrapBarren      int
	TrapPattern     int
	MaxPathSegments int
	MaxURLLength    int
	// MaxPathQueries is the most distinct query strings queued from
	// pages' links for one path of a host ("/browse/?…"), unless URLs of
	// that shape gave articles; default 5000, negative for no limit.
	// Sitemap and feed URLs do not count. A link that appends parameters
	// to its page's query when that query already repeats a key is cut
	// too ("query-growth"), and a host whose frontier grows while
	// 10 × TrapBarren pages in a row gave no record is cut as a whole.
	MaxPathQueries int

	// Incremental revisits every page fetched by earlier crawls kept in
	// State, with conditional requests, and emits only new or changed
	// articles.
	Incremental bool
	// CrawlID, when set, names the crawl in every record (crawl_id).
	CrawlID string
	// State keeps the frontier, the visited set and the validators; nil
	// keeps them in memory (see packages crawl/store/memory and crawl/store/bbolt).
	State store.Store
	// Extractor makes the records; nil uses extract.New with MaxBytes
	// matched to MaxBodyBytes.
	Extractor *extract.Extractor
	// Transport is the HTTP transport under the politeness layer; nil
	// uses a clone of http.DefaultTransport. An *http.Transport given here
	// is not changed (New clones it to raise MaxIdleConnsPerHost).
	Transport http.RoundTripper
	// Archive, when set, receives every HTTP exchange of the crawl as it
	// went over the network (see [Archiver]); a *warc.Writer writes
	// them to WARC files.
	Archive Archiver
	// Logger receives the start and end of a crawl (Info), a line per
	// failed page (Warn) and one per checkpoint and retry (Debug); nil
	// discards.
	Logger *slog.Logger
	// OnPage, when set, is called with the outcome of every page, in the
	// order the pages are committed, from one goroutine (never two calls
	// at once). The crawl waits for it: it must be quick.
	OnPage func(Page)
	// CheckpointEvery and CheckpointRecords say how often the sink and the
	// state are made durable: every second or 1000 records by default.
	CheckpointEvery   time.Duration
	CheckpointRecords int
}

// withDefaults fills the zero fields.
func (c Config) withDefaults() (Config, error) {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Parallel <= 0 {
		c.Parallel = DefaultParallel
	}
	switch {
	case c.Delay == 0:
		c.Delay = DefaultDelay
	case c.Delay < 0:
		c.Delay = 0
	}
	if c.Workers <= 0 {
		c.Workers = 4 * runtime.GOMAXPROCS(0)
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	switch {
	case c.Retries == 0:
		c.Retries = DefaultRetries
	case c.Retries < 0:
		c.Retries = 0
	}
	if c.RetryBase <= 0 {
		c.RetryBase = defaultRetryBase
	}
	if c.RetryMax <= 0 {
		c.RetryMax = defaultRetryMax
	}
	if c.MaxPause <= 0 {
		c.MaxPause = defaultMaxPause
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = defaultMaxRedirects
	}
	if c.TrapBarren == 0 {
		c.TrapBarren = defaultTrapBarren
	}
	if c.TrapPattern == 0 {
		c.TrapPattern = defaultTrapPattern
	}
	if c.MaxPathSegments <= 0 {
		c.MaxPathSegments = defaultMaxPathSegments
	}
	if c.MaxPathQueries == 0 {
		c.MaxPathQueries = defaultMaxPathQueries
	}
	if c.MaxURLLength <= 0 {
		c.MaxURLLength = defaultMaxURLLength
	}
	if c.CheckpointEvery <= 0 {
		c.CheckpointEvery = defaultCheckpointEvery
	}
	if c.CheckpointRecords <= 0 {
		c.CheckpointRecords = defaultCheckpointRecords
	}
	if c.Extractor == nil {
		c.Extractor = extract.New(extract.Options{MaxBytes: max(c.MaxBodyBytes, extract.DefaultMaxBytes)})
	}
	if c.Transport == nil {
		c.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.MaxDepth < 0 || c.MaxPages < 0 {
		return c, errors.New("crawl: MaxDepth and MaxPages must not be negative")
	}
	return c, nil
}
