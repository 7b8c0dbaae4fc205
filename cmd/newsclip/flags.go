package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// parseFlags parses args, flags and arguments mixed: on -h it writes help
// (head, then the flags) to stdout and returns flag.ErrHelp; a bad flag is
// a usageError.
func parseFlags(fs *flag.FlagSet, head string, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard) // the errors are ours to report, the help ours to print
	fs.Usage = func() {}
	rest, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, head)
		printFlags(stdout, fs)
		return nil, flag.ErrHelp
	case err != nil:
		msg := reFlagInError.ReplaceAllStringFunc(err.Error(), func(m string) string {
			return strings.Replace(m, "-", "--", 1)
		})
		return nil, &usageError{msg}
	}
	return rest, nil
}

// reFlagInError finds a long flag in the flag package's errors ("flag
// provided but not defined: -frob", "invalid value "-1" for flag
// -max-body: ..."), to spell it as the help does.
var reFlagInError = regexp.MustCompile(`(?:^|\s)-[A-Za-z][\w-]+\b`)

// parseInterspersed parses flags that may follow the positional
// arguments, as in "newsclip crawl URL -o out.jsonl".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" || (len(args) > len(rest) && args[len(args)-len(rest)-1] == "--") {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagName is a flag as the help and the README spell it: -o, --state.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printFlags is flag.PrintDefaults with the flags spelled as the prose
// spells them.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		line := "  " + flagName(f.Name)
		if arg != "" {
			line += " " + arg
		}
		text = strings.ReplaceAll(text, "\n", "\n    \t")
		switch {
		case f.DefValue == "" || f.DefValue == "0" || f.DefValue == "false" || f.DefValue == "0s":
		case fmt.Sprintf("%T", f.Value) == "*flag.stringValue":
			text += fmt.Sprintf(" (default %q)", f.DefValue)
		default:
			text += fmt.Sprintf(" (default %v)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, text)
	})
}

// atLeast checks that the int flags named hold at least min.
func atLeast(fs *flag.FlagSet, min int, names ...string) error {
	for _, name := range names {
		f := fs.Lookup(name)
		n, err := strconv.Atoi(f.Value.String())
		if err == nil && n < min {
			return usageErrorf("%s %d: want %d or more", flagName(name), n, min)
		}
	}
	return nil
}

// checkDurations checks that the duration flags named are more than 0, or
// 0 or more with zero set.
func checkDurations(fs *flag.FlagSet, zero bool, names ...string) error {
	for _, name := range names {
		d, err := time.ParseDuration(fs.Lookup(name).Value.String())
		switch {
		case err != nil:
		case d < 0 && zero:
			return usageErrorf("%s %v: want 0 or more", flagName(name), d)
		case d <= 0 && !zero:
			return usageErrorf("%s %v: want more than 0", flagName(name), d)
		}
	}
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// byteSize is a size flag: 1048576, 512KiB, 10MiB, 10MB, 1GiB.
type byteSize int64

func (b *byteSize) String() string {
	if *b == 0 {
		return ""
	}
	return strconv.FormatInt(int64(*b), 10)
}

func (b *byteSize) Set(v string) error {
	s := strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(strings.ToUpper(s), strings.ToUpper(u.suffix)) {
			s, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 1 || n*float64(mult) > 1<<62 {
		return fmt.Errorf("bad size %q: want a number of bytes, at least 1, or one with a unit such as 512KiB or 10MiB", v)
	}
	*b = byteSize(n * float64(mult))
	return nil
}

// sizeString writes n bytes the way a person would: 10 MiB, 1000 bytes.
func sizeString(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
