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
// (interruptedCode). The first signal cancels the context; a second one
// calls again (main's quitNow), which ends the process whatever the
// command is blocked on.
func signalContext(parent context.Context, again func(os.Signal), sigs ...os.Signal) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, sigs...)
	stopped := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			cancel(signalCause{s})
		case <-stopped:
			return
		}
		select {
		case s := <-ch:
			again(s)
		case <-stopped:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(stopped)
		cancel(nil)
	}
}

// signalCode is the exit status of a process ended by sig: 128 plus its
// number (130 for SIGINT, 143 for SIGTERM).
func signalCode(sig os.Signal) int {
	if n, ok := sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return exitInterrupted
}

// interruptedCode is the exit status of a command stopped by ctx: that of
// the signal that did it (through signalContext), or 130, as for Ctrl-C.
func interruptedCode(ctx context.Context) int {
	var c signalCause
	if errors.As(context.Cause(ctx), &c) {
		return signalCode(c.sig)
	}
	return exitInterrupted
}
