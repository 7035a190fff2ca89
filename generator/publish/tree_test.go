package publish

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// site is a file set as tests write it: path → content.
type site map[string]string

// bytes converts the site to what Swap takes.
func (s site) bytes() map[string][]byte {
	m := make(map[string][]byte, len(s))
	for p, c := range s {
		m[p] = []byte(c)
	}
	return m
}

// tree is what a published folder must hold for s: every file, the
// SHA256SUMS computed here independently of the package, and every folder
// (as "path/") and no other.
func (s site) tree() map[string]string {
	t := make(map[string]string)
	var sums strings.Builder
	for _, p := range slices.Sorted(maps.Keys(s)) {
		t[p] = s[p]
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256([]byte(s[p])), p)
		for dir := range parents(p) {
			t[dir+"/"] = ""
		}
	}
	t[ManifestName] = sums.String()
	return t
}

// readTree reads a folder as path → content, folders as "path/" → "",
// symlinks as "path" → "-> target"; nil when dir does not exist.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return nil
	}
	m := make(map[string]string)
	err := filepath.WalkDir(dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil || full == dir {
			return err
		}
		rel := filepath.ToSlash(full[len(dir)+1:])
		switch {
		case d.IsDir():
			m[rel+"/"] = ""
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(full)
			m[rel] = "-> " + target
			return err
		default:
			data, err := os.ReadFile(full)
			m[rel] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diffTrees describes how got differs from want, or returns "".
func diffTrees(got, want map[string]string) string {
	var b strings.Builder
	for _, p := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[p]
		switch {
		case !ok:
			fmt.Fprintf(&b, "\n  missing %s", p)
		case g != want[p]:
			fmt.Fprintf(&b, "\n  %s = %q, want %q", p, g, want[p])
		}
	}
	for _, p := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[p]; !ok {
			fmt.Fprintf(&b, "\n  extra %s", p)
		}
	}
	return b.String()
}

// checkTree fails the test unless dir holds exactly the site s.
func checkTree(t *testing.T, dir string, s site) {
	t.Helper()
	if d := diffTrees(readTree(t, dir), s.tree()); d != "" {
		t.Fatalf("%s differs from the site:%s", dir, d)
	}
}

// siblings lists the names in out's parent folder.
func siblings(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// statsBetween is what Swap should report when old was live and new is
// published, counted here independently of the package.
func statsBetween(old, new site) Stats {
	var st Stats
	for p, c := range new {
		if oc, ok := old[p]; ok && oc == c {
			st.Unchanged++
		} else {
			st.Written++
		}
	}
	for p := range old {
		if _, ok := new[p]; !ok {
			st.Removed++
		}
	}
	return st
}
