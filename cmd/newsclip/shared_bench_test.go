package main

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/newsclip/newsclip/internal/demoportal"
	"github.com/newsclip/newsclip/internal/redistest"
)

var benchArticles = flag.Int("shared.bench-articles", 600, "articles in the portal of BenchmarkSharedScale")

// redisCPU is the redis-server's CPU time so far (INFO cpu).
func redisCPU(b testing.TB, c *goredis.Client) time.Duration {
	info, err := c.Info(context.Background(), "cpu").Result()
	if err != nil {
		b.Fatal(err)
	}
	var sec float64
	for line := range strings.SplitSeq(info, "\r\n") {
		for _, k := range []string{"used_cpu_user:", "used_cpu_sys:"} {
			if v, ok := strings.CutPrefix(line, k); ok {
				f, _ := strconv.ParseFloat(v, 64)
				sec += f
			}
		}
	}
	return time.Duration(sec * float64(time.Second))
}

// redisScriptTime is the time Redis spent running the crawl's scripts so
// far (INFO commandstats, usec of EVALSHA and EVAL; the commands a script
// calls are counted in it, and again on their own lines, which are left
// out). Nearly every request of a crawl is a script.
func redisScriptTime(b testing.TB, c *goredis.Client) time.Duration {
	info, err := c.Info(context.Background(), "commandstats").Result()
	if err != nil {
		b.Fatal(err)
	}
	var usec int64
	for line := range strings.SplitSeq(info, "\r\n") {
		if !strings.HasPrefix(line, "cmdstat_evalsha:") && !strings.HasPrefix(line, "cmdstat_eval:") {
			continue
		}
		for f := range strings.SplitSeq(line, ",") {
			if v, ok := strings.CutPrefix(f, "usec="); ok {
				n, _ := strconv.ParseInt(v, 10, 64)
				usec += n
			}
		}
	}
	return time.Duration(usec) * time.Microsecond
}

var roundTrips = regexp.MustCompile(`msg=redis .*round_trips=(\d+)`)

// BenchmarkSharedScale crawls the demo portal answering every request
// after 100 ms (a remote site) with 1, 2 and 4 newsclip processes of one
// Redis crawl, each with --workers 4, --parallel high enough not to bind
// and --delay 0. It reports the wall time, the speed-up over one process,
// the Redis round trips per page (counted by each process's client) and
// the Redis server's CPU per page: all of its CPU time (idle housekeeping
// included, which dominates at these rates) and the time it spent running
// the crawl's scripts. -short: 40 articles, 10 ms.
func BenchmarkSharedScale(b *testing.B) {
	articles, latency := *benchArticles, 100*time.Millisecond
	if testing.Short() {
		articles, latency = 40, 10*time.Millisecond
	}
	srv := redistest.Start(b, redistest.Options{})
	rc := goredis.NewClient(&goredis.Options{Addr: srv.Addr})
	defer rc.Close()
	var one time.Duration
	for _, procs := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			n := 0
			for b.Loop() {
				n++
				p := demoportal.New(demoportal.Options{Clean: true, Articles: articles, Latency: latency})
				site := httptest.NewServer(p)
				cpu0, cmd0 := redisCPU(b, rc), redisScriptTime(b, rc)
				start := time.Now()
				ws := startWorkers(b, procs, b.TempDir(), srv.URL(0), fmt.Sprintf("scale%d-%d", procs, n), site.URL+"/",
					"--delay", "0", "--parallel", "64", "--workers", "4", "--timeout", "10s")
				wait(b, ws, 10*time.Minute)
				wall := time.Since(start)
				cpu, cmd := redisCPU(b, rc)-cpu0, redisScriptTime(b, rc)-cmd0
				site.Close()
				pages := len(p.Requests())
				var trips int64
				for _, w := range ws {
					if m := roundTrips.FindStringSubmatch(w.stderr.String()); m != nil {
						v, _ := strconv.ParseInt(m[1], 10, 64)
						trips += v
					}
				}
				if procs == 1 {
					one = wall
				}
				b.ReportMetric(wall.Seconds(), "wall-s")
				b.ReportMetric(float64(pages)/wall.Seconds(), "pages/s")
				if one > 0 {
					b.ReportMetric(one.Seconds()/wall.Seconds(), "speedup")
				}
				b.ReportMetric(float64(trips)/float64(pages), "round-trips/page")
				b.ReportMetric(float64(cpu.Microseconds())/float64(pages), "redis-cpu-µs/page")
				b.ReportMetric(float64(cmd.Microseconds())/float64(pages), "redis-script-µs/page")
			}
		})
	}
}
