package load

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"linewatch/generator/diag"
)

// indexKeys scans TOML text and returns the position of every key path it
// defines, in the path syntax of validate's messages: "name",
// "services[2].status", "services[2].history[1].date". The header of an
// array-of-tables entry maps to "services[2]", the first header of an array
// to "services", and each element of an inline array to "agencies[2]".
// Keys inside inline tables map to nothing; validate then falls back to the
// nearest enclosing path it knows.
//
// firstLine is the file line of the text's first line, so that positions
// point into the editor's file rather than into the front matter. The scan
// is forgiving: it never fails, and a line it cannot read (a syntax error
// the TOML parser will report anyway) is skipped.
func indexKeys(path, text string, firstLine int) map[string]diag.Pos {
	s := keyScanner{
		path: path,
		// About one key per line: sized once, the map never grows.
		keys:   make(map[string]diag.Pos, strings.Count(text, "\n")+1),
		counts: make(map[string]int, 4),
	}
	line := firstLine
	for off := 0; off < len(text); line++ {
		end := strings.IndexByte(text[off:], '\n')
		cur := text[off:]
		if end >= 0 {
			cur = text[off : off+end]
			off += end + 1
		} else {
			off = len(text)
		}
		s.line(cur, line)
	}
	return s.keys
}

// frame is one open array or inline table of a value that may span lines.
type frame struct {
	path  string // key path of the array, "" when its elements are not indexed
	table bool   // an inline table, whose keys are not indexed
	n     int    // elements seen so far
}

// keyScanner holds the state carried from line to line.
type keyScanner struct {
	path   string
	keys   map[string]diag.Pos
	counts map[string]int // array-of-tables path -> entries so far
	table  string         // key path of the current [table] or [[entry]]

	stack []frame // open brackets of a multi-line value
	str   string  // the closing delimiter of an open multi-line string
}

func (s *keyScanner) pos(line, col int) diag.Pos { return diag.Pos{Path: s.path, Line: line, Col: col} }

// set records a key's position unless an earlier line already did: the
// first definition is the one an editor wants to see.
func (s *keyScanner) set(key string, p diag.Pos) {
	if _, ok := s.keys[key]; !ok {
		s.keys[key] = p
	}
}

// line scans one line of TOML.
func (s *keyScanner) line(text string, line int) {
	if len(s.stack) > 0 || s.str != "" {
		s.value(text, line, 0, "")
		return
	}
	i := skipBlank(text, 0)
	if i >= len(text) || text[i] == '#' {
		return
	}
	if text[i] == '[' {
		s.header(text, line, i)
		return
	}
	segs, j, ok := readKey(text, i)
	if !ok {
		return
	}
	j = skipBlank(text, j)
	if j >= len(text) || text[j] != '=' {
		return
	}
	p := s.pos(line, runeCol(text, i))
	full := s.table
	for k, seg := range segs {
		full = join(full, seg)
		if k < len(segs)-1 {
			s.set(full, p)
		}
	}
	s.set(full, p)
	s.value(text, line, j+1, full)
}

// header handles a [table] or [[array.of.tables]] line starting at text[i].
func (s *keyScanner) header(text string, line, i int) {
	p := s.pos(line, runeCol(text, i))
	array := strings.HasPrefix(text[i:], "[[")
	j := i + 1
	if array {
		j++
	}
	segs, _, ok := readKey(text, skipBlank(text, j))
	if !ok || len(segs) == 0 {
		return
	}
	full := ""
	for _, seg := range segs[:len(segs)-1] {
		full = join(full, seg)
		if n := s.counts[full]; n > 0 {
			full += "[" + strconv.Itoa(n) + "]"
		}
	}
	full = join(full, segs[len(segs)-1])
	if array {
		s.set(full, p)
		s.counts[full]++
		full += "[" + strconv.Itoa(s.counts[full]) + "]"
	}
	s.set(full, p)
	s.table = full
}

// value scans a value from text[i], following strings, arrays and inline
// tables across lines. key is the path of the value when it starts on this
// line, or "" on a continuation line.
func (s *keyScanner) value(text string, line, i int, key string) {
	for i < len(text) {
		if s.str != "" {
			end := closeMulti(text, i, s.str)
			if end < 0 {
				return
			}
			s.str = ""
			i = end
			if len(s.stack) == 0 {
				return
			}
			continue
		}
		c := text[i]
		switch c {
		case ' ', '\t', ',', '=', ':':
			i++
			continue
		case '#':
			return
		case ']', '}':
			if len(s.stack) > 0 {
				s.stack = s.stack[:len(s.stack)-1]
			}
			i++
			if len(s.stack) == 0 {
				return
			}
			continue
		}
		// c starts a value (or, in an inline table, a key).
		elem := s.element(line, runeCol(text, i), key)
		key = ""
		switch {
		case c == '[' || c == '{':
			s.stack = append(s.stack, frame{path: elem, table: c == '{'})
			i++
			continue
		case strings.HasPrefix(text[i:], `"""`) || strings.HasPrefix(text[i:], `'''`):
			s.str = text[i : i+3]
			i += 3
			continue
		case c == '"' || c == '\'':
			i = closeString(text, i)
		default:
			for i < len(text) && !strings.ContainsRune(" \t,]}#=", rune(text[i])) {
				i++
			}
		}
		if len(s.stack) == 0 {
			return
		}
	}
}

// element counts a new element of the innermost open array and returns its
// key path, or key itself when no array is open (the value of a key).
func (s *keyScanner) element(line, col int, key string) string {
	if len(s.stack) == 0 {
		return key
	}
	f := &s.stack[len(s.stack)-1]
	if f.table || f.path == "" {
		return ""
	}
	f.n++
	p := f.path + "[" + strconv.Itoa(f.n) + "]"
	s.set(p, s.pos(line, col))
	return p
}

// readKey reads a possibly dotted key starting at text[i]: bare segments,
// "quoted" and 'literal' ones, with blanks allowed around the dots. It
// returns the segments and the index just past the key.
func readKey(text string, i int) ([]string, int, bool) {
	var segs []string
	for {
		i = skipBlank(text, i)
		if i >= len(text) {
			return nil, i, false
		}
		switch c := text[i]; {
		case c == '"' || c == '\'':
			end := closeString(text, i)
			if end > len(text) || end-1 <= i || text[end-1] != c {
				return nil, i, false
			}
			segs = append(segs, text[i+1:end-1])
			i = end
		case isBare(c):
			j := i
			for j < len(text) && isBare(text[j]) {
				j++
			}
			segs = append(segs, text[i:j])
			i = j
		default:
			return nil, i, false
		}
		j := skipBlank(text, i)
		if j < len(text) && text[j] == '.' {
			i = j + 1
			continue
		}
		return segs, i, true
	}
}

// closeString returns the index just past a one-line "basic" or 'literal'
// string opening at text[i], or len(text) when it is not closed.
func closeString(text string, i int) int {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j + 1
		}
	}
	return len(text)
}

// closeMulti returns the index just past the closing delimiter of a
// multi-line string on this line, or -1 when it continues on the next.
func closeMulti(text string, i int, delim string) int {
	for j := i; j+len(delim) <= len(text); j++ {
		if delim[0] == '"' && text[j] == '\\' {
			j++
			continue
		}
		if strings.HasPrefix(text[j:], delim) {
			end := j + len(delim)
			// Up to two quotes may end the content right before the
			// delimiter (""""" closes after two quotes of content).
			for k := 0; k < 2 && end < len(text) && text[end] == delim[0]; k++ {
				end++
			}
			return end
		}
	}
	return -1
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func skipBlank(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// runeCol turns a byte index into a 1-based column counted in characters,
// as editors count them.
func runeCol(text string, i int) int {
	if i > len(text) {
		i = len(text)
	}
	return utf8.RuneCountInString(text[:i]) + 1
}

func join(prefix, seg string) string {
	if prefix == "" {
		return seg
	}
	return prefix + "." + seg
}
