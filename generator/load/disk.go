package load

import (
	"errors"
	"io/fs"
	"math"
	"os"

	"linewatch/generator/internal/quick"
)

// DirFS is os.DirFS(dir) for a site folder on disk, as the Builder reads
// it: the same files, names and errors, with records read in fewer system
// calls where the system allows (see readLimited). Loading 20,000 records
// through os.File costs five system calls per file for the runtime's
// poller, which cannot poll regular files anyway. A folder held in memory
// is read with quick calls (package quick).
func DirFS(dir string) fs.FS {
	return diskFS{FS: os.DirFS(dir), dir: dir, calls: quick.For(dir)}
}

// diskFS is a site folder on disk. It keeps every method os.DirFS has, so
// that load sees links (fs.ReadLinkFS) and fs.WalkDir reads folders as
// with os.DirFS itself.
type diskFS struct {
	fs.FS
	dir   string
	calls quick.Calls // how its files are read
}

func (d diskFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

// ReadFile reads a whole file, as layouts are read, following a link, but
// refuses one that is not a regular file (readFileLimited without a
// limit): a named pipe left in layouts/ would otherwise hold a build, or
// serve, waiting for a writer for ever.
func (d diskFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := name
	if d.dir != "" {
		full = d.dir + string(os.PathSeparator) + name
	}
	b, _, err := readFileLimited(full, math.MaxInt, false, nil, nil, d.calls)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = name // as os.DirFS names it: relative to the site folder
		}
	}
	return b, err
}

// errNotRegular is why a named pipe, device or socket is not read.
var errNotRegular = errors.New("not a regular file")

func (d diskFS) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(d.FS, name) }
func (d diskFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.FS, name) }
func (d diskFS) ReadLink(name string) (string, error)   { return fs.ReadLink(d.FS, name) }

// readLimited reads the file name, or reports it too large when it holds
// more than limit bytes (reading at most limit+1 of them). With regular
// set it refuses anything but a regular file: a link is not followed, and
// a named pipe put in the file's place is neither waited on nor read, and
// a non-nil seen gets what fstat said of the file read. The file is read
// into a buffer from texts (nil: its own).
func (d diskFS) readLimited(name string, limit int, regular bool, seen *Seen, texts *textArena) (data []byte, tooLarge bool, err error) {
	if !fs.ValidPath(name) {
		return nil, false, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := name
	if d.dir != "" {
		full = d.dir + string(os.PathSeparator) + name
	}
	return readFileLimited(full, limit, regular, seen, texts, d.calls)
}
