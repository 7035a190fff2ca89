package load

import "strings"

// MaxNesting is the deepest nesting of lists and block quotes a piece of
// Markdown may have, counted line by line (see Nesting). goldmark parses
// and renders nested blocks by recursion: a body of 10,000 "> " markers,
// only 20 KB, took half a second and 330 MB of stack to render, and one of
// 100,000 markers ran the machine out of memory. No honest record nests
// more than a handful of levels, so 100 leaves room to spare while keeping
// every body's cost bounded.
const MaxNesting = 100

// Nesting returns the deepest nesting of list items and block quotes that
// any line of Markdown text s opens, and the 1-based line where it is
// first reached. A line's depth counts its block quote markers (">"), its
// list markers ("-", "+", "*", "1." or "1)" followed by a blank or the end
// of the line), and its indentation in steps of two columns beyond the one
// blank a marker needs, since a nested list item is indented under its
// parent. It is an estimate from above: it never counts fewer levels than
// goldmark would open, and is cheap enough to run on every record.
func Nesting(s string) (depth, line int) {
	n := 0
	for l := range strings.SplitSeq(s, "\n") {
		n++
		if d := lineNesting(l); d > depth {
			depth, line = d, n
		}
	}
	return depth, line
}

// lineNesting is Nesting for one line.
func lineNesting(l string) int {
	markers, blanks := 0, 0
	i := 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ':
			blanks++
			i++
		case c == '\t':
			blanks += 4
			i++
		case c == '>':
			markers++
			i++
			if i < len(l) && l[i] == ' ' {
				i++ // the one blank after a marker is part of it
			}
		case c == '-' || c == '+' || c == '*':
			if i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
				return markers + blanks/2
			}
			markers++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j >= len(l) || (l[j] != '.' && l[j] != ')') || (j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t') {
				return markers + blanks/2
			}
			markers++
			i = j + 2
		default:
			return markers + blanks/2
		}
	}
	return markers + blanks/2
}
