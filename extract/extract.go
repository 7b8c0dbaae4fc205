package extract

import (
	"io"
)

// DefaultMaxBytes is the input size limit when Options.MaxBytes is zero.
const DefaultMaxBytes = 20 << 20

// Options configure an [Extractor]. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest input accepted, in bytes; 0 means
	// DefaultMaxBytes, a negative value means no limit.
	MaxBytes int64
}

// Source describes where a page came from. Both fields are optional.
type Source struct {
	// URL is the page's address: relative links are resolved against it and
	// it fills Article.URL.
	URL string
	// ContentType is the HTTP Content-Type header, whose charset parameter
	// takes precedence over the page's own declaration.
	ContentType string
}

// Extractor extracts articles. It is immutable and safe for concurrent use.
type Extractor struct {
	maxBytes int64
}

// New returns an Extractor with the given options.
func New(opts Options) *Extractor {
	limit := opts.MaxBytes
	if limit == 0 {
		limit = DefaultMaxBytes
	}
	return &Extractor{maxBytes: limit}
}

// Extract reads one HTML page from r and returns its record. On failure the
// error is one of [ErrTooLarge], [ErrNotHTML], [ErrNoArticle] or a read
// error, always prefixed "extract:"; with ErrNoArticle the returned Article
// still carries the page's metadata and blocks.
func (e *Extractor) Extract(r io.Reader, src Source) (*Article, error) {
	raw, err := e.read(r)
	if err != nil {
		return nil, err
	}
	return e.ExtractBytes(raw, src)
}

// ExtractBytes is [Extractor.Extract] on a page already in memory; raw is
// not modified or retained.
func (e *Extractor) ExtractBytes(raw []byte, src Source) (*Article, error) {
	d, err := e.Parse(raw, src)
	if err != nil {
		return nil, err
	}
	return extractDoc(d.root, d.src, d.pageURL, d.rawURL, nil)
}
