package crawl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/warc"
)

// Judge tells article pages from the rest as a crawl does, for pages
// fetched elsewhere (read from a WARC file): `newsclip extract` over a
// crawl's archive gives the records the crawl wrote. It is safe for
// concurrent use.
type Judge struct {
	r *session
}

// NewJudge returns a Judge extracting with ex (nil: extract.New with the
// default options).
func NewJudge(ex *extract.Extractor) *Judge {
	if ex == nil {
		ex = extract.New(extract.Options{})
	}
	return &Judge{r: &session{cfg: &Config{Extractor: ex}}}
}

// Page returns the record of an HTML page fetched from pageURL with the
// given response header, or nil when the crawl would write none, with the
// decision's reason ("article/json-ld", "listing/structure", "noindex",
// ...; see Stats.Decisions). err is a parsing or extraction error other
// than extract.ErrNoArticle (extract.ErrTooLarge, ...); a page with no HTML
// in it is a listing by its structure, as in a crawl.
func (j *Judge) Page(raw []byte, pageURL string, header http.Header) (*extract.Article, string, error) {
	ct := header.Get("Content-Type")
	base, err := url.Parse(pageURL)
	if err != nil {
		base = &url.URL{}
	}
	scan, art, decision, err := j.r.readPage(raw, extract.Source{URL: pageURL, ContentType: ct}, base, header)
	if err != nil {
		return nil, decision, err
	}
	if art != nil && scan.noindex {
		return nil, "noindex", nil
	}
	return art, decision, nil
}

// Archiver receives every HTTP exchange of a crawl: robots.txt, sitemaps,
// feeds, pages, redirects and error answers, each once it was read (or
// given up); a [*warc.Writer] is one. It is called from the crawl's
// workers, several at once, before the page is committed: an exchange
// whose page the state says is done is archived. An error fails the
// page (reason "archive"); it is logged.
type Archiver interface {
	Write(ex *warc.Exchange) error
}

// archiveTransport records the exchanges passing through it. It sits
// under the politeness layer, on the network side: it asks for gzip itself
// so that bodies are archived as received (the politeness layer
// decompresses them).
type archiveTransport struct {
	next    http.RoundTripper
	archive Archiver
	maxBody int64
}

func (t *archiveTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var ip string
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if a, ok := info.Conn.RemoteAddr().(*net.TCPAddr); ok {
			ip = a.IP.String()
		}
	}}
	req = req.Clone(httptrace.WithClientTrace(req.Context(), trace))
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	ex := &warc.Exchange{
		Request: req,
		Response: &http.Response{Proto: resp.Proto, ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor,
			Status: resp.Status, StatusCode: resp.StatusCode, Header: resp.Header.Clone()},
		Date: start,
	}
	resp.Body = &archiveBody{ReadCloser: resp.Body, t: t, ex: ex, ip: &ip, limit: t.maxBody + 1, length: resp.ContentLength}
	return resp, nil
}

// errorPageBytes is the most read of an error page's body that the crawl
// did not read, to archive it.
const errorPageBytes = 64 << 10

// archiveBody keeps a copy of the body as it is read, and archives the
// exchange at its end, or when it is closed before its end.
type archiveBody struct {
	io.ReadCloser
	t     *archiveTransport
	ex    *warc.Exchange
	ip    *string
	buf   bytes.Buffer
	limit int64
	// length is the Content-Length, -1 if unknown: a body closed after
	// length bytes is whole.
	length int64
	cut    bool // the copy stopped at limit
	done   bool
	err    error
}

func (b *archiveBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if room := b.limit - int64(b.buf.Len()); room > 0 {
		b.buf.Write(p[:min(int64(n), room)])
		b.cut = b.cut || int64(n) > room
	} else if n > 0 {
		b.cut = true
	}
	switch {
	case err == io.EOF:
		if aerr := b.write(""); aerr != nil {
			return n, aerr
		}
	case err != nil:
		b.err = err
	}
	return n, err
}

func (b *archiveBody) Close() error {
	if code := b.ex.Response.StatusCode; !b.done && b.err == nil && (code < 200 || code > 299) {
		// An error or redirect page the crawl did not read: archived
		// whole when it is small, as it usually is.
		io.Copy(io.Discard, io.LimitReader(b, errorPageBytes))
	}
	err := b.ReadCloser.Close()
	reason := "unspecified" // given up before its end: an aborted or failed read
	switch code := b.ex.Response.StatusCode; {
	case b.err == nil && (int64(b.buf.Len()) == b.length || code == http.StatusNotModified || code == http.StatusNoContent):
		reason = ""
	case b.err != nil:
		reason = "disconnect"
		if errors.Is(b.err, context.DeadlineExceeded) || errors.Is(b.err, os.ErrDeadlineExceeded) {
			reason = "time"
		}
	}
	if aerr := b.write(reason); err == nil {
		err = aerr
	}
	return err
}

// write archives the exchange once.
func (b *archiveBody) write(truncated string) error {
	if b.done {
		return nil
	}
	b.done = true
	if b.cut {
		truncated = "length"
	}
	b.ex.Body, b.ex.Truncated, b.ex.IP = b.buf.Bytes(), truncated, *b.ip
	if err := b.t.archive.Write(b.ex); err != nil {
		return &archiveError{err}
	}
	return nil
}

// archiveError is an exchange the Archiver failed to take.
type archiveError struct{ err error }

func (e *archiveError) Error() string { return "archiving: " + e.err.Error() }
func (e *archiveError) Unwrap() error { return e.err }
