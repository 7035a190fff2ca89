package render

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Union returns a file system that shows over on top of under, file by
// file: a site's own layouts/ folder (over, may be nil) replaces exactly
// the embedded default files it has and inherits all the others.
// Directories are merged; a name present in both is taken from over.
func Union(over, under fs.FS) fs.FS {
	switch {
	case over == nil:
		return under
	case under == nil:
		return over
	}
	return union{over: over, under: under}
}

type union struct{ over, under fs.FS }

// Open opens name from over when it has it, else from under. A directory
// present in over comes back with the merged listing.
func (u union) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := u.over.Open(name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return u.under.Open(name)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.IsDir() {
		return f, nil
	}
	entries, err := u.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &unionDir{File: f, entries: entries}, nil
}

// ReadFile reads name from over when it has it, else from under.
func (u union) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(u.over, name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return b, err
	}
	return fs.ReadFile(u.under, name)
}

// ReadDir merges the listings of name in both layers, sorted by name.
func (u union) ReadDir(name string) ([]fs.DirEntry, error) {
	top, errTop := fs.ReadDir(u.over, name)
	if errTop != nil && !errors.Is(errTop, fs.ErrNotExist) {
		return nil, errTop
	}
	low, errLow := fs.ReadDir(u.under, name)
	if errLow != nil && !errors.Is(errLow, fs.ErrNotExist) {
		return nil, errLow
	}
	if errTop != nil && errLow != nil {
		return nil, errTop
	}
	seen := make(map[string]bool, len(top))
	out := slices.Clone(top)
	for _, e := range top {
		seen[e.Name()] = true
	}
	for _, e := range low {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// unionDir is a directory of over whose listing includes under's entries.
type unionDir struct {
	fs.File
	entries []fs.DirEntry
	read    int
}

// ReadDir implements fs.ReadDirFile over the merged listing.
func (d *unionDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.read += len(rest)
	return rest, nil
}
