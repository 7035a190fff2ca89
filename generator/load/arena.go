package load

// textArena hands out the buffers records are read into, cut from large
// blocks rather than allocated one file at a time. Every record's text
// stays alive as long as the build (its strings point into it), so a
// block is never freed before its records anyway; what the blocks save
// is an allocation per file. The builds that load every record mark
// their heap for 2 MiB pages first (the generator's hugeHeap), so the
// blocks need no page handling of their own: until December 2026 each
// was aligned and marked here, which the heap-wide mark made redundant
// (cold build at 20,000 agencies, 5 interleaved runs each: 3.17 s and
// 538 MB with it, 3.14 s and 490 MB without).
//
// A textArena is used by one goroutine at a time; a nil one allocates
// each buffer on its own.
type textArena struct {
	free   []byte // what is left of the current block
	blocks int    // how many blocks were cut so far
}

const (
	// firstBlock is the size of an arena's first block: a small site
	// does not take a large one.
	firstBlock = 256 << 10
	// arenaBlock is the size of the blocks after the first.
	arenaBlock = 4 << 20
	// ownBuffer is the largest buffer cut from a block; a larger file
	// gets a buffer of its own, so a block is not left mostly unused.
	ownBuffer = 64 << 10
)

// buf returns an empty buffer with room for exactly n bytes. Appending
// beyond that moves the buffer out of the arena, as with any slice.
func (a *textArena) buf(n int) []byte {
	if a == nil || n > ownBuffer {
		return make([]byte, 0, n)
	}
	if len(a.free) < n {
		size := firstBlock
		if a.blocks > 0 {
			size = arenaBlock
		}
		a.free = make([]byte, size)
		a.blocks++
	}
	b := a.free[:0:n]
	a.free = a.free[n:]
	return b
}
