package generator

import (
	"path/filepath"
	"reflect"
	"testing"

	"linewatch/generator/checked"
	"linewatch/generator/model"
	"linewatch/generator/stamp"
)

// TestTakeKnown holds takeKnown to its rule: an agency is taken only from
// a file the same program wrote, when its record and its Japanese sibling
// (or the lack of one) are as the file says, and its path and slug are
// what the loader would make; every other record is read.
func TestTakeKnown(t *testing.T) {
	const dir = "content/agencies/osaka/"
	agency := func(slug, pathJA string) model.Agency {
		return model.Agency{Slug: slug, Path: dir + slug + ".md", PathJA: pathJA, Name: "Agency " + slug}
	}
	kept := checked.File{Program: "prog-1", Agencies: []model.Agency{
		agency("plain", ""),
		agency("with-ja", dir+"with-ja.ja.md"),
		agency("edited", ""),
		agency("ja-gone", dir+"ja-gone.ja.md"),
		agency("ja-new", ""),
		{Slug: "other-slug", Path: dir + "slug-differs.md"},
		agency("odd-sibling", dir+"elsewhere.ja.md"),
		agency("plain", ""), // twice: the second is not taken
	}, Seen: []checked.Seen{
		{Size: 10, ModTime: 100},
		{Size: 11, ModTime: 101, SizeJA: 5, ModTimeJA: 50},
		{Size: 12, ModTime: 102},
		{Size: 13, ModTime: 103, SizeJA: 6, ModTimeJA: 60},
		{Size: 14, ModTime: 104},
		{Size: 15, ModTime: 105},
		{Size: 16, ModTime: 106, SizeJA: 7, ModTimeJA: 70},
		{Size: 10, ModTime: 100},
	}}
	name := filepath.Join(t.TempDir(), "x.checked")
	if err := stamp.WriteWhole(name, checked.Encode(kept), "checked agencies"); err != nil {
		t.Fatal(err)
	}
	walked := []stamp.File{
		{Path: dir + "edited.md", Size: 12, ModTime: 999},
		{Path: dir + "elsewhere.ja.md", Size: 7, ModTime: 70},
		{Path: dir + "ja-gone.md", Size: 13, ModTime: 103},
		{Path: dir + "ja-new.ja.md", Size: 3, ModTime: 30},
		{Path: dir + "ja-new.md", Size: 14, ModTime: 104},
		{Path: dir + "new.md", Size: 1, ModTime: 1},
		{Path: dir + "odd-sibling.md", Size: 16, ModTime: 106},
		{Path: dir + "plain.md", Size: 10, ModTime: 100},
		{Path: dir + "slug-differs.md", Size: 15, ModTime: 105},
		{Path: dir + "with-ja.ja.md", Size: 5, ModTime: 50},
		{Path: dir + "with-ja.md", Size: 11, ModTime: 101},
		{Path: "content/events/e.md", Size: 2, ModTime: 2},
		{Path: "layouts/base.html", Size: 2, ModTime: 2},
		{Path: "site.toml", Size: 2, ModTime: 2},
	}
	if k := takeKnown(name, "prog-2", walked); k != nil {
		t.Errorf("another program's file: %d agencies taken", len(k.agencies))
	}
	if k := takeKnown(filepath.Join(t.TempDir(), "none"), "prog-1", walked); k != nil {
		t.Errorf("no file: %d agencies taken", len(k.agencies))
	}
	k := takeKnown(name, "prog-1", walked)
	if k == nil {
		t.Fatal("nothing taken")
	}
	var slugs []string
	for _, a := range k.agencies {
		slugs = append(slugs, a.Slug)
	}
	if want := []string{"plain", "with-ja"}; !reflect.DeepEqual(slugs, want) {
		t.Errorf("took %q, want %q", slugs, want)
	}
	if k.stale != len(kept.Agencies)-2 {
		t.Errorf("%d not taken, want %d", k.stale, len(kept.Agencies)-2)
	}
	want := []stamp.File{walked[7], walked[9], walked[10]} // in path order, as the walk has them
	if !reflect.DeepEqual(k.files, want) {
		t.Errorf("files %v, want %v", k.files, want)
	}
	var read []string
	for _, p := range []string{"edited.md", "elsewhere.ja.md", "ja-gone.md", "ja-new.ja.md", "ja-new.md", "new.md", "odd-sibling.md", "slug-differs.md"} {
		read = append(read, dir+p)
	}
	read = append(read, "content/events/e.md")
	if k.read.Len() != len(read) {
		t.Errorf("%d records to read, want %d: %q", k.read.Len(), len(read), read)
	}
}

// TestKeepChecked: only agencies whose record and sibling the stamp holds,
// with times older than racy, are kept, with what the stamp says of them.
func TestKeepChecked(t *testing.T) {
	const dir = "content/agencies/kyoto/"
	agencies := []model.Agency{
		{Slug: "a", Path: dir + "a.md"},
		{Slug: "b", Path: dir + "b.md", PathJA: dir + "b.ja.md"},
		{Slug: "fresh", Path: dir + "fresh.md"},
		{Slug: "fresh-ja", Path: dir + "fresh-ja.md", PathJA: dir + "fresh-ja.ja.md"},
		{Slug: "unstamped", Path: dir + "unstamped.md"},
	}
	records := []stamp.File{ // sorted by path
		{Path: dir + "a.md", Size: 1, ModTime: 10},
		{Path: dir + "b.ja.md", Size: 2, ModTime: 20},
		{Path: dir + "b.md", Size: 3, ModTime: 30},
		{Path: dir + "fresh-ja.ja.md", Size: 4, ModTime: 500},
		{Path: dir + "fresh-ja.md", Size: 5, ModTime: 40},
		{Path: dir + "fresh.md", Size: 6, ModTime: 501},
	}
	keep, seen := keepChecked(agencies, records, 100)
	var slugs []string
	for _, a := range keep {
		slugs = append(slugs, a.Slug)
	}
	if want := []string{"a", "b"}; !reflect.DeepEqual(slugs, want) {
		t.Errorf("kept %q, want %q", slugs, want)
	}
	if want := []checked.Seen{{Size: 1, ModTime: 10}, {Size: 3, ModTime: 30, SizeJA: 2, ModTimeJA: 20}}; !reflect.DeepEqual(seen, want) {
		t.Errorf("seen %v, want %v", seen, want)
	}
}
