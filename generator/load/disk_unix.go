//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package load

import (
	"io/fs"

	"golang.org/x/sys/unix"

	"linewatch/generator/internal/quick"
)

// refusesLinks says that readFileLimited, told a file is regular, opens
// it without following a link and reads nothing but a regular file.
const refusesLinks = true

// readFileLimited reads the file at path with open, fstat, read and
// close, and no more: see DirFS. Only a regular file is read; with
// regular set a link is not followed either (see diskFS.readLimited), and
// a non-nil seen gets what fstat said of it. The file is read into a buffer from texts (nil: its own),
// with calls.
func readFileLimited(path string, limit int, regular bool, seen *Seen, texts *textArena, calls quick.Calls) ([]byte, bool, error) {
	// Never wait in open: a named pipe put in a record's place after it
	// was looked at is refused below rather than waited on.
	flags := unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK
	if regular {
		flags |= unix.O_NOFOLLOW
	}
	fd, err := calls.Open(path, flags, 0)
	for err == unix.EINTR {
		fd, err = calls.Open(path, flags, 0)
	}
	if err != nil {
		return nil, false, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer calls.Close(fd)
	var st unix.Stat_t
	if err := calls.Fstat(fd, &st); err != nil {
		return nil, false, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return nil, false, &fs.PathError{Op: "read", Path: path, Err: unix.EISDIR}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false, &fs.PathError{Op: "read", Path: path, Err: errNotRegular}
	}
	if seen != nil && regular && st.Mode&unix.S_IFMT == unix.S_IFREG {
		// Opened without following a link: what fstat says is the file's.
		*seen = Seen{Size: st.Size, ModTime: st.Mtim.Nano(), Regular: true}
	}
	if st.Size > int64(limit) {
		return nil, true, nil
	}
	// One byte more than the size: a file that grew since fstat shows it
	// by filling that byte, and is read on to its end. A file that gave
	// exactly the size fstat said is read whole, without a last read to
	// see its end (a system call per record).
	size := int(max(st.Size, 0))
	b := texts.buf(size + 1)
	for {
		n, err := calls.Read(fd, b[len(b):cap(b)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, false, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n <= 0 {
			return b, false, nil
		}
		b = b[:len(b)+n]
		if len(b) == size && size > 0 {
			return b, false, nil
		}
		if len(b) > limit {
			return nil, true, nil
		}
		if len(b) == cap(b) { // the file grew since fstat
			b = append(b, 0)[:len(b)]
		}
	}
}
