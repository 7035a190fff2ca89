package load

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestDirFSMatchesOSDirFS loads one folder on disk through DirFS and
// through os.DirFS: the documents and every message must be the same,
// links, an over-large file, a file at the size limit, an empty file, a
// folder named like a record and an unreadable record included.
func TestDirFSMatchesOSDirFS(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "agencies", "osaka")
	if err := os.MkdirAll(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", record)
	write("a.ja.md", "+++\nname_ja = \"大阪市\"\n+++\n本文\n")
	write("empty.md", "")
	write("broken.md", "+++\nname = \n+++\n")
	write("large.md", "+++\n+++\n"+strings.Repeat("x\n", MaxSize/2))
	limit := "+++\n+++\n"
	write("limit.md", limit+strings.Repeat("y\n", (MaxSize-len(limit))/2))
	links := map[string]string{"inside.md": "a.md", "dangling.md": "nowhere.md", "outside.md": "/etc/hostname"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	if os.Getuid() != 0 {
		write("secret.md", record)
		if err := os.Chmod(filepath.Join(dir, "secret.md"), 0); err != nil {
			t.Fatal(err)
		}
	}
	want, wantDiags := Dir(os.DirFS(root))
	got, gotDiags := Dir(DirFS(root))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DirFS loads other documents than os.DirFS:\n%+v\nwant\n%+v", got, want)
	}
	if gotDiags.String() != wantDiags.String() {
		t.Errorf("DirFS reports\n%s\nos.DirFS\n%s", gotDiags, wantDiags)
	}
	for _, want := range []string{"large.md: file is larger than 1 MiB", "dangling.md: cannot read", "outside.md: symbolic link"} {
		if !strings.Contains(gotDiags.String(), want) {
			t.Errorf("messages lack %q:\n%s", want, gotDiags)
		}
	}
	for _, p := range []string{"content/agencies/osaka/limit.md", "content/agencies/osaka/a.md"} {
		d, diags := File(DirFS(root), p)
		if d.Broken || len(diags) > 0 {
			t.Errorf("File(%s) through DirFS: broken %v, %s", p, d.Broken, diags)
		}
	}
	if _, _, err := DirFS(root).(diskFS).readLimited("../outside", MaxSize, false, nil, nil); err == nil {
		t.Error("readLimited accepted a path leaving the folder")
	}
}

// TestDirSortsByPath: WalkDir lists "b" before "b-c", but as paths
// "b-c/y.md" sorts before "b/x.md"; Dir returns documents in path order.
func TestDirSortsByPath(t *testing.T) {
	fsys := fstest.MapFS{
		"content/agencies/b/x.md":   {Data: []byte(record)},
		"content/agencies/b-c/y.md": {Data: []byte(record)},
	}
	docs, _ := Dir(fsys)
	var got []string
	for _, d := range docs {
		got = append(got, d.Path)
	}
	if want := []string{"content/agencies/b-c/y.md", "content/agencies/b/x.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Dir gave %q, want %q", got, want)
	}
}
