package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title cleaning.

func (m *pageMeta) headlineCandidates() []string {
	var out []string
	for _, c := range []string{m.h1, m.ldHeadline, m.ogTitle} {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// bestTitle cross-checks <h1>, JSON-LD headline, og:title and <title>: a
// candidate found inside another wins; site names and sections glued on
// with separators are cut.
func (m *pageMeta) bestTitle() string {
	cands := m.headlineCandidates()
	lowTitle := strings.ToLower(m.title)
	// A headline the document title contains is the title.
	for _, c := range cands {
		if len(c) >= 10 && strings.Contains(lowTitle, strings.ToLower(c)) {
			return c
		}
	}
	// Headlines that agree with each other.
	if m.ldHeadline != "" && (strings.EqualFold(m.ldHeadline, m.h1) || strings.EqualFold(m.ldHeadline, m.ogTitle)) {
		return m.ldHeadline
	}
	if m.h1 != "" && m.ogTitle != "" {
		og := strings.ToLower(stripSite(m.ogTitle, m.siteName))
		if strings.Contains(strings.ToLower(m.h1), og) || strings.Contains(og, strings.ToLower(m.h1)) {
			return m.h1
		}
	}
	for _, c := range []string{m.ldHeadline, m.ogTitle} {
		if c != "" {
			return stripSite(c, m.siteName)
		}
	}
	if m.title != "" {
		return stripSite(m.title, m.siteName)
	}
	return m.h1
}

// stripSite removes a site name or section glued to a title by a separator:
// the longest segment is kept when the others are short.
func stripSite(t, site string) string {
	parts := splitTitle(t)
	if len(parts) < 2 {
		return t
	}
	var keep []string
	for _, p := range parts {
		if site != "" && strings.EqualFold(p, site) {
			continue
		}
		keep = append(keep, p)
	}
	if len(keep) == 0 {
		return t
	}
	longest := keep[0]
	for _, p := range keep[1:] {
		if len(p) > len(longest) {
			longest = p
		}
	}
	// Only cut when what is cut is short beside what stays.
	lw, _ := wordCount(longest)
	tw, _ := wordCount(t)
	if lw >= 3 && tw-lw <= max(6, lw) {
		return longest
	}
	if len(keep) < len(parts) {
		return strings.Join(keep, " - ")
	}
	return t
}

// splitTitle cuts a document title at the separators sites glue names
// and sections on with: "|" and "_" anywhere; a run of - – — : · • » /
// between spaces ("Title - Site", "Site :: Title"); a dash or bar after a
// space ("Title -Site").
func splitTitle(t string) []string {
	var out []string
	add := func(p string) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	start := 0
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r == '|' || r == '_':
			add(t[start:i])
			start = i + size
		case unicode.IsSpace(r):
			j := i + size
			for j < len(t) && t[j] == ' ' {
				j++
			}
			k := j
			for k < len(t) {
				q, qs := utf8.DecodeRuneInString(t[k:])
				if !strings.ContainsRune("-–—:·•»/|", q) {
					break
				}
				k += qs
			}
			if k > j {
				first, _ := utf8.DecodeRuneInString(t[j:])
				next, _ := utf8.DecodeRuneInString(t[k:])
				if k == len(t) || unicode.IsSpace(next) || strings.ContainsRune("-–—|", first) {
					add(t[start:i])
					start = k
					i = k
					continue
				}
			}
		}
		i += size
	}
	add(t[start:])
	return out
}

// siteFromTitle takes the site name from the document title: the segment
// before or after the headline.
func siteFromTitle(title string, heads []string) string {
	parts := splitTitle(title)
	if len(parts) < 2 {
		return ""
	}
	for _, h := range heads {
		lh := strings.ToLower(h)
		lt := strings.ToLower(title)
		if len(lh) != len(h) || len(lt) != len(title) {
			continue // lower-casing moved byte offsets: no safe cut
		}
		if i := strings.Index(lt, lh); i >= 0 && len(h) >= 10 {
			rest := strings.TrimSpace(title[:i] + " " + title[i+len(h):])
			rest = strings.Trim(rest, " |-–—:·•»/_")
			if rp := splitTitle(rest); len(rp) > 0 {
				return rp[len(rp)-1]
			}
		}
	}
	last := parts[len(parts)-1]
	if w, c := wordCount(last); w <= 4 && c <= 10 {
		return last
	}
	return ""
}

// siteWithoutTagline cuts a slogan glued to a site name with a separator:
// "LinkNaija | Nigeria's popular news platform" is "LinkNaija".
func siteWithoutTagline(site string) string {
	parts := splitTitle(site)
	if len(parts) < 2 {
		return site
	}
	if w, c := wordCount(parts[0]); w <= 4 && c <= 10 {
		if rw, _ := wordCount(strings.Join(parts[1:], " ")); rw >= 3 {
			return parts[0]
		}
	}
	return site
}
