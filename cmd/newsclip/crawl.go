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
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/crawl/store/bbolt"
	"github.com/newsclip/newsclip/internal/demoportal"
)

const crawlUsage = `usage: newsclip crawl [flags] URL...

Crawls news portals from their home or section pages and writes one JSON
record per article page (JSON Lines) to -o FILE or stdout. Logs, the live
status line and the summary go to stderr. State (frontier, visited set,
validators) is kept in --state: kill the crawl at any time, run the same
command again and it resumes, writing every article exactly once when -o is
a file. Ctrl-C (or SIGTERM) finishes the pages in flight, saves and exits;
a second one quits at once (the state stays consistent).

Exit status: 0 when the crawl ran (pages that failed are counted in the
summary), 1 when it could not run or every seed failed, 2 on bad usage,
130 when interrupted (Ctrl-C), 143 when terminated (SIGTERM).

flags:
`

// crawlOptions are the flags shared by crawl and demo.
type crawlOptions struct {
	output       string
	state        string
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
}

func (o *crawlOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.output, "o", "", "write records to `FILE`, appending (default stdout)")
	fs.StringVar(&o.state, "state", o.state, "keep the crawl state in `FILE` (\"\" keeps it in memory: no resume)")
	fs.BoolVar(&o.incremental, "incremental", false, "revisit known pages with conditional requests; write only new or changed articles")
	fs.IntVar(&o.parallel, "parallel", o.parallel, "requests in flight per host")
	fs.DurationVar(&o.delay, "delay", o.delay, "least time between request starts per host (robots.txt Crawl-delay wins if longer; 0 for none)")
	fs.IntVar(&o.workers, "workers", 0, "pages processed at once across hosts (default 4 × CPUs)")
	fs.DurationVar(&o.timeout, "timeout", o.timeout, "timeout per request, body included")
	fs.IntVar(&o.retries, "retries", o.retries, "retries after timeouts, connection errors, 5xx and 429, with backoff")
	fs.IntVar(&o.maxDepth, "max-depth", 0, "most links followed from a seed (0: no limit)")
	fs.IntVar(&o.maxPages, "max-pages", 0, "stop after this many pages in this run; the rest stays queued (0: no limit)")
	fs.Var(&o.maxBody, "max-body", "largest page read, in bytes or with a unit: `SIZE` such as 512KiB or 10MiB (default 10MiB)")
	fs.Var(&o.allowDomains, "allow-domain", "also crawl this `domain` and its subdomains (repeatable)")
	fs.Var(&o.include, "include", "crawl only URLs matching this `regexp` (repeatable)")
	fs.Var(&o.exclude, "exclude", "skip URLs matching this `regexp` (repeatable)")
	fs.StringVar(&o.userAgent, "user-agent", crawl.DefaultUserAgent, "User-Agent header, also matched against robots.txt")
	fs.BoolVar(&o.ignoreRobots, "ignore-robots", false, "ignore robots.txt (for your own sites only)")
	fs.StringVar(&o.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.StringVar(&o.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.StringVar(&o.progress, "progress", "auto", "live status line on stderr: auto (on a terminal), always or never")
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
// retry, and the state in memory (the portal's port changes with every
// run).
func demoDefaults(o *crawlOptions, set map[string]bool) {
	for name, apply := range map[string]func(){
		"state":    func() { o.state = "" },
		"delay":    func() { o.delay = 0 },
		"parallel": func() { o.parallel = 4 },
		"timeout":  func() { o.timeout = 2 * time.Second },
		"retries":  func() { o.retries = 1 },
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

// parseCrawl parses the arguments of "newsclip crawl"; code is not
// exitOK when the command ends there.
func parseCrawl(args []string, stderr io.Writer) (o *crawlOptions, seeds []string, code int) {
	o = defaultCrawlOptions()
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.register(fs)
	fs.BoolVar(&o.demo, "demo", false, "serve the bundled demo portal on 127.0.0.1 and crawl it too, with demo's defaults")
	fs.IntVar(&o.articles, "articles", 0, "with --demo: articles in the demo portal (default 240)")
	fs.Usage = func() {
		fmt.Fprint(stderr, crawlUsage)
		fs.PrintDefaults()
	}
	seeds, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, exitOK
		}
		return nil, nil, exitUsage
	}
	if o.demo {
		demoDefaults(o, flagsSet(fs))
	} else if len(seeds) == 0 {
		fmt.Fprintln(stderr, "newsclip crawl: no URL given")
		fs.Usage()
		return nil, nil, exitUsage
	}
	for _, s := range seeds {
		if _, err := crawl.Canonicalize(s); err != nil {
			fmt.Fprintf(stderr, "newsclip crawl: %q is not an http or https URL\n", s)
			return nil, nil, exitUsage
		}
	}
	return o, seeds, exitOK
}

// runCrawl is "newsclip crawl".
func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, seeds, code := parseCrawl(args, stderr)
	if o == nil {
		return code
	}
	if o.demo {
		url, stop, err := serveDemo(demoportal.Options{Articles: o.articles}, "127.0.0.1:0")
		if err != nil {
			fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
			return exitFailed
		}
		defer stop()
		fmt.Fprintf(stderr, "newsclip: demo portal at %s\n", url)
		seeds = append(seeds, url)
	}
	return execCrawl(ctx, o, seeds, stdout, stderr)
}

// execCrawl runs a crawl with parsed options.
func execCrawl(ctx context.Context, o *crawlOptions, seeds []string, stdout, stderr io.Writer) (code int) {
	term := isTerminal(stderr)
	var status *statusLine
	if o.progress == "always" || (o.progress == "auto" && term && o.logFormat != "json") {
		status = &statusLine{w: stderr}
		stderr = status
	} else {
		stderr = &syncWriter{w: stderr} // the logger and the signal watcher write at once
	}
	logger, err := newLogger(stderr, o.logFormat, o.logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
		return exitUsage
	}
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
	}
	if o.delay == 0 {
		cfg.Delay = -1 // the flag's 0 means none; the Config's 0 means default
	}
	if o.retries == 0 {
		cfg.Retries = -1
	}
	for _, list := range []struct {
		src stringList
		dst *[]*regexp.Regexp
	}{{o.include, &cfg.Include}, {o.exclude, &cfg.Exclude}} {
		for _, s := range list.src {
			re, err := regexp.Compile(s)
			if err != nil {
				fmt.Fprintf(stderr, "newsclip crawl: bad pattern %q: %v\n", s, err)
				return exitUsage
			}
			*list.dst = append(*list.dst, re)
		}
	}

	// closeLater closes c when the command ends; closing syncs, and a
	// failure there may lose records or state: it is reported and fails
	// the command.
	closeLater := func(c io.Closer) {
		if err := c.Close(); err != nil {
			fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
			if code == exitOK {
				code = exitFailed
			}
		}
	}
	stateExisted := false
	if o.state != "" {
		if _, err := os.Stat(o.state); err == nil {
			stateExisted = true
		}
		st, err := bbolt.Open(o.state)
		if err != nil {
			fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
			return exitFailed
		}
		defer closeLater(st)
		cfg.State = st
	}
	var sink crawl.Sink
	if o.output == "" || o.output == "-" {
		sink = crawl.NewJSONL(stdout)
	} else {
		f, err := crawl.OpenJSONL(o.output)
		if err != nil {
			fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
			return exitFailed
		}
		defer closeLater(f)
		sink = f
	}
	c, err := crawl.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
		return exitUsage
	}

	done := make(chan struct{})
	var wg sync.WaitGroup
	// A second Ctrl-C quits at once: the state and the output survive that.
	wg.Go(func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(sig)
		fmt.Fprintln(stderr, "newsclip crawl: finishing the pages in flight; Ctrl-C again to quit now")
		select {
		case s := <-sig:
			if n, ok := s.(syscall.Signal); ok {
				os.Exit(128 + int(n))
			}
			os.Exit(exitInterrupted)
		case <-done:
		}
	})
	if status != nil {
		wg.Go(func() { status.run(c, done) })
	} else if o.logFormat == "json" {
		wg.Go(func() { logProgress(logger, c, done) })
	}
	err = c.Run(ctx, seeds, sink)
	close(done)
	wg.Wait()
	st := c.Stats()
	if o.logFormat == "json" {
		logger.Info("summary", "pages", st.Pages, "articles", st.Articles, "fetches", st.Fetches,
			"retries", st.Retries, "queued", st.Queued, "elapsed_s", st.Elapsed.Seconds(),
			"outcomes", st.Outcomes, "failed", st.Failed, "decisions", st.Decisions,
			"filtered", st.Filtered, "trap_cut", st.Traps)
	} else {
		fmt.Fprint(stderr, st.String())
	}
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintln(stderr, "newsclip crawl: interrupted; run the same command to resume")
		return interruptedCode(ctx)
	case err != nil:
		fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
		return exitFailed
	case st.Pages == 0 && stateExisted && !o.incremental:
		fmt.Fprintf(stderr, "newsclip crawl: nothing to do: %s holds a finished crawl of these seeds; "+
			"use --incremental to revisit them, or remove %s to start over\n", o.state, o.state)
	case st.Fetches > 0 && st.Pages == st.Outcomes[crawl.Failed]:
		fmt.Fprintln(stderr, "newsclip crawl: every page failed")
		return exitFailed
	}
	return exitOK
}

// parseInterspersed parses flags that may follow the positional
// arguments, as in "newsclip crawl URL -o out.jsonl".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" || (len(args) > len(rest) && args[len(args)-len(rest)-1] == "--") {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
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
				st.Pages, st.Articles, st.Queued, st.Outcomes[crawl.Failed], rate))
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
				"errors", st.Outcomes[crawl.Failed], "pages_per_s", float64(st.Pages)/st.Elapsed.Seconds())
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

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// byteSize is a size flag: 1048576, 512KiB, 10MiB, 10MB, 1GiB.
type byteSize int64

func (b *byteSize) String() string {
	if *b == 0 {
		return ""
	}
	return strconv.FormatInt(int64(*b), 10)
}

func (b *byteSize) Set(v string) error {
	s := strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(strings.ToUpper(s), strings.ToUpper(u.suffix)) {
			s, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("bad size %q", v)
	}
	*b = byteSize(n * float64(mult))
	return nil
}
