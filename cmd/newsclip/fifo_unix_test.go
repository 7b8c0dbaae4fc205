//go:build unix

package main

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path; it skips the test where it cannot.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
}
