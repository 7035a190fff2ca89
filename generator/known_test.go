package generator_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linewatch/bench/corpus"
	"linewatch/generator"
)

// TestBuildFromKnownAgencies runs edits of every kind through a new
// Builder's BuildUnlessFresh, as `linewatch build` runs after each, on a
// synthetic site whose files are an hour old: from the second build on,
// every agency whose files did not change is taken as the earlier build
// checked it (package checked) instead of being read again. After each
// edit the build must take exactly the agencies it may, and publish byte
// for byte what a full build of the same files publishes; a problem
// across records that involves a known agency must still be found.
func TestBuildFromKnownAgencies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a synthetic site of 120 agencies a dozen times")
	}
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	src := filepath.Join(t.TempDir(), "site")
	if _, err := corpus.Write(src, corpus.Options{Agencies: 120, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	// Files an hour old: their times vouch for their content (stamp.Racy).
	hourAgo := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, hourAgo, hourAgo)
	})
	if err != nil {
		t.Fatal(err)
	}
	records, japanese := agencyFiles(t, src)
	var plain []string // the records without a Japanese body
	for _, r := range records {
		if _, err := os.Stat(filepath.Join(src, strings.TrimSuffix(r, ".md")+".ja.md")); errors.Is(err, fs.ErrNotExist) {
			plain = append(plain, r)
		}
	}
	if len(records) != 120 || len(japanese) < 5 || len(plain) < 5 {
		t.Fatalf("%d records, %d Japanese bodies, %d without", len(records), len(japanese), len(plain))
	}
	n := len(records)
	out := filepath.Join(t.TempDir(), "public")
	build := newProcessBuild(t, src, out)
	build()
	if got := generator.KnownAgencies(src, out); got != 0 {
		t.Fatalf("after a first build, %d agencies are known; a first build keeps none", got)
	}

	// Each step touches an agency no other step touches.
	used := map[string]bool{}
	mainOf := func(p string) string { return strings.TrimSuffix(p, ".ja.md") + ".md" }
	pick := func(list []string) string {
		for _, p := range list {
			if m := mainOf(p); !used[m] {
				used[m] = true
				return p
			}
		}
		t.Fatal("no agency left to edit")
		return ""
	}
	edited, edited2, gone, twin, touched, resized, last := pick(records), pick(records), pick(records), pick(records), pick(records), pick(records), pick(records)
	jaAdded, jaRemoved, jaEdited := pick(plain), pick(japanese), pick(japanese)
	dup := "content/agencies/zz-elsewhere/" + filepath.Base(twin)
	steps := []struct {
		name  string
		edit  func()
		known int  // agencies the build takes as known
		fails bool // the site has a problem across records
	}{
		// No file kept yet: every record is read, and all but the one just
		// edited (its time cannot vouch for it) are kept.
		{"an agency edited", func() { replace(t, src, edited, `name = "Synthetic `, `name = "Edited synthetic `) }, 0, false},
		{"another agency edited", func() { replace(t, src, edited2, `name = "Synthetic `, `name = "Edited synthetic `) }, n - 2, false},
		{"a Japanese body added to a known agency", func() {
			write(t, src, strings.TrimSuffix(jaAdded, ".md")+".ja.md", "新しい本文。\n")
		}, n - 3, false},
		{"a known agency's Japanese body removed", func() { remove(t, src, jaRemoved) }, n - 4, false},
		{"a known agency's Japanese body edited", func() {
			write(t, src, jaEdited, recordOf(t, src, jaEdited)+"\n追記。\n")
		}, n - 5, false},
		{"a known agency deleted", func() { remove(t, src, gone) }, n - 6, false},
		{"a new agency takes a known agency's slug", func() { write(t, src, dup, recordOf(t, src, twin)) }, n - 6, true},
		{"the new agency removed", func() { remove(t, src, dup) }, n - 6, false},
		{"a known agency saved again unchanged", func() {
			now := time.Now()
			if err := os.Chtimes(filepath.Join(src, touched), now, now); err != nil {
				t.Fatal(err)
			}
		}, n - 7, false},
		{"a known agency's size changed, its time put back", func() {
			write(t, src, resized, strings.Replace(recordOf(t, src, resized), `name = "Synthetic `, `name = "Resized synthetic `, 1))
			if err := os.Chtimes(filepath.Join(src, resized), hourAgo, hourAgo); err != nil {
				t.Fatal(err)
			}
		}, n - 8, false},
	}
	for _, st := range steps {
		st.edit()
		if got := generator.KnownAgencies(src, out); got != st.known {
			t.Errorf("%s: %d agencies known, want %d", st.name, got, st.known)
		}
		b, err := generator.New(generator.Config{SourceDir: src, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.BuildUnlessFresh()
		if st.fails {
			if err == nil || !strings.Contains(err.Error(), dup) || !strings.Contains(err.Error(), twin) {
				t.Errorf("%s: %v, want a problem naming %s and %s", st.name, err, dup, twin)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		sameAsFullBuild(t, st.name, src, out)
	}

	// A kept file that is damaged is not used: every record is read.
	kept, err := filepath.Glob(filepath.Join(cache, "linewatch", "stamps", "*.checked"))
	if err != nil || len(kept) != 1 {
		t.Fatalf("kept files %q (%v), want one", kept, err)
	}
	data, err := os.ReadFile(kept[0])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(kept[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	replace(t, src, last, `name = "Synthetic `, `name = "Once more synthetic `)
	if got := generator.KnownAgencies(src, out); got != 0 {
		t.Errorf("from a damaged file, %d agencies known", got)
	}
	build()
	sameAsFullBuild(t, "after a damaged file", src, out)
}
