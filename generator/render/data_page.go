package render

import (
	"path"

	"linewatch/generator/model"
)

// DataView documents the open data at "/data/": every file, every field
// and column, the allowed values, the format version and the licence.
// The field and column lists come from the same tables that write the
// files (dataTables, csvColumns), so the page cannot describe a file
// that is not there.
type DataView struct {
	Base
	Version  int    // DataVersion
	License  string // from site.toml; "" when none is stated, and the page says so
	Agencies int    // records in agencies.json
	Services int    // rows of services.csv
	Files    []DataFileView
	JSON     []FieldTable // agencies.json, one table per level of nesting
	CSV      []FieldView  // services.csv, in column order
	Values   []ValueList  // allowed values of the enum fields
}

// DataFileView is one downloadable file.
type DataFileView struct {
	Name   string // "agencies.json"
	URL    string // link to the file, BasePath included; the same from both languages
	Anchor string // id of the file's section on the page
	Format string // media type, "application/json"
	Key    string // translation key of what it holds
}

// FieldTable is the fields of one JSON object, such as a service.
type FieldTable struct {
	ID     string // anchor and caption id: "json-service"
	Key    string // translation key of the caption
	Fields []FieldView
}

// FieldView is one JSON field or CSV column.
type FieldView struct {
	Name   string // "personal_data"
	Type   string // translation key of its type: "data.type.flag"; "" for CSV columns
	Key    string // translation key of its meaning
	Values string // anchor of its allowed values, or ""
}

// ValueList is the allowed values of one enum field.
type ValueList struct {
	ID     string // anchor: "values-status"
	Field  string // "status"
	Values []Enum // each value with the translation key of its label
}

// fieldDoc documents one JSON field: its name, the key suffix of its type
// (data.type.*) and, for enums, the ValueList it takes values from.
type fieldDoc struct {
	name, typ, values string
}

// dataTables documents agencies.json, one object at a time, in the order
// of the structs in data.go; a test holds the two together.
var dataTables = []struct {
	id, group string
	fields    []fieldDoc
}{
	{"json-top", "top", []fieldDoc{
		{"version", "integer", ""},
		{"generator", "string", ""},
		{"license", "string-null", ""},
		{"agencies", "agencies", ""},
	}},
	{"json-agency", "agency", []fieldDoc{
		{"slug", "string", ""},
		{"name", "string", ""},
		{"name_ja", "string-null", ""},
		{"level", "enum", "level"},
		{"prefecture", "string-null", ""},
		{"code", "string-null", ""},
		{"updated", "date", ""},
		{"url", "url", ""},
		{"url_ja", "url", ""},
		{"uses_line", "boolean", ""},
		{"services", "services", ""},
		{"sources", "sources", ""},
		{"body", "markdown-null", ""},
		{"body_ja", "markdown-null", ""},
	}},
	{"json-service", "service", []fieldDoc{
		{"name", "string", ""},
		{"name_ja", "string-null", ""},
		{"category", "enum", "category"},
		{"status", "enum", "status"},
		{"since", "date-null", ""},
		{"personal_data", "flag", "flag"},
		{"sensitive", "flag", "flag"},
		{"alternative", "string-null", ""},
		{"alternative_ja", "string-null", ""},
		{"note", "markdown-null", ""},
		{"note_ja", "markdown-null", ""},
		{"history", "history", ""},
	}},
	{"json-change", "change", []fieldDoc{
		{"date", "date", ""},
		{"status", "enum", "status"},
		{"note", "markdown-null", ""},
		{"note_ja", "markdown-null", ""},
	}},
	{"json-source", "source", []fieldDoc{
		{"title", "string", ""},
		{"publisher", "string", ""},
		{"kind", "enum-null", "kind"},
		{"date", "date-null", ""},
		{"url", "url-null", ""},
		{"archive_url", "url-null", ""},
		{"quote", "string-null", ""},
	}},
}

// dataPath is the language-neutral path of the data page.
const dataPath = "/data/"

// data plans "/data/", the documentation of the open data. It reads the
// licence (site.toml, an input of every page) and the totals; the field
// lists are fixed by the engine.
func (p planner) data() Page {
	s := p.site
	v := &DataView{
		Base:     p.base(dataPath),
		Version:  DataVersion,
		License:  s.Config.License,
		Agencies: s.Totals.Agencies,
		Services: s.Totals.Services,
	}
	// data.html shows the files' sections in this order, with these anchors.
	for _, f := range []struct{ file, anchor, format, key string }{
		{AgenciesJSON, "file-agencies", "application/json", "data.file.agencies"},
		{ServicesCSV, "file-services", "text/csv", "data.file.services"},
		{RecordSchema, "file-schema", "application/schema+json", "data.file.schema"},
	} {
		v.Files = append(v.Files, DataFileView{
			Name:   path.Base(f.file),
			URL:    p.opt.href("/" + f.file),
			Anchor: f.anchor,
			Format: f.format,
			Key:    f.key,
		})
	}
	for _, t := range dataTables {
		ft := FieldTable{ID: t.id, Key: "data.json." + t.group}
		for _, f := range t.fields {
			fv := FieldView{Name: f.name, Type: "data.type." + f.typ, Key: "data." + t.group + "." + f.name}
			if f.values != "" {
				fv.Values = "values-" + f.values
			}
			ft.Fields = append(ft.Fields, fv)
		}
		v.JSON = append(v.JSON, ft)
	}
	for _, c := range csvColumns {
		v.CSV = append(v.CSV, FieldView{Name: c.Name, Key: c.Key})
	}
	v.Values = []ValueList{
		{ID: "values-level", Field: "level", Values: valueList(model.Levels, levelEnum)},
		{ID: "values-category", Field: "category", Values: valueList(model.Categories, p.categoryEnum)},
		{ID: "values-status", Field: "status", Values: valueList(model.Statuses, p.statusEnum)},
		{ID: "values-kind", Field: "kind", Values: valueList(model.SourceKinds, kindEnum)},
		{ID: "values-flag", Field: "personal_data, sensitive", Values: []Enum{
			{Value: model.Yes.String(), Key: "yes"},
			{Value: model.No.String(), Key: "no"},
			{Value: model.NotReported.String(), Key: "not_reported"},
		}},
	}
	return p.page(dataPath, "data.html", v, "totals")
}

// valueList describes every value of an enum table.
func valueList[T ~string](values []T, describe func(T) Enum) []Enum {
	out := make([]Enum, len(values))
	for i, x := range values {
		out[i] = describe(x)
	}
	return out
}
