package redis

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Status is what a crawl kept in Redis holds now.
type Status struct {
	Generation uint64
	Queued     int64 // items in the frontier
	Leased     int64 // items claimed by a worker
	Done       int64 // completions applied, failures included
	Failed     int64
	Hosts      []HostStatus
	Workers    []WorkerStatus
	Now        time.Time // Redis's clock
}

// HostStatus is one host of the frontier.
type HostStatus struct {
	Host     string
	Queued   int64
	InFlight int64
	Due      time.Time // zero when not due (empty, or at its limit)
}

// WorkerStatus is one worker of the crawl.
type WorkerStatus struct {
	Name      string
	Heartbeat time.Time
	Outbox    int64 // records not yet acknowledged
}

// ReadStatus reads the status of the crawl; it changes nothing.
func (s *Store) ReadStatus(ctx context.Context) (Status, error) {
	var st Status
	now, err := s.c.Time(ctx).Result()
	if err != nil {
		return st, fmt.Errorf("redis: %w", err)
	}
	st.Now = now
	m, err := s.c.HGetAll(ctx, s.key("m")).Result()
	if err != nil {
		return st, fmt.Errorf("redis: %w", err)
	}
	num := func(k string) int64 { n, _ := strconv.ParseInt(m[k], 10, 64); return n }
	st.Generation, st.Queued, st.Done, st.Failed = uint64(num("gen")), num("nq"), num("done"), num("failed")
	if st.Leased, err = s.c.HLen(ctx, s.key("lo")).Result(); err != nil {
		return st, fmt.Errorf("redis: %w", err)
	}
	if st.Hosts, err = s.hostStatus(ctx); err != nil {
		return st, err
	}
	ws, err := s.c.ZRangeWithScores(ctx, s.key("w"), 0, -1).Result()
	if err != nil {
		return st, fmt.Errorf("redis: %w", err)
	}
	for _, w := range ws {
		name, _ := w.Member.(string)
		n, _ := s.c.LLen(ctx, s.key("ob:"+name)).Result()
		st.Workers = append(st.Workers, WorkerStatus{Name: name, Heartbeat: time.UnixMilli(int64(w.Score)), Outbox: n})
	}
	return st, nil
}

func (s *Store) hostStatus(ctx context.Context) ([]HostStatus, error) {
	hosts, err := s.c.SMembers(ctx, s.key("H")).Result()
	if err != nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	slices.Sort(hosts)
	pipe := s.c.Pipeline()
	lens := make([]*goredis.IntCmd, len(hosts))
	ns := make([]*goredis.StringCmd, len(hosts))
	dues := make([]*goredis.FloatCmd, len(hosts))
	for i, h := range hosts {
		lens[i] = pipe.LLen(ctx, s.key("q:"+h))
		ns[i] = pipe.HGet(ctx, s.key("hs:"+h), "n")
		dues[i] = pipe.ZScore(ctx, s.key("due"), h)
	}
	if _, err := pipe.Exec(ctx); err != nil && err != goredis.Nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	out := make([]HostStatus, len(hosts))
	for i, h := range hosts {
		out[i] = HostStatus{Host: h, Queued: lens[i].Val()}
		out[i].InFlight, _ = strconv.ParseInt(ns[i].Val(), 10, 64)
		if d, err := dues[i].Result(); err == nil {
			out[i].Due = time.UnixMilli(int64(d))
		}
	}
	return out, nil
}
