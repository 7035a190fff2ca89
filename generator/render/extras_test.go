package render_test

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// The same records in any order give byte-identical feeds, sitemap,
// robots.txt and search index.
func TestExtrasDeterministic(t *testing.T) {
	in := synthetic(60)
	in.Events = fixture().Events
	first := extras(t, in, goldenOpt)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3 {
		rng.Shuffle(len(in.Agencies), func(i, j int) { in.Agencies[i], in.Agencies[j] = in.Agencies[j], in.Agencies[i] })
		rng.Shuffle(len(in.Prefectures), func(i, j int) { in.Prefectures[i], in.Prefectures[j] = in.Prefectures[j], in.Prefectures[i] })
		again := extras(t, in, goldenOpt)
		if !slices.Equal(slices.Sorted(maps.Keys(first)), slices.Sorted(maps.Keys(again))) {
			t.Fatal("another set of files when the records come in another order")
		}
		for name, b := range first {
			if !bytes.Equal(b, again[name]) {
				t.Errorf("%s differs when the records come in another order", name)
			}
		}
	}
}

func TestExtrasInputs(t *testing.T) {
	keys := render.ExtrasInputs(model.New(fixture()))
	if !slices.IsSorted(keys) {
		t.Errorf("inputs not sorted: %q", keys)
	}
	for _, k := range []string{"site.toml", "events", "agency/mic", "agency/osaka-city", "prefecture/tokyo", "pages/about", "layout/i18n/en.toml", "layout/i18n/ja.toml"} {
		if !slices.Contains(keys, k) {
			t.Errorf("inputs lack %q", k)
		}
	}
}
