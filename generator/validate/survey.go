package validate

import (
	"linewatch/generator/model"
)

// The keys of a survey and of its [[figures]] entries.
var (
	surveyKeys = []string{"title", "title_ja", "surveyed", "surveyed_ja", "as_of", "scope", "figures", "sources"}
	figureKeys = []string{"label", "label_ja", "value", "total", "note", "note_ja"}
)

// survey checks a survey record: who was surveyed, its scope, at least one
// figure and at least one source. Figures are counts, so value and total
// are whole numbers, a total is above zero, and a value never exceeds its
// total: a share over 100% is a typing slip, not a finding.
func survey(c *checker) (model.Survey, bool) {
	d := c.doc
	if d.Broken {
		return model.Survey{}, false
	}
	t := table{c: c, m: d.Fields}
	t.known(surveyKeys)
	s := model.Survey{
		Slug:       d.Slug,
		Path:       d.Path,
		Title:      t.str("title", true),
		TitleJA:    t.str("title_ja", false),
		Surveyed:   t.str("surveyed", true),
		SurveyedJA: t.str("surveyed_ja", false),
		AsOf:       t.date("as_of", false),
		Scope:      enum(t, "scope", model.SurveyScopes, true),
		Body:       d.Body,
	}
	entries := t.tables("figures")
	if len(entries) == 0 {
		if v, bad := t.get("figures"); !bad || isEmptyArray(v) {
			t.c.errorf("figures", "at least one figure is required; write each as a [[figures]] section with label and value")
		}
	}
	for _, f := range entries {
		s.Figures = append(s.Figures, figure(f))
	}
	s.Sources = sources(t)
	return s, true
}

// figure checks one [[figures]] entry.
func figure(t table) model.Figure {
	t.known(figureKeys)
	f := model.Figure{
		Label:   t.str("label", true),
		LabelJA: t.str("label_ja", false),
		Note:    t.str("note", false),
		NoteJA:  t.str("note_ja", false),
	}
	value, hasValue := t.count("value", true)
	total, hasTotal := t.count("total", false)
	switch {
	case hasTotal && total == 0:
		t.c.errorf(t.field("total"), "must be more than 0; leave total out when the survey gives no number to compare with")
		hasTotal = false
	case hasValue && hasTotal && value > total:
		t.c.errorf(t.field("value"), "%d is more than total %d; a value counts part of its total", value, total)
	}
	if hasValue {
		f.Value = value
	}
	if hasTotal {
		f.Total = total
	}
	return f
}
