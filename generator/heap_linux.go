package generator

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on Linux.
const hugePage = 2 << 20

// warmHeap readies size bytes of the Go heap for a cold build: it
// allocates them, has Linux back them with 2 MiB pages (MADV_HUGEPAGE,
// which Go does not ask for itself) by writing one byte in each, and
// frees them again. The heap then hands out that memory, already in
// place, as the build allocates, where each 4 KiB page of fresh memory
// would otherwise cost a page fault of its own, an expensive trap on a
// virtual machine. A cold build of 2,000 agencies took some 17,000 page
// faults, about a quarter of its CPU time. The advice is only advice:
// with huge pages off, or none free, nothing is gained but nothing
// breaks, and warmHeap then stops before touching anything.
func warmHeap(size int) {
	b := make([]byte, size)
	if unix.Madvise(b, unix.MADV_HUGEPAGE) != nil {
		return
	}
	// One write per huge page maps all of it (a read would map the
	// shared zero page instead).
	for i := 0; i < len(b); i += hugePage {
		b[i] = 1
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
}
