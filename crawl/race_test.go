//go:build race

package crawl_test

// raceEnabled: the race detector slows every goroutine down, so arrivals
// at a test server jitter far more than the politeness delays.
const raceEnabled = true
