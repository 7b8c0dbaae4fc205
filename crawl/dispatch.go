package crawl

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/newsclip/newsclip/crawl/store"
)

// dispatcher is the state of dispatch: tasks claimed and waiting, tasks
// waiting for a retry, and what the workers hold.
type dispatcher struct {
	s          *session
	w          int
	pending    []*task
	retries    []*task
	busy       int
	hostBusy   map[string]int
	keys       map[string]bool // of the tasks claimed and not yet committed or given back
	dispatched int64           // tasks given a first attempt
	started    int             // first attempts this run, for MaxPages
	drained    bool            // the last Claim found nothing...
	drainedAt  int64           // ...when this many tasks were committed
	finished   bool            // ...and a shared store said the crawl is over
	stopping   bool
	abandoned  []store.Item // handed out, but not started when the crawl stopped
	slowHeld   int          // items of slow hosts in pending (kept by shed)
	rounds     int          // claims since the last wait
}

// pollMax bounds the wait between claims of a shared store that had
// nothing to hand out.
const pollMax = 200 * time.Millisecond

// dispatch claims items and hands them to workers, host by host, until the
// frontier is empty or the crawl stops. It returns the claimed items left
// unfinished.
func (s *session) dispatch(ctx, hard context.Context, commitIn chan<- *task) []store.Item {
	d := &dispatcher{s: s, w: s.cfg.Workers, hostBusy: map[string]int{}, keys: map[string]bool{}}
	ctxDone, hardDone := ctx.Done(), hard.Done()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		if s.cfg.MaxPages > 0 && d.started >= s.cfg.MaxPages {
			d.stopping = true
		}
		now := time.Now()
		next := d.dueRetries(now)
		if !d.stopping && d.step(hard, now, &next) {
			continue // claim again at once: other hosts' work may follow
		}
		local := d.drained && len(d.pending) == 0 && len(d.retries) == 0
		if d.busy == 0 && (d.stopping || local && d.dispatched == d.drainedAt && (s.shared == nil || d.finished)) {
			break
		}
		if local && d.busy == 0 && d.dispatched != d.drainedAt {
			// Completions are on their way to the store; their links may
			// refill the frontier. Wait for the committer's signal.
			next = now.Add(time.Hour)
		}
		timer.Reset(max(time.Until(next), time.Millisecond))
		d.rounds = 0
		select {
		case t := <-s.results:
			d.receive(t, commitIn)
		case <-s.wake:
			d.drained = false
		case <-timer.C:
			if s.shared != nil {
				d.drained = false // other processes may have queued work
			}
		case <-ctxDone:
			ctxDone, d.stopping = nil, true
		case <-hardDone:
			hardDone, d.stopping = nil, true
		}
	}
	left := d.abandoned
	for _, t := range append(d.pending, d.retries...) {
		left = append(left, t.item)
	}
	return left
}

// dueRetries moves the retries that are due to the front of pending and
// returns when the next one is.
func (d *dispatcher) dueRetries(now time.Time) time.Time {
	next := now.Add(time.Hour)
	keep := d.retries[:0]
	for _, t := range d.retries {
		if !now.Before(t.notBefore) {
			d.pending = append([]*task{t}, d.pending...)
		} else {
			keep = append(keep, t)
			next = minTime(next, t.notBefore)
		}
	}
	d.retries = keep
	return next
}

// step claims when work is short and hands tasks to free workers; it
// reports whether to claim again at once.
func (d *dispatcher) step(hard context.Context, now time.Time, next *time.Time) bool {
	s, w := d.s, d.w
	if !d.drained && len(d.pending)-d.slowHeld < 2*w && d.rounds < maxRounds {
		d.claim(hard, now, next)
	}
	d.handOut(now, next)
	d.slowHeld = 0
	if len(d.pending) < 2*w {
		return false
	}
	var shed []store.Item
	d.pending, shed, d.slowHeld = s.shed(d.pending, now)
	for _, it := range shed {
		delete(d.keys, it.Key)
	}
	if len(shed) == 0 {
		return false
	}
	if err := s.release(hard, shed); err != nil {
		s.fatal(err)
		d.stopping = true
	}
	d.drained = false // the frontier holds them again
	return len(d.pending)-d.slowHeld < 2*w && d.rounds < maxRounds
}

// claim takes items from the store: 4 × Workers at a time, or, from a
// shared store whose claims count as requests started, as many as there
// are free workers. A shared store that has nothing says when to ask
// again, and whether the crawl is over.
func (d *dispatcher) claim(hard context.Context, now time.Time, next *time.Time) {
	s := d.s
	n := 4 * d.w
	if s.shared != nil {
		n = d.w - d.busy - len(d.pending)
		if n <= 0 {
			return
		}
	}
	c0 := s.committed.Load()
	sent := time.Now() // the claims count requests as started after this
	items, err := s.store.Claim(hard, n)
	if err != nil {
		s.fatal(err)
		d.stopping = true
		return
	}
	d.rounds++
	s.queued.Add(-int64(len(items)))
	s.hold(items)
	for _, it := range items {
		if d.keys[it.Key] {
			// A shared store's lease of a page still in hand here expired,
			// and this process claimed it again: the task under way
			// completes it, under the new lease.
			continue
		}
		d.keys[it.Key] = true
		d.pending = append(d.pending, &task{item: it, host: hostOf(it.URL), permit: s.shared != nil, claimed: sent})
	}
	if len(items) > 0 {
		return
	}
	d.drained, d.drainedAt, d.finished = true, c0, false
	if s.shared == nil {
		return
	}
	fin, wait, err := s.shared.Idle(hard)
	if err != nil {
		s.fatal(err)
		d.stopping = true
		return
	}
	d.finished = fin
	*next = minTime(*next, now.Add(min(max(wait, 5*time.Millisecond), pollMax)))
}

// handOut gives waiting tasks to free workers, as their hosts allow.
func (d *dispatcher) handOut(now time.Time, next *time.Time) {
	s := d.s
	for i := 0; i < len(d.pending) && d.busy < d.w; {
		t := d.pending[i]
		if d.hostBusy[t.host] >= s.cfg.Parallel {
			i++
			continue
		}
		ok, at := s.gates.ready(t.host, now)
		if !ok {
			if at.After(now) {
				*next = minTime(*next, at)
			}
			i++
			continue
		}
		if t.attempt == 0 {
			if s.cfg.MaxPages > 0 && d.started >= s.cfg.MaxPages {
				break
			}
			d.started++
			d.dispatched++
		}
		d.pending = append(d.pending[:i], d.pending[i+1:]...)
		d.busy++
		d.hostBusy[t.host]++
		t.ticket = s.gates.dispatch(t.host, now)
		t.ticket.permit.Store(t.permit)
		t.ticket.permitBy = t.claimed.Add(permitFor)
		t.permit = false
		s.work <- t
	}
	for _, t := range d.pending {
		t.permit = false // a claim's request start is good now or never
	}
}

// receive takes a task back from a worker.
func (d *dispatcher) receive(t *task, commitIn chan<- *task) {
	d.busy--
	d.hostBusy[t.host]--
	if d.hostBusy[t.host] == 0 {
		delete(d.hostBusy, t.host)
	}
	switch {
	case t.abandon:
		delete(d.keys, t.item.Key)
		d.abandoned = append(d.abandoned, t.item)
	case t.retry:
		d.retries = append(d.retries, t)
	default:
		delete(d.keys, t.item.Key)
		commitIn <- t
	}
}

// Dispatch limits: the dispatcher claims 4 × Workers items at a time while
// fewer than 2 × Workers wait. A host that cannot start a request for more
// than slowHost (a Crawl-delay, a Retry-After) keeps Parallel items in the
// list; its others go back to the frontier, so that it does not fill the
// list and hold up the other hosts. At most maxRounds claims follow one
// another without waiting.
const (
	slowHost  = time.Second
	maxRounds = 8
)

// shed splits the waiting tasks into those kept and the items to give back
// to the frontier: a host that cannot start a request for more than
// slowHost keeps Parallel first attempts (retries are always kept). It
// also returns how many kept tasks are of such hosts.
func (s *session) shed(pending []*task, now time.Time) (kept []*task, shed []store.Item, slowHeld int) {
	type hostState struct {
		slow bool
		kept int
	}
	hosts := map[string]*hostState{}
	kept = pending[:0]
	for _, t := range pending {
		h := hosts[t.host]
		if h == nil {
			ok, at := s.gates.ready(t.host, now)
			h = &hostState{slow: !ok && at.Sub(now) > slowHost}
			hosts[t.host] = h
		}
		switch {
		case !h.slow:
			kept = append(kept, t)
		case t.attempt > 0 || h.kept < s.cfg.Parallel:
			kept = append(kept, t)
			h.kept++
			slowHeld++
		default:
			shed = append(shed, t.item)
		}
	}
	clear(pending[len(kept):])
	return kept, shed, slowHeld
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return strings.ToLower(u.Host)
	}
	return ""
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
