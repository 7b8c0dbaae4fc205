package redis

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/crawl/store"
)

// requeueBuckets is how many buckets one requeue script goes through.
var requeueBuckets = 8

// packURL is what an entry keeps of an item's URL beside its key: "" when
// they are the same, "/" when the URL is the key and a slash.
func packURL(key, url string) string {
	switch url {
	case key:
		return ""
	case key + "/":
		return "/"
	}
	return url
}

func unpackURL(key, x string) string {
	switch x {
	case "":
		return key
	case "/":
		return key + "/"
	}
	return x
}

func itemArgs(args []any, it store.Item) []any {
	return append(args, hashKey(it.Key), HostOf(it.URL), it.Depth, it.Kind, it.Key, packURL(it.Key, it.URL), it.Skip)
}

// Begin implements [store.Store]: the worker's own leases go back to the
// front of their queues, expired ones too; an incremental Begin of a
// finished crawl requeues the pages fetched before, a batch of buckets per
// script.
func (s *Store) Begin(ctx context.Context, incremental bool) (store.Resume, error) {
	inc := 0
	if incremental {
		inc = 1
	}
	res, err := s.run(ctx, beginScript, s.reqID(), inc)
	if err != nil {
		return store.Resume{}, err
	}
	v := ints(res)
	if len(v) != 5 {
		return store.Resume{}, fmt.Errorf("redis: begin: bad reply %v", res)
	}
	r := store.Resume{Generation: uint64(v[0]), Resumed: v[1] == 1, Queued: int(v[3]), SinkPos: v[4]}
	if v[2] == 1 {
		for {
			more, err := s.run(ctx, requeueScript, requeueBuckets)
			if err != nil {
				return r, err
			}
			if n, _ := more.(int64); n == 0 {
				break
			}
		}
		q, err := s.c.HGet(ctx, s.key("m"), "nq").Int()
		if err != nil && err != goredis.Nil {
			return r, fmt.Errorf("redis: %w", err)
		}
		r.Queued = q
	}
	return r, nil
}

func ints(v any) []int64 {
	a, _ := v.([]any)
	out := make([]int64, len(a))
	for i, x := range a {
		out[i], _ = x.(int64)
	}
	return out
}

// Add implements [store.Store].
func (s *Store) Add(ctx context.Context, items []store.Item) ([]bool, error) {
	if len(items) == 0 {
		return nil, nil
	}
	args := []any{s.reqID()}
	for _, it := range items {
		args = itemArgs(args, it)
	}
	res, err := s.run(ctx, addScript, args...)
	if err != nil {
		return nil, err
	}
	return bools(res, len(items))
}

func bools(res any, n int) ([]bool, error) {
	v := ints(res)
	if len(v) != n {
		return nil, fmt.Errorf("redis: %d answers for %d items", len(v), n)
	}
	out := make([]bool, n)
	for i, x := range v {
		out[i] = x == 1
	}
	return out, nil
}

// Claim implements [store.Store]: up to n items of hosts that may take a
// request now, each one counted as a request started (see [store.Shared]).
func (s *Store) Claim(ctx context.Context, n int) ([]store.Item, error) {
	if n <= 0 {
		return nil, nil
	}
	res, err := s.run(ctx, claimScript, s.reqID(), s.opts.Lease.Milliseconds(), n)
	if err != nil {
		return nil, err
	}
	rows, _ := res.([]any)
	out := make([]store.Item, 0, len(rows))
	for _, row := range rows {
		f, _ := row.([]any)
		if len(f) != 8 {
			return nil, fmt.Errorf("redis: claim: bad reply %v", row)
		}
		str := func(i int) string { v, _ := f[i].(string); return v }
		depth, _ := f[3].(int64)
		key := str(2)
		out = append(out, store.Item{Key: key, URL: unpackURL(key, str(7)), Depth: int(depth), Kind: str(4),
			ETag: str(5), LastModified: unpackLM(str(6)), Host: str(1)})
	}
	return out, nil
}

// Release implements [store.Store]: items whose lease this worker holds go
// to the back of their host's queue.
func (s *Store) Release(ctx context.Context, items []store.Item) error {
	if len(items) == 0 {
		return nil
	}
	args := []any{s.reqID()}
	for _, it := range items {
		args = append(args, hashKey(it.Key))
	}
	_, err := s.run(ctx, releaseScript, args...)
	return err
}

// Complete implements [store.Store]; a completion of an item whose lease
// this worker lost is Refused.
func (s *Store) Complete(ctx context.Context, done []store.Completion) ([]store.Result, error) {
	if len(done) == 0 {
		return nil, nil
	}
	args := []any{s.reqID()}
	b01 := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	for _, c := range done {
		it := c.Item
		args = append(args, hashKey(it.Key), HostOf(it.URL), b01(c.Fetched), b01(c.Failed), c.ETag, packLM(c.LastModified),
			it.Key, packURL(it.Key, it.URL), it.Depth, it.Kind, len(c.Aliases))
		for _, a := range c.Aliases {
			args = append(args, hashKey(a))
		}
		args = append(args, len(c.Links))
		for _, l := range c.Links {
			args = itemArgs(args, l)
		}
		if c.Record == nil {
			args = append(args, 0)
			continue
		}
		args = append(args, 1, hashKey(c.RecordKey), packHash(c.RecordHash), c.Record)
	}
	res, err := s.run(ctx, completeScript, args...)
	if err != nil {
		return nil, err
	}
	rows, _ := res.([]any)
	if len(rows) != len(done) {
		return nil, fmt.Errorf("redis: complete: %d answers for %d completions", len(rows), len(done))
	}
	out := make([]store.Result, len(done))
	for i, row := range rows {
		f, _ := row.([]any)
		if len(f) != 3 {
			return nil, fmt.Errorf("redis: complete: bad reply %v", row)
		}
		o, _ := f[0].(int64)
		seq, _ := f[1].(int64)
		out[i] = store.Result{Outcome: store.Outcome(o), Seq: uint64(seq)}
		if out[i].Outcome != store.Refused {
			if out[i].New, err = bools(f[2], len(done[i].Links)); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Outbox implements [store.Store]: this worker's outbox.
func (s *Store) Outbox(ctx context.Context) ([]store.Pending, error) {
	var vals []string
	err := s.retry(ctx, func() error {
		var err error
		vals, err = s.c.LRange(ctx, s.key("ob:"+s.opts.Worker), 0, -1).Result()
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]store.Pending, 0, len(vals))
	for _, v := range vals {
		p, err := pending(v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func pending(v string) (store.Pending, error) {
	n, rec, ok := strings.Cut(v, " ")
	seq, err := strconv.ParseUint(n, 10, 64)
	if !ok || err != nil {
		return store.Pending{}, fmt.Errorf("redis: bad outbox entry %.40q", v)
	}
	return store.Pending{Seq: seq, Record: []byte(rec)}, nil
}

// Ack implements [store.Store]. Durability is the server's: with
// appendonly yes (appendfsync everysec) a crash of Redis loses at most a
// second.
func (s *Store) Ack(ctx context.Context, seq uint64, sinkPos int64) error {
	_, err := s.run(ctx, ackScript, seq, sinkPos)
	return err
}

// Extend implements [store.Shared].
func (s *Store) Extend(ctx context.Context, items []store.Item) ([]bool, error) {
	args := []any{s.opts.Lease.Milliseconds()}
	for _, it := range items {
		args = append(args, hashKey(it.Key))
	}
	res, err := s.run(ctx, extendScript, args...)
	if err != nil {
		return nil, err
	}
	return bools(res, len(items))
}

// Idle implements [store.Shared].
func (s *Store) Idle(ctx context.Context) (bool, time.Duration, error) {
	res, err := s.run(ctx, idleScript, s.opts.Lease.Milliseconds())
	if err != nil {
		return false, 0, err
	}
	v := ints(res)
	if len(v) != 2 {
		return false, 0, fmt.Errorf("redis: idle: bad reply %v", res)
	}
	return v[0] == 1, time.Duration(v[1]) * time.Millisecond, nil
}

// Adopt moves the outbox records of dead workers (no heartbeat for a
// lease) into this worker's outbox and returns them, at most max: the
// caller writes them to its sink, and acknowledges them as its own.
func (s *Store) Adopt(ctx context.Context, most int) ([]store.Pending, error) {
	res, err := s.run(ctx, adoptScript, s.reqID(), s.opts.Lease.Milliseconds(), most)
	if err != nil {
		return nil, err
	}
	v, _ := res.([]any)
	out := make([]store.Pending, 0, len(v)/2)
	for i := 0; i+1 < len(v); i += 2 {
		seq, _ := v[i].(int64)
		rec, _ := v[i+1].(string)
		out = append(out, store.Pending{Seq: uint64(seq), Record: []byte(rec)})
	}
	return out, nil
}

// Pace implements [store.Shared].
func (s *Store) Pace(ctx context.Context, host string, slot bool) (time.Duration, error) {
	sl := 0
	if slot {
		sl = 1
	}
	res, err := s.run(ctx, paceScript, s.reqID(), host, sl)
	if err != nil {
		return 0, err
	}
	ms, _ := res.(int64)
	return time.Duration(ms) * time.Millisecond, nil
}

// Unpace implements [store.Shared].
func (s *Store) Unpace(ctx context.Context, host string) error {
	_, err := s.run(ctx, hostScript, "unpace", host, 0)
	return err
}

// SetDelay implements [store.Shared].
func (s *Store) SetDelay(ctx context.Context, host string, d time.Duration) error {
	_, err := s.run(ctx, hostScript, "delay", host, d.Milliseconds())
	return err
}

// Pause implements [store.Shared].
func (s *Store) Pause(ctx context.Context, host string, d time.Duration) error {
	_, err := s.run(ctx, hostScript, "pause", host, d.Milliseconds())
	return err
}

// Robots implements [store.Shared]: a lock key (SET NX, 30 s) makes one
// worker the fetcher; the others poll for its answer.
func (s *Store) Robots(ctx context.Context, origin string, fetch func() (store.Robots, error)) (store.Robots, error) {
	lock := s.key("rl:" + origin)
	for {
		if r, ok, err := s.storedRobots(ctx, origin); ok || err != nil {
			return r, err
		}
		var got bool
		err := s.retry(ctx, func() error {
			var err error
			got, err = s.c.SetNX(ctx, lock, s.opts.Worker, 30*time.Second).Result()
			return err
		})
		if err != nil {
			return store.Robots{}, err
		}
		if got {
			// The fetcher before may have stored it and let go just now.
			if r, ok, err := s.storedRobots(ctx, origin); ok || err != nil {
				s.c.Del(context.WithoutCancel(ctx), lock)
				return r, err
			}
			r, err := fetch()
			if err == nil {
				err = s.retry(ctx, func() error {
					return s.c.HSet(ctx, s.key("rb"), origin, strconv.Itoa(r.Status)+" "+string(r.Body)).Err()
				})
			}
			s.c.Del(context.WithoutCancel(ctx), lock)
			return r, err
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return store.Robots{}, ctx.Err()
		}
	}
}

// storedRobots returns origin's robots.txt as stored for the crawl; ok is
// false when none is.
func (s *Store) storedRobots(ctx context.Context, origin string) (store.Robots, bool, error) {
	var v string
	err := s.retry(ctx, func() error {
		var err error
		v, err = s.c.HGet(ctx, s.key("rb"), origin).Result()
		return err
	})
	switch {
	case err == goredis.Nil:
		return store.Robots{}, false, nil
	case err != nil:
		return store.Robots{}, false, err
	}
	st, body, _ := strings.Cut(v, " ")
	n, _ := strconv.Atoi(st)
	return store.Robots{Status: n, Body: []byte(body)}, true, nil
}
