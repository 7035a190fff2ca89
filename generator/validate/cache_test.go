package validate

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/refdata"
)

// TestCacheMatchesCheck runs a series of edits through one Cache and
// checks after each that it returns exactly what Check returns from
// nothing, and that it checked again only the records it had to.
func TestCacheMatchesCheck(t *testing.T) {
	ref := loadRef(t)
	const (
		a   = "content/agencies/osaka/a.md"
		aJA = "content/agencies/osaka/a.ja.md"
		b   = "content/agencies/osaka/b.md"
		c   = "content/agencies/kyoto/c.md"
		e   = "content/events/e.md"
		p   = "content/pages/about.md"
	)
	event := func(names string) string {
		return "+++\ndate = 2021-03-17\ntitle = \"T\"\nagencies = [" + names + "]\n" + src
	}
	files := map[string]string{
		a:   osakaCity,
		aJA: "本文。\n",
		b:   strings.Replace(osakaCity, "Osaka City", "B", 1),
		e:   event(`"a", "c"`),
		p:   "+++\ntitle = \"About\"\n+++\nAbout.\n",
	}
	steps := []struct {
		name    string
		edit    func()
		ref     *refdata.Data
		checked int // records checked again (a broken one always is), -1 for all
	}{
		{"first check", func() {}, ref, -1},
		{"nothing changed", func() {}, ref, 0},
		{"record edited", func() { files[b] = strings.Replace(files[b], `"B"`, `"Bee"`, 1) }, ref, 1},
		{"saved with CRLF line ends", func() { files[b] = strings.ReplaceAll(files[b], "\n", "\r\n") }, ref, 0},
		{"japanese sibling edited", func() { files[aJA] = "+++\nname_ja = \"大阪\"\n+++\n本文。\n" }, ref, 1},
		{"japanese sibling conflicts", func() { files[a] = strings.Replace(files[a], "+++\n", "+++\nname_ja = \"x\"\n", 1) }, ref, 1},
		{"japanese sibling removed", func() { delete(files, aJA) }, ref, 1},
		{"agency an event names added", func() { files[c] = strings.Replace(osakaCity, "osaka", "kyoto", 1) }, ref, 2},
		{"event edited", func() { files[e] = event(`"a", "c", "b"`) }, ref, 1},
		{"agency removed", func() { delete(files, b) }, ref, 1},
		{"broken record", func() { files[b] = "+++\nname = \n+++\n" }, ref, 2},
		{"same slug in another folder", func() { files["content/agencies/kyoto/a.md"] = osakaCity }, ref, 2},
		{"orphan japanese sibling", func() { files["content/pages/gone.ja.md"] = "本文。\n" }, ref, 1},
		{"other reference data", func() {}, loadRef(t), -1},
	}
	var cache Cache
	for _, st := range steps {
		st.edit()
		fsys := fstest.MapFS{}
		for p, text := range files {
			fsys[p] = &fstest.MapFile{Data: []byte(text)}
		}
		cfg, _ := load.Config(fsys)
		docs, _ := load.Dir(fsys)
		want, wantDiags := Check(cfg, docs, st.ref)

		var ignored diag.List
		mains, jas := pair(docs, &ignored)
		prev := cache.reuse(mains, jas, slugsOf(mains, load.Agency), st.ref)
		checked := len(mains)
		for _, e := range prev {
			if e != nil {
				checked--
			}
		}
		got, gotDiags := cache.Check(cfg, docs, st.ref)

		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the cache gives\n%+v\nwant\n%+v", st.name, got, want)
		}
		if gotDiags.String() != wantDiags.String() {
			t.Errorf("%s: the cache reports\n%s\nwant\n%s", st.name, gotDiags, wantDiags)
		}
		if st.checked < 0 && checked != len(mains) || st.checked >= 0 && checked != st.checked {
			t.Errorf("%s: checked %d of %d records again, want %d", st.name, checked, len(mains), st.checked)
		}
	}
}
