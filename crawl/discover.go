package crawl

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// XML documents the crawler reads for links.
const (
	xmlSitemap      = "sitemap"       // <urlset>
	xmlSitemapIndex = "sitemap-index" // <sitemapindex>
	xmlFeed         = "feed"          // RSS, RDF or Atom
)

// xmlLink is one URL found in a sitemap or a feed.
type xmlLink struct {
	URL string
	// Sitemap is true for the children of a sitemap index.
	Sitemap bool
	// LastMod is the sitemap's <lastmod>, or the news sitemap's
	// <news:publication_date>, or the feed entry's date, as written. The
	// crawler queues the freshest first (see freshFirst).
	LastMod string
}

// lastModLayouts are the date forms of sitemaps (W3C Datetime) and feeds
// (RFC 822 and its variants, RFC 3339).
var lastModLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02", "2006-01", "2006",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC822Z, time.RFC822, "2 Jan 2006 15:04:05 -0700",
}

// parseLastMod reads a LastMod; ok is false when no form fits.
func parseLastMod(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	for _, l := range lastModLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// freshFirst orders links the newest first by LastMod, so that a crawl
// cut short (MaxPages, Ctrl-C) has the latest news; links without a
// readable date follow, in their order.
func freshFirst(links []xmlLink) {
	type dated struct {
		l  xmlLink
		t  time.Time
		ok bool
	}
	ds := make([]dated, len(links))
	someDated := false
	for i, l := range links {
		ds[i].l = l
		ds[i].t, ds[i].ok = parseLastMod(l.LastMod)
		someDated = someDated || ds[i].ok
	}
	if !someDated {
		return
	}
	slices.SortStableFunc(ds, func(a, b dated) int {
		switch {
		case a.ok != b.ok:
			if a.ok {
				return -1
			}
			return 1
		case !a.ok:
			return 0
		}
		return b.t.Compare(a.t)
	})
	for i := range ds {
		links[i] = ds[i].l
	}
}

var errNotFeed = errors.New("not a sitemap or feed")

// isGzip reports whether b starts with the gzip magic number.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// gunzip decompresses b up to limit bytes.
func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, errTooLarge
	}
	return out, nil
}

// sniffXML tells whether b looks like a sitemap or a feed.
func sniffXML(b []byte) bool {
	head := b[:min(len(b), 1024)]
	head = bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) && !bytes.HasPrefix(head, []byte("<")) {
		return false
	}
	for _, root := range []string{"<urlset", "<sitemapindex", "<rss", "<feed", "<rdf:RDF"} {
		if bytes.Contains(head, []byte(root)) {
			return true
		}
	}
	return bytes.HasPrefix(head, []byte("<?xml")) && !bytes.Contains(bytes.ToLower(head), []byte("<html"))
}

// parseXMLLinks reads a sitemap, a sitemap index or an RSS, RDF or Atom
// feed. converted says the body is already UTF-8 whatever its declaration.
func parseXMLLinks(body []byte, converted bool) (kind string, links []xmlLink, err error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if converted {
			return in, nil
		}
		return charset.NewReaderLabel(label, in)
	}
	r := &xmlReader{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if r.kind == "" {
				return "", nil, fmt.Errorf("%w: %w", errNotFeed, err)
			}
			break // keep what was read of a truncated document
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !r.start(t) {
				return "", nil, errNotFeed
			}
		case xml.CharData:
			r.text.Write(t)
		case xml.EndElement:
			r.end(t.Name.Local)
		}
	}
	if r.kind == "" {
		return "", nil, errNotFeed
	}
	return r.kind, r.links, nil
}

// xmlRoots are the root elements of the documents read, by kind.
var xmlRoots = map[string]string{
	"urlset": xmlSitemap, "sitemapindex": xmlSitemapIndex,
	"rss": xmlFeed, "RDF": xmlFeed, "feed": xmlFeed,
}

// xmlReader is one pass over a sitemap, a sitemap index or a feed: the
// elements open, the link being read and the links read.
type xmlReader struct {
	kind  string
	stack []string // local names of the open elements
	cur   xmlLink
	text  strings.Builder
	links []xmlLink
}

// in reports whether the open elements end with names.
func (r *xmlReader) in(names ...string) bool {
	if len(r.stack) < len(names) {
		return false
	}
	for i, n := range names {
		if r.stack[len(r.stack)-len(names)+i] != n {
			return false
		}
	}
	return true
}

// start opens an element; it is false for a root that is no sitemap or
// feed.
func (r *xmlReader) start(t xml.StartElement) bool {
	name := t.Name.Local
	if len(r.stack) == 0 {
		kind, ok := xmlRoots[name]
		if !ok {
			return false
		}
		r.kind = kind
	}
	r.stack = append(r.stack, name)
	r.text.Reset()
	switch {
	case r.kind == xmlFeed && name == "link" && r.in("entry", "link"):
		r.atomLink(t.Attr)
	case name == "url" || name == "sitemap" || name == "item" || name == "entry":
		r.cur = xmlLink{}
	}
	return true
}

// end closes an element, with the reader of the document's kind.
func (r *xmlReader) end(name string) {
	v := strings.TrimSpace(r.text.String())
	switch r.kind {
	case xmlSitemap:
		r.sitemapEnd(name, v)
	case xmlSitemapIndex:
		r.sitemapIndexEnd(name, v)
	case xmlFeed:
		r.feedEnd(name, v)
	}
	if len(r.stack) > 0 {
		r.stack = r.stack[:len(r.stack)-1]
	}
	r.text.Reset()
}

// sitemapEnd reads a sitemap's <url>: its <loc>, and its <lastmod> or
// news sitemap <news:publication_date>.
func (r *xmlReader) sitemapEnd(name, v string) {
	switch {
	case r.in("url", "loc"):
		r.cur.URL = v
	case r.in("url", "lastmod"):
		r.cur.LastMod = v
	case r.in("news", "publication_date") && r.cur.LastMod == "":
		r.cur.LastMod = v
	case name == "url" && r.cur.URL != "":
		r.links = append(r.links, r.cur)
	}
}

// sitemapIndexEnd reads a sitemap index's <sitemap>: its <loc> and
// <lastmod>.
func (r *xmlReader) sitemapIndexEnd(name, v string) {
	switch {
	case r.in("sitemap", "loc"):
		r.cur.URL, r.cur.Sitemap = v, true
	case r.in("sitemap", "lastmod"):
		r.cur.LastMod = v
	case name == "sitemap" && r.cur.URL != "":
		r.links = append(r.links, r.cur)
	}
}

// atomLink reads an Atom entry's <link>: rel=alternate (the default)
// names the entry's page.
func (r *xmlReader) atomLink(attrs []xml.Attr) {
	rel, href := "alternate", ""
	for _, a := range attrs {
		switch a.Name.Local {
		case "rel":
			rel = a.Value
		case "href":
			href = a.Value
		}
	}
	if rel == "alternate" && href != "" {
		r.cur.URL = strings.TrimSpace(href)
	}
}

// feedEnd reads an RSS or RDF <item> (its <link>, else a <guid> that is
// a URL, and <pubDate>), an Atom <entry> (its date; its link is read by
// atomLink) and the channel's own <link>.
func (r *xmlReader) feedEnd(name, v string) {
	switch {
	case r.in("item", "link") && v != "":
		r.cur.URL = v
	case r.in("item", "guid") && r.cur.URL == "" && strings.HasPrefix(v, "http"):
		r.cur.URL = v
	case r.in("item", "pubDate"), r.in("entry", "updated"), r.in("entry", "published"):
		if r.cur.LastMod == "" {
			r.cur.LastMod = v
		}
	case r.in("channel", "link") && v != "":
		r.links = append(r.links, xmlLink{URL: v})
	case (name == "item" || name == "entry") && r.cur.URL != "":
		r.links = append(r.links, r.cur)
	}
}
