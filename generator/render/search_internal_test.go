package render

import (
	"encoding/json"
	"testing"

	"linewatch/generator/model"
)

// TestSearchEntry holds searchEntry to json.Marshal of the same values,
// for names that need escaping and records with and without services.
func TestSearchEntry(t *testing.T) {
	statusAt := map[model.Status]int{model.Active: 0, model.Suspended: 3}
	names := []string{"", "Plain", "合成機関", `q"uo\te`, "<b>&amp;</b>", "line\nfeed\t\x01", "\u2028\u2029", "bad\xff\xe3\x81", "\ufffd"}
	for i, name := range names {
		a := &model.Agency{Slug: "slug-" + name, Name: name, NameJA: names[len(names)-1-i]}
		for j := range i % 4 {
			st := model.Active
			if j%2 == 1 {
				st = model.Suspended
			}
			a.Services = append(a.Services, model.Service{Name: names[(i+j)%len(names)], NameJA: name, Status: st})
		}
		services := make([][3]any, len(a.Services))
		for j, sv := range a.Services {
			services[j] = [3]any{sv.Name, sv.NameJA, statusAt[sv.Status]}
		}
		for _, pref := range []int{-1, 0, 46} {
			want, err := json.Marshal([5]any{a.Slug, a.Name, a.NameJA, pref, services})
			if err != nil {
				t.Fatal(err)
			}
			if got := searchEntry(a, pref, statusAt); string(got) != string(want) {
				t.Errorf("searchEntry(%q) = %s, want %s", name, got, want)
			}
		}
	}
}
