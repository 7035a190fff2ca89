package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// stream publishes s through a Stream, putting files from several
// goroutines as the Builder does.
func stream(out string, s site, o options) (Stats, error) {
	st, err := begin(out, o, nil)
	if err != nil {
		return Stats{}, err
	}
	defer st.Abort()
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range s {
			if !yield(p) {
				return
			}
		}
	})
	var wg sync.WaitGroup
	errs := make([]error, len(paths))
	for w := range 3 {
		wg.Go(func() {
			for i := w; i < len(paths); i += 3 {
				errs[i] = st.Put(paths[i], []byte(s[paths[i]]))
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Stats{}, err
	}
	return st.Commit()
}

// TestStreamSequence publishes the sites of TestSwapSequence through
// streams, and through streams and Swaps in turn: the trees, stats and
// siblings are those Swap gives.
func TestStreamSequence(t *testing.T) {
	for _, mixed := range []bool{false, true} {
		name := "streams"
		if mixed {
			name = "streams and swaps"
		}
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			sites := []site{siteA, siteB, siteB, siteC, siteA, {}, siteC}
			prev := site{}
			for i, s := range sites {
				var st Stats
				var err error
				if mixed && i%2 == 1 {
					st, err = swap(out, s.bytes(), options{workers: 3}, nil)
				} else {
					st, err = stream(out, s, options{workers: 3})
				}
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				checkStats(t, fmt.Sprintf("step %d", i), out, st, statsBetween(prev, s))
				checkTree(t, out, s)
				want := []string{".public.lock", ".public.standby", "public"}
				if i == 0 {
					want = slices.Delete(want, 1, 2)
				}
				if got := siblings(t, out); !slices.Equal(got, want) {
					t.Errorf("step %d: beside out: %q, want %q", i, got, want)
				}
				prev = s
			}
		})
	}
}

// TestStreamWritesOnlyChanges: as for Swap, a stream writes into the
// standby only what differs from it, copies from the live site what the
// live site already has right, and with nothing changed writes nothing.
func TestStreamWritesOnlyChanges(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	standby := filepath.Join(filepath.Dir(out), ".public.standby")
	v1 := site{"index.html": "1", "a/x.html": "x", "b/y.html": "y", "c/z.html": "z"}
	v2 := site{"index.html": "2", "a/x.html": "x", "b/y.html": "y", "c/z.html": "z"}
	v3 := site{"index.html": "2", "a/x.html": "x", "b/y.html": "y3", "c/z.html": "z"}
	for _, s := range []site{v1, v2} {
		if _, err := stream(out, s, defaultOptions()); err != nil {
			t.Fatal(err)
		}
	}
	before := identities(t, standby)
	if _, err := stream(out, v3, defaultOptions()); err != nil {
		t.Fatal(err)
	}
	checkTree(t, out, v3)
	if got, want := rewritten(before, identities(t, out)), []string{ManifestName, "b/y.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("files written for v3: %q, want %q", got, want)
	}
	before, live := identities(t, standby), identities(t, out)
	st, err := stream(out, v3, defaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkStats(t, "v3 again", out, st, Stats{Unchanged: 4})
	if got := rewritten(live, identities(t, out)); len(got) != 0 {
		t.Errorf("unchanged stream rewrote live files %q", got)
	}
	if got := rewritten(before, identities(t, standby)); len(got) != 0 {
		t.Errorf("unchanged stream rewrote standby files %q", got)
	}
}

// TestStreamKilled stops a stream after each change to the disk in turn,
// as a kill would: the live site is always whole (the old one, or the new
// one once the exchange is done), and the next stream publishes right.
func TestStreamKilled(t *testing.T) {
	for stop := 1; ; stop++ {
		out := filepath.Join(t.TempDir(), "public")
		for _, s := range []site{siteA, siteB} {
			if _, err := stream(out, s, defaultOptions()); err != nil {
				t.Fatal(err)
			}
		}
		var n atomic.Int64
		killed := errors.New("killed")
		o := options{workers: 1, hook: func(op, path string) error {
			if n.Add(1) == int64(stop) {
				return killed
			}
			return nil
		}}
		_, err := stream(out, siteC, o)
		if err == nil {
			if stop == 1 {
				t.Fatal("a stream made no change to the disk")
			}
			return // every step has been stopped at once
		}
		if !errors.Is(err, killed) {
			t.Fatalf("stop %d: %v", stop, err)
		}
		if got := readTree(t, out); diffTrees(got, siteB.tree()) != "" && diffTrees(got, siteC.tree()) != "" {
			t.Fatalf("stop %d: the live site is neither the old nor the new one", stop)
		}
		if _, err := stream(out, siteA, defaultOptions()); err != nil {
			t.Fatalf("stop %d: next stream: %v", stop, err)
		}
		checkTree(t, out, siteA)
	}
}

func TestStreamRefuses(t *testing.T) {
	tests := []struct {
		name string
		put  []string
	}{
		{"a file that is a folder too", []string{"a", "a/b"}},
		{"a path that climbs out", []string{"../x"}},
		{"the manifest's name", []string{ManifestName}},
		{"a file put twice", []string{"x", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := stream(out, siteA, defaultOptions()); err != nil {
				t.Fatal(err)
			}
			st, err := Begin(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.put {
				err = errors.Join(err, st.Put(p, []byte("data")))
			}
			if _, cerr := st.Commit(); err == nil && cerr == nil {
				t.Error("published")
			}
			checkTree(t, out, siteA)
		})
	}
}

// TestStreamKeep publishes sites through streams that Keep every file the
// live site already holds with the same bytes and Put the others, as an
// incremental build does: the trees, stats and standbys are those of
// streams that Put every file, the standby getting copies of kept files
// it lacked from the live site.
func TestStreamKeep(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	standby := filepath.Join(filepath.Dir(out), ".public.standby")
	sites := []site{siteA, siteB, siteB, siteC, siteC, siteA}
	prev, older := site{}, site{} // live and standby before the step
	for i, s := range sites {
		st, err := begin(out, options{workers: 3}, nil)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		kept := 0
		for _, p := range slices.Sorted(maps.Keys(s)) {
			if old, ok := prev[p]; ok && old == s[p] {
				err = st.Keep(p)
				kept++
			} else {
				err = st.Put(p, []byte(s[p]))
			}
			if err != nil {
				t.Fatalf("step %d: %s: %v", i, p, err)
			}
		}
		stats, err := st.Commit()
		if err != nil {
			t.Fatalf("step %d: commit: %v", i, err)
		}
		checkStats(t, fmt.Sprintf("step %d", i), out, stats, statsBetween(prev, s))
		if stats.Unchanged != kept {
			t.Errorf("step %d: %d kept, %d unchanged", i, kept, stats.Unchanged)
		}
		// A publish that changes nothing touches nothing, the standby
		// included.
		if stats.Written > 0 || stats.Removed > 0 {
			older = prev
		}
		checkTree(t, out, s)
		if i > 0 {
			checkTree(t, standby, older)
		}
		prev = s
	}
}

// TestStreamKeepNotLive: keeping a file the live site lacks fails the
// stream with ErrNotLive and leaves the live site as it was.
func TestStreamKeepNotLive(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := stream(out, siteA, options{workers: 3}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"agencies/kyoto/index.html", ManifestName, "../x"} {
		st, err := begin(out, options{workers: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Keep(p); err == nil || (p == "agencies/kyoto/index.html") != errors.Is(err, ErrNotLive) {
			t.Errorf("Keep(%q): %v", p, err)
		}
		if _, err := st.Commit(); err == nil {
			t.Errorf("Keep(%q): the stream committed after the failure", p)
		}
		checkTree(t, out, siteA)
	}
	// With no live site, nothing can be kept.
	empty := filepath.Join(t.TempDir(), "public")
	st, err := begin(empty, options{workers: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	if err := st.Keep("index.html"); !errors.Is(err, ErrNotLive) {
		t.Errorf("Keep with no live site: %v, want ErrNotLive", err)
	}
}

// TestStreamKeepChangedByHand: a file of the live site changed by hand no
// longer holds what the live manifest says; keeping it into a standby that
// lacks it fails the stream, rather than giving the next site bytes its
// manifest does not describe, and the live site stays as it is.
func TestStreamKeepChangedByHand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := stream(out, siteA, defaultOptions()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "keep.html"), []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := begin(out, defaultOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	for _, p := range slices.Sorted(maps.Keys(siteA)) {
		if p == "index.html" {
			err = st.Put(p, []byte("home, edited"))
		} else {
			err = st.Keep(p)
		}
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	if _, err := st.Commit(); err == nil || !strings.Contains(err.Error(), "changed by hand") {
		t.Errorf("commit: %v, want the hand edit reported", err)
	}
	for p, want := range map[string]string{"keep.html": "edited by hand", "index.html": siteA["index.html"]} {
		if got, err := os.ReadFile(filepath.Join(out, p)); err != nil || string(got) != want {
			t.Errorf("live %s: %q (%v), want %q", p, got, err, want)
		}
	}
}

// TestStreamLiveManifest: a stream knows the digest of the manifest it
// found under the lock, and nothing for an output without a whole one.
func TestStreamLiveManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	begin := func() [32]byte {
		t.Helper()
		st, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Abort()
		return st.LiveManifest()
	}
	if got := begin(); got != ([32]byte{}) {
		t.Errorf("no output: LiveManifest %x, want zero", got)
	}
	if _, err := Swap(out, siteA.bytes()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := begin(), sha256.Sum256(data); got != want {
		t.Errorf("LiveManifest %x, want %x", got, want)
	}
	if err := os.WriteFile(filepath.Join(out, ManifestName), []byte("scribbled over\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := begin(); got != ([32]byte{}) {
		t.Errorf("damaged manifest: LiveManifest %x, want zero", got)
	}
}
