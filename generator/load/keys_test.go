package load

import (
	"fmt"
	"testing"
)

func TestIndexKeys(t *testing.T) {
	tests := []struct {
		name      string
		toml      string
		firstLine int
		want      map[string]string // key path -> "line:col"; "" means not indexed
	}{
		{
			name:      "top-level keys, offset by the front matter",
			firstLine: 2,
			toml: `name = "Osaka City"
  level="municipality"   # indented, no blanks around =
updated = 2021-03-19
`,
			want: map[string]string{"name": "2:1", "level": "3:3", "updated": "4:1"},
		},
		{
			name:      "arrays of tables counted from 1, nested history under the latest service",
			firstLine: 1,
			toml: `name = "x"
[[services]]
name = "a"
  [[services.history]]
  date = 2020-01-01
  [[services.history]]
  date = 2020-02-01
[[services]]
name = "b"
  [[services.history]]
  status = "active"
[[sources]]
title = "t"
`,
			want: map[string]string{
				"services":                      "2:1",
				"services[1]":                   "2:1",
				"services[1].name":              "3:1",
				"services[1].history":           "4:3",
				"services[1].history[1]":        "4:3",
				"services[1].history[1].date":   "5:3",
				"services[1].history[2].date":   "7:3",
				"services[2]":                   "8:1",
				"services[2].name":              "9:1",
				"services[2].history[1]":        "10:3",
				"services[2].history[1].status": "11:3",
				"services[2].history[2]":        "",
				"sources":                       "12:1",
				"sources[1]":                    "12:1",
				"sources[1].title":              "13:1",
			},
		},
		{
			name:      "multi-line strings hide what looks like keys",
			firstLine: 1,
			toml: `note = """
fake = 1
[[fake]]
"""
quote = '''
other = 2'''
after = """one line"""
esc = """a \""" still inside
inside = 3
"""
last = 'x'
`,
			want: map[string]string{"note": "1:1", "quote": "5:1", "after": "7:1", "esc": "8:1", "last": "11:1",
				"fake": "", "other": "", "inside": "", "fake[1]": ""},
		},
		{
			name:      "multi-line arrays, element positions, comments and brackets in strings",
			firstLine: 1,
			toml: `agencies = [
  "osaka-city",  # first ] not closing
  "sakai-city", "x]",
]
nested = [[1, 2], [3]]
tables = [{ fake = 1 }, { b = "]" }]
next = 1
`,
			want: map[string]string{
				"agencies": "1:1", "agencies[1]": "2:3", "agencies[2]": "3:3", "agencies[3]": "3:17", "agencies[4]": "",
				"nested[1]": "5:11", "nested[1][2]": "5:15", "nested[2]": "5:19",
				"tables[1]": "6:11", "tables[2]": "6:25", "tables[1].fake": "", "fake": "",
				"next": "7:1",
			},
		},
		{
			name:      "dotted and quoted keys, plain tables",
			firstLine: 1,
			toml: `a.b = 1
"quoted key" = 2
site . "x.y" = 3
[meta]
k = 1
[ deep . t ]
k = 2
`,
			want: map[string]string{"a": "1:1", "a.b": "1:1", "quoted key": "2:1", "site.x.y": "3:1",
				"meta": "4:1", "meta.k": "5:1", "deep.t": "6:1", "deep.t.k": "7:1"},
		},
		{
			name:      "columns count characters, not bytes",
			firstLine: 1,
			toml:      "x = [\"大阪\", \"堺\"]\n",
			want:      map[string]string{"x[1]": "1:6", "x[2]": "1:12"},
		},
		{
			name:      "broken lines are skipped",
			firstLine: 1,
			toml:      "= 1\n\"open = 2\n[[\nok = 3\n",
			want:      map[string]string{"ok": "4:1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := indexKeys("f.md", tt.toml, tt.firstLine)
			for k, want := range tt.want {
				got := ""
				if p, ok := keys[k]; ok {
					got = fmt.Sprintf("%d:%d", p.Line, p.Col)
					if p.Path != "f.md" {
						t.Errorf("%s: path %q", k, p.Path)
					}
				}
				if got != want {
					t.Errorf("%s at %q, want %q", k, got, want)
				}
			}
			if t.Failed() {
				t.Logf("index: %v", keys)
			}
		})
	}
}
