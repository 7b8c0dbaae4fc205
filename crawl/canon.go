package crawl

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/idna"
)

// Canonicalize returns the form of an absolute http or https URL that the
// crawler fetches and compares: scheme and host lower-cased, the host in
// ASCII (punycode), default ports, user info and the fragment dropped, dot
// segments resolved, percent-escapes normalised, tracking and session
// parameters (utm_*, fbclid, gclid, msclkid, jsessionid, phpsessid, sid with
// a token value, ...) removed and the remaining query keys sorted, a
// directory's index file (index.html, index.php, default.aspx, ...) dropped.
// The trailing slash of the path is kept, since servers may tell "/a" and
// "/a/" apart; the visited set ignores it.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("crawl: canonicalize %q: %w", raw, err)
	}
	if err := canonicalizeURL(u); err != nil {
		return "", fmt.Errorf("crawl: canonicalize %q: %w", raw, err)
	}
	return u.String(), nil
}

var errNotHTTP = errors.New("not an absolute http(s) URL")

// canonicalizeURL rewrites u in place; see [Canonicalize].
func canonicalizeURL(u *url.URL) error { return canonicalize(u, true) }

// canonicalize rewrites u in place. With fold false it normalises the
// syntax only (case, ports, dot segments, escapes, parameter order) and
// keeps every parameter and index file: the exact spelling a server asked
// for, to tell a redirect loop.
func canonicalize(u *url.URL, fold bool) error {
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return errNotHTTP
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""

	host, port := u.Hostname(), u.Port()
	host = strings.TrimRight(strings.ToLower(host), ".")
	if host == "" || host[0] == '.' || strings.Contains(host, "..") || strings.ContainsAny(host, " /\\%@") {
		return errNotHTTP
	}
	if !isASCII(host) {
		if a, err := idna.Lookup.ToASCII(host); err == nil {
			host = a
		}
	}
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		u.Host = host + ":" + port
	} else {
		u.Host = host
	}

	// Path: strip ;jsessionid=… style session parameters, resolve dot
	// segments, normalise escapes, drop a directory's index file.
	p := u.EscapedPath()
	if fold {
		p = stripPathSession(p)
	}
	if p == "" {
		p = "/"
	}
	p = normEscapes(p, false)
	trailing := strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")
	cp := path.Clean(p)
	if trailing && cp != "/" {
		cp += "/"
	}
	if fold {
		cp = dropIndexFile(cp)
	}
	if dec, err := url.PathUnescape(cp); err == nil {
		u.Path, u.RawPath = dec, ""
		if u.EscapedPath() != cp {
			u.RawPath = cp
		}
	}

	u.RawQuery = canonicalQuery(u.RawQuery, fold)
	u.ForceQuery = false
	return nil
}

// indexFiles are the names servers give a directory's own page: a path
// ending in one is the directory ("/a/index.html" is "/a/").
var indexFiles = map[string]bool{
	"index.html": true, "index.htm": true, "index.shtml": true, "index.php": true, "index.asp": true,
	"index.aspx": true, "index.jsp": true, "default.aspx": true, "default.asp": true, "default.htm": true,
	"default.html": true,
}

func dropIndexFile(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 || !indexFiles[strings.ToLower(p[i+1:])] {
		return p
	}
	return p[:i+1]
}

// stripPathSession drops session parameters written into the path
// (";jsessionid=…", ";phpsessid=…", ";sid=…"), up to the next segment,
// and ASP.NET's cookieless session segments ("/(S(…))/", "/(X(1)S(…))/").
func stripPathSession(p string) string {
	if !strings.Contains(p, ";") && !strings.Contains(p, "(") && !strings.Contains(p, "%28") {
		return p
	}
	var b strings.Builder
	first := true
	for seg := range strings.SplitSeq(p, "/") {
		if cookielessSegment(seg) {
			continue
		}
		if !first {
			b.WriteByte('/')
		}
		first = false
		base, params, ok := strings.Cut(seg, ";")
		b.WriteString(base)
		if !ok {
			continue
		}
		for kv := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(kv, "=")
			if !isSessionParam(k, v) {
				b.WriteByte(';')
				b.WriteString(kv)
			}
		}
	}
	return b.String()
}

// cookielessSegment tells whether a path segment is an ASP.NET cookieless
// session: one or more letter-named groups in parentheses, "(S(token))",
// "(X(1)S(token)F(ticket))".
func cookielessSegment(seg string) bool {
	seg = strings.NewReplacer("%28", "(", "%29", ")").Replace(seg)
	if len(seg) < 5 || seg[0] != '(' || seg[len(seg)-1] != ')' {
		return false
	}
	rest := seg[1 : len(seg)-1]
	for rest != "" {
		if len(rest) < 3 || rest[0] < 'A' || rest[0] > 'Z' || rest[1] != '(' {
			return false
		}
		end := strings.IndexByte(rest, ')')
		if end < 0 || strings.ContainsAny(rest[2:end], "()") {
			return false
		}
		rest = rest[end+1:]
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// trackingParams are query keys dropped from every URL: campaign tracking
// and session identifiers. Keys are compared lower-cased; utm_* is a
// prefix, and so is aspsessionid (ASP appends letters to it).
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true,
	"mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "wickedid": true,
	"ref_src": true, "ref_url": true, "cmpid": true, "ocid": true, "spm": true,
	"jsessionid": true, "phpsessid": true, "sessionid": true, "session_id": true, "sessid": true,
	"aspsessionid": true, "cfid": true, "cftoken": true, "zenid": true, "oscsid": true, "sess_id": true,
}

// sessionNames are short keys that name a session on many sites and
// something else (a section id, a story id) on some: dropped only when
// the value looks like a session token (see isToken).
var sessionNames = map[string]bool{"sid": true, "s_id": true, "session": true, "sess": true, "ssid": true}

func isTrackingParam(k string) bool {
	k = strings.ToLower(k)
	return trackingParams[k] || strings.HasPrefix(k, "utm_") || strings.HasPrefix(k, "aspsessionid")
}

// isSessionParam tells a session or tracking parameter from its key and
// value (both as written).
func isSessionParam(k, v string) bool {
	if dk, err := url.QueryUnescape(k); err == nil {
		k = dk
	}
	return isTrackingParam(k) || sessionNames[strings.ToLower(k)] && isToken(v)
}

// isToken tells a session token: 16 to 256 letters and digits (with - or
// _), with both letters and digits. Ids ("17", snowflake numbers), slugs
// ("world-news") and words are no tokens.
func isToken(v string) bool {
	if len(v) < 16 || len(v) > 256 {
		return false
	}
	var digits, letters int
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			digits++
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letters++
		case c == '-' || c == '_':
		default:
			return false
		}
	}
	return digits > 0 && letters > 0
}

// canonicalQuery drops tracking and session parameters (when fold is set)
// and sorts the rest by key, keeping each pair's escaping normalised. The
// values of a repeated key keep their order: servers read "a=1&a=2" and
// "a=2&a=1" differently.
func canonicalQuery(q string, fold bool) string {
	if q == "" || queryCanonical(q, fold) {
		return q
	}
	type pair struct{ k, raw string }
	var pairs []pair
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		if fold && isSessionParam(k, v) {
			continue
		}
		raw := normEscapes(k, true)
		if strings.Contains(part, "=") {
			raw += "=" + normEscapes(v, true)
		}
		pairs = append(pairs, pair{dk, raw})
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].k < pairs[j].k })
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.raw)
	}
	return b.String()
}

// queryCanonical is the fast path of canonicalQuery: a query whose keys
// are sorted, none a tracking parameter, with nothing to escape or
// normalise, is left as it is.
func queryCanonical(q string, fold bool) bool {
	prev := ""
	for part := range strings.SplitSeq(q, "&") {
		k, v, _ := strings.Cut(part, "=")
		if k == "" || k < prev || fold && isSessionParam(k, v) {
			return false
		}
		for i := 0; i < len(part); i++ {
			if c := part[i]; c == '%' || c == '+' || !queryByte(c) {
				return false
			}
		}
		prev = k
	}
	return true
}

// normEscapes upper-cases percent-escapes and decodes those of unreserved
// characters (RFC 3986 §6.2.2.2); in a query it also escapes the bytes a
// query may not hold (spaces, controls, non-ASCII).
func normEscapes(s string, query bool) string {
	clean := !strings.Contains(s, "%")
	if query {
		for i := 0; i < len(s) && clean; i++ {
			clean = queryByte(s[i])
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if query && c != '%' && !queryByte(c) {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
			continue
		}
		if c == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(d) {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteByte(upper(s[i+1]))
				b.WriteByte(upper(s[i+2]))
			}
			i += 2
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// queryByte tells whether c may stand unescaped in a query.
func queryByte(c byte) bool {
	return isUnreserved(c) || strings.IndexByte("!$&'()*+,;=:@/?", c) >= 0
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// visitKey is the visited-set key of a canonical URL: the canonical form
// with the trailing slash of a non-root path removed, so "/a" and "/a/" are
// one page.
func visitKey(canonical string) string {
	base, q, hasQ := strings.Cut(canonical, "?")
	if i := strings.Index(base, "://"); i >= 0 {
		if j := strings.IndexByte(base[i+3:], '/'); j >= 0 {
			if p := base[i+3+j:]; len(p) > 1 && strings.HasSuffix(p, "/") {
				base = strings.TrimSuffix(base, "/")
			}
		}
	}
	if hasQ {
		return base + "?" + q
	}
	return base
}

// urlPattern is the trap-defence pattern of a canonical URL: host and path
// with every run of digits replaced by "N", and the sorted set of query
// keys, values dropped. "/calendar/2025/04/" and "/calendar/2031/11/" share
// a pattern; so do "?sort=a&order=b" and "?sort=c&order=d".
func urlPattern(u *url.URL) string {
	var b strings.Builder
	b.WriteString(u.Host)
	digits := false
	for _, c := range []byte(u.EscapedPath()) {
		if '0' <= c && c <= '9' {
			if !digits {
				b.WriteByte('N')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteByte(c)
	}
	if u.RawQuery != "" {
		var keys []string
		for part := range strings.SplitSeq(u.RawQuery, "&") {
			k, _, _ := strings.Cut(part, "=")
			if len(keys) == 0 || keys[len(keys)-1] != k {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		keys = compactStrings(keys)
		b.WriteByte('?')
		b.WriteString(strings.Join(keys, "&"))
	}
	return b.String()
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
