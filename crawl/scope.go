package crawl

import (
	"hash/maphash"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/net/publicsuffix"
)

// scope says which URLs belong to the crawl: the seeds' sites (registrable
// domains: www.example.com and news.example.com are one site), the allowed
// domains, then the include and exclude patterns.
type scope struct {
	sites   map[string]bool
	allow   []string
	include []*regexp.Regexp
	exclude []*regexp.Regexp
}

// siteOf returns the registrable domain of host, or host itself for IP
// addresses and single-label names.
func siteOf(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return host
	}
	if s, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return s
	}
	return host
}

// check returns "" when u is in scope, else the rule that leaves it out.
func (s *scope) check(u *url.URL, raw string) string {
	if !s.host(u.Hostname()) {
		return "offsite"
	}
	return s.patterns(raw)
}

// host tells whether a host belongs to the seeds' sites or the allowed
// domains.
func (s *scope) host(h string) bool {
	h = strings.ToLower(h)
	if s.sites[siteOf(h)] {
		return true
	}
	for _, d := range s.allow {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

// patterns applies the include and exclude patterns to a URL.
func (s *scope) patterns(raw string) string {
	if len(s.include) > 0 {
		ok := false
		for _, re := range s.include {
			if re.MatchString(raw) {
				ok = true
				break
			}
		}
		if !ok {
			return "include"
		}
	}
	for _, re := range s.exclude {
		if re.MatchString(raw) {
			return "exclude"
		}
	}
	return ""
}

// pathTrap returns the rule a URL's shape breaks, or "": too long, too
// deep, or one path segment repeated (a relative-link loop such as
// /a/b/a/b/a/b).
func pathTrap(u *url.URL, raw string, maxLen, maxSegs int) string {
	if len(raw) > maxLen {
		return "url-length"
	}
	p := strings.Trim(u.EscapedPath(), "/")
	if p == "" {
		return ""
	}
	var segs [32]string
	n := 0
	for seg := range strings.SplitSeq(p, "/") {
		if n == maxSegs || n == len(segs) {
			return "path-depth"
		}
		segs[n] = seg
		n++
	}
	for i := 0; i < n; i++ {
		count := 1
		for j := i + 1; j < n; j++ {
			if segs[j] == segs[i] {
				if count++; count >= 3 {
					return "path-repeat"
				}
			}
		}
	}
	return ""
}

// keyCache remembers, up to a bound, the visited keys this run has handed
// to the store, so that links met again and again (navigation, related
// blocks) skip the store. Keys are 64-bit hashes: memory stays flat and
// small; when full the cache starts over. A false hit needs a 64-bit
// collision among the keys held.
type keyCache struct {
	seed maphash.Seed
	max  int
	mu   sync.Mutex
	m    map[uint64]struct{}
}

func newKeyCache(max int) *keyCache {
	return &keyCache{seed: maphash.MakeSeed(), max: max, m: make(map[uint64]struct{})}
}

func (c *keyCache) has(k string) bool {
	h := maphash.String(c.seed, k)
	c.mu.Lock()
	_, ok := c.m[h]
	c.mu.Unlock()
	return ok
}

func (c *keyCache) add(keys ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		if len(c.m) >= c.max {
			clear(c.m)
		}
		c.m[maphash.String(c.seed, k)] = struct{}{}
	}
}

// traps keeps the yield of URL patterns and hosts, and cuts those that
// stopped yielding: their URLs are no longer fetched.
//
// The yield rule works on path patterns (host and path, digit runs as N:
// /calendar/N/N/, /browse/). A listing page (a page that is not an
// article) yields when it links something outside its path pattern that
// the pattern's earlier pages did not link: an endless calendar's pages
// link only the next and previous months and the same navigation; a
// faceted listing's pages link the same articles in other orders. Whether
// the links are new to the crawl does not matter: on a resumed or
// incremental crawl, or after a sitemap, a section's pages link articles
// known already, and are no trap. An article fetched under the path
// pattern yields too. When barren listing pages in a row reach the limit
// (a fifth of it for pages with a query string: the same content in other
// orders and filters), the path pattern is cut: every URL pattern under it (the path pattern
// plus a set of query keys) that never gave an article, so /story.php?id
// keeps its articles when /story.php?sort&page is cut. A URL pattern is
// cut too after limit listing pages.
//
// A host is cut when hostBarren pages in a row yielded no record while
// its frontier grew (more new URLs queued than pages fetched): a site
// whose every corner is a new trap.
//
// Memory follows the number of listing shapes, not of pages: outside
// link sets hold at most outsideMax hashes each and outsideTotal in all,
// and at most patternMax patterns, paths and hosts are followed.
type traps struct {
	barren, limit, hostBarren int
	maxQueries                int
	seed                      maphash.Seed

	mu       sync.Mutex
	paths    map[string]*pathStat    // by path pattern
	patterns map[string]*patternStat // by URL pattern
	hosts    map[string]*hostStat
	queries  map[uint64]int32 // distinct query strings queued, by host and path
	outside  int              // hashes held in all pathStat.outside
	ncut     atomic.Int32
}

type pathStat struct {
	streak  int // barren listing pages in a row
	qstreak int // of which with a query string
	cut     bool
	outside map[uint64]struct{} // links outside the path pattern, seen on its pages
}

type patternStat struct {
	pages, articles int
	cut             bool
}

type hostStat struct {
	since, grown int // pages since the last record, and new URLs queued meanwhile
	cut          bool
}

const (
	// queryBarren divides the barren limit for listing pages that differ
	// in their query alone (sort orders, filters, session spellings): the
	// same content reordered, cut sooner than a path that varies.
	queryBarren  = 5
	outsideMax   = 4096
	outsideTotal = 1 << 20
	patternMax   = 1 << 14
)

func newTraps(barren, limit, maxQueries int) *traps {
	t := &traps{barren: barren, limit: limit, maxQueries: maxQueries, seed: maphash.MakeSeed(),
		paths: map[string]*pathStat{}, patterns: map[string]*patternStat{}, hosts: map[string]*hostStat{},
		queries: map[uint64]int32{}}
	if barren > 0 {
		t.hostBarren = 10 * barren
	}
	return t
}

// hash is a link's identity for listing.
func (t *traps) hash(key string) uint64 { return maphash.String(t.seed, key) }

// anyCut is a cheap test that lets callers skip computing patterns.
func (t *traps) anyCut() bool { return t.ncut.Load() > 0 }

// pathPattern is the path part of a URL pattern.
func pathPattern(pattern string) string {
	p, _, _ := strings.Cut(pattern, "?")
	return p
}

// cut returns what cuts a URL pattern ("" when nothing does): the URL
// pattern, its path pattern with "?*", or its host with "host:".
func (t *traps) cut(pattern string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cutLocked(pattern)
}

func (t *traps) cutLocked(pattern string) string {
	pp := pathPattern(pattern)
	host, _, _ := strings.Cut(pp, "/")
	if h := t.hosts[host]; h != nil && h.cut {
		return "host:" + host
	}
	ps := t.patterns[pattern]
	if ps != nil && ps.cut {
		return pattern
	}
	if p := t.paths[pp]; p != nil && p.cut && (ps == nil || ps.articles == 0) {
		return pp + "?*"
	}
	return ""
}

func (t *traps) pattern(p string) *patternStat {
	ps := t.patterns[p]
	if ps == nil && len(t.patterns) < patternMax {
		ps = &patternStat{}
		t.patterns[p] = ps
	}
	return ps
}

// listing records a fetched listing page of a URL pattern with the hashes
// of its links outside its path pattern. It returns what this cut, or "".
func (t *traps) listing(pattern string, outside []uint64) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	pp := pathPattern(pattern)
	p := t.paths[pp]
	if p == nil {
		if len(t.paths) >= patternMax {
			return ""
		}
		p = &pathStat{outside: map[uint64]struct{}{}}
		t.paths[pp] = p
	}
	useful := false
	for _, h := range outside {
		if _, ok := p.outside[h]; ok {
			continue
		}
		if len(p.outside) >= outsideMax || t.outside >= outsideTotal {
			t.outside -= len(p.outside)
			clear(p.outside)
		}
		p.outside[h] = struct{}{}
		t.outside++
		useful = true
	}
	switch {
	case useful:
		p.streak, p.qstreak = 0, 0
	case strings.Contains(pattern, "?"):
		p.streak++
		p.qstreak++
	default:
		p.streak++
	}
	if ps := t.pattern(pattern); ps != nil {
		ps.pages++
		if !ps.cut && t.limit > 0 && ps.pages >= t.limit {
			ps.cut = true
			t.ncut.Add(1)
			return pattern
		}
	}
	if !p.cut && t.barren > 0 && (p.streak >= t.barren || p.qstreak >= max(1, t.barren/queryBarren)) {
		p.cut = true
		t.ncut.Add(1)
		return pp + "?*"
	}
	return ""
}

// article records an article page fetched under a URL pattern: it ends
// its path pattern's barren run, and keeps the URL pattern from a cut of
// its path pattern.
func (t *traps) article(pattern string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if ps := t.pattern(pattern); ps != nil {
		ps.articles++
	}
	if p := t.paths[pathPattern(pattern)]; p != nil {
		p.streak, p.qstreak = 0, 0
	}
}

// page records a page of host finished: yield tells whether it gave a
// record (new or unchanged), queued how many new URLs it queued. It
// returns true when this cut the host.
func (t *traps) page(host string, yield bool, queued int) bool {
	if t.hostBarren <= 0 {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	h := t.hosts[host]
	if h == nil {
		if len(t.hosts) >= patternMax {
			return false
		}
		h = &hostStat{}
		t.hosts[host] = h
	}
	if yield {
		h.since, h.grown = 0, 0
		return false
	}
	h.since++
	h.grown += queued
	if !h.cut && h.since >= t.hostBarren && h.grown > h.since {
		h.cut = true
		t.ncut.Add(1)
		return true
	}
	return false
}

// query counts a new query string queued for a host's path (hostPath),
// of URL pattern pattern; it reports false when the path is over its
// budget and the pattern gave no article. The counts are kept for at most
// patternMax paths (the table starts over when full).
func (t *traps) query(hostPath, pattern string) bool {
	if t.maxQueries <= 0 {
		return true
	}
	h := maphash.String(t.seed, hostPath)
	t.mu.Lock()
	defer t.mu.Unlock()
	n := t.queries[h]
	if int(n) >= t.maxQueries {
		ps := t.patterns[pattern]
		return ps != nil && ps.articles > 0
	}
	if len(t.queries) >= patternMax {
		clear(t.queries)
	}
	t.queries[h] = n + 1
	return true
}
