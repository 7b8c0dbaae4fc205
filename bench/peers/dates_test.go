package peers

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	htmldate "github.com/markusmobius/go-htmldate"
)

// TestDaters runs every dater on an invented page that states its date in
// metadata and in its byline: each must give that day as written.
func TestDaters(t *testing.T) {
	para := "<p>" + strings.Repeat("The harbour council voted on Tuesday to rebuild the old bridge before winter comes. ", 6) + "</p>"
	page := `<!doctype html><html lang="en"><head><title>Bridge vote</title>
<meta property="article:published_time" content="2020-03-04T21:30:00-05:00"></head>
<body><article><h1>Bridge vote</h1><p class="byline">By Ada Example, March 4, 2020</p>` +
		strings.Repeat(para, 4) + `</article></body></html>`
	p := &Page{URL: "https://news.example/city/bridge-vote", UTF8: []byte(page)}
	got := map[string]string{}
	want := map[string]string{}
	for _, d := range Daters() {
		date, err := d.Date(p)
		if err != nil {
			t.Errorf("%s: %v", d.Name, err)
		}
		got[d.Name] = date[:min(10, len(date))]
		want[d.Name] = "2020-03-04"
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Daters() day mismatch (-want +got):\n%s", diff)
	}
}

func TestFormat(t *testing.T) {
	est := time.FixedZone("", -5*3600)
	tests := []struct {
		name, got, want string
	}{
		{"readability day", formatReadability(time.Date(2020, 3, 4, 0, 0, 0, 0, time.UTC)), "2020-03-04"},
		{"readability UTC time", formatReadability(time.Date(2020, 3, 4, 2, 30, 0, 0, time.UTC)), "2020-03-04T02:30:00Z"},
		{"readability offset", formatReadability(time.Date(2020, 3, 4, 0, 0, 0, 0, est)), "2020-03-04T00:00:00-05:00"},
		{"htmldate day", formatHtmldate(htmldate.Result{DateTime: time.Date(2020, 3, 4, 0, 0, 0, 0, time.UTC)}), "2020-03-04"},
		{"htmldate local time", formatHtmldate(htmldate.Result{DateTime: time.Date(2020, 3, 4, 23, 5, 0, 0, time.UTC), HasTime: true}), "2020-03-04T23:05:00"},
		{"htmldate zone", formatHtmldate(htmldate.Result{DateTime: time.Date(2020, 3, 4, 23, 5, 0, 0, est), HasTime: true, HasTimezone: true}), "2020-03-04T23:05:00-05:00"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
