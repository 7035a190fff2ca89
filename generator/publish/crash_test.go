package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
)

// errKilled stands for SIGKILL: once the hook returns it, every later
// change to the disk fails too, so nothing runs after the "kill", not even
// Swap's own tidying up.
var errKilled = errors.New("killed")

// TestSwapKilled stops a Swap after its k-th change to the disk, for every
// k until one runs through, and checks what a kill at that point leaves:
// out is the whole old or the whole new site (for the fallback swap, once
// Clean has run), the next Swap publishes the new site and clears every
// leftover, and the standby it leaves behind is honest (a third Swap is
// right too). The Swaps share what a Publisher remembers, which must
// survive a failed Swap too.
func TestSwapKilled(t *testing.T) {
	scenarios := []struct {
		name     string
		before   []site                         // published before the killed Swap
		meddle   func(t *testing.T, dir string) // then done to the folders
		fallback bool                           // no RENAME_EXCHANGE
	}{
		{name: "first build", before: nil},
		{name: "first swap, no standby yet", before: []site{siteA}},
		{name: "clean standby", before: []site{siteC, siteA}},
		{name: "dirty standby", before: []site{siteC, siteA}, meddle: func(t *testing.T, dir string) {
			sb := filepath.Join(dir, ".public.standby")
			if err := os.Remove(filepath.Join(sb, ManifestName)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(sb, "index.html"), []byte("half"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "fallback, first build", fallback: true},
		{name: "fallback, clean standby", before: []site{siteC, siteA}, fallback: true},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel() // each k costs a few hundred file creations, mostly waiting on the disk
			for k := 1; ; k++ {
				if k > 500 {
					t.Fatal("Swap never finished: the hook keeps firing")
				}
				dir := t.TempDir()
				out := filepath.Join(dir, "public")
				c := &cache{seen: make(memo)} // as a Publisher would carry across the kill
				var old site
				for _, s := range sc.before {
					if _, err := swap(out, s.bytes(), options{workers: 2, noExchange: sc.fallback}, c); err != nil {
						t.Fatal(err)
					}
					old = s
				}
				if sc.meddle != nil {
					sc.meddle(t, dir)
				}
				var ops atomic.Int64
				hook := func(op, path string) error {
					if ops.Add(1) >= int64(k) {
						return errKilled
					}
					return nil
				}
				_, err := swap(out, siteB.bytes(), options{workers: 2, noExchange: sc.fallback, hook: hook}, c)
				killed := ops.Load() >= int64(k)
				if !killed {
					if err != nil {
						t.Fatalf("unhindered Swap: %v", err)
					}
					checkTree(t, out, siteB)
					t.Logf("%d changes to the disk; killed after each", k-1)
					return
				}
				if err != nil && !errors.Is(err, errKilled) {
					t.Fatalf("k=%d: Swap failed with %v, not the kill", k, err)
				}
				if !sc.fallback {
					checkOldOrNew(t, k, "right after the kill", out, old, siteB)
				}
				if err := Clean(out); err != nil {
					t.Fatalf("k=%d: Clean: %v", k, err)
				}
				was := checkOldOrNew(t, k, "after Clean", out, old, siteB)

				st, err := swap(out, siteB.bytes(), options{workers: 2, noExchange: sc.fallback}, c)
				if err != nil {
					t.Fatalf("k=%d: Swap after the kill: %v", k, err)
				}
				checkTree(t, out, siteB)
				checkStats(t, fmt.Sprintf("k=%d: after the kill", k), out, st, statsBetween(was, siteB))
				want := []string{".public.lock", ".public.standby", "public"}
				if sc.before == nil {
					want = slices.Delete(want, 1, 2) // a first build makes no standby
				}
				if got := siblings(t, out); !slices.Equal(got, want) {
					t.Errorf("k=%d: beside out after the next Swap: %q, want %q", k, got, want)
				}
				if _, err := swap(out, siteC.bytes(), options{workers: 2, noExchange: sc.fallback}, c); err != nil {
					t.Fatalf("k=%d: third Swap: %v", k, err)
				}
				checkTree(t, out, siteC)
			}
		})
	}
}

// checkOldOrNew fails unless out is exactly old (absent when old is nil)
// or new, and returns the one it is.
func checkOldOrNew(t *testing.T, k int, when, out string, old, new site) site {
	t.Helper()
	got := readTree(t, out)
	if old == nil && got == nil {
		return nil
	}
	if old != nil && diffTrees(got, old.tree()) == "" {
		return old
	}
	if diffTrees(got, new.tree()) == "" {
		return new
	}
	t.Fatalf("k=%d: %s, out is neither the old nor the new site:\nagainst old:%s\nagainst new:%s",
		k, when, diffTrees(got, old.tree()), diffTrees(got, new.tree()))
	return nil
}
