package render_test

import (
	"bytes"
	"slices"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// TestDataCache runs a series of edits through one DataCache, telling it
// which agencies changed as the Builder does, and checks after each that
// the files are byte for byte what Data makes from nothing.
func TestDataCache(t *testing.T) {
	in := dataFixture()
	in.Agencies = append(in.Agencies, synthetic(5).Agencies...)
	opt := goldenOpt
	// agency returns the record with the slug, to edit in place.
	agency := func(slug string) *model.Agency {
		i := slices.IndexFunc(in.Agencies, func(a model.Agency) bool { return a.Slug == slug })
		if i < 0 {
			t.Fatalf("no agency %s", slug)
		}
		return &in.Agencies[i]
	}
	steps := []struct {
		name    string
		edit    func()
		changed []string // slugs to report; nil reports every one
	}{
		{"first build", func() {}, nil},
		{"nothing changed", func() {}, []string{}},
		{"one agency renamed", func() { agency("test-town").Name = "Renamed Town" }, []string{"test-town"}},
		{"a service added", func() {
			a := agency("synthetic-agency-0000")
			a.Services = append(slices.Clone(a.Services), model.Service{Name: "New", Category: model.Other, Status: model.Active})
		}, []string{"synthetic-agency-0000"}},
		{"all services removed", func() { agency("synthetic-agency-0003").Services = nil }, []string{"synthetic-agency-0003"}},
		{"an agency added", func() {
			a := *agency("test-town")
			a.Slug, a.Name = "added-town", "Added Town"
			in.Agencies = append(in.Agencies, a)
		}, []string{"added-town"}},
		{"an agency removed", func() {
			in.Agencies = slices.DeleteFunc(in.Agencies, func(a model.Agency) bool { return a.Slug == "synthetic-agency-0001" })
		}, []string{"synthetic-agency-0001"}},
		{"the licence changed", func() { in.Config.License = "CC BY 4.0" }, []string{}},
		{"base_url changed", func() { opt = render.Options{BaseURL: "https://example.net/"} }, []string{}},
		{"base_url removed", func() { opt = render.Options{} }, []string{}},
		{"a slug taken twice", func() {
			a := *agency("test-town")
			a.Path, a.Name = "content/agencies/osaka/test-town.md", "Twin Town"
			in.Agencies = append(in.Agencies, a)
		}, []string{}},
	}
	var cache render.DataCache
	for _, st := range steps {
		st.edit()
		site := model.New(in)
		want, err := render.Data(site, opt)
		if err != nil {
			t.Fatal(err)
		}
		var changed func(string) bool
		if st.changed != nil {
			changed = func(slug string) bool { return slices.Contains(st.changed, slug) }
		}
		got, err := cache.Data(site, opt, changed)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range []string{render.AgenciesJSON, render.ServicesCSV, render.RecordSchema} {
			if !bytes.Equal(got[file], want[file]) {
				t.Errorf("%s: %s differs from Data's", st.name, file)
			}
		}
	}
}

// TestDataCacheReuses checks that the cache copies an unchanged agency's
// bytes rather than encoding it: told wrongly that nothing changed, it
// still shows the old name.
func TestDataCacheReuses(t *testing.T) {
	in := dataFixture()
	var cache render.DataCache
	if _, err := cache.Data(model.New(in), render.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	for i := range in.Agencies {
		in.Agencies[i].Name = "Edited " + in.Agencies[i].Name
	}
	files, err := cache.Data(model.New(in), render.Options{}, func(string) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{render.AgenciesJSON, render.ServicesCSV} {
		if bytes.Contains(files[file], []byte("Edited ")) {
			t.Errorf("%s was encoded again, not reused", file)
		}
	}
}

// BenchmarkDataCache remakes the open data of the 2,000-agency synthetic
// site through a DataCache after one agency changed, as the Builder does
// after a save.
func BenchmarkDataCache(b *testing.B) {
	site := model.New(synthetic(2000))
	var cache render.DataCache
	if _, err := cache.Data(site, render.Options{}, nil); err != nil {
		b.Fatal(err)
	}
	edited := site.Agencies[1000].Slug
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cache.Data(site, render.Options{}, func(slug string) bool { return slug == edited }); err != nil {
			b.Fatal(err)
		}
	}
}
