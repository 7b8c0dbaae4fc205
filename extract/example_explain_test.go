package extract_test

import (
	"fmt"
	"strings"

	"github.com/newsclip/newsclip/extract"
)

func ExampleExtractor_Explain() {
	const page = `<!DOCTYPE html>
<html lang="en">
<head><title>Night buses return to the valley - The Example Courier</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav>
<article>
  <h1>Night buses return to the valley</h1>
  <p>Night buses will run again between the valley towns from next month, the regional transport board said on Tuesday, ending a two-year gap in late services.</p>
  <p>The route will call at six stops, with a bus every forty minutes between midnight and five in the morning on Fridays and Saturdays.</p>
  <div class="likes">Thanks (31)</div>
</article>
<section>
  <h2>Most read</h2>
  <ol>
    <li><a href="/news/ferry-timetable.html">New ferry timetable starts on the first of June</a></li>
    <li><a href="/news/market-square.html">Market square to be closed to cars on weekends</a></li>
    <li><a href="/news/library-hours.html">Library opening hours extended over the summer</a></li>
  </ol>
</section>
</body>
</html>`

	ex := extract.New(extract.Options{})
	a, tr, err := ex.Explain(strings.NewReader(page), extract.Source{URL: "https://courier.example/news/night-buses.html"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title)
	for _, e := range tr.Entries {
		fmt.Println(e.Path, e)
	}
	// Output:
	// Night buses return to the valley
	// /html/body/nav[1] navigation findContent: in a navigation landmark (<nav>, role=navigation)
	// /html/body/article[1] content findContent: the best-scoring container of the body's paragraphs (Readability's scores: a point per paragraph, per comma, per 100 characters) (score 12.37, base score 12.37, link density 0, candidates 2)
	// /html/body/article[1]/h1[1] headline classify: a top-level heading (h1) not set between the body's paragraphs
	// /html/body/article[1]/p[1] body classify: a paragraph (text weight 129 >= 80, link density 0 < 0.35)
	// /html/body/article[1]/p[2] body classify: a paragraph (text weight 108 >= 80, link density 0 < 0.35)
	// /html/body/article[1]/div[1] reactions reactions: a counter: the label "Thanks" and a count in brackets (count 31)
	// /html/body/section[1] ranking findBlocks: a link block, all its container holds: heading "Most read" → ranking (run of items of one shape 3 >= 3, words per headline 8.33 >= 4)
	// /html/body/section[1]/h2[1] ranking findBlocks: the heading of a link block: heading "Most read" → ranking
}
