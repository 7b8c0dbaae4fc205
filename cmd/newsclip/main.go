// Command newsclip crawls news portals and extracts articles into JSON
// records. See the README for the commands and the record schema.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"syscall"
)

// main is the only place the process exits: with run's status, or at once
// on a second Ctrl-C (or SIGTERM) while a command finishes its work.
func main() {
	ctx, stop := signalContext(context.Background(), quitNow, os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// quitNow ends the process on a second signal. The state and output of a
// crawl survive it, as they survive kill -9.
func quitNow(sig os.Signal) { os.Exit(signalCode(sig)) }

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1 // the command could not run, or some inputs or pages failed
	exitUsage       = 2
	exitInterrupted = 130 // SIGINT; SIGTERM gives 143
)

const usage = `newsclip: news scraper and article extractor

usage:
  newsclip extract [flags] INPUT...   extract records from files, directories, URLs or - (stdin)
  newsclip explain [flags] INPUT      an HTML page showing why each part of a page was kept or dropped
  newsclip crawl [flags] URL...       crawl portals into JSON Lines records
  newsclip demo [flags]               crawl the bundled demo portal, offline
  newsclip report [flags] OUT.jsonl...  an HTML report of a crawl's records
  newsclip merge [-o FILE] FILE...    join the outputs of a crawl's workers, each article once
  newsclip status --redis URL --crawl-id NAME   the state of a crawl shared through Redis
  newsclip help [COMMAND]             this text, or a command's flags
  newsclip --version                  the version and commit

Run "newsclip help COMMAND" (or "newsclip COMMAND -h") for a command's flags.
`

// stdio are a command's standard streams.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// commands are the subcommands, by name.
var commands = map[string]func(ctx context.Context, args []string, s stdio) error{
	"extract": runExtract,
	"explain": runExplain,
	"crawl":   runCrawl,
	"demo":    runDemo,
	"report":  runReport,
	"merge":   runMerge,
	"status":  runStatus,
}

// run runs the command named by args[0] and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := stdio{in: stdin, out: stdout, err: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	var err error
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 || name != "help" {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		name, rest = rest[0], []string{"-h"}
		if _, ok := commands[name]; !ok {
			err = usageErrorf("unknown command %q", name)
			name = "help"
		}
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, version())
		return exitOK
	}
	if cmd, ok := commands[name]; ok && err == nil {
		err = cmd(ctx, rest, s)
	} else if err == nil {
		err = usageErrorf("unknown command %q", name)
		name = ""
	}
	return exitCode(ctx, name, err, stderr)
}

// usageError is bad usage: a flag or argument that makes no sense.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// errReported is returned by a command that has said what went wrong
// already (an extract whose failed inputs were each reported) and exits 1.
type errReported struct{ msg string }

func (e *errReported) Error() string { return e.msg }

// interrupted is the error of a command stopped by a signal (or its
// context); msg is what is said, err the context's error.
type interrupted struct {
	msg string
	err error
}

func (e *interrupted) Error() string { return e.msg }
func (e *interrupted) Unwrap() error { return e.err }

// exitCode reports err on stderr, prefixed with the command's name, and
// maps it to the exit status: the one place that does.
func exitCode(ctx context.Context, name string, err error, stderr io.Writer) int {
	prefix := "newsclip: "
	if name != "" {
		prefix = "newsclip " + name + ": "
	}
	if err != nil { // the crawl package's errors say "crawl: " already
		err = trimmed{err, strings.TrimPrefix(err.Error(), name+": ")}
	}
	var ue *usageError
	var rep *errReported
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		hint := `run "newsclip -h" for usage`
		if _, ok := commands[name]; ok {
			hint = fmt.Sprintf(`run "newsclip %s -h" for usage`, name)
		}
		fmt.Fprintf(stderr, "%s%v\n%s\n", prefix, err, hint)
		return exitUsage
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintf(stderr, "%s%v\n", prefix, err)
		return interruptedCode(ctx)
	case errors.As(err, &rep):
		if rep.msg != "" {
			fmt.Fprintf(stderr, "%s%v\n", prefix, err)
		}
		return exitFailed
	}
	fmt.Fprintf(stderr, "%s%v\n", prefix, err)
	return exitFailed
}

// trimmed is an error said without a prefix its command repeats.
type trimmed struct {
	error
	msg string
}

func (t trimmed) Error() string { return t.msg }
func (t trimmed) Unwrap() error { return t.error }

// version is the module's version and the commit it was built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "newsclip (unknown version)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var commit, when, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	out := "newsclip " + v
	if commit != "" {
		out += fmt.Sprintf(" (commit %.12s %s%s)", commit, when, dirty)
	}
	return out + ", " + bi.GoVersion
}
