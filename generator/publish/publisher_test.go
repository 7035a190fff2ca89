package publish

import (
	"path/filepath"
	"testing"
)

func TestMemoLookup(t *testing.T) {
	data := []byte("<html>page</html>")
	m := make(memo)
	files := map[string][]byte{"a.html": data, "gone.html": []byte("x")}
	hashAll(files, sortedKeys(files), m)
	delete(files, "gone.html")
	hashAll(files, sortedKeys(files), m)
	if _, ok := m["gone.html"]; ok {
		t.Error("memo still remembers a path no longer published")
	}
	tests := []struct {
		name string
		data []byte
		hit  bool
	}{
		{"the same slice", data, true},
		{"the same slice, resliced to its length", data[:len(data):len(data)], true},
		{"a copy", append([]byte(nil), data...), false},
		{"a shorter slice of the same array", data[:5], false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		d, ok := m.lookup("a.html", tt.data)
		if ok != tt.hit {
			t.Errorf("%s: hit %v, want %v", tt.name, ok, tt.hit)
		}
		if ok && d != Hash(data) {
			t.Errorf("%s: remembered digest is wrong", tt.name)
		}
	}
	if _, ok := m.lookup("other.html", data); ok {
		t.Error("a slice seen under one path was found under another")
	}
}

func TestPublisherSequence(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	p := New(out)
	// One map kept across rebuilds, as the Builder keeps its pages: only
	// re-rendered pages get new slices.
	files := siteA.bytes()
	steps := []struct {
		name   string
		change func()
		want   site
		stats  Stats
	}{
		{"first build", func() {}, siteA, Stats{Written: 7}},
		{"no change", func() {}, siteA, Stats{Unchanged: 7}},
		{"one page re-rendered", func() { files["index.html"] = []byte("home A2") }, nil, Stats{Written: 1, Unchanged: 6}},
		{"re-rendered to the same bytes", func() { files["index.html"] = []byte("home A2") }, nil, Stats{Unchanged: 7}},
		{"one page gone", func() { delete(files, "gone/deep/page.html") }, nil, Stats{Unchanged: 6, Removed: 1}},
		{"back to the start", func() { files = siteA.bytes() }, siteA, Stats{Written: 2, Unchanged: 5}},
	}
	for _, step := range steps {
		step.change()
		st, err := p.Swap(files)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		checkStats(t, step.name, out, st, step.stats)
		want := step.want
		if want == nil {
			want = make(site)
			for k, v := range files {
				want[k] = string(v)
			}
		}
		checkTree(t, out, want)
	}
}
