// Package diag holds what linewatch tells an editor about their content:
// positions in a file, diagnostics tied to a field, a list that collects
// every problem of a run, and "did you mean" suggestions.
//
// It follows go/scanner's ErrorList: every stage adds to a List instead of
// stopping at the first problem, so an editor sees all mistakes in one run.
// The list sorts by file, line, column and message, drops exact duplicates,
// and prints one problem per line in the shape
//
//	path:line:col: field: message
//
// where an unknown line or column is left out rather than printed as zero.
// The package knows nothing of TOML, files or HTML; it only formats.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Pos is a place in a source file. Path is slash-separated and relative to
// the site folder; Line and Col count from 1, and 0 means unknown.
type Pos struct {
	Path string
	Line int
	Col  int
}

// String formats the position as path:line:col, leaving out unknown parts.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// Diagnostic is one problem found in content: where it is, which field
// (a key path such as "services[2].status", counted from 1 as editors
// count; empty for problems of a whole file) and what is wrong.
type Diagnostic struct {
	Pos   Pos
	Field string
	Msg   string
}

// String formats the diagnostic as "path:line:col: field: message".
func (d Diagnostic) String() string {
	s := d.Pos.String()
	if d.Field != "" {
		s += ": " + d.Field
	}
	return s + ": " + d.Msg
}

// Error lets a single Diagnostic be returned as an error.
func (d Diagnostic) Error() string { return d.String() }

// List collects diagnostics. The zero value is an empty list ready to use.
type List []Diagnostic

// Add appends a diagnostic with a formatted message.
func (l *List) Add(pos Pos, field, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// Append adds every diagnostic of other to l.
func (l *List) Append(other List) { *l = append(*l, other...) }

// compare orders diagnostics by path, line, column, field and message.
func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.Path, b.Pos.Path),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Field, b.Field),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// Sort orders the list by path, line, column, field and message and drops
// exact duplicates, so output is stable whatever order stages ran in.
func (l *List) Sort() {
	slices.SortFunc(*l, compare)
	*l = slices.CompactFunc(*l, func(a, b Diagnostic) bool { return compare(a, b) == 0 })
}

// Files counts the distinct files the list names.
func (l List) Files() int {
	seen := make(map[string]bool)
	for _, d := range l {
		seen[d.Pos.Path] = true
	}
	return len(seen)
}

// Summary says how many problems were found in how many files, as in
// "3 problems in 2 files", for the last line of a failed check.
func (l List) Summary() string {
	p, f := "problems", "files"
	if len(l) == 1 {
		p = "problem"
	}
	if l.Files() == 1 {
		f = "file"
	}
	return fmt.Sprintf("%d %s in %d %s", len(l), p, l.Files(), f)
}

// Err returns nil for an empty list and the list itself otherwise, so a
// stage can end with "return result, list.Err()".
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error shows the first problem and how many more there are.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no problems"
	case 1:
		return l[0].String()
	}
	return fmt.Sprintf("%s (and %d more)", l[0], len(l)-1)
}

// String prints one diagnostic per line, each ending in a newline.
func (l List) String() string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}
