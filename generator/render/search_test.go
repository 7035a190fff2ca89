package render_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
	"linewatch/layouts"
)

// searchIndex is the index as search.js reads it.
type searchIndex struct {
	Version     int
	Statuses    []string
	Prefectures [][3]string
	Agencies    [][5]json.RawMessage
}

func decodeIndex(t *testing.T, b []byte) searchIndex {
	t.Helper()
	var ix searchIndex
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&ix); err != nil {
		t.Fatalf("search index: %v", err)
	}
	return ix
}

func TestSearchIndex(t *testing.T) {
	files := extras(t, fixture(), render.Options{})
	b := files[render.SearchIndex]
	ix := decodeIndex(t, b)
	if ix.Version != 1 || len(ix.Prefectures) != 47 || len(ix.Statuses) != len(model.Statuses) {
		t.Fatalf("version %d, %d prefectures, %d statuses", ix.Version, len(ix.Prefectures), len(ix.Statuses))
	}
	if bytes.Count(b, []byte("\n")) != 1 {
		t.Error("the index is not one compact line")
	}
	// Every agency, by slug, with its names, prefecture and services.
	var got []string
	for _, a := range ix.Agencies {
		var slug, name, nameJA string
		var pref int
		var services [][3]any
		for i, dst := range []any{&slug, &name, &nameJA, &pref, &services} {
			if err := json.Unmarshal(a[i], dst); err != nil {
				t.Fatal(err)
			}
		}
		line := slug + "|" + name + "|" + nameJA + "|"
		if pref >= 0 {
			line += ix.Prefectures[pref][1] + "/" + ix.Prefectures[pref][2]
		}
		for _, s := range services {
			line += "|" + s[0].(string) + "/" + s[1].(string) + "/" + ix.Statuses[int(s[2].(float64))]
		}
		got = append(got, line)
	}
	want := []string{
		"mic|Ministry of Internal Affairs and Communications|総務省||Recruitment notices//suspended",
		"osaka-city|Osaka City|大阪市|Osaka/大阪府|Bullying consultation/いじめ相談/suspended",
		"sakai-city|Sakai City|堺市|Osaka/大阪府",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("index agencies:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The same records in any order give the same index.
func TestSearchIndexDeterministic(t *testing.T) {
	in := synthetic(50)
	first := extras(t, in, render.Options{})[render.SearchIndex]
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3 {
		rng.Shuffle(len(in.Agencies), func(i, j int) { in.Agencies[i], in.Agencies[j] = in.Agencies[j], in.Agencies[i] })
		if again := extras(t, in, render.Options{})[render.SearchIndex]; !bytes.Equal(first, again) {
			t.Fatal("the search index differs when the records come in another order")
		}
	}
	empty := extras(t, model.Input{}, render.Options{})[render.SearchIndex]
	if got := string(empty); got != `{"version":1,"statuses":["active","under-review","suspended","postponed","planned","resumed","discontinued"],"prefectures":[],"agencies":[]}`+"\n" {
		t.Errorf("index of an empty site: %s", got)
	}
}

// The search page: a labelled form that search.js reveals, a live
// count, the index and script linked under the base path, and for
// readers without JavaScript a note and links to every list.
func TestSearchPage(t *testing.T) {
	out := build(t, fixture(), render.Options{BasePath: "/sub/"})
	contains(t, "search", out["search/index.html"],
		"<h1>Search</h1>",
		`<form class="search" id="search" action="/sub/search/" method="get" role="search" hidden`,
		`data-index="/sub/search-index.json" data-root="/sub/"`,
		`<label for="search-q">`, `<input id="search-q" name="q" type="search"`,
		`role="status" aria-live="polite"`,
		"<noscript><p", "Search needs JavaScript",
		`<a href="/sub/prefectures/">`, `<a href="/sub/national/">`,
		`<a href="/sub/status/suspended/" data-status="suspended">Suspended</a>`,
		`<a href="/sub/categories/consultation/">`,
		`<script src="/sub/search.js" defer></script>`,
		`<li><a href="/sub/search/" aria-current="page">Search</a></li>`,
	)
	contains(t, "ja search", out["ja/search/index.html"],
		"<h1>検索</h1>", `data-root="/sub/ja/"`, `data-status="suspended">停止</a>`, `data-single="1件。"`,
		`<a href="/sub/search/" hreflang="en" lang="en"`,
	)
	// Every page's navigation leads to the search.
	contains(t, "home", out["index.html"], `<li><a href="/sub/search/">Search</a></li>`)
}

// The scripts are the site's own: nothing is fetched from elsewhere, and
// nothing from the index is ever written as markup.
func TestScripts(t *testing.T) {
	for _, name := range []string{"static/search.js", "static/listfilter.js"} {
		b, err := layouts.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, bad := range []string{"http:", "https:", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "import("} {
			if strings.Contains(src, bad) {
				t.Errorf("%s uses %s", name, bad)
			}
		}
		if !strings.Contains(src, `normalize("NFKC")`) || !strings.Contains(src, "toLowerCase()") {
			t.Errorf("%s does not fold width and case", name)
		}
	}
}
