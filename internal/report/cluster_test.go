package report

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bruteClusters is Clusters by comparing every pair.
func bruteClusters(fps []uint64, t int) [][]int {
	uf := newUnionFind(len(fps))
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			if d := bits.OnesCount64(fps[i] ^ fps[j]); d == 0 || d <= t {
				uf.union(i, j)
			}
		}
	}
	groups := map[int][]int{}
	for i := range fps {
		groups[uf.find(i)] = append(groups[uf.find(i)], i)
	}
	var out [][]int
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b []int) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return a[0] - b[0]
	})
	return out
}

// flip returns fp with k distinct random bits flipped.
func flip(r *rand.Rand, fp uint64, k int) uint64 {
	for _, b := range r.Perm(64)[:k] {
		fp ^= 1 << uint(b)
	}
	return fp
}

func TestClustersMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct{ n, t int }{{0, 3}, {1, 3}, {50, -1}, {300, 0}, {300, 3}, {600, 10}, {600, 12}, {400, 20}, {200, 32}} {
		t.Run(fmt.Sprintf("n%d-t%d", tc.n, tc.t), func(t *testing.T) {
			var fps []uint64
			for len(fps) < tc.n {
				base := r.Uint64()
				fps = append(fps, base)
				// Planted copies at every distance up to t+2, and exact ones.
				for k := range r.IntN(4) {
					fps = append(fps, flip(r, base, r.IntN(max(tc.t, 0)+3)))
					if k == 0 {
						fps = append(fps, base)
					}
				}
			}
			got, want := Clusters(fps, tc.t), bruteClusters(fps, tc.t)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Clusters(%d fingerprints, %d) mismatch (-brute +got):\n%s", len(fps), tc.t, diff)
			}
			if tc.n >= 300 && len(got) == 0 {
				t.Errorf("no clusters: the test plants some")
			}
		})
	}
}

func TestBlockMasks(t *testing.T) {
	for _, c := range []struct{ b, m, want int }{{4, 1, 4}, {12, 2, 66}, {13, 3, 286}} {
		masks := blockMasks(c.b, c.m)
		if len(masks) != c.want {
			t.Errorf("blockMasks(%d, %d): %d masks, want %d", c.b, c.m, len(masks), c.want)
		}
		for _, mk := range masks {
			if n := bits.OnesCount64(mk); n < 64*c.m/c.b || n > 64*c.m/c.b+c.m {
				t.Errorf("blockMasks(%d, %d): mask %016x has %d bits", c.b, c.m, mk, n)
			}
		}
	}
}
