package bbolt

// SetBeginBatch sets the batch of an incremental Begin, for a test; it
// returns the function restoring it.
func SetBeginBatch(n int) func() {
	old := beginBatch
	beginBatch = n
	return func() { beginBatch = old }
}
