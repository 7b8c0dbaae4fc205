package report

import (
	"fmt"
	"math/bits"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/internal/demoportal"
)

// storyRecord is a record of the demo portal and the story it tells: the
// article's id, for a copy the id of the article it copies, a negative
// number for the pages that are stories of their own (charsets,
// malformed).
type storyRecord struct {
	story int
	a     *extract.Article
}

// demoRecords extracts every article page of a demo portal with
// re-published copies, as a crawl would record them (without a crawl:
// through the handler).
func demoRecords(t testing.TB, articles int) []storyRecord {
	t.Helper()
	p := demoportal.New(demoportal.Options{Articles: articles, Republish: true, NoLog: true})
	want := p.Articles()
	out := make([]storyRecord, len(want))
	ex := extract.New(extract.Options{})
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, e := range want {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var rec *httptest.ResponseRecorder
			for range 2 { // some pages fail once
				rec = httptest.NewRecorder()
				p.ServeHTTP(rec, httptest.NewRequest("GET", "http://portal.test"+e.Path, nil))
				if rec.Code == 200 {
					break
				}
			}
			a, err := ex.ExtractBytes(rec.Body.Bytes(), extract.Source{URL: "http://portal.test" + e.Path, ContentType: rec.Header().Get("Content-Type")})
			if err != nil {
				t.Errorf("%s: %v", e.Path, err)
				return
			}
			story := e.ID
			if e.Story != 0 {
				story = e.Story
			}
			if story == 0 {
				story = -1 - i
			}
			out[i] = storyRecord{story, a}
		})
	}
	wg.Wait()
	return out
}

// TestThreshold measures the fingerprint distances of the demo portal's
// re-published copies and of different stories, and checks that at
// DefaultThreshold at least 99 % of the copies land in one cluster with
// their story and that no cluster holds two stories. Run with -v for the
// table the threshold was chosen from.
func TestThreshold(t *testing.T) {
	n := 2400 // 3004 records, 599 copies, 4.5 million pairs of different stories
	if testing.Short() {
		n = 600
	}
	recs := demoRecords(t, n)
	fps := make([]uint64, len(recs))
	for i, r := range recs {
		fp, err := strconv.ParseUint(r.a.Fingerprint, 16, 64)
		if err != nil {
			t.Fatalf("%s: fingerprint %q", r.a.URL, r.a.Fingerprint)
		}
		fps[i] = fp
	}
	// Distances of pairs: same story, different stories.
	var same, diff [65]int
	sameN, diffN, minDiff := 0, 0, 64
	for i := range recs {
		for j := i + 1; j < len(recs); j++ {
			d := bits.OnesCount64(fps[i] ^ fps[j])
			if recs[i].story == recs[j].story {
				same[d]++
				sameN++
			} else {
				diff[d]++
				diffN++
				minDiff = min(minDiff, d)
			}
		}
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%d records; %d same-story pairs, %d different-story pairs (closest %d bits apart)\n", len(recs), sameN, diffN, minDiff)
	fmt.Fprintf(&table, "  t  same-story pairs <= t   different <= t   copies with their story   clusters merging stories\n")
	cumSame, cumDiff := 0, 0
	for th := 0; th <= 24; th++ {
		cumSame += same[th]
		cumDiff += diff[th]
		joined, copies, merged := clusterQuality(recs, Clusters(fps, th))
		fmt.Fprintf(&table, " %2d  %6.1f %%               %8d          %3d / %3d (%5.1f %%)        %d\n",
			th, 100*float64(cumSame)/float64(sameN), cumDiff, joined, copies, 100*float64(joined)/float64(copies), merged)
		if th == DefaultThreshold {
			if float64(joined) < 0.99*float64(copies) {
				t.Errorf("threshold %d: %d of %d copies in their story's cluster, want >= 99 %%", th, joined, copies)
			}
			if merged > 0 {
				t.Errorf("threshold %d: %d clusters hold more than one story", th, merged)
			}
		}
	}
	t.Log("\n" + table.String())
}

// clusterQuality counts the copies (records of a story past its first)
// that share a cluster with their story's first record, and the clusters
// that hold more than one story.
func clusterQuality(recs []storyRecord, clusters [][]int) (joined, copies, merged int) {
	clusterOf := map[int]int{}
	for c, members := range clusters {
		stories := map[int]bool{}
		for _, i := range members {
			clusterOf[i] = c + 1
			stories[recs[i].story] = true
		}
		if len(stories) > 1 {
			merged++
		}
	}
	firstOf := map[int]int{}
	for i, r := range recs {
		f, ok := firstOf[r.story]
		if !ok {
			firstOf[r.story] = i
			continue
		}
		copies++
		if clusterOf[i] != 0 && clusterOf[i] == clusterOf[f] {
			joined++
		}
	}
	return joined, copies, merged
}
