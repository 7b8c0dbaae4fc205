package bbolt_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/bbolt"
	"github.com/newsclip/newsclip/crawl/store/storetest"
	bolt "go.etcd.io/bbolt"
)

// realState writes a state file holding a crawl under way: pages fetched
// with records, links queued, claims left by a process that died.
func realState(t testing.TB, dir string) []byte {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "real.db")
	s, err := bbolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Begin(ctx, false)
	var items []store.Item
	for i := range 3000 {
		items = append(items, storetest.Item(i))
	}
	if _, err := s.Add(ctx, items); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Claim(ctx, 2000)
	var done []store.Completion
	for i, it := range got[:1500] {
		done = append(done, store.Completion{Item: it, Fetched: true, ETag: fmt.Sprintf(`"%d"`, i),
			Links:     []store.Item{storetest.Item(1000 + i)},
			Record:    []byte(fmt.Sprintf(`{"schema":1,"url":%q,"text":%q}`, it.URL, strings.Repeat("word ", 40))),
			RecordKey: it.Key, RecordHash: fmt.Sprint(i)})
	}
	if _, err := s.Complete(ctx, done); err != nil {
		t.Fatal(err)
	}
	if err := s.Ack(ctx, 100, 4096); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// useState opens the state file at path and, when it opens, works it: an
// error or a working store, never a panic. It returns what the first Begin
// found.
func useState(t *testing.T, path string) (store.Resume, error) {
	t.Helper()
	r, err := workState(path)
	return r, err
}

func workState(path string) (r store.Resume, err error) {
	ctx := context.Background()
	s, err := bbolt.Open(path)
	if err != nil {
		return r, err
	}
	defer s.Close()
	if r, err = s.Begin(ctx, false); err != nil {
		return r, err
	}
	if _, err := s.Begin(ctx, true); err != nil {
		return r, err
	}
	if _, err := s.Add(ctx, []store.Item{storetest.Item(5000)}); err != nil {
		return r, err
	}
	got, err := s.Claim(ctx, 1000)
	if err != nil {
		return r, err
	}
	var done []store.Completion
	for _, it := range got {
		done = append(done, store.Completion{Item: it, Fetched: true})
	}
	if _, err := s.Complete(ctx, done); err != nil {
		return r, err
	}
	if _, err := s.Outbox(ctx); err != nil {
		return r, err
	}
	return r, s.Ack(ctx, 1<<40, 0)
}

// TestOpenBoltDamaged: a state file cut short, overwritten with noise,
// written by another program or by another bbolt user is refused with a
// message that names the file and says what to do; nothing panics.
func TestOpenBoltDamaged(t *testing.T) {
	dir := t.TempDir()
	real := realState(t, dir)
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, len(real))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	// Meta pages intact, the rest noise: bbolt's own checks pass.
	metaThenNoise := append(append([]byte{}, real[:8192]...), noise[:len(real)-8192]...)
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("widgets"))
		return b.Put([]byte("k"), []byte("v"))
	})
	db.Close()
	foreignData, _ := os.ReadFile(foreign)

	cases := []struct {
		name string
		data []byte
	}{
		{"random bytes", noise[:32<<10]},
		{"a few bytes", []byte("hello")},
		{"text", []byte(strings.Repeat(`{"schema":1,"url":"http://example.com/"}`+"\n", 200))},
		{"meta then noise", metaThenNoise},
		{"another program's bbolt file", foreignData},
		{"a branch page that lost its children", branchCut(t, real)},
		{"a page of no type and no elements", patchPage(real, 0x01, func(p []byte) {
			binary.LittleEndian.PutUint16(p[8:], 0x0702)
			binary.LittleEndian.PutUint16(p[10:], 0)
		})},
	}
	checkBad := func(t *testing.T, path string, data []byte, err error) {
		t.Helper()
		if !errors.Is(err, bbolt.ErrBadState) {
			t.Errorf("error %v is not ErrBadState", err)
		}
		if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "move it aside") {
			t.Errorf("message does not name the file and say what to do: %s", msg)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Error("the damaged file was changed")
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "crawl.db")
			must(t, os.WriteFile(path, c.data, 0o644))
			_, err := useState(t, path)
			if err == nil {
				t.Fatal("a damaged state file was used as if sound")
			}
			checkBad(t, path, c.data, err)
		})
	}
	path := filepath.Join(t.TempDir(), "crawl.db")
	must(t, os.WriteFile(path, real, 0o644))
	whole, err := useState(t, path)
	if err != nil {
		t.Fatalf("a sound state file: %v", err)
	}
	// bbolt's file grows in steps, past its last page: a cut there loses
	// nothing and the state must be whole; a cut before it, an error.
	refused := 0
	for i := 1; i < 8; i++ {
		t.Run(fmt.Sprintf("truncated to %d/8", i), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "crawl.db")
			data := real[:len(real)*i/8]
			must(t, os.WriteFile(path, data, 0o644))
			r, err := useState(t, path)
			if err != nil {
				refused++
				checkBad(t, path, data, err)
			} else if r != whole {
				t.Errorf("opened as %+v, want the whole state's %+v or an error", r, whole)
			}
		})
	}
	if refused < 3 {
		t.Errorf("only %d cuts of 7 reached the pages in use: the state is too small to test", refused)
	}
	t.Run("zero length", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "crawl.db")
		must(t, os.WriteFile(path, nil, 0o644))
		if _, err := useState(t, path); err != nil {
			t.Errorf("an empty file is a new state: %v", err)
		}
	})
}

// branchCut returns the state with the first branch page of two or more
// children cut to one (its element count patched): bbolt's own check
// passes such a file, and a write then crashed the process.
func branchCut(t *testing.T, real []byte) []byte {
	data := patchPage(real, 0x01, func(p []byte) { binary.LittleEndian.PutUint16(p[10:], 1) })
	if data == nil {
		t.Fatal("the state has no branch page: too small to test")
	}
	return data
}

// patchPage returns a copy of the state with patch applied to the first
// page of the given type (0x01 branch, 0x02 leaf) holding two or more
// elements; nil when there is none.
func patchPage(real []byte, flags uint16, patch func(page []byte)) []byte {
	const ps = 4096
	for off := 2 * ps; off+ps <= len(real); off += ps {
		f, count := binary.LittleEndian.Uint16(real[off+8:]), binary.LittleEndian.Uint16(real[off+10:])
		if f == flags && count >= 2 && binary.LittleEndian.Uint64(real[off:]) == uint64(off/ps) {
			data := append([]byte{}, real...)
			patch(data[off : off+ps])
			return data
		}
	}
	return nil
}

// TestBoltFresh: a state holds a crawl once one has begun in it, and Reset
// empties it.
func TestBoltFresh(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crawl.db")
	s, err := bbolt.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Fresh() {
		t.Error("a new state is not fresh")
	}
	s.Begin(ctx, false)
	s.Add(ctx, []store.Item{storetest.Item(1)})
	if s.Fresh() {
		t.Error("a state with a crawl begun is fresh")
	}
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	if !s.Fresh() {
		t.Error("a state reset is not fresh")
	}
	r, err := s.Begin(ctx, false)
	if err != nil || r.Queued != 0 || r.Generation != 1 {
		t.Errorf("Begin after Reset = %+v, %v; want generation 1, nothing queued", r, err)
	}
}

// FuzzOpenState: whatever the state file holds — noise, or a real state
// overwritten in places or cut anywhere — OpenBolt and the store's methods
// return an error or work; they never panic.
func FuzzOpenState(f *testing.F) {
	real := realState(f, f.TempDir())
	n := uint32(len(real))
	f.Add([]byte{}, uint32(0), uint32(0))
	f.Add([]byte("not a state file"), uint32(0), uint32(16))
	for i := uint32(1); i <= 8; i++ {
		f.Add([]byte{}, uint32(0), n*i/8)
		f.Add([]byte{0xff, 0xff}, n*i/8+40, uint32(0))
	}
	f.Add([]byte{0x7f, 0, 0, 0}, uint32(8192+16+4), uint32(0))
	f.Fuzz(func(t *testing.T, patch []byte, at, cut uint32) {
		// patch overwrites the real state at at; cut, when not 0, is the
		// length the file is cut to.
		data := append([]byte{}, real...)
		copy(data[int(at%(n+1)):], patch)
		if c := int(cut % (n + 1)); c > 0 {
			data = data[:c]
		}
		path := filepath.Join(t.TempDir(), "crawl.db")
		must(t, os.WriteFile(path, data, 0o644))
		_, _ = useState(t, path)
	})
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
