package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"regexp"
	"sync"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/bbolt"
	"github.com/newsclip/newsclip/crawl/store/redis"
	"github.com/newsclip/newsclip/internal/demoportal"
)

const crawlUsage = `usage: newsclip crawl [flags] URL...

Crawls news portals from their home or section pages and writes one JSON
record per article page (JSON Lines) to -o FILE or stdout. Logs, the live
status line and the summary go to stderr. Flags may follow the URLs.

With --redis URL --crawl-id NAME, the crawl's state is in Redis instead,
shared by every process (on this machine or others) given the same NAME:
they work as one crawl, each writing its own -o FILE (merge them with
"newsclip merge"), --parallel and --delay holding per host for all of them
together; --workers caps the pages one process handles at once.

-o FILE appends: records already in FILE stay. State (frontier, visited
set, validators) is kept in --state: kill the crawl at any time, run the
same command again and it resumes, writing every article exactly once to
-o FILE. A new state file with an -o FILE that already holds records is
refused, since those records would be written again: --restart starts the
crawl over (appending), --truncate empties FILE first. One crawl at a time
may write to a FILE or use a state file. Ctrl-C (or SIGTERM) finishes the
pages in flight, saves and exits; a second one quits at once (the state
stays consistent).

Exit status: 0 when the crawl ran (pages that failed are counted in the
summary), 1 when it could not run or every seed failed, 2 on bad usage,
130 when interrupted (Ctrl-C), 143 when terminated (SIGTERM).

flags:
`

// crawlOptions are the flags shared by crawl and demo.
type crawlOptions struct {
	output       string
	truncate     bool
	state        string
	restart      bool
	incremental  bool
	parallel     int
	delay        time.Duration
	workers      int
	timeout      time.Duration
	retries      int
	maxDepth     int
	maxPages     int
	maxBody      byteSize
	allowDomains stringList
	include      stringList
	exclude      stringList
	userAgent    string
	ignoreRobots bool
	logFormat    string
	logLevel     string
	progress     string
	demo         bool
	articles     int
	warc         warcCrawlOptions
	shared       sharedOptions
}

func (o *crawlOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.output, "o", "", "append the records to `FILE` (default stdout)")
	fs.BoolVar(&o.truncate, "truncate", o.truncate, "empty the -o file before writing: a one-off run")
	fs.StringVar(&o.state, "state", o.state, "keep the crawl state in `FILE` (\"\" keeps it in memory: no resume)")
	fs.BoolVar(&o.restart, "restart", false, "start the crawl over: forget what the --state file holds")
	fs.BoolVar(&o.incremental, "incremental", false, "revisit known pages with conditional requests; write only new or changed articles")
	fs.IntVar(&o.parallel, "parallel", o.parallel, "requests in flight per host (with --redis: for the whole crawl)")
	fs.DurationVar(&o.delay, "delay", o.delay, "least time between request starts per host (robots.txt Crawl-delay wins if longer; 0 for none)")
	fs.IntVar(&o.workers, "workers", 0, "pages this process handles at once across hosts, whatever --parallel says (default 4 × CPUs)")
	fs.DurationVar(&o.timeout, "timeout", o.timeout, "timeout per request, body included")
	fs.IntVar(&o.retries, "retries", o.retries, "retries after timeouts, connection errors, 5xx and 429, with backoff")
	fs.IntVar(&o.maxDepth, "max-depth", 0, "most links followed from a seed (0: no limit)")
	fs.IntVar(&o.maxPages, "max-pages", 0, "stop after this many pages in this run; the rest stays queued (0: no limit)")
	fs.Var(&o.maxBody, "max-body", "largest page read: `SIZE` in bytes or with a unit, such as 512KiB or 10MiB (default 10MiB)")
	fs.Var(&o.allowDomains, "allow-domain", "also crawl this `domain` and its subdomains (repeatable)")
	fs.Var(&o.include, "include", "crawl only URLs matching this `regexp` (repeatable)")
	fs.Var(&o.exclude, "exclude", "skip URLs matching this `regexp` (repeatable)")
	fs.StringVar(&o.userAgent, "user-agent", crawl.DefaultUserAgent, "User-Agent header, also matched against robots.txt")
	fs.BoolVar(&o.ignoreRobots, "ignore-robots", false, "ignore robots.txt (for your own sites only)")
	fs.StringVar(&o.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.StringVar(&o.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.StringVar(&o.progress, "progress", "auto", "live status line on stderr: auto (on a terminal), always or never")
	o.warc.register(fs)
	o.shared.register(fs)
}

// check rejects values that make no sense.
func (o *crawlOptions) check(fs *flag.FlagSet) error {
	if err := atLeast(fs, 1, "parallel"); err != nil {
		return err
	}
	if err := atLeast(fs, 0, "workers", "retries", "max-depth", "max-pages"); err != nil {
		return err
	}
	if err := checkDurations(fs, false, "timeout"); err != nil {
		return err
	}
	if err := checkDurations(fs, true, "delay"); err != nil {
		return err
	}
	if err := o.shared.check(flagsSet(fs)); err != nil {
		return err
	}
	switch o.progress {
	case "auto", "always", "never":
	default:
		return usageErrorf("unknown --progress %q: want auto, always or never", o.progress)
	}
	if _, err := newLogger(io.Discard, o.logFormat, o.logLevel); err != nil {
		return &usageError{err.Error()}
	}
	for _, list := range []stringList{o.include, o.exclude} {
		for _, s := range list {
			if _, err := regexp.Compile(s); err != nil {
				return usageErrorf("bad pattern %q: %v", s, err)
			}
		}
	}
	return nil
}

func defaultCrawlOptions() *crawlOptions {
	return &crawlOptions{
		state:    "crawl.db",
		parallel: crawl.DefaultParallel,
		delay:    crawl.DefaultDelay,
		timeout:  crawl.DefaultTimeout,
		retries:  crawl.DefaultRetries,
	}
}

// demoDefaults sets the options of a crawl of the local demo portal, for
// "newsclip demo" and "newsclip crawl --demo", but those named in set
// (flags given on the command line): no politeness delay, 4 requests at a
// time, a short timeout (the portal's slow page answers after 5 s), one
// retry, the state in memory (the portal's port changes with every run),
// and the output overwritten (a one-off run).
func demoDefaults(o *crawlOptions, set map[string]bool) {
	for name, apply := range map[string]func(){
		"state":    func() { o.state = "" },
		"delay":    func() { o.delay = 0 },
		"parallel": func() { o.parallel = 4 },
		"timeout":  func() { o.timeout = 2 * time.Second },
		"retries":  func() { o.retries = 1 },
		"truncate": func() { o.truncate = true },
	} {
		if !set[name] {
			apply()
		}
	}
}

// flagsSet returns the names of the flags given on the command line.
func flagsSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// parseCrawl parses the arguments of "newsclip crawl".
func parseCrawl(args []string, stdout io.Writer) (o *crawlOptions, seeds []string, err error) {
	o = defaultCrawlOptions()
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	o.register(fs)
	fs.BoolVar(&o.demo, "demo", false, "serve the bundled demo portal on 127.0.0.1 and crawl it too, with demo's defaults")
	fs.IntVar(&o.articles, "articles", 0, "with --demo: articles in the demo portal (default 240)")
	if seeds, err = parseFlags(fs, crawlUsage, args, stdout); err != nil {
		return nil, nil, err
	}
	if err := o.check(fs); err != nil {
		return nil, nil, err
	}
	if flagsSet(fs)["articles"] {
		if err := atLeast(fs, 1, "articles"); err != nil {
			return nil, nil, err
		}
	}
	if o.demo {
		demoDefaults(o, flagsSet(fs))
	} else if len(seeds) == 0 {
		return nil, nil, usageErrorf("no URL given")
	}
	for _, s := range seeds {
		if _, err := crawl.Canonicalize(s); err != nil {
			return nil, nil, usageErrorf("%q is not an http or https URL", s)
		}
	}
	return o, seeds, nil
}

// runCrawl is "newsclip crawl".
func runCrawl(ctx context.Context, args []string, s stdio) error {
	o, seeds, err := parseCrawl(args, s.out)
	if err != nil {
		return err
	}
	if o.demo {
		url, stop, err := serveDemo(demoportal.Options{Articles: o.articles}, "127.0.0.1:0")
		if err != nil {
			return err
		}
		defer stop()
		fmt.Fprintf(s.err, "newsclip: demo portal at %s\n", url)
		seeds = append(seeds, url)
	}
	_, err = execCrawl(ctx, o, seeds, s)
	return err
}

// execCrawl runs a crawl with checked options and returns its counts.
func execCrawl(ctx context.Context, o *crawlOptions, seeds []string, s stdio) (st crawl.Stats, err error) {
	stderr := s.err
	var status *statusLine
	if o.progress == "always" || (o.progress == "auto" && isTerminal(stderr) && o.logFormat != "json") {
		status = &statusLine{w: stderr}
		stderr = status
	} else {
		stderr = &syncWriter{w: stderr} // the logger and the watchers write at once
	}
	logger, err := newLogger(stderr, o.logFormat, o.logLevel)
	if err != nil {
		return st, &usageError{err.Error()}
	}
	files, err := openCrawlFiles(ctx, o, logger)
	if err != nil {
		return st, err
	}
	// Closing syncs: a failure there may lose records or state, and fails
	// the command.
	defer func() {
		if cerr := files.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	cfg := o.config(logger)
	cfg.State = files.store()
	if cfg.Archive, err = o.warc.open(cfg, seeds, logger); err != nil {
		return st, err
	}
	defer o.warc.close(&err)
	c, err := crawl.New(cfg)
	if err != nil {
		return st, &usageError{err.Error()}
	}
	var sink crawl.Sink = crawl.NewJSONL(s.out)
	if files.out != nil {
		sink = files.out
	}
	st, err = watchCrawl(ctx, c, seeds, sink, o, logger, status, stderr)
	if files.shared != nil {
		logger.Info("redis", "crawl_id", o.shared.crawlID, "worker", files.shared.Worker(),
			"round_trips", files.shared.RoundTrips(), "pages", st.Pages)
	}
	return st, report(ctx, o, files, st, err, logger, stderr)
}

// config is the crawl.Config of checked options.
func (o *crawlOptions) config(logger *slog.Logger) crawl.Config {
	cfg := crawl.Config{
		UserAgent:    o.userAgent,
		Parallel:     o.parallel,
		Delay:        o.delay,
		Workers:      o.workers,
		Timeout:      o.timeout,
		Retries:      o.retries,
		MaxDepth:     o.maxDepth,
		MaxPages:     o.maxPages,
		MaxBodyBytes: int64(o.maxBody),
		AllowDomains: o.allowDomains,
		IgnoreRobots: o.ignoreRobots,
		Incremental:  o.incremental,
		Logger:       logger,
		CrawlID:      o.shared.crawlID,
	}
	if o.delay == 0 {
		cfg.Delay = -1 // the flag's 0 means none; the Config's 0 means default
	}
	if o.retries == 0 {
		cfg.Retries = -1
	}
	for _, s := range o.include {
		cfg.Include = append(cfg.Include, regexp.MustCompile(s)) // checked
	}
	for _, s := range o.exclude {
		cfg.Exclude = append(cfg.Exclude, regexp.MustCompile(s))
	}
	return cfg
}

// crawlFiles are a crawl's state file and output file, both locked.
type crawlFiles struct {
	state  *bbolt.Bolt
	shared *redis.Store // with --redis, instead of state
	out    *crawl.JSONLFile
	resume bool // the state held a crawl
}

// openCrawlFiles opens the state and the output and makes sure they go
// together (see agree).
func openCrawlFiles(ctx context.Context, o *crawlOptions, logger *slog.Logger) (*crawlFiles, error) {
	f := &crawlFiles{}
	if o.shared.redis != "" {
		st, err := o.shared.open(ctx, o.output, logger)
		if err != nil {
			return nil, err
		}
		f.shared = st
	} else if o.state != "" {
		st, err := bbolt.Open(o.state)
		if errors.Is(err, bbolt.ErrBadState) && o.output != "" && o.output != "-" {
			return nil, fmt.Errorf("%w; with the crawl's records in %s, run with --restart afterwards "+
				"(records already there may be written again) or with --truncate --restart", err, o.output)
		}
		if err != nil {
			return nil, err
		}
		f.state = st
		f.resume = !st.Fresh()
	}
	if o.output != "" && o.output != "-" {
		out, err := crawl.OpenJSONL(o.output)
		if err != nil {
			f.close()
			return nil, err
		}
		f.out = out
	}
	if err := f.agree(o); err != nil {
		f.close()
		return nil, err
	}
	return f, nil
}

// agree applies --restart and --truncate, and refuses an output that
// holds records the state does not know of: they would be written again.
func (f *crawlFiles) agree(o *crawlOptions) error {
	if o.truncate && f.resume && !o.restart && f.out != nil {
		return usageErrorf("--truncate would drop the records that %s says were written to %s: "+
			"add --restart to start the crawl over too, or leave --truncate out to go on with it", o.state, o.output)
	}
	if o.restart && f.resume {
		if err := f.state.Reset(); err != nil {
			return err
		}
		f.resume = false
	}
	if f.out == nil {
		return nil
	}
	if o.truncate {
		return f.out.Truncate()
	}
	size, err := f.out.Size()
	if err != nil || size == 0 || f.state == nil || f.resume || o.restart {
		return err
	}
	return fmt.Errorf("%s already holds records (%s), but the state file %s holds no crawl: "+
		"those records would be written again. Run with --restart to append to it anyway "+
		"(records already there may appear twice), with --truncate to empty it first, "+
		"with --state naming the crawl's state file, or with -o another file",
		o.output, sizeString(size), o.state)
}

// store is the state to crawl with: nil keeps it in memory.
func (f *crawlFiles) store() store.Store {
	switch {
	case f.shared != nil:
		return f.shared
	case f.state != nil:
		return f.state
	}
	return nil
}

func (f *crawlFiles) close() error {
	var errs []error
	if f.out != nil {
		errs = append(errs, f.out.Close())
	}
	if f.state != nil {
		errs = append(errs, f.state.Close())
	}
	if f.shared != nil {
		errs = append(errs, f.shared.Close())
	}
	return errors.Join(errs...)
}

// watchCrawl runs the crawl with its status line or progress log, and
// says what a Ctrl-C does.
func watchCrawl(ctx context.Context, c *crawl.Crawler, seeds []string, sink crawl.Sink, o *crawlOptions,
	logger *slog.Logger, status *statusLine, stderr io.Writer) (crawl.Stats, error) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-done:
		case <-ctx.Done():
			fmt.Fprintln(stderr, "newsclip crawl: finishing the pages in flight; Ctrl-C again to quit now")
		}
	})
	if status != nil {
		wg.Go(func() { status.run(c, done) })
	} else if o.logFormat == "json" {
		wg.Go(func() { logProgress(logger, c, done) })
	}
	err := c.Run(ctx, seeds, sink)
	close(done)
	wg.Wait()
	return c.Stats(), err
}

// report writes the summary and turns the crawl's end into the command's.
func report(ctx context.Context, o *crawlOptions, files *crawlFiles, st crawl.Stats, err error,
	logger *slog.Logger, stderr io.Writer) error {
	if o.logFormat == "json" {
		logger.Info("summary", "pages", st.Pages, "articles", st.Articles, "fetches", st.Fetches,
			"retries", st.Retries, "queued", st.Queued, "elapsed_s", st.Elapsed.Seconds(),
			"outcomes", st.Outcomes, "failed", st.Failed, "decisions", st.Decisions,
			"filtered", st.Filtered, "trap_cut", st.Traps, "seed_failures", st.SeedFailures)
	} else {
		fmt.Fprint(stderr, st.String())
	}
	if n := st.Failed["too-large"]; n > 0 {
		limit := int64(o.maxBody)
		if limit == 0 {
			limit = crawl.DefaultMaxBodyBytes
		}
		fmt.Fprintf(stderr, "newsclip crawl: pages over the %s size limit, not read: %d (--max-body raises the limit)\n", sizeString(limit), n)
	}
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		if o.state == "" {
			return &interrupted{"interrupted (the state was in memory: a new run starts over)", err}
		}
		return &interrupted{"interrupted; run the same command to resume", err}
	case errors.Is(err, crawl.ErrSeedsFailed):
		return &errReported{"every seed failed; the summary above says why"}
	case err != nil:
		return err
	case st.Pages == 0 && files.resume && !o.incremental:
		fmt.Fprintf(stderr, "newsclip crawl: nothing to do: %s holds a finished crawl of these seeds; "+
			"use --incremental to revisit them, or --restart to start over\n", o.state)
	case st.Fetches > 0 && st.Pages == st.Outcomes[crawl.OutcomeFailed]:
		return errors.New("every page failed")
	}
	return nil
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("bad --log-level %q", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("bad --log-format %q: want text or json", format)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// syncWriter serialises writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// statusLine keeps one live line at the bottom of a terminal; log lines
// written through it appear above.
type statusLine struct {
	mu   sync.Mutex
	w    io.Writer
	line string
}

func (s *statusLine) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.line != "" {
		io.WriteString(s.w, "\r\x1b[K")
	}
	n, err := s.w.Write(p)
	if s.line != "" {
		io.WriteString(s.w, s.line)
	}
	return n, err
}

func (s *statusLine) set(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.line = line
	io.WriteString(s.w, "\r\x1b[K"+line)
}

func (s *statusLine) run(c *crawl.Crawler, done <-chan struct{}) {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			s.set("")
			return
		case <-t.C:
			st := c.Stats()
			rate := 0.0
			if st.Elapsed > 0 {
				rate = float64(st.Pages) / st.Elapsed.Seconds()
			}
			s.set(fmt.Sprintf("%d pages · %d articles · %d queued · %d errors · %.1f pages/s",
				st.Pages, st.Articles, st.Queued, st.Outcomes[crawl.OutcomeFailed], rate))
		}
	}
}

func logProgress(l *slog.Logger, c *crawl.Crawler, done <-chan struct{}) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			st := c.Stats()
			l.Info("progress", "pages", st.Pages, "articles", st.Articles, "queued", st.Queued,
				"errors", st.Outcomes[crawl.OutcomeFailed], "pages_per_s", float64(st.Pages)/st.Elapsed.Seconds())
		}
	}
}

// serveDemo serves the demo portal on addr and returns its URL.
func serveDemo(opts demoportal.Options, addr string) (string, func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("demo portal: %w", err)
	}
	srv := &http.Server{Handler: demoportal.New(opts), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		srv.Close()
	}
	return "http://" + ln.Addr().String() + "/", stop, nil
}
