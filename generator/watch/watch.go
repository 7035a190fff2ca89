package watch

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is how long the watcher waits after an event for more before it
// hands out a batch: long enough that an editor's save (a few events within
// a millisecond) becomes one batch, short enough to keep the 25 ms
// edit-to-served target.
const Quiet = 5 * time.Millisecond

// MaxWait caps how long a path waits in a batch while events keep coming
// faster than Quiet, so a steady stream still brings rebuilds.
const MaxWait = 50 * time.Millisecond

// eventBuffer is the length of fsnotify's event channel. It lets the kernel
// reader run ahead while the loop scans a folder that has just appeared; an
// overflow past it is still handled (see tree.rescan).
const eventBuffer = 1024

// Watcher reports changed files under a site folder in batches. Create it
// with New and stop it with Close.
type Watcher struct {
	fw      *fsnotify.Watcher
	batches chan []string
	errs    chan error
	done    chan struct{} // closed by Close
	exited  chan struct{} // closed when the loop has returned

	closeOnce sync.Once
	closeErr  error
}

// New starts watching root/site.toml, root/content/** and root/layouts/**.
// The folders need not exist yet; root itself must. The files present now
// are not reported: they are what the first build reads, which should start
// after New returns.
func New(root string) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	fw, err := fsnotify.NewBufferedWatcher(eventBuffer)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	t := newTree(abs, fw)
	if err := t.start(); err != nil {
		fw.Close()
		return nil, err
	}
	w := &Watcher{
		fw:      fw,
		batches: make(chan []string),
		errs:    make(chan error),
		done:    make(chan struct{}),
		exited:  make(chan struct{}),
	}
	go w.loop(t)
	return w, nil
}

// Batches delivers the changed files: each batch sorted, without
// duplicates, as slash paths relative to the site folder. It is closed by
// Close.
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Errors delivers problems that do not stop the watcher: a folder that could
// not be watched, events lost by the kernel (after which everything is
// reported again), the site folder itself removed. Errors nobody reads are
// kept up to a limit and then dropped; paths never are. It is closed by
// Close, after Batches.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching, ends every goroutine the Watcher started, and closes
// Batches and Errors; a batch not yet taken is dropped. It is safe to call
// more than once, and from any goroutine.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		<-w.exited
		w.closeErr = w.fw.Close()
		if w.closeErr != nil {
			w.closeErr = fmt.Errorf("watch: close: %w", w.closeErr)
		}
	})
	return w.closeErr
}

// loop owns the tree: it applies events as they come, and offers the
// pending batch once Quiet has passed since the last event (or MaxWait
// since the first). Sending is one case of the select, so a busy consumer
// never stops events from being read; they fold into the pending batch.
func (w *Watcher) loop(t *tree) {
	defer close(w.exited)
	defer close(w.errs)
	defer close(w.batches)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()

	var (
		first time.Time // when the pending batch got its first path
		ready bool      // the quiet window has passed
		batch []string  // pending as a sorted slice, built once ready
	)
	for {
		var out chan<- []string
		if ready && len(t.pending) > 0 {
			if batch == nil {
				batch = slices.Sorted(maps.Keys(t.pending))
			}
			out = w.batches
		}
		var errOut chan<- error
		var err error
		if len(t.errs) > 0 {
			errOut, err = w.errs, t.errs[0]
		}

		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			t.handle(ev)
		case e, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(e, fsnotify.ErrEventOverflow) {
				t.rescan()
				e = fmt.Errorf("watch: %w; every file was reported again", e)
			}
			t.fail(e)
		case <-timer.C:
			ready = true
		case out <- batch:
			clear(t.pending)
			batch, ready, first = nil, false, time.Time{}
		case errOut <- err:
			t.errs = t.errs[1:]
		}

		if t.touched {
			t.touched = false
			batch = nil
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			wait := min(Quiet, first.Add(MaxWait).Sub(now))
			if wait <= 0 {
				ready = true
				timer.Stop()
			} else {
				ready = false
				timer.Reset(wait)
			}
		}
	}
}
