// Package refdata is linewatch's own copy of Japan's reference data: the 47
// prefectures (JIS X 0401) and every local government with its 6-digit
// local government code (全国地方公共団体コード), embedded in the binary.
//
// The CSV files beside this file are copied from the project's shared data
// (see their README there for sources, licences and caveats) so the
// generator works offline and a site never depends on files outside itself.
// Load parses them once; a Builder keeps the result for every rebuild.
package refdata

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed prefectures.csv
var prefecturesCSV string

//go:embed municipalities.csv
var municipalitiesCSV string

// Prefecture is one of the 47 prefectures.
type Prefecture struct {
	Code      string // JIS X 0401, two digits, "01" to "47"
	Slug      string // lower-case English name, as used in URLs
	Name      string
	NameJA    string
	Region    string
	RegionJA  string
	LocalCode string // the prefecture government's own 6-digit code
}

// LocalGov is one local government: a prefecture government, a
// municipality (city, town, village, Tokyo special ward) or a ward of a
// designated city.
type LocalGov struct {
	Code           string // 6 digits with check digit
	PrefectureCode string // JIS X 0401
	NameJA         string
	NameKana       string
	Name           string // Japan Post romanisation; empty in a few rows
	Kind           string // prefecture, city, town, village, special-ward, ward
}

// IsMunicipality reports whether the body counts among the 1,741 市区町村:
// cities, towns, villages and Tokyo's special wards, but not prefectures
// nor the wards of designated cities.
func (g LocalGov) IsMunicipality() bool {
	switch g.Kind {
	case "city", "town", "village", "special-ward":
		return true
	}
	return false
}

// Data is the parsed reference data with its look-up indexes.
type Data struct {
	Prefectures []Prefecture // by code
	LocalGovs   []LocalGov   // in file order, which is by code

	prefBySlug map[string]int
	prefByCode map[string]int
	govByCode  map[string]int
}

// regionJA names the eight regions in Japanese.
var regionJA = map[string]string{
	"Hokkaido":       "北海道",
	"Tohoku":         "東北",
	"Kanto":          "関東",
	"Chubu":          "中部",
	"Kinki":          "近畿",
	"Chugoku":        "中国",
	"Shikoku":        "四国",
	"Kyushu-Okinawa": "九州・沖縄",
}

// Load parses the embedded reference data. It fails only if the embedded
// files are malformed, which a test guards against.
func Load() (*Data, error) {
	prefs, err := readCSV(prefecturesCSV, "prefectures.csv", 5)
	if err != nil {
		return nil, err
	}
	govs, err := readCSV(municipalitiesCSV, "municipalities.csv", 8)
	if err != nil {
		return nil, err
	}
	d := &Data{
		Prefectures: make([]Prefecture, 0, len(prefs)),
		LocalGovs:   make([]LocalGov, 0, len(govs)),
		prefBySlug:  make(map[string]int, len(prefs)),
		prefByCode:  make(map[string]int, len(prefs)),
		govByCode:   make(map[string]int, len(govs)),
	}
	for _, r := range prefs {
		p := Prefecture{Code: r[0], Slug: r[1], NameJA: r[2], Name: r[3], Region: r[4], RegionJA: regionJA[r[4]]}
		d.prefBySlug[p.Slug] = len(d.Prefectures)
		d.prefByCode[p.Code] = len(d.Prefectures)
		d.Prefectures = append(d.Prefectures, p)
	}
	for _, r := range govs {
		g := LocalGov{Code: r[0], PrefectureCode: r[1], NameJA: r[4], NameKana: r[5], Name: r[6], Kind: r[7]}
		d.govByCode[g.Code] = len(d.LocalGovs)
		d.LocalGovs = append(d.LocalGovs, g)
		if g.Kind == "prefecture" {
			if i, ok := d.prefByCode[g.PrefectureCode]; ok {
				d.Prefectures[i].LocalCode = g.Code
			}
		}
	}
	return d, nil
}

// readCSV returns the rows of an embedded CSV file after its header, each
// of cols fields. The files are plain (no quotes, no carriage returns),
// so they are cut at commas and newlines rather than read with
// encoding/csv: the fields are slices of the embedded text, and parsing
// both files takes a fraction of the 4.5 ms and 1.4 MB that encoding/csv
// took at every start. Anything else is reported as malformed.
func readCSV(text, name string, cols int) ([][]string, error) {
	if i := strings.IndexAny(text, "\"\r"); i >= 0 {
		return nil, fmt.Errorf("reference data %s: line %d: quotes and carriage returns are not supported", name, strings.Count(text[:i], "\n")+1)
	}
	text = strings.TrimSuffix(text, "\n")
	n := strings.Count(text, "\n") + 1
	if text == "" || n < 2 {
		return nil, fmt.Errorf("reference data %s: no rows", name)
	}
	// One backing array for every field of every row.
	fields := make([]string, 0, n*cols)
	rows := make([][]string, 0, n)
	line := 0
	for row := range strings.SplitSeq(text, "\n") {
		line++
		start := len(fields)
		for f := range strings.SplitSeq(row, ",") {
			if len(fields)-start == cols {
				break
			}
			fields = append(fields, f)
		}
		if got := strings.Count(row, ",") + 1; got != cols {
			return nil, fmt.Errorf("reference data %s: line %d: %d fields, want %d", name, line, got, cols)
		}
		rows = append(rows, fields[start:len(fields):len(fields)])
	}
	return rows[1:], nil
}

// Prefecture finds a prefecture by slug ("osaka") or JIS X 0401 code ("27";
// "5" is read as "05").
func (d *Data) Prefecture(slugOrCode string) (Prefecture, bool) {
	if i, ok := d.prefBySlug[strings.ToLower(slugOrCode)]; ok {
		return d.Prefectures[i], true
	}
	code := slugOrCode
	if len(code) == 1 {
		code = "0" + code
	}
	if i, ok := d.prefByCode[code]; ok {
		return d.Prefectures[i], true
	}
	return Prefecture{}, false
}

// PrefectureSlugs lists the 47 slugs in code order, for suggestions.
func (d *Data) PrefectureSlugs() []string {
	out := make([]string, len(d.Prefectures))
	for i, p := range d.Prefectures {
		out[i] = p.Slug
	}
	return out
}

// LocalGov finds a local government by its 6-digit code.
func (d *Data) LocalGov(code string) (LocalGov, bool) {
	i, ok := d.govByCode[code]
	if !ok {
		return LocalGov{}, false
	}
	return d.LocalGovs[i], true
}

// Municipalities returns the 市区町村 of a prefecture (by JIS code), in code
// order: the denominator of "N of M researched".
func (d *Data) Municipalities(prefCode string) []LocalGov {
	var out []LocalGov
	for _, g := range d.LocalGovs {
		if g.PrefectureCode == prefCode && g.IsMunicipality() {
			out = append(out, g)
		}
	}
	return out
}

// CheckCode verifies a 6-digit local government code: six ASCII digits
// whose last is the check digit of the first five, computed as
// S = d1·6 + d2·5 + d3·4 + d4·3 + d5·2, check = (11 − S mod 11) mod 10.
// It returns a message fit for an editor, or "" when the code is sound.
func CheckCode(code string) string {
	if len(code) != 6 {
		return fmt.Sprintf("local government code %q must have 6 digits", code)
	}
	sum := 0
	for i := 0; i < 6; i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return fmt.Sprintf("local government code %q must have 6 digits", code)
		}
		if i < 5 {
			sum += int(c-'0') * (6 - i)
		}
	}
	want := (11 - sum%11) % 10
	if got := int(code[5] - '0'); got != want {
		return fmt.Sprintf("local government code %q fails its check digit (the last digit should be %d)", code, want)
	}
	return ""
}
