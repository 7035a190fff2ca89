package render_test

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"linewatch/generator/render"
)

func TestUnion(t *testing.T) {
	over := fstest.MapFS{
		"a.html":       {Data: []byte("over a")},
		"static/x.css": {Data: []byte("over x")},
		"only-over":    {Data: []byte("o")},
	}
	under := fstest.MapFS{
		"a.html":       {Data: []byte("under a")},
		"b.html":       {Data: []byte("under b")},
		"static/x.css": {Data: []byte("under x")},
		"static/y.css": {Data: []byte("under y")},
	}
	u := render.Union(over, under)
	for name, want := range map[string]string{
		"a.html": "over a", "b.html": "under b", "static/x.css": "over x", "static/y.css": "under y", "only-over": "o",
	} {
		got, err := fs.ReadFile(u, name)
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	var names []string
	err := fs.WalkDir(u, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.html", "b.html", "only-over", "static/x.css", "static/y.css"}
	if !slices.Equal(names, want) {
		t.Errorf("walk = %q, want %q", names, want)
	}
	if _, err := fs.ReadFile(u, "missing"); err == nil {
		t.Error("ReadFile(missing) succeeded")
	}
	// The standard checks: Open, ReadDir through the file and the FS, Stat.
	if err := fstest.TestFS(u, want...); err != nil {
		t.Error(err)
	}
	if render.Union(nil, under) == nil {
		t.Error("Union(nil, under) is nil")
	}
}
