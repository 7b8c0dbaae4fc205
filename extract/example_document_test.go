package extract_test

import (
	"fmt"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsclip/newsclip/extract"
)

// A crawler parses each page once: it reads the links and what the page
// declares itself to be from the tree, then asks for the record.
func ExampleExtractor_Parse() {
	const page = `<html><head><title>Night trains return to the coast line</title>
<meta property="og:type" content="article">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Night trains return to the coast line"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/travel/">Travel</a></nav>
<article><h1>Night trains return to the coast line</h1>
<p>Sleeper services between the capital and the coast resume on Friday after a five-year pause, the rail operator said, with two departures a week in each direction.</p>
<p>The carriages were refitted at the northern works over the winter and now carry bicycles, which passengers had asked for since the line first closed.</p>
</article></body></html>`

	ex := extract.New(extract.Options{})
	doc, err := ex.Parse([]byte(page), extract.Source{URL: "https://rail.example/travel/night-trains.html"})
	if err != nil {
		fmt.Println(err)
		return
	}
	var links []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			for _, a := range n.Attr {
				if a.Key == "href" {
					links = append(links, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc.Root())
	fmt.Println("links:", links)
	fmt.Printf("declared: %+v\n", doc.Declared())

	a, err := ex.ExtractDocument(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title)
	fmt.Println(a.WordCount, "words")
	// Output:
	// links: [/ /travel/]
	// declared: {Article:true Listing:false OGArticle:true}
	// Night trains return to the coast line
	// 53 words
}
