package store

// State is what the visited set knows of one key.
type State byte

// States of a visited-set entry.
const (
	Queued  State = 1 // in the frontier or claimed
	Fetched State = 2 // fetched, whatever the answer
	Skipped State = 3 // seen, never to be fetched (robots, trap, ...)
	Alias   State = 4 // another page answered for it
	// RecordKey is only a record's key (a rel=canonical): not seen, a link
	// to it is queued.
	RecordKey State = 5
)

// Entry is the visited-set value of one key.
type Entry struct {
	Gen          uint64 // generation that last saw the key
	State        State
	Depth        int
	Kind         string
	URL          string
	ETag         string
	LastModified string
	EmitGen      uint64 // generation of the last record with this key
	Hash         string // content hash of that record
}

// SeenIn tells whether e counts as seen in generation gen: a link to its
// key is then not queued again.
func (e Entry) SeenIn(gen uint64) bool {
	return e.Gen == gen && e.State != 0 && e.State != RecordKey
}

// Txn is one atomic transaction of an embedded backend: what [ApplyAdd] and
// [ApplyComplete] read and write. A backend that implements it over its own
// storage gets the rules of every backend for free.
type Txn interface {
	// Get returns the entry of key; ok is false when there is none (or it
	// cannot be read: it is then rewritten whole).
	Get(key string) (e Entry, ok bool, err error)
	Put(key string, e Entry) error
	// Push appends key to the back of the frontier.
	Push(key string) error
	// Emit appends a record to the outbox and returns its sequence number,
	// increasing from 1.
	Emit(record []byte) (uint64, error)
}

// ApplyAdd queues, in generation gen, the items whose key is not seen in
// it and marks them seen (an item with Skip set is marked Skipped, not
// queued); it reports which were new.
func ApplyAdd(tx Txn, gen uint64, items []Item) ([]bool, error) {
	out := make([]bool, len(items))
	for i, it := range items {
		e, _, err := tx.Get(it.Key)
		if err != nil {
			return nil, err
		}
		if e.SeenIn(gen) {
			continue
		}
		e.Gen, e.Depth, e.Kind, e.URL = gen, it.Depth, it.Kind, it.URL
		e.State = Queued
		if it.Skip != "" {
			e.State = Skipped
		}
		if err := tx.Put(it.Key, e); err != nil {
			return nil, err
		}
		out[i] = true
		if it.Skip == "" {
			if err := tx.Push(it.Key); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// ApplyComplete applies one completion in generation gen: the page is
// marked fetched (its validators kept) or skipped, its aliases seen, its
// links added (ApplyAdd), and its record emitted unless its key has a
// record in this generation already (Duplicate) or the same content was
// recorded by an earlier one (Unchanged). Claims are the caller's to drop.
func ApplyComplete(tx Txn, gen uint64, c Completion) (Result, error) {
	var res Result
	e, ok, err := tx.Get(c.Item.Key)
	if err != nil {
		return res, err
	}
	if !ok {
		e = Entry{URL: c.Item.URL, Depth: c.Item.Depth, Kind: c.Item.Kind}
	}
	e.Gen = gen
	if c.Fetched {
		e.State = Fetched
		if c.ETag != "" || c.LastModified != "" {
			e.ETag, e.LastModified = c.ETag, c.LastModified
		}
	} else {
		e.State = Skipped
	}
	if err := tx.Put(c.Item.Key, e); err != nil {
		return res, err
	}
	for _, a := range c.Aliases {
		if a == c.Item.Key {
			continue
		}
		ae, _, err := tx.Get(a)
		if err != nil {
			return res, err
		}
		if ae.SeenIn(gen) {
			continue
		}
		ae.Gen, ae.State = gen, Alias
		if err := tx.Put(a, ae); err != nil {
			return res, err
		}
	}
	if res.New, err = ApplyAdd(tx, gen, c.Links); err != nil {
		return res, err
	}
	if c.Record == nil {
		return res, nil
	}
	re, ok, err := tx.Get(c.RecordKey)
	if err != nil {
		return res, err
	}
	if !ok {
		re = Entry{Gen: gen, State: RecordKey}
	}
	switch {
	case re.EmitGen == gen:
		res.Outcome = Duplicate
		return res, nil
	case re.Hash != "" && re.Hash == c.RecordHash:
		re.EmitGen = gen
		res.Outcome = Unchanged
	default:
		re.EmitGen, re.Hash = gen, c.RecordHash
		if res.Seq, err = tx.Emit(c.Record); err != nil {
			return res, err
		}
		res.Outcome = Emitted
	}
	return res, tx.Put(c.RecordKey, re)
}

// Requeue tells whether an incremental generation gen revisits the page of
// e: one fetched by an earlier generation. It then marks e queued in gen;
// the caller stores it and pushes its key.
func Requeue(e *Entry, gen uint64) bool {
	if e.State != Fetched || e.Gen >= gen {
		return false
	}
	e.Gen, e.State = gen, Queued
	return true
}

// Begin is the rule of [Store.Begin]: from the stored generation (0 for
// none) and the number of items queued (claims of dead processes given
// back), the generation to crawl, whether it resumes an unfinished one,
// and whether a new incremental generation must requeue the pages fetched
// before (see [Requeue]).
func Begin(gen uint64, queued int, incremental bool) (next uint64, resumed, requeue bool) {
	switch {
	case gen == 0:
		return 1, false, false
	case incremental && queued == 0:
		return gen + 1, false, true
	default:
		return gen, queued > 0, false
	}
}
