package load

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of a transparent huge page on Linux.
const hugePage = 2 << 20

// newBlock returns a zeroed block of size bytes for a textArena. A block
// of a huge page or more starts on a huge page's boundary and is marked
// for transparent huge pages, which Linux then backs with 2 MiB pages as
// it is first written, where it would otherwise fault in each 4 KiB page
// on its own, an expensive trap on a virtual machine. The allocation is
// a huge page larger than the block, to find the boundary in it; the
// part before the boundary is never touched, so it costs address space
// but no memory. The mark is only advice: with huge pages off, or none
// free, the block simply gets small pages, so a failure is ignored.
func newBlock(size int) []byte {
	if size < hugePage {
		return make([]byte, size)
	}
	b := make([]byte, size+hugePage)
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int((hugePage - addr%hugePage) % hugePage)
	b = b[off : off+size : off+size]
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	return b
}
