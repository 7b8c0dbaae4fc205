package main

import (
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/warc"
)

// warcCrawlOptions are the flags of `newsclip crawl` for WARC output.
type warcCrawlOptions struct {
	dir     string
	maxSize byteSize
	w       *warc.Writer
}

func (o *warcCrawlOptions) register(fs *flag.FlagSet) {
	o.maxSize = warc.DefaultMaxSize
	fs.StringVar(&o.dir, "warc", "", "also write every fetch as WARC files (with CDXJ indexes) into `DIR`")
	fs.Var(&o.maxSize, "warc-max-size", "start a new WARC file past this `SIZE` (default 1GiB)")
}

// open opens the WARC writer when --warc is given, as the crawl's
// archive (nil without --warc); close closes it when the crawl ends.
func (o *warcCrawlOptions) open(cfg crawl.Config, seeds []string, logger *slog.Logger) (crawl.Archiver, error) {
	if o.dir == "" {
		return nil, nil
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
		return nil, err
	}
	o.w = w
	return w, nil
}

// close closes the WARC writer, if any; its error becomes *err's when
// that is nil (the file may lack its last records).
func (o *warcCrawlOptions) close(err *error) {
	if o.w == nil {
		return
	}
	if cerr := o.w.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}
