package validate

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"linewatch/generator/load"
	"linewatch/generator/model"
)

// TestCheckKnownMatchesCheck takes agencies from a clean check of a site,
// then checks sites made from it with those agencies known (their files
// left out of the documents) and checks the result and every problem are
// what Check gives from all the files: the rules across records see the
// known agencies as they see the records read.
func TestCheckKnownMatchesCheck(t *testing.T) {
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
	base := map[string]string{
		a:   osakaCity,
		aJA: "+++\nname_ja = \"大阪\"\n+++\n本文。\n",
		b:   strings.Replace(osakaCity, "Osaka City", "B", 1),
		c:   strings.Replace(osakaCity, "osaka", "kyoto", 1),
		e:   event(`"a", "c"`),
		p:   "+++\ntitle = \"About\"\n+++\nAbout.\n",
	}
	docsOf := func(files map[string]string) (load.Doc, []load.Doc) {
		fsys := fstest.MapFS{}
		for p, text := range files {
			fsys[p] = &fstest.MapFile{Data: []byte(text)}
		}
		cfg, _ := load.Config(fsys)
		docs, diags := load.Dir(fsys)
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		return cfg, docs
	}
	cfg, docs := docsOf(base)
	clean, diags := Check(cfg, docs, ref)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	agency := func(path string) model.Agency {
		for _, a := range clean.Agencies {
			if a.Path == path {
				return a
			}
		}
		t.Fatalf("no agency at %s", path)
		return model.Agency{}
	}

	cases := []struct {
		name  string
		edit  func(files map[string]string)
		known []string // paths of the agencies taken as known
		fails bool     // the site has problems
	}{
		{"nothing changed, two known", func(map[string]string) {}, []string{a, b}, false},
		{"every agency known", func(map[string]string) {}, []string{a, b, c}, false},
		{"a read agency edited beside known ones", func(f map[string]string) { f[c] = strings.Replace(f[c], `"Osaka City"`, `"C"`, 1) }, []string{a, b}, false},
		{"a new agency takes a known slug", func(f map[string]string) { f["content/agencies/kyoto/a.md"] = base[c] }, []string{a, b}, true},
		{"an event names a known agency and a missing one", func(f map[string]string) { f[e] = event(`"a", "b", "zz"`) }, []string{a, b, c}, true},
		{"a known agency's slug names a page too", func(f map[string]string) { f["content/pages/b.md"] = base[p] }, []string{b}, false},
		{"an orphan japanese body beside known agencies", func(f map[string]string) { f["content/agencies/osaka/d.ja.md"] = "本文。\n" }, []string{a, b}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			tc.edit(files)
			cfg, docs := docsOf(files)
			want, wantDiags := Check(cfg, docs, ref)
			if (len(wantDiags) > 0) != tc.fails {
				t.Fatalf("the site's problems: %v", wantDiags)
			}

			var known []model.Agency
			skip := map[string]bool{}
			for _, path := range tc.known {
				ag := agency(path)
				known = append(known, ag)
				skip[ag.Path] = true
				if ag.PathJA != "" {
					skip[ag.PathJA] = true
				}
			}
			read := slices.DeleteFunc(slices.Clone(docs), func(d load.Doc) bool { return skip[d.Path] })
			if len(read) != len(docs)-len(skip) {
				t.Fatalf("left out %d documents, want %d", len(docs)-len(read), len(skip))
			}
			got, gotDiags := CheckKnown(cfg, read, known, ref)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("CheckKnown gives\n%+v\nwant\n%+v", got, want)
			}
			if gotDiags.String() != wantDiags.String() {
				t.Errorf("CheckKnown reports\n%s\nwant\n%s", gotDiags, wantDiags)
			}
		})
	}
}
