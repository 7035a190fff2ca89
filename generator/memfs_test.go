package generator

import (
	"testing"
	"testing/fstest"
)

func TestMemFS(t *testing.T) {
	m := newMemFS(map[string][]byte{
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
