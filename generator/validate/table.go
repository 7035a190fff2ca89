package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
)

// checker reports the problems of one document.
type checker struct {
	doc   *load.Doc
	diags *diag.List
}

// pos finds where a key path was written: the key itself, else the nearest
// enclosing table or array entry load indexed, else the file alone. So a
// missing key points at its table's header and never at line zero.
func (c *checker) pos(field string) diag.Pos {
	for f := field; f != ""; f = parent(f) {
		if p, ok := c.doc.Pos(f); ok {
			return p
		}
	}
	return diag.Pos{Path: c.doc.Path}
}

// errorf reports a problem with a key path.
func (c *checker) errorf(field, format string, args ...any) {
	c.diags.Add(c.pos(field), field, format, args...)
}

// parent strips the last element of a key path: "a[2].b" -> "a[2]" -> "a".
func parent(f string) string {
	if strings.HasSuffix(f, "]") {
		if i := strings.LastIndexByte(f, '['); i >= 0 {
			return f[:i]
		}
	}
	if i := strings.LastIndexByte(f, '.'); i >= 0 {
		return f[:i]
	}
	return ""
}

// table is one TOML table of a document at a key path: "" for the top,
// or an entry of an array of tables, prefix[index]. The path is only
// spelt out for a message, so a document without problems never builds
// one.
type table struct {
	c      *checker
	prefix string // the array's key path, as "services" or "services[2].history"
	index  int    // the entry, counted from 1; 0 for the top table
	m      *load.Table
}

// path returns the table's key path, "" for the top.
func (t table) path() string {
	if t.index == 0 {
		return t.prefix
	}
	return t.prefix + "[" + strconv.Itoa(t.index) + "]"
}

func (t table) field(key string) string {
	p := t.path()
	if p == "" {
		return key
	}
	return p + "." + key
}

func (t table) get(key string) (any, bool) {
	return t.m.Get(key)
}

// known reports every key of the table that is not in keys, suggesting the
// closest known one.
func (t table) known(keys []string) {
	// The table's keys, a list, are each looked for in the short list of
	// known ones; nothing is allocated unless one is unknown.
	var unknown []string
	if t.m != nil {
		for _, f := range t.m.Fields {
			if !slices.Contains(keys, f.Key) {
				unknown = append(unknown, f.Key)
			}
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		if hint := diag.DidYouMean(k, keys); hint != "" {
			t.c.errorf(t.field(k), "unknown key%s", hint)
		} else {
			t.c.errorf(t.field(k), "unknown key; allowed keys are %s", strings.Join(keys, ", "))
		}
	}
}

// missing reports a required key that is absent.
func (t table) missing(key string) {
	t.c.errorf(t.field(key), "required key is missing")
}

// str returns a string value. A required key must be present and not blank.
func (t table) str(key string, required bool) string {
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.c.errorf(t.field(key), "must be a string, not %s", typeName(v))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		t.c.errorf(t.field(key), "must not be empty")
	}
	// Notes are Markdown too: bound their nesting as load bounds bodies'.
	if depth, _ := load.Nesting(s); depth > load.MaxNesting {
		t.c.errorf(t.field(key), "lists or block quotes nested %d levels deep; at most %d are allowed", depth, load.MaxNesting)
		return ""
	}
	return s
}

// boolean returns a true/false value; absent means false.
func (t table) flag(key string) model.Flag {
	v, ok := t.get(key)
	if !ok {
		return model.NotReported
	}
	b, ok := v.(bool)
	if !ok {
		t.c.errorf(t.field(key), "must be true or false, not %s", typeName(v))
		return model.NotReported
	}
	return model.FlagOf(b)
}

// count returns a whole number of zero or more, such as a survey figure.
// It reports a float, a negative number or a quoted number ("1,158") with
// what to write instead, and returns false then or when the key is absent.
func (t table) count(key string, required bool) (int, bool) {
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return 0, false
	}
	switch n := v.(type) {
	case int64:
		if n < 0 {
			t.c.errorf(t.field(key), "must not be negative, not %d", n)
			return 0, false
		}
		if n > 1<<31-1 {
			t.c.errorf(t.field(key), "%d is too large for a count", n)
			return 0, false
		}
		return int(n), true
	case string:
		t.c.errorf(t.field(key), "must be a whole number without quotes or commas like 1158, not a string")
	default:
		t.c.errorf(t.field(key), "must be a whole number like 1158, not %s", typeName(v))
	}
	return 0, false
}

// date returns a TOML local date. Strings and date-times are refused with a
// message saying what to write instead.
func (t table) date(key string, required bool) model.Date {
	v, ok := t.get(key)
	if !ok {
		if required {
			t.missing(key)
		}
		return model.Date{}
	}
	d, problem := toDate(v)
	if problem != "" {
		t.c.errorf(t.field(key), "must be a TOML date like 2021-03-19, not %s", problem)
	}
	return d
}

// toDate converts a decoded TOML value to a Date, or says what it is
// instead.
func toDate(v any) (model.Date, string) {
	tm, ok := v.(time.Time)
	if !ok {
		return model.Date{}, typeName(v)
	}
	switch tm.Location().String() {
	case "date-local":
		return model.DateOf(tm.Year(), tm.Month(), tm.Day()), ""
	case "datetime-local":
		return model.Date{}, "a date and time (leave out the time)"
	case "time-local":
		return model.Date{}, "a time of day"
	}
	return model.Date{}, "a date and time with an offset (leave out the time and zone)"
}

// enum returns a value of an enum table, reporting an unknown value with
// the closest allowed one or, failing that, the whole list.
func enum[T ~string](t table, key string, values []T, required bool) T {
	s := t.str(key, required)
	if s == "" {
		return ""
	}
	// The table's own string, not the document's: every record's values
	// then share a few strings, which the stages after comparing and
	// looking them up 140,000 times at 20,000 agencies find in the cache
	// rather than each in its own corner of the loaded text.
	if i := slices.Index(values, T(s)); i >= 0 {
		return values[i]
	}
	opts := model.Strings(values)
	if hint := diag.DidYouMean(s, opts); hint != "" {
		t.c.errorf(t.field(key), "unknown value %q%s", s, hint)
	} else {
		t.c.errorf(t.field(key), "unknown value %q; must be one of %s", s, strings.Join(opts, ", "))
	}
	return ""
}

// tables returns the entries of an array of tables ([[key]] sections, or
// an inline array of inline tables).
func (t table) tables(key string) []table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	var entries []*load.Table
	switch x := v.(type) {
	case []*load.Table:
		entries = x
	case []any:
		for i, e := range x {
			m, ok := e.(*load.Table)
			if !ok {
				t.c.errorf(t.field(key)+"["+strconv.Itoa(i+1)+"]", "must be a table, not %s; write each entry as a [[%s]] section", typeName(e), t.field(key))
				continue
			}
			entries = append(entries, m)
		}
	default:
		t.c.errorf(t.field(key), "must be a list of [[%s]] sections, not %s", key, typeName(v))
		return nil
	}
	out := make([]table, len(entries))
	prefix := t.field(key)
	for i, m := range entries {
		out[i] = table{c: t.c, prefix: prefix, index: i + 1, m: m}
	}
	return out
}

// strings returns an array of strings, reporting each element of another
// type, with the indexes (from 0) of the elements kept.
func (t table) strings(key string) ([]string, []int) {
	v, ok := t.get(key)
	if !ok {
		return nil, nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.c.errorf(t.field(key), "must be an array of strings like [\"a\", \"b\"], not %s", typeName(v))
		return nil, nil
	}
	var out []string
	var idx []int
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.c.errorf(fmt.Sprintf("%s[%d]", t.field(key), i+1), "must be a string, not %s", typeName(e))
			continue
		}
		out = append(out, s)
		idx = append(idx, i)
	}
	return out, idx
}

// typeName names the TOML type of a decoded value, with its article, for
// messages such as "must be a string, not an integer".
func typeName(v any) string {
	switch x := v.(type) {
	case string:
		return "a string"
	case int64, int:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "a date"
		case "datetime-local":
			return "a date and time"
		case "time-local":
			return "a time of day"
		}
		return "a date and time with an offset"
	case []*load.Table:
		return "a list of tables"
	case []any:
		return "an array"
	case *load.Table:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}
