package crawl

import "net/url"

// ScanForBench runs the page scanner, for the benchmarks.
func ScanForBench(page []byte) int {
	base, _ := url.Parse("http://portal.test/")
	return len(scanHTML(page, base).links)
}
