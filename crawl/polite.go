package crawl

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsclip/newsclip/crawl/store"
)

// gates enforce politeness per host (host:port): at most parallel requests
// in flight, and request starts at least delay apart. Every HTTP request of
// a crawl passes through them, robots.txt and redirect hops included.
type gates struct {
	parallel int
	delay    time.Duration
	maxPause time.Duration

	mu    sync.Mutex
	hosts map[string]*gate
}

type gate struct {
	mu       sync.Mutex
	inflight int
	last     time.Time     // start of the last request
	next     time.Time     // earliest start of the next request
	until    time.Time     // paused (Retry-After) until
	delay    time.Duration // max(config delay, robots Crawl-delay)
	wake     chan struct{} // closed when a request ends
	// paced is when the dispatcher may hand out the next task for the
	// host: a task handed out at t starts its request at about t, so the
	// next one waits for t+delay rather than for a worker's request.
	paced   time.Time
	pacedBy *ticket
}

// hostGates is the politeness of a crawl: [gates] within one process, or
// [sharedGates] across the processes of a shared store.
type hostGates interface {
	// acquire waits for host's turn to start a request; see gates.acquire.
	acquire(ctx context.Context, host string) (release func(), start time.Time, err error)
	// ready tells whether a task for host could be handed out now, and
	// if not, the earliest time it might.
	ready(host string, now time.Time) (bool, time.Time)
	// dispatch records a task handed out for host and returns its ticket.
	dispatch(host string, now time.Time) *ticket
	// finish ends a ticket (see gates.finish).
	finish(tk *ticket)
	setDelay(host string, d time.Duration)
	pause(host string, d time.Duration)
}

// ticket is a task handed out for a host. Its requests carry it in their
// context; a task that ends without any request to its host gives the
// pacing back (see gates.finish).
type ticket struct {
	host    string
	started atomic.Bool
	// permit is set on a task claimed from a shared store: the claim
	// counted its first request to host as started, at the store's time.
	// It holds only if that request starts at once (before permitBy);
	// later, the request asks the store's Pace like any other.
	permit   atomic.Bool
	permitBy time.Time
}

// permitFor is how long after asking for it (a claim, a Pace) a request
// may start on the store's grant; it bounds by how much two requests to a
// host may start closer than the delay. A grant that arrives later is not
// used: the request asks again.
const permitFor = 8 * time.Millisecond

type ticketKey struct{}

// stopKey carries, in a request's context, a channel closed when the crawl
// stops: a request waiting for its host's turn gives up then (it has not
// started), while requests under way are finished.
type stopKey struct{}

// errWaitStopped ends a request that was still waiting for its host's turn
// when the crawl stopped.
var errWaitStopped = errors.New("crawl: stopped while waiting for the host")

func withStop(ctx context.Context, stop <-chan struct{}) context.Context {
	return context.WithValue(ctx, stopKey{}, stop)
}

func stopOf(ctx context.Context) <-chan struct{} {
	c, _ := ctx.Value(stopKey{}).(<-chan struct{})
	return c
}

// startKey carries the time a request's gate let it start, in the context
// of the request given to the base transport (for tests).
type startKey struct{}

func newGates(parallel int, delay, maxPause time.Duration) *gates {
	return &gates{parallel: parallel, delay: delay, maxPause: maxPause, hosts: map[string]*gate{}}
}

func (g *gates) get(host string) *gate {
	g.mu.Lock()
	defer g.mu.Unlock()
	h := g.hosts[host]
	if h == nil {
		h = &gate{delay: g.delay, wake: make(chan struct{})}
		g.hosts[host] = h
	}
	return h
}

// acquire waits for a slot on host and returns its release function and
// the request's start. It gives up when ctx is done or the crawl stops
// (errWaitStopped).
func (g *gates) acquire(ctx context.Context, host string) (func(), time.Time, error) {
	h := g.get(host)
	stop := stopOf(ctx)
	for {
		h.mu.Lock()
		now := time.Now()
		start := h.next
		if h.until.After(start) {
			start = h.until
		}
		if h.inflight < g.parallel && !now.Before(start) {
			h.inflight++
			h.last, h.next = now, now.Add(h.delay)
			h.mu.Unlock()
			if tk, ok := ctx.Value(ticketKey{}).(*ticket); ok && tk.host == host {
				tk.started.Store(true)
			}
			var once sync.Once
			return func() { once.Do(func() { h.done() }) }, now, nil
		}
		var timer *time.Timer
		var tc <-chan time.Time
		wake := h.wake
		if h.inflight < g.parallel {
			timer = time.NewTimer(start.Sub(now))
			tc = timer.C
			wake = nil
		}
		h.mu.Unlock()
		select {
		case <-wake:
		case <-tc:
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return nil, time.Time{}, ctx.Err()
		case <-stop:
			if timer != nil {
				timer.Stop()
			}
			return nil, time.Time{}, errWaitStopped
		}
	}
}

func (h *gate) done() {
	h.mu.Lock()
	h.inflight--
	close(h.wake)
	h.wake = make(chan struct{})
	h.mu.Unlock()
}

// ready reports whether a task for host could be handed out now, and if
// not, the earliest time it might.
func (g *gates) ready(host string, now time.Time) (bool, time.Time) {
	h := g.get(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	start := h.next
	if h.until.After(start) {
		start = h.until
	}
	if h.paced.After(start) {
		start = h.paced
	}
	if now.Before(start) {
		return false, start
	}
	return h.inflight < g.parallel, now
}

// dispatch records that a task for host is handed out now and returns its
// ticket.
func (g *gates) dispatch(host string, now time.Time) *ticket {
	tk := &ticket{host: host}
	h := g.get(host)
	h.mu.Lock()
	if h.delay > 0 {
		h.paced, h.pacedBy = now.Add(h.delay), tk
	}
	h.mu.Unlock()
	return tk
}

// finish gives back the pacing of a task that made no request to its
// host (robots.txt said no, a trap rule cut it, the crawl stopped).
func (g *gates) finish(tk *ticket) {
	if tk == nil || tk.started.Load() {
		return
	}
	h := g.get(tk.host)
	h.mu.Lock()
	if h.pacedBy == tk {
		h.paced, h.pacedBy = time.Time{}, nil
	}
	h.mu.Unlock()
}

// setDelay raises host's delay to d (a robots.txt Crawl-delay), capped.
func (g *gates) setDelay(host string, d time.Duration) {
	d = min(d, g.maxPause)
	h := g.get(host)
	h.mu.Lock()
	if d > h.delay {
		h.delay = d
		if !h.last.IsZero() && h.last.Add(d).After(h.next) {
			h.next = h.last.Add(d)
		}
	}
	h.mu.Unlock()
}

// pause holds every request to host for d (a Retry-After), capped.
func (g *gates) pause(host string, d time.Duration) {
	d = min(d, g.maxPause)
	h := g.get(host)
	h.mu.Lock()
	if t := time.Now().Add(d); t.After(h.until) {
		h.until = t
	}
	h.mu.Unlock()
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// politeTransport passes every request through the host gates, answers
// robots.txt requests from the robots cache, honours Retry-After and
// decompresses gzip bodies within the size limit.
type politeTransport struct {
	base    http.RoundTripper
	gates   hostGates
	robots  *robotsCache
	maxBody int64 // decompressed bytes read from a gzip body, at most maxBody+1
	// timeout bounds each request from the moment its gate lets it start
	// to the end of its body: waiting for the host's turn is not counted.
	timeout time.Duration
}

type internalKey struct{}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == "/robots.txt" && t.robots != nil && req.Context().Value(internalKey{}) == nil {
		return t.robots.serve(req)
	}
	host := strings.ToLower(req.URL.Host)
	release, start, err := t.gates.acquire(req.Context(), host)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithValue(req.Context(), startKey{}, start), context.CancelFunc(func() {})
	if t.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, t.timeout)
	}
	free := func() {
		cancel()
		release()
	}
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		free()
		return nil, timeoutErr(ctx.Err, err)
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			t.gates.pause(host, d)
		}
	}
	t.limitGzip(resp)
	resp.Body = &releaseBody{ReadCloser: resp.Body, release: free, ctxErr: ctx.Err}
	return resp, nil
}

// errRequestTimeout is a request that ran past Config.Timeout.
var errRequestTimeout = fmt.Errorf("request took longer than the timeout: %w", context.DeadlineExceeded)

// timeoutErr names err as a timeout when the request's deadline passed
// (ctxErr is its context's Err).
func timeoutErr(ctxErr func() error, err error) error {
	if err != nil && !errors.Is(err, io.EOF) && errors.Is(ctxErr(), context.DeadlineExceeded) &&
		!errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w (%v)", errRequestTimeout, err)
	}
	return err
}

// limitGzip takes over the decompression colly would do without any limit
// (for a Content-Encoding or Content-Type naming gzip, or a path ending in
// .xml.gz: colly's http_backend.go): the body is decompressed here, up to
// maxBody+1 bytes, and marked Uncompressed so colly leaves it alone. A
// body that is not gzip after all is passed as it is.
func (t *politeTransport) limitGzip(resp *http.Response) {
	if resp.Uncompressed || t.maxBody <= 0 {
		return
	}
	ce := strings.ToLower(resp.Header.Get("Content-Encoding"))
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	path := ""
	if resp.Request != nil && resp.Request.URL != nil {
		path = strings.ToLower(resp.Request.URL.Path)
	}
	if !strings.Contains(ce, "gzip") && (ce != "" || !strings.Contains(ct, "gzip")) && !strings.HasSuffix(path, ".xml.gz") {
		return
	}
	resp.Body = &gunzipBody{body: resp.Body, limit: t.maxBody + 1}
	resp.Uncompressed = true
	resp.ContentLength = -1
	resp.Header.Del("Content-Length")
	if strings.Contains(ce, "gzip") {
		resp.Header.Del("Content-Encoding")
	}
}

// gunzipBody decompresses a gzip body, at most limit bytes of it; a body
// without the gzip magic number is read as it is.
type gunzipBody struct {
	body  io.ReadCloser
	limit int64
	r     io.Reader // set by the first Read
	zr    *gzip.Reader
}

func (b *gunzipBody) Read(p []byte) (int, error) {
	if b.r == nil {
		br := bufio.NewReader(b.body)
		if magic, err := br.Peek(2); err == nil && isGzip(magic) {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return 0, err
			}
			b.zr, b.r = zr, io.LimitReader(zr, b.limit)
		} else {
			b.r = br
		}
	}
	return b.r.Read(p)
}

func (b *gunzipBody) Close() error {
	if b.zr != nil {
		b.zr.Close()
	}
	return b.body.Close()
}

// releaseBody frees the host slot when the body is closed.
type releaseBody struct {
	io.ReadCloser
	release func()
	ctxErr  func() error // the request context's Err: a read failing past its deadline is a timeout
}

func (b *releaseBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	return n, timeoutErr(b.ctxErr, err)
}

func (b *releaseBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// sharedGates is the politeness of a crawl whose store is shared: the store
// decides, by its clock, for every process. A claim counts its item's
// first request as started (the ticket's permit); any other request asks
// the store's Pace, taking a slot of the host when the task holds none.
type sharedGates struct {
	st       store.Shared
	maxPause time.Duration
	log      *slog.Logger
}

func (g *sharedGates) ready(string, time.Time) (bool, time.Time) { return true, time.Time{} }

func (g *sharedGates) dispatch(host string, _ time.Time) *ticket { return &ticket{host: host} }

func (g *sharedGates) finish(*ticket) {}

func (g *sharedGates) acquire(ctx context.Context, host string) (func(), time.Time, error) {
	tk, _ := ctx.Value(ticketKey{}).(*ticket)
	mine := tk != nil && tk.host == host
	if mine && tk.permit.CompareAndSwap(true, false) && time.Now().Before(tk.permitBy) {
		tk.started.Store(true)
		return func() {}, time.Now(), nil
	}
	stop := stopOf(ctx)
	for {
		sent := time.Now()
		wait, err := g.st.Pace(ctx, host, !mine)
		if err != nil {
			return nil, time.Time{}, err
		}
		if wait <= 0 && time.Since(sent) > permitFor {
			// Granted, but the answer came too late to start now: the
			// next grant comes a delay later.
			if !mine {
				g.st.Unpace(context.WithoutCancel(ctx), host)
			}
			continue
		}
		if wait <= 0 {
			release := func() {}
			if !mine {
				var once sync.Once
				release = func() {
					once.Do(func() {
						if err := g.st.Unpace(context.WithoutCancel(ctx), host); err != nil {
							g.log.Warn("shared politeness", "host", host, "err", err)
						}
					})
				}
			}
			return release, time.Now(), nil
		}
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return nil, time.Time{}, ctx.Err()
		case <-stop:
			timer.Stop()
			return nil, time.Time{}, errWaitStopped
		}
	}
}

func (g *sharedGates) setDelay(host string, d time.Duration) {
	if err := g.st.SetDelay(context.Background(), host, min(d, g.maxPause)); err != nil {
		g.log.Warn("shared politeness: Crawl-delay", "host", host, "err", err)
	}
}

func (g *sharedGates) pause(host string, d time.Duration) {
	if err := g.st.Pause(context.Background(), host, min(d, g.maxPause)); err != nil {
		g.log.Warn("shared politeness: Retry-After", "host", host, "err", err)
	}
}
