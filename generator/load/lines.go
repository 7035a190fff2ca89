package load

import (
	"io/fs"
	"strings"
)

// MaxLine is the longest line, in bytes, a record file may have: 64 KiB,
// some 65,000 Latin or 21,000 Japanese characters. A paragraph written on
// one line is a few thousand; a line of a million characters is a pasted
// data dump or a minified file. Inside the 1 MiB of MaxSize such a line
// costs goldmark little when it is plain text, but hundreds of megabytes
// of allocation when it is a million "[" (each a possible link), so the
// limit bounds the cost of the worst line, not only of the usual one.
const MaxLine = 64 << 10

// longLine returns the 1-based number and the length in bytes of the
// first line of text longer than MaxLine, or 0, 0 when there is none.
func longLine(text string) (line, length int) {
	if len(text) <= MaxLine {
		// No line is longer than the whole text: nearly every record is
		// a few kilobytes, and need not be cut into lines at all.
		return 0, 0
	}
	n := 0
	for l := range strings.SplitSeq(text, "\n") {
		n++
		if len(l) > MaxLine {
			return n, len(l)
		}
	}
	return 0, 0
}

// special says why a file of this mode is not a record, or "" when it is
// a regular file or a folder (which Open reports on its own). Checked
// before opening: opening a named pipe waits for a writer forever.
func special(m fs.FileMode) string {
	var what string
	switch {
	case m.IsRegular() || m.IsDir():
		return ""
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "a special file"
	}
	return "is " + what + ", not a regular file; a record is a plain text file"
}
