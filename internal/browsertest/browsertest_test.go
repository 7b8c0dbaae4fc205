package browsertest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsclip/newsclip/internal/browsertest"
)

const page = `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<style>.bar{fill:#369}</style></head><body>
<h1>Réport</h1>
<svg width="200" height="100" role="img" aria-label="chart"><rect class="bar" x="0" y="0" width="50" height="80"/><rect class="bar" x="60" y="0" width="50" height="40"/></svg>
<img src="http://127.0.0.1:1/remote.png" alt="">
<script>document.body.dataset.ready = "yes"; null.boom;</script>
</body></html>`

func TestPage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)
	p := b.Open(path)
	if got := browsertest.Eval[string](p, `document.querySelector("h1").textContent`); got != "Réport" {
		t.Errorf("h1 = %q, want Réport (UTF-8)", got)
	}
	heights := browsertest.Eval[[]float64](p, `[...document.querySelectorAll("rect.bar")].map(r => r.getBBox().height)`)
	if diff := cmp.Diff([]float64{80, 40}, heights); diff != "" {
		t.Errorf("bar heights (-want +got):\n%s", diff)
	}
	if got := browsertest.Eval[string](p, `document.body.dataset.ready`); got != "yes" {
		t.Errorf("script did not run: %q", got)
	}
	if got := p.Requests(); len(got) != 1 || !strings.Contains(got[0], "127.0.0.1:1/remote.png") {
		t.Errorf("Requests() = %q, want the remote image alone", got)
	}
	if got := p.Errors(); len(got) != 1 || !strings.Contains(got[0], "null") {
		t.Errorf("Errors() = %q, want the null dereference", got)
	}
	if !strings.Contains(p.DOM(), `data-ready="yes"`) {
		t.Errorf("DOM() lacks the attribute the script set")
	}
	shot := p.Screenshot("page")
	png, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("screenshot %s: not a PNG (%v)", shot, err)
	}
}
