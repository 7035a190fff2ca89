// Package sitetest builds whole sites from small inline fixtures, in the
// style of Hugo's integration tests: a test reads like its fixture.
//
// A fixture is a txtar archive: each "-- path --" line starts a file, and
// the lines up to the next marker are its content. Files under want/ are
// not part of the site; they hold the test's expectations (want/stderr,
// want/files, want/…) so a new case can be a new testdata file, not new Go.
package sitetest

import (
	"strings"
	"testing/fstest"
)

// File is one file of an archive.
type File struct {
	Name string
	Data string
}

// Parse reads a txtar archive. As in golang.org/x/tools/txtar, no input is
// a syntax error: text before the first marker is a comment and is
// returned first.
func Parse(text string) (comment string, files []File) {
	var cur *File
	var b strings.Builder
	flush := func() {
		if cur == nil {
			comment = b.String()
		} else {
			cur.Data = b.String()
			files = append(files, *cur)
		}
		b.Reset()
	}
	for line := range strings.SplitAfterSeq(text, "\n") {
		trim := strings.TrimRight(line, "\r\n")
		if name, ok := marker(trim); ok {
			flush()
			cur = &File{Name: name}
			continue
		}
		b.WriteString(line)
	}
	flush()
	return comment, files
}

// marker reports whether line is "-- name --" and returns the name.
func marker(line string) (string, bool) {
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	name := strings.TrimSpace(line[3 : len(line)-3])
	return name, name != ""
}

// Split turns an archive into the site's files (as an in-memory file
// system) and the expectations under want/, keyed without the prefix.
func Split(text string) (site fstest.MapFS, want map[string]string) {
	_, files := Parse(text)
	site = fstest.MapFS{}
	want = map[string]string{}
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.Name, "want/"); ok {
			want[rest] = f.Data
			continue
		}
		site[f.Name] = &fstest.MapFile{Data: []byte(f.Data), Mode: 0o644}
	}
	return site, want
}
