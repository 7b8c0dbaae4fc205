package demoportal

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// fault serves the pages that make crawling hard; it reports whether the
// path was one of them.
func (p *Portal) fault(w http.ResponseWriter, r *http.Request) bool {
	path := r.URL.Path
	switch {
	case strings.HasPrefix(path, "/private/"):
		// Disallowed by robots.txt: a polite crawler never asks.
		writeHTML(w, "listing.tmpl", listingData{Site: SiteName, Heading: "Members only", Sections: navSections(),
			Items: []listItem{{Title: "Exclusive report", URL: "/private/exclusive-report.html", Summary: "For members."}}})
	case path == "/go/members":
		http.Redirect(w, r, "/private/welcome.html", http.StatusFound)
	case reCalendar.MatchString(path):
		m := reCalendar.FindStringSubmatch(path)
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		p.calendar(w, r, y, mo)
	case path == "/deep/" || strings.HasPrefix(path, "/deep/more/"):
		// Each level links one deeper, relatively: an ever-deeper path.
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Topics</title></head><body><h1>Topics</h1>
<p><a href="more/">More topics</a> · <a href="/">Home</a></p></body></html>`)
	case strings.HasPrefix(path, "/news/removed-"):
		http.NotFound(w, r)
	case path == "/r/1":
		http.Redirect(w, r, "/r/2", http.StatusMovedPermanently)
	case path == "/r/2":
		http.Redirect(w, r, "/r/3", http.StatusFound)
	case path == "/r/3":
		http.Redirect(w, r, ArticlePath(RedirectTarget), http.StatusTemporaryRedirect)
	case path == "/loop/a":
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	case path == "/loop/b":
		http.Redirect(w, r, "/loop/a", http.StatusFound)
	case path == "/big.html":
		p.big(w, r)
	case path == "/files/report.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", strconv.Itoa(len(pdfBytes)))
		w.Write(pdfBytes)
	case path == "/files/annual":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(pdfBytes)
	case path == "/img/photo.png":
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes)
	case path == "/slow.html":
		select {
		case <-time.After(p.opts.SlowDelay):
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Live blog</title></head><body><h1>Live blog</h1><p><a href="/">Home</a></p></body></html>`)
		case <-r.Context().Done():
		}
	case path == "/busy.html":
		p.mu.Lock()
		first := p.opts.RetryAfter && !p.busy
		p.busy = true
		p.mu.Unlock()
		if first {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return true
		}
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Status</title></head><body><h1>All systems normal</h1><p><a href="/">Home</a></p></body></html>`)
	case path == malformedPath:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, malformedHTML)
	default:
		for _, ip := range intlPages {
			if ip.Path == path {
				p.intl(w, r, ip)
				return true
			}
		}
		return false
	}
	return true
}

// RedirectTarget is the id of the article at the end of /r/1 → /r/2 → /r/3.
const RedirectTarget = 7

func (p *Portal) calendar(w http.ResponseWriter, r *http.Request, y, m int) {
	if m < 1 || m > 12 || y < 1000 || y > 9999 {
		http.NotFound(w, r)
		return
	}
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	prev, next := t.AddDate(0, -1, 0), t.AddDate(0, 1, 0)
	var weeks [][]string
	week := make([]string, (int(t.Weekday())+6)%7)
	for d := t; d.Month() == t.Month(); d = d.AddDate(0, 0, 1) {
		week = append(week, strconv.Itoa(d.Day()))
		if len(week) == 7 {
			weeks = append(weeks, week)
			week = nil
		}
	}
	if len(week) > 0 {
		weeks = append(weeks, week)
	}
	var buf bytes.Buffer
	err := tmpl.ExecuteTemplate(&buf, "calendar.tmpl", map[string]any{
		"Site": SiteName, "Sections": navSections(), "Month": t.Format("January 2006"), "Weeks": weeks,
		"Prev": prev.Format("/calendar/2006/01/"), "Next": next.Format("/calendar/2006/01/"),
	})
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// big streams 30 MB of HTML without a Content-Length.
func (p *Portal) big(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	chunk := []byte(strings.Repeat("<p>Row of the annual data table, repeated to make a very large page.</p>\n", 880))
	io.WriteString(w, "<!DOCTYPE html><html><head><title>Annual data</title></head><body>\n")
	f, _ := w.(http.Flusher)
	for sent := 0; sent < 30<<20; sent += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
		if f != nil && sent == 0 {
			f.Flush()
		}
	}
	io.WriteString(w, "</body></html>\n")
}

func (p *Portal) intl(w http.ResponseWriter, r *http.Request, ip intlPage) {
	meta := fmt.Sprintf(`<meta charset="%s">`, ip.Charset)
	if ip.MetaHTTPEquiv {
		meta = fmt.Sprintf(`<meta http-equiv="Content-Type" content="text/html; charset=%s">`, ip.Charset)
	}
	var buf bytes.Buffer
	err := tmpl.ExecuteTemplate(&buf, "intl.tmpl", map[string]any{
		"Site": SiteName, "Sections": navSections(), "Lang": ip.Lang, "MetaCharset": template.HTML(meta),
		"Title": ip.Title, "Date": ip.Date, "Paragraphs": ip.Paragraphs, "Canonical": origin(r) + ip.Path,
	})
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	out, err := ip.Enc.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		http.Error(w, "encoding: "+err.Error(), 500)
		return
	}
	w.Header().Set("Content-Type", "text/html") // the charset is only in <meta>
	w.Write(out)
}

var pdfBytes = []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

// pngBytes is a 1×1 transparent PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// malformedHTML is an article whose markup is broken in the usual ways:
// unclosed paragraphs and divs, unquoted and duplicated attributes, stray
// end tags, a table inside a paragraph, a link inside a link, no </body>.
const malformedHTML = `<!DOCTYPE html>
<html><head><meta charset=utf-8><title>Night ferry returns to the harbor after two years -Northwind Gazette</title>
<body class=story class="dup">
<div class=top><a href=/>Northwind Gazette</a> <a href=/world/>World</a> <a href=/life/>Life
<div class=crumb>Current:<a href=/>Home</a> &gt; <a href=/life/>Life</a></div></td></tr>
<h1 class=title>Night ferry returns to the harbor after two years</h1>
<div class=info><span>View</span> <span>Date:2025-04-17 21:05:00</div>
<div class=content>
<p>HARBORTON (AP) — The night ferry between Harborton and the islands sailed again on Thursday, two years after the harbor authority suspended the service for repairs to the old pier, and dozens of passengers lined the dock to watch it leave.
<p>The harbor authority said the ferry would run four nights a week through the summer, with a fifth crossing added on holiday weekends if demand holds up. <a href=/world/>Tickets <a href=/life/>cost</a> the same</a> as before the suspension.
<p>Residents of the islands had complained that the only evening connection to the mainland was a small water taxi that did not run in bad weather, leaving nurses and restaurant workers stranded after late shifts.
<p>Engineers replaced the pilings under the pier and installed new lighting along the boarding ramp. <table><tr><td>The repairs cost about 12 million dollars</td></tr></table> according to the authority's budget report.
</div></div></span>
<p>The captain, who has worked on the route for eleven years, said the first crossing was calm and that passengers applauded when the lights of the islands came into view shortly before midnight.
<p>Officials said they would review the schedule in the autumn and decide whether the night ferry can run through the winter months, when storms often close the harbor for days at a time.
<div class=zan>veryGood! (812)
<div class=related><h3>Related</h3><ul><li><a href=/story.php?id=4>Island ferry timetable</a><li><a href=/world/>World news</a></ul>
`
