//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package flock

import "os"

// Shared does nothing on this system: nothing stops two crawls from
// sharing an output file but the user.
func Shared(f *os.File) (busy bool, err error) { return false, nil }

// Exclusive does nothing on this system, as Shared.
func Exclusive(f *os.File) (busy bool, err error) { return false, nil }
