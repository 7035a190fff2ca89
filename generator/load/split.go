package load

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// delim is the line that opens and closes TOML front matter.
const delim = "+++"

// normalise prepares raw file bytes for parsing: it rejects text that is
// not UTF-8 or holds NUL bytes (a binary file saved with the wrong name),
// drops a byte order mark and turns CRLF into LF, so that positions count
// lines as the editor shows them. The problem, if any, comes with the line
// and column where it was found.
func normalise(b []byte) (text string, line, col int, problem string) {
	s := string(b)
	s = strings.TrimPrefix(s, "\uFEFF")
	line, col = 1, 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return "", line, col, fmt.Sprintf("file is not valid UTF-8 text (byte 0x%02x); save it as UTF-8", s[i])
		case r == 0:
			return "", line, col, "file contains a NUL byte; is it a binary file?"
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	return s, 0, 0, ""
}

// parts is a Markdown file cut into front matter and body.
type parts struct {
	HasFront  bool   // the file opens with a +++ line
	Front     string // the TOML between the +++ lines
	FrontLine int    // the file line of Front's first line
	Body      string // everything after the closing +++ line
	BodyLine  int    // the file line where Body starts
}

// split cuts normalised text into front matter and body. Front matter must
// open on the very first line, so a "+++" further down (a Markdown rule, say)
// is body text. A file without front matter is all body. An opening line
// without a closing one is an error: guessing where the TOML ends would
// publish half a record.
func split(text string) (parts, string) {
	first, rest, _ := strings.Cut(text, "\n")
	if !isDelim(first) {
		return parts{Body: text, BodyLine: 1}, ""
	}
	p := parts{HasFront: true, FrontLine: 2}
	line := 2
	for off := 0; off <= len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		cur := rest[off:]
		next := len(rest) + 1
		if end >= 0 {
			cur = rest[off : off+end]
			next = off + end + 1
		}
		if isDelim(cur) {
			p.Front = rest[:off]
			if next <= len(rest) {
				p.Body = rest[next:]
			}
			p.BodyLine = line + 1
			return p, ""
		}
		if end < 0 {
			break
		}
		off = next
		line++
	}
	return parts{}, "front matter opened with +++ on line 1 is never closed; add a +++ line after the last key"
}

// isDelim reports whether a line is the +++ delimiter, allowing trailing
// blanks that editors leave and nobody can see.
func isDelim(line string) bool {
	return strings.TrimRight(line, " \t") == delim
}
