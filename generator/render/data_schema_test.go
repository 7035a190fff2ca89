package render_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"linewatch/generator"
	loader "linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/refdata"
	"linewatch/generator/render"
)

// schemaOf returns the fixture site's record schema, decoded.
func schemaOf(t *testing.T, in model.Input) map[string]any {
	t.Helper()
	files, err := render.Data(model.New(in), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(files[render.RecordSchema], &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// at follows a path of object keys through decoded JSON.
func at(v any, path ...string) any {
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// The schema's enums are the model's tables, so it cannot drift from
// what validation accepts.
func TestSchemaEnumsAreTheModelTables(t *testing.T) {
	s := schemaOf(t, dataFixture())
	var slugs []string
	for _, p := range dataFixture().Prefectures {
		slugs = append(slugs, p.Slug)
	}
	slices.Sort(slugs)
	prefSlugs := model.Strings(strings2(at(s, "properties", "prefecture", "anyOf").([]any)[0].(map[string]any)["enum"]))
	slices.Sort(prefSlugs)
	for _, tt := range []struct {
		what string
		got  any
		want []string
	}{
		{"level", at(s, "properties", "level", "enum"), model.Strings(model.Levels)},
		{"category", at(s, "$defs", "service", "properties", "category", "enum"), model.Strings(model.Categories)},
		{"status", at(s, "$defs", "service", "properties", "status", "enum"), model.Strings(model.Statuses)},
		{"history status", at(s, "$defs", "change", "properties", "status", "enum"), model.Strings(model.Statuses)},
		{"kind", at(s, "$defs", "source", "properties", "kind", "enum"), model.Strings(model.SourceKinds)},
		{"prefecture slugs", prefSlugs, slugs},
	} {
		if got := strings2(tt.got); !slices.Equal(got, tt.want) {
			t.Errorf("schema %s enum = %q, want %q", tt.what, got, tt.want)
		}
	}
	if at(s, "$schema") != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", at(s, "$schema"))
	}
	if at(s, "$id") != nil {
		t.Errorf("$id %v without base_url", at(s, "$id"))
	}
}

// strings2 turns a decoded JSON array of strings into []string.
func strings2(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i], _ = e.(string)
		}
		return out
	}
	return nil
}

// The schema names exactly the keys of the scaffold `linewatch new`
// writes, which holds every field of a record.
func TestSchemaCoversTheScaffold(t *testing.T) {
	dir := t.TempDir()
	full, err := generator.NewRecord(dir, "content/agencies/osaka/new-body.md")
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, full)
	doc, diags := loader.File(os.DirFS(dir), filepath.ToSlash(rel))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var scaffold []string
	keyPaths("", doc.Fields, &scaffold)
	s := schemaOf(t, dataFixture())
	var schema []string
	schemaPaths(s, "", s, &schema)
	slices.Sort(scaffold)
	slices.Sort(schema)
	if !slices.Equal(scaffold, schema) {
		t.Errorf("scaffold keys\n\t%q\nschema properties\n\t%q", scaffold, schema)
	}
}

// keyPaths lists the key paths of decoded TOML: "services[].name".
func keyPaths(prefix string, v any, out *[]string) {
	switch x := v.(type) {
	case *loader.Table:
		for _, f := range x.Fields {
			*out = append(*out, prefix+f.Key)
			keyPaths(prefix+f.Key, f.Value, out)
		}
	case []*loader.Table:
		for _, e := range x[:min(1, len(x))] {
			keyPaths(strings.TrimSuffix(prefix, ".")+"[].", e, out)
		}
	}
}

// schemaPaths lists the property paths a schema allows, following $ref
// and array items.
func schemaPaths(root map[string]any, prefix string, s map[string]any, out *[]string) {
	if ref, ok := s["$ref"].(string); ok {
		s = at(root, "$defs", strings.TrimPrefix(ref, "#/$defs/")).(map[string]any)
	}
	if items, ok := s["items"].(map[string]any); ok {
		schemaPaths(root, prefix+"[].", items, out)
		return
	}
	props, _ := s["properties"].(map[string]any)
	for k, p := range props {
		*out = append(*out, prefix+k)
		if ps, ok := p.(map[string]any); ok {
			schemaPaths(root, prefix+k, ps, out)
		}
	}
}

// Every record shipped in content/ satisfies the schema, so the schema is
// no stricter than the check that already passed them.
func TestSchemaAcceptsTheContent(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "content", "agencies")); err != nil {
		t.Skip("no content/agencies in this checkout")
	}
	docs, _ := loader.Dir(os.DirFS(root))
	s := schemaOf(t, realPrefectures(t))
	n := 0
	for _, d := range docs {
		if d.Kind != loader.Agency || d.JA || d.Broken {
			continue
		}
		n++
		for _, problem := range checkSchema(t, s, s, jsonOf(d.Fields), "") {
			t.Errorf("%s: %s", d.Path, problem)
		}
	}
	if n == 0 {
		t.Error("no agency records found")
	}
	t.Logf("%d records checked against the schema", n)
}

// realPrefectures is the fixture with the 47 real prefectures of the
// reference data, which the shipped records name.
func realPrefectures(t *testing.T) model.Input {
	t.Helper()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	in := dataFixture()
	in.Prefectures = nil
	for _, p := range ref.Prefectures {
		in.Prefectures = append(in.Prefectures, model.Prefecture{Code: p.Code, Slug: p.Slug})
	}
	return in
}

func TestSchemaRules(t *testing.T) {
	s := schemaOf(t, dataFixture())
	const src = `{"title": "t", "publisher": "p"}`
	tests := []struct {
		name string
		doc  string
		ok   bool
	}{
		// Records the check accepts.
		{"national", `{"name": "MIC", "level": "national", "updated": "2021-03-19", "sources": [` + src + `]}`, true},
		{"prefecture slug", `{"name": "Osaka City", "level": "municipality", "prefecture": "osaka", "code": "271004", "updated": "2021-03-19", "sources": [` + src + `]}`, true},
		{"prefecture code number", `{"name": "x", "level": "municipality", "prefecture": 27, "updated": "2021-03-19", "sources": [` + src + `]}`, true},
		{"prefecture code string", `{"name": "x", "level": "prefecture", "prefecture": "07", "updated": "2021-03-19", "sources": [` + src + `]}`, true},
		{"full service", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [{"title": "t", "publisher": "p", "kind": "news", "date": "2021-03-19", "url": "https://example.org/a b"}],
			"services": [{"name": "s", "category": "other", "status": "resumed", "since": "2021-04-01", "personal_data": true, "sensitive": false,
			"history": [{"date": "2021-03-19", "status": "suspended", "note": "n"}]}]}`, false}, // a space in the url
		{"full service, good url", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [{"title": "t", "publisher": "p", "kind": "news", "date": "2021-03-19", "url": "https://example.org/a%20b", "archive_url": "HTTP://web.archive.org/x"}],
			"services": [{"name": "s", "category": "other", "status": "resumed", "since": "2021-04-01", "personal_data": true, "sensitive": false,
			"history": [{"date": "2021-03-19", "status": "suspended", "note": "n"}]}]}`, true},

		// Records the check rejects.
		{"unknown key", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [` + src + `], "nmae": "y"}`, false},
		{"blank name", `{"name": " ", "level": "national", "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"bad level", `{"name": "x", "level": "city", "prefecture": "osaka", "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"no sources", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": []}`, false},
		{"missing updated", `{"name": "x", "level": "national", "sources": [` + src + `]}`, false},
		{"date as words", `{"name": "x", "level": "national", "updated": "March 2021", "sources": [` + src + `]}`, false},
		{"national with prefecture", `{"name": "x", "level": "national", "prefecture": "osaka", "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"national with code", `{"name": "x", "level": "national", "code": "271004", "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"municipality without prefecture", `{"name": "x", "level": "municipality", "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"unknown prefecture", `{"name": "x", "level": "municipality", "prefecture": "atlantis", "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"prefecture 48", `{"name": "x", "level": "municipality", "prefecture": 48, "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"unquoted code", `{"name": "x", "level": "municipality", "prefecture": "osaka", "code": 271004, "updated": "2021-03-19", "sources": [` + src + `]}`, false},
		{"bad status", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [` + src + `], "services": [{"name": "s", "category": "other", "status": "suspend"}]}`, false},
		{"service without category", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [` + src + `], "services": [{"name": "s", "status": "active"}]}`, false},
		{"flag as string", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [` + src + `], "services": [{"name": "s", "category": "other", "status": "active", "personal_data": "yes"}]}`, false},
		{"source without publisher", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [{"title": "t"}]}`, false},
		{"bad kind", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [{"title": "t", "publisher": "p", "kind": "blog"}]}`, false},
		{"script url", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [{"title": "t", "publisher": "p", "url": "javascript:alert(1)"}]}`, false},
		{"history without date", `{"name": "x", "level": "national", "updated": "2021-03-19", "sources": [` + src + `], "services": [{"name": "s", "category": "other", "status": "active", "history": [{"status": "planned"}]}]}`, false},
	}
	for _, tt := range tests {
		var doc any
		if err := json.Unmarshal([]byte(tt.doc), &doc); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		problems := checkSchema(t, s, s, doc, "")
		if ok := len(problems) == 0; ok != tt.ok {
			t.Errorf("%s: valid = %v, want %v; problems %q", tt.name, ok, tt.ok, problems)
		}
	}
}

// jsonOf turns decoded TOML into what the schema describes: TOML dates as
// YYYY-MM-DD strings, numbers as JSON numbers, arrays of tables as arrays.
func jsonOf(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.Format("2006-01-02")
	case int64:
		return float64(x)
	case *loader.Table:
		out := make(map[string]any, len(x.Fields))
		for _, f := range x.Fields {
			out[f.Key] = jsonOf(f.Value)
		}
		return out
	case []*loader.Table:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonOf(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonOf(e)
		}
		return out
	}
	return v
}

// checkSchema is a small JSON Schema validator: just the keywords
// record.schema.json uses, and a test failure for any other, so the
// schema cannot outgrow what this test checks.
func checkSchema(t *testing.T, root map[string]any, schema any, v any, where string) []string {
	t.Helper()
	if b, ok := schema.(bool); ok {
		if !b {
			return []string{where + ": not allowed"}
		}
		return nil
	}
	s := schema.(map[string]any)
	var problems []string
	fail := func(format string, args ...any) {
		problems = append(problems, where+": "+fmt.Sprintf(format, args...))
	}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys) // "if" before "then" and "else"
	for _, k := range keys {
		kw := s[k]
		switch k {
		case "$schema", "$id", "$defs", "title", "description", "format", "then", "else":
		case "$ref":
			def := at(root, "$defs", strings.TrimPrefix(kw.(string), "#/$defs/"))
			if def == nil {
				t.Fatalf("unresolved $ref %v", kw)
			}
			problems = append(problems, checkSchema(t, root, def, v, where)...)
		case "type":
			if !hasType(v, kw.(string)) {
				fail("want %s, got %T", kw, v)
			}
		case "enum":
			if !slices.ContainsFunc(kw.([]any), func(e any) bool { return e == v }) {
				fail("%v is not one of %v", v, kw)
			}
		case "const":
			if v != kw {
				fail("%v is not %v", v, kw)
			}
		case "pattern":
			if str, ok := v.(string); ok && !regexp.MustCompile(kw.(string)).MatchString(str) {
				fail("%q does not match %s", str, kw)
			}
		case "minimum":
			if n, ok := v.(float64); ok && n < kw.(float64) {
				fail("%v < %v", n, kw)
			}
		case "maximum":
			if n, ok := v.(float64); ok && n > kw.(float64) {
				fail("%v > %v", n, kw)
			}
		case "minItems":
			if a, ok := v.([]any); ok && float64(len(a)) < kw.(float64) {
				fail("%d items, want at least %v", len(a), kw)
			}
		case "items":
			for i, e := range asArray(v) {
				problems = append(problems, checkSchema(t, root, kw, e, fmt.Sprintf("%s[%d]", where, i+1))...)
			}
		case "properties":
			obj, _ := v.(map[string]any)
			for name, sub := range kw.(map[string]any) {
				if e, ok := obj[name]; ok {
					problems = append(problems, checkSchema(t, root, sub, e, strings.TrimPrefix(where+"."+name, "."))...)
				}
			}
		case "required":
			obj, _ := v.(map[string]any)
			for _, name := range kw.([]any) {
				if _, ok := obj[name.(string)]; !ok && obj != nil {
					fail("%s is required", name)
				}
			}
		case "additionalProperties":
			obj, _ := v.(map[string]any)
			props, _ := s["properties"].(map[string]any)
			for name := range obj {
				if _, ok := props[name]; !ok && kw == false {
					fail("unknown key %s", name)
				}
			}
		case "anyOf":
			matched := false
			for _, sub := range kw.([]any) {
				if len(checkSchema(t, root, sub, v, where)) == 0 {
					matched = true
				}
			}
			if !matched {
				fail("%v matches none of anyOf", v)
			}
		case "if":
			branch := "else"
			if len(checkSchema(t, root, kw, v, where)) == 0 {
				branch = "then"
			}
			if sub, ok := s[branch]; ok {
				problems = append(problems, checkSchema(t, root, sub, v, where)...)
			}
		default:
			t.Fatalf("the test's validator does not know the keyword %q", k)
		}
	}
	return problems
}

func hasType(v any, typ string) bool {
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "integer":
		n, ok := v.(float64)
		return ok && n == math.Trunc(n)
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

func asArray(v any) []any {
	a, _ := v.([]any)
	return a
}
