package crawl

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/extract"
)

// writeRecord gives a record to the sink: the encoded line to this
// package's JSONL sinks, the article (decoded from the line when nil) to
// any other.
func (s *session) writeRecord(ctx context.Context, line []byte, a *extract.Article) error {
	if lw, ok := s.sink.(lineWriter); ok {
		return lw.writeLine(line)
	}
	if a == nil {
		a = new(extract.Article)
		if err := json.Unmarshal(line, a); err != nil {
			return fmt.Errorf("crawl: record: %w", err)
		}
	}
	return s.sink.Write(ctx, a)
}

func recordID(a *extract.Article) string { return a.Input + "\x00" + a.URL }

// checkpoint makes the sink durable and acknowledges the outbox up to seq.
func (s *session) checkpoint(ctx context.Context, seq uint64) error {
	var pos int64
	var err error
	switch {
	case s.durable != nil:
		pos, err = s.durable.Sync()
	case s.flusher != nil:
		err = s.flusher.Flush()
	}
	if err == nil {
		err = s.store.Ack(context.WithoutCancel(ctx), seq, pos)
	}
	if err == nil {
		s.log.Debug("checkpoint", "seq", seq, "sink_pos", pos)
	}
	return err
}

// committer applies completions to the store in batches, then writes the
// accepted records to the sink, in the store's order, and checkpoints.
func (s *session) committer(ctx context.Context, in <-chan *task, done chan<- struct{}) {
	defer close(done)
	ticker := time.NewTicker(s.cfg.CheckpointEvery)
	defer ticker.Stop()
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	c := &committer{s: s}
	for {
		select {
		case t, open := <-in:
			if open {
				c.batch = append(c.batch, t)
				c.batch, open = gather(in, c.batch, linger)
			}
			c.flush(ctx)
			if !open { // every page is done: the last checkpoint
				c.adopt(ctx)
				c.checkpoint(ctx)
				return
			}
		case <-ticker.C:
			c.adopt(ctx)
			c.checkpoint(ctx)
		}
	}
}

// committer is the state of the committer goroutine: the batch gathered,
// and how far the outbox is written and acknowledged.
type committer struct {
	s       *session
	batch   []*task
	lastSeq uint64 // the highest outbox sequence written to the sink
	acked   uint64 // the highest acknowledged (made durable)
	since   int    // records since the last checkpoint
	dirty   bool
}

// checkpoint makes what was written durable, unless nothing was or the
// crawl has failed.
func (c *committer) checkpoint(ctx context.Context) {
	if !c.dirty && c.lastSeq == c.acked || c.s.fatalError() != nil {
		return
	}
	if err := c.s.checkpoint(ctx, c.lastSeq); err != nil {
		c.s.fatal(err)
		return
	}
	c.acked, c.since, c.dirty = c.lastSeq, 0, false
}

// adopt writes the records dead processes left (see session.adopt).
func (c *committer) adopt(ctx context.Context) {
	if seq := c.s.adopt(ctx); seq > c.lastSeq {
		c.lastSeq, c.dirty = seq, true
	}
}

// flush commits the batch, and checkpoints after CheckpointRecords
// records, or after any with a shared store.
func (c *committer) flush(ctx context.Context) {
	if len(c.batch) == 0 {
		return
	}
	n, seq := c.s.commit(ctx, c.batch)
	c.lastSeq = max(c.lastSeq, seq)
	c.since += n
	c.dirty = true
	c.batch = c.batch[:0]
	// A shared store's outbox is trimmed as soon as the records are
	// durable: a process that dies repeats only the pages it had in
	// flight (another adopts what its outbox holds).
	if c.since >= c.s.cfg.CheckpointRecords || c.s.shared != nil && c.since > 0 {
		c.checkpoint(ctx)
	}
}

// gather lingers a moment for more completions after the first in batch,
// so that a batch is one store transaction; it returns the batch and
// whether in is still open.
func gather(in <-chan *task, batch []*task, linger *time.Timer) ([]*task, bool) {
	linger.Reset(2 * time.Millisecond)
	defer linger.Stop()
	for len(batch) < 256 {
		select {
		case t, ok := <-in:
			if !ok {
				return batch, false
			}
			batch = append(batch, t)
		case <-linger.C:
			return batch, true
		}
	}
	return batch, true
}

// adopt writes the records that dead processes of a shared store left in
// their outboxes, now in this process's; it returns the highest outbox
// sequence among them (0 for none).
func (s *session) adopt(ctx context.Context) uint64 {
	if s.shared == nil || s.fatalError() != nil {
		return 0
	}
	recs, err := s.shared.Adopt(context.WithoutCancel(ctx), 1000)
	if err != nil {
		s.fatal(err)
		return 0
	}
	var seq uint64
	for _, p := range recs {
		if err := s.writeRecord(ctx, p.Record, nil); err != nil {
			s.fatal(fmt.Errorf("crawl: sink: %w", err))
			return 0
		}
		seq = max(seq, p.Seq)
	}
	if len(recs) > 0 {
		s.stats.update(func(st *Stats) { st.Recovered += int64(len(recs)) })
		s.log.Info("wrote the records a stopped process left", "records", len(recs))
	}
	return seq
}

// commit stores one batch and writes its records; it returns the number of
// records written and the highest outbox sequence among them.
func (s *session) commit(ctx context.Context, batch []*task) (int, uint64) {
	defer func() {
		s.committed.Add(int64(len(batch)))
		s.signal()
	}()
	if s.fatalError() != nil {
		return 0, 0
	}
	comps := make([]store.Completion, len(batch))
	for i, t := range batch {
		comps[i] = t.comp
	}
	res, err := s.store.Complete(context.WithoutCancel(ctx), comps)
	if err != nil {
		s.fatal(err)
		return 0, 0
	}
	written, maxSeq := 0, uint64(0)
	for i, t := range batch {
		rs := res[i]
		s.unhold(t.item.Key)
		if rs.Outcome == store.Refused {
			s.refused(t)
			continue
		}
		var queued int
		var skipped []string
		for j, isNew := range rs.New {
			if !isNew {
				continue
			}
			l := t.comp.Links[j]
			if l.Skip != "" {
				skipped = append(skipped, l.Skip)
				continue
			}
			queued++
		}
		t.page.New = queued
		s.queued.Add(int64(queued))
		s.known.add(t.item.Key)
		s.known.add(t.comp.Aliases...)
		for _, l := range t.comp.Links {
			s.known.add(l.Key)
		}
		if t.article != nil {
			switch rs.Outcome {
			case store.Emitted:
				if err := s.writeRecord(ctx, t.comp.Record, t.article); err != nil {
					s.fatal(fmt.Errorf("crawl: sink: %w", err))
					return written, maxSeq
				}
				written++
				maxSeq = max(maxSeq, rs.Seq)
				t.page.Outcome = OutcomeArticle
			case store.Duplicate:
				t.page.Outcome = OutcomeDuplicate
			case store.Unchanged:
				t.page.Outcome = OutcomeUnchanged
			}
		}
		s.trapYield(t, rs, queued)
		t.page.Elapsed = time.Since(t.start)
		p := t.page
		s.stats.update(func(st *Stats) {
			st.Pages++
			st.Outcomes[p.Outcome]++
			if p.Outcome == OutcomeFailed {
				st.Failed[p.Reason]++
			}
			if p.Outcome == OutcomeTrap {
				st.Traps[p.Reason]++
			}
			if t.decision != "" {
				st.Decisions[t.decision]++
			}
			for _, sk := range skipped {
				if sk == "robots" {
					st.Outcomes[OutcomeRobots]++
				} else {
					st.Outcomes[OutcomeTrap]++
					st.Traps[sk]++
				}
			}
			if p.Outcome == OutcomeArticle {
				st.Articles++
			}
		})
		s.seedDone(t.item.Key, p)
		if s.cfg.OnPage != nil {
			s.cfg.OnPage(p)
		}
	}
	if s.flusher != nil {
		if err := s.flusher.Flush(); err != nil {
			s.fatal(err)
		}
	}
	return written, maxSeq
}

// refused ends a task whose completion the shared store refused: its lease
// expired and another process has the page now.
func (s *session) refused(t *task) {
	s.once.m.CompareAndDelete(t.item.Key, t) // claimed again, it is fetched again
	t.page.Outcome, t.page.Reason = OutcomeLeaseLost, "lease-expired"
	t.page.Elapsed = time.Since(t.start)
	p := t.page
	s.stats.update(func(st *Stats) {
		st.Pages++
		st.Outcomes[p.Outcome]++
	})
	s.log.Warn("page done after its lease expired: another process has it", "url", t.item.URL)
	if s.cfg.OnPage != nil {
		s.cfg.OnPage(p)
	}
}

// trapYield tells the trap rules what a committed page yielded.
func (s *session) trapYield(t *task, rs store.Result, queued int) {
	switch {
	case t.listing:
		if c := s.traps.listing(t.pattern, t.outside); c != "" {
			s.log.Info("trap: URL pattern cut", "pattern", c, "limit", s.cfg.TrapBarren)
		}
	case t.articlePage:
		s.traps.article(t.pattern)
	}
	if t.comp.Fetched {
		yield := rs.Outcome == store.Emitted || rs.Outcome == store.Unchanged || t.page.Outcome == OutcomeNotModified
		if h := hostOf(t.item.URL); s.traps.page(h, yield, queued) {
			s.log.Info("trap: host cut: its frontier grows and it yields nothing", "host", h, "pages", s.traps.hostBarren)
		}
	}
}

// encodeRecord sets the record's Input and Fetched (when the page was
// fetched) and encodes it once, as one JSON line without the newline (HTML
// characters not escaped, as the JSONL sinks write). The hash covers
// everything but Input, Fetched and CrawlID, so an article reached by
// another link or a redirect, fetched again unchanged, or by another crawl,
// hashes the same.
func encodeRecord(art *extract.Article, input string, fetched time.Time) (rec []byte, hash string, err error) {
	crawlID := art.CrawlID
	art.Input, art.Fetched, art.CrawlID = "", "", ""
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(art); err != nil {
		return nil, "", err
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})
	sum := sha256.Sum256(body)
	hash = hex.EncodeToString(sum[:16])
	art.Input, art.CrawlID = input, crawlID
	if !fetched.IsZero() {
		art.Fetched = fetched.UTC().Format(time.RFC3339)
	}
	if input == "" && art.Fetched == "" && crawlID == "" {
		return body, hash, nil
	}
	// Splice "input" and "fetched" in after "schema", where the struct
	// puts them.
	prefix := fmt.Appendf(nil, `{"schema":%d,`, art.Schema)
	if !bytes.HasPrefix(body, prefix) {
		buf.Reset()
		if err := enc.Encode(art); err != nil {
			return nil, "", err
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), hash, nil
	}
	rec = make([]byte, 0, len(body)+len(input)+64)
	rec = append(rec, prefix...)
	for _, f := range [...]struct{ key, val string }{{"input", input}, {"fetched", art.Fetched}} {
		if f.val != "" {
			rec = appendJSONField(rec, f.key, f.val)
			rec = append(rec, ',')
		}
	}
	rec = append(rec, body[len(prefix):]...)
	if crawlID != "" { // the struct's last field: before the closing brace
		rec = append(appendJSONField(append(rec[:len(rec)-1], ','), "crawl_id", crawlID), '}')
	}
	return rec, hash, nil
}

// appendJSONField appends "key":"val" as the JSONL sinks write it.
func appendJSONField(b []byte, key, val string) []byte {
	var v bytes.Buffer
	enc := json.NewEncoder(&v)
	enc.SetEscapeHTML(false)
	enc.Encode(val) // a string always encodes
	b = append(b, `"`+key+`":`...)
	return append(b, bytes.TrimSuffix(v.Bytes(), []byte{'\n'})...)
}
