package generator

import (
	"errors"
	"sync/atomic"
	"testing"
)

// TestStarted: f runs once, on its own goroutine, and every wait gives
// what it returned.
func TestStarted(t *testing.T) {
	var runs atomic.Int32
	release := make(chan struct{})
	wait := started(func() (int, error) {
		<-release // runs while the caller goes on
		runs.Add(1)
		return 7, errors.New("seven")
	})
	close(release)
	for range 3 {
		if v, err := wait(); v != 7 || err == nil || err.Error() != "seven" {
			t.Fatalf("wait() = %d, %v; want 7, seven", v, err)
		}
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("f ran %d times, want 1", n)
	}
}
