//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package load

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestReadRegularRefuses: a file a folder listing showed as regular and
// that became a link or a named pipe before it was read is refused, not
// followed or waited on, since load then skips its look at links.
func TestReadRegularRefuses(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte(record), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "link.md")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := unix.Mkfifo(filepath.Join(root, "pipe.md"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	d := DirFS(root).(diskFS)
	for _, name := range []string{"link.md", "pipe.md"} {
		if b, _, err := d.readLimited(name, MaxSize, true, nil, nil); err == nil {
			t.Errorf("%s read as a regular file: %q", name, b)
		}
	}
	// Without the listing's word, the link is read (escapes judged it).
	if _, _, err := d.readLimited("link.md", MaxSize, false, nil, nil); err != nil {
		t.Errorf("link.md not read when not said to be regular: %v", err)
	}
}
