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

// fetchedElsewhere tells whether another task of this run fetched t's URL
// or a redirect to it, and then ends t as skipped ("fetched-by-redirect");
// otherwise t's URL is t's to fetch.
func (o *fetchOnce) fetchedElsewhere(t *task) bool {
	v, loaded := o.m.LoadOrStore(t.item.Key, t)
	if !loaded || v == t {
		return false
	}
	t.page.Outcome, t.page.Reason = OutcomeSkipped, "fetched-by-redirect"
	return true
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
