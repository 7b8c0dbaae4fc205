package crawl

import (
	"context"
	"sync"
	"time"

	"github.com/newsclip/newsclip/crawl/store"
)

// hold records claimed items, whose leases a shared store's process
// extends until they are completed or released.
func (s *session) hold(items []store.Item) {
	if s.shared == nil || len(items) == 0 {
		return
	}
	s.heldMu.Lock()
	for _, it := range items {
		s.held[it.Key] = it
	}
	s.heldMu.Unlock()
}

func (s *session) unhold(keys ...string) {
	if s.shared == nil {
		return
	}
	s.heldMu.Lock()
	for _, k := range keys {
		delete(s.held, k)
	}
	s.heldMu.Unlock()
}

// release gives claimed items back to the frontier.
func (s *session) release(ctx context.Context, items []store.Item) error {
	if len(items) == 0 {
		return nil
	}
	if err := s.store.Release(ctx, items); err != nil {
		return err
	}
	s.queued.Add(int64(len(items)))
	for _, it := range items {
		s.unhold(it.Key)
	}
	return nil
}

// extendLeases renews, every third of a lease, the leases of the items this
// process holds and its heartbeat, until the returned function is called.
// A lease found lost is logged: the item's completion will be refused.
func (s *session) extendLeases(ctx context.Context) (stop func()) {
	if s.shared == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(max(s.shared.Lease()/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			s.heldMu.Lock()
			items := make([]store.Item, 0, len(s.held))
			for _, it := range s.held {
				items = append(items, it)
			}
			s.heldMu.Unlock()
			lost, err := s.shared.Extend(ctx, items)
			if err != nil {
				s.log.Warn("extending leases", "err", err)
				continue
			}
			for i, l := range lost {
				if l {
					s.log.Warn("lease lost: another process has the page", "url", items[i].URL)
					s.unhold(items[i].Key)
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}
