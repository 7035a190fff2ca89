package render_test

import (
	"slices"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

func TestInputs(t *testing.T) {
	pages := render.Plan(model.New(fixture()), render.Options{})
	byURL := map[string]render.Page{}
	for _, p := range pages {
		byURL[p.URL] = p
		if !slices.IsSorted(p.Inputs) || len(slices.Compact(slices.Clone(p.Inputs))) != len(p.Inputs) {
			t.Errorf("%s: inputs not sorted and unique: %q", p.URL, p.Inputs)
		}
		for _, k := range []string{"site.toml", "layout/baseof.html", "layout/" + p.Layout, "layout/i18n/" + p.Lang + ".toml"} {
			if !slices.Contains(p.Inputs, k) {
				t.Errorf("%s: inputs %q lack %q", p.URL, p.Inputs, k)
			}
		}
	}
	tests := []struct {
		url  string
		want []string // "! key" must be absent
	}{
		{"/", []string{"totals", "agency/osaka-city", "agency/mic", "agency/sakai-city", "prefecture/osaka", "pages/about"}},
		{"/ja/", []string{"totals", "layout/i18n/ja.toml", "! layout/i18n/en.toml"}},
		{"/agencies/osaka-city/", []string{"agency/osaka-city", "prefecture/osaka", "layout/agency.html", "! agency/mic", "! events"}},
		{"/agencies/mic/", []string{"agency/mic", "events", "! prefecture/osaka"}},
		{"/prefectures/osaka/", []string{"prefecture/osaka", "agency/osaka-city", "agency/sakai-city", "! agency/mic"}},
		{"/prefectures/tokyo/", []string{"prefecture/tokyo", "! agency/osaka-city"}},
		{"/prefectures/", []string{"prefecture/tokyo", "agency/osaka-city", "agency/sakai-city"}},
		{"/national/", []string{"agency/mic", "! agency/osaka-city"}},
		{"/status/suspended/", []string{"agency/mic", "agency/osaka-city", "! agency/sakai-city"}},
		{"/categories/consultation/", []string{"agency/osaka-city", "! agency/mic"}},
		{"/timeline/", []string{"events", "agency/mic"}},
		{"/about/", []string{"pages/about", "layout/page.html", "! totals"}},
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
}

func cutNeg(k string) (string, bool) {
	if len(k) > 2 && k[:2] == "! " {
		return k[2:], true
	}
	return k, false
}
