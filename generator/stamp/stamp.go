// Package stamp lets `linewatch build` tell in a few milliseconds that
// nothing has changed since its last build, instead of loading, checking
// and rendering the whole site to find that every byte is the same
// (issue 5: a no-op rebuild of 2,000 agencies under 100 ms, where a full
// build takes most of a second).
//
// A Stamp records what a build read and what it made: the size and
// modification time of every file under the site's inputs (site.toml,
// content/, layouts/), a digest of the program that built it (a new
// linewatch, or new embedded layouts, builds anew), the output folder and
// a digest of the SHA256SUMS it published there (an output folder that was
// deleted, replaced or built by something else builds anew). A later
// build that takes a new stamp of the inputs and finds that the saved one
// Matches it has nothing to do.
//
// File times are coarse (a kernel tick, or a whole second on some file
// systems), so a file written shortly before the stamp was taken could be
// written again without its size or time changing. For such a "racily
// clean" file (git's term) the stamp also keeps a digest of its content,
// and Matches reads and hashes it again. Symbolic links and other special
// files are not stamped at all: their targets can change behind them, so
// a site holding one always builds in full.
//
// Stamps live in the user's cache folder, not beside the site or the
// output: nothing is added to a folder an editor commits or a web server
// publishes, and losing a stamp costs one full build.
package stamp

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Stamp is what one build read and made.
type Stamp struct {
	Program string // digest of the linewatch executable (ProgramDigest)
	// ProgramStat identifies the executable file the digest was taken of
	// (its device, inode, size and times; see ProgramDigest), "" when
	// unknown.
	ProgramStat string
	Out         string // the absolute output folder
	Manifest    string // digest of Out/SHA256SUMS as the build published it
	Taken       int64  // Unix nanoseconds when the inputs were first looked at
	Files       []File // every input file, sorted by path
}

// File is one input file as the stamp saw it.
type File struct {
	Path    string // slash path relative to the site folder
	Size    int64
	ModTime int64  // Unix nanoseconds
	Digest  string // hex SHA-256 of the content when the file was racily clean, else ""
}

// Racy is how much older than the stamp a file's time must be for the
// time alone to vouch for it: more than the coarsest file time and the
// lag of the kernel's coarse clock behind the one Take reads.
const Racy = 2 * time.Second

// ErrSpecial means the inputs hold a symbolic link or another file that is
// not a plain file or folder, which a stamp cannot vouch for.
var ErrSpecial = errors.New("the site holds a symbolic link or special file")

// header starts every stamp file; a stamp of another format is ignored.
const header = "linewatch stamp 2"

// Take stamps the inputs of the site in dir: the files and folders named
// by roots (slash paths relative to dir; ones that do not exist are left
// out) and everything below them that keep keeps (a nil keep keeps all;
// a folder it does not keep is not walked). Program, Out and Manifest are
// left for the caller. It returns ErrSpecial when it meets a link or
// special file it keeps.
//
// The folders are listed first, then the files are looked at (lstat, and
// hashed when racily clean) on every core: at 26,000 inputs the looking
// is most of the time, a system call each.
func Take(dir string, keep func(path string, isDir bool) bool, roots ...string) (Stamp, error) {
	s := Stamp{Taken: time.Now().UnixNano()}
	var fulls []string
	prefix := filepath.Clean(dir) + string(filepath.Separator)
	for _, root := range roots {
		top := filepath.Join(dir, filepath.FromSlash(root))
		err := filepath.WalkDir(top, func(full string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && full == top {
					return nil
				}
				return err
			}
			rel, ok := strings.CutPrefix(full, prefix)
			if !ok {
				if rel, err = filepath.Rel(dir, full); err != nil {
					return err
				}
			}
			rel = filepath.ToSlash(rel)
			if keep != nil && !keep(rel, d.IsDir()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				return ErrSpecial
			}
			s.Files = append(s.Files, File{Path: rel})
			fulls = append(fulls, full)
			return nil
		})
		if err != nil {
			return Stamp{}, err
		}
	}
	// Each goroutine looks at every n-th file, so that files of one
	// folder, listed together, are spread over the cores.
	n := min(runtime.GOMAXPROCS(0), max(len(fulls)/256, 1))
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(fulls); i += n {
				if errs[w] = s.look(&s.Files[i], fulls[i]); errs[w] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Stamp{}, err
	}
	slices.SortFunc(s.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return s, nil
}

// look fills in f, the file at full, as the stamp s sees it: its size and
// time, and its digest when it is racily clean.
func (s *Stamp) look(f *File, full string) error {
	info, err := os.Lstat(full)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return ErrSpecial // replaced since the folder was listed
	}
	f.Size, f.ModTime = info.Size(), info.ModTime().UnixNano()
	if f.ModTime > s.Taken-int64(Racy) {
		if f.Digest, err = FileDigest(full); err != nil {
			return err
		}
	}
	return nil
}

// Matches reports whether now, a stamp just taken of the site in dir,
// shows the inputs, program and output exactly as s, the saved stamp,
// recorded them. A file s holds a digest of is read and hashed again.
func (s Stamp) Matches(dir string, now Stamp) bool {
	if s.Program == "" || s.Program != now.Program || s.Out != now.Out || s.Manifest == "" || s.Manifest != now.Manifest {
		return false
	}
	return SameFiles(dir, s.Files, now.Files)
}

// SameFiles reports whether saved, files of a saved stamp, and now, the
// same files as a stamp just taken saw them, hold the same paths, sizes
// and times, and, for each file saved with a digest, the same content
// (read and hashed again when now has no digest of it).
func SameFiles(dir string, saved, now []File) bool {
	if len(saved) != len(now) {
		return false
	}
	for i, f := range saved {
		if !SameFile(dir, f, now[i]) {
			return false
		}
	}
	return true
}

// SameFile is SameFiles for one file.
func SameFile(dir string, saved, now File) bool {
	if saved.Path != now.Path || saved.Size != now.Size || saved.ModTime != now.ModTime {
		return false
	}
	if saved.Digest == "" {
		return true
	}
	d := now.Digest
	if d == "" {
		var err error
		if d, err = FileDigest(filepath.Join(dir, filepath.FromSlash(saved.Path))); err != nil {
			return false
		}
	}
	return d == saved.Digest
}

// Save writes the stamp to name, whole or not at all: it writes a
// temporary file beside it and renames it over name.
func (s Stamp) Save(name string) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nprogram %s\nprogram-stat %s\nout %s\nmanifest %s\ntaken %d\n", header, s.Program, s.ProgramStat, strconv.Quote(s.Out), s.Manifest, s.Taken)
	// One line per input file, 20,000 of them for a national site: built
	// with appends, which costs a fraction of Fprintf's formatting.
	var line []byte
	for _, f := range s.Files {
		line = strconv.AppendInt(line[:0], f.Size, 10)
		line = append(line, ' ')
		line = strconv.AppendInt(line, f.ModTime, 10)
		line = append(line, ' ')
		line = append(line, cmp.Or(f.Digest, "-")...)
		line = append(line, ' ')
		line = strconv.AppendQuote(line, f.Path)
		line = append(line, '\n')
		b.Write(line)
	}
	return WriteWhole(name, b.Bytes(), "stamp")
}

// Load reads a stamp saved by Save. A file that is not a whole stamp of
// this format is an error; callers treat any error as "build in full".
func Load(name string) (Stamp, error) { return load(name, false) }

// LoadHead reads a stamp saved by Save but for its Files, which it leaves
// nil: all a build needs to know that it must build when the program or
// the output changed, without parsing a line per input file (26 ms at
// 20,000 agencies).
func LoadHead(name string) (Stamp, error) { return load(name, true) }

// load is Load, or LoadHead when head is set.
func load(name string, head bool) (Stamp, error) {
	f, err := os.Open(name)
	if err != nil {
		return Stamp{}, err
	}
	defer f.Close()
	s, err := readStamp(bufio.NewReader(f), head)
	if err != nil {
		return Stamp{}, fmt.Errorf("stamp %s: %w", name, err)
	}
	return s, nil
}

// readStamp reads what Save wrote from r; only the head when head is set.
func readStamp(r *bufio.Reader, head bool) (Stamp, error) {
	line := func() (string, error) {
		l, err := r.ReadString('\n')
		if err != nil {
			return "", io.ErrUnexpectedEOF
		}
		return strings.TrimSuffix(l, "\n"), nil
	}
	var s Stamp
	if l, err := line(); err != nil || l != header {
		return Stamp{}, errors.New("not a stamp of this linewatch")
	}
	var out string
	var err error
	for _, f := range []struct {
		key string
		to  *string
	}{{"program", &s.Program}, {"program-stat", &s.ProgramStat}, {"out", &out}, {"manifest", &s.Manifest}} {
		if *f.to, err = field(line, f.key); err != nil {
			return Stamp{}, err
		}
	}
	if s.Out, err = strconv.Unquote(out); err != nil {
		return Stamp{}, fmt.Errorf("out: %w", err)
	}
	if s.Taken, err = intField(line, "taken"); err != nil {
		return Stamp{}, err
	}
	if head {
		return s, nil
	}
	for {
		l, err := r.ReadString('\n')
		if err == io.EOF && l == "" {
			return s, nil
		}
		if err != nil {
			return Stamp{}, io.ErrUnexpectedEOF
		}
		size, rest, _ := strings.Cut(strings.TrimSuffix(l, "\n"), " ")
		mod, rest, _ := strings.Cut(rest, " ")
		digest, quoted, _ := strings.Cut(rest, " ")
		var f File
		var err1, err2, err3 error
		f.Size, err1 = strconv.ParseInt(size, 10, 64)
		f.ModTime, err2 = strconv.ParseInt(mod, 10, 64)
		f.Path, err3 = strconv.Unquote(quoted)
		if digest != "-" {
			f.Digest = digest
		}
		if err := errors.Join(err1, err2, err3); err != nil {
			return Stamp{}, fmt.Errorf("file line %q: %w", l, err)
		}
		s.Files = append(s.Files, f)
	}
}

// field returns the value of the line "KEY VALUE" that line reads next,
// for a stamp or pages file's head.
func field(line func() (string, error), key string) (string, error) {
	l, err := line()
	if err != nil {
		return "", err
	}
	v, ok := strings.CutPrefix(l, key+" ")
	if !ok {
		return "", fmt.Errorf("want %s, got %q", key, l)
	}
	return v, nil
}

// intField is field for a number.
func intField(line func() (string, error), key string) (int64, error) {
	v, err := field(line, key)
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", key, err)
	}
	return n, nil
}

// Location returns where the stamp of building the site in dir into the
// output named by out (the -out flag as given, "" for site.toml's) lives:
// a file in the user's cache folder named by a digest of both.
func Location(dir, out string) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if out != "" {
		if out, err = filepath.Abs(out); err != nil {
			return "", err
		}
	}
	sum := sha256.Sum256([]byte(abs + "\x00" + out))
	return filepath.Join(cache, "linewatch", "stamps", hex.EncodeToString(sum[:16])), nil
}

// ProgramDigest returns the digest of the executable at exe and what
// identifies the file it was taken of (see Stamp.ProgramStat). When that
// file is the one saved, a stamp loaded from the last build, digested,
// the saved digest is returned without reading the file again: hashing a
// 16 MB program took 15 ms of every build. A file rewritten in place gets
// a new change time, a file put in its place a new inode, so a changed
// program is always read (git trusts its index the same way). As with
// input files, a program changed less than Racy before the saved stamp
// was taken could change again within the same tick of the file clock,
// so its saved digest is not trusted.
//
// A program the go command built is then named by its Go build ID
// ("go:" and the ID, see goBuildID) without being hashed; any other
// program by the hex SHA-256 of the file.
func ProgramDigest(exe string, saved Stamp) (digest, stat string, err error) {
	stat, changed := fileID(exe)
	if stat != "" && stat == saved.ProgramStat && saved.Program != "" && changed < saved.Taken-int64(Racy) {
		return saved.Program, stat, nil
	}
	if id := goBuildID(exe); id != "" {
		return "go:" + id, stat, nil
	}
	digest, err = FileDigest(exe)
	return digest, stat, err
}

// FileDigest returns the hex SHA-256 of the file at name: of the running
// program (os.Executable) or of a published SHA256SUMS.
func FileDigest(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
