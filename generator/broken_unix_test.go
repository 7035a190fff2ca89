//go:build unix

package generator_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
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
