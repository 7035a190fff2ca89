package watch_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"linewatch/generator/watch"
)

// patience is how long a test waits for an expected batch. It is generous
// because the test machine may be busy; no test asserts on timing.
const patience = 5 * time.Second

// site is a site folder on disk with a Watcher on it.
type site struct {
	t     *testing.T
	root  string
	w     *watch.Watcher
	n     int     // sentinels written so far
	count int     // batches received by the last changes call
	errs  []error // errors received so far
}

// newSite writes files (slash paths; each gets a line of text) into a fresh
// folder and starts watching it.
func newSite(t *testing.T, files ...string) *site {
	t.Helper()
	s := &site{t: t, root: t.TempDir()}
	for _, f := range files {
		s.write(f, "initial\n")
	}
	w, err := watch.New(s.root)
	if err != nil {
		t.Fatal(err)
	}
	s.w = w
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func (s *site) path(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s *site) write(rel, text string) {
	s.t.Helper()
	p := s.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) mkdir(rel string) {
	s.t.Helper()
	if err := os.MkdirAll(s.path(rel), 0o755); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) remove(rel string) {
	s.t.Helper()
	if err := os.RemoveAll(s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

// changes writes a sentinel file, collects batches until the sentinel is
// reported, and returns every other path reported, sorted. The watcher
// handles events in the order the kernel queued them, so whatever the
// operations before the sentinel caused has been reported by then: this
// lets tests assert that a path is *not* reported without waiting for a
// while and hoping.
func (s *site) changes() []string {
	s.t.Helper()
	s.n++
	sentinel := fmt.Sprintf("content/sentinel-%d.md", s.n)
	s.write(sentinel, "")
	got := make(map[string]bool)
	s.count = 0
	deadline := time.After(patience)
	for !got[sentinel] {
		select {
		case b, ok := <-s.w.Batches():
			if !ok {
				s.t.Fatalf("Batches closed while waiting; got %v", keys(got))
			}
			s.check(b)
			s.count++
			for _, p := range b {
				got[p] = true
			}
		case err := <-s.w.Errors():
			s.errs = append(s.errs, err)
		case <-deadline:
			s.t.Fatalf("the sentinel was not reported within %v; got %v", patience, keys(got))
		}
	}
	var out []string
	for _, p := range keys(got) {
		if !strings.Contains(p, "sentinel-") {
			out = append(out, p)
		}
	}
	return out
}

// check fails unless batch b is sorted, without duplicates, and made of
// slash paths relative to the site folder.
func (s *site) check(b []string) {
	s.t.Helper()
	if len(b) == 0 {
		s.t.Errorf("empty batch")
	}
	if !slices.IsSorted(b) || len(slices.Compact(slices.Clone(b))) != len(b) {
		s.t.Errorf("batch not sorted or has duplicates: %q", b)
	}
	for _, p := range b {
		if filepath.IsAbs(p) || strings.Contains(p, `\`) || strings.HasPrefix(p, "..") {
			s.t.Errorf("batch path %q is not a slash path relative to the site folder", p)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// swapFiles are what editors leave beside x.md while saving it; none may
// ever be reported.
var swapFiles = []string{
	".x.md.swp", ".x.md.swx", "x.md.swp", "x.md~", ".#x.md", "#x.md#", "4913",
	"x.md.tmp", "x.md___jb_tmp___", "x.md___jb_old___",
}

func TestEdits(t *testing.T) {
	const x = "content/agencies/osaka/x.md"
	const dir = "content/agencies/osaka"
	tests := []struct {
		name  string
		files []string    // present before watching starts
		edit  func(*site) // what the editor does
		want  []string    // every path reported, sentinels aside
	}{
		// Saving a file, the ways editors do it.
		{
			name:  "in-place write",
			files: []string{x},
			edit:  func(s *site) { s.write(x, "new\n") },
			want:  []string{x},
		},
		{
			name:  "atomic rename save",
			files: []string{x},
			edit: func(s *site) {
				s.write(x+".tmp", "new\n")
				s.rename(x+".tmp", x)
			},
			want: []string{x},
		},
		{
			name:  "vim save with backupcopy=no",
			files: []string{x},
			edit: func(s *site) {
				s.write(dir+"/4913", "")
				s.remove(dir + "/4913")
				s.rename(x, x+"~")
				s.write(x, "new\n")
				s.remove(x + "~")
			},
			want: []string{x},
		},
		{
			name:  "JetBrains safe write",
			files: []string{x},
			edit: func(s *site) {
				s.write(x+"___jb_tmp___", "new\n")
				s.rename(x, x+"___jb_old___")
				s.rename(x+"___jb_tmp___", x)
				s.remove(x + "___jb_old___")
			},
			want: []string{x},
		},
		{
			name:  "delete and recreate",
			files: []string{x},
			edit: func(s *site) {
				s.remove(x)
				s.write(x, "new\n")
			},
			want: []string{x},
		},
		{
			name:  "delete",
			files: []string{x, dir + "/y.md"},
			edit:  func(s *site) { s.remove(x) },
			want:  []string{x},
		},
		{
			name:  "swap and backup files are never reported",
			files: []string{x},
			edit: func(s *site) {
				for _, f := range swapFiles {
					s.write(dir+"/"+f, "swap\n")
					s.write(dir+"/"+f, "swap again\n")
				}
				for _, f := range swapFiles {
					s.remove(dir + "/" + f)
				}
			},
			want: nil,
		},
		{
			name:  "permissions alone are no change",
			files: []string{x},
			edit: func(s *site) {
				if err := os.Chmod(s.path(x), 0o600); err != nil {
					s.t.Fatal(err)
				}
			},
			want: nil,
		},

		// Folders.
		{
			name:  "new nested folder with a file written right after mkdir",
			files: []string{x},
			edit: func(s *site) {
				s.mkdir("content/agencies/hokkaido/sapporo")
				s.write("content/agencies/hokkaido/sapporo/sapporo-city.md", "new\n")
			},
			want: []string{"content/agencies/hokkaido/sapporo/sapporo-city.md"},
		},
		{
			name:  "folder moved in from outside the site folder",
			files: []string{x},
			edit: func(s *site) {
				outside := s.t.TempDir()
				for _, f := range []string{"kyoto/kyoto-city.md", "kyoto/uji/uji-city.md", "kyoto/uji/uji-city.ja.md"} {
					p := filepath.Join(outside, filepath.FromSlash(f))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						s.t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte("moved\n"), 0o644); err != nil {
						s.t.Fatal(err)
					}
				}
				if err := os.Rename(filepath.Join(outside, "kyoto"), s.path("content/agencies/kyoto")); err != nil {
					s.t.Fatal(err)
				}
			},
			want: []string{
				"content/agencies/kyoto/kyoto-city.md",
				"content/agencies/kyoto/uji/uji-city.ja.md",
				"content/agencies/kyoto/uji/uji-city.md",
			},
		},
		{
			name:  "folder removed",
			files: []string{x, dir + "/sub/y.md", dir + "/sub/deeper/z.md", "content/agencies/kyoto/k.md"},
			edit:  func(s *site) { s.remove(dir) },
			want:  []string{dir + "/sub/deeper/z.md", dir + "/sub/y.md", x},
		},
		{
			name:  "folder moved out of the site folder",
			files: []string{x, dir + "/sub/y.md", "content/agencies/kyoto/k.md"},
			edit: func(s *site) {
				if err := os.Rename(s.path(dir), filepath.Join(s.t.TempDir(), "osaka")); err != nil {
					s.t.Fatal(err)
				}
			},
			want: []string{dir + "/sub/y.md", x},
		},
		{
			name:  "folder renamed inside content",
			files: []string{x, dir + "/sub/y.md"},
			edit:  func(s *site) { s.rename(dir, "content/agencies/kansai") },
			want: []string{
				"content/agencies/kansai/sub/y.md", "content/agencies/kansai/x.md",
				dir + "/sub/y.md", x,
			},
		},

		// The rest of the site folder.
		{
			name:  "site.toml written",
			files: []string{"site.toml", x},
			edit:  func(s *site) { s.write("site.toml", "title = \"new\"\n") },
			want:  []string{"site.toml"},
		},
		{
			name:  "site.toml saved by vim",
			files: []string{"site.toml", x},
			edit: func(s *site) {
				s.write("4913", "")
				s.remove("4913")
				s.rename("site.toml", "site.toml~")
				s.write("site.toml", "title = \"new\"\n")
				s.remove("site.toml~")
			},
			want: []string{"site.toml"},
		},
		{
			name:  "layouts created later",
			files: []string{x},
			edit: func(s *site) {
				s.mkdir("layouts")
				s.write("layouts/agency.html", "{{.}}")
				s.write("layouts/partials/head.html", "{{.}}")
			},
			want: []string{"layouts/agency.html", "layouts/partials/head.html"},
		},
		{
			name:  "existing layout edited",
			files: []string{x, "layouts/partials/head.html"},
			edit:  func(s *site) { s.write("layouts/partials/head.html", "{{.}}") },
			want:  []string{"layouts/partials/head.html"},
		},
		{
			name:  "content created later",
			files: []string{"site.toml"},
			edit:  func(s *site) { s.write("content/pages/about.md", "new\n") },
			want:  []string{"content/pages/about.md"},
		},
		{
			name:  "other files of the site folder are not reported",
			files: []string{"site.toml", x},
			edit: func(s *site) {
				s.write("public/index.html", "<p>")
				s.write("public/agencies/x/index.html", "<p>")
				s.write("README.md", "readme\n")
				s.write("static/logo.svg", "<svg/>")
				s.write(".git/HEAD", "ref\n")
				s.write("content/.hidden/secret.md", "no\n")
			},
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, tt.files...)
			tt.edit(s)
			if got := s.changes(); !slices.Equal(got, tt.want) {
				t.Errorf("reported %q\nwant       %q", got, tt.want)
			}
			if len(s.errs) > 0 {
				t.Errorf("errors: %v", s.errs)
			}
		})
	}
}

// TestFollowUp checks that watches follow the tree: files in folders created
// or moved while running are seen on their next edit, and files in folders
// moved away are not reported under their old names.
func TestFollowUp(t *testing.T) {
	s := newSite(t, "content/agencies/osaka/x.md", "content/agencies/osaka/sub/y.md")

	s.mkdir("content/agencies/hokkaido/sapporo")
	s.write("content/agencies/hokkaido/sapporo/s.md", "new\n")
	s.changes()
	s.write("content/agencies/hokkaido/sapporo/s.md", "edited\n")
	if got, want := s.changes(), []string{"content/agencies/hokkaido/sapporo/s.md"}; !slices.Equal(got, want) {
		t.Errorf("edit in a new folder: reported %q, want %q", got, want)
	}

	s.rename("content/agencies/osaka", "content/agencies/kansai")
	s.changes()
	s.write("content/agencies/kansai/sub/y.md", "edited\n")
	if got, want := s.changes(), []string{"content/agencies/kansai/sub/y.md"}; !slices.Equal(got, want) {
		t.Errorf("edit in a renamed folder: reported %q, want %q", got, want)
	}

	outside := filepath.Join(t.TempDir(), "away")
	if err := os.Rename(s.path("content/agencies/kansai"), outside); err != nil {
		t.Fatal(err)
	}
	s.changes()
	if err := os.WriteFile(filepath.Join(outside, "sub", "y.md"), []byte("edited away\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := s.changes(); len(got) > 0 {
		t.Errorf("edit in a folder moved away: reported %q, want nothing", got)
	}

	s.remove("content/agencies/hokkaido")
	s.changes()
	s.mkdir("content/agencies/hokkaido/sapporo")
	s.write("content/agencies/hokkaido/sapporo/s.md", "back\n")
	if got, want := s.changes(), []string{"content/agencies/hokkaido/sapporo/s.md"}; !slices.Equal(got, want) {
		t.Errorf("folder removed and made again: reported %q, want %q", got, want)
	}
	if len(s.errs) > 0 {
		t.Errorf("errors: %v", s.errs)
	}
}

// TestBurst saves one file 1,000 times as fast as the machine allows, while
// the consumer takes batches as they come.
func TestBurst(t *testing.T) {
	const x = "content/agencies/x.md"
	s := newSite(t, x)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 1000 {
			if err := os.WriteFile(s.path(x), []byte(fmt.Sprintf("save %d\n", i)), 0o644); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	got := make(map[string]bool)
	count := 0
	deadline := time.After(patience)
	for waiting := true; waiting; {
		select {
		case b := <-s.w.Batches():
			s.check(b)
			count++
			for _, p := range b {
				got[p] = true
			}
		case <-done:
			waiting = false
		case <-deadline:
			t.Fatal("1,000 writes did not finish in time")
		}
	}
	for _, p := range s.changes() {
		got[p] = true
	}
	count += s.count
	if want := []string{x}; !slices.Equal(keys(got), want) {
		t.Errorf("union of batches = %q, want %q", keys(got), want)
	}
	if count > 100 {
		t.Errorf("1,000 saves gave %d batches, want a few", count)
	}
	t.Logf("1,000 saves gave %d batches", count)
}

// TestBusyConsumer saves 1,000 times while the consumer is busy (reads
// nothing): everything folds into the pending batch.
func TestBusyConsumer(t *testing.T) {
	const x, y = "content/agencies/x.md", "layouts/agency.html"
	s := newSite(t, x, y)
	for i := range 1000 {
		s.write(x, fmt.Sprintf("save %d\n", i))
		if i%100 == 0 {
			s.write(y, fmt.Sprintf("save %d\n", i))
		}
	}
	got := s.changes()
	if want := []string{x, y}; !slices.Equal(got, want) {
		t.Errorf("reported %q, want %q", got, want)
	}
	// The saves all came before the sentinel, so at most the saves and the
	// sentinel went separately.
	if s.count > 2 {
		t.Errorf("a busy consumer got %d batches, want 1 or 2", s.count)
	}
}

// TestSiteFolderRemoved checks that losing the site folder is an error, and
// that the files in it are reported removed.
func TestSiteFolderRemoved(t *testing.T) {
	const x = "content/agencies/x.md"
	s := newSite(t, x)
	s.remove(".")
	got := make(map[string]bool)
	deadline := time.After(patience)
	for len(s.errs) == 0 || !got[x] {
		select {
		case b := <-s.w.Batches():
			s.check(b)
			for _, p := range b {
				got[p] = true
			}
		case err := <-s.w.Errors():
			s.errs = append(s.errs, err)
		case <-deadline:
			t.Fatalf("after removing the site folder: errors %v, paths %q", s.errs, keys(got))
		}
	}
	if !strings.Contains(s.errs[0].Error(), "site folder was removed") {
		t.Errorf("error = %v, want one saying the site folder was removed", s.errs[0])
	}
}

func TestNewMissingFolder(t *testing.T) {
	w, err := watch.New(filepath.Join(t.TempDir(), "nowhere"))
	if err == nil {
		w.Close()
		t.Fatal("New on a missing folder: no error")
	}
}

// TestClose checks that Close ends every goroutine, closes both channels,
// does not wait for a consumer, and may be called twice.
func TestClose(t *testing.T) {
	before := runtime.NumGoroutine()

	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content", "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := watch.New(root)
	if err != nil {
		t.Fatal(err)
	}
	// A batch is pending and nobody reads it.
	if err := os.WriteFile(filepath.Join(root, "content", "a", "b", "x.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	for b := range w.Batches() {
		t.Logf("batch after Close: %q", b) // one may have left before Close
	}
	for err := range w.Errors() {
		t.Errorf("error after Close: %v", err)
	}

	deadline := time.Now().Add(patience)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before New, %d after Close:\n%s",
				before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
