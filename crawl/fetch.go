package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/gocolly/colly/v2"

	"github.com/newsclip/newsclip/crawl/store"
)

// The colly collector is the crawl's HTTP client; its types stay in this
// file. Each worker has a clone with its own callbacks, used synchronously,
// so a response is matched to its request without colly's context bag.
// colly's visited set is off (the Store keeps ours), robots.txt is on (it
// is answered from our cache), and so is every HTTP status (we judge them).

// redirectError stops a redirect chain.
type redirectError struct {
	reason string // "redirect-loop", "too-many-redirects", "redirect-out-of-scope", redirectQueued
	url    string
}

// redirectQueued stops a chain at a target to be fetched on its own: see
// run.checkRedirect.
const redirectQueued = "redirect-queued"

func (e *redirectError) Error() string { return e.reason + " at " + e.url }

var errTooLarge = errors.New("body larger than the size limit")

// newCollector returns the template collector.
func newCollector(cfg *Config, t http.RoundTripper, checkRedirect func(*http.Request, []*http.Request) error) *colly.Collector {
	// Init, not NewCollector: NewCollector also reads COLLY_* environment
	// variables, which could turn robots.txt off behind our back.
	c := &colly.Collector{}
	c.Init()
	c.UserAgent = cfg.UserAgent
	c.IgnoreRobotsTxt = cfg.IgnoreRobots // colly's default is to ignore them
	c.AllowURLRevisit = true             // the Store decides what was visited
	c.ParseHTTPErrorResponse = true
	c.MaxBodySize = int(cfg.MaxBodyBytes + 1) // one more byte tells "too large" from "just fits"
	c.DetectCharset = false                   // header charsets only; <meta> is ours
	c.WithTransport(t)                        // not SetClient: keeps colly's redirect checks
	c.SetRequestTimeout(0)                    // the polite transport times each request from its start
	c.DisableCookies()
	c.SetRedirectHandler(checkRedirect)
	return c
}

// fetcher is one worker's collector.
type fetcher struct {
	c       *colly.Collector
	maxBody int64
	res     fetchResult
}

// fetchResult is what came back for one request.
type fetchResult struct {
	status int
	header http.Header
	final  *url.URL
	body   []byte
	read   int64 // body bytes read, also when body was dropped as too large
	// abort is set when the body was not read: "not-html" or "too-large",
	// or "status" for an error status whose body is of no use.
	abort string
}

func newFetcher(base *colly.Collector, maxBody int64) *fetcher {
	f := &fetcher{c: base.Clone(), maxBody: maxBody}
	f.c.OnResponseHeaders(func(r *colly.Response) {
		f.res.status = r.StatusCode
		f.res.header = *r.Headers
		f.res.final = r.Request.URL
		switch {
		case r.StatusCode < 200 || r.StatusCode >= 300:
			f.res.abort = "status"
		case !acceptType(mediaType(r.Headers.Get("Content-Type"))):
			f.res.abort = "not-html"
		default:
			if n, err := strconv.ParseInt(r.Headers.Get("Content-Length"), 10, 64); err == nil && n > maxBody {
				f.res.abort = "too-large"
			}
		}
		if f.res.abort != "" {
			r.Request.Abort()
		}
	})
	f.c.OnResponse(func(r *colly.Response) {
		f.res.status = r.StatusCode
		f.res.header = *r.Headers
		f.res.final = r.Request.URL
		f.res.body = r.Body
	})
	return f
}

// fetch GETs it.URL, conditionally when validators are known. The
// request runs in ctx.
func (f *fetcher) fetch(ctx context.Context, it store.Item, ua string) (fetchResult, error) {
	f.res = fetchResult{}
	f.c.Context = ctx // the fetcher is one worker's: no other request runs on it
	hdr := http.Header{}
	hdr.Set("User-Agent", ua)
	hdr.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	if it.ETag != "" {
		hdr.Set("If-None-Match", it.ETag)
	}
	if it.LastModified != "" {
		hdr.Set("If-Modified-Since", it.LastModified)
	}
	err := f.c.Request(http.MethodGet, it.URL, nil, nil, hdr)
	res := f.res
	f.res = fetchResult{}
	if errors.Is(err, colly.ErrAbortedAfterHeaders) {
		err = nil
	}
	res.read = int64(len(res.body))
	if err == nil && res.abort == "" && int64(len(res.body)) > f.maxBody {
		res.abort, res.body = "too-large", nil
	}
	return res, err
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// acceptType tells whether a response of this media type may be a page, a
// sitemap or a feed, and is worth reading.
func acceptType(mt string) bool {
	switch mt {
	case "", "text/html", "application/xhtml+xml", "text/plain", "application/gzip", "application/x-gzip",
		"application/octet-stream", "binary/octet-stream":
		return true
	}
	return strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml")
}

// convertedCharset tells whether colly converted the body to UTF-8 from the
// header's charset (it does exactly when this holds).
func convertedCharset(ct string) bool {
	l := strings.ToLower(ct)
	if !strings.Contains(l, "charset") || strings.Contains(l, "utf-8") || strings.Contains(l, "utf8") {
		return false
	}
	for _, p := range []string{"image/", "video/", "audio/", "font/"} {
		if strings.Contains(l, p) {
			return false
		}
	}
	return true
}

// classifyError names a fetch error and tells whether trying again may
// help.
func classifyError(err error) (reason string, transient bool) {
	var re *redirectError
	var ru *errRobotsUnavailable
	var ne net.Error
	var ae *archiveError
	switch {
	case errors.As(err, &re):
		return re.reason, false
	case errors.As(err, &ae):
		return "archive", false
	case errors.Is(err, colly.ErrRobotsTxtBlocked), errors.Is(err, errRobotsBlocked):
		return "robots", false
	case errors.As(err, &ru):
		return "robots-unavailable", true
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "timeout", true
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout", true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "connection", true
	case strings.Contains(err.Error(), "Client.Timeout"):
		return "timeout", true
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return "connection", true
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return "dns", de.IsTemporary
	}
	return "fetch", false
}

// statusReason names an HTTP error status and tells whether trying again
// may help.
func statusReason(code int) (string, bool) {
	r := fmt.Sprintf("http-%d", code)
	return r, code == http.StatusTooManyRequests || code >= 500
}
