package load

import "testing"

// TestTextArena: each buffer has room for exactly what was asked, buffers
// never share memory, and only what fits a block is cut from one.
func TestTextArena(t *testing.T) {
	var a textArena
	cases := []struct {
		name      string
		n         int
		fromBlock bool
		blocks    int // blocks cut once the buffer is given
	}{
		{"first buffer opens the small first block", 100, true, 1},
		{"second buffer", ownBuffer, true, 1},
		{"third buffer", ownBuffer, true, 1},
		{"fourth buffer", ownBuffer, true, 1},
		{"one that no longer fits opens a large block", ownBuffer, true, 2},
		{"larger than ownBuffer gets its own", ownBuffer + 1, false, 2},
		{"exactly ownBuffer comes from the block", ownBuffer, true, 2},
	}
	var given [][]byte
	for _, c := range cases {
		free, blocks := len(a.free), a.blocks
		b := a.buf(c.n)
		if len(b) != 0 || cap(b) != c.n {
			t.Errorf("%s: len %d cap %d, want 0 and %d", c.name, len(b), cap(b), c.n)
		}
		if fromBlock := len(a.free) != free || a.blocks != blocks; fromBlock != c.fromBlock {
			t.Errorf("%s: from a block %v, want %v", c.name, fromBlock, c.fromBlock)
		}
		if a.blocks != c.blocks {
			t.Errorf("%s: %d blocks, want %d", c.name, a.blocks, c.blocks)
		}
		given = append(given, b[:c.n])
	}
	// Fill every buffer with its own byte: none may change another.
	for i, b := range given {
		for j := range b {
			b[j] = byte(i + 1)
		}
	}
	for i, b := range given {
		for _, c := range b {
			if c != byte(i+1) {
				t.Fatalf("buffer %d overlaps another", i)
			}
		}
	}
	var none *textArena
	if b := none.buf(10); len(b) != 0 || cap(b) != 10 {
		t.Errorf("nil arena: len %d cap %d", len(b), cap(b))
	}
}
