package quick

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestCalls: the quick calls do what the ordinary ones do, results and
// errors alike, on any file system (they only skip the scheduler).
func TestCalls(t *testing.T) {
	for _, c := range []struct {
		name  string
		calls Calls
	}{{"ordinary", Calls{}}, {"quick", Calls{raw: true}}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "page.html")
			data := bytes.Repeat([]byte("<p>synthetic page</p>\n"), 4000) // 88 KB: more than one page of memory

			if _, err := c.calls.Open(filepath.Join(dir, "missing"), unix.O_RDONLY, 0); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("open of a missing file: %v, want ErrNotExist", err)
			}
			fd, err := c.calls.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			if n, err := c.calls.Write(fd, data); err != nil || n != len(data) {
				t.Fatalf("write: %d, %v", n, err)
			}
			if n, err := c.calls.Write(fd, nil); err != nil || n != 0 {
				t.Errorf("empty write: %d, %v", n, err)
			}
			if err := c.calls.Close(fd); err != nil {
				t.Fatal(err)
			}
			if err := c.calls.Close(fd); !errors.Is(err, unix.EBADF) {
				t.Errorf("second close: %v, want EBADF", err)
			}
			if _, err := c.calls.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644); !errors.Is(err, fs.ErrExist) {
				t.Errorf("exclusive create of an existing file: %v, want ErrExist", err)
			}

			fd, err = c.calls.Open(name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err != nil {
				t.Fatal(err)
			}
			var st unix.Stat_t
			if err := c.calls.Fstat(fd, &st); err != nil || st.Size != int64(len(data)) || st.Mode&unix.S_IFMT != unix.S_IFREG {
				t.Errorf("fstat: size %d mode %o, %v", st.Size, st.Mode, err)
			}
			buf := make([]byte, 2*len(data))
			n, err := c.calls.Read(fd, buf)
			if err != nil || !bytes.Equal(buf[:n], data) {
				t.Errorf("read %d bytes, %v; want the %d written", n, err, len(data))
			}
			if n, err := c.calls.Read(fd, buf); n != 0 || err != nil {
				t.Errorf("read at the end: %d, %v", n, err)
			}
			if n, err := c.calls.Read(fd, nil); n != 0 || err != nil {
				t.Errorf("empty read: %d, %v", n, err)
			}
			if _, err := c.calls.Write(fd, data); !errors.Is(err, unix.EBADF) {
				t.Errorf("write to a file opened for reading: %v, want EBADF", err)
			}
			c.calls.Close(fd)

			sub := filepath.Join(dir, "agencies", "synthetic-00001")
			err = c.calls.Mkdir(sub, 0o755)
			var pe *os.PathError
			if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Op != "mkdir" || pe.Path != sub {
				t.Errorf("mkdir under a missing folder: %#v, want an *os.PathError for %s matching ErrNotExist", err, sub)
			}
			if err := c.calls.Mkdir(filepath.Dir(sub), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := c.calls.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(sub); err != nil || !fi.IsDir() || fi.Mode().Perm()&0o700 != 0o700 {
				t.Errorf("made folder: %v, %v", fi, err)
			}
			if err := c.calls.Mkdir(sub, 0o755); !errors.Is(err, fs.ErrExist) {
				t.Errorf("mkdir of an existing folder: %v, want ErrExist", err)
			}
			if _, err := c.calls.Open("bad\x00name", unix.O_RDONLY, 0); err == nil {
				t.Error("a path with a NUL byte opened")
			}
			if err := c.calls.Mkdir("bad\x00name", 0o755); err == nil {
				t.Error("a folder with a NUL byte in its name made")
			}
		})
	}
}

// TestFor: a folder in memory gets the quick calls, one on disk or one
// that cannot be looked at the ordinary ones.
func TestFor(t *testing.T) {
	if For(filepath.Join(t.TempDir(), "missing")).Quick() {
		t.Error("quick calls for a folder that does not exist")
	}
	var st unix.Statfs_t
	if err := unix.Statfs("/proc", &st); err == nil && For("/proc").Quick() {
		t.Error("quick calls for /proc")
	}
	if err := unix.Statfs("/dev/shm", &st); err != nil || st.Type != unix.TMPFS_MAGIC {
		t.Skip("no tmpfs at /dev/shm")
	}
	if !For("/dev/shm").Quick() {
		t.Error("ordinary calls for /dev/shm, a tmpfs")
	}
}
