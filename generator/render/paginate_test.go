package render_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// paged is the fixture with a second event, built with one row and one
// event a page, so every list of more than one entry has several pages.
func paged() (model.Input, render.Options) {
	in := fixture()
	in.Events = append(in.Events, model.Event{
		Slug: "2021-03-25-later", Path: "content/events/2021-03-25-later.md",
		Date: model.DateOf(2021, time.March, 25), Title: "A later event", TitleJA: "後の出来事",
		Agencies: []string{"osaka-city"}, Sources: []model.Source{{Title: "Test source", Publisher: "Test"}},
	})
	return in, render.Options{BaseURL: "https://example.org/lw/", RowsPerPage: 1, EventsPerPage: 1}
}

func TestPaginatedPages(t *testing.T) {
	in, opt := paged()
	out := build(t, in, opt)
	tests := []struct {
		file string
		want []string
	}{
		// Suspended: mic, then osaka-city (the model's order: agency slug).
		{"status/suspended/index.html", []string{
			"<title>Status: Suspended (page 1 of 2) |", `<link rel="next" href="/lw/status/suspended/page/2/">`, "! rel=\"prev\"",
			"Ministry of Internal Affairs", "! Bullying consultation", "Services 1 to 1 of 2",
			`<nav class="pager" aria-label="Pages of this list">`, "Page 1 of 2",
			`<a href="/lw/status/suspended/" aria-current="page">1</a>`, `<a href="/lw/status/suspended/page/2/">2</a>`,
			`<a href="/lw/status/suspended/page/2/" rel="next">Next page</a>`,
			`<link rel="canonical" href="https://example.org/lw/status/suspended/">`,
		}},
		{"status/suspended/page/2/index.html", []string{
			"<title>Status: Suspended (page 2 of 2) |", `<link rel="prev" href="/lw/status/suspended/">`, "! rel=\"next\"",
			"Bullying consultation", "! Ministry of Internal Affairs", "Services 2 to 2 of 2", "Page 2 of 2",
			`<a href="/lw/status/suspended/page/2/" aria-current="page">2</a>`, `<a href="/lw/status/suspended/" rel="prev">Previous page</a>`,
			`<link rel="canonical" href="https://example.org/lw/status/suspended/page/2/">`,
			`<link rel="alternate" hreflang="ja" href="https://example.org/lw/ja/status/suspended/page/2/">`,
			`href="/lw/ja/status/suspended/page/2/" hreflang="ja"`,
			`data-label-page="Filter this page of the list"`,
		}},
		{"ja/status/suspended/page/2/index.html", []string{
			"<title>状況：停止（2ページ中2ページ目） |", "いじめ相談", "サービス（2件中2～2件目）",
			`<link rel="alternate" hreflang="en" href="https://example.org/lw/status/suspended/page/2/">`,
			`href="/lw/status/suspended/page/2/" hreflang="en"`,
		}},
		// A list that fits keeps its old look: no pager, no page number.
		{"categories/consultation/index.html", []string{"Bullying consultation", "Services (1)", "! class=\"pager\"", "! (page ", "! rel=\"next\""}},
		{"status/planned/index.html", []string{"No service has this value", "! class=\"pager\""}},
		// Osaka: osaka-city, then sakai-city, by English name; page 1 has coverage.
		{"prefectures/osaka/index.html", []string{"Osaka City", "! Sakai City", "2 of 2 municipalities researched", "Municipalities 1 to 1 of 2", "Page 1 of 2", `hreflang="en" href="/lw/feed.xml"`}},
		{"prefectures/osaka/page/2/index.html", []string{
			"<h1>Osaka</h1>", "Sakai City", "! Osaka City", "! municipalities researched", "Municipalities 2 to 2 of 2",
			"(page 2 of 2)", `href="/lw/prefectures/osaka/feed.xml"`,
		}},
		// Timeline: one event a page, oldest first; agency pages link each
		// event on its page.
		{"timeline/index.html", []string{"MIC asks local governments", "! A later event", "Events 1 to 1 of 2, oldest first.", "(page 1 of 2)"}},
		{"timeline/page/2/index.html", []string{"A later event", `id="event-2021-03-25-later"`, "! MIC asks", `aria-current="page">2</a>`}},
		{"agencies/mic/index.html", []string{`href="/lw/timeline/#event-2021-03-18-request"`}},
		{"agencies/osaka-city/index.html", []string{`href="/lw/timeline/page/2/#event-2021-03-25-later"`}},
		{"ja/agencies/osaka-city/index.html", []string{`href="/lw/ja/timeline/page/2/#event-2021-03-25-later"`}},
		// One national body: one page.
		{"national/index.html", []string{"Ministry of Internal Affairs", "! class=\"pager\""}},
	}
	for _, tt := range tests {
		got, ok := out[tt.file]
		if !ok {
			t.Errorf("%s: not built", tt.file)
			continue
		}
		contains(t, tt.file, got, tt.want...)
	}
	for _, file := range []string{"status/suspended/page/3/index.html", "status/planned/page/2/index.html", "national/page/2/index.html", "prefectures/tokyo/page/2/index.html"} {
		if _, ok := out[file]; ok {
			t.Errorf("%s: built, but the list has no such page", file)
		}
	}
}

func TestPaginatedInputs(t *testing.T) {
	in, opt := paged()
	byURL := map[string]render.Page{}
	for _, p := range render.Plan(model.New(in), opt) {
		byURL[p.URL] = p
	}
	tests := []struct {
		url  string
		want []string // "! key" must be absent
	}{
		// A page of a list reads only the records it shows.
		{"/status/suspended/", []string{"agency/mic", "! agency/osaka-city"}},
		{"/status/suspended/page/2/", []string{"agency/osaka-city", "! agency/mic"}},
		// Page 1 of a prefecture shows coverage, which reads every record.
		{"/prefectures/osaka/", []string{"prefecture/osaka", "agency/osaka-city", "agency/sakai-city"}},
		{"/prefectures/osaka/page/2/", []string{"prefecture/osaka", "agency/sakai-city", "! agency/osaka-city"}},
		{"/ja/prefectures/osaka/page/2/", []string{"agency/sakai-city", "! agency/osaka-city", "layout/i18n/ja.toml"}},
		{"/timeline/", []string{"events", "agency/mic", "! agency/osaka-city"}},
		{"/timeline/page/2/", []string{"events", "agency/osaka-city", "! agency/mic"}},
	}
	for _, tt := range tests {
		p, ok := byURL[tt.url]
		if !ok {
			t.Errorf("%s: not planned", tt.url)
			continue
		}
		for _, k := range tt.want {
			if absent, neg := cutNeg(k); neg {
				if slices.Contains(p.Inputs, absent) {
					t.Errorf("%s: inputs %q include %q", tt.url, p.Inputs, absent)
				}
			} else if !slices.Contains(p.Inputs, k) {
				t.Errorf("%s: inputs %q lack %q", tt.url, p.Inputs, k)
			}
		}
	}
	// Pages of one list differ in shape; the same plan twice does not.
	again := map[string]render.Page{}
	for _, p := range render.Plan(model.New(in), opt) {
		again[p.URL] = p
	}
	for url, p := range byURL {
		if again[url].Shape != p.Shape {
			t.Errorf("%s: shape %x, then %x", url, p.Shape, again[url].Shape)
		}
	}
	if a, b := byURL["/status/suspended/"].Shape, byURL["/status/suspended/page/2/"].Shape; a == 0 || a == b {
		t.Errorf("pages 1 and 2 of a list have shapes %x and %x", a, b)
	}
}

func TestPaginatedExtras(t *testing.T) {
	in, opt := paged()
	files := extras(t, in, opt)
	sm := string(files[render.SitemapXML])
	for _, want := range []string{
		"<loc>https://example.org/lw/status/suspended/page/2/</loc>",
		"<loc>https://example.org/lw/ja/status/suspended/page/2/</loc>",
		`hreflang="ja" href="https://example.org/lw/ja/timeline/page/2/"`,
		"<loc>https://example.org/lw/prefectures/osaka/page/2/</loc>",
	} {
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	// The feed links an event on the timeline page that shows it; its id
	// does not change with the page.
	feed := string(files["feed.xml"])
	for _, want := range []string{`href="https://example.org/lw/timeline/page/2/#event-2021-03-25-later"`, "/lw/timeline/event-2021-03-25-later</id>"} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed.xml lacks %s", want)
		}
	}
	// The search index covers agencies, not list pages: pagination leaves it alone.
	whole := opt
	whole.RowsPerPage, whole.EventsPerPage = 0, 0
	if a, b := files[render.SearchIndex], extras(t, in, whole)[render.SearchIndex]; !bytes.Equal(a, b) {
		t.Error("the search index changes with the page size")
	}
}
