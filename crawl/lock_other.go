//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package crawl

import "os"

// lockShared does nothing on this system: nothing stops two crawls from
// sharing an output file but the user.
func lockShared(f *os.File) (busy bool, err error) { return false, nil }

// lockExclusive does nothing on this system, as lockShared.
func lockExclusive(f *os.File) (busy bool, err error) { return false, nil }
