package mdfast

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// opener is an open emphasis, strikethrough or link: its delimiter
// character ('*', '_', '~' or '['), run length, and where its tag starts
// in the output.
type opener struct {
	char byte
	n    int
	at   int
}

// is reports whether o is a run of n char.
func (o opener) is(char byte, n int) bool { return o.char == char && o.n == n }

// maxDepth bounds the nesting of emphasis and links the inline pass
// accepts; real text nests two or three deep.
const maxDepth = 16

// inline writes the inline content s (a heading's text, a paragraph's or
// item's lines joined by line feeds, a cell's text) and reports whether s
// was inside the subset. With label set it also collects, in c.label, the
// text goldmark's Text nodes would hold, which names a table's region.
func (c *converter) inline(s string, label bool) bool {
	var stackBuf [maxDepth]opener
	stack := stackBuf[:0]
	linkEnd, linkNext := -1, 0 // the open link's ']' and the byte after its ')'
	text := 0                  // start of the text not yet written
	// The text between two special bytes needs no escaping: '&', '>'
	// and '"' are special, and '<' never gets this far (cleanText).
	flush := func(end int) {
		c.write(s[text:end])
		if label {
			c.label = append(c.label, s[text:end]...)
		}
	}
	for i := 0; i < len(s); {
		b := s[i]
		if !special[b] {
			i++
			continue
		}
		switch b {
		case '*', '_', '~':
			n := 1
			for i+n < len(s) && s[i+n] == b {
				n++
			}
			if n > 2 {
				return false
			}
			open, close := flanking(b, s, i, n)
			top := len(stack) > 0 && stack[len(stack)-1].is(b, n)
			switch {
			case close && top:
				flush(i)
				stack = stack[:len(stack)-1]
				c.write(closeTag(b, n))
			case !open && !close:
				i += n // neither: literal text
				continue
			case close && openOf(stack, b):
				// goldmark would look past the top of the stack for this
				// opener, or leave it open: the nesting is not simple.
				return false
			case !open:
				i += n // a closer with nothing to close: literal text
				continue
			default:
				if len(stack) == maxDepth {
					return false
				}
				flush(i)
				stack = append(stack, opener{b, n, len(c.out)})
				c.write(openTag(b, n))
			}
			i += n
			text = i
		case '`':
			end := strings.IndexByte(s[i+1:], '`')
			if end <= 0 {
				return false
			}
			end += i + 1
			code := s[i+1 : end]
			if code[0] == ' ' || code[len(code)-1] == ' ' || strings.IndexByte(code, '\n') >= 0 ||
				end+1 < len(s) && s[end+1] == '`' || linkEnd >= 0 && end > linkEnd || !entityFree(code) {
				return false
			}
			// Linkify, trying before the code span is read, may take
			// its text for an e-mail address.
			for k := strings.IndexByte(code, '@'); k >= 0; {
				if !noEmail(s, i+1+k) {
					return false
				}
				next := strings.IndexByte(code[k+1:], '@')
				if next < 0 {
					break
				}
				k += 1 + next
			}
			flush(i)
			c.write("<code>")
			c.text(code)
			c.write("</code>")
			if label {
				c.label = append(c.label, code...)
			}
			i = end + 1
			text = i
		case '[':
			if linkEnd >= 0 || len(stack) == maxDepth {
				return false
			}
			close := strings.IndexByte(s[i+1:], ']')
			if close <= 0 || close > 900 {
				return false
			}
			close += i + 1
			inner := s[i+1 : close]
			if strings.ContainsAny(inner, "[\n") || close+1 >= len(s) || s[close+1] != '(' {
				return false
			}
			dest := s[close+2:]
			end := strings.IndexByte(dest, ')')
			if end < 0 || !safeURL(dest[:end]) {
				return false
			}
			flush(i)
			c.write(`<a href="`)
			c.url(dest[:end])
			c.write(`">`)
			stack = append(stack, opener{'[', 1, len(c.out)})
			linkEnd, linkNext = close, close+2+end+1
			i++
			text = i
		case ']':
			if i != linkEnd || len(stack) == 0 || !stack[len(stack)-1].is('[', 1) {
				return false
			}
			stack = stack[:len(stack)-1]
			flush(i)
			c.write("</a>")
			i, linkEnd = linkNext, -1
			text = i
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				return false // an image
			}
			i++
		case '@':
			if !noEmail(s, i) {
				return false // Linkify may see an e-mail address
			}
			i++
		case ':':
			if strings.HasPrefix(s[i:], "://") {
				return false // Linkify may see a URL
			}
			i++
		case 'w', 'W':
			if len(s)-i >= 4 && strings.EqualFold(s[i:i+4], "www.") {
				return false // Linkify may see a URL
			}
			i++
		case '&', '>', '"':
			if b == '&' && !entityFree(s[i:]) {
				return false
			}
			flush(i)
			c.write(escape(b))
			i++
			if label {
				c.label = append(c.label, b)
			}
			text = i
		default:
			return false
		}
	}
	flush(len(s))
	// Openers never closed are text, as goldmark leaves them.
	for k := len(stack) - 1; k >= 0; k-- {
		o := stack[k]
		if o.char == '[' || label {
			return false
		}
		literal := []byte(strings.Repeat(string(o.char), o.n))
		c.out = slices.Replace(c.out, o.at, o.at+len(openTag(o.char, o.n)), literal...)
	}
	return true
}

// openOf reports whether an emphasis or strikethrough with this
// delimiter character is open.
func openOf(stack []opener, char byte) bool {
	for _, o := range stack {
		if o.char == char {
			return true
		}
	}
	return false
}

// special marks the bytes the inline pass must look at; all others are
// plain text.
var special = func() (t [256]bool) {
	for _, b := range []byte("*_~`[]!@:wW&<>\"\\") {
		t[b] = true
	}
	return t
}()

// flanking reports whether the delimiter run s[i:i+n] can open and
// whether it can close, by goldmark's parser.ScanDelimiter: the
// characters around the run, a line's start and end counting as spaces,
// are classed with goldmark's own util.IsPunctRune and util.IsSpaceRune.
func flanking(char byte, s string, i, n int) (open, close bool) {
	before, after := '\n', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if i+n < len(s) {
		after, _ = utf8.DecodeRuneInString(s[i+n:])
	}
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	if char == '_' {
		return left && (!right || beforePunct), right && (!left || afterPunct)
	}
	return left, right
}

// openTag and closeTag are the tags of a matched delimiter run.
func openTag(char byte, n int) string {
	switch {
	case char == '~':
		return "<del>"
	case n == 2:
		return "<strong>"
	}
	return "<em>"
}

func closeTag(char byte, n int) string {
	switch {
	case char == '~':
		return "</del>"
	case n == 2:
		return "</strong>"
	}
	return "</em>"
}

// text writes s escaped as goldmark escapes text: &, <, > and ".
func (c *converter) text(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		esc := escape(s[i])
		if esc == "" {
			continue
		}
		c.write(s[start:i])
		c.write(esc)
		start = i + 1
	}
	c.write(s[start:])
}

// escape returns what goldmark writes for b in text, or "" when b stands
// as it is.
func escape(b byte) string {
	switch b {
	case '&':
		return "&amp;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '"':
		return "&quot;"
	}
	return ""
}

// entityFree reports whether no '&' in s could start an entity or a
// numeric character reference, which goldmark would resolve.
func entityFree(s string) bool {
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			return true
		}
		s = s[i+1:]
		j := 0
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		if j < len(s) && (s[j] == ';' || j == 0 && s[j] == '#') {
			return false
		}
	}
}

func isAlnum(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// noEmail reports whether Linkify cannot read an e-mail address ending
// at the '@' at s[i]. Linkify tries at the start of a line, after a
// space, '*', '_', '~' or '(', and after any inline element, and reads
// the address's local part up to the '@'. So the '@' is safe when no
// address character precedes it, or when the run of them before it
// holds no delimiter or backtick and follows a non-ASCII character.
func noEmail(s string, i int) bool {
	j := i
	for j > 0 && emailChar(s[j-1]) {
		j--
		if strings.IndexByte("*_~`", s[j]) >= 0 {
			return false
		}
	}
	return j == i || j > 0 && s[j-1] >= utf8.RuneSelf
}

// emailChar reports whether b may end the local part of an e-mail
// address as Linkify reads one (goldmark's util.FindEmailIndex).
func emailChar(b byte) bool {
	return isAlnum(b) || strings.IndexByte("!#$%&'*+-./=?^_`{|}~", b) >= 0
}

// urlChar marks the ASCII bytes a link destination may hold and that
// goldmark's util.URLEscape leaves as they are ('%' is allowed only
// before two hex digits, see safeURL).
var urlChar = func() (t [256]bool) {
	for b := range 256 {
		t[b] = isAlnum(byte(b))
	}
	for _, b := range []byte("-._~:/?#@!$&'*+,;=") {
		t[b] = true
	}
	return t
}()

// safeURL reports whether dest is a link destination written here as
// goldmark writes it: an http:, https: or mailto: URL or one without a
// scheme, of URL characters, percent escapes and non-ASCII text, with no
// entity to resolve.
func safeURL(dest string) bool {
	if dest == "" {
		return false
	}
	for i := 0; i < len(dest); i++ {
		b := dest[i]
		switch {
		case b >= utf8.RuneSelf || urlChar[b]:
		case b == '%' && i+2 < len(dest) && isHex(dest[i+1]) && isHex(dest[i+2]):
			i += 2
		default:
			return false
		}
	}
	if strings.IndexByte(dest, ':') >= 0 {
		lower := strings.ToLower(dest)
		if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "mailto:") {
			return false
		}
	}
	return entityFree(dest)
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

// url writes a destination safeURL accepted as goldmark's link renderer
// does: non-ASCII bytes percent-encoded, then '&' escaped.
func (c *converter) url(dest string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(dest); i++ {
		switch b := dest[i]; {
		case b >= utf8.RuneSelf:
			c.out = append(c.out, '%', hex[b>>4], hex[b&15])
		case b == '&':
			c.write("&amp;")
		default:
			c.writeByte(b)
		}
	}
}
