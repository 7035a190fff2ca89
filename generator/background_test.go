package generator

import (
	"errors"
	"maps"
	"slices"
	"testing"
)

// TestBackgroundMerges holds the first write while three more snapshots
// come: they are written as one, which carries every key the three
// changed; a failed write's keys come back with the next snapshot; stop
// writes what still waits.
func TestBackgroundMerges(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var wrote [][]string
	bg := newBackground(func(s *Snapshot) error {
		if len(wrote) == 0 {
			close(started)
			<-release
		}
		wrote = append(wrote, slices.Sorted(maps.Keys(s.pending)))
		if len(wrote) == 2 {
			return errors.New("disk full") // the merged write fails
		}
		return nil
	})
	snap := func(keys ...string) *Snapshot {
		s := &Snapshot{pending: map[string]bool{}}
		for _, k := range keys {
			s.pending[k] = true
		}
		return s
	}
	bg.submit(snap("agency/a"))
	<-started
	bg.submit(snap("agency/b"))
	bg.submit(snap("agency/c"))
	bg.submit(snap("events"))
	close(release)
	bg.stop()
	// The failed write's keys wait for the next snapshot.
	if bg.failed == nil {
		t.Fatalf("after a failed write nothing is kept to merge; wrote %v", wrote)
	}
	next := snap("agency/d")
	next.merge(bg.failed)
	want := [][]string{{"agency/a"}, {"agency/b", "agency/c", "events"}}
	if !slices.EqualFunc(wrote, want, slices.Equal) {
		t.Errorf("wrote %v, want %v", wrote, want)
	}
	if got := slices.Sorted(maps.Keys(next.pending)); !slices.Equal(got, []string{"agency/b", "agency/c", "agency/d", "events"}) {
		t.Errorf("next snapshot after the failure changes %v", got)
	}
}
