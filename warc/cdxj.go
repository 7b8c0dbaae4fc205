package warc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cdxEntry is one line of a CDXJ index: a response or revisit record.
type cdxEntry struct {
	url            string
	date           time.Time
	status         int
	mime, digest   string
	offset, length int64
}

// line is the entry as pywb reads it: SURT key, 14-digit timestamp, JSON
// (the digest in base 32 without its "sha1:", as pywb and warcio write
// it).
func (e cdxEntry) line(file string) string {
	fields := struct {
		URL      string `json:"url"`
		Mime     string `json:"mime,omitempty"`
		Status   string `json:"status,omitempty"`
		Digest   string `json:"digest,omitempty"`
		Length   string `json:"length"`
		Offset   string `json:"offset"`
		Filename string `json:"filename"`
	}{e.url, e.mime, "", strings.TrimPrefix(e.digest, "sha1:"), strconv.FormatInt(e.length, 10), strconv.FormatInt(e.offset, 10), file}
	if e.status > 0 {
		fields.Status = strconv.Itoa(e.status)
	}
	var b strings.Builder
	b.WriteString(SURT(e.url) + " " + e.date.UTC().Format("20060102150405") + " ")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(fields)
	return strings.TrimSuffix(b.String(), "\n")
}

// writeIndex writes the CDXJ index of the WARC file at path, sorted, to
// path + ".cdxj".
func writeIndex(path string, entries []cdxEntry) error {
	base := filepath.Base(path)
	lines := make([]string, len(entries))
	for i, e := range entries {
		lines[i] = e.line(base)
	}
	slices.Sort(lines)
	tmp := path + ".cdxj.tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("warc: index: %w", err)
	}
	bw := bufio.NewWriter(f)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	err = bw.Flush()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path+".cdxj")
	}
	if err != nil {
		return fmt.Errorf("warc: index: %w", err)
	}
	return nil
}

// SURT returns the Sort-friendly URI Reordering Transform of a URL, the
// key of CDX indexes: scheme and "www." dropped, host labels reversed and
// joined by commas, ")" and the path, query parameters sorted, all in lower
// case ("http://www.Example.com/A?b=1&a=2" gives "com,example)/a?a=2&b=1").
func SURT(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	labels := strings.Split(strings.Trim(host, "."), ".")
	slices.Reverse(labels)
	key := strings.Join(labels, ",")
	if p := u.Port(); p != "" && !(p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https") {
		key += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	key += ")" + path
	if u.RawQuery != "" {
		q := strings.Split(u.RawQuery, "&")
		slices.Sort(q)
		key += "?" + strings.Join(q, "&")
	}
	return strings.ToLower(key)
}

// mimeOf is the media type of a Content-Type value.
func mimeOf(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}
