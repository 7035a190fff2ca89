package validate

import (
	"fmt"
	"strconv"

	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// The keys each table of an agency record may hold, in the order of
// DESIGN.md "Records".
var (
	agencyKeys  = []string{"name", "name_ja", "level", "prefecture", "code", "updated", "services", "sources"}
	serviceKeys = []string{"name", "name_ja", "category", "status", "since", "personal_data", "sensitive", "alternative", "alternative_ja", "note", "note_ja", "history"}
	historyKeys = []string{"date", "status", "note", "note_ja"}
)

// agency checks an agency record. It returns false only when the file
// could not be read at all; a record with problems is still returned.
func agency(c *checker, ref *refdata.Data) (model.Agency, bool) {
	d := c.doc
	if d.Broken {
		return model.Agency{}, false
	}
	t := table{c: c, m: d.Fields}
	t.known(agencyKeys)
	a := model.Agency{
		Slug:    d.Slug,
		Path:    d.Path,
		Name:    t.str("name", true),
		NameJA:  t.str("name_ja", false),
		Level:   enum(t, "level", model.Levels, true),
		Updated: t.date("updated", true),
		Body:    d.Body,
	}
	pref, hasPref := prefecture(t, a.Level, ref)
	a.Prefecture = pref.Slug
	a.Code = localCode(t, a.Level, pref, hasPref, ref)
	if services := t.tables("services"); len(services) > 0 {
		a.Services = make([]model.Service, 0, len(services))
		for _, s := range services {
			a.Services = append(a.Services, service(s))
		}
	}
	a.Sources = sources(t)
	return a, true
}

// prefecture reads the prefecture key: a slug (any case) or a JIS X 0401
// code, as a string or an integer. It is required for every level but
// national, and forbidden there.
func prefecture(t table, level model.Level, ref *refdata.Data) (refdata.Prefecture, bool) {
	v, ok := t.get("prefecture")
	if !ok {
		if level != model.National && level != "" {
			t.c.errorf("prefecture", "required key is missing (every level but national has a prefecture)")
		}
		return refdata.Prefecture{}, false
	}
	if level == model.National {
		t.c.errorf("prefecture", "national bodies have no prefecture; remove the key")
		return refdata.Prefecture{}, false
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case int64:
		s = strconv.FormatInt(x, 10)
	default:
		t.c.errorf("prefecture", "must be a prefecture slug like \"osaka\" or a JIS X 0401 code like 27, not %s", typeName(v))
		return refdata.Prefecture{}, false
	}
	if p, ok := ref.Prefecture(s); ok {
		return p, true
	}
	for _, p := range ref.Prefectures {
		if s == p.NameJA || s+"都" == p.NameJA || s+"府" == p.NameJA || s+"県" == p.NameJA {
			t.c.errorf("prefecture", "unknown prefecture %q; did you mean %q?", s, p.Slug)
			return refdata.Prefecture{}, false
		}
	}
	if hint := suggest(s, ref.PrefectureSlugs()); hint != "" {
		t.c.errorf("prefecture", "unknown prefecture %q%s", s, hint)
	} else {
		t.c.errorf("prefecture", "unknown prefecture %q; use a slug like \"osaka\" or a JIS X 0401 code from 1 to 47", s)
	}
	return refdata.Prefecture{}, false
}

// localCode reads the optional local government code. It must be quoted
// (leading zeros matter), pass the check digit, exist in the reference
// data and belong to the record's prefecture; a prefecture's record must
// carry the prefecture government's own code.
func localCode(t table, level model.Level, pref refdata.Prefecture, hasPref bool, ref *refdata.Data) string {
	v, ok := t.get("code")
	if !ok {
		return ""
	}
	if level == model.National {
		t.c.errorf("code", "national bodies have no local government code; remove the key")
		return ""
	}
	code, ok := v.(string)
	if !ok {
		if n, isInt := v.(int64); isInt {
			t.c.errorf("code", "must be a quoted string like \"%06d\", since leading zeros matter", n)
		} else {
			t.c.errorf("code", "must be a quoted 6-digit string like \"271004\", not %s", typeName(v))
		}
		return ""
	}
	if msg := refdata.CheckCode(code); msg != "" {
		t.c.errorf("code", "%s", msg)
		return ""
	}
	gov, ok := ref.LocalGov(code)
	if !ok {
		t.c.errorf("code", "no local government has code %s in the reference data", code)
		return ""
	}
	if !hasPref {
		return code
	}
	if gov.PrefectureCode != pref.Code {
		other, _ := ref.Prefecture(gov.PrefectureCode)
		t.c.errorf("code", "%s belongs to %s, not %s", code, other.Name, pref.Name)
		return ""
	}
	switch {
	case level == model.Prefectural && code != pref.LocalCode:
		t.c.errorf("code", "%s is %s, not the prefecture itself; %s's own code is %s", code, govName(gov), pref.Name, pref.LocalCode)
		return ""
	case level == model.Municipality && gov.Kind == "prefecture":
		t.c.errorf("code", "%s is the code of %s itself, not of a municipality", code, govName(gov))
		return ""
	}
	return code
}

// govName names a local government for a message, in English when the
// reference data has a romanisation.
func govName(g refdata.LocalGov) string {
	if g.Name != "" {
		return fmt.Sprintf("%s (%s)", g.Name, g.NameJA)
	}
	return g.NameJA
}

// service checks one [[services]] entry and its history.
func service(t table) model.Service {
	t.known(serviceKeys)
	s := model.Service{
		Name:          t.str("name", true),
		NameJA:        t.str("name_ja", false),
		Category:      enum(t, "category", model.Categories, true),
		Status:        enum(t, "status", model.Statuses, true),
		Since:         t.date("since", false),
		PersonalData:  t.flag("personal_data"),
		Sensitive:     t.flag("sensitive"),
		Alternative:   t.str("alternative", false),
		AlternativeJA: t.str("alternative_ja", false),
		Note:          t.str("note", false),
		NoteJA:        t.str("note_ja", false),
	}
	var prev model.Date
	history := t.tables("history")
	if len(history) > 0 {
		s.History = make([]model.Change, 0, len(history))
	}
	for _, h := range history {
		h.known(historyKeys)
		ch := model.Change{
			Date:   h.date("date", true),
			Status: enum(h, "status", model.Statuses, true),
			Note:   h.str("note", false),
			NoteJA: h.str("note_ja", false),
		}
		if !ch.Date.IsZero() {
			switch {
			case !prev.IsZero() && !prev.Before(ch.Date):
				h.c.errorf(h.field("date"), "%s is not after the entry before it (%s); list history oldest first, one entry per date", ch.Date, prev)
			case !s.Since.IsZero() && !ch.Date.Before(s.Since):
				h.c.errorf(h.field("date"), "%s is not before since (%s); history holds the states before the current one", ch.Date, s.Since)
			}
			prev = ch.Date
		}
		s.History = append(s.History, ch)
	}
	return s
}
