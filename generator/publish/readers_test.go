package publish

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// TestSwapReadersNeverSeeGaps reads pages of out over and over while
// Swaps alternate between two sites, as a web server would: every read
// must find the file, whole, with the bytes of one site or the other.
func TestSwapReadersNeverSeeGaps(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	big := func(c byte) string {
		b := make([]byte, 64<<10) // big enough that a partial write could show
		for i := range b {
			b[i] = c
		}
		return string(b)
	}
	one := site{"index.html": big('1'), "agencies/osaka/index.html": "osaka 1", "keep.html": "keep"}
	two := site{"index.html": big('2'), "agencies/osaka/index.html": "osaka 2", "keep.html": "keep", "extra/x.html": "x"}
	if _, err := Swap(out, one.bytes()); err != nil {
		t.Fatal(err)
	}

	var stop atomic.Bool
	var reads atomic.Int64
	var wg sync.WaitGroup
	for _, p := range []string{"index.html", "agencies/osaka/index.html", "keep.html"} {
		wg.Go(func() {
			for !stop.Load() {
				data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
				if err != nil {
					t.Errorf("read %s during a Swap: %v", p, err)
					return
				}
				if got := string(data); got != one[p] && got != two[p] {
					t.Errorf("read %s during a Swap: %d bytes of neither site", p, len(got))
					return
				}
				reads.Add(1)
			}
		})
	}
	for i := range 40 {
		s := one
		if i%2 == 0 {
			s = two
		}
		if _, err := Swap(out, s.bytes()); err != nil {
			t.Error(err)
			break
		}
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d reads during 40 swaps", reads.Load())
}
