package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// signalCause is the cause of a context cancelled by a signal (see
// signalContext).
type signalCause struct{ sig os.Signal }

func (c signalCause) Error() string { return c.sig.String() + " signal received" }

// Is makes the cause a context.Canceled, as signal.NotifyContext's is.
func (c signalCause) Is(target error) bool { return target == context.Canceled }

// signalContext is signal.NotifyContext keeping the signal as the
// context's cause, so that the exit status can tell SIGINT from SIGTERM
// (interruptedCode).
func signalContext(parent context.Context, sigs ...os.Signal) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case s := <-ch:
			cancel(signalCause{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}

// interruptedCode is the exit status of a command stopped by ctx: 128 plus
// the signal's number when a signal (through signalContext) did it, 143
// for SIGTERM; 130, as for Ctrl-C, otherwise.
func interruptedCode(ctx context.Context) int {
	var c signalCause
	if errors.As(context.Cause(ctx), &c) {
		if n, ok := c.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
	}
	return exitInterrupted
}
