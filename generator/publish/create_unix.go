//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"io"
	"os"

	"golang.org/x/sys/unix"

	"linewatch/generator/internal/quick"
)

// create creates name, which must not exist, holding data, with three
// system calls: open, write, close. os.OpenFile would also register the
// file with the runtime's poller (which refuses regular files) and look
// at its flags, five more calls per file, and a cold build creates
// thousands of files, where the system calls were the largest cost after
// the templates.
func (o *options) create(name string, data []byte) error {
	c := o.calls
	fd, err := c.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	for err == unix.EINTR {
		fd, err = c.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = c.Write(fd, data)
		if err == unix.EINTR {
			err = nil
			continue
		}
		if err == nil && n == 0 {
			err = unix.EIO
		}
		data = data[max(n, 0):]
	}
	if err != nil {
		c.Close(fd)
		return &os.PathError{Op: "write", Path: name, Err: err}
	}
	if err := c.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// mkdir is os.Mkdir(dir, 0o755), made with o's calls.
func (o *options) mkdir(dir string) error { return o.calls.Mkdir(dir, 0o755) }

// createNew creates name, which must not exist, for writing with o's
// calls, as os.OpenFile(name, O_WRONLY|O_CREATE|O_EXCL, 0o644) would.
func (o *options) createNew(name string) (io.WriteCloser, error) {
	fd, err := o.calls.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	for err == unix.EINTR {
		fd, err = o.calls.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return &newFile{fd: fd, name: name, calls: o.calls}, nil
}

// newFile is a file createNew made, written with its calls.
type newFile struct {
	fd    int
	name  string
	calls quick.Calls
}

// Write writes all of p, as os.File's Write does.
func (f *newFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := f.calls.Write(f.fd, p[n:])
		if err == unix.EINTR {
			continue
		}
		if err == nil && m == 0 {
			err = unix.EIO
		}
		if err != nil {
			return n, &os.PathError{Op: "write", Path: f.name, Err: err}
		}
		n += m
	}
	return n, nil
}

// Close closes the file.
func (f *newFile) Close() error {
	if err := f.calls.Close(f.fd); err != nil {
		return &os.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
