package render

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"linewatch/generator/model"
	"linewatch/layouts"
)

// catalogs parses the default translation files.
func catalogs(t *testing.T) map[string]catalog {
	t.Helper()
	cats := map[string]catalog{}
	for _, lang := range langs {
		name := "i18n/" + lang + ".toml"
		src, err := fs.ReadFile(layouts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if cats[lang], err = parseCatalog(name, src); err != nil {
			t.Fatal(err)
		}
	}
	return cats
}

func TestTranslationsHaveTheSameKeys(t *testing.T) {
	cats := catalogs(t)
	en, ja := slices.Sorted(maps.Keys(cats[En])), slices.Sorted(maps.Keys(cats[Ja]))
	if !slices.Equal(en, ja) {
		for _, k := range en {
			if _, ok := cats[Ja][k]; !ok {
				t.Errorf("ja.toml lacks %q", k)
			}
		}
		for _, k := range ja {
			if _, ok := cats[En][k]; !ok {
				t.Errorf("en.toml lacks %q", k)
			}
		}
	}
	for _, lang := range langs {
		for k, v := range cats[lang] {
			if strings.TrimSpace(v) == "" && k != "empty.dash" {
				t.Errorf("%s.toml: %s is empty", lang, k)
			}
		}
	}
}

// Enum labels are looked up by computed keys, which LoadLayouts cannot
// see in the templates; every value of every enum table needs one.
func TestEnumLabelsExist(t *testing.T) {
	var keys []string
	for _, v := range model.Statuses {
		keys = append(keys, "status."+string(v), "status."+string(v)+".about")
	}
	for _, v := range model.Categories {
		keys = append(keys, "category."+string(v))
	}
	for _, v := range model.Levels {
		keys = append(keys, "level."+string(v))
	}
	for _, v := range model.SourceKinds {
		keys = append(keys, "kind."+string(v))
	}
	for _, n := range nav {
		keys = append(keys, n.key)
	}
	keys = append(keys, "date.none")
	cats := catalogs(t)
	for _, lang := range langs {
		for _, k := range keys {
			if _, ok := cats[lang][k]; !ok {
				t.Errorf("%s.toml lacks %q", lang, k)
			}
		}
	}
}

func TestParseCatalog(t *testing.T) {
	tests := []struct {
		name, src string
		want      catalog
		err       string
	}{
		{"plain", "# c\n\na = \"x\"\nb.c = 'lit \\n'  # trailing\n", catalog{"a": "x", "b.c": `lit \n`}, ""},
		{"escapes", `k = "say \"hi\"\tand \u00e9"`, catalog{"k": "say \"hi\"\tand é"}, ""},
		{"japanese", `k = "停止"`, catalog{"k": "停止"}, ""},
		{"no equals", "a\n", nil, "x.toml:1: want key"},
		{"bad key", `a b = "x"`, nil, `x.toml:1: bad key "a b"`},
		{"not a string", "a = 1", nil, "x.toml:1: a: value must be a quoted string"},
		{"unterminated", `a = "x`, nil, "x.toml:1: a: unterminated string"},
		{"junk after", `a = "x" y`, nil, `x.toml:1: a: unexpected "y"`},
		{"twice", "a = \"x\"\n\na = \"y\"", nil, "x.toml:3: a: key defined twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCatalog("x.toml", []byte(tt.src))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLoadLayoutsErrors(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		err   string
	}{
		{"unknown key", fstest.MapFS{"agency.html": {Data: []byte("{{define \"title\"}}x{{end}}\n{{define \"main\"}}\n{{t \"no.such.key\"}}{{end}}")}},
			`agency.html:3:4: translation key "no.such.key" is missing from i18n/en.toml`},
		{"parse error", fstest.MapFS{"home.html": {Data: []byte("{{define \"main\"}}\n{{if}}{{end}}")}},
			"home.html:2"},
		{"escaping error", fstest.MapFS{"page.html": {Data: []byte("{{define \"title\"}}x{{end}}{{define \"main\"}}\n{{if .URL}}<a href=\"{{else}}<b>{{end}}x{{end}}")}},
			"page.html:2"},
		{"missing ja key", fstest.MapFS{"i18n/ja.toml": {Data: []byte(`site.title = "x"`)}},
			`i18n/ja.toml: key "nav.home" is missing`},
		{"bad i18n", fstest.MapFS{"i18n/en.toml": {Data: []byte("x = \"a\"\ny\n")}},
			"i18n/en.toml:2: want key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadLayouts(Union(tt.files, layouts.FS))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v\nwant it to contain %q", err, tt.err)
			}
		})
	}
}
