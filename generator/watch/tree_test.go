package watch

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// fakeWatcher stands in for fsnotify so that tests can feed the tree
// events the kernel rarely sends on demand (lost events, a full watch
// table), and see which watches it holds.
type fakeWatcher struct {
	watched map[string]bool
	fail    map[string]error // Add of this path fails so
}

func (f *fakeWatcher) Add(name string) error {
	if err := f.fail[name]; err != nil {
		return err
	}
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		// Only folders are ever added; say so the way inotify would.
		return fmt.Errorf("add %s: %w", name, syscall.ENOTDIR)
	}
	f.watched[name] = true
	return nil
}

func (f *fakeWatcher) Remove(name string) error {
	if !f.watched[name] {
		return fsnotify.ErrNonExistentWatch
	}
	delete(f.watched, name)
	return nil
}

// newFakeTree writes files into a fresh folder and starts a tree on it.
func newFakeTree(t *testing.T, files ...string) (*tree, *fakeWatcher) {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		writeFile(t, root, f)
	}
	fw := &fakeWatcher{watched: make(map[string]bool), fail: make(map[string]error)}
	tr := newTree(root, fw)
	if err := tr.start(); err != nil {
		t.Fatal(err)
	}
	return tr, fw
}

func writeFile(t *testing.T, root, rel string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// watchedRel lists the folders fw watches, relative to root.
func watchedRel(t *testing.T, root string, fw *fakeWatcher) []string {
	t.Helper()
	var out []string
	for p := range fw.watched {
		rel, err := filepath.Rel(root, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	slices.Sort(out)
	return out
}

func TestStartWatchesFolders(t *testing.T) {
	tr, fw := newFakeTree(t, "site.toml", "content/agencies/osaka/x.md", "content/.git/HEAD",
		"layouts/partials/head.html", "public/index.html")
	want := []string{".", "content", "content/agencies", "content/agencies/osaka", "layouts", "layouts/partials"}
	if got := watchedRel(t, tr.root, fw); !slices.Equal(got, want) {
		t.Errorf("watched %q, want %q", got, want)
	}
	if len(tr.pending) > 0 {
		t.Errorf("start reported %q; the files present are for the first build", slices.Sorted(maps.Keys(tr.pending)))
	}
}

func TestHandle(t *testing.T) {
	tests := []struct {
		name  string
		files []string // on disk when the events are handled
		ev    func(root string) []fsnotify.Event
		want  []string
	}{
		{
			name:  "chmod alone",
			files: []string{"content/x.md"},
			ev: func(root string) []fsnotify.Event {
				return []fsnotify.Event{{Name: filepath.Join(root, "content", "x.md"), Op: fsnotify.Chmod}}
			},
		},
		{
			name: "outside the site folder",
			ev: func(root string) []fsnotify.Event {
				return []fsnotify.Event{
					{Name: filepath.Join(filepath.Dir(root), "elsewhere.md"), Op: fsnotify.Write},
					{Name: root + "-sibling/content/x.md", Op: fsnotify.Write},
				}
			},
		},
		{
			name: "created and gone before it was seen",
			ev: func(root string) []fsnotify.Event {
				return []fsnotify.Event{{Name: filepath.Join(root, "content", "x.md"), Op: fsnotify.Create}}
			},
			want: []string{"content/x.md"},
		},
		{
			name:  "a file named content is not a site file",
			files: []string{"content"},
			ev: func(root string) []fsnotify.Event {
				return []fsnotify.Event{
					{Name: filepath.Join(root, "content"), Op: fsnotify.Create},
					{Name: filepath.Join(root, "content"), Op: fsnotify.Remove},
				}
			},
		},
		{
			name: "removal of a file never seen is still reported",
			ev: func(root string) []fsnotify.Event {
				return []fsnotify.Event{{Name: filepath.Join(root, "layouts", "a.html"), Op: fsnotify.Remove}}
			},
			want: []string{"layouts/a.html"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, _ := newFakeTree(t, tt.files...)
			for _, ev := range tt.ev(tr.root) {
				tr.handle(ev)
			}
			if got := slices.Sorted(maps.Keys(tr.pending)); !slices.Equal(got, tt.want) {
				t.Errorf("reported %q, want %q", got, tt.want)
			}
			if len(tr.errs) > 0 {
				t.Errorf("errors: %v", tr.errs)
			}
		})
	}
}

// TestRescan is the recovery from fsnotify.ErrEventOverflow: files removed
// and added while events were lost are all reported, and watches match the
// folders on disk again.
func TestRescan(t *testing.T) {
	tr, fw := newFakeTree(t, "content/a/x.md", "content/b/y.md", "layouts/l.html")
	if err := os.RemoveAll(filepath.Join(tr.root, "content", "a")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, tr.root, "content/c/z.md")
	delete(fw.watched, filepath.Join(tr.root, "content", "a")) // as the kernel does

	tr.rescan()

	want := []string{"content/a/x.md", "content/b/y.md", "content/c/z.md", "layouts/l.html", "site.toml"}
	if got := slices.Sorted(maps.Keys(tr.pending)); !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}
	wantWatched := []string{".", "content", "content/b", "content/c", "layouts"}
	if got := watchedRel(t, tr.root, fw); !slices.Equal(got, wantWatched) {
		t.Errorf("watched %q, want %q", got, wantWatched)
	}
	wantKnown := []string{"content/b/y.md", "content/c/z.md", "layouts/l.html"}
	if got := slices.Sorted(maps.Keys(tr.known)); !slices.Equal(got, wantKnown) {
		t.Errorf("known %q, want %q", got, wantKnown)
	}
}

// TestWatchLimit: when the kernel refuses another watch, the files of the
// new folder are still reported and the error says what to do.
func TestWatchLimit(t *testing.T) {
	tr, fw := newFakeTree(t, "content/x.md")
	writeFile(t, tr.root, "content/new/y.md")
	fw.fail[filepath.Join(tr.root, "content", "new")] = syscall.ENOSPC

	tr.handle(fsnotify.Event{Name: filepath.Join(tr.root, "content", "new"), Op: fsnotify.Create})

	if got, want := slices.Sorted(maps.Keys(tr.pending)), []string{"content/new/y.md"}; !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}
	if len(tr.errs) != 1 || !strings.Contains(tr.errs[0].Error(), "max_user_watches") {
		t.Errorf("errors = %v, want one naming fs.inotify.max_user_watches", tr.errs)
	}
}

// TestErrorsBounded: a consumer that never reads Errors cannot make the
// watcher grow without end.
func TestErrorsBounded(t *testing.T) {
	tr := newTree(t.TempDir(), &fakeWatcher{})
	for i := range 3 * maxErrs {
		tr.fail(fmt.Errorf("error %d", i))
	}
	if len(tr.errs) != maxErrs {
		t.Errorf("%d errors kept, want %d", len(tr.errs), maxErrs)
	}
}
