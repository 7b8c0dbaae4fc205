//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package crawl

import (
	"errors"
	"os"
	"syscall"
)

// lockShared takes a shared advisory lock (flock) on f, released when f is
// closed; busy when another open file holds an exclusive one.
func lockShared(f *os.File) (busy bool, err error) { return flock(f, syscall.LOCK_SH) }

// lockExclusive takes an exclusive advisory lock on f, released when f is
// closed; busy when another open file holds a lock on it.
func lockExclusive(f *os.File) (busy bool, err error) { return flock(f, syscall.LOCK_EX) }

func flock(f *os.File, how int) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return false, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		}
		return false, err
	}
}
