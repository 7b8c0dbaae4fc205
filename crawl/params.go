package crawl

import (
	"hash/maphash"
	"math/bits"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
)

// Parameters that do not change the page (DUST: different URLs with
// similar text). Well-known tracking and session parameters are dropped by
// Canonicalize; the rest are learned per host from the pages fetched:
//
//   - two fetched URLs that differ only in one parameter (one without it,
//     or both with different values) give the same article: the SimHash
//     of their text within simhashNear bits;
//   - an article whose rel=canonical is its own URL without the parameter
//     (a print copy, a session spelling) says the same.
//
// A parameter is irrelevant on its host once two different pages showed it
// so and none showed it to matter (two URLs differing only in it gave
// different pages, articles or not: their visible text differs): one page
// is no proof, and a parameter seen to matter once is kept for good. From
// then on it is dropped from every URL of the host found, and from queued
// URLs when they are claimed (outcome Variant). Only articles teach that a
// parameter does not matter: soft 404s, empty result pages and pages past
// the last one look alike whatever their parameters.
//
// Copies made by a path prefix or suffix (/amp/…, …/print) are learned
// the same way, from articles whose rel=canonical is their URL without
// it, on two pages (observeCopy).
//
// Memory is bounded: the fingerprints of the last sigMax pages are kept as
// 64-bit hashes (the set starts over when full), and at most paramKeysMax
// parameters per host are followed.

const (
	simhashNear  = 3
	sigMax       = 1 << 15
	paramKeysMax = 64
	paramHostMax = 4096
	paramProof   = 2 // pages that must show a parameter irrelevant
)

// pageSig is what a fetched page looks like, to tell two URLs of one page.
type pageSig struct {
	article bool
	fp      uint64 // an article's text SimHash; another page's visible-text hash
	recKey  string // an article's record key
}

func (a pageSig) same(b pageSig) bool {
	if a.article != b.article {
		return false
	}
	if a.article {
		return bits.OnesCount64(a.fp^b.fp) <= simhashNear
	}
	return a.fp == b.fp
}

type paramEvidence struct {
	pages    [paramProof]uint64 // distinct pages that showed the key irrelevant
	n        int
	relevant bool
}

type hostParams struct {
	drop         map[string]bool // learned irrelevant, by decoded key
	evidence     map[string]*paramEvidence
	rules        map[copyRule]bool // learned copy rules (true); evidence in ruleEvidence
	ruleEvidence map[copyRule]*paramEvidence
}

// variantSig is a page fetched under a URL with a parameter, waiting for
// the page without it (or with another value) to be compared.
type variantSig struct {
	key   string // the parameter
	value uint64 // hash of its values
	sig   pageSig
}

type learner struct {
	seed     maphash.Seed
	mu       sync.Mutex
	hosts    map[string]*hostParams
	pages    map[uint64]pageSig    // fetched pages, by visit-key hash
	variants map[uint64]variantSig // by hash of the URL without the parameter (and the parameter)
	nlearned atomic.Int32
}

func newLearner() *learner {
	return &learner{seed: maphash.MakeSeed(), hosts: map[string]*hostParams{},
		pages: map[uint64]pageSig{}, variants: map[uint64]variantSig{}}
}

// strip drops from u (a canonical URL) what was learned not to change
// the page on its host: parameters, and path prefixes and suffixes of
// copies (see copyRule). It returns what it dropped first ("?key",
// "/amp…", "…/print"), or "".
func (l *learner) strip(u *url.URL) string {
	if l.nlearned.Load() == 0 {
		return ""
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	hp := l.hosts[u.Host]
	if hp == nil {
		return ""
	}
	var first string
	if len(hp.drop) > 0 && u.RawQuery != "" {
		u.RawQuery = filterQuery(u.RawQuery, func(k string) bool {
			if hp.drop[k] {
				if first == "" {
					first = "?" + k
				}
				return false
			}
			return true
		})
	}
	for r, learned := range hp.rules {
		if p, ok := r.apply(u.EscapedPath()); learned && ok {
			setEscapedPath(u, p)
			if first == "" {
				first = r.String()
			}
		}
	}
	return first
}

// copyRule is a path prefix or suffix that makes a copy of a page: "/amp"
// before the path, "/print" or "amp/" after it.
type copyRule struct {
	prefix bool
	s      string
}

func (r copyRule) String() string {
	if r.prefix {
		return r.s + "…"
	}
	return "…" + r.s
}

// apply returns p without the rule's prefix or suffix, when it has it.
func (r copyRule) apply(p string) (string, bool) {
	switch {
	case r.prefix && strings.HasPrefix(p, r.s+"/"):
		return p[len(r.s):], true
	case !r.prefix && len(p) > len(r.s)+1 && strings.HasSuffix(p, r.s):
		rest := p[:len(p)-len(r.s)]
		if strings.HasPrefix(r.s, "/") || strings.HasSuffix(rest, "/") { // whole segments only
			return rest, true
		}
	}
	return p, false
}

// copyRuleOf returns the rule that makes the copy's path from the
// canonical path: one segment added before or after it.
func copyRuleOf(copyPath, canonPath string) (copyRule, bool) {
	if len(copyPath) <= len(canonPath) || len(copyPath)-len(canonPath) > 24 {
		return copyRule{}, false
	}
	switch {
	case strings.HasSuffix(copyPath, canonPath) && canonPath != "/":
		pre := copyPath[:len(copyPath)-len(canonPath)]
		if strings.HasPrefix(pre, "/") && !strings.Contains(pre[1:], "/") {
			return copyRule{prefix: true, s: pre}, true
		}
	case strings.HasPrefix(copyPath, canonPath):
		suf := copyPath[len(canonPath):]
		if strings.Count(strings.Trim(suf, "/"), "/") == 0 && strings.Trim(suf, "/") != "" {
			return copyRule{s: suf}, true
		}
	}
	return copyRule{}, false
}

func setEscapedPath(u *url.URL, p string) {
	if dec, err := url.PathUnescape(p); err == nil {
		u.Path, u.RawPath = dec, ""
		if u.EscapedPath() != p {
			u.RawPath = p
		}
	}
}

// observeCopy learns from an article whose rel=canonical names another
// URL of its host with the same query: a path prefix or suffix seen making
// copies of two pages is dropped from the host's URLs from then on. It
// returns the rule learned now, or "".
func (l *learner) observeCopy(copyURL, canon *url.URL) string {
	if copyURL.Host != canon.Host || copyURL.RawQuery != canon.RawQuery {
		return ""
	}
	r, ok := copyRuleOf(copyURL.EscapedPath(), canon.EscapedPath())
	if !ok {
		return ""
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	hp := l.host(copyURL.Host)
	if hp == nil || hp.rules[r] {
		return ""
	}
	ev := hp.ruleEvidence[r]
	if ev == nil {
		if len(hp.ruleEvidence) >= paramKeysMax {
			return ""
		}
		ev = &paramEvidence{}
		hp.ruleEvidence[r] = ev
	}
	page := maphash.String(l.seed, visitKey(canon.String()))
	for _, p := range ev.pages[:ev.n] {
		if p == page {
			return ""
		}
	}
	ev.pages[ev.n] = page
	if ev.n++; ev.n < paramProof {
		return ""
	}
	hp.rules[r] = true
	l.nlearned.Add(1)
	return copyURL.Host + " " + r.String()
}

// filterQuery keeps the pairs of a canonical query whose decoded key keep
// accepts.
func filterQuery(q string, keep func(k string) bool) string {
	var b strings.Builder
	for part := range strings.SplitSeq(q, "&") {
		if !keep(queryKey(part)) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(part)
	}
	return b.String()
}

func queryKey(pair string) string {
	k, _, _ := strings.Cut(pair, "=")
	if dk, err := url.QueryUnescape(k); err == nil {
		return dk
	}
	return k
}

// observe compares a fetched page (final, its canonical URL after strip)
// with the pages fetched under the same URL without one of its parameters,
// or with another value of it, and learns from it. canonical is the
// page's same-host rel=canonical (canonicalised), nil when none. It
// returns the parameters learned now (as "host ?key") and, for an article,
// the record key of an article found to be the same page ("" when none).
func (l *learner) observe(final, canonical *url.URL, sig pageSig) (learned []string, partner string) {
	own := visitKey(final.String())
	canonKey := ""
	if canonical != nil {
		canonKey = visitKey(canonical.String())
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	hp := l.host(final.Host)
	if hp == nil {
		return nil, ""
	}
	note := func(k string, page uint64, other pageSig, same bool) {
		if same && sig.article && other.article && partner == "" {
			partner = other.recKey
		}
		if same && !(sig.article && other.article) {
			return // pages that are no articles tell differences only
		}
		if l.evidence(hp, k, page, same) {
			learned = append(learned, final.Host+" ?"+k)
		}
	}
	ownHash := maphash.String(l.seed, own)
	// A page fetched with a parameter before this one, without it.
	if v, ok := l.variants[ownHash]; ok {
		note(v.key, ownHash, v.sig, v.sig.same(sig))
	}
	for _, k := range queryKeys(final.RawQuery) {
		if hp.drop[k] {
			continue
		}
		if e := hp.evidence[k]; e != nil && e.relevant {
			continue
		}
		value := maphash.String(l.seed, valuesOf(final.RawQuery, k))
		w := *final
		w.RawQuery = filterQuery(final.RawQuery, func(x string) bool { return x != k })
		wk := visitKey(w.String())
		wh := maphash.String(l.seed, wk)
		switch other, fetched := l.pages[wh]; {
		case sig.article && canonKey == wk:
			note(k, wh, pageSig{article: true}, true)
		case fetched:
			note(k, wh, other, other.same(sig))
		default:
			l.put(l.variants, wh, variantSig{key: k, value: value, sig: sig})
		}
		sh := maphash.String(l.seed, wk+"\x00"+k)
		if v, ok := l.variants[sh]; ok && v.value != value {
			note(k, wh, v.sig, v.sig.same(sig))
		}
		l.put(l.variants, sh, variantSig{key: k, value: value, sig: sig})
	}
	if partner != "" && canonical == nil {
		sig.recKey = partner
	}
	if len(l.pages) >= sigMax {
		clear(l.pages)
	}
	l.pages[ownHash] = sig
	return learned, partner
}

func (l *learner) put(m map[uint64]variantSig, h uint64, v variantSig) {
	if len(m) >= sigMax {
		clear(m)
	}
	m[h] = v
}

func (l *learner) host(h string) *hostParams {
	hp := l.hosts[h]
	if hp == nil {
		if len(l.hosts) >= paramHostMax {
			return nil
		}
		hp = &hostParams{drop: map[string]bool{}, evidence: map[string]*paramEvidence{},
			rules: map[copyRule]bool{}, ruleEvidence: map[copyRule]*paramEvidence{}}
		l.hosts[h] = hp
	}
	return hp
}

// evidence counts one page's testimony on key k; it reports whether k is
// learned irrelevant now.
func (l *learner) evidence(hp *hostParams, k string, page uint64, same bool) bool {
	e := hp.evidence[k]
	if e == nil {
		if len(hp.evidence) >= paramKeysMax {
			return false
		}
		e = &paramEvidence{}
		hp.evidence[k] = e
	}
	if !same {
		e.relevant = true
		return false
	}
	if e.relevant || hp.drop[k] {
		return false
	}
	for _, p := range e.pages[:e.n] {
		if p == page {
			return false
		}
	}
	e.pages[e.n] = page
	e.n++
	if e.n < paramProof {
		return false
	}
	hp.drop[k] = true
	l.nlearned.Add(1)
	return true
}

// queryKeys returns the distinct decoded keys of a query, in order.
func queryKeys(q string) []string {
	if q == "" {
		return nil
	}
	var out []string
	for part := range strings.SplitSeq(q, "&") {
		k := queryKey(part)
		if len(out) == 0 || out[len(out)-1] != k {
			out = append(out, k)
		}
	}
	return compactStrings(out)
}

// valuesOf returns the values of key k in a query, joined.
func valuesOf(q, k string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(q, "&") {
		if queryKey(part) == k {
			_, v, _ := strings.Cut(part, "=")
			b.WriteString(v)
			b.WriteByte('&')
		}
	}
	return b.String()
}

// fetched tells whether the page at a visit key was fetched (as far as the
// bounded memory of fetched pages goes) and whether it was an article.
func (l *learner) fetched(key string) (known, article bool) {
	h := maphash.String(l.seed, key)
	l.mu.Lock()
	defer l.mu.Unlock()
	sig, ok := l.pages[h]
	return ok, sig.article
}
