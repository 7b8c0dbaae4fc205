package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/newsclip/newsclip/crawl/store/redis"
)

// sharedOptions are the flags of a crawl shared through Redis.
type sharedOptions struct {
	redis   string
	crawlID string
	worker  string
	lease   time.Duration
}

func (o *sharedOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.redis, "redis", "", "share the crawl through the Redis server at `URL` "+
		"(redis://[user:password@]host:port/db, rediss:// for TLS) with every process given the same --crawl-id")
	fs.StringVar(&o.crawlID, "crawl-id", "", "with --redis: the `NAME` of the crawl to join or start")
	fs.StringVar(&o.worker, "worker", "", "with --redis: this process's `NAME` in the crawl "+
		"(default: host name and -o file, or host name and process id); a worker started again under its name takes back what it held")
	fs.DurationVar(&o.lease, "lease", redis.DefaultLease, "with --redis: how long a claimed page stays this process's without being renewed")
}

// check rejects flags that do not go together; set are the flags given.
func (o *sharedOptions) check(set map[string]bool) error {
	if o.redis == "" {
		for _, name := range []string{"crawl-id", "worker", "lease"} {
			if set[name] {
				return usageErrorf("--%s needs --redis", name)
			}
		}
		return nil
	}
	switch {
	case set["state"]:
		return usageErrorf("--state and --redis do not go together: the crawl's state is in Redis")
	case set["restart"]:
		return usageErrorf("--restart and --redis do not go together: delete the crawl's keys (nc:{NAME}:*) to start over")
	case o.crawlID == "":
		return usageErrorf("--redis needs --crawl-id NAME")
	case o.lease < time.Second:
		return usageErrorf("--lease must be at least 1s")
	}
	return nil
}

// workerName is the worker's name: --worker, or the host name with the
// output file (a worker writing one file is one worker), or with the
// process id when the records go to stdout.
func (o *sharedOptions) workerName(output string) string {
	if o.worker != "" {
		return o.worker
	}
	host, _ := os.Hostname()
	if output != "" && output != "-" {
		if abs, err := filepath.Abs(output); err == nil {
			return host + ":" + abs
		}
	}
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}

// open opens the shared store of the crawl.
func (o *sharedOptions) open(ctx context.Context, output string, logger *slog.Logger) (*redis.Store, error) {
	return redis.Open(ctx, o.redis, redis.Options{CrawlID: o.crawlID, Worker: o.workerName(output),
		Lease: o.lease, Logger: logger})
}

const statusUsage = `usage: newsclip status --redis URL --crawl-id NAME

Prints the state of a crawl shared through Redis: the frontier per host
(queued, in flight, when next due), the pages leased to workers, done and
failed, and each worker's last heartbeat and records not yet written.

flags:
`

// runStatus is "newsclip status".
func runStatus(ctx context.Context, args []string, s stdio) error {
	var o sharedOptions
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	o.register(fs)
	rest, err := parseFlags(fs, statusUsage, args, s.out)
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usageErrorf("unexpected argument %q", rest[0])
	case o.redis == "" || o.crawlID == "":
		return usageErrorf("--redis URL and --crawl-id NAME are needed")
	}
	st, err := redis.Open(ctx, o.redis, redis.Options{CrawlID: o.crawlID, Worker: "status"})
	if err != nil {
		return err
	}
	defer st.Close()
	status, err := st.ReadStatus(ctx)
	if err != nil {
		return err
	}
	printStatus(s.out, o.crawlID, status)
	return nil
}

func printStatus(w io.Writer, id string, st redis.Status) {
	fmt.Fprintf(w, "crawl %s: generation %d, %d queued, %d leased, %d done, %d failed\n",
		id, st.Generation, st.Queued, st.Leased, st.Done, st.Failed)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HOST\tQUEUED\tIN FLIGHT\tDUE")
	for _, h := range st.Hosts {
		due := "-"
		if !h.Due.IsZero() {
			due = max(h.Due.Sub(st.Now), 0).Round(time.Millisecond).String()
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", h.Host, h.Queued, h.InFlight, due)
	}
	tw.Flush()
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WORKER\tLAST HEARTBEAT\tRECORDS NOT YET WRITTEN")
	for _, wk := range st.Workers {
		fmt.Fprintf(tw, "%s\t%s ago\t%d\n", wk.Name, st.Now.Sub(wk.Heartbeat).Round(time.Millisecond), wk.Outbox)
	}
	tw.Flush()
}
