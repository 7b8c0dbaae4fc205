package crawl

import (
	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/bbolt"
	"github.com/newsclip/newsclip/crawl/store/memory"
)

// The crawl state moved to package crawl/store (the interface and its
// rules) and one package per backend. These names stay for existing
// callers.

// Store is [store.Store].
//
// Deprecated: use [store.Store].
type Store = store.Store

// Item is [store.Item].
//
// Deprecated: use [store.Item].
type Item = store.Item

// Completion is [store.Completion].
//
// Deprecated: use [store.Completion].
type Completion = store.Completion

// Result is [store.Result]; its Why string became the typed
// [store.Result.Outcome].
//
// Deprecated: use [store.Result].
type Result = store.Result

// Resume is [store.Resume].
//
// Deprecated: use [store.Resume].
type Resume = store.Resume

// Pending is [store.Pending].
//
// Deprecated: use [store.Pending].
type Pending = store.Pending

// Bolt is [bbolt.Bolt].
//
// Deprecated: use [bbolt.Bolt].
type Bolt = bbolt.Bolt

// OpenBolt is [bbolt.Open].
//
// Deprecated: use [bbolt.Open].
func OpenBolt(path string) (*Bolt, error) { return bbolt.Open(path) }

// NewMemoryStore is [memory.New].
//
// Deprecated: use [memory.New].
func NewMemoryStore() Store { return memory.New() }

// ErrBadState is [bbolt.ErrBadState].
//
// Deprecated: use [bbolt.ErrBadState].
var ErrBadState = bbolt.ErrBadState

// ErrStateInUse is [bbolt.ErrStateInUse].
//
// Deprecated: use [bbolt.ErrStateInUse].
var ErrStateInUse = bbolt.ErrStateInUse
