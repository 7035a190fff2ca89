package render_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

func TestDataPage(t *testing.T) {
	out := build(t, dataFixture(), render.Options{BasePath: "/linewatch/"})
	en, ja := out["data/index.html"], out["ja/data/index.html"]
	contains(t, "data/index.html", en,
		"<h1>Open data</h1>",
		`href="/linewatch/data/agencies.json"`, `href="/linewatch/data/services.csv"`, `href="/linewatch/data/schema/record.schema.json"`,
		"published under the licence CC BY 4.0",
		"Format version 1.",
		"Records in the files: 4. LINE services: 3.",
		"<code>personal_data</code>", "<code>archive_url</code>", "<code>source_url</code>", "<code>page_url_ja</code>",
		"<code>not-reported</code>", "<code>under-review</code>", `href="/linewatch/status/under-review/"`,
		`<a href="/linewatch/data/" aria-current="page">Open data</a>`,
		"OWASP", "byte-order mark",
		"! No licence is stated",
	)
	contains(t, "ja/data/index.html", ja,
		"<h1>オープンデータ</h1>",
		`href="/linewatch/data/agencies.json"`,
		"「CC BY 4.0」のライセンス", "形式のバージョン1。",
		`href="/linewatch/ja/status/under-review/"`,
		`href="/linewatch/data/" hreflang="en"`,
	)
	// Every column of services.csv and every field of agencies.json is
	// documented; the golden files hold the real ones.
	files, err := render.Data(model.New(dataFixture()), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(strings.TrimPrefix(string(files[render.ServicesCSV]), "\ufeff"), "\r\n")
	for _, c := range strings.Split(head, ",") {
		contains(t, "data/index.html", en, "<th scope=\"row\"><code>"+c+"</code></th>")
	}
	for _, f := range jsonKeys(t, files[render.AgenciesJSON]) {
		contains(t, "data/index.html", en, "<th scope=\"row\"><code>"+f+"</code></th>")
	}

	// No licence: the page says so rather than staying silent.
	in := dataFixture()
	in.Config.License = ""
	out = build(t, in, render.Options{})
	contains(t, "data/index.html", out["data/index.html"], "No licence is stated for this data", "! published under the licence")
	contains(t, "ja/data/index.html", out["ja/data/index.html"], "利用条件（ライセンス）が示されていません")
	// Every page links to the data page from its navigation.
	for file, page := range out {
		link := `href="/data/"`
		if strings.HasPrefix(file, "ja/") {
			link = `href="/ja/data/"`
		}
		contains(t, file, page, link)
	}
}

// jsonKeys returns every object key that occurs in a JSON document.
func jsonKeys(t *testing.T, b []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				seen[k] = true
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	var keys []string
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
