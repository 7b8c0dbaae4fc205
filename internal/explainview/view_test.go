package explainview_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/explainview"
)

// page is an invented article with the things the view must neutralise:
// a script, an event handler, a remote stylesheet and image, a frame, a
// refresh, a base URL, a javascript: link.
const page = `<!DOCTYPE html>
<html lang="en"><head>
<title>Canal path reopens after repairs - The Example Gazette</title>
<base href="https://cdn.gazette.example/">
<meta http-equiv="refresh" content="30">
<link rel="stylesheet" href="https://cdn.gazette.example/site.css">
<style>@import url("https://cdn.gazette.example/fonts.css"); .hero{background:url(/img/bg.jpg) no-repeat}</style>
<script>document.write("tracking")</script>
</head>
<body onload="track()">
<nav><a href="/">Home</a> <a href="/local/">Local</a> <a href="javascript:void(0)">Menu</a></nav>
<article>
  <h1>Canal path reopens after repairs</h1>
  <img src="https://cdn.gazette.example/photos/canal.jpg" srcset="canal-2x.jpg 2x" width="640" height="360" alt="The canal path">
  <p>The towpath along the old canal reopened on Saturday after four months of repairs to its banks, the waterways trust said, and walkers were back on it by nine.</p>
  <p>Engineers rebuilt two hundred metres of crumbling wall near the lock and laid a new gravel surface between the mill and the aqueduct.</p>
  <iframe src="https://video.example/embed/123"></iframe>
  <p>Subscribe to our newsletter</p>
</article>
<section>
  <h2>Related</h2>
  <ul>
    <li><a href="/local/lock-keeper.html">Lock keeper retires after forty years on the canal</a></li>
    <li><a href="/local/boat-festival.html">Boat festival returns to the basin in August</a></li>
    <li><a href="/local/heron-nest.html">Herons nest by the aqueduct for the first time</a></li>
  </ul>
</section>
</body></html>`

func render(t *testing.T, truth string) (*extract.Article, *html.Node, string) {
	t.Helper()
	a, tr, err := extract.New(extract.Options{}).Explain(strings.NewReader(page), extract.Source{URL: "https://gazette.example/local/canal.html"})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rec := []byte(`{"schema":1,"title":"<Canal & path>"}`)
	if err := explainview.Render(&out, a, tr, explainview.Options{Input: "canal.html", Record: rec, Truth: truth}); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return a, doc, out.String()
}

func walk(n *html.Node, fn func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			fn(c)
		}
		walk(c, fn)
	}
}

func attr(n *html.Node, k string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestRenderSelfContained checks that nothing in the file runs or loads
// from the network.
func TestRenderSelfContained(t *testing.T) {
	_, doc, out := render(t, "")
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "script", "iframe", "link", "base", "object", "embed":
			t.Errorf("<%s> left in the file", n.Data)
		case "meta":
			if v, _ := attr(n, "http-equiv"); v != "" {
				t.Errorf("<meta http-equiv=%q> left in the file", v)
			}
		case "img":
			if v, _ := attr(n, "src"); !strings.HasPrefix(v, "data:") {
				t.Errorf("img src %q is not a placeholder", v)
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "srcset" ||
				strings.HasPrefix(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("<%s %s=%q> left in the file", n.Data, a.Key, a.Val)
			}
		}
	})
	for _, s := range []string{"https://cdn.gazette.example", "/img/bg.jpg", "@import", "tracking"} {
		if strings.Contains(out, s) {
			t.Errorf("file still holds %q", s)
		}
	}
	if !strings.Contains(out, "[iframe removed]") {
		t.Errorf("no placeholder for the frame")
	}
}

// TestRenderLabels checks the labels of the parts and the record panel.
func TestRenderLabels(t *testing.T) {
	a, doc, _ := render(t, "")
	got := map[string]string{} // element text (first 30 chars) → classes
	var record string
	walk(doc, func(n *html.Node) {
		if id, _ := attr(n, "id"); id == "nc-record" {
			record = text(n)
		}
		cls, ok := attr(n, "data-nc-class")
		if !ok {
			return
		}
		label, _ := attr(n, "data-nc-label")
		title, _ := attr(n, "title")
		if label == "" || title == "" {
			t.Errorf("<%s data-nc-class=%q> has no label or title", n.Data, cls)
		}
		k := text(n)
		got[k[:min(30, len(k))]] = cls
	})
	want := map[string]string{
		"Home Local Menu":                "navigation",
		"Canal path reopens after repai": "headline",
		"The towpath along the old cana": "body",
		"Engineers rebuilt two hundred ": "body",
		"Subscribe to our newsletter":    "boilerplate",
		"Related Lock keeper retires af": "related",
		"Related":                        "related",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("element %q labelled %q, want %q", k, got[k], v)
		}
	}
	if record != `{"schema":1,"title":"<Canal & path>"}` {
		t.Errorf("record panel holds %q", record)
	}
	if a.Text == "" {
		t.Fatal("no body")
	}
}

// TestRenderTruth checks that the body's lines the truth lacks, and the
// truth's lines the body lacks, are marked on the page and listed.
func TestRenderTruth(t *testing.T) {
	truth := "The towpath along the old canal reopened on Saturday after four months of repairs to its banks, the waterways trust said, and walkers were back on it by nine.\n\nSubscribe to our newsletter\n"
	_, doc, _ := render(t, truth)
	marks := map[string]string{}
	lists := map[string][]string{}
	walk(doc, func(n *html.Node) {
		if v, ok := attr(n, "data-nc-truth"); ok {
			k := text(n)
			marks[k[:min(30, len(k))]] = v
		}
		if id, _ := attr(n, "id"); id == "nc-missing" || id == "nc-extra" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				t := text(c)
				lists[id] = append(lists[id], t[:min(30, len(t))])
			}
		}
	})
	wantMarks := map[string]string{
		"Engineers rebuilt two hundred ": "extra",
		"Subscribe to our newsletter":    "missing",
	}
	if diff := cmp.Diff(wantMarks, marks); diff != "" {
		t.Errorf("truth marks (-want +got):\n%s", diff)
	}
	wantLists := map[string][]string{
		"nc-missing": {"Subscribe to our newsletter"},
		"nc-extra":   {"Engineers rebuilt two hundred "},
	}
	if diff := cmp.Diff(wantLists, lists); diff != "" {
		t.Errorf("truth lists (-want +got):\n%s", diff)
	}
}
