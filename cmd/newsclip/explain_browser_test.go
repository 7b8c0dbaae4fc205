package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/newsclip/newsclip/extract"
)

// This file drives headless Chromium for the explain command's tests; it is
// its own helper (internal/browsertest, shared with the report's tests, may
// replace it).

// chromiumPath returns the Chromium (or Chrome) binary, skipping the test
// with a clear message when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium in CI: .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("skipped: no Chromium on this machine (apt-get install -y chromium; .ci/run installs it)")
	return ""
}

// browser starts headless Chromium with a profile in a temporary
// directory, offline: no background networking, updates or sync.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser, for as long as ctx lives: no
	// timeout on it, but on each page (see TestExplainInBrowser).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// renderedLabels is what the test reads off the rendered page.
type renderedLabels struct {
	// Links are the page's links (outside the panel) with the classes and
	// visible label of the nearest labelled element around them.
	Links []struct {
		Text, Classes, Label string
	}
	// Body are the texts of the elements labelled body.
	Body []string
	// Record is the text of the record panel.
	Record string
	// Labels counts the labelled elements whose label is shown.
	Labels, Shown int
}

const readLabels = `(() => {
	const norm = s => s.replace(/\s+/g, ' ').trim();
	const out = {Links: [], Body: [], Record: '', Labels: 0, Shown: 0};
	for (const a of document.querySelectorAll('a[href]')) {
		if (a.closest('#nc-panel')) continue;
		const l = a.closest('[data-nc-class]');
		out.Links.push({Text: norm(a.textContent), Classes: l ? l.dataset.ncClass : '',
			Label: l ? getComputedStyle(l, '::before').content : ''});
	}
	for (const el of document.querySelectorAll('[data-nc-class]')) {
		out.Labels++;
		const c = getComputedStyle(el, '::before').content;
		if (c && c !== 'none' && c.includes(el.dataset.ncLabel)) out.Shown++;
		if (el.dataset.ncClass.split(' ').includes('body')) out.Body.push(norm(el.textContent));
	}
	const rec = document.getElementById('nc-record');
	out.Record = rec ? rec.textContent : '';
	return out;
})()`

// TestExplainInBrowser renders the explain file of each seed page in
// headless Chromium and checks the labels on the rendered DOM: every item
// of a Related, Ranking or Recommendation block carries its block's kind
// and not body, every body paragraph is labelled body, and the record
// panel holds the record extract writes.
func TestExplainInBrowser(t *testing.T) {
	ctx := browser(t)
	seeds, err := filepath.Glob("../../testdata/extract/seed-*/input.html")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seed pages: %v", err)
	}
	dir := t.TempDir()
	for _, in := range seeds {
		name := filepath.Base(filepath.Dir(in))
		t.Run(name, func(t *testing.T) {
			var c struct {
				URL string `json:"url"`
			}
			b, err := os.ReadFile(filepath.Join(filepath.Dir(in), "case.json"))
			if err != nil || json.Unmarshal(b, &c) != nil {
				t.Fatalf("case.json: %v", err)
			}
			out := filepath.Join(dir, name+".html")
			if code, _, errs := runCLI(t, "", "explain", "--url", c.URL, "-o", out, in); code != exitOK {
				t.Fatalf("explain: exit %d, stderr: %s", code, errs)
			}
			code, rec, errs := runCLI(t, "", "extract", "--url", c.URL, in)
			if code != exitOK {
				t.Fatalf("extract: exit %d, stderr: %s", code, errs)
			}
			tctx, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			if err := chromedp.Do(tctx, chromedp.Navigate("file://"+out), chromedp.WaitReady(chromedp.ID("nc-record"))); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(tctx, chromedp.Evaluate[renderedLabels](readLabels))
			if err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			shot := filepath.Join(dir, name+".png")
			if err := os.WriteFile(shot, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s (page %s)", shot, out)
			checkRendered(t, rec, &got)
		})
	}
}

// checkRendered holds the rendered labels to the record extract wrote.
func checkRendered(t *testing.T, rec string, got *renderedLabels) {
	t.Helper()
	var want, panel any
	if err := json.Unmarshal([]byte(rec), &want); err != nil {
		t.Fatalf("extract output: %v", err)
	}
	if err := json.Unmarshal([]byte(got.Record), &panel); err != nil {
		t.Fatalf("record panel is not JSON: %v\n%.200s", err, got.Record)
	}
	if diff := cmp.Diff(want, panel); diff != "" {
		t.Errorf("record panel differs from extract's record (-extract +panel):\n%s", diff)
	}
	var a extract.Article
	if err := json.Unmarshal([]byte(rec), &a); err != nil {
		t.Fatal(err)
	}
	if got.Labels == 0 || got.Shown != got.Labels {
		t.Errorf("%d of %d labelled elements show their label", got.Shown, got.Labels)
	}
	for _, b := range a.Blocks {
		for _, l := range b.Links {
			found := false
			for _, pl := range got.Links {
				if pl.Text != l.Title {
					continue
				}
				found = true
				classes := strings.Fields(pl.Classes)
				if !contains(classes, b.Kind) || contains(classes, extract.ClassBody) || !strings.Contains(pl.Label, b.Kind) {
					t.Errorf("%s item %q labelled %q (shown %s), want %s and not body", b.Kind, l.Title, pl.Classes, pl.Label, b.Kind)
				}
			}
			if !found {
				t.Errorf("%s item %q: no such link on the rendered page", b.Kind, l.Title)
			}
		}
	}
	for _, para := range strings.Split(a.Text, "\n\n") {
		found := false
		for _, body := range got.Body {
			found = found || strings.Contains(body, strings.Join(strings.Fields(para), " "))
		}
		if !found {
			t.Errorf("body paragraph not labelled body: %.80q", para)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
