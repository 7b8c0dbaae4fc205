// Package browsertest renders pages in headless Chromium for tests, so that
// they can assert on what a person would see: the DOM after layout and
// scripts, computed geometry, and a screenshot.
//
// Chromium is Debian's (apt-get install -y chromium), found on PATH or named
// by $NEWSCLIP_CHROMIUM. Where none is found, [New] skips the test with a
// message saying how to install it, except when $CI is set: CI installs
// Chromium (see .ci/run), so there a missing browser fails the test.
//
// The browser runs with a throwaway profile, no sandbox (CI runs as root), no
// GPU and the background services that phone home turned off; a page may
// still try to reach the network, and [Page.Requests] tells which URLs it
// asked for, so a test can assert that a page is self-contained.
package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// EnvExec names the environment variable that may give Chromium's path.
const EnvExec = "NEWSCLIP_CHROMIUM"

// candidates are the names Chromium goes by on PATH.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell", "headless_shell"}

// ExecPath returns the path of Chromium: $NEWSCLIP_CHROMIUM when set, else
// the first of the usual names found on PATH; "" when there is none.
func ExecPath() string {
	if p := os.Getenv(EnvExec); p != "" {
		return p
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Width and Height are the window's size, and so the screenshots' width.
const (
	Width  = 1280
	Height = 900
)

// timeout bounds each step (start, load, evaluation, screenshot).
const timeout = 60 * time.Second

// Browser is a headless Chromium started for one test.
type Browser struct {
	t   testing.TB
	ctx context.Context
}

// New starts headless Chromium for t; it is stopped when t ends. Without
// Chromium, t is skipped (or, under $CI, failed).
func New(t testing.TB) *Browser {
	t.Helper()
	exe := ExecPath()
	if exe == "" {
		msg := "browsertest: Chromium not found (apt-get install -y chromium, or set " + EnvExec + ")"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI must have it")
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(Width, Height),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	// The first Run starts the browser on bctx's about:blank tab.
	if err := first(bctx, cancelBrowser); err != nil {
		t.Fatalf("browsertest: starting %s: %v", exe, err)
	}
	return &Browser{t: t, ctx: bctx}
}

// first runs the first actions on a chromedp context, which opens its
// browser or tab. They must run on ctx itself, which the browser's or tab's
// life is bound to (on a context with a timeout, the tab would close when
// it ends), so the timeout cancels ctx instead.
func first(ctx context.Context, cancel context.CancelFunc, steps ...chromedp.Action[chromedp.Void]) error {
	timer := time.AfterFunc(timeout, cancel)
	defer timer.Stop()
	return chromedp.Do(ctx, steps...)
}

// Page is one tab.
type Page struct {
	t   testing.TB
	ctx context.Context
	doc string // the URL opened

	mu       sync.Mutex
	requests []string
	errors   []string
}

// Open opens a file (by path) or a URL in a new tab and waits for its load
// event.
func (b *Browser) Open(pathOrURL string) *Page {
	b.t.Helper()
	u := pathOrURL
	if !strings.Contains(u, "://") {
		abs, err := filepath.Abs(u)
		if err != nil {
			b.t.Fatalf("browsertest: %v", err)
		}
		u = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	}
	p := &Page{t: b.t, doc: u}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(p.listen))
	b.t.Cleanup(cancel)
	p.ctx = ctx
	if err := first(ctx, cancel, chromedp.Navigate(u)); err != nil {
		b.t.Fatalf("browsertest: opening %s: %v", u, err)
	}
	return p
}

// listen runs in the tab's message loop: it only records.
func (p *Page) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil && ev.Request.URL != p.doc && !strings.HasPrefix(ev.Request.URL, "data:") {
			p.requests = append(p.requests, ev.Request.URL)
		}
	case *runtime.EventExceptionThrown:
		if d := ev.ExceptionDetails; d != nil {
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			p.errors = append(p.errors, msg)
		}
	}
}

// Requests returns the URLs the page asked for besides its own document and
// data: URLs: for a self-contained page, none.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// Errors returns the page's uncaught script exceptions.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// (as JSON) into a T; an exception fails the test.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("browsertest: evaluating %.80q: %v", expr, err)
	}
	return v
}

// DOM returns the rendered document's HTML.
func (p *Page) DOM() string {
	p.t.Helper()
	return Eval[string](p, `document.documentElement.outerHTML`)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// EnvShots names the environment variable that may give a directory where
// screenshots are kept after the test (the test's temporary directory, the
// default, is removed when it ends).
const EnvShots = "NEWSCLIP_SCREENSHOTS"

// Screenshot writes a PNG of the whole page (beyond the window) as name.png
// to the test's temporary directory, or to $NEWSCLIP_SCREENSHOTS when set,
// logs its path (seen with -v) and returns it.
func (p *Page) Screenshot(name string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("browsertest: screenshot: %v", err)
	}
	dir := os.Getenv(EnvShots)
	if dir == "" {
		dir = p.t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatalf("browsertest: %v", err)
	}
	path := filepath.Join(dir, unsafeName.ReplaceAllString(name, "_")+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatalf("browsertest: %v", err)
	}
	p.t.Logf("screenshot: %s (%d bytes)", path, len(png))
	return path
}

// String names the page in messages.
func (p *Page) String() string { return fmt.Sprintf("page %s", p.doc) }
