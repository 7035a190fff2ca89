package generator

import "testing"

// TestWarmHeap: readying the heap is safe at any size, none included,
// and the heap still allocates as usual after it.
func TestWarmHeap(t *testing.T) {
	for _, size := range []int{0, 1, 4096, 3<<20 + 1} {
		warmHeap(size)
		if b := make([]byte, size); len(b) != size {
			t.Errorf("after warmHeap(%d): allocated %d bytes", size, len(b))
		}
	}
}
