package redis_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/redis"
	"github.com/newsclip/newsclip/crawl/store/storetest"
	"github.com/newsclip/newsclip/internal/redistest"
)

var crawls atomic.Int64

func client(t testing.TB, srv *redistest.Server) *goredis.Client {
	c := goredis.NewClient(&goredis.Options{Addr: srv.Addr})
	t.Cleanup(func() { c.Close() })
	return c
}

func open(t testing.TB, c *goredis.Client, id, worker string, lease time.Duration) *redis.Store {
	s, err := redis.New(c, redis.Options{CrawlID: id, Worker: worker, Lease: lease, BucketBits: 8})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	c := client(t, srv)
	handles := map[store.Store]string{}
	openOne := func(t testing.TB, id string) store.Store {
		s := open(t, c, id, "w", time.Minute)
		s.SetPoliteness(1000, 0)
		t.Cleanup(func() { s.Close() })
		handles[s] = id
		return s
	}
	storetest.Run(t, storetest.Backend{
		Open: func(t testing.TB) store.Store { return openOne(t, fmt.Sprint("c", crawls.Add(1))) },
		Reopen: func(t testing.TB, s store.Store) store.Store {
			s.Close()
			return openOne(t, handles[s])
		},
	})
}

func TestConformanceShared(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	c := client(t, srv)
	storetest.RunShared(t, storetest.SharedBackend{
		Crawl: func(t testing.TB, lease time.Duration) func(string) store.Shared {
			id := fmt.Sprint("s", crawls.Add(1))
			return func(worker string) store.Shared { return open(t, c, id, worker, lease) }
		},
	})
}

// TestOpenUnreachable: a server that does not answer is a clear error.
func TestOpenUnreachable(t *testing.T) {
	_, err := redis.Open(context.Background(), "redis://user:secret@127.0.0.1:1/0", redis.Options{CrawlID: "x"})
	if err == nil || !errorsIs(err, redis.ErrUnreachable) {
		t.Fatalf("Open = %v, want ErrUnreachable", err)
	}
	if s := err.Error(); contains(s, "secret") {
		t.Errorf("error shows the password: %s", s)
	}
}
