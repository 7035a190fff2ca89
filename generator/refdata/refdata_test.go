package refdata

import "testing"

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
