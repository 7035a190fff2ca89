package corpus

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// rec appends TOML lines to a file being written. Values are escaped as
// TOML basic strings, so any generated text stays valid.
type rec struct{ b *bytes.Buffer }

func (w rec) line(s string) { w.b.WriteString(s); w.b.WriteByte('\n') }

func (w rec) str(indent, key, val string) {
	w.b.WriteString(indent)
	w.b.WriteString(key)
	w.b.WriteString(" = ")
	if strings.ContainsFunc(val, needsEscape) {
		w.b.WriteString(quote(val))
	} else {
		w.b.WriteByte('"')
		w.b.WriteString(val)
		w.b.WriteByte('"')
	}
	w.b.WriteByte('\n')
}

func (w rec) date(indent, key string, d time.Time) {
	w.b.WriteString(indent)
	w.b.WriteString(key)
	w.b.WriteString(" = ")
	w.b.Write(d.AppendFormat(w.b.AvailableBuffer(), time.DateOnly))
	w.b.WriteByte('\n')
}

func (w rec) boolean(indent, key string, v bool) {
	w.b.WriteString(indent)
	w.b.WriteString(key)
	w.b.WriteString(" = ")
	w.b.WriteString(strconv.FormatBool(v))
	w.b.WriteByte('\n')
}

func (w rec) list(indent, key string, vals []string) {
	w.b.WriteString(indent)
	w.b.WriteString(key)
	w.b.WriteString(" = [")
	for i, v := range vals {
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.b.WriteString(quote(v))
	}
	w.b.WriteString("]\n")
}

// quote returns s as a TOML basic string. Go's strconv.Quote would do for
// the text this package makes, but its \x escapes are not TOML, so the few
// characters TOML needs escaped are handled here.
func quote(s string) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return `"` + s + `"`
	}
	var b []byte
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case needsEscape(r):
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[r>>4], "0123456789abcdef"[r&15])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(append(b, '"'))
}

// needsEscape reports whether r cannot stand as itself in a TOML basic
// string.
func needsEscape(r rune) bool { return r == '"' || r == '\\' || r < 0x20 || r == 0x7f }
