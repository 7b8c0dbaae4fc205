package extract

import (
	"unsafe"

	"golang.org/x/net/html"
)

// statTable maps the elements of a page to their measures (see measure).
// Every walk of the pipeline looks up the elements it passes, some walks
// every element: an open-addressed table keyed by the node's address
// (Fibonacci hashing, linear probing) answers in a few nanoseconds where
// a Go map hashes and probes a group. Nodes never move: the address is a
// stable key for as long as the page lives. Filled once by measure.
type statTable struct {
	slots []statSlot // a power of two, at most three quarters full
	shift uint       // 64 - log2(len(slots))
	count int
}

type statSlot struct {
	n  *html.Node
	st *nstat
}

// newStatTable returns a table for about n elements.
func newStatTable(n int) statTable {
	bits := uint(4)
	for 3<<bits < 4*n {
		bits++
	}
	return statTable{slots: make([]statSlot, 1<<bits), shift: 64 - bits}
}

func (t *statTable) home(n *html.Node) int {
	return int((uint64(uintptr(unsafe.Pointer(n))) * 0x9E3779B97F4A7C15) >> t.shift)
}

// get returns the measures of n, nil for a node that has none (text,
// the document, a node pruned away).
func (t *statTable) get(n *html.Node) *nstat {
	if t.count == 0 {
		return nil
	}
	mask := len(t.slots) - 1
	for i := t.home(n); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.n == n {
			return s.st
		}
		if s.n == nil {
			return nil
		}
	}
}

// put sets the measures of n, a node not in the table yet.
func (t *statTable) put(n *html.Node, st *nstat) {
	if 4*(t.count+1) > 3*len(t.slots) {
		old := t.slots
		*t = newStatTable(2 * (t.count + 1))
		for _, s := range old {
			if s.n != nil {
				t.put(s.n, s.st)
			}
		}
	}
	mask := len(t.slots) - 1
	i := t.home(n)
	for t.slots[i].n != nil {
		i = (i + 1) & mask
	}
	t.slots[i] = statSlot{n, st}
	t.count++
}
