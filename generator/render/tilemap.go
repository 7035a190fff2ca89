package render

import (
	"fmt"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"linewatch/generator/model"
)

// TileMap is the home page's map of Japan: one square tile per prefecture
// at a fixed place on a grid (tileGrid), coloured by the share of its
// municipalities researched so far. Tiles are drawn as inline SVG when the
// page is built (see tileMapSVG), so the map needs no script and no file
// of its own, and each tile is a link to its prefecture's page. The home
// page sets a table of the same numbers beside it, for readers who do not
// read maps, and a legend that explains the colours; every tile also
// shows its name and its count as text, so colour is never the only sign.
type TileMap struct {
	Tiles []Tile // in code order, north to south: also the keyboard order
	Bins  []Bin  // the legend, least researched first
	Cols  int    // size of the grid, in tiles
	Rows  int
}

// Tile is one prefecture on the map.
type Tile struct {
	PrefRow
	Short string // the label on the tile: "Osaka", or "大阪" without 府
	Col   int    // place on the grid, from the top left
	Row   int
	Bin   int // index into TileMap.Bins
}

// Bin is one class of the map's measure, for the tiles' colours and the
// legend.
type Bin struct {
	Key    string // translation key of its legend label
	Fill   string // tile colour
	Ink    string // label colour on that tile, at least 4.5:1 against Fill
	Stroke string // outline colour
	Dashed bool   // a dashed outline: nothing researched yet
	N      int    // prefectures in this bin
}

// mapBins are the map's classes by share of municipalities researched, in
// tenths of a percent as PrefRow.Share shows it (so a tile never sits in
// a class its own number contradicts). An empty tile with a dashed
// outline means no municipality has a record yet: that is "not
// researched", not "does not use LINE". The blues are a light-to-dark
// sequence readable by people with the common colour-vision deficiencies;
// tilemap_internal_test.go checks each label's contrast.
var mapBins = []struct {
	below int // upper bound of the class, exclusive, in permille
	bin   Bin
}{
	{0, Bin{Key: "map.bin.none", Fill: "#ffffff", Ink: "#1b1b1b", Stroke: "#6b6b6b", Dashed: true}},
	{100, Bin{Key: "map.bin.1", Fill: "#deebf7", Ink: "#1b1b1b", Stroke: "#6b6b6b"}},
	{250, Bin{Key: "map.bin.2", Fill: "#9ecae1", Ink: "#1b1b1b", Stroke: "#6b6b6b"}},
	{500, Bin{Key: "map.bin.3", Fill: "#2171b5", Ink: "#ffffff", Stroke: "#2171b5"}},
	{1001, Bin{Key: "map.bin.4", Fill: "#08306b", Ink: "#ffffff", Stroke: "#08306b"}},
}

// binOf returns the class of a prefecture with researched of total
// municipalities researched.
func binOf(researched, total int) int {
	pm, ok := (model.Figure{Value: researched, Total: total}).Permille()
	if !ok || researched == 0 {
		return 0
	}
	for i := 1; i < len(mapBins); i++ {
		if pm < mapBins[i].below {
			return i
		}
	}
	return len(mapBins) - 1
}

// tileGrid places each prefecture, by its JIS X 0401 code, on a grid of
// 12 columns and 10 rows: the usual tile-grid map of Japan, Hokkaido at
// the top right and Okinawa at the bottom left, each prefecture touching
// (at least at a corner) most of its real neighbours. Drawn out, with
// codes:
//
//	    0  1  2  3  4  5  6  7  8  9  10 11
//	0                                    01 Hokkaido
//	1                                    02 Aomori
//	2                                 05 03 Akita, Iwate
//	3                                 06 04 Yamagata, Miyagi
//	4                     18 17 16 15 07    Fukui, Ishikawa, Toyama, Niigata, Fukushima
//	5         32 31 28 26 25 21 20 10 09 08 Shimane … Ibaraki
//	6      35 34 33 27 29 24 23 19 11 13 12 Yamaguchi … Chiba
//	7   41 40 44 38 37 30       22 14       Saga, Fukuoka, Oita, Ehime, Kagawa, Wakayama, Shizuoka, Kanagawa
//	8   42 43 45 39 36                      Nagasaki, Kumamoto, Miyazaki, Kochi, Tokushima
//	9   47 46                               Okinawa, Kagoshima
var tileGrid = map[string][2]int{ // code: {column, row}
	"01": {11, 0}, "02": {11, 1}, "03": {11, 2}, "04": {11, 3}, "05": {10, 2},
	"06": {10, 3}, "07": {10, 4}, "08": {11, 5}, "09": {10, 5}, "10": {9, 5},
	"11": {9, 6}, "12": {11, 6}, "13": {10, 6}, "14": {9, 7}, "15": {9, 4},
	"16": {8, 4}, "17": {7, 4}, "18": {6, 4}, "19": {8, 6}, "20": {8, 5},
	"21": {7, 5}, "22": {8, 7}, "23": {7, 6}, "24": {6, 6}, "25": {6, 5},
	"26": {5, 5}, "27": {4, 6}, "28": {4, 5}, "29": {5, 6}, "30": {5, 7},
	"31": {3, 5}, "32": {2, 5}, "33": {3, 6}, "34": {2, 6}, "35": {1, 6},
	"36": {4, 8}, "37": {4, 7}, "38": {3, 7}, "39": {3, 8}, "40": {1, 7},
	"41": {0, 7}, "42": {0, 8}, "43": {1, 8}, "44": {2, 7}, "45": {2, 8},
	"46": {1, 9}, "47": {0, 9},
}

// The grid's size in tiles, and a tile's size in SVG units: a cell of 64
// holds a square of 60 and a gap, wide enough for a 4-unit focus outline.
const (
	gridCols = 12
	gridRows = 10
	cellSize = 64
	tileSize = 60
	nameFont = 12 // size of the name on a tile
	nameRoom = 54 // the width a name may take
)

// tileMap lays out the prefecture rows (in code order) on the grid. A
// prefecture whose code is not on the grid (a site with other reference
// data) is left off the map but stays in the table beside it.
func (p planner) tileMap(rows []PrefRow) TileMap {
	m := TileMap{Cols: gridCols, Rows: gridRows}
	for _, b := range mapBins {
		m.Bins = append(m.Bins, b.bin)
	}
	for i, r := range rows {
		pos, ok := tileGrid[r.Code]
		if !ok {
			continue
		}
		pr := &p.site.Prefectures[i]
		t := Tile{PrefRow: r, Short: shortName(p.lang, pr.Name, pr.NameJA), Col: pos[0], Row: pos[1], Bin: binOf(r.Researched, r.LocalGovs)}
		m.Bins[t.Bin].N++
		m.Tiles = append(m.Tiles, t)
	}
	return m
}

// shortName is the label of a prefecture on a tile: its English name, or
// its Japanese name without the final 県, 府 or 都 (大阪, 東京), as
// Japanese maps label prefectures; 北海道 keeps its 道, as is usual.
func shortName(lang, en, ja string) string {
	if lang != Ja || ja == "" {
		if en == "" {
			return ja
		}
		return en
	}
	for _, suffix := range []string{"県", "府", "都"} {
		if s, ok := strings.CutSuffix(ja, suffix); ok && s != "" {
			return s
		}
	}
	return ja
}

// tileText is what a tile shows: its short name and its count.
func tileText(tile Tile) (name, count string) {
	return tile.Short, fmt.Sprintf("%d/%d", tile.Researched, tile.LocalGovs)
}

// tileLabel is a tile's accessible name (its aria-label and title): what
// the tile shows, then what that means, "Osaka 4/43: the prefectural
// government and 4 of 43 municipalities researched; 5 of 5 bodies with a
// record use LINE". It starts with the visible text so that people who
// speak to their computer can say what they see (WCAG 2.5.3, label in
// name).
func tileLabel(t func(string) (string, error), tile Tile) (string, error) {
	key := "map.tile.nogov"
	if tile.Government {
		key = "map.tile.gov"
	}
	f, err := t(key)
	if err != nil {
		return "", err
	}
	name, count := tileText(tile)
	s := fmt.Sprintf(f, name+" "+count, tile.Researched, tile.LocalGovs)
	if tile.Agencies > 0 {
		f, err := t("map.tile.using")
		if err != nil {
			return "", err
		}
		s += fmt.Sprintf(f, tile.UsingLINE, tile.Agencies)
	}
	return s, nil
}

// tileMapSVG draws the map as an inline SVG element. t translates a key
// of the page's language. The output depends only on m and the
// translations, so pages stay byte-identical between builds.
func tileMapSVG(t func(string) (string, error), m TileMap) (template.HTML, error) {
	label, err := t("map.label")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="tilemap" viewBox="0 0 %d %d" role="group" aria-label="%s">`,
		m.Cols*cellSize, m.Rows*cellSize, esc(label))
	b.WriteString("\n")
	for _, tile := range m.Tiles {
		name, err := tileLabel(t, tile)
		if err != nil {
			return "", err
		}
		bin := m.Bins[tile.Bin]
		x := tile.Col*cellSize + (cellSize-tileSize)/2
		y := tile.Row*cellSize + (cellSize-tileSize)/2
		cx := x + tileSize/2
		dash := ""
		if bin.Dashed {
			dash = ` stroke-dasharray="4 3"`
		}
		fmt.Fprintf(&b, `<a href="%s" aria-label="%s" class="tile">`, esc(tile.URL), esc(name))
		fmt.Fprintf(&b, `<title>%s</title>`, esc(name))
		fmt.Fprintf(&b, `<rect class="tile-bg" x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s" stroke="%s"%s/>`,
			x, y, tileSize, tileSize, bin.Fill, bin.Stroke, dash)
		// One text element, so its words read "Osaka 4/43", as the
		// accessible name begins.
		short, count := tileText(tile)
		fmt.Fprintf(&b, `<text text-anchor="middle" fill="%s"><tspan x="%d" y="%d" font-size="%d"%s>%s</tspan> <tspan x="%d" y="%d" font-size="14" font-weight="700">%s</tspan></text>`,
			bin.Ink, cx, y+25, nameFont, nameFit(short), esc(short), cx, y+47, count)
		b.WriteString("</a>\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String()), nil
}

// nameFit returns the attributes that fit a tile's name in its tile:
// none for most names, and for long ones (Kagoshima) a textLength that
// narrows the letters just enough, so every name keeps the same size. It
// estimates the width (a Latin letter 0.6 of the font size, a kana or
// kanji a whole one) since the reader's font is unknown at build time;
// the estimate errs wide, and textLength makes the result exact whatever
// the font.
func nameFit(s string) string {
	em := 0.0
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			em++
		} else {
			em += 0.6
		}
	}
	if em*nameFont <= nameRoom {
		return ""
	}
	return fmt.Sprintf(` textLength="%d" lengthAdjust="spacingAndGlyphs"`, nameRoom)
}

// esc escapes text for an SVG attribute value or text node.
func esc(s string) string { return template.HTMLEscapeString(s) }
