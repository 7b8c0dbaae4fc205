package crawl

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
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
}

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

// acquire waits for a slot on host and returns its release function.
func (g *gates) acquire(ctx context.Context, host string) (func(), error) {
	h := g.get(host)
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
			var once sync.Once
			return func() { once.Do(func() { h.done() }) }, nil
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
			return nil, ctx.Err()
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

// ready reports whether a request to host could start now, and if not, the
// earliest time it might.
func (g *gates) ready(host string, now time.Time) (bool, time.Time) {
	h := g.get(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	start := h.next
	if h.until.After(start) {
		start = h.until
	}
	if now.Before(start) {
		return false, start
	}
	return h.inflight < g.parallel, now
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
// robots.txt requests from the robots cache and honours Retry-After.
type politeTransport struct {
	base   http.RoundTripper
	gates  *gates
	robots *robotsCache
}

type internalKey struct{}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == "/robots.txt" && t.robots != nil && req.Context().Value(internalKey{}) == nil {
		return t.robots.serve(req)
	}
	host := strings.ToLower(req.URL.Host)
	release, err := t.gates.acquire(req.Context(), host)
	if err != nil {
		return nil, err
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			t.gates.pause(host, d)
		}
	}
	resp.Body = &releaseBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// releaseBody frees the host slot when the body is closed.
type releaseBody struct {
	io.ReadCloser
	release func()
}

func (b *releaseBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
