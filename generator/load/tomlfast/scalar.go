package tomlfast

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// control reports whether c may not appear in a string or comment as it
// is: the C0 controls and DEL. Callers allow tab, and newline where the
// string may span lines.
func control(c byte) bool {
	return c < 0x20 || c == 0x7f
}

// basicString parses a "…" string from its opening quote. Without escapes
// the value is a slice of the document.
func (p *parser) basicString() (string, bool) {
	p.i++
	start := p.i
	ascii := true
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			p.i++
			s := p.s[start : p.i-1]
			return s, ascii || utf8.ValidString(s)
		case c == '\\':
			return p.basicStringEscaped(start)
		case c >= utf8.RuneSelf:
			ascii = false
		case control(c) && c != '\t':
			return "", false
		}
		p.i++
	}
	return "", false
}

// basicStringEscaped finishes a basic string from its first backslash;
// start is where the string's text began.
func (p *parser) basicStringEscaped(start int) (string, bool) {
	var b strings.Builder
	b.Grow(p.i - start + 16)
	seg := start
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			b.WriteString(p.s[seg:p.i])
			p.i++
			return b.String(), utf8.ValidString(p.s[start : p.i-1])
		case c == '\\':
			b.WriteString(p.s[seg:p.i])
			if !p.escape(&b) {
				return "", false
			}
			seg = p.i
			continue
		case control(c) && c != '\t':
			return "", false
		}
		p.i++
	}
	return "", false
}

// escape writes the character an escape sequence at p.i stands for and
// moves past it. These are BurntSushi's escapes: TOML 1.0's, and \e and
// \xHH of TOML 1.1.
func (p *parser) escape(b *strings.Builder) bool {
	if p.i+1 >= len(p.s) {
		return false
	}
	var r byte
	switch p.s[p.i+1] {
	case 'b':
		r = '\b'
	case 't':
		r = '\t'
	case 'n':
		r = '\n'
	case 'f':
		r = '\f'
	case 'r':
		r = '\r'
	case 'e':
		r = 0x1b
	case '"':
		r = '"'
	case '\\':
		r = '\\'
	case 'x':
		return p.unicodeEscape(b, 2)
	case 'u':
		return p.unicodeEscape(b, 4)
	case 'U':
		return p.unicodeEscape(b, 8)
	default:
		return false
	}
	b.WriteByte(r)
	p.i += 2
	return true
}

// unicodeEscape reads the n hex digits after \x, \u or \U at p.i and
// writes the code point they name, which must be a Unicode scalar value.
func (p *parser) unicodeEscape(b *strings.Builder, n int) bool {
	digits := p.i + 2
	if digits+n > len(p.s) {
		return false
	}
	var v uint32
	for _, c := range []byte(p.s[digits : digits+n]) {
		d, ok := hexDigit(c)
		if !ok {
			return false
		}
		v = v<<4 | uint32(d)
	}
	if v > utf8.MaxRune || !utf8.ValidRune(rune(v)) {
		return false
	}
	b.WriteRune(rune(v))
	p.i = digits + n
	return true
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// literalString parses a '…' string from its opening quote.
func (p *parser) literalString() (string, bool) {
	p.i++
	start := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '\'':
			p.i++
			s := p.s[start : p.i-1]
			return s, utf8.ValidString(s)
		case control(c) && c != '\t':
			return "", false
		}
		p.i++
	}
	return "", false
}

// closing looks at a run of quote characters q at p.i inside a
// multi-line string. With fewer than three the run is text (more, false);
// three to five end the string, the quotes beyond three being its last
// characters (end is where its text ends, next where the value ends);
// six or more are an error (ok false).
func (p *parser) closing(q byte) (end, next int, more, ok bool) {
	n := 0
	for p.i+n < len(p.s) && p.s[p.i+n] == q {
		n++
	}
	switch {
	case n < 3:
		return 0, p.i + n, true, true
	case n <= 5:
		return p.i + n - 3, p.i + n, false, true
	}
	return 0, 0, false, false
}

// multilineBasicString parses a """…""" string from its opening quotes:
// a newline right after them is dropped, and a backslash at the end of a
// line drops it and every blank and newline that follows.
func (p *parser) multilineBasicString() (string, bool) {
	p.i += 3
	if p.i < len(p.s) && p.s[p.i] == '\n' {
		p.i++
	}
	var b strings.Builder
	escaped := false
	start := p.i
	seg := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '"':
			end, next, more, ok := p.closing('"')
			if !ok {
				return "", false
			}
			if more {
				p.i = next
				continue
			}
			p.i = next
			if !utf8.ValidString(p.s[start:end]) {
				return "", false
			}
			if !escaped {
				return p.s[seg:end], true
			}
			b.WriteString(p.s[seg:end])
			return b.String(), true
		case c == '\\':
			if !escaped {
				escaped = true
				b.Grow(p.i - seg + 64)
			}
			b.WriteString(p.s[seg:p.i])
			j := p.i + 1
			for j < len(p.s) && (p.s[j] == ' ' || p.s[j] == '\t') {
				j++
			}
			if j < len(p.s) && p.s[j] == '\n' {
				for j < len(p.s) && (p.s[j] == ' ' || p.s[j] == '\t' || p.s[j] == '\n') {
					j++
				}
				p.i = j
			} else if !p.escape(&b) {
				return "", false
			}
			seg = p.i
			continue
		case control(c) && c != '\t' && c != '\n':
			return "", false
		}
		p.i++
	}
	return "", false
}

// multilineLiteralString parses a multi-line literal string, between
// three single quotes, from its opening ones; a newline right after them
// is dropped.
func (p *parser) multilineLiteralString() (string, bool) {
	p.i += 3
	if p.i < len(p.s) && p.s[p.i] == '\n' {
		p.i++
	}
	start := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == '\'':
			end, next, more, ok := p.closing('\'')
			if !ok {
				return "", false
			}
			p.i = next
			if !more {
				return p.s[start:end], utf8.ValidString(p.s[start:end])
			}
			continue
		case control(c) && c != '\t' && c != '\n':
			return "", false
		}
		p.i++
	}
	return "", false
}

// number parses an integer or float: decimal with optional sign and
// underscores between digits, 0x/0o/0b integers, a fraction and an
// exponent, inf and nan. The token runs to the first character no number
// has; it must then match the TOML grammar exactly, and is converted as
// BurntSushi converts it, so the values are the same bit for bit.
func (p *parser) number() (any, bool) {
	start := p.i
	for p.i < len(p.s) && isNumberChar(p.s[p.i]) {
		p.i++
	}
	tok := p.s[start:p.i]
	switch tok {
	case "inf", "+inf", "-inf", "nan", "+nan":
		f, err := strconv.ParseFloat(strings.TrimPrefix(tok, "+"), 64)
		return f, err == nil
	case "-nan":
		return math.Copysign(math.NaN(), -1), true
	}
	isFloat, ok := numberSyntax(tok)
	if !ok {
		return nil, false
	}
	if !isFloat {
		n, err := strconv.ParseInt(tok, 0, 64)
		return n, err == nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(tok, "_", ""), 64)
	return f, err == nil
}

func isNumberChar(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '.' || c == '+' || c == '-'
}

// numberSyntax checks tok against TOML's integer and float grammar and
// says which it is.
func numberSyntax(tok string) (isFloat, ok bool) {
	if len(tok) > 2 && tok[0] == '0' {
		var digit func(byte) bool
		switch tok[1] {
		case 'x':
			digit = func(c byte) bool { _, ok := hexDigit(c); return ok }
		case 'o':
			digit = func(c byte) bool { return '0' <= c && c <= '7' }
		case 'b':
			digit = func(c byte) bool { return c == '0' || c == '1' }
		}
		if digit != nil {
			return false, digits(tok, 2, digit) == len(tok)
		}
	}
	i := 0
	if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
		i++
	}
	// The integer part: 0, or digits without a leading zero.
	if i < len(tok) && tok[i] == '0' {
		i++
	} else if i = digits(tok, i, isDigit); i < 0 {
		return false, false
	}
	if i < len(tok) && tok[i] == '.' {
		if i = digits(tok, i+1, isDigit); i < 0 {
			return false, false
		}
		isFloat = true
	}
	if i < len(tok) && (tok[i] == 'e' || tok[i] == 'E') {
		i++
		if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
			i++
		}
		if i = digits(tok, i, isDigit); i < 0 {
			return false, false
		}
		isFloat = true
	}
	return isFloat, i == len(tok)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits reads one or more digits from tok[i:], with single underscores
// between them, and returns the index after them, or -1.
func digits(tok string, i int, digit func(byte) bool) int {
	if i >= len(tok) || !digit(tok[i]) {
		return -1
	}
	for i++; i < len(tok); i++ {
		if tok[i] == '_' {
			if i+1 >= len(tok) || !digit(tok[i+1]) {
				return -1
			}
			i++
			continue
		}
		if !digit(tok[i]) {
			break
		}
	}
	return i
}

// datePrefix reports whether a date starts at p.i: four digits and '-'.
func (p *parser) datePrefix() bool {
	s := p.s[p.i:]
	return len(s) > 4 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) && s[4] == '-'
}

// timePrefix reports whether a time starts at p.i: two digits and ':'.
func (p *parser) timePrefix() bool {
	s := p.s[p.i:]
	return len(s) > 2 && isDigit(s[0]) && isDigit(s[1]) && s[2] == ':'
}

// num reads exactly n digits at p.i.
func (p *parser) num(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

// sep consumes the byte c.
func (p *parser) sep(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// clock reads HH:MM, and :SS with a fraction of up to nine digits when
// present, within the ranges Go's time.Parse allows (no leap second).
func (p *parser) clock() (h, m, s, ns int, seconds, ok bool) {
	var okH, okM bool
	if h, okH = p.num(2); !okH || !p.sep(':') {
		return
	}
	if m, okM = p.num(2); !okM || h > 23 || m > 59 {
		return
	}
	if !p.sep(':') {
		return h, m, 0, 0, false, true
	}
	if s, ok = p.num(2); !ok || s > 59 {
		return h, m, s, 0, true, false
	}
	if p.sep('.') {
		start := p.i
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
		}
		n := p.i - start
		if n == 0 || n > 9 {
			return h, m, s, 0, true, false
		}
		for _, c := range []byte(p.s[start:p.i]) {
			ns = ns*10 + int(c-'0')
		}
		for range 9 - n {
			ns *= 10
		}
	}
	return h, m, s, ns, true, true
}

// localTime parses a local time, HH:MM[:SS[.frac]], as BurntSushi does:
// on 1 January of year 0 in its local-time zone.
func (p *parser) localTime() (any, bool) {
	h, m, s, ns, _, ok := p.clock()
	if !ok {
		return nil, false
	}
	return time.Date(0, time.January, 1, h, m, s, ns, p.z.time), true
}

// dateTime parses a local date, a local date-time or an offset date-time.
// Local ones are built directly; one with an offset goes through the very
// time.ParseInLocation call BurntSushi makes, since where its location
// comes from (time.Local or a fixed zone) depends on the machine.
func (p *parser) dateTime() (any, bool) {
	start := p.i
	year, _ := p.num(4)
	p.i++ // '-', checked by datePrefix
	month, okM := p.num(2)
	if !okM || !p.sep('-') {
		return nil, false
	}
	day, okD := p.num(2)
	if !okD || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) {
		return nil, false
	}
	if p.i >= len(p.s) {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, p.z.date), true
	}
	switch c := p.s[p.i]; {
	case c == 'T' || c == 't':
	case c == ' ' && p.i+1 < len(p.s) && isDigit(p.s[p.i+1]):
	default:
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, p.z.date), true
	}
	p.i++
	h, m, s, ns, seconds, ok := p.clock()
	if !ok {
		return nil, false
	}
	if p.i >= len(p.s) || !(p.s[p.i] == 'Z' || p.s[p.i] == 'z' || p.s[p.i] == '+' || p.s[p.i] == '-') {
		return time.Date(year, time.Month(month), day, h, m, s, ns, p.z.datetime), true
	}
	if p.s[p.i] == 'Z' || p.s[p.i] == 'z' {
		p.i++
	} else {
		p.i++
		oh, okH := p.num(2)
		if !okH || !p.sep(':') {
			return nil, false
		}
		om, okM := p.num(2)
		if !okM || oh > 23 || om > 59 {
			return nil, false
		}
	}
	layout := time.RFC3339Nano
	if !seconds {
		layout = "2006-01-02T15:04Z07:00"
	}
	text := p.s[start:p.i]
	if strings.ContainsAny(text, "tz ") {
		text = strings.NewReplacer("t", "T", "z", "Z", " ", "T").Replace(text)
	}
	t, err := time.ParseInLocation(layout, text, time.Local)
	return t, err == nil
}

// daysIn returns the number of days in a month of the proleptic Gregorian
// calendar, as time.Parse checks them.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
