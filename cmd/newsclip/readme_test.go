package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeCompiles builds the README's Go blocks, each a whole program,
// against this module, and vets them: a snippet that does not compile, or
// declares what it does not use, fails here rather than for a reader.
func TestReadmeCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("no Go block in the README")
	}
	dir := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module readme\n\ngo 1.26\n\n"+
		"require github.com/newsclip/newsclip v0.0.0\n\n"+
		"replace github.com/newsclip/newsclip => "+root+"\n"), 0o644))
	for i, b := range blocks {
		src := string(b[1])
		if !regexp.MustCompile(`(?m)^package main$`).MatchString(src) {
			t.Errorf("README Go block %d is not a whole program (package main): readers copy it as it is\n%s", i+1, src)
			continue
		}
		sub := filepath.Join(dir, "snippet"+string(rune('a'+i)))
		must(t, os.MkdirAll(sub, 0o755))
		must(t, os.WriteFile(filepath.Join(sub, "main.go"), b[1], 0o644))
	}
	cmd := exec.Command(goTool, "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the README's Go blocks do not build: %v\n%s", err, strings.TrimSpace(string(out)))
	}
}
