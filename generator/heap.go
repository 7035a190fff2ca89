package generator

import "linewatch/generator/load"

// The heap a build marks for huge pages (hugeHeap) grows with the site:
// what the build allocates beyond it gets small pages, and what it never
// reaches costs address space only. The figures are builds of the
// synthetic corpus (bench/cmd/corpus).
const (
	// hugeHeapFloor is the least a build marks: a small site gains too,
	// since the layouts and the program's own start take tens of
	// megabytes. Cold build of /dev/shm/lw-2000, 9 interleaved runs: page
	// faults 17,000 -> 6,500 with 64 MiB and 2,800 with 96 MiB (no fewer
	// with 128), CPU time -18% and -24%.
	hugeHeapFloor = 96 << 20

	// hugeHeapPerRecord is what a cold build allocates at its peak per
	// record file: 628 MB for the 26,394 files of 20,000 agencies. A
	// build from a prior one (since.go) takes about three quarters of
	// that, and leaves the rest untouched.
	hugeHeapPerRecord = 24 << 10

	// serveHeapPerRecord is the same for serve, and for Builder.Build,
	// which keep the model, what each page read and every file of the
	// site in memory: 1.5 GB for the same 20,000 agencies. Its first build, 3 runs each: 8.6-9.8
	// -> 6.3-6.7 s with the mark.
	serveHeapPerRecord = 60 << 10

	// checkHeapPerRecord is the same for `linewatch check`, which loads
	// and checks and renders nothing: 316 MB at 20,000 agencies. With the
	// mark, 4 runs each: 1.24-1.27 -> 0.99-1.08 s.
	checkHeapPerRecord = 12 << 10

	// hugeHeapCeiling bounds the mark whatever the site's size, so that a
	// site far larger than any measured, or a count gone wrong, does not
	// have the build allocate gigabytes before it starts; beyond it, the
	// heap grows in small pages as it would.
	hugeHeapCeiling = 2 << 30
)

// markHeap lists the site's record files and marks the heap for them
// (hugeHeap), perRecord bytes each, before a build or check that keeps
// the Builder's model loads them; the listing is left for that load.
func (b *Builder) markHeap(perRecord int) {
	l := load.List(b.cfg.Source)
	hugeHeap(hugeHeapSize(l.Len(), perRecord))
	b.listed = &l
}

// hugeHeapSize is how much of the heap to mark for a build of a site
// with records record files (load.Listing.Len) that takes perRecord
// bytes of heap for each (hugeHeapPerRecord, serveHeapPerRecord).
func hugeHeapSize(records, perRecord int) int {
	return min(max(records*perRecord, hugeHeapFloor), hugeHeapCeiling)
}
