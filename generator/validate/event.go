package validate

import (
	"slices"

	"linewatch/generator/model"
)

// The keys of events and free pages.
var (
	eventKeys = []string{"date", "title", "title_ja", "agencies", "sources"}
	pageKeys  = []string{"title", "title_ja"}
)

// event checks a timeline event. agencies lists every agency slug, sorted,
// so an event can only name agencies that exist.
func event(c *checker, agencies []string) (model.Event, bool) {
	d := c.doc
	if d.Broken {
		return model.Event{}, false
	}
	t := table{c: c, m: d.Fields}
	t.known(eventKeys)
	e := model.Event{
		Slug:    d.Slug,
		Path:    d.Path,
		Date:    t.date("date", true),
		Title:   t.str("title", true),
		TitleJA: t.str("title_ja", false),
		Body:    d.Body,
	}
	names, idx := t.strings("agencies")
	for i, slug := range names {
		field := t.field("agencies") + "[" + itoa(idx[i]+1) + "]"
		switch {
		case slices.Contains(names[:i], slug):
			c.errorf(field, "agency %q is listed twice", slug)
		case !hasSorted(agencies, slug):
			c.errorf(field, "no agency %q%s", slug, suggest(slug, agencies))
		default:
			e.Agencies = append(e.Agencies, slug)
		}
	}
	e.Sources = sources(t)
	return e, true
}

// page checks a free page.
func page(c *checker) (model.Page, bool) {
	d := c.doc
	if d.Broken {
		return model.Page{}, false
	}
	t := table{c: c, m: d.Fields}
	t.known(pageKeys)
	return model.Page{
		Slug:    d.Slug,
		Path:    d.Path,
		Title:   t.str("title", true),
		TitleJA: t.str("title_ja", false),
		Body:    d.Body,
	}, true
}

func hasSorted(list []string, s string) bool {
	_, ok := slices.BinarySearch(list, s)
	return ok
}
