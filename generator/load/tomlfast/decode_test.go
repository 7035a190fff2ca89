package tomlfast

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/BurntSushi/toml"
)

// slow decodes text with BurntSushi, as load did before this package.
func slow(text string) (map[string]any, error) {
	var v any
	if _, err := toml.Decode(text, &v); err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	return m, nil
}

// same reports where a (from Decode) and b (from BurntSushi) differ, or ""
// when they are the same value: with Decode's Tables taken for maps (see
// plain), the same Go types all the way down, floats the same bit for bit
// (so NaN and -0 count), and times the same instant, wall clock and
// location, where BurntSushi's local zones must be the very same
// *time.Location.
func same(a *Table, b any) string {
	m, dup := plain(a)
	if dup != "" {
		return dup
	}
	return diff("", m, b)
}

// plain turns a value from Decode into the one BurntSushi gives, its
// Tables into maps, or says where a Table holds a key twice. A nil Table
// is a nil map.
func plain(v any) (any, string) {
	switch x := v.(type) {
	case *Table:
		if x == nil {
			return map[string]any(nil), ""
		}
		m := make(map[string]any, len(x.Fields))
		for _, f := range x.Fields {
			if _, twice := m[f.Key]; twice {
				return nil, fmt.Sprintf("key %q held twice", f.Key)
			}
			v, dup := plain(f.Value)
			if dup != "" {
				return nil, f.Key + ": " + dup
			}
			m[f.Key] = v
		}
		return m, ""
	case []*Table:
		out := make([]map[string]any, len(x))
		for i, t := range x {
			m, dup := plain(t)
			if dup != "" {
				return nil, dup
			}
			out[i] = m.(map[string]any)
		}
		return out, ""
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			v, dup := plain(e)
			if dup != "" {
				return nil, dup
			}
			out[i] = v
		}
		return out, ""
	}
	return v, ""
}

// TestFromMap: a Table made from BurntSushi's value is that value again.
func TestFromMap(t *testing.T) {
	for _, c := range handled {
		want, err := slow(c.text)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d := same(FromMap(want), want); d != "" {
			t.Errorf("%s: FromMap differs at %s", c.name, d)
		}
	}
}

// TestTableGet: Get finds each key, and nothing in a nil Table.
func TestTableGet(t *testing.T) {
	tab := &Table{Fields: []Field{{"a", int64(1)}, {"b", "two"}}}
	tests := []struct {
		t    *Table
		key  string
		want any
		ok   bool
	}{
		{tab, "a", int64(1), true},
		{tab, "b", "two", true},
		{tab, "c", nil, false},
		{nil, "a", nil, false},
	}
	for _, tt := range tests {
		if got, ok := tt.t.Get(tt.key); got != tt.want || ok != tt.ok {
			t.Errorf("Get(%q) = %v, %v; want %v, %v", tt.key, got, ok, tt.want, tt.ok)
		}
	}
}

func diff(path string, a, b any) string {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return fmt.Sprintf("%s: %T %#v, want %T %#v", path, a, a, b, b)
	}
	switch a := a.(type) {
	case map[string]any:
		b := b.(map[string]any)
		if (a == nil) != (b == nil) || len(a) != len(b) {
			return fmt.Sprintf("%s: %d keys %v, want %d %v", path, len(a), a, len(b), b)
		}
		for k, v := range a {
			w, ok := b[k]
			if !ok {
				return fmt.Sprintf("%s: extra key %q", path, k)
			}
			if d := diff(path+"."+k, v, w); d != "" {
				return d
			}
		}
	case []map[string]any:
		b := b.([]map[string]any)
		if (a == nil) != (b == nil) || len(a) != len(b) {
			return fmt.Sprintf("%s: %d tables, want %d", path, len(a), len(b))
		}
		for i := range a {
			if d := diff(fmt.Sprintf("%s[%d]", path, i), a[i], b[i]); d != "" {
				return d
			}
		}
	case []any:
		b := b.([]any)
		if (a == nil) != (b == nil) || len(a) != len(b) {
			return fmt.Sprintf("%s: %d elements %v, want %d %v", path, len(a), a, len(b), b)
		}
		for i := range a {
			if d := diff(fmt.Sprintf("%s[%d]", path, i), a[i], b[i]); d != "" {
				return d
			}
		}
	case float64:
		if math.Float64bits(a) != math.Float64bits(b.(float64)) {
			return fmt.Sprintf("%s: %v (%#x), want %v (%#x)", path, a, math.Float64bits(a), b, math.Float64bits(b.(float64)))
		}
	case time.Time:
		b := b.(time.Time)
		z := localZones()
		local := func(l *time.Location) bool { return l == z.datetime || l == z.date || l == z.time }
		if !reflect.DeepEqual(a, b) || (local(a.Location()) || local(b.Location())) && a.Location() != b.Location() {
			return fmt.Sprintf("%s: %v (%p), want %v (%p)", path, a, a.Location(), b, b.Location())
		}
	default:
		if a != b {
			return fmt.Sprintf("%s: %#v, want %#v", path, a, b)
		}
	}
	return ""
}

// check decodes text both ways: when Decode handles it, BurntSushi must
// accept it and give the same value. It returns whether Decode handled it.
func check(t *testing.T, text string) bool {
	t.Helper()
	got, ok := Decode(text)
	want, err := slow(text)
	if !ok {
		if got != nil {
			t.Errorf("Decode(%q) declined but returned %v", text, got)
		}
		return false
	}
	if err != nil {
		t.Errorf("Decode(%q) accepted what BurntSushi rejects: %v", text, err)
		return true
	}
	if d := same(got, want); d != "" {
		t.Errorf("Decode(%q) differs from BurntSushi at %s", text, d)
	}
	return true
}

// handled are documents Decode must handle, each compared with BurntSushi.
var handled = []struct{ name, text string }{
	// Documents and comments.
	{"empty", ""},
	{"blank lines", "\n\n  \t\n"},
	{"comment only", "# a comment\n"},
	{"comment without newline", "# a comment"},
	{"comment with tab and unicode", "#\tコメント ✓\na = 1 # trailing\n"},
	{"no final newline", "a = 1"},
	{"indented", "  a = 1\n\t[t]\n  b = 2\n"},

	// Keys.
	{"bare keys", "a = 1\nB_c-9 = 2\n1234 = 3\n-_- = 4\n"},
	{"keys that look like values", "true = 1\nfalse = 2\ninf = 3\nnan = 4\n"},
	{"quoted keys", "\"a b\" = 1\n'c.d' = 2\n\"é\" = 4\n"},
	{"escaped key", "\"a\\u0041\\t\" = 1\n"},
	{"dotted keys", "a.b.c = 1\na.b.d = 2\na.e = 3\n"},
	{"dotted keys with blanks", "a . b\t.\t\"c\" = 1\n"},
	{"quoted dotted key", "'a'.\"b.c\" = 1\n"},
	{"no blanks around =", "a=1\n"},
	{"numeric dotted key", "1.2 = 3\n"},

	// Strings.
	{"basic", `s = "hello, 世界"`},
	{"basic with tab", "s = \"a\tb\""},
	{"empty strings", "a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''\n"},
	{"every escape", `s = "\b\t\n\f\r\e\"\\ \x41\xe9\u00e9\U0001F600 \u0000\x00"`},
	{"escape at start and end", `s = "\"x\""`},
	{"literal", `s = 'C:\path\no escape "here"'`},
	{"multi-line basic", "s = \"\"\"\nline one\nline two\n\"\"\"\n"},
	{"multi-line without first newline", "s = \"\"\"a\nb\"\"\""},
	{"multi-line with quotes", "s = \"\"\"a \"quoted\" \"\" b\"\"\"\n"},
	{"multi-line ending in quotes", "a = \"\"\"x\"\"\"\"\nb = \"\"\"y\"\"\"\"\"\nc = '''z''''\nd = '''w'''''\n"},
	{"multi-line escaped quotes", "s = \"\"\"\\\"\"\"\"\nt = \"\"\"a\\\"\"\"\"\"\"\n"},
	{"line-ending backslash", "s = \"\"\"\nThe quick \\\n\n   brown \\   \n\tfox.\\\n\"\"\"\n"},
	{"escaped backslash before newline", "s = \"\"\"a\\\\\nb\"\"\"\n"},
	{"multi-line escapes", "s = \"\"\"\\t\\u00e9\\\\\\\"\"\"\"\n"},
	{"multi-line literal", "s = '''\nfirst\n  second \\n '' '\n'''\n"},
	{"multi-line literal tab", "s = '''a\tb'''"},
	{"string then comment", "s = \"a\" # c\nt = 'b'# c\n"},
	{"hash in string", "s = \"# not a comment\"\n"},

	// Integers.
	{"integers", "a = 0\nb = +0\nc = -0\nd = 42\ne = -17\nf = +99\ng = 1_000\nh = 5_349_221\n"},
	{"integer limits", "a = 9223372036854775807\nb = -9223372036854775808\n"},
	{"hex oct bin", "a = 0xDEADbeef\nb = 0xdead_beef\nc = 0o755\nd = 0o7_5_5\ne = 0b1101\nf = 0b1_0\ng = 0x0\nh = 0x00ff\ni = 0x7fffffffffffffff\n"},

	// Floats.
	{"floats", "a = 1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34\nh = 224_617.445_991_228\ni = 0.0\nj = -0.0\nk = +0.0\nl = 0e0\nm = 1e1_0\n"},
	{"special floats", "a = inf\nb = +inf\nc = -inf\nd = nan\ne = +nan\nf = -nan\n"},
	{"float extremes", "a = 1.7976931348623157e308\nb = 5e-324\nc = 1e-400\n"},

	// Booleans.
	{"booleans", "t = true\nf = false\n"},

	// Dates and times.
	{"local date", "d = 1979-05-27\n"},
	{"leap day", "d = 2024-02-29\ne = 2000-02-29\nf = 0000-02-29\n"},
	{"local date-time", "a = 1979-05-27T07:32:00\nb = 1979-05-27T00:32:00.999999\nc = 1979-05-27 07:32:00\nd = 1979-05-27t07:32:00\n"},
	{"local time", "a = 07:32:00\nb = 00:32:00.999999999\nc = 23:59:59.1\n"},
	{"without seconds", "a = 07:32\nb = 1979-05-27T07:32\nc = 1979-05-27T07:32Z\nd = 1979-05-27 07:32-07:00\n"},
	{"offset date-time", "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999+09:00\nd = 1979-05-27 07:32:00z\ne = 1979-05-27T07:32:00+00:00\nf = 1979-05-27T07:32:00-00:00\n"},
	{"date then comment", "d = 1979-05-27 # when\ne = 1979-05-27 \n"},
	{"dates in an array", "a = [1979-05-27, 1979-05-27 , 07:32:00,1979-05-27T07:32:00Z]\n"},

	// Arrays.
	{"arrays", "a = [1, 2, 3]\nb = [\"a\", 'b']\nc = []\nd = [ ]\n"},
	{"nested and mixed arrays", "a = [[1, 2], [\"a\", [true]], [], 1.5, {x = 1}]\n"},
	{"multi-line array", "a = [\n  1, # one\n  2,\n  # nothing\n  3,\n]\nb = [\n]\n"},
	{"array trailing comma", "a = [1,]\n"},
	{"array of inline tables", "a = [{x = 1}, {x = 2, y = [3]}]\n"},
	{"array of arrays of inline tables", "a = [[{b = 1}], [{b = 2}], {c = 3}]\n"},

	// Inline tables.
	{"inline tables", "a = {}\nb = {x = 1}\nc = {x = 1, y = \"two\", z = [3]}\nd = { x = { y = { z = 1 } } }\n"},
	{"inline dotted keys", "a = {b.c = 1, b.d = 2, e = 3}\n"},
	{"inline table over lines", "a = {\n  x = 1, # one\n  y = 2,\n}\n"},
	{"inline trailing comma", "a = {x = 1,}\nb = {x = 1 , }\n"},
	{"inline in inline in array", "a = [{b = [{c = 1}, {c = 2}]}, {b = [{c = 3}]}]\n"},

	// Tables.
	{"tables", "[a]\nx = 1\n[b]\ny = 2\n"},
	{"nested tables", "[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n[d . e]\n"},
	{"quoted table names", "[\"a b\".'c']\nx = 1\n[ \"d\" ]\n"},
	{"empty tables", "[a]\n[b]\n[c.d]\n"},
	{"header then comment", "[a] # a table\n[[b]] # an array\n"},
	{"dotted keys inside a table", "[a]\nb.c = 1\nb.d = 2\n[x.y]\nz.w = 1\n"},
	{"sub-table under dotted", "[fruit]\napple.color = \"red\"\n[fruit.banana]\nx = 1\n"},

	// Arrays of tables.
	{"arrays of tables", "[[a]]\nx = 1\n[[a]]\nx = 2\n[[a]]\n"},
	{"nested arrays of tables", "[[a]]\nn = 1\n[[a.b]]\nm = 1\n[[a.b]]\nm = 2\n[[a]]\nn = 2\n[[a.b]]\nm = 3\n"},
	{"tables under arrays of tables", "[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n[a.c.d]\n"},
	{"array of tables under a table", "[t]\nx = 1\n[[t.a]]\ny = 1\n[[t.a]]\ny = 2\n"},
	{"implicit then array of tables", "[[a.b]]\nx = 1\n[a]\ny = 2\n"},
	{"same array key in entries", "[[a]]\nb = [1]\n[[a]]\nb = [2]\n"},
	{"record", `name = "Osaka City"
name_ja = "大阪市"
level = "municipality"
prefecture = "osaka"
code = "271004"
updated = 2021-03-19

[[services]]
name = "Bullying consultation"
name_ja = "いじめ相談"
category = "consultation"
status = "suspended"
since = 2021-03-19
personal_data = true
sensitive = true
note = """
A note over
two lines."""

  [[services.history]]
  date = 2020-08-01
  status = "active"

[[sources]]
title = "Japan gov't to review \"state\" use"
publisher = "The Mainichi"
kind = "news"
date = 2021-03-19
url = "https://mainichi.jp/english/articles/20210319/p2g/00m/0na/077000c"
agencies = ["osaka-city", "mic"]
`},
}

func TestDecodeHandles(t *testing.T) {
	for _, c := range handled {
		t.Run(c.name, func(t *testing.T) {
			if !check(t, c.text) {
				_, err := slow(c.text)
				t.Errorf("Decode(%q) declined (BurntSushi: %v)", c.text, err)
			}
		})
	}
}

// rejected are documents BurntSushi rejects; Decode must decline each.
var rejected = []struct{ name, text string }{
	// Bytes.
	{"invalid UTF-8", "a = \"\xff\"\n"},
	{"invalid UTF-8 in comment", "# \xc3\n"},
	{"invalid UTF-8 in escaped string", "a = \"\\n\xe3\x81\"\n"},
	{"invalid UTF-8 in literal", "a = '\xe3\x81'\n"},
	{"invalid UTF-8 in multi-line", "a = \"\"\"\xed\xa0\x80\"\"\"\n"},
	{"invalid UTF-8 in escaped multi-line", "a = \"\"\"\\t\xff\"\"\"\n"},
	{"invalid UTF-8 in multi-line literal", "a = '''\xc0\xaf'''\n"},
	{"invalid UTF-8 in quoted key", "\"\xff\" = 1\n"},
	{"invalid UTF-8 in table name", "['\xff']\n"},
	{"invalid UTF-8 as a value", "a = \xff\n"},
	{"NUL", "a = 1\x00\n"},
	{"control in string", "a = \"\x01\"\n"},
	{"DEL in string", "a = \"\x7f\"\n"},
	{"control in comment", "# \x07\n"},
	{"control in literal", "a = '\x1b'\n"},
	{"control in multi-line", "a = \"\"\"\x0b\"\"\"\n"},
	{"lone carriage return", "a = 1\r"},

	// Keys.
	{"no key", "= 1\n"},
	{"no value", "a =\n"},
	{"no equals", "a 1\n"},
	{"newline before equals", "a\n= 1\n"},
	{"newline after equals", "a =\n1\n"},
	{"empty dotted part", "a..b = 1\n"},
	{"leading dot", ".a = 1\n"},
	{"trailing dot", "a. = 1\n"},
	{"multi-line key", "\"\"\"a\"\"\" = 1\n"},
	{"bad character in key", "a/b = 1\n"},
	{"two on a line", "a = 1 b = 2\n"},
	{"duplicate key", "a = 1\na = 2\n"},
	{"duplicate quoted key", "a = 1\n\"a\" = 2\n"},
	{"duplicate through escape", "a = 1\n\"\\u0061\" = 2\n"},
	{"dotted over value", "a = 1\na.b = 2\n"},

	// Strings.
	{"unclosed string", "a = \"abc\n"},
	{"unclosed literal", "a = 'abc\n"},
	{"unclosed multi-line", "a = \"\"\"abc\n"},
	{"six quotes", "a = \"\"\"x\"\"\"\"\"\"\n"},
	{"six single quotes", "a = '''x''''''\n"},
	{"bad escape", `a = "\q"`},
	{"escaped space", `a = "\ "`},
	{"escaped space in multi-line", "a = \"\"\"\\ x\"\"\"\n"},
	{"short unicode escape", `a = "\u00e"`},
	{"surrogate escape", `a = "\ud800"`},
	{"escape too large", `a = "\U00110000"`},
	{"escape negative", `a = "\UFFFFFFFF"`},
	{"short hex escape", `a = "\x4"`},
	{"string then text", "a = \"x\"y\n"},

	// Numbers.
	{"leading zero", "a = 01\n"},
	{"leading zero negative", "a = -01\n"},
	{"leading zero float", "a = 01.5\n"},
	{"double underscore", "a = 1__0\n"},
	{"trailing underscore", "a = 1_\n"},
	{"leading underscore", "a = _1\n"},
	{"underscore after prefix", "a = 0x_1\n"},
	{"signed hex", "a = +0x1\n"},
	{"upper-case prefix", "a = 0X1\n"},
	{"too big", "a = 9223372036854775808\n"},
	{"too small", "a = -9223372036854775809\n"},
	{"hex too big", "a = 0x8000000000000000\n"},
	{"bad octal", "a = 0o8\n"},
	{"empty fraction", "a = 1.\n"},
	{"no integer part", "a = .5\n"},
	{"dot before exponent", "a = 1.e5\n"},
	{"empty exponent", "a = 1e\n"},
	{"float overflow", "a = 1e400\n"},
	{"infinity", "a = infinity\n"},
	{"upper-case inf", "a = Inf\n"},
	{"number then text", "a = 1x\n"},
	{"two signs", "a = +-1\n"},

	// Booleans and words.
	{"upper-case true", "a = True\n"},
	{"bare word", "a = yes\n"},
	{"true then text", "a = truex\n"},

	// Dates and times.
	{"bad month", "a = 1979-13-01\n"},
	{"bad day", "a = 1979-02-29\n"},
	{"day zero", "a = 1979-01-00\n"},
	{"bad hour", "a = 24:00:00\n"},
	{"bad minute", "a = 07:60:00\n"},
	{"leap second", "a = 23:59:60\n"},
	{"one-digit hour", "a = 7:32:00\n"},
	{"short year", "a = 979-05-27\n"},
	{"date then letter", "a = 1979-05-27Z\n"},
	{"date then two spaces and time", "a = 1979-05-27  07:32:00\n"},
	{"date then space and text", "a = 1979-05-27 x\n"},
	{"time with offset", "a = 07:32:00Z\n"},
	{"empty fraction in time", "a = 07:32:00.\n"},
	{"bad offset", "a = 1979-05-27T07:32:00+7:00\n"},
	{"date then T only", "a = 1979-05-27T\n"},

	// Arrays and inline tables.
	{"unclosed array", "a = [1, 2\n"},
	{"leading comma", "a = [,1]\n"},
	{"only comma", "a = [,]\n"},
	{"double comma", "a = [1,,2]\n"},
	{"missing comma", "a = [1 2]\n"},
	{"unclosed inline", "a = {x = 1\n"},
	{"inline leading comma", "a = {, x = 1}\n"},
	{"inline double comma", "a = {x = 1,, y = 2}\n"},
	{"inline duplicate", "a = {x = 1, x = 2}\n"},
	{"inline newline in pair", "a = {x\n= 1}\n"},

	// Tables.
	{"empty header", "[]\n"},
	{"unclosed header", "[a\n"},
	{"header then text", "[a] x = 1\n"},
	{"spaced brackets", "[ [a] ]\n"},
	{"unclosed array header", "[[a]\n"},
	{"duplicate table", "[a]\n[a]\n"},
	{"duplicate implicit made explicit twice", "[a.b]\n[a]\n[a]\n"},
	{"table over value", "a = 1\n[a]\n"},
	{"table under value", "a = 1\n[a.b]\n"},
	{"table over inline", "a = {}\n[a]\n"},
	{"table over array", "a = []\n[a]\n"},
	{"table over array of tables", "[[a]]\n[a]\n"},
	{"array of tables over table", "[a]\n[[a]]\n"},
	{"array of tables over array", "a = [{}]\n[[a]]\n"},
	{"array of tables over implicit", "[a.b]\n[[a]]\n"},
	{"key over table", "[a.b]\n[a]\nb = 1\n"},
	{"table over dotted", "a.b = 1\na.c = 2\n[a]\n"},
}

func TestDecodeDeclinesErrors(t *testing.T) {
	for _, c := range rejected {
		t.Run(c.name, func(t *testing.T) {
			if _, err := slow(c.text); err == nil {
				t.Fatalf("BurntSushi accepts %q; the case belongs elsewhere", c.text)
			}
			if m, ok := Decode(c.text); ok || m != nil {
				t.Errorf("Decode(%q) = %v, %v; want it declined", c.text, m, ok)
			}
		})
	}
}

// declined are documents BurntSushi accepts that Decode leaves to it on
// purpose: BurntSushi accepts what TOML forbids, or gives a value other
// than the specification's (following it would mean copying its bugs),
// or they are too rare to be worth the code. Each is still compared, in case Decode
// starts handling it.
var declined = []struct{ name, text string }{
	{"byte order mark", "\uFEFFa = 1\n"},
	{"carriage return line ends", "a = 1\r\nb = 2\r\n"},
	// BurntSushi files the type of a value under the key "" at its
	// parent's path, and so keeps this array as []map[string]any.
	{"empty key", "\"\" = [{}]\n"},
	{"empty key in a table name", "[\"\"]\n"},
	{"fraction beyond nanoseconds", "a = 07:32:00.1234567891\n"},
	{"sub-table through dotted", "[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true\n"},
	// BurntSushi remembers that a.b held an array in the first entry
	// and, when the second re-opens a.b as a table, replaces it with an
	// empty one: its value for this document lacks b.c.
	// TOML forbids these, but BurntSushi accepts them.
	{"dotted over inline", "a = {b = 1}\na.c = 2\n"},
	{"value over dotted", "a.b = 1\na = 2\n"},
	{"dotted over table", "[a.b]\n[a]\nb.c = 1\n"},
	{"inline dotted over inline", "a = {b = {c = 1}, b.d = 2}\n"},
	{"inline dotted over value", "a = {b.c = 1, b = 2}\n"},
	{"table under inline", "a = {}\n[a.b]\n"},
	{"sub-table of dotted in other table", "[a]\nb.c = 1\n[a.b]\n"},
	{"array in one entry, table in the next", "[[a]]\nb = [1]\n[[a]]\nb.c = 1\nb.d = 2\n"},
	{"array in one entry, header in the next", "[[t]]\nx = [1]\n[[t]]\n[t.x.y]\n[t.x]\n"},
	{"array in one inline element, table in the next", "a = [{b = [1]}, {b.c = 1, b.d = 2}]\n"},
}

func TestDecodeDeclinesOnPurpose(t *testing.T) {
	for _, c := range declined {
		t.Run(c.name, func(t *testing.T) {
			if check(t, c.text) {
				t.Errorf("Decode(%q) handled a document it should leave to BurntSushi", c.text)
			}
		})
	}
}

// TestDeepNesting checks that nesting beyond MaxDepth is declined, not
// followed down the stack, and that nesting within it is handled.
func TestDeepNesting(t *testing.T) {
	for _, c := range []struct {
		depth  int
		handle bool
	}{{1, true}, {MaxDepth, true}, {MaxDepth + 1, false}, {2000, false}} {
		arrays := "a = " + strings.Repeat("[", c.depth) + strings.Repeat("]", c.depth) + "\n"
		tables := "a = " + strings.Repeat("{b = ", c.depth-1) + "{}" + strings.Repeat("}", c.depth-1) + "\n"
		for _, text := range []string{arrays, tables} {
			if got := check(t, text); got != c.handle {
				t.Errorf("depth %d: handled %v, want %v", c.depth, got, c.handle)
			}
		}
	}
}

// TestManyKeys checks that a table of up to maxFields keys is handled,
// whether they are written as keys, as headers or inside an inline table
// (so that the fields outgrow the block sized for them, see add), and
// that one more is declined.
func TestManyKeys(t *testing.T) {
	for _, c := range []struct {
		n      int
		handle bool
	}{{1, true}, {maxFields, true}, {maxFields + 1, false}} {
		var keys, headers, inline strings.Builder
		inline.WriteString("t = {")
		for i := range c.n {
			fmt.Fprintf(&keys, "k%d = %d\n", i, i)
			fmt.Fprintf(&headers, "[a.k%d]\n", i)
			fmt.Fprintf(&inline, "k%d.x = %d, ", i, i)
		}
		inline.WriteString("}\n")
		for _, text := range []string{keys.String(), headers.String(), inline.String()} {
			if got := check(t, text); got != c.handle {
				t.Errorf("%d keys: handled %v, want %v", c.n, got, c.handle)
			}
		}
	}
}

// TestLocalZones checks that local values carry BurntSushi's own zones,
// distinct for each kind.
func TestLocalZones(t *testing.T) {
	z := localZones()
	if z.datetime == nil || z.date == z.datetime || z.time == z.date || z.time == z.datetime {
		t.Fatalf("zones %+v", z)
	}
	m, ok := Decode("dt = 2001-02-03T04:05:06\nd = 2001-02-03\nt = 04:05:06\n")
	if !ok {
		t.Fatal("declined")
	}
	for key, want := range map[string]*time.Location{"dt": z.datetime, "d": z.date, "t": z.time} {
		v, _ := m.Get(key)
		if got := v.(time.Time).Location(); got != want {
			t.Errorf("%s: location %p %v, want %p %v", key, got, got, want, want)
		}
	}
}

// TestStringsShareText checks that a string without escapes is a slice of
// the document rather than a copy: the allocation Decode saves.
func TestStringsShareText(t *testing.T) {
	text := "a = \"plain text\"\nb = 'literal'\n"
	m, ok := Decode(text)
	if !ok {
		t.Fatal("declined")
	}
	for _, k := range []string{"a", "b"} {
		v, _ := m.Get(k)
		s := v.(string)
		if !within(text, s) {
			t.Errorf("%s = %q is a copy", k, s)
		}
	}
}

// within reports whether s lies in text's memory.
func within(text, s string) bool {
	start := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return len(s) > 0 && p >= start && p+uintptr(len(s)) <= start+uintptr(len(text))
}
