//go:build !linux

package generator

// hugeHeap does nothing here: only Linux is asked for huge pages (see
// heap_linux.go).
func hugeHeap(size int) {}
