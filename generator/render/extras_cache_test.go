package render_test

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// manyChanges is a site with more dated changes than a feed holds, in
// the whole site and in each of two prefectures, plus national bodies and
// events naming bodies of both prefectures.
func manyChanges() model.Input {
	in := fixture()
	in.Agencies = nil
	day0 := time.Date(2021, time.January, 1, 0, 0, 0, 0, time.UTC)
	at := func(days int) model.Date {
		t := day0.AddDate(0, 0, days)
		return model.DateOf(t.Year(), t.Month(), t.Day())
	}
	day := at(0)
	for i := range 90 {
		pref := []string{"osaka", "tokyo", ""}[i%3]
		level := model.Municipality
		if pref == "" {
			level = model.National
		}
		a := model.Agency{
			Slug: fmt.Sprintf("body-%02d", i), Path: fmt.Sprintf("content/agencies/body-%02d.md", i),
			Name: fmt.Sprintf("Body %02d", i), Level: level, Prefecture: pref, Updated: day,
			Sources: []model.Source{{Title: "Synthetic source", Publisher: "Test"}},
		}
		for j := range 2 {
			a.Services = append(a.Services, model.Service{
				Name: fmt.Sprintf("Service %d", j), Category: model.Consultation, Status: model.Suspended,
				Since:   at((i*7 + j*3) % 200),
				History: []model.Change{{Date: at(-(i % 5) - 1), Status: model.Active}},
			})
		}
		in.Agencies = append(in.Agencies, a)
	}
	in.Events = []model.Event{
		{Slug: "e1", Path: "content/events/e1.md", Date: at(100), Title: "Event one", Agencies: []string{"body-00"},
			Sources: []model.Source{{Title: "S", Publisher: "T"}}, Body: "One."},
		{Slug: "e2", Path: "content/events/e2.md", Date: at(300), Title: "Event two", Agencies: []string{"body-01", "body-04"},
			Sources: []model.Source{{Title: "S", Publisher: "T"}}, Body: "Two."},
	}
	return in
}

// TestExtrasFromEqualsExtras applies a series of edits and checks after
// each that the feeds and search index ExtrasFrom remakes from its cache
// are byte for byte those Extras makes from nothing.
func TestExtrasFromEqualsExtras(t *testing.T) {
	l := load(t)
	opt := render.Options{BaseURL: "https://example.org/lw/"}
	in := manyChanges()
	var c render.ExtrasCache
	agency := func(slug string) *model.Agency {
		for i := range in.Agencies {
			if in.Agencies[i].Slug == slug {
				return &in.Agencies[i]
			}
		}
		t.Fatalf("no agency %s", slug)
		return nil
	}
	steps := []struct {
		name string
		edit func() []string // changed keys; nil means everything
	}{
		{"first build", func() []string { return nil }},
		{"a body's change becomes the newest", func() []string {
			agency("body-10").Services[0].Since = model.DateOf(2023, time.May, 5)
			return []string{"agency/body-10"}
		}},
		{"a body moves to another prefecture", func() []string {
			agency("body-04").Prefecture = "osaka"
			return []string{"agency/body-04"}
		}},
		{"a body is deleted", func() []string {
			in.Agencies = slices.DeleteFunc(in.Agencies, func(a model.Agency) bool { return a.Slug == "body-10" })
			return []string{"agency/body-10"}
		}},
		{"a body is added", func() []string {
			a := *agency("body-11")
			a.Slug, a.Path, a.Name, a.Services = "body-new", "content/agencies/body-new.md", "New body", slices.Clone(a.Services)
			a.Services[0].Since = model.DateOf(2024, time.June, 6)
			in.Agencies = append(in.Agencies, a)
			slices.SortFunc(in.Agencies, func(x, y model.Agency) int { return strings.Compare(x.Slug, y.Slug) })
			return []string{"agency/body-new"}
		}},
		{"the body with the newest change renamed", func() []string {
			agency("body-new").Name = "New body, renamed"
			return []string{"agency/body-new"}
		}},
		{"an event names a body of another prefecture", func() []string {
			in.Events[0].Agencies = []string{"body-00", "body-02"}
			return []string{"events"}
		}},
		{"a body renamed, no date changed", func() []string {
			agency("body-20").Name = "Body twenty, renamed"
			return []string{"agency/body-20"}
		}},
		{"tokyo loses every dated change", func() []string {
			var keys []string
			for i := range in.Agencies {
				if a := &in.Agencies[i]; a.Prefecture == "tokyo" {
					for j := range a.Services {
						a.Services[j].Since, a.Services[j].History = model.Date{}, nil
					}
					keys = append(keys, "agency/"+a.Slug)
				}
			}
			return keys
		}},
		{"the newest change goes, so empty feeds are dated anew", func() []string {
			agency("body-new").Services[0].Since = model.Date{}
			return []string{"agency/body-new"}
		}},
	}
	for _, st := range steps {
		keys := st.edit()
		site := model.New(in)
		pages := render.Plan(site, opt)
		pending := map[string]bool{}
		for _, k := range keys {
			pending[k] = true
		}
		got, err := l.ExtrasFrom(site, pages, opt, &c, pending, keys == nil)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		want, err := l.Extras(site, pages, opt)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if !bytes.Equal(got[name], want[name]) {
				t.Errorf("%s: %s differs from a fresh Extras", st.name, name)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", st.name, len(got), len(want))
		}
	}
}

// TestPlanLazyFilled: the pages PlanLazy makes, once filled, are those
// Plan makes.
func TestPlanLazyFilled(t *testing.T) {
	for _, in := range []model.Input{fixture(), manyChanges()} {
		site := model.New(in)
		// One row a page splits every list into pages.
		for _, opt := range []render.Options{{BaseURL: "https://example.org/lw/"}, {RowsPerPage: 1, EventsPerPage: 1}} {
			want := render.Plan(site, opt)
			lazy := render.PlanLazy(site, opt)
			f := render.NewFiller(site, opt)
			if len(lazy) != len(want) {
				t.Fatalf("PlanLazy made %d pages, Plan %d", len(lazy), len(want))
			}
			for i := range want {
				if lazy[i].URL != want[i].URL || lazy[i].Layout != want[i].Layout || lazy[i].Lang != want[i].Lang {
					t.Errorf("PlanLazy's page %d is %s (%s), Plan's %s (%s)", i, lazy[i].URL, lazy[i].Layout, want[i].URL, want[i].Layout)
				}
				if got := f.Fill(lazy[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%s: filled lazy page differs from Plan's", want[i].URL)
				}
			}
		}
	}
}
