package render

import (
	"bytes"
	"encoding/json"

	"linewatch/generator/model"
)

// recordSchema writes data/schema/record.schema.json: a JSON Schema (draft
// 2020-12) of an agency record's front matter as editors write it in TOML
// (DESIGN.md "Records"), read as JSON: tables are objects, arrays of
// tables are arrays, and TOML dates are "2021-03-19" strings. Editors can
// point a TOML editor that checks JSON Schemas at it; data users get the
// fields and allowed values in a form machines read.
//
// The enums come from the model's tables (model.Levels, Statuses,
// Categories, SourceKinds) and the prefecture slugs from the site, so the
// schema cannot drift from what `linewatch check` accepts. Rules a schema
// cannot state well (a code's check digit and prefecture, history before
// since, unique slugs) are left to the check and named in descriptions.
func recordSchema(site *model.Site, opt Options) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(schemaOf(site, opt)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// schemaOf builds the schema as ordered objects.
func schemaOf(site *model.Site, opt Options) obj {
	prefs := obj{
		{"description", "The prefecture's slug (\"osaka\") or its JIS X 0401 code (27 or \"27\"). Required unless level is national; not allowed for national bodies."},
	}
	var slugs []string
	for _, p := range site.Prefectures {
		slugs = append(slugs, p.Slug)
	}
	slug := obj{{"type", "string"}, {"pattern", "^[a-z]+(-[a-z]+)*$"}}
	if len(slugs) > 0 {
		slug = obj{{"type", "string"}, {"enum", slugs}}
	}
	prefs = append(prefs, member{"anyOf", []any{
		slug,
		obj{{"type", "string"}, {"pattern", "^(0?[1-9]|[1-3][0-9]|4[0-7])$"}},
		obj{{"type", "integer"}, {"minimum", 1}, {"maximum", 47}},
	}})

	s := obj{{"$schema", "https://json-schema.org/draft/2020-12/schema"}}
	if id := opt.abs("/" + RecordSchema); id != "" {
		s = append(s, member{"$id", id})
	}
	s = append(s,
		member{"title", "linewatch agency record"},
		member{"description", "The front matter of an agency record (content/agencies/**/SLUG.md between +++ lines, or SLUG.toml) read as JSON; TOML dates are written as YYYY-MM-DD strings here. The Markdown body is not part of it. Format version 1; linewatch check applies every rule, including those this schema cannot state."},
		member{"type", "object"},
		member{"properties", obj{
			{"name", schemaText("English name of the body.", true)},
			{"name_ja", schemaText("Japanese name of the body.", false)},
			{"level", schemaEnum("The tier of government.", model.Levels)},
			{"prefecture", prefs},
			{"code", obj{
				{"description", "Local government code: 6 digits with the check digit, quoted so leading zeros stay; it must belong to the prefecture. Not allowed for national bodies."},
				{"type", "string"},
				{"pattern", "^[0-9]{6}$"},
			}},
			{"updated", schemaRef("date", "The day the record was last checked against its sources.")},
			{"services", obj{
				{"description", "One entry per LINE service ([[services]]). A record with none states, with its sources, that the body does not use LINE."},
				{"type", "array"},
				{"items", schemaRef("service", "")},
			}},
			{"sources", obj{
				{"description", "The evidence ([[sources]]); at least one."},
				{"type", "array"},
				{"minItems", 1},
				{"items", schemaRef("source", "")},
			}},
		}},
		member{"required", []string{"name", "level", "updated", "sources"}},
		member{"additionalProperties", false},
		member{"if", obj{{"properties", obj{{"level", obj{{"const", string(model.National)}}}}}, {"required", []string{"level"}}}},
		member{"then", obj{{"properties", obj{{"prefecture", false}, {"code", false}}}}},
		member{"else", obj{{"required", []string{"prefecture"}}}},
		member{"$defs", obj{
			{"date", obj{
				{"description", "A TOML local date such as 2021-03-19 (unquoted in TOML), read as a string."},
				{"type", "string"},
				{"format", "date"},
				{"pattern", "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
			}},
			{"url", obj{
				{"description", "An http or https address with a host, copied exactly; no spaces."},
				{"type", "string"},
				{"format", "uri"},
				{"pattern", "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+[^\\s]*$"},
			}},
			{"service", obj{
				{"type", "object"},
				{"properties", obj{
					{"name", schemaText("What the service is, in English.", true)},
					{"name_ja", schemaText("The same in Japanese.", false)},
					{"category", schemaEnum("What the service is for.", model.Categories)},
					{"status", schemaEnum("Where the service stands now.", model.Statuses)},
					{"since", schemaRef("date", "When the current status began; left out when no source gives a date.")},
					{"personal_data", schemaFlag("The service handles personal information; left out when no source says.")},
					{"sensitive", schemaFlag("A leak would harm people (consultations); left out when no source says.")},
					{"alternative", schemaText("What replaced it.", false)},
					{"alternative_ja", schemaText("The same in Japanese.", false)},
					{"note", schemaText("How the source words it; inline Markdown.", false)},
					{"note_ja", schemaText("The same in Japanese.", false)},
					{"history", obj{
						{"description", "Earlier states ([[services.history]]), oldest first, each strictly before the next and before since."},
						{"type", "array"},
						{"items", schemaRef("change", "")},
					}},
				}},
				{"required", []string{"name", "category", "status"}},
				{"additionalProperties", false},
			}},
			{"change", obj{
				{"type", "object"},
				{"properties", obj{
					{"date", schemaRef("date", "When that state began.")},
					{"status", schemaEnum("The state.", model.Statuses)},
					{"note", schemaText("How the source words it; inline Markdown.", false)},
					{"note_ja", schemaText("The same in Japanese.", false)},
				}},
				{"required", []string{"date", "status"}},
				{"additionalProperties", false},
			}},
			{"source", obj{
				{"type", "object"},
				{"properties", obj{
					{"title", schemaText("The page or article title, as published.", true)},
					{"publisher", schemaText("Who published it.", true)},
					{"kind", schemaEnum("official: the body itself or a ministry; news: the press; other: anything else.", model.SourceKinds)},
					{"date", schemaRef("date", "Publication date; left out when the source shows none.")},
					{"url", schemaRef("url", "The source's address; left out when there is none, never guessed.")},
					{"archive_url", schemaRef("url", "An archived copy, for when the page moves or vanishes.")},
					{"quote", schemaText("The sentence that supports the claim, in its own language.", false)},
				}},
				{"required", []string{"title", "publisher"}},
				{"additionalProperties", false},
			}},
		}},
	)
	return s
}

// schemaText is a string property; a required one must not be blank.
func schemaText(desc string, required bool) obj {
	o := obj{{"description", desc}, {"type", "string"}}
	if required {
		o = append(o, member{"pattern", "\\S"})
	}
	return o
}

// schemaEnum is a property whose value comes from one of the model's tables.
func schemaEnum[T ~string](desc string, values []T) obj {
	return obj{{"description", desc}, {"type", "string"}, {"enum", model.Strings(values)}}
}

// schemaFlag is a yes-or-no property that may be left out (model.Flag).
func schemaFlag(desc string) obj { return obj{{"description", desc}, {"type", "boolean"}} }

// schemaRef points at a definition under $defs, with a description when the
// use needs one.
func schemaRef(def, desc string) obj {
	o := obj{{"$ref", "#/$defs/" + def}}
	if desc != "" {
		o = append(o, member{"description", desc})
	}
	return o
}

// obj is a JSON object that keeps its members in the order written, so
// the schema reads in the order of DESIGN.md "Records" rather than
// alphabetically, and the same every time.
type obj []member

// member is one key and value of an obj.
type member struct {
	k string
	v any
}

// MarshalJSON writes the members in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(m.k)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.v)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
