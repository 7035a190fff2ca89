package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"linewatch/generator/refdata"
)

// The grid holds every prefecture of the reference data once, inside its
// bounds, with Hokkaido at the top right and Okinawa at the bottom left.
func TestTileGrid(t *testing.T) {
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(tileGrid) != len(ref.Prefectures) {
		t.Errorf("grid has %d places, reference data %d prefectures", len(tileGrid), len(ref.Prefectures))
	}
	taken := map[[2]int]string{}
	for _, p := range ref.Prefectures {
		pos, ok := tileGrid[p.Code]
		if !ok {
			t.Errorf("%s %s is not on the grid", p.Code, p.Name)
			continue
		}
		if pos[0] < 0 || pos[0] >= gridCols || pos[1] < 0 || pos[1] >= gridRows {
			t.Errorf("%s %s at %v, outside the %d×%d grid", p.Code, p.Name, pos, gridCols, gridRows)
		}
		if other, dup := taken[pos]; dup {
			t.Errorf("%s and %s share the place %v", other, p.Code, pos)
		}
		taken[pos] = p.Code
	}
	if pos := tileGrid["01"]; pos != [2]int{gridCols - 1, 0} {
		t.Errorf("Hokkaido at %v, want the top right", pos)
	}
	if pos := tileGrid["47"]; pos != [2]int{0, gridRows - 1} {
		t.Errorf("Okinawa at %v, want the bottom left", pos)
	}
}

func TestBinOf(t *testing.T) {
	tests := []struct {
		researched, total, want int
	}{
		{0, 43, 0},     // nothing researched: its own class, never "under 10%"
		{0, 0, 0},      // no municipalities in the data
		{1, 179, 1},    // 0.6%
		{4, 43, 1},     // 9.3%
		{1, 10, 2},     // 10.0% exactly
		{199, 2000, 2}, // 9.95% shows as 10.0%, so it sits with 10%
		{3, 19, 2},     // 15.8%
		{1, 4, 3},      // 25%
		{1, 2, 4},      // 50%
		{43, 43, 4},    // all
	}
	for _, tt := range tests {
		if got := binOf(tt.researched, tt.total); got != tt.want {
			t.Errorf("binOf(%d, %d) = %d, want %d", tt.researched, tt.total, got, tt.want)
		}
	}
}

// Labels on every class of tile meet WCAG AA for text (4.5:1), and each
// tile's outline stands out from the white page (3:1, WCAG 1.4.11).
func TestBinContrast(t *testing.T) {
	for _, b := range mapBins {
		if c := contrast(t, b.bin.Ink, b.bin.Fill); c < 4.5 {
			t.Errorf("%s: label %s on %s has contrast %.2f, want at least 4.5", b.bin.Key, b.bin.Ink, b.bin.Fill, c)
		}
		if c := contrast(t, b.bin.Stroke, "#ffffff"); c < 3 {
			t.Errorf("%s: outline %s on white has contrast %.2f, want at least 3", b.bin.Key, b.bin.Stroke, c)
		}
	}
	if c := contrast(t, chartColour, "#ffffff"); c < 3 {
		t.Errorf("chart bars %s on white: contrast %.2f, want at least 3", chartColour, c)
	}
}

// contrast is the WCAG 2.1 contrast ratio of two #rrggbb colours.
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is the WCAG 2.1 relative luminance of a #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("bad colour %q", hex)
	}
	lin := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
}

func TestShortName(t *testing.T) {
	tests := []struct{ lang, en, ja, want string }{
		{En, "Osaka", "大阪府", "Osaka"},
		{Ja, "Osaka", "大阪府", "大阪"},
		{Ja, "Tokyo", "東京都", "東京"},
		{Ja, "Kyoto", "京都府", "京都"}, // only the last 府 goes
		{Ja, "Kanagawa", "神奈川県", "神奈川"},
		{Ja, "Hokkaido", "北海道", "北海道"},
		{Ja, "Osaka", "", "Osaka"}, // no Japanese name: the English one
		{En, "", "大阪府", "大阪府"},
		{Ja, "X", "県", "県"}, // never an empty label
	}
	for _, tt := range tests {
		if got := shortName(tt.lang, tt.en, tt.ja); got != tt.want {
			t.Errorf("shortName(%s, %q, %q) = %q, want %q", tt.lang, tt.en, tt.ja, got, tt.want)
		}
	}
}

func TestNameFit(t *testing.T) {
	for _, s := range []string{"Osaka", "Tokyo", "Gunma", "大阪", "神奈川", "鹿児島", "北海道"} {
		if got := nameFit(s); got != "" {
			t.Errorf("nameFit(%q) = %q, want no squeezing", s, got)
		}
	}
	for _, s := range []string{"Kagoshima", "Yamaguchi", "Hokkaido"} {
		if got := nameFit(s); !strings.Contains(got, `textLength="54"`) {
			t.Errorf("nameFit(%q) = %q, want a textLength", s, got)
		}
	}
}

// translate is a stand-in for a language's t function: it returns each
// key in brackets with the format verbs a real entry has, so tests see
// which key produced what.
func translate(key string) (string, error) {
	switch key {
	case "map.tile.gov", "map.tile.nogov":
		return key + "[%[1]s|%[2]d|%[3]d]", nil
	case "map.tile.using":
		return key + "[%[1]d/%[2]d]", nil
	case "punct.colon":
		return ": ", nil
	case "punct.comma":
		return ", ", nil
	}
	return "[" + key + "]", nil
}

func TestTileMapSVG(t *testing.T) {
	m := TileMap{Cols: gridCols, Rows: gridRows}
	for _, b := range mapBins {
		m.Bins = append(m.Bins, b.bin)
	}
	m.Tiles = []Tile{
		{PrefRow: PrefRow{Link: Link{Name: Text{S: "Osaka"}, URL: "/prefectures/osaka/"}, Code: "27", Researched: 4, LocalGovs: 43, Agencies: 5, UsingLINE: 3, Government: true}, Short: "Osaka", Col: 4, Row: 6, Bin: 1},
		{PrefRow: PrefRow{Link: Link{Name: Text{S: `A&B "<x>"`}, URL: "/prefectures/a&b/"}, Code: "05", LocalGovs: 25}, Short: `A&B "<x>"`, Col: 10, Row: 2, Bin: 0},
	}
	got, err := tileMapSVG(translate, m)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{
		`<svg class="tilemap" viewBox="0 0 768 640" role="group" aria-label="[map.label]"`,
		// Osaka: a link named with its government, coverage and LINE use,
		// in both aria-label and title, at column 4, row 6.
		`<a href="/prefectures/osaka/" aria-label="map.tile.gov[Osaka 4/43|4|43]map.tile.using[3/5]" class="tile"><title>map.tile.gov[Osaka 4/43|4|43]map.tile.using[3/5]</title>`,
		`<rect class="tile-bg" x="258" y="386" width="60" height="60" rx="3" fill="#deebf7" stroke="#6b6b6b"/>`,
		`<text text-anchor="middle" fill="#1b1b1b"><tspan x="288" y="411" font-size="12">Osaka</tspan> <tspan x="288" y="433" font-size="14" font-weight="700">4/43</tspan></text>`,
		// Nothing researched: dashed, no LINE clause, and every string escaped.
		`<a href="/prefectures/a&amp;b/" aria-label="map.tile.nogov[A&amp;B &#34;&lt;x&gt;&#34; 0/25|0|25]" class="tile">`,
		`stroke-dasharray="4 3"`, `>A&amp;B &#34;&lt;x&gt;&#34;</tspan>`, `>0/25</tspan>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("map does not contain %s\n%s", want, s)
		}
	}
	if n := strings.Count(s, "<a "); n != 2 {
		t.Errorf("%d links, want 2", n)
	}
	again, _ := tileMapSVG(translate, m)
	if again != got {
		t.Error("two runs drew different maps")
	}
	// A missing translation is an error, not an empty name.
	_, err = tileMapSVG(func(k string) (string, error) {
		if k == "map.tile.using" {
			return "", fmt.Errorf("no translation %q", k)
		}
		return translate(k)
	}, m)
	if err == nil {
		t.Error("a missing translation went unnoticed")
	}
}
