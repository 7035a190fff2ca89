// Package tomlfast decodes TOML documents into exactly the value that
// github.com/BurntSushi/toml's toml.Decode(text, &v) stores in a v of type
// any, several times faster and with a fraction of the allocations. It
// exists because loading records was most of a cold build's time, and
// nearly all of that was BurntSushi's lexer handing every token over a
// channel.
//
// # What it gives
//
// Tables are *Table, arrays of tables []*Table, other arrays []any
// (never nil), integers int64, floats float64, booleans bool,
// strings string, and dates and times time.Time: an offset date-time as
// time.ParseInLocation(time.RFC3339Nano, …, time.Local) gives it, and a
// local date-time, local date or local time in the very time.Location
// values BurntSushi uses for them (taken from BurntSushi itself, by
// decoding a tiny document once, so the two can never drift apart). A
// string without escapes shares the document's memory. A Table holds what
// BurntSushi's map[string]any holds (FromMap turns one into the other),
// as a list: see Table for why.
//
// # What it declines
//
// Decode never reports an error. When a document is invalid, or valid but
// written with something this decoder leaves alone, it returns ok false,
// "not handled", and the caller decodes the document with BurntSushi,
// whose error messages editors see. The rule is one-sided: Decode may
// decline a valid document, but it never accepts one that BurntSushi
// rejects, and never gives a value that differs from BurntSushi's. So it
// follows the TOML specification strictly, and besides every error it
// declines: a carriage return anywhere, a byte order mark at the start,
// the empty key "" (BurntSushi files its type under the parent's path),
// fractional seconds of more than nine digits, a [header] naming a table
// that dotted keys made or passing through one, and a document in which
// one key path holds an array in one entry of an array of tables and a
// table made by a header or dotted keys in another (BurntSushi tracks
// types by key path across entries, and would drop keys there). Values
// nested more than MaxDepth arrays or inline tables deep are declined
// too, so that no input can exhaust the stack, and so is a table of more
// than 256 keys, so that none makes finding a key slow.
package tomlfast

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxDepth is the deepest nesting of arrays and inline tables Decode
// handles; deeper values are left to BurntSushi. Records nest two deep at
// most.
const MaxDepth = 64

// Decode parses text as a TOML document. When it handles the document it
// returns the root table, the value toml.Decode(text, &v) would store in v
// (as a Table), and true. Otherwise it returns nil and false, and the
// caller should decode text with BurntSushi, which also says what is
// wrong with it.
func Decode(text string) (*Table, bool) {
	z := localZones()
	if z.date == nil {
		return nil, false
	}
	p := parser{s: text, z: z}
	return p.document()
}

// Table is a decoded TOML table: its keys, each once, with their values,
// in the order the document defines them. A record's tables hold two to
// a dozen keys, which a list finds as fast as a map does. Maps cost 336
// bytes each at least (a Go map's smallest) and a hash per key stored,
// half of decoding's CPU in a cold build's profile; as lists, with every
// field of a document in one block (see add), decoding the 2,000-agency
// corpus allocates 11.4 MB in 140,000 allocations instead of 16.3 MB in
// 203,000.
type Table struct {
	Fields []Field
}

// Field is one key of a Table and its value.
type Field struct {
	Key   string
	Value any
}

// Get returns the value of key, and false when t (which may be nil) does
// not hold it.
func (t *Table) Get(key string) (any, bool) {
	if t == nil {
		return nil, false
	}
	for i := range t.Fields {
		if t.Fields[i].Key == key {
			return t.Fields[i].Value, true
		}
	}
	return nil, false
}

// FromMap turns a table as BurntSushi decodes it into a Table, every
// table and array below it too, its keys sorted.
func FromMap(m map[string]any) *Table {
	t := &Table{Fields: make([]Field, 0, len(m))}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		t.Fields = append(t.Fields, Field{k, fromValue(m[k])})
	}
	return t
}

func fromValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return FromMap(x)
	case []map[string]any:
		out := make([]*Table, len(x))
		for i, m := range x {
			out[i] = FromMap(m)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = fromValue(e)
		}
		return out
	}
	return v
}

// maxFields is the most keys Decode puts in one table; a document with
// more in one is left to BurntSushi. Finding a key defined twice walks
// the table, so this keeps that walk short whatever the input.
const maxFields = 256

// maxBlock is the most fields the parser allocates room for at once (see
// add): 16 KiB, a few hundred keys, more than any record has.
const maxBlock = 512

// zones are the time.Locations BurntSushi gives local date-times, local
// dates and local times. They are package-internal values of BurntSushi
// (internal.LocalDatetime and its siblings), so they are taken from the
// values it decodes rather than rebuilt here.
type zones struct {
	datetime, date, time *time.Location
}

// localZones decodes one document of each local kind with BurntSushi, once.
// When that fails, which it cannot with any BurntSushi this was written
// against, the zones are nil and Decode declines everything.
var localZones = sync.OnceValue(func() zones {
	var v map[string]any
	if _, err := toml.Decode("dt = 2000-01-02T03:04:05\nd = 2000-01-02\nt = 03:04:05\n", &v); err != nil {
		return zones{}
	}
	loc := func(key string) *time.Location {
		if t, ok := v[key].(time.Time); ok {
			return t.Location()
		}
		return nil
	}
	z := zones{datetime: loc("dt"), date: loc("d"), time: loc("t")}
	if z.datetime == nil || z.date == nil || z.time == nil {
		return zones{}
	}
	return z
})

// kind says how a table came to be, which decides what may still add to
// it: the TOML rules on defining a table twice.
type kind uint8

const (
	// implicit: made as a prefix of a [header] path ("a" of [a.b]); one
	// later [a] header may still define it.
	implicit kind = iota
	// explicit: the root, or defined by a [header]. Only keys of its own
	// section, and headers below it, add to it.
	explicit
	// element: the latest entry of an array of tables; a [[header]] of
	// the same path adds another.
	element
	// dotted: made by a dotted key ("a" of a.b = 1). More dotted keys of
	// the same section may add to it; headers may not.
	dotted
	// inline: an inline table being parsed. Once parsed it is a plain
	// value, and nothing adds to it.
	inline
)

// table is a TOML table while the document is parsed: the Table handed
// out and, for the tables below it that later headers or dotted keys may
// still reach, their own state. A Table below that is not listed in sub
// is an inline table or a value, and is never added to.
type table struct {
	t    Table
	kind kind
	sub  *entry
}

// entry is one reachable table below another (for an array of tables,
// its latest element), in a list of them.
type entry struct {
	key  string
	t    *table
	next *entry

	// For an array of tables: its elements, and the field of the table
	// that holds it. The array goes into that field once, after the
	// document is parsed (see finish), since every store of a slice in an
	// interface allocates.
	list     []*Table
	parent   *Table
	field    int
	nextList *entry // the array of tables made before this one
}

// find returns the reachable table under key, or nil. A table has a few
// sub-tables at most, so a list beats a map.
func (t *table) find(key string) *entry {
	for e := t.sub; e != nil; e = e.next {
		if e.key == key {
			return e
		}
	}
	return nil
}

// arena is how many tables, or entries, the parser allocates at once:
// they live only while a document is parsed, and a record has about eight
// tables and fewer entries.
const arena = 8

// newTable returns an empty table. Tables are cut from blocks of the
// parser's, one allocation for many; a full block stays where it is, so
// pointers into it, the Tables handed out among them, stay good.
func (p *parser) newTable(k kind) *table {
	if len(p.tables) == cap(p.tables) {
		p.tables = make([]table, 0, arena)
	}
	p.tables = append(p.tables, table{kind: k})
	return &p.tables[len(p.tables)-1]
}

// adopt lists c as t's reachable sub-table key, sets key in t to v (c's
// Table, or nil for an array of tables, see finish) and returns the
// entry.
func (p *parser) adopt(t *table, key string, c *table, v any) *entry {
	if len(p.entries) == cap(p.entries) {
		p.entries = make([]entry, 0, arena)
	}
	p.entries = append(p.entries, entry{key: key, t: c, next: t.sub})
	t.sub = &p.entries[len(p.entries)-1]
	p.add(&t.t, key, v)
	return t.sub
}

// add appends a key, which t does not hold, to t. Fields are cut from one
// block per document (p.fields), sized from the text for all its keys:
// the table whose fields end the block grows in place, any other moves
// its fields to the block's end, the few times a table gets a key after
// another table did. So a record's fields take one allocation.
func (p *parser) add(t *Table, key string, v any) {
	n := len(t.Fields)
	if n < cap(t.Fields) {
		t.Fields = append(t.Fields, Field{key, v})
		return
	}
	used := len(p.fields)
	if p.last != t || used == cap(p.fields) {
		if cap(p.fields)-used < n+1 {
			p.fields = make([]Field, 0, max(2*cap(p.fields), 2*(n+1)))
			used = 0
		}
		p.fields = append(p.fields, t.Fields...)
		p.last = t
	}
	p.fields = append(p.fields, Field{key, v})
	t.Fields = p.fields[len(p.fields)-n-1 : len(p.fields) : len(p.fields)]
}

// parser holds the state of one Decode call.
type parser struct {
	s string
	i int
	z zones

	root, cur *table
	tables    []table // the current block of tables, see newTable
	entries   []entry // the current block of entries, see adopt
	fields    []Field // the current block of fields, see add
	last      *Table  // the table whose fields end that block
	lists     *entry  // the arrays of tables, latest first, see finish
	// path is the key path, without array indices, of what is being
	// parsed: the current section's header, then the parts of the key
	// being defined, then those of keys of the inline tables inside its
	// value. Keys are parsed straight onto it.
	path []string
	// arrays holds the paths (parts joined with NUL) at which an array
	// value was defined. BurntSushi remembers a value's type by its path
	// alone, across the entries of an array of tables, and replaces a
	// table it is asked to re-open at a path it thinks holds an array;
	// Decode declines such documents (see reopen).
	arrays []string
}

// document parses the whole text.
func (p *parser) document() (*Table, bool) {
	if strings.HasPrefix(p.s, "\uFEFF") {
		return nil, false
	}
	p.path = make([]string, 0, 8)
	// Every key is written before a '=' or in a header, which holds a '['
	// for each table it may make, so this is room for all of them, up to
	// a bound that a huge document cannot make this allocation exceed.
	p.fields = make([]Field, 0, min(strings.Count(p.s, "=")+strings.Count(p.s, "["), maxBlock))
	p.root = p.newTable(explicit)
	p.cur = p.root
	for {
		p.skipBlankLines()
		if p.i >= len(p.s) {
			p.finish()
			return &p.root.t, true
		}
		var ok bool
		switch p.s[p.i] {
		case '#':
			ok = p.comment()
		case '[':
			ok = p.header() && p.lineEnd()
		default:
			ok = p.keyValue(p.cur, 0) && p.lineEnd()
		}
		if !ok {
			return nil, false
		}
	}
}

// finish stores each array of tables in the table that holds it. Until
// then the key holds nil, which is enough to count as taken.
func (p *parser) finish() {
	for e := p.lists; e != nil; e = e.nextList {
		e.parent.Fields[e.field].Value = e.list
	}
}

// skipBlanks skips spaces and tabs.
func (p *parser) skipBlanks() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// skipBlankLines skips spaces, tabs and newlines.
func (p *parser) skipBlankLines() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

// skipSpace skips spaces, tabs, newlines and comments, as allowed between
// the elements of an array or inline table; false on a bad comment.
func (p *parser) skipSpace() bool {
	for {
		p.skipBlankLines()
		if p.i >= len(p.s) || p.s[p.i] != '#' {
			return true
		}
		if !p.comment() {
			return false
		}
	}
}

// comment skips a comment from its '#' up to the newline (not included).
// Like BurntSushi, it refuses control characters other than tab in it,
// and text that is not UTF-8.
func (p *parser) comment() bool {
	start := p.i
	ascii := true
	for p.i++; p.i < len(p.s) && p.s[p.i] != '\n'; p.i++ {
		switch c := p.s[p.i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case c < 0x20 && c != '\t' || c == 0x7f:
			return false
		}
	}
	return ascii || utf8.ValidString(p.s[start:p.i])
}

// lineEnd ends a top-level line: blanks, an optional comment, then a
// newline or the end of the text.
func (p *parser) lineEnd() bool {
	p.skipBlanks()
	if p.i < len(p.s) && p.s[p.i] == '#' && !p.comment() {
		return false
	}
	if p.i >= len(p.s) {
		return true
	}
	if p.s[p.i] == '\n' {
		p.i++
		return true
	}
	return false
}

// keyParts parses a key, bare, quoted or dotted, appending its parts to
// p.path. It stops after the blanks that follow the last part.
func (p *parser) keyParts() bool {
	for {
		p.skipBlanks()
		if p.i >= len(p.s) {
			return false
		}
		var k string
		switch c := p.s[p.i]; c {
		case '"':
			if strings.HasPrefix(p.s[p.i:], `"""`) {
				return false
			}
			var ok bool
			if k, ok = p.basicString(); !ok {
				return false
			}
		case '\'':
			if strings.HasPrefix(p.s[p.i:], `'''`) {
				return false
			}
			var ok bool
			if k, ok = p.literalString(); !ok {
				return false
			}
		default:
			start := p.i
			for p.i < len(p.s) && isBare(p.s[p.i]) {
				p.i++
			}
			if p.i == start {
				return false
			}
			k = p.s[start:p.i]
		}
		if k == "" {
			// BurntSushi records a type for the key "" under its parent's
			// path, and so keeps an array of inline tables under it as
			// []map[string]any.
			return false
		}
		p.path = append(p.path, k)
		p.skipBlanks()
		if p.i >= len(p.s) || p.s[p.i] != '.' {
			return true
		}
		p.i++
	}
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// header parses a [table] or [[array.of.tables]] line up to its closing
// brackets and makes the table it names the current one.
func (p *parser) header() bool {
	p.i++
	aot := p.i < len(p.s) && p.s[p.i] == '['
	if aot {
		p.i++
	}
	p.path = p.path[:0]
	if !p.keyParts() || p.i >= len(p.s) || p.s[p.i] != ']' {
		return false
	}
	p.i++
	if aot {
		if p.i >= len(p.s) || p.s[p.i] != ']' {
			return false
		}
		p.i++
	}
	t := p.root
	n := len(p.path)
	for _, k := range p.path[:n-1] {
		e := t.find(k)
		if e == nil {
			if _, taken := t.t.Get(k); taken || len(t.t.Fields) == maxFields {
				return false
			}
			c := p.newTable(implicit)
			p.adopt(t, k, c, &c.t)
			t = c
			continue
		}
		if e.t.kind == dotted {
			return false
		}
		t = e.t
	}
	k := p.path[n-1]
	e := t.find(k)
	switch {
	case e == nil:
		if _, taken := t.t.Get(k); taken || len(t.t.Fields) == maxFields {
			return false
		}
		if aot {
			c := p.newTable(element)
			e := p.adopt(t, k, c, nil)
			// Room for four entries, as BurntSushi makes.
			e.list = make([]*Table, 1, 4)
			e.list[0] = &c.t
			e.parent, e.field = &t.t, len(t.t.Fields)-1
			e.nextList, p.lists = p.lists, e
			p.cur = c
		} else {
			c := p.newTable(explicit)
			p.adopt(t, k, c, &c.t)
			p.cur = c
		}
	case aot && e.t.kind == element:
		c := p.newTable(element)
		e.list = append(e.list, &c.t)
		e.t = c
		p.cur = c
	case !aot && e.t.kind == implicit:
		if !p.reopen(p.path) {
			return false
		}
		e.t.kind = explicit
		p.cur = e.t
	default:
		return false
	}
	return true
}

// reopen reports whether the existing table at path (a header defining a
// table a longer header implied, or a dotted key adding to a table an
// earlier one made) may be added to. BurntSushi replaces such a table
// with an empty one, losing its keys, when any entry of an array of
// tables defined an array at the same key path before; Decode declines
// those documents.
func (p *parser) reopen(path []string) bool {
	if len(p.arrays) == 0 {
		return true
	}
	key := strings.Join(path, "\x00")
	for _, a := range p.arrays {
		if a == key {
			return false
		}
	}
	return true
}

// keyValue parses "key = value" into table t, up to the end of the value.
func (p *parser) keyValue(t *table, depth int) bool {
	base := len(p.path)
	if !p.keyParts() || p.i >= len(p.s) || p.s[p.i] != '=' {
		return false
	}
	p.i++
	p.skipBlanks()
	parts := p.path[base:]
	last := len(parts) - 1
	for j, k := range parts[:last] {
		e := t.find(k)
		if e == nil {
			if _, taken := t.t.Get(k); taken || len(t.t.Fields) == maxFields {
				return false
			}
			c := p.newTable(dotted)
			p.adopt(t, k, c, &c.t)
			t = c
			continue
		}
		if e.t.kind != dotted || !p.reopen(p.path[:base+j+1]) {
			return false
		}
		t = e.t
	}
	k := parts[last]
	v, ok := p.value(depth)
	if !ok {
		return false
	}
	if _, isArray := v.([]any); isArray {
		p.arrays = append(p.arrays, strings.Join(p.path[:base+last+1], "\x00"))
	}
	if _, taken := t.t.Get(k); taken || len(t.t.Fields) == maxFields {
		return false
	}
	p.add(&t.t, k, v)
	p.path = p.path[:base]
	return true
}

// value parses any value, at depth arrays and inline tables deep.
func (p *parser) value(depth int) (any, bool) {
	if p.i >= len(p.s) {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '"':
		if strings.HasPrefix(p.s[p.i:], `"""`) {
			s, ok := p.multilineBasicString()
			return s, ok
		}
		s, ok := p.basicString()
		return s, ok
	case c == '\'':
		if strings.HasPrefix(p.s[p.i:], `'''`) {
			s, ok := p.multilineLiteralString()
			return s, ok
		}
		s, ok := p.literalString()
		return s, ok
	case c == '[':
		return p.array(depth + 1)
	case c == '{':
		return p.inlineTable(depth + 1)
	case c == 't':
		return true, p.word("true")
	case c == 'f':
		return false, p.word("false")
	case '0' <= c && c <= '9':
		if p.datePrefix() {
			return p.dateTime()
		}
		if p.timePrefix() {
			return p.localTime()
		}
		return p.number()
	case c == '+' || c == '-' || c == 'i' || c == 'n':
		return p.number()
	}
	return nil, false
}

// word consumes w, which must be followed by something other than a
// letter or digit (the caller then checks what may follow a value).
func (p *parser) word(w string) bool {
	if !strings.HasPrefix(p.s[p.i:], w) {
		return false
	}
	p.i += len(w)
	return true
}

// array parses an array from its '['. Newlines and comments may sit
// between elements, and a comma may follow the last.
func (p *parser) array(depth int) (any, bool) {
	if depth > MaxDepth {
		return nil, false
	}
	p.i++
	a := []any{}
	for {
		if !p.skipSpace() || p.i >= len(p.s) {
			return nil, false
		}
		if p.s[p.i] == ']' {
			p.i++
			return a, true
		}
		v, ok := p.value(depth)
		if !ok || !p.skipSpace() || p.i >= len(p.s) {
			return nil, false
		}
		a = append(a, v)
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return a, true
		default:
			return nil, false
		}
	}
}

// inlineTable parses an inline table from its '{'. As BurntSushi allows
// (and TOML 1.1 will), newlines and comments may sit between its pairs
// and a comma may follow the last.
func (p *parser) inlineTable(depth int) (any, bool) {
	if depth > MaxDepth {
		return nil, false
	}
	p.i++
	t := p.newTable(inline)
	if !p.skipSpace() || p.i >= len(p.s) {
		return nil, false
	}
	if p.s[p.i] == '}' {
		p.i++
		return &t.t, true
	}
	for {
		if !p.keyValue(t, depth) || !p.skipSpace() || p.i >= len(p.s) {
			return nil, false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			if !p.skipSpace() || p.i >= len(p.s) {
				return nil, false
			}
			if p.s[p.i] == '}' {
				p.i++
				return &t.t, true
			}
		case '}':
			p.i++
			return &t.t, true
		default:
			return nil, false
		}
	}
}
