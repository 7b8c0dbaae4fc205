package report

import (
	"math"
	"math/bits"
	"slices"
)

// Clusters groups fingerprints that lie within Hamming distance t of each
// other, by single linkage (a fingerprint joins a group when it is within t
// of any member), and returns the groups of two or more, as indices into
// fps, each in index order, the largest group first (then by first index).
// t < 0 groups equal fingerprints only; t is at most 32.
//
// It does not compare every pair: by the pigeonhole principle, two
// fingerprints within t, cut into t+m blocks, agree on at least m whole
// blocks, so only fingerprints that agree on some m of the blocks are
// compared (m chosen for the fewest comparisons at this size).
func Clusters(fps []uint64, t int) [][]int {
	uf := newUnionFind(len(fps))
	// Equal fingerprints first: the distinct ones go on.
	first := make(map[uint64]int, len(fps))
	var uniq []int
	for i, fp := range fps {
		if j, ok := first[fp]; ok {
			uf.union(i, j)
			continue
		}
		first[fp] = i
		uniq = append(uniq, i)
	}
	if t > 0 {
		linkNear(fps, uniq, min(t, 32), uf)
	}
	groups := map[int][]int{}
	for i := range fps {
		root := uf.find(i)
		groups[root] = append(groups[root], i)
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

// linkNear unions the fingerprints of uniq (indices into fps) within t.
func linkNear(fps []uint64, uniq []int, t int, uf *unionFind) {
	n := len(uniq)
	if n < 2 {
		return
	}
	m := blocksToMatch(n, t)
	masks := blockMasks(t+m, m)
	type keyed struct {
		key uint64
		i   int
	}
	ks := make([]keyed, n)
	for _, mask := range masks {
		for j, i := range uniq {
			ks[j] = keyed{fps[i] & mask, i}
		}
		slices.SortFunc(ks, func(a, b keyed) int {
			switch {
			case a.key < b.key:
				return -1
			case a.key > b.key:
				return 1
			}
			return 0
		})
		for lo := 0; lo < n; {
			hi := lo + 1
			for hi < n && ks[hi].key == ks[lo].key {
				hi++
			}
			for a := lo; a < hi; a++ {
				for b := a + 1; b < hi; b++ {
					if bits.OnesCount64(fps[ks[a].i]^fps[ks[b].i]) <= t {
						uf.union(ks[a].i, ks[b].i)
					}
				}
			}
			lo = hi
		}
	}
}

// blocksToMatch chooses m, the number of blocks that must agree, for the
// least work on n fingerprints: C(t+m, m) sorts, each of n log n, and
// the comparisons within equal keys of 64·m/(t+m) bits.
func blocksToMatch(n, t int) int {
	best, bestCost := 1, math.Inf(1)
	for m := 1; m <= 6; m++ {
		tables := binomial(t+m, m)
		keyBits := 64 * float64(m) / float64(t+m)
		fn := float64(n)
		cost := tables * (fn*math.Log2(fn+1) + fn*fn/2/math.Pow(2, keyBits))
		if cost < bestCost {
			best, bestCost = m, cost
		}
	}
	return best
}

func binomial(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

// blockMasks cuts 64 bits into b blocks of (nearly) equal width and returns
// the mask of every choice of m of them.
func blockMasks(b, m int) []uint64 {
	block := make([]uint64, b)
	for i := range b {
		lo, hi := 64*i/b, 64*(i+1)/b
		for bit := lo; bit < hi; bit++ {
			block[i] |= 1 << uint(bit)
		}
	}
	var out []uint64
	var choose func(start, left int, mask uint64)
	choose = func(start, left int, mask uint64) {
		if left == 0 {
			out = append(out, mask)
			return
		}
		for i := start; i <= b-left; i++ {
			choose(i+1, left-1, mask|block[i])
		}
	}
	choose(0, m, 0)
	return out
}

type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{p}
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[max(ra, rb)] = min(ra, rb)
	}
}
