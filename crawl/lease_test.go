package crawl_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/redis"
	"github.com/newsclip/newsclip/internal/demoportal"
	"github.com/newsclip/newsclip/internal/redistest"
)

// stuck is a Redis store whose process never extends its leases, as one
// stalled in a long fetch.
type stuck struct{ *redis.Store }

func (stuck) Extend(_ context.Context, items []store.Item) ([]bool, error) {
	return make([]bool, len(items)), nil
}

// slowOnce answers the first article request of user agent ua after d,
// the rest at once, and counts the requests per path.
type slowOnce struct {
	h    http.Handler
	d    time.Duration
	ua   string
	mu   sync.Mutex
	slow string
	hits map[string]int
}

var articlePath = regexp.MustCompile(`\.html$|^/news/`)

func (s *slowOnce) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	first := s.slow == "" && articlePath.MatchString(r.URL.Path) && r.UserAgent() == s.ua
	if first {
		s.slow = r.URL.Path
	}
	s.mu.Unlock()
	if first {
		time.Sleep(s.d)
	}
	s.h.ServeHTTP(w, r)
}

// TestLeaseExpiresDuringSlowFetch: a page whose fetch outlasts its lease
// is claimed and fetched again by the other process; the late completion
// is refused (outcome lease-lost) and the article is recorded once. (A
// process that claims again a page it is still fetching completes it
// under the new lease instead: see dispatcher.claim.)
func TestLeaseExpiresDuringSlowFetch(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	client := goredis.NewClient(&goredis.Options{Addr: srv.Addr})
	defer client.Close()
	p := demoportal.New(demoportal.Options{Clean: true, Articles: 40, Latency: 20 * time.Millisecond})
	slow := &slowOnce{h: p, d: 2500 * time.Millisecond, ua: "slow-test", hits: map[string]int{}}
	site := httptest.NewServer(slow)
	defer site.Close()

	var sinks [2]collect
	var stats [2]crawl.Stats
	var wg sync.WaitGroup
	for i := range 2 {
		st, err := redis.New(client, redis.Options{CrawlID: "slow", Worker: string(rune('a' + i)), Lease: 800 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			// Process a (one worker) gets stuck in its first article; b
			// takes the page over when a's lease expires.
			cfg := fast(crawl.Config{State: stuck{st}, Timeout: 5 * time.Second, Workers: 2})
			if i == 0 {
				cfg.UserAgent, cfg.Workers = "slow-test", 1
			} else {
				time.Sleep(300 * time.Millisecond) // a reaches an article first
			}
			stats[i] = run(t, cfg, []string{site.URL + "/"}, &sinks[i])
		})
	}
	wg.Wait()
	var urls []string
	for i := range sinks {
		for _, a := range sinks[i].records() {
			urls = append(urls, a.URL)
		}
	}
	for _, problem := range p.CheckRecorded(urls) {
		t.Error(problem)
	}
	slow.mu.Lock()
	defer slow.mu.Unlock()
	lost := stats[0].Outcomes[crawl.OutcomeLeaseLost] + stats[1].Outcomes[crawl.OutcomeLeaseLost]
	if slow.hits[slow.slow] != 2 || lost != 1 {
		t.Errorf("the slow page %s was fetched %d times, %d completions refused; want 2 and 1",
			slow.slow, slow.hits[slow.slow], lost)
	}
}
