package crawl

import (
	"context"
	"sync"
	"time"

	"github.com/newsclip/newsclip/crawl/store"
)

// hold records claimed items, whose leases a shared store's process
// extends until they are completed or released.
func (r *run) hold(items []store.Item) {
	if r.shared == nil || len(items) == 0 {
		return
	}
	r.heldMu.Lock()
	for _, it := range items {
		r.held[it.Key] = it
	}
	r.heldMu.Unlock()
}

func (r *run) unhold(keys ...string) {
	if r.shared == nil {
		return
	}
	r.heldMu.Lock()
	for _, k := range keys {
		delete(r.held, k)
	}
	r.heldMu.Unlock()
}

// release gives claimed items back to the frontier.
func (r *run) release(ctx context.Context, items []store.Item) error {
	if len(items) == 0 {
		return nil
	}
	if err := r.store.Release(ctx, items); err != nil {
		return err
	}
	r.queued.Add(int64(len(items)))
	for _, it := range items {
		r.unhold(it.Key)
	}
	return nil
}

// extendLeases renews, every third of a lease, the leases of the items this
// process holds and its heartbeat, until the returned function is called.
// A lease found lost is logged: the item's completion will be refused.
func (r *run) extendLeases(ctx context.Context) (stop func()) {
	if r.shared == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(max(r.shared.Lease()/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			r.heldMu.Lock()
			items := make([]store.Item, 0, len(r.held))
			for _, it := range r.held {
				items = append(items, it)
			}
			r.heldMu.Unlock()
			lost, err := r.shared.Extend(ctx, items)
			if err != nil {
				r.log.Warn("extending leases", "err", err)
				continue
			}
			for i, l := range lost {
				if l {
					r.log.Warn("lease lost: another process has the page", "url", items[i].URL)
					r.unhold(items[i].Key)
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}
