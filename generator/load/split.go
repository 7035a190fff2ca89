package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// delim is the line that opens and closes TOML front matter.
const delim = "+++"

// normalise prepares raw file bytes for parsing: it rejects text that is
// not UTF-8 or holds NUL bytes (a binary file saved with the wrong name),
// drops a byte order mark and turns CRLF into LF, so that positions count
// lines as the editor shows them. The problem, if any, comes with the line
// and column where it was found.
//
// The text shares b's memory, so the caller must not change b afterwards:
// a record is read into a buffer of its own and then only read, and
// copying every file once more would be a good part of what loading
// allocates.
func normalise(b []byte) (text string, line, col int, problem string) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
		return problemAt(b)
	}
	if bytes.Contains(b, []byte("\r\n")) {
		return strings.ReplaceAll(string(b), "\r\n", "\n"), 0, 0, ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), 0, 0, ""
}

// problemAt finds the first invalid UTF-8 sequence or NUL byte in b,
// which normalise knows to be there, and says where it is.
func problemAt(b []byte) (text string, line, col int, problem string) {
	line, col = 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return "", line, col, fmt.Sprintf("file is not valid UTF-8 text (byte 0x%02x); save it as UTF-8", b[i])
		case r == 0:
			return "", line, col, "file contains a NUL byte; is it a binary file?"
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return "", line, col, "file is not valid UTF-8 text; save it as UTF-8"
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
	// Most lines do not start with "+++"; they are ruled out without
	// trimming them.
	return strings.HasPrefix(line, delim) && strings.TrimRight(line, " \t") == delim
}
