package refdata

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Prefectures) != 47 {
		t.Fatalf("%d prefectures, want 47", len(d.Prefectures))
	}
	total := 0
	for _, p := range d.Prefectures {
		if p.RegionJA == "" || p.LocalCode == "" {
			t.Errorf("prefecture %s lacks region or local code: %+v", p.Slug, p)
		}
		total += len(d.Municipalities(p.Code))
	}
	if total != 1741 {
		t.Errorf("%d municipalities, want 1741", total)
	}
	for _, g := range d.LocalGovs {
		if msg := CheckCode(g.Code); msg != "" {
			t.Errorf("reference row %s: %s", g.Code, msg)
		}
	}
	if n := len(d.Municipalities("13")); n != 62 {
		t.Errorf("Tokyo has %d municipalities, want 62", n)
	}
}

func TestPrefectureLookup(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"osaka", "Osaka", "27"} {
		p, ok := d.Prefecture(in)
		if !ok || p.Slug != "osaka" || p.NameJA != "大阪府" || p.LocalCode != "270008" {
			t.Errorf("Prefecture(%q) = %+v, %v", in, p, ok)
		}
	}
	if p, ok := d.Prefecture("1"); !ok || p.Slug != "hokkaido" {
		t.Errorf("Prefecture(1) = %+v, %v", p, ok)
	}
	if _, ok := d.Prefecture("48"); ok {
		t.Error("48 must not be a prefecture")
	}
	if g, ok := d.LocalGov("271004"); !ok || g.NameJA != "大阪市" {
		t.Errorf("LocalGov(271004) = %+v, %v", g, ok)
	}
}

func TestCheckCode(t *testing.T) {
	tests := []struct{ code, want string }{
		{"271004", ""},
		{"130001", ""},
		{"271005", `local government code "271005" fails its check digit (the last digit should be 4)`},
		{"27100", `local government code "27100" must have 6 digits`},
		{"27100a", `local government code "27100a" must have 6 digits`},
	}
	for _, tt := range tests {
		if got := CheckCode(tt.code); got != tt.want {
			t.Errorf("CheckCode(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

// TestReadCSV: the embedded files read as encoding/csv reads them, and
// anything readCSV does not handle is reported rather than misread.
func TestReadCSV(t *testing.T) {
	for name, text := range map[string]string{"prefectures.csv": prefecturesCSV, "municipalities.csv": municipalitiesCSV} {
		want, err := csv.NewReader(strings.NewReader(text)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got, err := readCSV(text, name, len(want[0]))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want[1:], slices.Equal) {
			t.Errorf("%s: rows differ from encoding/csv's", name)
		}
	}
	tests := []struct {
		name, text string
		want       [][]string
		err        string
	}{
		{"rows", "a,b\n1,2\n3,4\n", [][]string{{"1", "2"}, {"3", "4"}}, ""},
		{"no final newline", "a,b\n1,2", [][]string{{"1", "2"}}, ""},
		{"empty field", "a,b\n1,\n", [][]string{{"1", ""}}, ""},
		{"header only", "a,b\n", nil, "reference data t.csv: no rows"},
		{"empty", "", nil, "reference data t.csv: no rows"},
		{"too few fields", "a,b\n1\n", nil, "reference data t.csv: line 2: 1 fields, want 2"},
		{"too many fields", "a,b\n1,2\n1,2,3\n", nil, "reference data t.csv: line 3: 3 fields, want 2"},
		{"quote", "a,b\n1,\"2\"\n", nil, "reference data t.csv: line 2: quotes and carriage returns are not supported"},
		{"carriage return", "a,b\r\n1,2\r\n", nil, "reference data t.csv: line 1: quotes and carriage returns are not supported"},
	}
	for _, tt := range tests {
		got, err := readCSV(tt.text, "t.csv", 2)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}
