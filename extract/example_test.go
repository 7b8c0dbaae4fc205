package extract_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newsclip/newsclip/extract"
)

func ExampleExtractor_Extract() {
	const page = `<!DOCTYPE html>
<html lang="en">
<head><title>Harbour bridge to close for repairs - The Example Times</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav>
<article>
  <h1>Harbour bridge to close for repairs</h1>
  <p>The harbour bridge will close to all traffic for three weeks from Monday while engineers replace worn expansion joints and resurface the main span, the city's transport office said.</p>
  <p>Buses will be diverted over the river crossing at Mill Lane, adding about fifteen minutes to journeys between the docks and the city centre at peak times.</p>
  <p>Cyclists and pedestrians will be able to use a temporary walkway on the eastern side of the bridge during daylight hours.</p>
</article>
<section>
  <h2>Related</h2>
  <ul>
    <li><a href="/news/extra-ferries.html">Extra ferries to run during bridge closure</a></li>
    <li><a href="/news/mill-lane-traffic.html">Mill Lane traffic lights to be retimed</a></li>
    <li><a href="/news/bridge-history.html">A century of the harbour bridge in pictures</a></li>
  </ul>
</section>
<footer><a href="/about/">About us</a> <a href="/privacy/">Privacy</a></footer>
</body>
</html>`

	ex := extract.New(extract.Options{})
	a, err := ex.Extract(strings.NewReader(page), extract.Source{URL: "https://news.example.com/news/bridge.html"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title)
	words := strings.Fields(a.Text)
	fmt.Println(strings.Join(words[:min(6, len(words))], " "), "…")
	for _, b := range a.Blocks {
		fmt.Println(b.Kind, len(b.Links))
	}
	// Output:
	// Harbour bridge to close for repairs
	// The harbour bridge will close to …
	// related 3
}

func ExampleExtractor_ExtractBytes() {
	ex := extract.New(extract.Options{})
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	_, err := ex.ExtractBytes(png, extract.Source{})
	fmt.Println(errors.Is(err, extract.ErrNotHTML))
	// Output:
	// true
}

func ExampleDistance() {
	d, err := extract.Distance("0f0f0f0f0f0f0f0f", "0f0f0f0f0f0f0f0e")
	fmt.Println(d, err)
	d, _ = extract.Distance("0000000000000000", "ffffffffffffffff")
	fmt.Println(d)
	_, err = extract.Distance("not a fingerprint", "0000000000000000")
	fmt.Println(err != nil)
	// Output:
	// 1 <nil>
	// 64
	// true
}
