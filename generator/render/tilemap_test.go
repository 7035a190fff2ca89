package render_test

import (
	"regexp"
	"strings"
	"testing"

	"linewatch/generator/render"
)

// tileLink matches one tile of the map: its link, accessible name and
// title. The map is generated, so its markup is regular.
var tileLink = regexp.MustCompile(`<a href="([^"]*)" aria-label="([^"]*)" class="tile"><title>([^<]*)</title>.*?<tspan[^>]*>([^<]*)</tspan> <tspan[^>]*>([^<]*)</tspan>`)

// section returns the part of a page from the element with the given id
// to the end of its section.
func section(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element with id %q", id)
	}
	s := page[i:]
	if j := strings.Index(s, "</section>"); j >= 0 {
		s = s[:j]
	}
	return s
}

// The home page's map has all 47 tiles in both languages, each a link to
// its prefecture named by its coverage; a legend; and a table of the same
// numbers with a caption and header cells.
func TestHomeTileMap(t *testing.T) {
	out := build(t, fixture(), render.Options{})
	tests := []struct {
		file   string
		prefix string   // of the prefecture links
		want   []string // in the map section
	}{
		{"index.html", "/prefectures/", []string{
			`<svg class="tilemap" viewBox="0 0 768 640" role="group" aria-label="Tile map of Japan&#39;s 47 prefectures, each a link to its page"`,
			// Osaka: both municipalities have a record, the prefectural
			// government has none, and one of the two records uses LINE.
			`aria-label="Osaka 2/2: 2 of 2 municipalities researched; the prefectural government not yet; 1 of 2 bodies with a record use LINE"`,
			`>Osaka</tspan> <tspan x="288" y="433" font-size="14" font-weight="700">2/2</tspan>`,
			`aria-label="Tokyo 0/0: 0 of 0 municipalities researched; the prefectural government not yet"`,
			// The legend names each class and how many prefectures it has.
			`<p class="legend-title" id="legend-title">Share of municipalities researched</p>`,
			`None yet <span class="meta">(46 prefectures)</span>`, `50% or more <span class="meta">(1 prefecture)</span>`,
			// The table: a caption, column and row headers, every prefecture.
			`<caption id="cap-map">Municipalities researched in each prefecture</caption>`,
			`<th scope="col">Prefecture</th>`,
			`<th scope="row"><a href="/prefectures/osaka/">Osaka</a></th><td class="num">2 of 2 <span class="meta">(100.0%)</span></td><td>Not yet</td>`,
		}},
		{"ja/index.html", "/ja/prefectures/", []string{
			`aria-label="日本の47都道府県のタイル地図（各都道府県のページへのリンク）"`,
			`aria-label="大阪 2/2：2市区町村のうち2を調査済み、都道府県庁は未調査。記録のある2団体のうち1団体がLINEを利用"`,
			`>大阪</tspan>`, `>東京</tspan>`,
			`まだなし <span class="meta">(46都道府県)</span>`,
			`<caption id="cap-map">都道府県別の調査済み市区町村</caption>`,
		}},
	}
	for _, tt := range tests {
		page := out[tt.file]
		m := section(t, page, "h-map")
		contains(t, tt.file, m, tt.want...)
		tiles := tileLink.FindAllStringSubmatch(m, -1)
		if len(tiles) != 47 {
			t.Errorf("%s: %d tiles, want 47", tt.file, len(tiles))
		}
		seen := map[string]bool{}
		for _, tile := range tiles {
			href, label, title := tile[1], tile[2], tile[3]
			if !strings.HasPrefix(href, tt.prefix) || seen[href] {
				t.Errorf("%s: tile links to %q", tt.file, href)
			}
			seen[href] = true
			if label == "" || label != title {
				t.Errorf("%s: tile %s named %q, titled %q", tt.file, href, label, title)
			}
			// Label in name (WCAG 2.5.3): the name starts with what the tile shows.
			if shown := tile[4] + " " + tile[5]; !strings.HasPrefix(label, shown) {
				t.Errorf("%s: tile %s shows %q but is named %q", tt.file, href, shown, label)
			}
		}
		if n := strings.Count(m, `<li><svg class="swatch"`); n != 5 {
			t.Errorf("%s: %d legend entries, want 5", tt.file, n)
		}
		if n := strings.Count(m, `<tr><th scope="row">`); n != 47 {
			t.Errorf("%s: %d table rows, want 47", tt.file, n)
		}
	}
}

// The status and purpose counts are bar charts, each one image named by
// its caption and every count, beside the table with links.
func TestHomeCharts(t *testing.T) {
	out := build(t, fixture(), render.Options{})
	tests := []struct {
		file, id string
		want     []string
	}{
		{"index.html", "h-status", []string{
			`<svg class="chart" width="100%" height="210" role="img" aria-label="Number of LINE services by current status: Active 0, Under review 0, Suspended 2, Postponed 0, Planned 0, Resumed 0, Discontinued 0"`,
			`fill="currentColor">Suspended</text>`, `<caption id="cap-status">`, `<a href="/status/suspended/">Suspended</a>`,
		}},
		{"index.html", "h-category", []string{
			`role="img" aria-label="Number of LINE services by purpose: Consultation 1, Reservation 0, Application 0, Recruitment 1,`,
			`<caption id="cap-category">`,
		}},
		{"ja/index.html", "h-status", []string{
			`role="img" aria-label="現在の状況別のLINEサービス数：利用中 0、見直し中 0、停止 2、`,
			`fill="currentColor">停止</text>`,
		}},
	}
	for _, tt := range tests {
		s := section(t, out[tt.file], tt.id)
		contains(t, tt.file, s, tt.want...)
		if n := strings.Count(s, "<rect"); n < 1 {
			t.Errorf("%s %s: no bars", tt.file, tt.id)
		}
	}
}
