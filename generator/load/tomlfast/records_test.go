package tomlfast

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/bench/corpus"
)

// TestRecords compares Decode with BurntSushi over all the TOML the project
// has: every record of the shipped site (content/ and site.toml), every
// file of the test fixtures, broken ones included, and a synthetic site of
// 2,000 agencies. Decode must also handle every shipped and synthetic
// record, so that a change sending them back to the slow path fails here
// rather than only showing in a benchmark.
func TestRecords(t *testing.T) {
	sets := []struct {
		name       string
		files      map[string]string
		mustHandle bool
	}{
		{"content", shippedTOML(t), true},
		{"corpus", corpusTOML(), true},
		{"fixtures", fixtureFilesTOML(t), false},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			if len(set.files) == 0 {
				t.Fatal("no files")
			}
			handledN := 0
			for name, text := range set.files {
				got, ok := Decode(text)
				want, err := slow(text)
				switch {
				case ok && err != nil:
					t.Errorf("%s: handled what BurntSushi rejects: %v", name, err)
				case ok:
					handledN++
					if d := same(got, want); d != "" {
						t.Errorf("%s: differs from BurntSushi at %s", name, d)
					}
				case err == nil && set.mustHandle:
					t.Errorf("%s: valid TOML not handled", name)
				}
			}
			t.Logf("%d files, %d handled", len(set.files), handledN)
		})
	}
}

// shippedTOML returns the TOML of every record under content/ and of
// site.toml, by path.
func shippedTOML(t *testing.T) map[string]string {
	root := os.DirFS("../../..")
	out := map[string]string{}
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		addTOML(out, p, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(root, "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	addTOML(out, "site.toml", string(data))
	return out
}

// corpusTOML returns the TOML of every file of a synthetic site of 2,000
// agencies.
func corpusTOML() map[string]string {
	out := map[string]string{}
	for p, data := range corpus.Files(corpus.Options{Agencies: 2000, Seed: 1}) {
		addTOML(out, p, string(data))
	}
	return out
}

// fixtureFilesTOML returns the TOML of every file of every txtar fixture
// under generator/, by fixture and file.
func fixtureFilesTOML(t *testing.T) map[string]string {
	var paths []string
	for _, pattern := range []string{"../../testdata/*/*.txtar", "../../*/testdata/*.txtar"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	out := map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for name, body := range txtarFiles(string(data)) {
			addTOML(out, p+":"+name, body)
		}
	}
	return out
}

// addTOML adds a file's TOML to out: the whole of a .toml file, the front
// matter of a .md file that has one.
func addTOML(out map[string]string, name, data string) {
	switch path.Ext(name) {
	case ".toml":
		out[name] = data
	case ".md":
		if front, ok := frontMatter(strings.ReplaceAll(data, "\r\n", "\n")); ok {
			out[name] = front
		}
	}
}
