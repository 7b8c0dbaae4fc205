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
	var stack []string
	var cur xmlLink
	var text strings.Builder
	in := func(names ...string) bool { // the stack ends with names
		if len(stack) < len(names) {
			return false
		}
		for i, n := range names {
			if stack[len(stack)-len(names)+i] != n {
				return false
			}
		}
		return true
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if kind == "" {
				return "", nil, fmt.Errorf("%w: %w", errNotFeed, err)
			}
			break // keep what was read of a truncated document
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if len(stack) == 0 {
				switch name {
				case "urlset":
					kind = xmlSitemap
				case "sitemapindex":
					kind = xmlSitemapIndex
				case "rss", "RDF", "feed":
					kind = xmlFeed
				default:
					return "", nil, errNotFeed
				}
			}
			stack = append(stack, name)
			text.Reset()
			switch {
			case kind == xmlFeed && name == "link" && in("entry", "link"):
				rel, href := "alternate", ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "rel":
						rel = a.Value
					case "href":
						href = a.Value
					}
				}
				if rel == "alternate" && href != "" {
					cur.URL = strings.TrimSpace(href)
				}
			case name == "url" || name == "sitemap" || name == "item" || name == "entry":
				cur = xmlLink{}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := t.Name.Local
			v := strings.TrimSpace(text.String())
			switch kind {
			case xmlSitemap:
				switch {
				case in("url", "loc"):
					cur.URL = v
				case in("url", "lastmod"):
					cur.LastMod = v
				case in("news", "publication_date") && cur.LastMod == "":
					cur.LastMod = v
				case name == "url" && cur.URL != "":
					links = append(links, cur)
				}
			case xmlSitemapIndex:
				switch {
				case in("sitemap", "loc"):
					cur.URL, cur.Sitemap = v, true
				case in("sitemap", "lastmod"):
					cur.LastMod = v
				case name == "sitemap" && cur.URL != "":
					links = append(links, cur)
				}
			case xmlFeed:
				switch {
				case in("item", "link") && v != "":
					cur.URL = v
				case in("item", "guid") && cur.URL == "" && strings.HasPrefix(v, "http"):
					cur.URL = v
				case in("item", "pubDate"), in("entry", "updated"), in("entry", "published"):
					if cur.LastMod == "" {
						cur.LastMod = v
					}
				case in("channel", "link") && v != "":
					links = append(links, xmlLink{URL: v})
				case (name == "item" || name == "entry") && cur.URL != "":
					links = append(links, cur)
				}
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			text.Reset()
		}
	}
	if kind == "" {
		return "", nil, errNotFeed
	}
	return kind, links, nil
}
