package generator

import "testing"

// TestHugeHeap: marking the heap is safe at any size, none included, and
// the heap still allocates as usual after it.
func TestHugeHeap(t *testing.T) {
	for _, size := range []int{-1, 0, 1, 4096, 3<<20 + 1} {
		hugeHeap(size)
		n := max(size, 0)
		if b := make([]byte, n); len(b) != n {
			t.Errorf("after hugeHeap(%d): allocated %d bytes", size, len(b))
		}
	}
}

// TestHugeHeapSize: the heap marked grows with the site, between a floor
// for small sites and a ceiling for huge ones.
func TestHugeHeapSize(t *testing.T) {
	for _, tt := range []struct {
		records int
		want    int
	}{
		{0, hugeHeapFloor},
		{279, hugeHeapFloor}, // the shipped site
		{hugeHeapFloor / hugeHeapPerRecord, hugeHeapFloor},
		{hugeHeapFloor/hugeHeapPerRecord + 1, hugeHeapFloor + hugeHeapPerRecord},
		{26394, 26394 * hugeHeapPerRecord}, // 20,000 synthetic agencies
		{hugeHeapCeiling/hugeHeapPerRecord + 1, hugeHeapCeiling},
		{10_000_000, hugeHeapCeiling},
	} {
		if got := hugeHeapSize(tt.records, hugeHeapPerRecord); got != tt.want {
			t.Errorf("hugeHeapSize(%d) = %d MiB, want %d MiB", tt.records, got>>20, tt.want>>20)
		}
	}
	if got, want := hugeHeapSize(26394, serveHeapPerRecord), 26394*serveHeapPerRecord; got != want {
		t.Errorf("hugeHeapSize for serve at 20,000 agencies = %d MiB, want %d MiB", got>>20, want>>20)
	}
}
