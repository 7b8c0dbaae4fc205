package peers

import (
	"bytes"
	"time"

	htmldate "github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/extract"
)

// Dater is one extractor's publication date, for cmd/peers -dates.
type Dater struct {
	Name string
	// Date returns the publication date of p as dates_score.py reads it
	// (RFC 3339 when the engine knows the zone, else the day or local time
	// as written), "" for none.
	Date func(p *Page) (string, error)
}

// Daters returns the extractors whose publication dates are compared,
// newsclip first; each is given the decoded page and its URL.
//
// go-trafilatura's date comes from go-htmldate (with the URL: the page's
// canonical link, else the one given), in one of two modes: fast (no
// external date parser; its mode without fallback) and extensive
// (go-dateparser over the page's text; its mode with fallback, that of its
// published scores). It asks go-htmldate for the day only and returns no
// metadata when the page has too little text. The -time rows run
// go-htmldate with the same options plus ExtractTime (its "work in
// progress" time and zone search), given the page's URL, and hand the
// result to go-trafilatura (HtmlDateOverride): the day with the time and
// zone when found, which go-trafilatura's own Date (a time.Time without
// HasTimezone) cannot tell apart from UTC.
func Daters() []Dater {
	ex := extract.New(extract.Options{})
	newsclip := Dater{Name: "newsclip", Date: func(p *Page) (string, error) {
		// A page without an article still has its metadata.
		a, err := ex.ExtractBytes(p.UTF8, extract.Source{URL: p.URL, ContentType: utf8Type})
		if a == nil {
			return "", err
		}
		return a.Published, nil
	}}
	return []Dater{
		newsclip,
		trafilaturaDater("go-trafilatura-fast", false, trafilatura.Fast),
		trafilaturaDater("go-trafilatura-default", true, trafilatura.Default),
		trafilaturaTimeDater("go-trafilatura-fast-time", false),
		trafilaturaTimeDater("go-trafilatura-extensive-time", true),
		{Name: "go-readability", Date: readabilityDate},
	}
}

// NamedDater returns the dater called name.
func NamedDater(name string) (Dater, bool) {
	for _, d := range Daters() {
		if d.Name == name {
			return d, true
		}
	}
	return Dater{}, false
}

func trafilaturaDater(name string, fallback bool, mode trafilatura.HtmlDateMode) Dater {
	return Dater{Name: name, Date: func(p *Page) (string, error) {
		doc, err := html.Parse(bytes.NewReader(p.UTF8))
		if err != nil {
			return "", err
		}
		opts := trafilaturaOptions(p, fallback)
		opts.HtmlDateMode = mode
		r, err := trafilatura.ExtractDocument(doc, opts)
		if err != nil || r.Metadata.Date.IsZero() {
			return "", err
		}
		// go-htmldate finds a day (trafilatura does not ask it for the
		// time): the day as written.
		return r.Metadata.Date.Format(time.DateOnly), nil
	}}
}

func trafilaturaTimeDater(name string, extensive bool) Dater {
	return Dater{Name: name, Date: func(p *Page) (string, error) {
		doc, err := html.Parse(bytes.NewReader(p.UTF8))
		if err != nil {
			return "", err
		}
		// go-trafilatura's own options for the mode (UseOriginalDate), plus
		// the time. FromDocument works on a copy of doc.
		hd, err := htmldate.FromDocument(doc, htmldate.Options{
			UseOriginalDate: true, SkipExtensiveSearch: !extensive, ExtractTime: true, URL: p.URL,
		})
		if err != nil || hd.IsZero() {
			hd = htmldate.Result{}
		}
		opts := trafilaturaOptions(p, false)
		opts.HtmlDateOverride = &hd
		if _, err := trafilatura.ExtractDocument(doc, opts); err != nil || hd.IsZero() {
			return "", err
		}
		return formatHtmldate(hd), nil
	}}
}

// formatHtmldate writes a go-htmldate result as precisely as it was found:
// RFC 3339 with a zone, local time without one, else the day.
func formatHtmldate(r htmldate.Result) string {
	switch {
	case r.HasTimezone:
		return r.DateTime.Format(time.RFC3339)
	case r.HasTime:
		return r.DateTime.Format("2006-01-02T15:04:05")
	}
	return r.DateTime.Format(time.DateOnly)
}

func readabilityDate(p *Page) (string, error) {
	a, err := readabilityArticle(p)
	if err != nil {
		return "", err
	}
	t, err := a.PublishedTime()
	if err != nil {
		// No date in its metadata (ErrTimestampMissing) or one it cannot
		// parse: no date given.
		return "", nil
	}
	return formatReadability(t), nil
}

// formatReadability writes go-readability's parsed time (dateparse.ParseAny
// of a metadata string): a bare day for midnight UTC (a day without time
// or zone, as most such strings are), else RFC 3339. A time without zone
// parses as UTC, so it is written with Z: that gives the peer the scorer's
// zone tolerance, the benefit of the doubt.
func formatReadability(t time.Time) string {
	if t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
