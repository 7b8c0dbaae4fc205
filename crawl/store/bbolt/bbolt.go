// Package bbolt is the [store.Store] kept in one file with go.etcd.io/bbolt
// (pure Go, embedded): the default state of the newsclip command.
package bbolt

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/internal/flock"
)

// Bolt is the store kept in one file.
//
// Transactions are committed without fsync, which survives the death of the
// process (kill -9) since the OS keeps every write; [Bolt.Ack], called at
// each checkpoint, and Close do fsync, so a power failure loses at most the
// work since the last checkpoint. One process at a time may open the file.
type Bolt struct {
	db   *bolt.DB
	path string
}

var (
	bMeta   = []byte("meta")
	bSeen   = []byte("seen")
	bQueue  = []byte("queue")
	bClaims = []byte("claims")
	bOutbox = []byte("outbox")

	kGen     = []byte("generation")
	kSinkPos = []byte("sink_pos")
	kRequeue = []byte("requeue") // an incremental Begin under way: the last visited key requeued
	kVersion = []byte("version")
)

const boltVersion = 1

// ErrBadState is matched (errors.Is) by the error of a state file that is
// damaged (cut short, overwritten) or is not a crawl state at all. Such a
// file is left as it is.
var ErrBadState = errors.New("crawl: unusable state file")

// ErrStateInUse is matched by the error of a state file another process
// has open.
var ErrStateInUse = errors.New("crawl: state file in use")

// stateError is an [ErrBadState] naming the file and what is wrong.
type stateError struct {
	path, why string
}

func (e *stateError) Error() string {
	return fmt.Sprintf("crawl: state file %s is damaged or is not a crawl state (%s): "+
		"move it aside and run again to start over", e.path, e.why)
}

func (e *stateError) Is(target error) bool { return target == ErrBadState }

// Open opens or creates the state file at path. An empty file is a new
// state. A file that is damaged or holds something else fails with an
// error matching [ErrBadState], one another process has open with
// [ErrStateInUse]; the file is then left untouched.
//
// The whole file is checked before bbolt maps it (bbolt panics, beyond the
// reach of recover, on a file cut short), which reads it once: about as
// long as bbolt's own scan of its pages at open.
func Open(path string) (*Bolt, error) {
	if err := checkUnlocked(path); err != nil {
		return nil, err
	}
	db, err := openBolt(path)
	if err != nil {
		return nil, err
	}
	b := &Bolt{db: db, path: path}
	if err := b.update("open", initBuckets); err != nil {
		db.Close()
		return nil, err
	}
	return b, nil
}

// checkUnlocked checks the file at path unless another process holds it:
// a file being written is no file to judge.
func checkUnlocked(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("crawl: opening state: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("crawl: opening state: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return &stateError{path, "not a regular file"}
	}
	if busy, err := flock.Shared(f); err != nil || busy {
		if busy {
			return fmt.Errorf("%w: %s is open in another process", ErrStateInUse, path)
		}
		return fmt.Errorf("crawl: opening state: %w", err)
	}
	if err := checkBoltFile(f, fi.Size()); err != nil {
		return &stateError{path, err.Error()}
	}
	return nil
}

// openBolt is bolt.Open, its errors named and its panics recovered.
func openBolt(path string) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, &stateError{path, fmt.Sprint(r)}
		}
	}()
	db, err = bolt.Open(path, 0o644, &bolt.Options{
		Timeout:        time.Second,
		NoSync:         true,
		NoFreelistSync: true,
		FreelistType:   bolt.FreelistMapType,
	})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%w: %s is open in another process", ErrStateInUse, path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum),
		errors.Is(err, bolterrors.ErrVersionMismatch):
		return nil, &stateError{path, err.Error()}
	case err != nil:
		return nil, fmt.Errorf("crawl: opening state %s: %w", path, err)
	}
	return db, nil
}

// initBuckets makes the buckets of a new state, and refuses a file that
// holds other buckets or another version's state.
func initBuckets(tx *bolt.Tx) error {
	ours := map[string]bool{}
	for _, b := range [][]byte{bMeta, bSeen, bQueue, bClaims, bOutbox} {
		ours[string(b)] = true
	}
	var foreign []string
	n := 0
	tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		n++
		if !ours[string(name)] && len(foreign) < 3 {
			foreign = append(foreign, fmt.Sprintf("%q", name))
		}
		return nil
	})
	switch {
	case len(foreign) > 0:
		return errForeign("it holds data of another program: " + strings.Join(foreign, ", "))
	case n > 0 && tx.Bucket(bMeta) == nil:
		return errForeign("its meta bucket is missing")
	}
	for _, b := range [][]byte{bMeta, bSeen, bQueue, bClaims, bOutbox} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	m := tx.Bucket(bMeta)
	if v := m.Get(kVersion); v != nil && getU64(v) != boltVersion {
		return errForeign(fmt.Sprintf("state version %d; this program reads version %d", getU64(v), boltVersion))
	}
	return m.Put(kVersion, putU64(boltVersion))
}

// errForeign is a reason to refuse a file, made a stateError by update.
type errForeign string

func (e errForeign) Error() string { return string(e) }

// Fresh reports whether the state holds no crawl: a new or empty file, or
// one no crawl has begun in (or [Bolt.Reset]).
func (b *Bolt) Fresh() bool {
	fresh := true
	b.view(func(tx *bolt.Tx) error {
		fresh = getU64(tx.Bucket(bMeta).Get(kGen)) == 0
		return nil
	})
	return fresh
}

// Reset empties the state, as a new file: the next crawl starts over.
func (b *Bolt) Reset() error {
	err := b.update("reset", func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bMeta, bSeen, bQueue, bClaims, bOutbox} {
			if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
				return err
			}
		}
		return initBuckets(tx)
	})
	if err == nil {
		err = b.db.Sync()
	}
	return err
}

// Close syncs and closes the file.
func (b *Bolt) Close() error {
	err := b.db.Sync()
	if cerr := b.db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("crawl: closing state: %w", err)
	}
	return nil
}

// update runs f in a write transaction. A panic of bbolt's on a page the
// check at open could not vouch for becomes an [ErrBadState] error (the
// transaction is rolled back); so does an errForeign.
func (b *Bolt) update(what string, f func(tx *bolt.Tx) error) (err error) {
	defer b.recoverBad(&err)
	if err := b.db.Update(f); err != nil {
		var fe errForeign
		if errors.As(err, &fe) {
			return &stateError{b.path, string(fe)}
		}
		return fmt.Errorf("crawl: state %s: %w", what, err)
	}
	return nil
}

// view runs f in a read transaction, as update does.
func (b *Bolt) view(f func(tx *bolt.Tx) error) (err error) {
	defer b.recoverBad(&err)
	return b.db.View(f)
}

func (b *Bolt) recoverBad(err *error) {
	if r := recover(); r != nil {
		*err = &stateError{b.path, fmt.Sprint(r)}
	}
}

// beginBatch is the most visited entries one transaction of an
// incremental Begin goes through: memory stays flat however many pages
// the state holds.
var beginBatch = 4096

// Begin implements [store.Store]. An incremental Begin requeues the pages of the
// earlier generations a batch per transaction; meta's requeue key keeps the
// last key done, so a Begin that follows a crash in between goes on.
func (b *Bolt) Begin(ctx context.Context, incremental bool) (store.Resume, error) {
	var r store.Resume
	err := b.update("begin", func(tx *bolt.Tx) error {
		meta, queue, claims := tx.Bucket(bMeta), tx.Bucket(bQueue), tx.Bucket(bClaims)
		// Claims of a process that died go back where they were.
		var keys, seqs [][]byte
		err := claims.ForEach(func(k, v []byte) error {
			keys, seqs = append(keys, bytes.Clone(k)), append(seqs, bytes.Clone(v))
			return nil
		})
		if err != nil {
			return err
		}
		for i := range keys {
			if err := queue.Put(seqs[i], keys[i]); err != nil {
				return err
			}
			if err := claims.Delete(keys[i]); err != nil {
				return err
			}
		}
		gen := getU64(meta.Get(kGen))
		if meta.Get(kRequeue) != nil { // an incremental Begin was cut short
			r.Resumed = true
		} else {
			var requeue bool
			gen, r.Resumed, requeue = store.Begin(gen, countKeys(queue), incremental)
			if requeue {
				if err := meta.Put(kRequeue, []byte{}); err != nil {
					return err
				}
			}
		}
		r.Generation = gen
		r.SinkPos = int64(getU64(meta.Get(kSinkPos)))
		return meta.Put(kGen, putU64(gen))
	})
	for more := err == nil; more; {
		err = b.update("begin", func(tx *bolt.Tx) error {
			var err error
			more, err = requeueBatch(tx, r.Generation)
			return err
		})
		more = more && err == nil
	}
	if err == nil {
		err = b.view(func(tx *bolt.Tx) error {
			r.Queued = countKeys(tx.Bucket(bQueue))
			return nil
		})
	}
	if err == nil {
		err = b.db.Sync()
	}
	return r, err
}

func countKeys(b *bolt.Bucket) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}

// requeueBatch queues up to beginBatch pages fetched by earlier
// generations, from the key after meta's requeue key; it reports whether
// more are left.
func requeueBatch(tx *bolt.Tx, gen uint64) (bool, error) {
	meta, seen, queue := tx.Bucket(bMeta), tx.Bucket(bSeen), tx.Bucket(bQueue)
	last := meta.Get(kRequeue)
	if last == nil {
		return false, nil
	}
	c := seen.Cursor()
	k, v := c.First()
	if len(last) > 0 {
		if k, v = c.Seek(last); k != nil && bytes.Equal(k, last) {
			k, v = c.Next()
		}
	}
	type kv struct{ k, v []byte }
	var requeue []kv
	var lastKey []byte
	for n := 0; k != nil && n < beginBatch; k, v = c.Next() {
		n++
		lastKey = bytes.Clone(k)
		e, err := decodeSeen(v)
		if err != nil {
			return false, fmt.Errorf("key %q: %w", k, err)
		}
		if store.Requeue(&e, gen) {
			requeue = append(requeue, kv{lastKey, encodeSeen(e)})
		}
	}
	more := k != nil
	for _, x := range requeue {
		if err := seen.Put(x.k, x.v); err != nil {
			return false, err
		}
		s, err := queue.NextSequence()
		if err != nil {
			return false, err
		}
		if err := queue.Put(putU64(s), x.k); err != nil {
			return false, err
		}
	}
	if !more {
		return false, meta.Delete(kRequeue)
	}
	return true, meta.Put(kRequeue, lastKey)
}

func generation(tx *bolt.Tx) uint64 { return getU64(tx.Bucket(bMeta).Get(kGen)) }

// txn is a bbolt transaction as a [store.Txn].
type txn struct{ tx *bolt.Tx }

// Get implements [store.Txn]. An entry that cannot be decoded is taken as
// absent, and so rewritten whole: a corrupt one is repaired.
func (t txn) Get(key string) (store.Entry, bool, error) {
	v := t.tx.Bucket(bSeen).Get([]byte(key))
	if v == nil {
		return store.Entry{}, false, nil
	}
	e, err := decodeSeen(v)
	return e, err == nil, nil
}

func (t txn) Put(key string, e store.Entry) error {
	return t.tx.Bucket(bSeen).Put([]byte(key), encodeSeen(e))
}

func (t txn) Push(key string) error {
	queue := t.tx.Bucket(bQueue)
	s, err := queue.NextSequence()
	if err != nil {
		return err
	}
	return queue.Put(putU64(s), []byte(key))
}

func (t txn) Emit(record []byte) (uint64, error) {
	outbox := t.tx.Bucket(bOutbox)
	s, err := outbox.NextSequence()
	if err != nil {
		return 0, err
	}
	return s, outbox.Put(putU64(s), record)
}

// Add implements [store.Store].
func (b *Bolt) Add(ctx context.Context, items []store.Item) ([]bool, error) {
	var out []bool
	err := b.update("add", func(tx *bolt.Tx) error {
		var err error
		out, err = store.ApplyAdd(txn{tx}, generation(tx), items)
		return err
	})
	return out, err
}

// Claim implements [store.Store].
func (b *Bolt) Claim(ctx context.Context, n int) ([]store.Item, error) {
	var out []store.Item
	err := b.update("claim", func(tx *bolt.Tx) error {
		seen, queue, claims := tx.Bucket(bSeen), tx.Bucket(bQueue), tx.Bucket(bClaims)
		var seqs, keys [][]byte
		c := queue.Cursor()
		for k, v := c.First(); k != nil && len(seqs) < n; k, v = c.Next() {
			seqs, keys = append(seqs, bytes.Clone(k)), append(keys, bytes.Clone(v))
		}
		for i := range seqs {
			if err := queue.Delete(seqs[i]); err != nil {
				return err
			}
			if err := claims.Put(keys[i], seqs[i]); err != nil {
				return err
			}
			e, err := decodeSeen(seen.Get(keys[i]))
			if err != nil {
				return fmt.Errorf("key %q: %w", keys[i], err)
			}
			out = append(out, store.Item{Key: string(keys[i]), URL: e.URL, Depth: e.Depth, Kind: e.Kind,
				ETag: e.ETag, LastModified: e.LastModified})
		}
		return nil
	})
	return out, err
}

// Release implements [store.Store].
func (b *Bolt) Release(ctx context.Context, items []store.Item) error {
	if len(items) == 0 {
		return nil
	}
	return b.update("release", func(tx *bolt.Tx) error {
		queue, claims := tx.Bucket(bQueue), tx.Bucket(bClaims)
		for _, it := range items {
			k := []byte(it.Key)
			if claims.Get(k) == nil {
				continue
			}
			s, err := queue.NextSequence()
			if err != nil {
				return err
			}
			if err := queue.Put(putU64(s), k); err != nil {
				return err
			}
			if err := claims.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// Complete implements [store.Store].
func (b *Bolt) Complete(ctx context.Context, done []store.Completion) ([]store.Result, error) {
	res := make([]store.Result, len(done))
	err := b.update("complete", func(tx *bolt.Tx) error {
		gen, claims := generation(tx), tx.Bucket(bClaims)
		for i, c := range done {
			if err := claims.Delete([]byte(c.Item.Key)); err != nil {
				return err
			}
			var err error
			if res[i], err = store.ApplyComplete(txn{tx}, gen, c); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// Outbox implements [store.Store].
func (b *Bolt) Outbox(ctx context.Context) ([]store.Pending, error) {
	var out []store.Pending
	err := b.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bOutbox).ForEach(func(k, v []byte) error {
			out = append(out, store.Pending{Seq: getU64(k), Record: bytes.Clone(v)})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("crawl: state outbox: %w", err)
	}
	return out, nil
}

// Ack implements [store.Store].
func (b *Bolt) Ack(ctx context.Context, seq uint64, sinkPos int64) error {
	err := b.update("ack", func(tx *bolt.Tx) error {
		meta, outbox := tx.Bucket(bMeta), tx.Bucket(bOutbox)
		var del [][]byte
		c := outbox.Cursor()
		for k, _ := c.First(); k != nil && getU64(k) <= seq; k, _ = c.Next() {
			del = append(del, bytes.Clone(k))
		}
		for _, k := range del {
			if err := outbox.Delete(k); err != nil {
				return err
			}
		}
		return meta.Put(kSinkPos, putU64(uint64(sinkPos)))
	})
	if err != nil {
		return err
	}
	if err := b.db.Sync(); err != nil {
		return fmt.Errorf("crawl: state sync: %w", err)
	}
	return nil
}

func putU64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func getU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// encodeSeen lays out a store.Entry: uvarints gen, state, depth, emit gen,
// then the strings kind, url, etag, last-modified and hash, each prefixed by
// its uvarint length.
func encodeSeen(e store.Entry) []byte {
	n := 4*binary.MaxVarintLen64 + 5*binary.MaxVarintLen32 +
		len(e.Kind) + len(e.URL) + len(e.ETag) + len(e.LastModified) + len(e.Hash)
	b := make([]byte, 0, n)
	b = binary.AppendUvarint(b, e.Gen)
	b = binary.AppendUvarint(b, uint64(e.State))
	b = binary.AppendUvarint(b, uint64(e.Depth))
	b = binary.AppendUvarint(b, e.EmitGen)
	for _, s := range []string{e.Kind, e.URL, e.ETag, e.LastModified, e.Hash} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

var errCorrupt = errors.New("corrupt visited entry")

func decodeSeen(b []byte) (store.Entry, error) {
	var e store.Entry
	var nums [4]uint64
	for i := range nums {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return e, errCorrupt
		}
		nums[i], b = v, b[n:]
	}
	e.Gen, e.State, e.Depth, e.EmitGen = nums[0], store.State(nums[1]), int(nums[2]), nums[3]
	for _, s := range []*string{&e.Kind, &e.URL, &e.ETag, &e.LastModified, &e.Hash} {
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return e, errCorrupt
		}
		*s, b = string(b[n:n+int(l)]), b[n+int(l):]
	}
	return e, nil
}
