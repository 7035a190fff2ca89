package publish

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// The tests of Stream.PutFrom: a file put from a writer must publish
// exactly as one put from a slice, with the same trees, stats, disk work
// and behaviour under a kill.

// chunked is an io.WriterTo that writes its text a few bytes at a time,
// as a source that makes a file as it writes it does.
type chunked string

func (c chunked) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for s := string(c); len(s) > 0; {
		k := min(len(s), 3)
		m, err := io.WriteString(w, s[:k])
		n += int64(m)
		if err != nil {
			return n, err
		}
		s = s[k:]
	}
	return n, nil
}

// streamFrom publishes s through a Stream from several goroutines, every
// file with PutFrom when all is set, else every other one.
func streamFrom(out string, s site, o options, all bool) (Stats, error) {
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
				if all || i%2 == 0 {
					errs[i] = st.PutFrom(paths[i], chunked(s[paths[i]]))
				} else {
					errs[i] = st.Put(paths[i], []byte(s[paths[i]]))
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Stats{}, err
	}
	return st.Commit()
}

// modes are the ways the PutFrom tests mix it with Put.
var modes = []struct {
	name string
	all  bool
}{{"PutFrom", true}, {"Put and PutFrom", false}}

// TestStreamFromSequence publishes the sites of TestSwapSequence with
// PutFrom, and Swaps in between: the trees, stats and siblings are those
// Swap gives.
func TestStreamFromSequence(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			sites := []site{siteA, siteB, siteB, siteC, siteA, {}, siteC, siteC}
			prev := site{}
			for i, s := range sites {
				var st Stats
				var err error
				if i%3 == 2 {
					st, err = swap(out, s.bytes(), options{workers: 3}, nil)
				} else {
					st, err = streamFrom(out, s, options{workers: 3}, m.all)
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

// TestStreamFromWritesOnlyChanges: PutFrom changes in the standby only
// what differs from it, and with nothing changed nothing at all.
func TestStreamFromWritesOnlyChanges(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			standby := filepath.Join(filepath.Dir(out), ".public.standby")
			big := strings.Repeat("large file made as it is written\n", 5000)
			v1 := site{"index.html": "1", "a/x.html": "x", "b/y.html": "y", "data/big.json": big}
			v2 := site{"index.html": "2", "a/x.html": "x", "b/y.html": "y", "data/big.json": big}
			v3 := site{"index.html": "2", "a/x.html": "x", "b/y.html": "y3", "data/big.json": big}
			for _, s := range []site{v1, v2} {
				if _, err := streamFrom(out, s, defaultOptions(), m.all); err != nil {
					t.Fatal(err)
				}
			}
			before := identities(t, standby)
			if _, err := streamFrom(out, v3, defaultOptions(), m.all); err != nil {
				t.Fatal(err)
			}
			checkTree(t, out, v3)
			if got, want := rewritten(before, identities(t, out)), []string{ManifestName, "b/y.html", "index.html"}; !slices.Equal(got, want) {
				t.Errorf("files written for v3: %q, want %q", got, want)
			}
			before, live := identities(t, standby), identities(t, out)
			st, err := streamFrom(out, v3, defaultOptions(), m.all)
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
			if got, want := siblings(t, out), []string{".public.lock", ".public.standby", "public"}; !slices.Equal(got, want) {
				t.Errorf("beside out: %q, want %q (a working folder left?)", got, want)
			}
		})
	}
}

// TestStreamFromKilled stops a stream of PutFroms after each change to
// the disk in turn: the live site is always whole, and the next stream
// publishes right.
func TestStreamFromKilled(t *testing.T) {
	for stop := 1; ; stop++ {
		out := filepath.Join(t.TempDir(), "public")
		for _, s := range []site{siteA, siteB} {
			if _, err := streamFrom(out, s, defaultOptions(), true); err != nil {
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
		_, err := streamFrom(out, siteC, o, true)
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
		if _, err := streamFrom(out, siteA, defaultOptions(), true); err != nil {
			t.Fatalf("stop %d: next stream: %v", stop, err)
		}
		checkTree(t, out, siteA)
	}
}

// failing is a source that writes part of its file and fails.
type failing struct{ err error }

func (f failing) WriteTo(w io.Writer) (int64, error) {
	n, _ := io.WriteString(w, "half a file")
	return int64(n), f.err
}

// TestStreamFromRefuses: a source that fails, a bad path or a path put
// twice fail the stream, and the live site stays as it was.
func TestStreamFromRefuses(t *testing.T) {
	broken := errors.New("the source broke")
	tests := []struct {
		name string
		put  func(st *Stream) error
		want error
	}{
		{"a source that fails", func(st *Stream) error { return st.PutFrom("data/x.json", failing{broken}) }, broken},
		{"a path that climbs out", func(st *Stream) error { return st.PutFrom("../x", chunked("x")) }, nil},
		{"the manifest's name", func(st *Stream) error { return st.PutFrom(ManifestName, chunked("x")) }, nil},
		{"a file put twice", func(st *Stream) error {
			return errors.Join(st.Put("x", []byte("x")), st.PutFrom("x", chunked("x")))
		}, nil},
		{"a file put from twice", func(st *Stream) error {
			return errors.Join(st.PutFrom("x", chunked("x")), st.Put("x", []byte("x")))
		}, nil},
		{"a file that is a folder too", func(st *Stream) error {
			return errors.Join(st.PutFrom("a", chunked("x")), st.PutFrom("a/b", chunked("x")))
		}, nil},
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
			err = tt.put(st)
			_, cerr := st.Commit()
			if err == nil && cerr == nil {
				t.Error("published")
			}
			if tt.want != nil && (!errors.Is(err, tt.want) || !errors.Is(cerr, tt.want)) {
				t.Errorf("PutFrom: %v, Commit: %v; want both to be %v", err, cerr, tt.want)
			}
			checkTree(t, out, siteA)
			if got, want := siblings(t, out), []string{".public.lock", ".public.standby", "public"}; !slices.Equal(got, want) {
				t.Errorf("beside out: %q, want %q", got, want)
			}
		})
	}
}
