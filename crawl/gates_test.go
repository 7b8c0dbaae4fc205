package crawl

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestGates runs requests through the politeness gates in a synctest
// bubble, where time is the bubble's fake clock: the starts the gates give
// are exact, whatever the machine's load, so the test asserts them to the
// nanosecond (the end-to-end tests in polite_test.go can only bound them).
func TestGates(t *testing.T) {
	const host = "news.example:80"
	for _, c := range []struct {
		name       string
		parallel   int
		delay      time.Duration
		maxPause   time.Duration
		crawlDelay time.Duration // robots.txt's, set before the first request
		retryAfter time.Duration // the first request's answer pauses the host
		hold       time.Duration // each request, from its start to its release
		hosts      []string      // request i goes to hosts[i%len(hosts)]; default host
		n          int
		want       []time.Duration // the starts, sorted, after the first
	}{
		{name: "delay between starts", parallel: 2, delay: 500 * time.Millisecond, hold: 100 * time.Millisecond, n: 4,
			want: []time.Duration{0, 500 * time.Millisecond, time.Second, 1500 * time.Millisecond}},
		{name: "parallel bounds requests in flight", parallel: 2, delay: 100 * time.Millisecond, hold: time.Second, n: 5,
			want: []time.Duration{0, 100 * time.Millisecond, time.Second, 1100 * time.Millisecond, 2 * time.Second}},
		{name: "a longer Crawl-delay wins", parallel: 2, delay: 500 * time.Millisecond, maxPause: time.Minute,
			crawlDelay: 2 * time.Second, hold: 100 * time.Millisecond, n: 3,
			want: []time.Duration{0, 2 * time.Second, 4 * time.Second}},
		{name: "a shorter Crawl-delay does not", parallel: 1, delay: 500 * time.Millisecond, maxPause: time.Minute,
			crawlDelay: 200 * time.Millisecond, hold: 100 * time.Millisecond, n: 3,
			want: []time.Duration{0, 500 * time.Millisecond, time.Second}},
		{name: "Crawl-delay capped by MaxPause", parallel: 2, delay: 500 * time.Millisecond, maxPause: 3 * time.Second,
			crawlDelay: 10 * time.Second, hold: 100 * time.Millisecond, n: 3,
			want: []time.Duration{0, 3 * time.Second, 6 * time.Second}},
		{name: "Retry-After holds the host from its answer", parallel: 2, delay: 500 * time.Millisecond, maxPause: time.Minute,
			retryAfter: 3 * time.Second, hold: 100 * time.Millisecond, n: 3,
			want: []time.Duration{0, 3100 * time.Millisecond, 3600 * time.Millisecond}},
		{name: "Retry-After capped by MaxPause", parallel: 1, delay: 500 * time.Millisecond, maxPause: time.Second,
			retryAfter: time.Hour, hold: 100 * time.Millisecond, n: 2,
			want: []time.Duration{0, 1100 * time.Millisecond}},
		{name: "hosts do not wait for each other", parallel: 1, delay: time.Second, hold: 100 * time.Millisecond, n: 4,
			hosts: []string{"a.example:80", "b.example:80"},
			want:  []time.Duration{0, 0, time.Second, time.Second}},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				hosts := c.hosts
				if hosts == nil {
					hosts = []string{host}
				}
				g := newGates(c.parallel, c.delay, c.maxPause)
				if c.crawlDelay > 0 {
					g.setDelay(host, c.crawlDelay)
				}
				t0 := time.Now()
				var (
					mu       sync.Mutex
					starts   []time.Duration
					inflight = map[string]int{}
					peak     int
					wg       sync.WaitGroup
				)
				for i := range c.n {
					h := hosts[i%len(hosts)]
					wg.Go(func() {
						release, start, err := g.acquire(context.Background(), h)
						if err != nil {
							t.Errorf("acquire: %v", err)
							return
						}
						mu.Lock()
						first := len(starts) == 0
						starts = append(starts, start.Sub(t0))
						inflight[h]++
						peak = max(peak, inflight[h])
						mu.Unlock()
						time.Sleep(c.hold)
						if first && c.retryAfter > 0 {
							g.pause(h, c.retryAfter) // the answer came back: before the slot is freed
						}
						mu.Lock()
						inflight[h]--
						mu.Unlock()
						release()
					})
				}
				wg.Wait()
				slices.Sort(starts)
				if diff := cmp.Diff(c.want, starts); diff != "" {
					t.Errorf("request starts mismatch (-want +got):\n%s", diff)
				}
				if peak > c.parallel {
					t.Errorf("%d requests in flight to one host, limit %d", peak, c.parallel)
				}
			})
		})
	}
}

// TestGatesStop: a request waiting for its host's turn gives up when the
// crawl stops or its context is done, without waiting out the delay.
func TestGatesStop(t *testing.T) {
	for _, c := range []struct {
		name string
		stop func(ctx context.Context, cancel context.CancelFunc, stop chan struct{})
		want error
	}{
		{"crawl stopped", func(_ context.Context, _ context.CancelFunc, stop chan struct{}) { close(stop) }, errWaitStopped},
		{"context cancelled", func(_ context.Context, cancel context.CancelFunc, _ chan struct{}) { cancel() }, context.Canceled},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				g := newGates(1, time.Minute, time.Minute)
				release, _, err := g.acquire(context.Background(), "news.example:80")
				if err != nil {
					t.Fatal(err)
				}
				defer release()
				stop := make(chan struct{})
				ctx, cancel := context.WithCancel(withStop(context.Background(), stop))
				defer cancel()
				t0 := time.Now()
				errc := make(chan error, 1)
				go func() {
					_, _, err := g.acquire(ctx, "news.example:80")
					errc <- err
				}()
				time.Sleep(time.Second)
				c.stop(ctx, cancel, stop)
				err = <-errc
				if err != c.want {
					t.Errorf("acquire: %v, want %v", err, c.want)
				}
				if waited := time.Since(t0); waited != time.Second {
					t.Errorf("acquire gave up after %v, want 1s", waited)
				}
			})
		})
	}
}
