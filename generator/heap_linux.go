package generator

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// hugeHeap has Linux back the next size bytes of the Go heap with 2 MiB
// pages: it allocates them, marks them MADV_HUGEPAGE (which Go does not
// ask for itself) and frees them again. The heap hands that memory out
// as the build allocates, and Linux maps each 2 MiB of it on its first
// touch, where fresh memory would otherwise cost a page fault per 4 KiB,
// an expensive trap on a virtual machine: a cold build of 20,000
// agencies took 117,000 page faults, a tenth of its CPU time, and its
// garbage collector walked a heap of small pages.
//
// Nothing is touched here: the pages are mapped as the build first
// writes them, on whichever core does, and what the build never uses
// costs address space, not memory. Touching one byte per huge page
// ahead of the build (as this did until December 2026) did the same
// faults in one go on one core: at 20,000 agencies, 5 interleaved cold
// builds each, 4.78 s with that and 3.29 s without (bench notes in
// docs/performance.md).
//
// The mark is only advice: with huge pages off, or none free, nothing is
// gained but nothing breaks.
func hugeHeap(size int) {
	if size <= 0 {
		return
	}
	b := make([]byte, size)
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
}
