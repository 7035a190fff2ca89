//go:build !linux

package generator

// warmHeap does nothing here: only Linux is asked for huge pages (see
// heap_linux.go), and touching small pages ahead of the build would
// only move its page faults, not save them.
func warmHeap(size int) {}
