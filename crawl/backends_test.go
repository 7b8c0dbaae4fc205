package crawl_test

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/bbolt"
	"github.com/newsclip/newsclip/crawl/store/memory"
	"github.com/newsclip/newsclip/crawl/store/redis"
	"github.com/newsclip/newsclip/internal/redistest"
)

// backend is a store the crawler's tests run on. open opens the state of
// one crawl, again at each call, as a process starting again would; the
// caller closes it. slack is how much earlier than the delay a request may
// start (a shared store's clock counts from the claim).
type backend struct {
	name  string
	open  func(t testing.TB) store.Store
	slack time.Duration
}

var redisCrawls atomic.Int64

// backends returns the embedded stores, and Redis when redis-server is on
// the PATH (a subtest skips saying so when not).
func backends(t *testing.T) []backend {
	mem := memory.New()
	path := filepath.Join(t.TempDir(), "state.db")
	var srv *redistest.Server
	var client *goredis.Client
	id := fmt.Sprint("t", redisCrawls.Add(1))
	return []backend{
		{name: "memory", open: func(testing.TB) store.Store { return mem }},
		{name: "bbolt", open: func(t testing.TB) store.Store {
			s, err := bbolt.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}},
		{name: "redis", slack: 10 * time.Millisecond, open: func(t testing.TB) store.Store {
			if srv == nil {
				srv = redistest.Start(t, redistest.Options{})
				client = goredis.NewClient(&goredis.Options{Addr: srv.Addr})
				t.Cleanup(func() { client.Close() })
			}
			s, err := redis.New(client, redis.Options{CrawlID: id, Worker: "w", BucketBits: 8})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}},
	}
}
