package crawl_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// collect is a Sink keeping records in memory.
type collect struct {
	mu   sync.Mutex
	recs []*extract.Article
}

func (c *collect) Write(_ context.Context, a *extract.Article) error {
	c.mu.Lock()
	c.recs = append(c.recs, a)
	c.mu.Unlock()
	return nil
}

func (c *collect) records() []*extract.Article {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*extract.Article(nil), c.recs...)
}

// serve starts a portal on 127.0.0.1.
func serve(t testing.TB, opts demoportal.Options) (*demoportal.Portal, string) {
	t.Helper()
	p := demoportal.New(opts)
	s := httptest.NewServer(p)
	t.Cleanup(s.Close)
	return p, s.URL
}

// fast is a test configuration: no politeness delay, a short timeout and
// quick retries. The timeout leaves a loaded machine room to answer, and
// still ends the portal's slow page (5 s).
func fast(cfg crawl.Config) crawl.Config {
	if cfg.Delay == 0 {
		cfg.Delay = -1
	}
	if cfg.Parallel == 0 {
		cfg.Parallel = 4
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 3 * time.Second
	}
	if cfg.Retries == 0 {
		cfg.Retries = 1
	}
	if cfg.RetryBase == 0 {
		cfg.RetryBase = 20 * time.Millisecond
	}
	return cfg
}

func run(t testing.TB, cfg crawl.Config, seeds []string, sink crawl.Sink) crawl.Stats {
	t.Helper()
	c, err := crawl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := c.Run(ctx, seeds, sink); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return c.Stats()
}

// pathOf returns the path and query of a record's URL.
func pathOf(t testing.TB, raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("record URL %q: %v", raw, err)
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
