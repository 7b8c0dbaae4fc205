package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/temoto/robotstxt"
)

// robotsCache fetches each origin's robots.txt once, politely, and answers
// every later request for it (colly's own check included) from memory.
// robots.txt answering 4xx allows everything; 5xx, 429 and network errors are
// transient: the page waiting on them is retried later.
type robotsCache struct {
	client  *http.Client
	ua      string
	gates   hostGates
	shared  store.Shared // nil, or the store that shares robots.txt across processes
	ignore  bool
	onFetch func(ctx context.Context, origin string, sitemaps []string)

	mu      sync.Mutex
	origins map[string]*robotsEntry
}

type robotsEntry struct {
	done   chan struct{}
	status int // 200 or 404 as served to colly
	body   []byte
	group  *robotstxt.Group
	err    error
}

// errRobotsUnavailable marks a robots.txt that could not be read now.
type errRobotsUnavailable struct{ err error }

func (e *errRobotsUnavailable) Error() string { return "robots.txt unavailable: " + e.err.Error() }
func (e *errRobotsUnavailable) Unwrap() error { return e.err }

var errRobotsBlocked = errors.New("disallowed by robots.txt")

const maxRobotsBytes = 512 << 10

func origin(u *url.URL) string { return u.Scheme + "://" + strings.ToLower(u.Host) }

// get returns origin's robots.txt, fetching it once.
func (rc *robotsCache) get(ctx context.Context, orig string) (*robotsEntry, error) {
	rc.mu.Lock()
	e := rc.origins[orig]
	if e == nil {
		e = &robotsEntry{done: make(chan struct{})}
		rc.origins[orig] = e
		rc.mu.Unlock()
		rc.load(ctx, orig, e)
		close(e.done)
		if e.err != nil {
			rc.mu.Lock()
			delete(rc.origins, orig)
			rc.mu.Unlock()
		}
	} else {
		rc.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-stopOf(ctx):
			return nil, &errRobotsUnavailable{errWaitStopped}
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	return e, nil
}

// load reads origin's robots.txt into e: fetched here, or, with a shared
// store, as the one process of the crawl that fetched it read it.
func (rc *robotsCache) load(ctx context.Context, orig string, e *robotsEntry) {
	if rc.shared == nil {
		rc.fetch(ctx, orig, e)
		return
	}
	fetched := false
	r, err := rc.shared.Robots(ctx, orig, func() (store.Robots, error) {
		fetched = true
		rc.fetch(ctx, orig, e)
		return store.Robots{Status: e.status, Body: e.body}, e.err
	})
	if fetched {
		return
	}
	if err != nil {
		e.err = &errRobotsUnavailable{err}
		return
	}
	e.status, e.body = r.Status, r.Body
	if r.Status == http.StatusOK {
		if data, err := robotstxt.FromBytes(r.Body); err == nil {
			e.group = data.FindGroup(rc.ua)
		}
	}
}

// fetch fetches origin's robots.txt into e, sets the hosts' Crawl-delay
// and queues the sitemaps it names.
func (rc *robotsCache) fetch(ctx context.Context, orig string, e *robotsEntry) {
	ctx = context.WithValue(ctx, internalKey{}, true)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, orig+"/robots.txt", nil)
	if err != nil {
		e.err = &errRobotsUnavailable{err}
		return
	}
	req.Header.Set("User-Agent", rc.ua)
	resp, err := rc.client.Do(req)
	if err != nil {
		var re *redirectError
		if errors.As(err, &re) && re.reason == "too-many-redirects" {
			e.status = http.StatusNotFound // Google: treated as no robots.txt
			return
		}
		e.err = &errRobotsUnavailable{err}
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		e.err = &errRobotsUnavailable{err}
		return
	}
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		data, err := robotstxt.FromBytes(body)
		if err != nil {
			e.status = http.StatusNotFound
			return
		}
		e.status, e.body = http.StatusOK, body
		e.group = data.FindGroup(rc.ua)
		if e.group != nil && e.group.CrawlDelay > 0 {
			rc.gates.setDelay(strings.ToLower(resp.Request.URL.Host), e.group.CrawlDelay)
			if u, err := url.Parse(orig); err == nil {
				rc.gates.setDelay(strings.ToLower(u.Host), e.group.CrawlDelay)
			}
		}
		if rc.onFetch != nil {
			rc.onFetch(ctx, orig, data.Sitemaps)
		}
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		e.err = &errRobotsUnavailable{fmt.Errorf("HTTP %d", resp.StatusCode)}
	default: // 4xx and the rest: no robots.txt, everything allowed
		e.status = http.StatusNotFound
		if rc.onFetch != nil {
			rc.onFetch(ctx, orig, nil)
		}
	}
}

// serve answers a robots.txt request (colly's) from the cache.
func (rc *robotsCache) serve(req *http.Request) (*http.Response, error) {
	e, err := rc.get(req.Context(), origin(req.URL))
	if err != nil {
		return nil, err
	}
	return &http.Response{
		Status:        http.StatusText(e.status),
		StatusCode:    e.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"text/plain"}},
		Body:          io.NopCloser(bytes.NewReader(e.body)),
		ContentLength: int64(len(e.body)),
		Request:       req,
	}, nil
}

// allowed tells whether robots.txt lets the crawler fetch u. It tests the
// path the way colly does, so both agree.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL) (bool, error) {
	if rc.ignore {
		return true, nil
	}
	e, err := rc.get(ctx, origin(u))
	if err != nil {
		return false, err
	}
	return robotsTest(e, u), nil
}

// loaded returns origin's robots.txt if it was read already, else nil.
func (rc *robotsCache) loaded(orig string) *robotsEntry {
	rc.mu.Lock()
	e := rc.origins[orig]
	rc.mu.Unlock()
	if e == nil {
		return nil
	}
	select {
	case <-e.done:
	default:
		return nil
	}
	if e.err != nil {
		return nil
	}
	return e
}

func robotsTest(e *robotsEntry, u *url.URL) bool {
	if e.group == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.Query().Encode()
	}
	return e.group.Test(p)
}

// newRobotsClient returns the client for robots.txt; t is the polite
// transport, which also times each request.
func newRobotsClient(t http.RoundTripper) *http.Client {
	return &http.Client{
		Transport: t,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return &redirectError{reason: "too-many-redirects", url: req.URL.String()}
			}
			return nil
		},
	}
}
