package crawl_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"

	"github.com/newsclip/newsclip/crawl"
	"github.com/newsclip/newsclip/extract"
)

// A pipeline: crawl a small site and keep the articles that mention the
// harbor. (The site is an httptest server; nothing leaves the machine.)
func Example() {
	site := httptest.NewServer(exampleSite())
	defer site.Close()

	c, err := crawl.New(crawl.Config{Delay: -1}) // a local site: no politeness delay
	if err != nil {
		panic(err)
	}
	var kept []string
	harbor := crawl.SinkFunc(func(ctx context.Context, a *extract.Article) error {
		if strings.Contains(a.Text, "harbor") {
			u, _ := url.Parse(a.URL)
			kept = append(kept, u.Path)
		}
		return nil
	})
	if err := c.Run(context.Background(), []string{site.URL + "/"}, harbor); err != nil {
		panic(err)
	}
	sort.Strings(kept)
	for _, p := range kept {
		fmt.Println(p)
	}
	st := c.Stats()
	fmt.Printf("%d articles, %d listing page\n", st.Articles, st.Outcomes[crawl.OutcomeListing])
	// Output:
	// /news/ferry
	// /news/harbor-fees
	// 3 articles, 1 listing page
}

// A crawl cut short by its context (a deadline, Ctrl-C) returns an error
// that wraps ctx.Err() and says how far it got; Stats holds the counts, and
// OnPage saw each page as it finished. Here OnPage itself stops the crawl
// after the home page.
func ExampleCrawler_Run_stopped() {
	site := httptest.NewServer(exampleSite())
	defer site.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := crawl.New(crawl.Config{Delay: -1, OnPage: func(p crawl.Page) {
		if p.Outcome == crawl.OutcomeListing {
			cancel()
		}
	}})
	if err != nil {
		panic(err)
	}
	err = c.Run(ctx, []string{site.URL + "/"}, crawl.SinkFunc(func(context.Context, *extract.Article) error {
		return nil
	}))
	fmt.Println(errors.Is(err, context.Canceled), strings.HasPrefix(err.Error(), "crawl: stopped after"))
	st := c.Stats()
	fmt.Printf("%d listing page; articles written or left queued: %t\n",
		st.Outcomes[crawl.OutcomeListing], st.Articles+st.Queued > 0)
	// Output:
	// true true
	// 1 listing page; articles written or left queued: true
}

func ExampleCanonicalize() {
	u, _ := crawl.Canonicalize("HTTP://Example.COM:80/news/../world/story.html?utm_source=feed&b=2&a=1#comments")
	fmt.Println(u)
	// Output: http://example.com/world/story.html?a=1&b=2
}

// exampleSite serves a home page linking three articles.
func exampleSite() http.Handler {
	stories := map[string][]string{
		"/news/ferry": {"The night ferry returns",
			"The night ferry between the harbor and the islands sailed again on Thursday, two years after the service was suspended for repairs to the old pier.",
			"The port authority said the ferry would run four nights a week through the summer, with a fifth crossing on holiday weekends if demand holds.",
			"Residents of the islands had complained that the only evening link to the mainland was a small water taxi that did not run in bad weather.",
			"Officials will review the schedule in the autumn and decide whether the service can run through the winter, when storms often close the port."},
		"/news/harbor-fees": {"Harbor fees rise",
			"Mooring fees at the harbor will rise by a tenth next year, the city council decided on Monday after a long debate about the cost of dredging.",
			"Fishermen said the increase would hurt small boats most, while the council argued that the channel must be deepened for the new ferries.",
			"The council promised to publish the full accounts of the port before the end of the year and to hold a public meeting in the spring.",
			"A proposal to exempt boats under eight metres was rejected by a narrow vote, but may return when the budget is reviewed in March."},
		"/news/library": {"Library opens late",
			"The city library will stay open until ten in the evening from next month, the culture department announced, after a survey of its readers.",
			"Most of the readers who answered said they could only visit after work, and many asked for more places to study during the exam season.",
			"The longer hours will be paid for by closing the branch on Monday mornings, when it has the fewest visitors, the department said.",
			"Staff unions said they had been consulted and welcomed the plan, which also adds two librarians to the team that runs the reading rooms."},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>City News</title></head><body><h1>City News</h1><ul>`)
			for _, p := range []string{"/news/ferry", "/news/harbor-fees?utm_source=home", "/news/library#top"} {
				fmt.Fprintf(w, `<li><a href="%s">%s</a></li>`, p, p)
			}
			fmt.Fprint(w, `</ul></body></html>`)
			return
		}
		s, ok := stories[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>%s</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1>`, s[0], s[0], s[0])
		for _, p := range s[1:] {
			fmt.Fprintf(w, "<p>%s</p>", p)
		}
		fmt.Fprint(w, `</article></body></html>`)
	})
}
