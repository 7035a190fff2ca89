package generator

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"time"
)

// memFS is a read-only fs.FS over a build's output held in memory, so
// serve answers from the bytes it just rendered while the disk catches up.
// It has two layers: the pages, static files and extras of the newest
// build, and the open data, which serve makes in the background after the
// pages and which may lag one edit behind. Folders are derived from the
// file paths when it is made, or taken over from an earlier memFS with the
// same names.
type memFS struct {
	files map[string][]byte
	data  map[string][]byte
	dirs  map[string][]string // folder → sorted names of its entries
}

// newMemFS wraps files and data (slash paths → bytes; a path in both is
// served from files); the maps must not change afterwards, which the
// Builder guarantees for the maps it returns.
func newMemFS(files, data map[string][]byte) *memFS {
	m := &memFS{files: files, data: data, dirs: map[string][]string{".": nil}}
	seen := map[string]bool{}
	for _, layer := range []map[string][]byte{files, data} {
		for name := range layer {
			for p := name; p != "."; {
				dir := path.Dir(p)
				key := dir + "\x00" + path.Base(p)
				if seen[key] {
					break
				}
				seen[key] = true
				m.dirs[dir] = append(m.dirs[dir], path.Base(p))
				p = dir
			}
		}
	}
	for _, names := range m.dirs {
		slices.Sort(names)
	}
	return m
}

// with returns a memFS over files and data that shares m's folders when
// both layers hold the same names as m's, as they do after nearly every
// edit; finding the folders of 40,000 files again took longer than the
// rest of serving an edit. m may be nil.
func (m *memFS) with(files, data map[string][]byte) *memFS {
	if m == nil || !sameNames(m.files, files) || !sameNames(m.data, data) {
		return newMemFS(files, data)
	}
	return &memFS{files: files, data: data, dirs: m.dirs}
}

// sameNames reports whether a and b hold the same keys.
func sameNames(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			return false
		}
	}
	return true
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m.file(name); ok {
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if entries, ok := m.dirs[name]; ok {
		return &memDir{m: m, name: name, info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// file returns the bytes of the file at name, from either layer.
func (m *memFS) file(name string) ([]byte, bool) {
	if data, ok := m.files[name]; ok {
		return data, true
	}
	data, ok := m.data[name]
	return data, ok
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time         { return time.Time{} }
func (i memInfo) IsDir() bool                { return i.dir }
func (i memInfo) Sys() any                   { return nil }
func (i memInfo) Info() (fs.FileInfo, error) { return i, nil }
func (i memInfo) Type() fs.FileMode          { return i.Mode().Type() }

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error)                { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error)                { return f.r.Read(p) }
func (f *memFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *memFile) ReadAt(p []byte, off int64) (int, error)   { return f.r.ReadAt(p, off) }
func (f *memFile) Close() error                              { return nil }

type memDir struct {
	m       *memFS
	name    string
	info    memInfo
	entries []string
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }

// ReadDir lists the folder's entries in name order.
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	out := make([]fs.DirEntry, len(rest))
	for i, name := range rest {
		full := name
		if d.name != "." {
			full = d.name + "/" + name
		}
		if data, ok := d.m.file(full); ok {
			out[i] = memInfo{name: name, size: int64(len(data))}
		} else {
			out[i] = memInfo{name: name, dir: true}
		}
	}
	d.off += len(rest)
	return out, nil
}

var _ fs.ReadDirFile = (*memDir)(nil)
var _ io.Seeker = (*memFile)(nil)
