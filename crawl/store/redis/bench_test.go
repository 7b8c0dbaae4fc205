package redis_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/redis"
	"github.com/newsclip/newsclip/internal/redistest"
)

// usedMemory is INFO memory's used_memory.
func usedMemory(b testing.TB, c *goredis.Client) int64 {
	info, err := c.Info(context.Background(), "memory").Result()
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.SplitSeq(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	b.Fatal("no used_memory in INFO")
	return 0
}

// BenchmarkMemoryPerURL fills a crawl with n URLs of 50 hosts (about 85
// bytes each), every one fetched with an ETag and a Last-Modified and
// recorded (record hash kept, outbox acknowledged), and reports Redis's
// memory per URL, all state included: visited set with URLs, validators
// and record hashes, frontier and host state. -short: 5 000 URLs.
func BenchmarkMemoryPerURL(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 5_000
	}
	srv := redistest.Start(b, redistest.Options{})
	c := goredis.NewClient(&goredis.Options{Addr: srv.Addr})
	defer c.Close()
	ctx := context.Background()
	for b.Loop() {
		c.FlushAll(ctx)
		before := usedMemory(b, c)
		s, err := redis.New(c, redis.Options{CrawlID: "mem", Worker: "w"})
		if err != nil {
			b.Fatal(err)
		}
		s.SetPoliteness(1<<20, 0)
		fill(b, s, n)
		per := float64(usedMemory(b, c)-before) / float64(n)
		b.ReportMetric(per, "bytes/URL")
		b.ReportMetric(per*10e6/1e9, "GB/10M-URLs")
	}
}

func fill(b testing.TB, s *redis.Store, n int) {
	ctx := context.Background()
	if _, err := s.Begin(ctx, false); err != nil {
		b.Fatal(err)
	}
	const batch = 1000
	for i := 0; i < n; i += batch {
		var items []store.Item
		for j := i; j < min(i+batch, n); j++ {
			u := fmt.Sprintf("https://www.portal-%d.example/world/2024/05/%02d/minister-weighs-new-round-of-talks-%07d.html", j%50, j%28+1, j)
			items = append(items, store.Item{Key: u, URL: u, Depth: 2})
		}
		if _, err := s.Add(ctx, items); err != nil {
			b.Fatal(err)
		}
	}
	lm := time.Date(2024, 5, 17, 8, 30, 0, 0, time.UTC).Format("Mon, 02 Jan 2006 15:04:05 GMT")
	var last uint64
	for {
		got, err := s.Claim(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		done := make([]store.Completion, len(got))
		for i, it := range got {
			sum := sha256.Sum256([]byte(it.Key))
			done[i] = store.Completion{Item: it, Fetched: true, ETag: `"` + hex.EncodeToString(sum[:6]) + `-5a1c"`, LastModified: lm,
				Record: []byte(`{"schema":1,"url":"` + it.URL + `"}`), RecordKey: it.Key, RecordHash: hex.EncodeToString(sum[:16])}
		}
		res, err := s.Complete(ctx, done)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			last = max(last, r.Seq)
		}
		if err := s.Ack(ctx, last, int64(last)); err != nil {
			b.Fatal(err)
		}
	}
}
