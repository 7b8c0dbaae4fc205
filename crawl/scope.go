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

// traps keeps, per URL pattern, how many listing pages (pages that are not
// articles) were fetched and how many in a row were barren. A pattern past
// either limit is cut: its URLs are no longer fetched.
//
// A listing page is barren when it links nothing outside its pattern that
// the pattern's earlier pages did not link already: an endless calendar's
// pages link only the next and previous months and the same navigation.
// Whether the links are new to the crawl does not matter: on a resumed or
// incremental crawl, or after a sitemap, a section's pages link articles
// known already, and are no trap. An article fetched under the pattern
// ends the barren run too: a pattern that yields articles is not cut by
// it. Only listing patterns are tracked, with at most outsideMax link
// hashes each, so memory follows the number of listing shapes, not of
// pages.
type traps struct {
	barren, limit int
	seed          maphash.Seed

	mu       sync.Mutex
	patterns map[string]*patternStat
	ncut     atomic.Int32
}

type patternStat struct {
	pages, streak int
	cut           bool
	outside       map[uint64]struct{} // links outside the pattern, seen on its pages
}

// outsideMax bounds a pattern's set of outside links; a full set starts
// over (the next page then counts as useful once).
const outsideMax = 4096

func newTraps(barren, limit int) *traps {
	return &traps{barren: barren, limit: limit, seed: maphash.MakeSeed(), patterns: map[string]*patternStat{}}
}

// hash is a link's identity for listing.
func (t *traps) hash(key string) uint64 { return maphash.String(t.seed, key) }

// anyCut is a cheap test that lets callers skip computing patterns.
func (t *traps) anyCut() bool { return t.ncut.Load() > 0 }

func (t *traps) isCut(pattern string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := t.patterns[pattern]
	return p != nil && p.cut
}

// listing records a fetched listing page of pattern with the hashes of
// its links outside the pattern. It reports whether this cut the pattern.
func (t *traps) listing(pattern string, outside []uint64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := t.patterns[pattern]
	if p == nil {
		p = &patternStat{outside: map[uint64]struct{}{}}
		t.patterns[pattern] = p
	}
	p.pages++
	useful := false
	for _, h := range outside {
		if _, ok := p.outside[h]; ok {
			continue
		}
		if len(p.outside) >= outsideMax {
			clear(p.outside)
		}
		p.outside[h] = struct{}{}
		useful = true
	}
	if useful {
		p.streak = 0
	} else {
		p.streak++
	}
	if !p.cut && ((t.barren > 0 && p.streak >= t.barren) || (t.limit > 0 && p.pages >= t.limit)) {
		p.cut = true
		t.ncut.Add(1)
		return true
	}
	return false
}

// article records an article page fetched under pattern: it ends the
// pattern's barren run.
func (t *traps) article(pattern string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if p := t.patterns[pattern]; p != nil {
		p.streak = 0
	}
}
