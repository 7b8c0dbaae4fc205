package crawl_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// TestSeedsFailed: a crawl whose every seed fails — refused, 404, never
// answering — ends in ErrSeedsFailed, and Stats says why each failed; one
// seed that works is a crawl that ran.
func TestSeedsFailed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/"
	ln.Close()
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	hang := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer silent.Close()
	defer close(hang)
	_, portal := serve(t, demoportal.Options{Clean: true, Articles: 3})

	want := map[string]*regexp.Regexp{ // seed → words of its failure
		refused:            regexp.MustCompile(`refused`),
		notFound.URL + "/": regexp.MustCompile(`http-404`),
		silent.URL + "/":   regexp.MustCompile(`timeout|deadline exceeded`),
	}
	var seeds []string
	for s := range want {
		seeds = append(seeds, s)
	}
	cfg := fast(crawl.Config{Timeout: 300 * time.Millisecond, Retries: -1})
	c, err := crawl.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Run(context.Background(), seeds, &collect{})
	if !errors.Is(err, crawl.ErrSeedsFailed) {
		t.Fatalf("Run = %v, want ErrSeedsFailed", err)
	}
	st := c.Stats()
	for seed, word := range want {
		if why := st.SeedFailures[seed]; !word.MatchString(why) {
			t.Errorf("seed %s failed for %q, want a reason saying %q", seed, why, word)
		}
	}
	if sum := st.String(); !strings.Contains(sum, notFound.URL) {
		t.Errorf("the summary does not list the failed seeds:\n%s", sum)
	}

	c, _ = crawl.New(cfg)
	if err := c.Run(context.Background(), append(seeds, portal+"/"), &collect{}); err != nil {
		t.Errorf("Run with one seed that works = %v, want nil", err)
	}
	if n := len(c.Stats().SeedFailures); n != 3 {
		t.Errorf("%d seed failures, want 3", n)
	}
}
