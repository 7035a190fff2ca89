package quick

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// For returns the calls for files under dir: quick ones when dir is on a
// file system held in memory, ordinary ones otherwise or when that
// cannot be told.
func For(dir string) Calls {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return Calls{}
	}
	return Calls{raw: st.Type == unix.TMPFS_MAGIC || st.Type == unix.RAMFS_MAGIC}
}

// atFDCWD is AT_FDCWD as a system call argument: paths are taken as
// they are, relative to the working folder.
var atFDCWD = func() uintptr { fd := unix.AT_FDCWD; return uintptr(fd) }()

// Open is unix.Open.
func (c Calls) Open(path string, flags int, mode uint32) (int, error) {
	if !c.raw {
		return unix.Open(path, flags, mode)
	}
	p, err := unix.BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	fd, _, e := unix.RawSyscall6(unix.SYS_OPENAT, atFDCWD, uintptr(unsafe.Pointer(p)), uintptr(flags|unix.O_LARGEFILE), uintptr(mode), 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}

// Fstat is unix.Fstat.
func (c Calls) Fstat(fd int, st *unix.Stat_t) error {
	if !c.raw {
		return unix.Fstat(fd, st)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_FSTAT, uintptr(fd), uintptr(unsafe.Pointer(st)), 0); e != 0 {
		return e
	}
	return nil
}

// Read is unix.Read.
func (c Calls) Read(fd int, b []byte) (int, error) {
	if !c.raw || len(b) == 0 {
		return unix.Read(fd, b)
	}
	return rawIO(unix.SYS_READ, fd, b)
}

// Write is unix.Write.
func (c Calls) Write(fd int, b []byte) (int, error) {
	if !c.raw || len(b) == 0 {
		return unix.Write(fd, b)
	}
	return rawIO(unix.SYS_WRITE, fd, b)
}

// rawIO makes the read or write system call trap on fd for the bytes of
// b, which is not empty.
func rawIO(trap uintptr, fd int, b []byte) (int, error) {
	n, _, e := unix.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
	if e != 0 {
		return -1, e
	}
	return int(n), nil
}

// Close is unix.Close.
func (c Calls) Close(fd int) error {
	if !c.raw {
		return unix.Close(fd)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0); e != 0 {
		return e
	}
	return nil
}

// Mkdir is os.Mkdir: its error is an *os.PathError, which errors.Is
// matches against fs.ErrExist and fs.ErrNotExist.
func (c Calls) Mkdir(path string, mode uint32) error {
	if !c.raw {
		return os.Mkdir(path, os.FileMode(mode))
	}
	p, err := unix.BytePtrFromString(path)
	if err != nil {
		return &os.PathError{Op: "mkdir", Path: path, Err: err}
	}
	if _, _, e := unix.RawSyscall(unix.SYS_MKDIRAT, atFDCWD, uintptr(unsafe.Pointer(p)), uintptr(mode)); e != 0 {
		return &os.PathError{Op: "mkdir", Path: path, Err: e}
	}
	return nil
}
