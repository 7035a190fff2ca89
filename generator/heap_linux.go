package generator

import (
	"runtime"
	"runtime/debug"
	"slices"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePageChunk is the size of the pieces hugeHeap allocates, one huge
// page.
const hugePageChunk = 2 << 20

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
// costs address space, not memory. Touching one byte per huge page ahead
// of the build did the same faults in one go on one core: 4.78 s against
// 3.29 s for a cold build at 20,000 agencies (5 interleaved builds each).
//
// The memory is allocated a huge page at a time, not in one piece. Go
// clears an allocation that begins in memory the heap used before (its
// collector freed it) in full, before the mark can be made: one piece
// starting in such a gap had all 618 MiB cleared in small pages, on one
// core, and the build took 6-7 s instead of 3-4 (2 of 14 cold builds at
// 20,000). In pieces, only those in the gap are cleared, and that memory
// is in place already; the pieces beyond it are fresh and untouched.
//
// The mark is only advice: with huge pages off, or none free, nothing is
// gained but nothing breaks.
func hugeHeap(size int) {
	if size <= 0 {
		return
	}
	// No collection runs while the pieces are allocated: as the heap
	// doubled under them, six ran, each stopping the world for nothing
	// (10-14 ms for the 96 MiB of a site of 2,000 agencies). The one
	// below frees them all.
	gc := debug.SetGCPercent(-1)
	chunks := make([][]byte, 0, (size+hugePageChunk-1)/hugePageChunk)
	for left := size; left > 0; left -= hugePageChunk {
		chunks = append(chunks, make([]byte, min(left, hugePageChunk)))
	}
	// A run spans several allocations, so it is given to madvise as
	// addresses, not as a slice of any one of them; chunks keeps them
	// all alive meanwhile.
	for _, r := range addressRuns(chunks) {
		_, _, _ = unix.Syscall(unix.SYS_MADVISE, r.start, r.end-r.start, unix.MADV_HUGEPAGE)
	}
	runtime.KeepAlive(chunks)
	chunks = nil
	debug.SetGCPercent(gc)
	runtime.GC()
}

// addressRun is a run of contiguous memory, [start, end).
type addressRun struct{ start, end uintptr }

// addressRuns returns the memory of chunks as runs of contiguous
// addresses, in address order: the heap usually hands out consecutive
// allocations side by side, so one madvise covers many.
func addressRuns(chunks [][]byte) []addressRun {
	runs := make([]addressRun, 0, len(chunks))
	for _, c := range chunks {
		if len(c) == 0 {
			continue
		}
		start := uintptr(unsafe.Pointer(unsafe.SliceData(c)))
		runs = append(runs, addressRun{start, start + uintptr(len(c))})
	}
	slices.SortFunc(runs, func(a, b addressRun) int {
		switch {
		case a.start < b.start:
			return -1
		case a.start > b.start:
			return 1
		}
		return 0
	})
	out := runs[:0]
	for _, r := range runs {
		if n := len(out); n > 0 && r.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, r.end)
			continue
		}
		out = append(out, r)
	}
	return out
}
