package crawl

import (
	"net/url"
	"strings"

	"github.com/newsclip/newsclip/crawl/store"
)

// filterLinks resolves links found on a page at the given depth against
// base, canonicalises them (learned parameters dropped too) and keeps those
// in scope, once each. URLs that a trap rule or a known robots.txt rules
// out come back with Skip set, to be recorded as seen. For a listing page
// (pagePattern set, the path pattern of its URL) it also returns the
// hashes of its links outside that pattern, known already or not: the
// trap rule's measure of a listing's use (see traps). page is the HTML
// page the links are on (its canonical URL), nil for sitemaps, feeds and
// redirects: the query rules (see queryTrap) apply to a page's links only.
func (s *session) filterLinks(base *url.URL, raw []string, depth int, pagePattern string, page *url.URL) ([]store.Item, []uint64) {
	if len(raw) == 0 {
		return nil, nil
	}
	var (
		items    []store.Item
		outside  []uint64
		filtered map[string]int64
		seen     = make(map[string]struct{}, len(raw))
		anyCut   = s.traps.anyCut()
		hosts    = map[string]*hostInfo{}
	)
	drop := func(why string) {
		if filtered == nil {
			filtered = map[string]int64{}
		}
		filtered[why]++
	}
	for _, l := range raw {
		u, err := base.Parse(l)
		if err != nil || canonicalizeURL(u) != nil {
			continue
		}
		s.params.strip(u)
		link := u.String()
		key := visitKey(link)
		if _, dup := seen[key]; dup {
			continue
		}
		seen[key] = struct{}{}
		if s.known.has(key) {
			// Queued or done already: nothing to tell the store.
			if pagePattern != "" && pathPattern(urlPattern(u)) != pagePattern {
				outside = append(outside, s.traps.hash(key))
			}
			continue
		}
		h := hosts[u.Host]
		if h == nil {
			h = s.hostInfo(u)
			hosts[u.Host] = h
		}
		if !h.inScope {
			drop("offsite")
			continue
		}
		if why := s.scope.patterns(link); why != "" {
			drop(why)
			continue
		}
		if s.cfg.MaxDepth > 0 && depth > s.cfg.MaxDepth {
			drop("depth")
			continue
		}
		it := store.Item{Key: key, URL: link, Depth: depth}
		var pat string
		if pagePattern != "" || anyCut || page != nil && u.RawQuery != "" {
			pat = urlPattern(u)
		}
		if why := pathTrap(u, link, s.cfg.MaxURLLength, s.cfg.MaxPathSegments); why != "" {
			it.Skip = why
		} else if c := s.cutOrQuery(u, page, pat, anyCut); c != "" {
			it.Skip = c
		} else if h.robots != nil && !robotsTest(h.robots, u) {
			it.Skip = "robots"
		}
		items = append(items, it)
		if pagePattern != "" && it.Skip == "" && pathPattern(pat) != pagePattern {
			outside = append(outside, s.traps.hash(key))
		}
	}
	if filtered != nil {
		s.stats.update(func(st *Stats) {
			for k, v := range filtered {
				st.Filtered[k] += v
			}
		})
	}
	return items, outside
}

// cutOrQuery returns the trap rule that rules a link out, or "": a cut
// pattern or host, or a query rule (queryTrap).
func (s *session) cutOrQuery(u, page *url.URL, pat string, anyCut bool) string {
	if anyCut {
		if c := s.traps.cut(pat); c != "" {
			return c
		}
	}
	if page == nil || u.RawQuery == "" {
		return ""
	}
	if queryGrows(u, page) {
		return "query-growth"
	}
	if !s.traps.query(u.Host+u.EscapedPath(), pat) {
		return "query-budget"
	}
	return ""
}

// queryGrows tells a link that appends parameters to the query of the
// page it is on, same path, when that query already repeats a key: a
// faceted listing whose links append to the current query ("?sort=a" →
// "?sort=a&sort=b&page=2" → …) makes a new, longer URL at every hop.
// Links that replace a value (pagination) or add a first value of a key
// are not concerned.
func queryGrows(u, page *url.URL) bool {
	if page.RawQuery == "" || u.Host != page.Host || u.EscapedPath() != page.EscapedPath() ||
		len(u.RawQuery) <= len(page.RawQuery) || !repeatsKey(page.RawQuery) {
		return false
	}
	have := map[string]int{}
	for p := range strings.SplitSeq(u.RawQuery, "&") {
		have[p]++
	}
	for p := range strings.SplitSeq(page.RawQuery, "&") {
		if have[p] == 0 {
			return false
		}
		have[p]--
	}
	return true
}

// repeatsKey tells a canonical query (keys sorted) that holds one key twice.
func repeatsKey(q string) bool {
	prev := ""
	for i, p := range strings.Split(q, "&") {
		k, _, _ := strings.Cut(p, "=")
		if i > 0 && k == prev {
			return true
		}
		prev = k
	}
	return false
}

// hostInfo is what filterLinks needs to know of a link's host.
type hostInfo struct {
	inScope bool
	robots  *robotsEntry // nil when not known yet, or robots.txt is ignored
}

func (s *session) hostInfo(u *url.URL) *hostInfo {
	h := &hostInfo{inScope: s.scope.host(u.Hostname())}
	if h.inScope && !s.robots.ignore {
		h.robots = s.robots.loaded(origin(u))
	}
	return h
}
