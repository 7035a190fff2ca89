//go:build unix

package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes path a named pipe, which blocks whoever opens it to read
// until a writer comes: a file that cannot be read, even by root.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
}

// TestLayoutNamedPipe: a named pipe in the site's layouts/ is refused with
// its name rather than waited on for ever, by a build and by serve's
// rebuild, and the output is left as it was.
func TestLayoutNamedPipe(t *testing.T) {
	src, out, serving := servedSite(t, readFixture(t, "testdata/build/minimal.txtar"))
	before := readTree(t, out)
	var err error
	const pipe = "layouts/partials/pipe.html"
	mkfifo(t, filepath.Join(src, filepath.FromSlash(pipe)))
	for name, build := range map[string]func() error{
		"build":   func() error { _, err := buildSite(src, out); return err },
		"rebuild": func() error { _, err := serving.Rebuild([]string{pipe}); return err },
	} {
		done := make(chan error, 1)
		go func() { done <- build() }()
		select {
		case err = <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("%s still waiting on the named pipe after 30 s", name)
		}
		if err == nil || !strings.Contains(err.Error(), "partials/pipe.html") || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("%s: got %v, want an error naming partials/pipe.html as not a regular file", name, err)
		}
	}
	if !equalTrees(before, readTree(t, out)) {
		t.Error("the failed build changed the output")
	}
}
