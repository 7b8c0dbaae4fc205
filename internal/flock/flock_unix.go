//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

// Package flock takes advisory file locks (flock) where the system has them.
package flock

import (
	"errors"
	"os"
	"syscall"
)

// Shared takes a shared advisory lock (flock) on f, released when f is
// closed; busy when another open file holds an exclusive one.
func Shared(f *os.File) (busy bool, err error) { return flock(f, syscall.LOCK_SH) }

// Exclusive takes an exclusive advisory lock on f, released when f is
// closed; busy when another open file holds a lock on it.
func Exclusive(f *os.File) (busy bool, err error) { return flock(f, syscall.LOCK_EX) }

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
