// Package redis is the [store.Shared] kept in Redis: the state of one
// crawl that several processes, on one machine or many, work on at once.
//
// Each process opens the crawl under its own worker name. Seen-check and
// enqueue, claim and complete are each one Lua script, so no two workers
// ever take one URL, and nothing is decided across round trips. The
// frontier is a queue per host plus a sorted set of the hosts that may take
// a request, by the time they may (Redis's clock): a busy host cannot
// starve the others, and a host that is not due is never scanned. Claims
// are leases with the worker's name as owner; [Store.Extend] renews them,
// a completion by a worker that lost its lease is refused, and an expired
// lease puts its URL back at the front of its host's queue. A worker that
// starts again releases its own leases at once.
//
// Memory: URLs are known by an 8-byte hash (SHA-256), bucketed into small
// hashes (2^BucketBits of them) whose values pack the entry with msgpack;
// with hash-max-listpack-value and -entries raised (see the README) they
// stay listpacks. Two URLs whose hashes collide are taken for one: at 10
// million URLs the chance that any pair does is about 3 in a million.
//
// Every call is retried with backoff while Redis cannot be reached, up to
// Options.RetryFor; a script retried after its reply was lost returns the
// reply it had, so nothing is applied twice.
package redis

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/crawl/store"
)

// Defaults of [Options].
const (
	DefaultLease      = 60 * time.Second
	DefaultBucketBits = 14
	DefaultRetryFor   = 5 * time.Minute
)

// Options configure a [Store].
type Options struct {
	// CrawlID names the crawl; processes opening one CrawlID work on one
	// crawl. Required: letters, digits, '-', '_', '.'.
	CrawlID string
	// Worker names this process; a process that starts again under the
	// same name takes back its outbox and sink position and releases the
	// leases it held. Default: host name and process id.
	Worker string
	// Lease is how long a claim holds without being extended; default 60 s.
	Lease time.Duration
	// BucketBits sets the number of visited-set buckets, 2^BucketBits
	// (at most 16); default 14, for up to about 10 million URLs with
	// hash-max-listpack-entries 1024. Fixed when the crawl is created.
	BucketBits int
	// RetryFor is how long a call keeps trying while Redis cannot be
	// reached; default 5 min.
	RetryFor time.Duration
	// Logger receives a line per retry; nil discards.
	Logger *slog.Logger
}

// Store is a process's handle on a crawl kept in Redis.
type Store struct {
	c      goredis.UniversalClient
	own    bool          // c is closed by Close
	trips  *atomic.Int64 // requests sent, when own
	prefix string
	opts   Options
	rid    string // this incarnation, for request ids
	seq    atomic.Uint64
	par    atomic.Int64
	delay  atomic.Int64 // ms
	log    *slog.Logger
}

var _ store.Shared = (*Store)(nil)

// ErrUnreachable is matched by the error of [Open] when Redis does not
// answer.
var ErrUnreachable = errors.New("redis: unreachable")

// Open connects to the Redis server of url (redis://[user:password@]host:port/db,
// or rediss:// for TLS) and opens the crawl of opts.CrawlID. It fails with
// an error matching [ErrUnreachable] when the server does not answer.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	o, err := goredis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redis: bad URL: %w", err)
	}
	o.MaxRetries = 3
	clientLogs.Do(func() { goredis.SetLogger(clientLog{}) })
	c := goredis.NewClient(o)
	var trips atomic.Int64
	c.AddHook(countHook{&trips})
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.Ping(pctx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrUnreachable, redactURL(url), err)
	}
	s, err := New(c, opts)
	if err != nil {
		c.Close()
		return nil, err
	}
	s.own, s.trips = true, &trips
	s.checkConfig(pctx)
	return s, nil
}

// checkConfig warns when the server's settings make the visited set's
// buckets big hash tables instead of compact listpacks (see the package
// documentation). A server that hides CONFIG is not checked.
func (s *Store) checkConfig(ctx context.Context) {
	for name, least := range map[string]int{"hash-max-listpack-value": 256, "hash-max-listpack-entries": 512} {
		v, err := s.c.ConfigGet(ctx, name).Result()
		if err != nil {
			return
		}
		if n, err := strconv.Atoi(v[name]); err == nil && n < least {
			s.log.Warn("redis: the crawl's state takes several times the memory with this setting; see the README",
				"setting", name, "value", n, "want at least", least)
		}
	}
}

// RoundTrips returns the requests sent to Redis so far (a pipeline counts
// once), when the store was made by Open; 0 otherwise.
func (s *Store) RoundTrips() int64 {
	if s.trips == nil {
		return 0
	}
	return s.trips.Load()
}

// countHook counts the requests a client sends.
type countHook struct{ n *atomic.Int64 }

func (h countHook) DialHook(next goredis.DialHook) goredis.DialHook { return next }

func (h countHook) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

func (h countHook) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []goredis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

// clientLogs routes go-redis's own log lines (its pool's dial failures,
// which Open and the retries report themselves) to slog at debug level,
// once per process.
var clientLogs sync.Once

type clientLog struct{}

func (clientLog) Printf(ctx context.Context, format string, v ...any) {
	slog.Default().DebugContext(ctx, fmt.Sprintf(format, v...))
}

// redactURL drops the password of a Redis URL, for messages.
func redactURL(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		user, _, _ := strings.Cut(rest[:at], ":")
		rest = user + ":***@" + rest[at+1:]
	}
	return scheme + "://" + rest
}

// New opens the crawl of opts.CrawlID on a client; Close leaves the
// client open.
func New(c goredis.UniversalClient, opts Options) (*Store, error) {
	if opts.CrawlID == "" || strings.ContainsFunc(opts.CrawlID, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.", r))
	}) {
		return nil, fmt.Errorf("redis: bad crawl id %q: letters, digits, '-', '_' and '.' only", opts.CrawlID)
	}
	if opts.Worker == "" {
		h, _ := os.Hostname()
		opts.Worker = fmt.Sprintf("%s-%d", h, os.Getpid())
	}
	if strings.ContainsAny(opts.Worker, "\n") {
		return nil, fmt.Errorf("redis: bad worker name %q", opts.Worker)
	}
	if opts.Lease <= 0 {
		opts.Lease = DefaultLease
	}
	if opts.BucketBits <= 0 || opts.BucketBits > 16 {
		opts.BucketBits = DefaultBucketBits
	}
	if opts.RetryFor <= 0 {
		opts.RetryFor = DefaultRetryFor
	}
	s := &Store{c: c, prefix: "nc:{" + opts.CrawlID + "}:", opts: opts, log: opts.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	var b [6]byte
	rand.Read(b[:])
	s.rid = hex.EncodeToString(b[:])
	s.par.Store(2)
	return s, nil
}

// Worker returns the worker name the store was opened under.
func (s *Store) Worker() string { return s.opts.Worker }

// Lease returns the lease of a claim.
func (s *Store) Lease() time.Duration { return s.opts.Lease }

// SetPoliteness sets the per-host limits this process claims under:
// parallel requests in flight to one host across the crawl, and the least
// delay between their starts. Every process of a crawl must use the same.
func (s *Store) SetPoliteness(parallel int, delay time.Duration) {
	s.par.Store(int64(max(parallel, 1)))
	s.delay.Store(max(delay.Milliseconds(), 0))
}

// Close implements [store.Store]. It does not release leases; a worker
// whose outbox is empty leaves the list of workers.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if n, err := s.c.LLen(ctx, s.key("ob:"+s.opts.Worker)).Result(); err == nil && n == 0 {
		s.c.ZRem(ctx, s.key("w"), s.opts.Worker)
	}
	if s.own {
		return s.c.Close()
	}
	return nil
}

func (s *Store) key(k string) string { return s.prefix + k }

func (s *Store) reqID() string { return s.rid + "." + strconv.FormatUint(s.seq.Add(1), 10) }

// run runs a script with the common arguments, retrying while Redis cannot
// be reached.
func (s *Store) run(ctx context.Context, sc *goredis.Script, args ...any) (any, error) {
	all := make([]any, 0, 4+len(args))
	all = append(all, s.opts.BucketBits, s.par.Load(), s.delay.Load(), s.opts.Worker)
	all = append(all, args...)
	var res any
	err := s.retry(ctx, func() error {
		var err error
		res, err = sc.Run(ctx, s.c, []string{s.prefix}, all...).Result()
		return err
	})
	return res, err
}

// retry calls f until it succeeds, fails with an error that is not a
// connection's, or Options.RetryFor passes.
func (s *Store) retry(ctx context.Context, f func() error) error {
	start := time.Now()
	wait := 50 * time.Millisecond
	for {
		err := f()
		if err == nil || errors.Is(err, goredis.Nil) {
			return err
		}
		var re goredis.Error
		if errors.As(err, &re) && !strings.HasPrefix(re.Error(), "LOADING") {
			return fmt.Errorf("redis: %w", err)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("redis: %w", ctx.Err())
		}
		if time.Since(start) > s.opts.RetryFor {
			return fmt.Errorf("redis: unreachable for %s: %w", s.opts.RetryFor, err)
		}
		s.log.Warn("redis: retrying", "err", err, "in", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return fmt.Errorf("redis: %w", ctx.Err())
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// hashKey is the 8-byte hash a key is known by.
func hashKey(k string) string {
	sum := sha256.Sum256([]byte(k))
	return string(sum[:8])
}

// HostOf returns the frontier queue of a URL: its host:port, lower case,
// as the crawler's politeness names it.
func HostOf(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	return strings.ToLower(rest)
}

// packLM keeps an HTTP date in 5 bytes when it formats back the same.
func packLM(v string) string {
	if t, err := http.ParseTime(v); err == nil && t.UTC().Format(http.TimeFormat) == v && t.Unix() >= 0 && t.Unix() < 1<<32 {
		var b [5]byte
		b[0] = 1
		binary.BigEndian.PutUint32(b[1:], uint32(t.Unix()))
		return string(b[:])
	}
	return v
}

func unpackLM(v string) string {
	if len(v) == 5 && v[0] == 1 {
		return time.Unix(int64(binary.BigEndian.Uint32([]byte(v[1:]))), 0).UTC().Format(http.TimeFormat)
	}
	return v
}

// packHash keeps a record hash of hex digits in 8 bytes.
func packHash(v string) string {
	if b, err := hex.DecodeString(v); err == nil && len(b) >= 8 {
		return string(b[:8])
	}
	if len(v) > 8 {
		sum := sha256.Sum256([]byte(v))
		return string(sum[:8])
	}
	return v
}
