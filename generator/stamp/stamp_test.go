package stamp

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// site writes a small site folder and returns it.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"site.toml":                   "title = \"T\"\n",
		"content/agencies/a.md":       "+++\nname = \"A\"\n+++\n",
		"content/agencies/b.ja.md":    "本文\n",
		"layouts/page.html":           "{{.}}",
		"notes/not-an-input.txt":      "ignored",
		"content/agencies/x/y/z.toml": "name = \"Z\"\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var roots = []string{"site.toml", "content", "layouts", "missing"}

// take stamps dir as a build would, with a fixed program and output.
func take(t *testing.T, dir string) Stamp {
	t.Helper()
	s, err := Take(dir, nil, roots...)
	if err != nil {
		t.Fatal(err)
	}
	s.Program, s.ProgramStat, s.Out, s.Manifest = "prog", "1:2:3", "/out", "sums"
	return s
}

// age sets every file's time an hour back, so none is racily clean.
func age(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return err
	})
}

func TestMatches(t *testing.T) {
	write := func(dir, name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, dir string, now *Stamp)
		want   bool
	}{
		{"nothing changed", func(*testing.T, string, *Stamp) {}, true},
		{"a file outside the inputs changed", func(t *testing.T, dir string, _ *Stamp) {
			write(dir, "notes/not-an-input.txt", "changed")
		}, true},
		{"a record edited", func(t *testing.T, dir string, _ *Stamp) {
			write(dir, "content/agencies/a.md", "+++\nname = \"B\"\n+++\n")
		}, false},
		{"a record touched", func(t *testing.T, dir string, _ *Stamp) {
			now := time.Now()
			os.Chtimes(filepath.Join(dir, "content/agencies/a.md"), now, now)
		}, false},
		{"a record added", func(t *testing.T, dir string, _ *Stamp) { write(dir, "content/agencies/c.md", "x") }, false},
		{"a record removed", func(t *testing.T, dir string, _ *Stamp) {
			os.Remove(filepath.Join(dir, "content/agencies/b.ja.md"))
		}, false},
		{"a layout added", func(t *testing.T, dir string, _ *Stamp) { write(dir, "layouts/home.html", "x") }, false},
		{"another program", func(_ *testing.T, _ string, now *Stamp) { now.Program = "other" }, false},
		{"another output", func(_ *testing.T, _ string, now *Stamp) { now.Out = "/elsewhere" }, false},
		{"the output changed", func(_ *testing.T, _ string, now *Stamp) { now.Manifest = "other" }, false},
		{"no output", func(_ *testing.T, _ string, now *Stamp) { now.Manifest = "" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t)
			age(t, dir)
			saved := take(t, dir)
			name := filepath.Join(t.TempDir(), "stamp")
			if err := saved.Save(name); err != nil {
				t.Fatal(err)
			}
			loaded, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir, &saved) // a change to saved stands for one to now below
			now := take(t, dir)
			now.Program, now.Out, now.Manifest = saved.Program, saved.Out, saved.Manifest
			if got := loaded.Matches(dir, now); got != tt.want {
				t.Errorf("Matches = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRacilyClean: a file written just before the stamp and written again
// with the same size and time is caught by its digest.
func TestRacilyClean(t *testing.T) {
	dir := site(t)
	age(t, dir)
	rec := filepath.Join(dir, "content/agencies/a.md")
	if err := os.WriteFile(rec, []byte("version 1"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(rec)
	if err != nil {
		t.Fatal(err)
	}
	saved := take(t, dir)
	for _, f := range saved.Files {
		if (f.Path == "content/agencies/a.md") != (f.Digest != "") {
			t.Fatalf("only the file written just now has a digest: %+v", f)
		}
	}
	if !saved.Matches(dir, take(t, dir)) {
		t.Fatal("an unchanged racily clean file does not match")
	}
	if err := os.WriteFile(rec, []byte("version 2"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(rec, fi.ModTime(), fi.ModTime())
	if saved.Matches(dir, take(t, dir)) {
		t.Error("a racily clean file rewritten with the same size and time matches")
	}
}

func TestSpecialFiles(t *testing.T) {
	dir := site(t)
	if err := os.Symlink("a.md", filepath.Join(dir, "content/agencies/link.md")); err != nil {
		t.Skip(err)
	}
	if _, err := Take(dir, nil, roots...); !errors.Is(err, ErrSpecial) {
		t.Errorf("Take over a symbolic link: %v, want ErrSpecial", err)
	}
	skipLink := func(p string, isDir bool) bool { return p != "content/agencies/link.md" }
	if _, err := Take(dir, skipLink, roots...); err != nil {
		t.Errorf("Take over a symbolic link that keep leaves out: %v", err)
	}
}

// TestTakeKeeps: a file keep leaves out is not stamped, and a folder it
// leaves out is not walked.
func TestTakeKeeps(t *testing.T) {
	dir := site(t)
	var asked []string
	keep := func(p string, isDir bool) bool {
		asked = append(asked, p)
		return p != "content/agencies/b.ja.md" && p != "content/agencies/x"
	}
	s, err := Take(dir, keep, roots...)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Files {
		got = append(got, f.Path)
	}
	want := []string{"content/agencies/a.md", "layouts/page.html", "site.toml"}
	if !slices.Equal(got, want) {
		t.Errorf("stamped %q, want %q", got, want)
	}
	if slices.Contains(asked, "content/agencies/x/y") {
		t.Errorf("walked into a folder keep left out: asked about %q", asked)
	}
}

// TestProgramDigest: the saved digest is trusted only for the very file it
// was taken of, and not when that file had just changed; any other file
// is read. (A made-up saved digest shows whether the file was read.)
func TestProgramDigest(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "linewatch")
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(exe, "program 1")
	d1, stat1, err := ProgramDigest(exe, Stamp{})
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := FileDigest(exe); d1 != want {
		t.Fatalf("digest %s, want %s", d1, want)
	}
	later := time.Now().Add(time.Hour).UnixNano() // a stamp taken long after the program was written
	tests := []struct {
		name   string
		change func()
		saved  Stamp
		trust  bool
	}{
		{"same file", func() {}, Stamp{Program: "saved", ProgramStat: stat1, Taken: later}, stat1 != ""},
		{"same file, changed just before the stamp", func() {}, Stamp{Program: "saved", ProgramStat: stat1, Taken: time.Now().UnixNano()}, false},
		{"no saved stamp", func() {}, Stamp{Taken: later}, false},
		{"rewritten", func() { write(exe, "program two") }, Stamp{Program: "saved", ProgramStat: stat1, Taken: later}, false},
		{"replaced by a file of the same size and time", func() {
			fi, err := os.Stat(exe)
			if err != nil {
				t.Fatal(err)
			}
			write(exe+".new", "program 3")
			os.Chtimes(exe+".new", fi.ModTime(), fi.ModTime())
			if err := os.Rename(exe+".new", exe); err != nil {
				t.Fatal(err)
			}
		}, Stamp{Program: "saved", ProgramStat: stat1, Taken: later}, false},
	}
	for _, tt := range tests {
		tt.change()
		got, _, err := ProgramDigest(exe, tt.saved)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := FileDigest(exe)
		if tt.trust {
			want = "saved"
		}
		if got != want {
			t.Errorf("%s: digest %q, want %q", tt.name, got, want)
		}
	}
}

// TestSaveLoad: a saved stamp loads back as it was.
func TestSaveLoad(t *testing.T) {
	dir := site(t)
	s := take(t, dir)
	s.Files[0].Digest = "abc"
	name := filepath.Join(t.TempDir(), "stamp")
	if err := s.Save(name); err != nil {
		t.Fatal(err)
	}
	got, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("loaded %+v\nwant %+v", got, s)
	}
	head, err := LoadHead(name)
	if err != nil {
		t.Fatal(err)
	}
	s.Files = nil
	if !reflect.DeepEqual(head, s) {
		t.Errorf("LoadHead gave %+v\nwant %+v", head, s)
	}
}

func TestLoadRejects(t *testing.T) {
	for _, data := range []string{"", "linewatch stamp 0\n",
		"linewatch stamp 1\nprogram p\nout \"/o\"\nmanifest m\ntaken 1\n",
		"linewatch stamp 2\nprogram p\n",
		"linewatch stamp 2\nprogram p\nprogram-stat 1\nout \"/o\"\nmanifest m\ntaken 1\n12 x - \"a\"\n"} {
		name := filepath.Join(t.TempDir(), "stamp")
		os.WriteFile(name, []byte(data), 0o644)
		if _, err := Load(name); err == nil {
			t.Errorf("Load(%q) took it for a stamp", data)
		}
	}
}

func TestLocation(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a, err1 := Location("site", "")
	b, err2 := Location("site", "out")
	c, err3 := Location("other", "")
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	if a == b || a == c || b == c {
		t.Errorf("two builds share a stamp: %s %s %s", a, b, c)
	}
}
