//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// createFile creates name, which must not exist, holding data, with three
// system calls: open, write, close. os.OpenFile would also register the
// file with the runtime's poller (which refuses regular files) and look
// at its flags, five more calls per file, and a cold build creates
// thousands of files, where the system calls were the largest cost after
// the templates.
func createFile(name string, data []byte) error {
	fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	for err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = unix.Write(fd, data)
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
		unix.Close(fd)
		return &os.PathError{Op: "write", Path: name, Err: err}
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
