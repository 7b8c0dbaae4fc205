package crawl

import (
	"net/http"
	"sync"
)

// fetchOnce keeps each URL to one fetch per run when redirects lead to
// it: a redirect's target answers for its own URL (an alias), and the
// store marks it visited only when the redirect is committed, so a link to
// the target queued before that would be fetched a second time, and a
// redirect to a page fetched already would fetch it again. The set holds
// the visit keys fetched or being fetched in this run, each with the task
// that fetches it.
type fetchOnce struct {
	m sync.Map // visit key → *task
}

// claim tells whether t may fetch its URL: no other task of this run has
// fetched it or a redirect to it.
func (o *fetchOnce) claim(t *task) bool {
	v, loaded := o.m.LoadOrStore(t.item.Key, t)
	return !loaded || v == t
}

// answered records that t's fetch answered for the keys of its redirect
// targets.
func (o *fetchOnce) answered(t *task, keys []string) {
	for _, k := range keys {
		o.m.LoadOrStore(k, t)
	}
}

// elsewhere tells whether the target of a redirect chain was fetched in
// this run by another fetch than the chain's own.
func (o *fetchOnce) elsewhere(target string, via []*http.Request) bool {
	k := visitKey(target)
	if len(via) > 0 {
		first := *via[0].URL
		if canonicalizeURL(&first) == nil && visitKey(first.String()) == k {
			return false
		}
	}
	_, ok := o.m.Load(k)
	return ok
}
