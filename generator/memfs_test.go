package generator

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestMemFS(t *testing.T) {
	m := newMemFS(nil, map[string][]byte{
		"index.html":                   []byte("home"),
		"agencies/osaka/index.html":    []byte("osaka"),
		"agencies/tokyo/index.html":    []byte("tokyo"),
		"style.css":                    []byte("body{}"),
		"ja/agencies/osaka/index.html": []byte("大阪"),
	})
	if err := fstest.TestFS(m, "index.html", "agencies/osaka/index.html", "ja/agencies/osaka/index.html", "style.css"); err != nil {
		t.Fatal(err)
	}
}

// TestMemFSLayers serves the open data from its own layer, and a memFS
// made with new maps of the same names shares the folders but serves the
// new bytes; a new name is found too.
func TestMemFSLayers(t *testing.T) {
	pages := map[string][]byte{"index.html": []byte("home"), "data/index.html": []byte("data page")}
	data := map[string][]byte{"data/agencies.json": []byte("{}")}
	m := newMemFS(pages, data)
	if err := fstest.TestFS(m, "index.html", "data/index.html", "data/agencies.json"); err != nil {
		t.Fatal(err)
	}
	pages2 := map[string][]byte{"index.html": []byte("home, edited"), "data/index.html": []byte("data page")}
	m2 := m.with(pages2, data)
	if err := fstest.TestFS(m2, "index.html", "data/index.html", "data/agencies.json"); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(m2, "index.html"); err != nil || string(b) != "home, edited" {
		t.Errorf("index.html = %q, %v; want the edited page", b, err)
	}
	pages3 := map[string][]byte{"index.html": []byte("home"), "data/index.html": []byte("data page"), "about/index.html": []byte("about")}
	m3 := m2.with(pages3, data)
	if err := fstest.TestFS(m3, "index.html", "about/index.html", "data/agencies.json"); err != nil {
		t.Fatal(err)
	}
	data2 := map[string][]byte{"data/agencies.json": []byte("{}"), "data/services.csv": []byte("a,b")}
	if err := fstest.TestFS(m3.with(pages3, data2), "about/index.html", "data/services.csv"); err != nil {
		t.Fatal(err)
	}
}
