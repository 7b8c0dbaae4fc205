package crawl

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/extract"
)

// checkRedirect is colly's redirect handler: it stops loops, long chains,
// and redirects leaving the scope or into robots.txt-disallowed areas.
func (s *session) checkRedirect(req *http.Request, via []*http.Request) error {
	target := *req.URL
	if canonicalizeURL(&target) != nil {
		return &redirectError{reason: "redirect-out-of-scope", url: req.URL.String()}
	}
	// A loop comes back to a URL of the chain as spelled. Not to its visit
	// key: "/a" redirecting to "/a/" or "/a/index.html" is one page, and
	// no loop; nor is a redirect that adds a session id.
	ts := target.String()
	exact := *req.URL
	if canonicalize(&exact, false) == nil {
		es := exact.String()
		for _, v := range via {
			vu := *v.URL
			if canonicalize(&vu, false) == nil && vu.String() == es {
				return &redirectError{reason: "redirect-loop", url: ts}
			}
		}
	}
	if len(via) > s.cfg.MaxRedirects {
		return &redirectError{reason: "too-many-redirects", url: ts}
	}
	if s.scope.check(&target, ts) != "" {
		return &redirectError{reason: "redirect-out-of-scope", url: ts}
	}
	if s.once.elsewhere(ts, via) { // fetched already: queued as a link, the store drops it
		return &redirectError{reason: redirectQueued, url: ts}
	}
	if s.robots.ignore {
		return nil
	}
	// The worker still holds the host's slot for the previous hop, and
	// http://h and https://h share one gate: fetching the target origin's
	// robots.txt now could wait on ourselves. Use only what is loaded; an
	// unknown origin's target is queued as a link of its own.
	e := s.robots.loaded(origin(&target))
	if e == nil {
		return &redirectError{reason: redirectQueued, url: ts}
	}
	if !robotsTest(e, &target) {
		return errRobotsBlocked
	}
	return nil
}

// process fetches one task's page and decides what it is. It runs on a
// worker; the store is not touched (the committer does it). A task whose
// request had not started when the crawl stopped is abandoned: given back
// to the frontier, not failed.
func (s *session) process(ctx context.Context, f *fetcher, t *task) {
	if stopped(ctx) {
		t.abandon = true
		return
	}
	ctx = context.WithValue(ctx, ticketKey{}, t.ticket)
	if t.start.IsZero() {
		t.start = time.Now()
	}
	t.attempt, t.retry = t.attempt+1, false
	t.article, t.decision, t.listing, t.pattern, t.outside, t.articlePage = nil, "", false, "", nil, false
	t.page = Page{URL: t.item.URL, Depth: t.item.Depth, Attempts: t.attempt}
	t.comp = store.Completion{Item: t.item}
	u, err := url.Parse(t.item.URL)
	if err != nil {
		s.failNow(t, "bad-url", err)
		return
	}
	if s.variant(t, u) || s.isCut(t, u) {
		return
	}
	ok, err := s.robots.allowed(ctx, u)
	if errors.Is(err, errWaitStopped) {
		t.abandon = true
		return
	}
	if err != nil {
		reason, transient := classifyError(err)
		s.retryOrFail(t, reason, transient, err, 0)
		return
	}
	if !ok {
		t.page.Outcome = OutcomeRobots
		return
	}
	if s.once.fetchedElsewhere(t) {
		return
	}
	res, err := f.fetch(ctx, t.item, s.cfg.UserAgent)
	t.fetched = time.Now()
	if errors.Is(err, errWaitStopped) {
		t.abandon = true
		return
	}
	s.stats.update(func(st *Stats) {
		st.Fetches++
		st.Bytes += res.read
	})
	if err != nil {
		reason, transient := classifyError(err)
		switch reason {
		case "robots":
			t.page.Outcome = OutcomeRobots
			return
		case redirectQueued:
			s.redirectQueued(t, u, err)
			return
		}
		t.comp.Fetched = true
		s.retryOrFail(t, reason, transient, err, 0)
		return
	}
	t.comp.Fetched = true
	t.page.Status = res.status
	final := u
	if res.final != nil {
		final = res.final
		t.page.FinalURL = final.String()
	}
	// The end of a redirect chain is seen only once it answered: a target
	// that failed is fetched again when a link leads to it.
	if res.status == http.StatusNotModified || res.status >= 200 && res.status < 300 {
		if fu := *final; canonicalizeURL(&fu) == nil {
			if k := visitKey(fu.String()); k != t.item.Key {
				t.comp.Aliases = append(t.comp.Aliases, k)
			}
		}
		s.once.answered(t, t.comp.Aliases)
	}
	switch {
	case res.status == http.StatusNotModified:
		t.page.Outcome = OutcomeNotModified
		return
	case res.status == http.StatusNotFound && t.item.Kind == "sitemap":
		t.page.Outcome, t.page.Reason = OutcomeSkipped, "no-sitemap"
		return
	case res.status < 200 || res.status >= 300:
		reason, transient := statusReason(res.status)
		ra, _ := retryAfter(res.header.Get("Retry-After"), time.Now())
		s.retryOrFail(t, reason, transient, nil, min(ra, s.cfg.MaxPause))
		return
	case res.abort == "not-html":
		t.page.Outcome, t.page.Reason = OutcomeSkipped, "not-html"
		return
	case res.abort == "too-large":
		s.failNow(t, "too-large", fmt.Errorf("crawl: %s: %w (%d bytes)", t.item.URL, errTooLarge, s.cfg.MaxBodyBytes))
		return
	}
	t.comp.ETag = res.header.Get("ETag")
	t.comp.LastModified = res.header.Get("Last-Modified")
	s.handleBody(t, res, final)
}

// redirectQueued ends a page whose redirect led to an origin whose
// robots.txt is not known yet: the target is queued as a link of the page,
// at its depth, and fetched later like any other URL.
func (s *session) redirectQueued(t *task, u *url.URL, err error) {
	var re *redirectError
	errors.As(err, &re)
	t.comp.Fetched = true
	t.page.Outcome, t.page.Reason, t.page.FinalURL = OutcomeRedirect, redirectQueued, re.url
	t.comp.Links, _ = s.filterLinks(u, []string{re.url}, t.item.Depth, "", nil)
	for i := range t.comp.Links {
		t.comp.Links[i].Kind = t.item.Kind
	}
}

// isCut ends a task whose URL pattern or host was cut since it was queued.
func (s *session) isCut(t *task, u *url.URL) bool {
	if !s.traps.anyCut() {
		return false
	}
	c := s.traps.cut(urlPattern(u))
	if c != "" {
		t.page.Outcome, t.page.Reason = OutcomeTrap, c
	}
	return c != ""
}

// variant ends, without a fetch, a task whose URL is a copy named by an
// article already fetched (print, AMP), or carries a parameter learned
// irrelevant since it was queued: that one is queued without it instead.
func (s *session) variant(t *task, u *url.URL) bool {
	if s.copies.has(t.item.Key) {
		t.page.Outcome, t.page.Reason = OutcomeVariant, "copy"
		return true
	}
	c := *u
	why := s.params.strip(&c)
	if why == "" {
		return false
	}
	t.page.Outcome, t.page.Reason, t.page.FinalURL = OutcomeVariant, why, c.String()
	t.comp.Links, _ = s.filterLinks(u, []string{c.String()}, t.item.Depth, "", nil)
	for i := range t.comp.Links {
		t.comp.Links[i].Kind = t.item.Kind
	}
	return true
}

// stopped tells whether the crawl stopped: ctx's stop channel is closed.
func stopped(ctx context.Context) bool {
	select {
	case <-stopOf(ctx):
		return true
	default:
		return false
	}
}

// retryOrFail schedules a retry of a task whose failure is transient
// (after RetryBase × 2^n with jitter, at least wait), while it has retries
// left; otherwise it ends the task in failure with failNow.
func (s *session) retryOrFail(t *task, reason string, transient bool, err error, wait time.Duration) {
	if transient && t.attempt <= s.cfg.Retries && s.fatalError() == nil {
		d := s.cfg.RetryBase << (t.attempt - 1)
		if d <= 0 || d > s.cfg.RetryMax {
			d = s.cfg.RetryMax
		}
		d = d/2 + rand.N(d/2+1) // equal jitter
		t.retry = true
		t.notBefore = time.Now().Add(max(d, wait))
		s.stats.update(func(st *Stats) { st.Retries++ })
		s.log.Debug("retrying page", "url", t.item.URL, "reason", reason, "attempt", t.attempt, "in", max(d, wait))
		return
	}
	s.failNow(t, reason, err)
}

// failNow ends a task in failure, without a retry: per-page failures go to the stats (by
// reason) and to a Warn log line.
func (s *session) failNow(t *task, reason string, err error) {
	if err == nil {
		err = errors.New(reason)
	}
	t.page.Outcome, t.page.Reason, t.page.Err = OutcomeFailed, reason, err
	t.comp.Failed = true
	s.log.Warn("page failed", "url", t.item.URL, "reason", reason, "attempts", t.attempt, "err", err)
}

// handleBody reads a 2xx body: HTML page, sitemap or feed.
func (s *session) handleBody(t *task, res fetchResult, final *url.URL) {
	body := res.body
	ct := res.header.Get("Content-Type")
	mt := mediaType(ct)
	converted := convertedCharset(ct)
	if isGzip(body) {
		b, err := gunzip(body, s.cfg.MaxBodyBytes)
		if err != nil {
			reason := "gzip"
			if errors.Is(err, errTooLarge) {
				reason = "too-large"
			}
			s.failNow(t, reason, err)
			return
		}
		body, mt = b, ""
	}
	switch contentKind(mt, body) {
	case "xml":
		s.handleXML(t, body, converted, final)
	case "html":
		s.handleHTML(t, body, ct, converted, final, res.header)
	default:
		t.page.Outcome, t.page.Reason = OutcomeSkipped, "not-html"
	}
}

// contentKind tells an HTML page from a sitemap or feed and from the rest,
// by media type and by sniffing.
func contentKind(mt string, body []byte) string {
	dct := http.DetectContentType(body)
	binary := !strings.HasPrefix(dct, "text/") && dct != "application/octet-stream" &&
		!strings.Contains(dct, "xml") || (dct == "application/octet-stream" && hasNUL(body))
	switch {
	case binary:
		return "other"
	case mt == "text/html" || mt == "application/xhtml+xml":
		if sniffXML(body) && !strings.HasPrefix(dct, "text/html") {
			return "xml"
		}
		return "html"
	case strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml"):
		if strings.HasPrefix(dct, "text/html") && !sniffXML(body) {
			return "html"
		}
		return "xml"
	default:
		if sniffXML(body) {
			return "xml"
		}
		if strings.HasPrefix(dct, "text/html") {
			return "html"
		}
		return "other"
	}
}

func hasNUL(b []byte) bool {
	for _, c := range b[:min(len(b), 512)] {
		if c == 0 {
			return true
		}
	}
	return false
}

func (s *session) handleXML(t *task, body []byte, converted bool, final *url.URL) {
	kind, links, err := parseXMLLinks(body, converted)
	if err != nil {
		t.page.Outcome, t.page.Reason = OutcomeSkipped, "not-html"
		return
	}
	t.page.Outcome = OutcomeFeed
	depth := t.item.Depth + 1
	if kind != xmlFeed {
		t.page.Outcome = OutcomeSitemap
	}
	freshFirst(links)
	raw := make([]string, 0, len(links))
	var children []string
	for _, l := range links {
		if l.Sitemap {
			children = append(children, l.URL)
		} else {
			raw = append(raw, l.URL)
		}
	}
	t.page.Links = len(links)
	t.comp.Links, _ = s.filterLinks(final, raw, depth, "", nil)
	more, _ := s.filterLinks(final, children, t.item.Depth, "", nil) // an index's sitemaps keep its depth
	t.comp.Links = append(t.comp.Links, more...)
	t.page.Reason = kind
}

func (s *session) handleHTML(t *task, raw []byte, ct string, converted bool, final *url.URL, header http.Header) {
	srcCT := ct
	if converted {
		srcCT = "text/html; charset=utf-8"
	}
	src := extract.Source{URL: final.String(), ContentType: srcCT}
	scan, art, decision, err := s.readPage(raw, src, final, header)
	t.decision = decision
	t.page.Reason = decision
	if err != nil {
		s.failNow(t, parseFailure(err), err)
		return
	}
	links := scan.links
	if scan.nofollow {
		links = nil
	}
	links = append(links, scan.feeds...)
	t.page.Links = len(links)
	page := mustParse(t.item.URL)
	t.pattern = urlPattern(page)
	t.articlePage = art != nil
	pagePattern := ""
	if art == nil {
		t.listing, pagePattern = true, pathPattern(t.pattern)
	}
	t.comp.Links, t.outside = s.filterLinks(scan.base, links, t.item.Depth+1, pagePattern, page)
	key, canon := s.learnPage(t, scan, art, final)
	switch {
	case scan.noindex && art != nil:
		t.page.Outcome = OutcomeNoIndex
		return
	case art == nil:
		t.page.Outcome = OutcomeListing
		return
	case canon != nil && s.isCopy(t, canon, final):
		return
	}
	art.CrawlID = s.cfg.CrawlID
	rec, hash, err := encodeRecord(art, t.item.URL, t.fetched)
	if err != nil {
		s.failNow(t, "encode", err)
		return
	}
	t.article = art
	t.comp.Record, t.comp.RecordKey, t.comp.RecordHash = rec, key, hash
	t.page.Outcome = OutcomeArticle // or duplicate / unchanged, told by the store
}

// learnPage tells what a fetched page is: its record key and its
// same-host rel=canonical (nil when none, or the home page). It teaches
// the learner (see params.go) and, for an article, marks the copies it
// names (rel=amphtml, print alternates) as seen: they are not fetched.
//
// The record's key: the page's rel=canonical, else the key of a page
// found the same under a URL differing in one parameter, else its own
// URL, in the normal form (Canonicalize, then learned parameters
// dropped).
func (s *session) learnPage(t *task, scan *pageScan, art *extract.Article, final *url.URL) (string, *url.URL) {
	own := t.item.Key
	fu := *final
	if canonicalizeURL(&fu) == nil {
		s.params.strip(&fu)
		own = visitKey(fu.String())
	} else {
		fu = *mustParse(t.item.URL)
	}
	var canon *url.URL
	if scan.canonical != "" {
		if cu, err := url.Parse(scan.canonical); err == nil && canonicalizeURL(cu) == nil &&
			strings.EqualFold(cu.Host, fu.Host) && cu.Path != "/" && cu.Path != "" {
			s.params.strip(cu)
			canon = cu
		}
	}
	sig := pageSig{article: art != nil, fp: scan.textHash, recKey: own}
	if art != nil {
		if fp, err := strconv.ParseUint(art.Fingerprint, 16, 64); err == nil {
			sig.fp = fp
		}
		if canon != nil {
			sig.recKey = visitKey(canon.String())
		}
		for _, c := range scan.copies {
			cu, err := scan.base.Parse(c)
			if err != nil || canonicalizeURL(cu) != nil || !strings.EqualFold(cu.Host, fu.Host) {
				continue
			}
			s.params.strip(cu)
			if k := visitKey(cu.String()); k != own && k != t.item.Key {
				s.copies.add(k)
				t.comp.Aliases = append(t.comp.Aliases, k)
			}
		}
	}
	learned, partner := s.params.observe(&fu, canon, sig)
	for _, l := range learned {
		s.log.Info("learned: parameter does not change the page", "param", l)
		s.stats.update(func(st *Stats) { st.Learned[l]++ })
	}
	switch {
	case canon != nil:
		return visitKey(canon.String()), canon
	case partner != "":
		return partner, nil
	}
	return own, nil
}

// isCopy ends an article page whose rel=canonical names another page (a
// print or AMP copy, a spelling with a session id, a syndicated copy):
// nothing is recorded under it, and the canonical page is queued to be
// recorded under its own URL. Not when the canonical page cannot be
// fetched (out of scope, disallowed, cut) or was fetched and is no
// article: the page is then recorded under the canonical key, as before.
func (s *session) isCopy(t *task, canon, final *url.URL) bool {
	ck := visitKey(canon.String())
	if sameIgnoringScheme(ck, t.item.Key) || sameIgnoringScheme(ck, visitKey(final.String())) {
		return false
	}
	if known, article := s.params.fetched(ck); known && !article {
		return false
	}
	items, _ := s.filterLinks(final, []string{canon.String()}, t.item.Depth, "", nil)
	if !s.known.has(ck) && (len(items) != 1 || items[0].Skip != "") {
		return false
	}
	t.comp.Links = append(t.comp.Links, items...)
	t.page.Outcome, t.page.Reason, t.page.FinalURL = OutcomeVariant, "copy", canon.String()
	if fu := *final; canonicalizeURL(&fu) == nil {
		s.params.strip(&fu)
		if l := s.params.observeCopy(&fu, canon); l != "" {
			s.log.Info("learned: path makes copies of pages", "rule", l)
			s.stats.update(func(st *Stats) { st.Learned[l]++ })
		}
	}
	return true
}

// sameIgnoringScheme compares two visit keys but for http and https.
func sameIgnoringScheme(a, b string) bool {
	cut := func(s string) string {
		if _, rest, ok := strings.Cut(s, "://"); ok {
			return rest
		}
		return s
	}
	return cut(a) == cut(b)
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}
