package generator

import (
	"testing"
	"unsafe"
)

// TestAddressRuns: hugeHeap's pieces are marked as few runs of
// contiguous memory, whatever order they were allocated in.
func TestAddressRuns(t *testing.T) {
	mem := make([]byte, 100)
	other := make([]byte, 10)
	base := uintptr(unsafe.Pointer(&mem[0]))
	at := func(c []byte) uintptr { return uintptr(unsafe.Pointer(&c[0])) }
	for _, tt := range []struct {
		name   string
		chunks [][]byte
		want   []addressRun
	}{
		{"none", nil, []addressRun{}},
		{"empty pieces", [][]byte{{}, mem[:0]}, []addressRun{}},
		{"one", [][]byte{mem}, []addressRun{{base, base + 100}}},
		{"side by side, out of order", [][]byte{mem[40:70], mem[0:40], mem[70:100]}, []addressRun{{base, base + 100}}},
		{"overlapping", [][]byte{mem[0:60], mem[50:80]}, []addressRun{{base, base + 80}}},
		{"a gap", [][]byte{mem[60:100], mem[0:50]}, []addressRun{{base, base + 50}, {base + 60, base + 100}}},
	} {
		got := addressRuns(tt.chunks)
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %d runs %v, want %v", tt.name, len(got), got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: run %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
	// Two separate allocations stay two runs unless they touch.
	runs := addressRuns([][]byte{other, mem})
	want := 2
	if a, b := at(other), base; a+10 == b || b+100 == a {
		want = 1
	}
	if len(runs) != want {
		t.Errorf("two allocations: got %d runs %v, want %d", len(runs), runs, want)
	}
}
