package mdfast

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Convert returns the HTML goldmark writes for the block Markdown src and
// true, or "" and false when src is outside the subset this package
// handles and the caller must convert it with goldmark.
func Convert(src string) (string, bool) {
	c := newConverter(src)
	defer c.release()
	if !c.convert() {
		return "", false
	}
	return string(c.out), true
}

// ConvertInline is Convert for render.MarkdownInline: when src is a
// single paragraph, the result lacks the <p> and </p>\n around it, so
// that a note fits in a table cell or a sentence.
func ConvertInline(src string) (string, bool) {
	c := newConverter(src)
	defer c.release()
	if !c.convert() {
		return "", false
	}
	out := c.out
	if c.blocks == 1 && c.lastPara {
		out = bytes.TrimSuffix(bytes.TrimPrefix(out, []byte("<p>")), []byte("</p>\n"))
	}
	return string(out), true
}

// converter holds one conversion: the output so far and what kind of
// blocks it wrote, for ConvertInline. Converters and their buffers are
// pooled: the caller copies the output once, to the exact size.
type converter struct {
	src      string
	lines    []span
	out      []byte
	blocks   int  // top-level blocks written
	lastPara bool // the last block written was a paragraph
	label    []byte
	// Scratch for tables, reused from one to the next.
	cells  []string
	aligns []alignment
	open   []byte
}

var converters = sync.Pool{New: func() any { return new(converter) }}

// newConverter returns a pooled converter, emptied, for src.
func newConverter(src string) *converter {
	c := converters.Get().(*converter)
	c.src = src
	return c
}

// maxPooled is the largest output buffer kept for the next conversion;
// a rare huge text does not pin its buffer.
const maxPooled = 64 << 10

// release empties c and returns it to the pool.
func (c *converter) release() {
	if cap(c.out) > maxPooled {
		return
	}
	clear(c.cells) // let go of the source text
	*c = converter{lines: c.lines[:0], out: c.out[:0], label: c.label[:0],
		cells: c.cells[:0], aligns: c.aligns[:0], open: c.open[:0]}
	converters.Put(c)
}

// span is a line of src without its line feed: src[start:end].
type span struct{ start, end int }

// convert runs the block pass over c.src.
func (c *converter) convert() bool {
	src := c.src
	if !cleanText(src) {
		return false
	}
	c.out = slices.Grow(c.out, len(src)+len(src)/4+64)
	for start := 0; start < len(src); {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		if end > start && src[end-1] == ' ' && !blank(src[start:end]) {
			return false // a hard line break, or spaces goldmark trims
		}
		c.lines = append(c.lines, span{start, end})
		start = end + 1
	}
	for i := 0; i < len(c.lines); {
		line := c.line(i)
		if blank(line) {
			i++
			continue
		}
		if line[0] == ' ' {
			return false
		}
		var ok bool
		para := false
		switch {
		case atx(line):
			ok = c.heading(line)
			i++
		case thematicBreak(line):
			c.write("<hr>\n")
			ok = true
			i++
		case line[0] == '|':
			i, ok = c.table(i)
		default:
			if _, _, _, isItem := listItem(line); isItem {
				i, ok = c.list(i)
			} else {
				i, ok = c.paragraph(i)
				para = true
			}
		}
		if !ok {
			return false
		}
		c.blocks++
		c.lastPara = para
	}
	return true
}

// cleanText reports whether src is valid UTF-8 free of the characters
// that are declined wherever they stand: control characters but the line
// feed, '<' and '\'.
//
// It looks at eight bytes at a time: a word in which no byte is below
// a space, '<', '\' or DEL is clean without a look at each byte, which
// is most of them in prose (a line feed sends its word down the slow
// path).
func cleanText(src string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(src); i += 8 {
		w := src[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// The classic tests for a byte below n, (x - n*ones) &^ x, and for
		// a zero byte, (y - ones) &^ y, set no high bit when no byte
		// qualifies, and some when one does; bytes of 0x80 and above
		// never qualify, and utf8.ValidString checks them below.
		lo, bs, del := x^(ones*'<'), x^(ones*'\\'), x^(ones*0x7f)
		if ((x-ones*0x20)&^x|(lo-ones)&^lo|(bs-ones)&^bs|(del-ones)&^del)&highs == 0 {
			continue
		}
		for k := i; k < i+8; k++ {
			if bad(src[k]) {
				return false
			}
		}
	}
	for ; i < len(src); i++ {
		if bad(src[i]) {
			return false
		}
	}
	return utf8.ValidString(src)
}

// bad reports whether byte c is declined wherever it stands.
func bad(c byte) bool {
	return c < ' ' && c != '\n' || c == '<' || c == '\\' || c == 0x7f
}

// write and writeByte append to the output.
func (c *converter) write(s string)   { c.out = append(c.out, s...) }
func (c *converter) writeByte(b byte) { c.out = append(c.out, b) }

// line returns line i of the source.
func (c *converter) line(i int) string {
	s := c.lines[i]
	return c.src[s.start:s.end]
}

// blank reports whether a line holds nothing but spaces.
func blank(line string) bool {
	for i := 0; i < len(line); i++ {
		if line[i] != ' ' {
			return false
		}
	}
	return true
}

// heading writes an ATX heading: "## Text", one space, no closing '#'s.
func (c *converter) heading(line string) bool {
	level := 0
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level > 6 || level+1 >= len(line) || line[level] != ' ' || line[level+1] == ' ' || line[len(line)-1] == '#' {
		return false
	}
	c.write("<h")
	c.writeByte(byte('0' + level))
	c.writeByte('>')
	if !c.inline(line[level+1:], false) {
		return false
	}
	c.write("</h")
	c.writeByte(byte('0' + level))
	c.write(">\n")
	return true
}

// thematicBreak reports whether line is three or more '-', '*' or '_'
// alone. It is only asked where no paragraph is open, so "---" cannot be
// a setext underline.
func thematicBreak(line string) bool {
	if len(line) < 3 || (line[0] != '-' && line[0] != '*' && line[0] != '_') {
		return false
	}
	return strings.Count(line, line[:1]) == len(line)
}

// plain reports whether a line, when it follows paragraph text or starts
// a paragraph or list item, can be nothing but paragraph text: it cannot
// start another block, interrupt the paragraph, underline it as a setext
// heading or make it a table. It errs towards false.
func plain(line string) bool {
	if line == "" || strings.Trim(line, "-|:= ") == "" {
		return false // a break, a setext underline, a table delimiter row
	}
	switch c := line[0]; c {
	case '>', '<', '=', ' ':
		return false
	case '#':
		return !atx(line)
	case '-', '+', '*', '_':
		// "**Strong** text" and "-5 degrees" are text; "* item", "*",
		// "***" and "* * *" are lists or breaks.
		return len(line) > 1 && line[1] != ' ' && strings.Trim(line, line[:1]+" ") != ""
	case '`':
		return !strings.HasPrefix(line, "``")
	case '~':
		return !strings.HasPrefix(line, "~~~")
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		i := 0
		for i < len(line) && i < 10 && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i < len(line) && (line[i] == '.' || line[i] == ')') {
			return i+1 < len(line) && line[i+1] != ' '
		}
	}
	return true
}

// atx reports whether line opens like an ATX heading: one to six '#'
// followed by a space or nothing.
func atx(line string) bool {
	k := 0
	for k < len(line) && line[k] == '#' {
		k++
	}
	return k <= 6 && (k == len(line) || line[k] == ' ')
}

// paragraph writes the paragraph starting at line i and returns the line
// after it.
func (c *converter) paragraph(i int) (int, bool) {
	first := i
	for i < len(c.lines) && !blank(c.line(i)) {
		line := c.line(i)
		if !plain(line) {
			return i, false
		}
		i++
	}
	text := c.src[c.lines[first].start:c.lines[i-1].end]
	c.write("<p>")
	if !c.inline(text, false) {
		return i, false
	}
	c.write("</p>\n")
	return i, true
}

// listItem parses a list item line: its marker ('-', '*', '+', '.' or
// ')'), the start number of an ordered item (-1 for a bullet), and the
// offset of its content. It accepts only a marker followed by one space
// and content that is plain paragraph text.
func listItem(line string) (marker byte, start, offset int, ok bool) {
	i := 0
	start = -1
	switch line[0] {
	case '-', '*', '+':
		marker = line[0]
		i = 1
	default:
		for i < len(line) && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i == 0 || i > 9 || i >= len(line) || (line[i] != '.' && line[i] != ')') {
			return 0, 0, 0, false
		}
		start, _ = strconv.Atoi(line[:i])
		marker = line[i]
		i++
	}
	if i+1 >= len(line) || line[i] != ' ' || !plain(line[i+1:]) {
		return 0, 0, 0, false
	}
	return marker, start, i + 1, true
}

// list writes the tight list starting at line i and returns the line
// after it.
func (c *converter) list(i int) (int, bool) {
	marker, start, _, _ := listItem(c.line(i))
	open, close := "<ul>\n", "</ul>\n"
	if start >= 0 {
		open, close = "<ol>\n", "</ol>\n"
	}
	if start >= 0 && start != 1 {
		c.write(`<ol start="`)
		c.out = strconv.AppendInt(c.out, int64(start), 10)
		c.write("\">\n")
	} else {
		c.write(open)
	}
	for i < len(c.lines) {
		line := c.line(i)
		if blank(line) {
			break
		}
		m, _, offset, ok := listItem(line)
		if !ok || m != marker {
			return i, false
		}
		i++
		text := line[offset:]
		// Continuation lines indented by exactly the content offset.
		var joined []byte
		for i < len(c.lines) {
			next := c.line(i)
			if blank(next) || !indented(next, offset) {
				break
			}
			cont := next[offset:]
			if !plain(cont) {
				return i, false
			}
			if joined == nil {
				joined = append(joined, text...)
			}
			joined = append(joined, '\n')
			joined = append(joined, cont...)
			i++
		}
		if joined != nil {
			text = string(joined)
		}
		c.write("<li>")
		if !c.inline(text, false) {
			return i, false
		}
		c.write("</li>\n")
		if i < len(c.lines) && !blank(c.line(i)) {
			if _, _, _, ok := listItem(c.line(i)); !ok {
				return i, false // a lazy continuation, or a block that ends the list
			}
		}
	}
	// What follows the blank line must neither continue the list nor
	// make it loose.
	j := i
	for j < len(c.lines) && blank(c.line(j)) {
		j++
	}
	if j < len(c.lines) && (c.line(j)[0] == ' ' || marked(c.line(j))) {
		return i, false
	}
	c.write(close)
	return i, true
}

// indented reports whether line starts with exactly n spaces.
func indented(line string, n int) bool {
	if len(line) <= n || line[n] == ' ' {
		return false
	}
	for i := range n {
		if line[i] != ' ' {
			return false
		}
	}
	return true
}

// marked reports whether line starts with what could be a list marker,
// whatever follows it.
func marked(line string) bool {
	i := 0
	switch line[0] {
	case '-', '*', '+':
		i = 1
	default:
		for i < len(line) && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i == 0 || i == len(line) || (line[i] != '.' && line[i] != ')') {
			return false
		}
		i++
	}
	return i == len(line) || line[i] == ' '
}
