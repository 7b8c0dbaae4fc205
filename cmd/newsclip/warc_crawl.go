package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/warc"
)

// warcCrawlOptions are the flags of `newsclip crawl` for WARC output.
type warcCrawlOptions struct {
	dir     string
	maxSize byteSize
}

func (o *warcCrawlOptions) register(fs *flag.FlagSet) {
	o.maxSize = warc.DefaultMaxSize
	fs.StringVar(&o.dir, "warc", "", "also write every fetch as WARC files (with CDXJ indexes) into `DIR`")
	fs.Var(&o.maxSize, "warc-max-size", "start a new WARC file past this `SIZE` (default 1GiB)")
}

// open opens the WARC writer when --warc is given and sets it as the
// crawl's archive; the writer is to be closed when the crawl ends.
func (o *warcCrawlOptions) open(cfg *crawl.Config, seeds []string, logger *slog.Logger, stderr io.Writer) (io.Closer, bool) {
	if o.dir == "" {
		return nil, true
	}
	robots := "obey"
	if cfg.IgnoreRobots {
		robots = "ignore"
	}
	info := []warc.Field{
		{Name: "operator", Value: "newsclip crawl"},
		{Name: "http-header-user-agent", Value: cfg.UserAgent},
		{Name: "robots", Value: robots},
		{Name: "seeds", Value: strings.Join(seeds, " ")},
		{Name: "incremental", Value: fmt.Sprint(cfg.Incremental)},
		{Name: "max-depth", Value: fmt.Sprint(cfg.MaxDepth)},
	}
	w, err := warc.OpenWriter(o.dir, warc.WriterOptions{
		MaxSize: int64(o.maxSize), Software: crawl.DefaultUserAgent, Info: info, Logger: logger,
	})
	if err != nil {
		fmt.Fprintf(stderr, "newsclip crawl: %v\n", err)
		return nil, false
	}
	cfg.Archive = w
	return w, true
}
