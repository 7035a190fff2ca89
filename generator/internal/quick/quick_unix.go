//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package quick

import (
	"os"

	"golang.org/x/sys/unix"
)

// For returns ordinary calls: system calls go through the C library on
// some of these systems, and none is measured here.
func For(dir string) Calls { return Calls{} }

// Open is unix.Open.
func (c Calls) Open(path string, flags int, mode uint32) (int, error) {
	return unix.Open(path, flags, mode)
}

// Fstat is unix.Fstat.
func (c Calls) Fstat(fd int, st *unix.Stat_t) error { return unix.Fstat(fd, st) }

// Read is unix.Read.
func (c Calls) Read(fd int, b []byte) (int, error) { return unix.Read(fd, b) }

// Write is unix.Write.
func (c Calls) Write(fd int, b []byte) (int, error) { return unix.Write(fd, b) }

// Close is unix.Close.
func (c Calls) Close(fd int) error { return unix.Close(fd) }

// Mkdir is os.Mkdir.
func (c Calls) Mkdir(path string, mode uint32) error { return os.Mkdir(path, os.FileMode(mode)) }
