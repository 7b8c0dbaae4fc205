package demoportal

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Re-published wire copies (Options.Republish, unless Clean): one article in twelve is a wire
// story the portal runs again, two to four times, under /wire/. Each copy
// takes another of the three article templates, another headline, another
// date and section; every other copy drops the dateline prefix
// ("MOSCOW (AP) — "), the third also the last sentence (a trimmed copy),
// the fourth adds a credit line. The copies are listed on
// /wire/ (paginated), linked from the home page's extras, so that a crawl
// records them and a report can cluster them by fingerprint.

// WirePrefix is the path under which copies are served.
const WirePrefix = "/wire/"

// wireEvery and wireAt choose the re-published stories: id%wireEvery == wireAt.
const (
	wireEvery = 12
	wireAt    = 5
)

// copiesOf returns the number of copies of article id: 0 for most.
func copiesOf(id int) int {
	if id%wireEvery != wireAt {
		return 0
	}
	return 2 + (id/wireEvery)%3
}

// CopyPath returns the path of copy c (1-based) of article id.
func CopyPath(id, c int) string {
	return fmt.Sprintf("%s%s/%s-%d-%d.html", WirePrefix, copyTime(id, c).Format("2006/01/02"), slug(copyTitle(id, c)), id, c)
}

var reCopy = regexp.MustCompile(`^/wire/\d{4}/\d{2}/\d{2}/[a-z0-9-]+-(\d+)-(\d+)\.html$`)
var reWireList = regexp.MustCompile(`^/wire/(?:page/(\d+)/)?$`)

// copyTime: hours to days after the original.
func copyTime(id, c int) time.Time { return published(id).Add(time.Duration(5+19*c) * time.Hour) }

// copyTitle is a headline of the copy's own, the story's words kept.
func copyTitle(id, c int) string {
	t := title(id)
	switch c % 4 {
	case 1:
		return "UPDATE " + strconv.Itoa(c) + ": " + t
	case 2:
		head, _, _ := strings.Cut(t, " amid ")
		return "Wire: " + head
	case 3:
		return t + ", officials say"
	}
	return t + " (" + agencyOf(id) + ")"
}

// agencyOf is the agency the story's dateline credits.
func agencyOf(id int) string {
	p := paragraphs(id, 0)[0]
	if i, j := strings.IndexByte(p, '('), strings.IndexByte(p, ')'); i >= 0 && j > i {
		return p[i+1 : j]
	}
	return ""
}

// copyParagraphs is the story's text as copy c runs it.
func copyParagraphs(id, c int) []string {
	ps := append([]string(nil), paragraphs(id, 0)...)
	if c%2 == 1 {
		if _, rest, ok := strings.Cut(ps[0], " — "); ok {
			ps[0] = rest
		}
	}
	switch c {
	case 3: // trimmed: the last sentence cut
		last := ps[len(ps)-1]
		if i := strings.LastIndex(strings.TrimSuffix(last, "."), ". "); i > 0 {
			ps[len(ps)-1] = last[:i+1]
		}
	case 4:
		ps = append(ps, "This story was republished with permission from our wire partner.")
	}
	return ps
}

// copyID is the id copy c of article id renders its classes and image
// from: beyond any article's.
func copyID(id, c int) int { return 1_000_000*c + id }

func (p *Portal) republish() bool { return p.opts.Republish && !p.opts.Clean }

// copies lists every copy of the portal's articles: (id, c) pairs in id
// order, newest first.
func (p *Portal) copies() [][2]int {
	if !p.republish() {
		return nil
	}
	p.mu.Lock()
	n := p.n
	p.mu.Unlock()
	var out [][2]int
	for id := n; id >= 1; id-- {
		for c := 1; c <= copiesOf(id); c++ {
			out = append(out, [2]int{id, c})
		}
	}
	return out
}

// serveCopy answers a copy's path; false when path is not one.
func (p *Portal) serveCopy(w http.ResponseWriter, r *http.Request, path string) bool {
	m := reCopy.FindStringSubmatch(path)
	if m == nil {
		return false
	}
	id, _ := strconv.Atoi(m[1])
	c, _ := strconv.Atoi(m[2])
	if p.versionOf(id) < 0 || c < 1 || c > copiesOf(id) || CopyPath(id, c) != path {
		return false
	}
	pub := copyTime(id, c)
	if conditional(w, r, fmt.Sprintf(`"w%d-%d"`, id, c), pub) {
		return true
	}
	sec := sections[(sectionOf(id)+c)%len(sections)]
	d := &articleData{
		Site: SiteName, ID: copyID(id, c), Title: copyTitle(id, c), Section: sec.Title, SectionURL: "/" + sec.Slug + "/",
		Canonical: origin(r) + path, Date: pub.Format("2006-01-02 15:04:05"), ISO: pub.Format(time.RFC3339),
		Human: pub.Format("January 2, 2006 3:04 PM"), Author: author(id + c), Summary: summary(id),
		Reactions: reactions(copyID(id, c)), Paragraphs: copyParagraphs(id, c), Sections: navSections(),
		Related: p.links(copyID(id, c), 10, 3, false), Ranking: p.links(copyID(id, c), 8, 4, true),
		Recommendation: p.links(copyID(id, c), 8, 5, true), Feeds: true,
	}
	p.render(w, d, (id+c)%3)
	return true
}

// wireList answers /wire/ and its pages; false when path is not one.
func (p *Portal) wireList(w http.ResponseWriter, r *http.Request, path string) bool {
	m := reWireList.FindStringSubmatch(path)
	if m == nil {
		return false
	}
	page := 1
	if m[1] != "" {
		page, _ = strconv.Atoi(m[1])
	}
	all := p.copies()
	per := p.opts.PerPage
	pages := max(1, (len(all)+per-1)/per)
	if page < 1 || page > pages {
		http.NotFound(w, r)
		return true
	}
	url := func(k int) string {
		if k == 1 {
			return WirePrefix
		}
		return fmt.Sprintf("%spage/%d/", WirePrefix, k)
	}
	d := listingData{Site: SiteName, Heading: "From the wires", Sections: navSections(), Feeds: true}
	if page > 1 {
		d.Prev = url(page - 1)
	}
	if page < pages {
		d.Next, d.Pages = url(page+1), []pageLink{{page + 1, url(page + 1)}}
	}
	for _, ic := range all[(page-1)*per : min(len(all), page*per)] {
		id, c := ic[0], ic[1]
		d.Items = append(d.Items, listItem{copyTitle(id, c), CopyPath(id, c), summary(id), copyTime(id, c).Format("2006-01-02 15:04")})
	}
	writeHTML(w, "listing.tmpl", d)
	return true
}
