package load

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"

	"linewatch/generator/diag"
	"linewatch/generator/load/tomlfast"
)

// Kind says what a document is, from the folder it lives in.
type Kind int

// The kinds of documents. The zero Kind is not a record, so a Doc that was
// never filled in is not mistaken for an agency.
const (
	Unknown    Kind = iota
	Agency          // content/agencies/**
	Event           // content/events/**
	Page            // content/pages/**
	SiteConfig      // site.toml
	Survey          // content/surveys/**
)

// String names the kind as an editor would, for messages.
func (k Kind) String() string {
	switch k {
	case Agency:
		return "agency"
	case Event:
		return "event"
	case Page:
		return "page"
	case SiteConfig:
		return "site configuration"
	case Survey:
		return "survey"
	}
	return "unknown"
}

// folders maps each record folder to the kind of the files below it, in
// path order.
var folders = []struct {
	dir  string
	kind Kind
}{
	{"content/agencies", Agency},
	{"content/events", Event},
	{"content/pages", Page},
	{"content/surveys", Survey},
}

// ConfigPath is where the site configuration lives, relative to the site
// folder.
const ConfigPath = "site.toml"

// MaxSize is the largest record file load will parse, 1 MiB. See the
// package documentation for why there is a limit.
const MaxSize = 1 << 20

// Table is a decoded TOML table, as tomlfast gives it: Doc.Fields and
// every table below it. The alias lets validate read documents without
// importing the decoder.
type Table = tomlfast.Table

// Doc is one file as read from disk, before any meaning is given to its
// fields. Validate turns a []Doc into typed model values.
type Doc struct {
	Path     string // slash path relative to the site folder, e.g. "content/agencies/osaka/osaka-city.md"
	Kind     Kind   // from the folder the file is in
	Slug     string // file name without extension and without ".ja"
	JA       bool   // a NAME.ja.md Japanese sibling
	Fields   *Table // decoded TOML (front matter or whole .toml file); nil when none
	Body     string // Markdown body ("" for .toml files)
	BodyLine int    // 1-based line where the body starts in the file; 0 for .toml files

	// keys finds where each key was written (see Pos); nil when there are
	// no fields.
	keys *keyIndex
	// text is the normalised file everything here was made from, for
	// Same; Body and the TOML hold parts of it, so keeping it costs
	// nothing.
	text string

	// Seen is what the file system said of the file as it was read: the
	// stamp of a build (package stamp) is made from it, so that it tells
	// exactly which file a build read, with no second look at each file.
	Seen Seen

	// Broken is set when load reported a problem that kept the file from
	// being read or parsed. Validate still counts the file (its slug is
	// taken, its Japanese sibling is not an orphan) but checks none of its
	// fields, so an editor is not buried under consequences of one typo.
	Broken bool
}

// Seen is what the file system said of a record file as it was read,
// through the descriptor it was read from (on Unix; elsewhere just before
// reading). A file changed since has a new size or time, unless it
// changed within the same tick of the file clock: for a file modified
// just before the build, DirDigesting keeps a digest of its content too.
type Seen struct {
	Size    int64  // bytes, before the read
	ModTime int64  // modification time, Unix nanoseconds
	Digest  string // hex SHA-256 of the bytes read, for a file modified after the time given to DirDigesting; else ""
	// Regular is set when the file was read as a regular file and not
	// through a link; otherwise nothing here is known.
	Regular bool
}

// Same reports whether d and o were read from the same path with the same
// text, so that one stands for the other: everything load gives is made
// from those two alone (and a missing site.toml, which has no fields, is
// not the same as an empty one). It lets a rebuild keep what it made from
// a file that was saved without a change, and a cache of checks know a
// record it has seen. A Broken document is never the same as another: a
// read can fail for reasons outside the file (a permission, a link), so it
// is always read and judged again.
func (d *Doc) Same(o *Doc) bool {
	return !d.Broken && !o.Broken && d.Path == o.Path && d.text == o.text && (d.Fields == nil) == (o.Fields == nil)
}

// Pos returns where a key path ("services[2].status", see the package
// documentation) was written in the file, and false when the file does
// not define it. Only a problem needs a position, so the index is built
// on the first call, not when the file is loaded; Pos is safe for
// concurrent use.
func (d *Doc) Pos(key string) (diag.Pos, bool) {
	if d.keys == nil {
		return diag.Pos{}, false
	}
	return d.keys.pos(key)
}

// keyIndex is the lazily built index behind Doc.Pos: the TOML text it is
// made from, where that text starts in the file, and, once built, the map.
type keyIndex struct {
	path  string
	text  string
	first int

	once sync.Once
	m    map[string]diag.Pos
}

func (k *keyIndex) pos(key string) (diag.Pos, bool) {
	k.once.Do(func() { k.m = indexKeys(k.path, k.text, k.first) })
	p, ok := k.m[key]
	return p, ok
}

// KindOf returns the kind of a record path, and Unknown for anything that
// Dir would not load: files outside the record folders, extensions other
// than .md and .toml, and editor leftovers. The Builder uses it to sort a
// changed path during watch.
func KindOf(p string) Kind {
	if Ignored(path.Base(p)) {
		return Unknown
	}
	if p == ConfigPath {
		return SiteConfig
	}
	if ext := path.Ext(p); ext != ".md" && ext != ".toml" {
		return Unknown
	}
	for _, f := range folders {
		if strings.HasPrefix(p, f.dir+"/") {
			return f.kind
		}
	}
	return Unknown
}

// SlugOf returns the slug of the record at slash path p, as Doc.Slug has
// it: the file name without its extension and without ".ja". The Builder
// uses it to tell what a record that is gone fed.
func SlugOf(p string) string {
	slug, _ := slugOf(p)
	return slug
}

// slugOf is SlugOf, and whether p is a Japanese body (NAME.ja.md).
func slugOf(p string) (slug string, ja bool) {
	base := path.Base(p)
	slug = strings.TrimSuffix(base, path.Ext(base))
	if strings.HasSuffix(base, ".ja.md") {
		return strings.TrimSuffix(slug, ".ja"), true
	}
	return slug, false
}

// Reads reports whether Dir reads the file at slash path p or, for a
// folder, whether Dir looks inside it: content/ and the record folders,
// and any folder below those that is not an editor's or system's
// leftover. A stamp of the records (package stamp) walks what this keeps,
// so that it covers exactly the files a build reads.
func Reads(p string, isDir bool) bool {
	if !isDir {
		k := KindOf(p)
		return k != Unknown && k != SiteConfig
	}
	for _, f := range folders {
		switch {
		case p == f.dir || strings.HasPrefix(f.dir, p+"/"):
			return true // a record folder, or a folder holding one
		case strings.HasPrefix(p, f.dir+"/"):
			return !Ignored(path.Base(p))
		}
	}
	return false
}

// Dir loads every record under content/agencies, content/events,
// content/pages and content/surveys, in parallel, and returns them sorted by path together with
// the problems that kept files from being read. A missing folder simply
// has no records.
func Dir(fsys fs.FS) ([]Doc, diag.List) {
	return DirDigesting(fsys, math.MaxInt64)
}

// DirDigesting is Dir that also keeps, in the Seen of each file modified
// after after (Unix nanoseconds), a digest of the bytes it read: a stamp
// (package stamp) made from what a build read cannot trust the time of a
// file saved a moment before (see stamp.Racy), so it needs its content.
func DirDigesting(fsys fs.FS, after int64) ([]Doc, diag.List) {
	return List(fsys).Read(fsys, after)
}

// Listing is the record files of a site folder, found but not yet read:
// see List. Knowing how many there are before reading any lets a build
// mark its heap for them first (the generator's hugeHeap).
type Listing struct {
	files []listed
	diags diag.List // folders that could not be listed
}

// listed is a file List found, and whether the folder listing says it is
// a regular file (see read).
type listed struct {
	path    string
	regular bool
}

// Len is how many record files the listing holds.
func (l Listing) Len() int { return len(l.files) }

// List walks the record folders as Dir does and returns what it found, in
// path order, without reading any file.
func List(fsys fs.FS) Listing {
	var l Listing
	for _, f := range folders {
		err := fs.WalkDir(fsys, f.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == f.dir && errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				l.diags.Add(diag.Pos{Path: p}, "", "cannot read: %v", plainErr(err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != f.dir && Ignored(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && KindOf(p) != Unknown {
				l.files = append(l.files, listed{p, d.Type().IsRegular()})
			}
			return nil
		})
		if err != nil {
			l.diags.Add(diag.Pos{Path: f.dir}, "", "cannot read: %v", plainErr(err))
		}
	}
	// WalkDir lists each folder by name, which is not quite path order
	// ("b-c/x" sorts before "b/x").
	slices.SortFunc(l.files, func(a, b listed) int { return strings.Compare(a.path, b.path) })
	return l
}

// ListOf is the listing of record files another walk of the site folder
// found, by the same rule (Reads) and as plain files: a stamp's (package
// stamp), which a build from a prior one has just taken. Paths that are
// not records are left out; the rest are put in path order.
func ListOf(paths []string) Listing {
	var l Listing
	for _, p := range paths {
		if k := KindOf(p); k != Unknown && k != SiteConfig {
			l.files = append(l.files, listed{p, true})
		}
	}
	slices.SortFunc(l.files, func(a, b listed) int { return strings.Compare(a.path, b.path) })
	return l
}

// Read reads and parses every file of the listing from fsys, in parallel,
// as DirDigesting does, and returns the documents in path order with the
// problems that kept files or folders from being read.
func (l Listing) Read(fsys fs.FS, digestAfter int64) ([]Doc, diag.List) {
	files := l.files
	docs := make([]Doc, len(files))
	lists := make([]diag.List, len(files))
	// Each reader takes the next file by a counter. Handed out over a
	// channel, each file made the sender and a reader trade places on
	// one core: a runtime trace of a cold build of 2,000 agencies showed
	// the two cores 1.2-1.5 busy for 20 ms of the reading, and 2.0 this
	// way (30 interleaved builds: 389 -> 383 ms).
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			var texts textArena
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				docs[i], lists[i] = file(fsys, files[i].path, files[i].regular, digestAfter, &texts)
			}
		})
	}
	wg.Wait()
	diags := slices.Clone(l.diags)
	for _, d := range lists {
		diags.Append(d)
	}
	return docs, diags
}

// File loads one record, for incremental rebuilds; its kind comes from its
// folder, and the path "site.toml" loads the configuration as Config does.
func File(fsys fs.FS, p string) (Doc, diag.List) {
	return file(fsys, p, false, math.MaxInt64, nil)
}

// file is File for a path that a folder listing may have just said is a
// regular file, which spares reading it as a link first (see read), and
// that keeps a digest of its bytes when it was modified after digestAfter.
// A file on disk is read into a buffer from texts (nil: its own).
func file(fsys fs.FS, p string, regular bool, digestAfter int64, texts *textArena) (Doc, diag.List) {
	if p == ConfigPath {
		return Config(fsys)
	}
	doc := Doc{Path: p, Kind: KindOf(p), BodyLine: 1}
	doc.Slug, doc.JA = slugOf(p)
	var diags diag.List
	if doc.Kind == Unknown {
		diags.Add(diag.Pos{Path: p}, "", "not a record: records are .md or .toml files under content/agencies, content/events, content/pages or content/surveys")
		doc.Broken = true
		return doc, diags
	}
	text, ok := read(fsys, p, regular, &doc.Seen, digestAfter, texts, &diags)
	if !ok {
		doc.Broken = true
		return doc, diags
	}
	doc.text = text
	if path.Ext(p) == ".toml" {
		doc.Fields, doc.keys = decode(p, text, 1, &diags)
		doc.Broken = doc.Fields == nil
		doc.BodyLine = 0
		return doc, diags
	}
	parts, problem := split(text)
	if problem != "" {
		diags.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "", "%s", problem)
		doc.Broken = true
		return doc, diags
	}
	doc.Body, doc.BodyLine = parts.Body, parts.BodyLine
	if depth, line := Nesting(doc.Body); depth > MaxNesting {
		diags.Add(diag.Pos{Path: p, Line: doc.BodyLine + line - 1}, "", "lists or block quotes nested %d levels deep; at most %d are allowed; flatten the body", depth, MaxNesting)
		doc.Broken = true
		return doc, diags
	}
	if !parts.HasFront {
		if !doc.JA {
			diags.Add(diag.Pos{Path: p, Line: 1}, "", "missing +++ front matter: a record starts with a +++ line, its TOML fields, and another +++ line")
			doc.Broken = true
		}
		return doc, diags
	}
	doc.Fields, doc.keys = decode(p, parts.Front, parts.FrontLine, &diags)
	doc.Broken = doc.Fields == nil
	return doc, diags
}

// Config loads site.toml. A site without one is valid (every key has a
// default), so a missing file gives an empty Doc and no problem.
func Config(fsys fs.FS) (Doc, diag.List) {
	doc := Doc{Path: ConfigPath, Kind: SiteConfig}
	var diags diag.List
	if _, err := fs.Stat(fsys, ConfigPath); errors.Is(err, fs.ErrNotExist) {
		return doc, nil
	}
	text, ok := read(fsys, ConfigPath, false, nil, math.MaxInt64, nil, &diags)
	if !ok {
		doc.Broken = true
		return doc, diags
	}
	doc.text = text
	doc.Fields, doc.keys = decode(ConfigPath, text, 1, &diags)
	doc.Broken = doc.Fields == nil
	return doc, diags
}

// read returns a file's normalised text, reporting why it cannot. regular
// says that a folder listing has just shown p to be a regular file: on
// disk it is then opened without following links, which keeps the
// promise of escapes without a look at the file first (a system call per
// record, and system calls are most of what loading costs).
//
// A non-nil seen gets what the file system said of the file read (see
// Seen), and the digest of its bytes when it was modified after
// digestAfter (Unix nanoseconds). A file on disk is read into a buffer
// from texts (nil: its own).
func read(fsys fs.FS, p string, regular bool, seen *Seen, digestAfter int64, texts *textArena, diags *diag.List) (string, bool) {
	pos := diag.Pos{Path: p}
	_, onDisk := fsys.(diskFS)
	if !regular || !onDisk || !refusesLinks {
		if msg := escapes(fsys, p); msg != "" {
			diags.Add(pos, "", "%s", msg)
			return "", false
		}
	}
	b, tooLarge, err := readLimited(fsys, p, regular, seen, texts)
	if err != nil {
		diags.Add(pos, "", "cannot read: %v", plainErr(err))
		return "", false
	}
	if seen != nil && seen.Regular && seen.ModTime > digestAfter {
		sum := sha256.Sum256(b)
		seen.Digest = hex.EncodeToString(sum[:])
	}
	if tooLarge {
		diags.Add(pos, "", "file is larger than 1 MiB; a record should be far smaller, so it was not read")
		return "", false
	}
	text, line, col, problem := normalise(b)
	if problem != "" {
		diags.Add(diag.Pos{Path: p, Line: line, Col: col}, "", "%s", problem)
		return "", false
	}
	if line, n := longLine(text); line > 0 {
		diags.Add(diag.Pos{Path: p, Line: line}, "", "line is %d bytes long; at most %d are allowed, so the file was not read", n, MaxLine)
		return "", false
	}
	return text, true
}

// readLimited reads the file p of fsys, or reports it larger than
// MaxSize, reading at most MaxSize+1 bytes of it. With regular set, a file
// on disk that is no longer a regular file is not read (see read). A file
// on disk is read into a buffer from texts (nil: its own).
func readLimited(fsys fs.FS, p string, regular bool, seen *Seen, texts *textArena) (b []byte, tooLarge bool, err error) {
	if d, ok := fsys.(diskFS); ok {
		return d.readLimited(p, MaxSize, regular, seen, texts)
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil {
		if seen != nil && regular && st.Mode().IsRegular() {
			*seen = Seen{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Regular: true}
		}
		if st.Size() > MaxSize {
			return nil, true, nil
		}
		size = max(st.Size(), 0)
	}
	if b, err = readAll(f, int(size)); err != nil {
		return nil, false, err
	}
	return b, len(b) > MaxSize, nil
}

// readAll reads f to its end, or to one byte past MaxSize, into a buffer
// of the size the file said it has, plus one byte to see the end. It is
// io.ReadAll without the doubling: a record is read into one allocation
// of its own size, where ReadAll's growth from 512 bytes would copy it
// several times and keep up to twice its size alive.
func readAll(f io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, min(size, MaxSize)+1)
	for {
		n, err := f.Read(b[len(b):min(cap(b), MaxSize+1)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) > MaxSize {
			return b, nil
		}
		if len(b) == cap(b) {
			// The file grew since Stat, or did not say its size.
			b = append(b, 0)[:len(b)]
		}
	}
}

// escapes reports, as a message, when p is a symbolic link (or a chain of
// them) leading outside the site folder, or is (or leads to) a named pipe,
// socket or device, which would block or never end when read. File
// systems that cannot read links have none to follow, and no such files.
func escapes(fsys fs.FS, p string) string {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return ""
	}
	cur := p
	for range 16 {
		info, err := rl.Lstat(cur)
		if err != nil {
			return ""
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return special(info.Mode())
		}
		target, err := rl.ReadLink(cur)
		if err != nil {
			return fmt.Sprintf("cannot read symbolic link: %v", plainErr(err))
		}
		if path.IsAbs(target) || strings.HasPrefix(target, "/") || len(target) > 1 && target[1] == ':' {
			return fmt.Sprintf("symbolic link to %q points outside the site folder; copy the file instead", target)
		}
		next := path.Join(path.Dir(cur), target)
		if next == ".." || strings.HasPrefix(next, "../") {
			return fmt.Sprintf("symbolic link to %q points outside the site folder; copy the file instead", target)
		}
		cur = next
	}
	return "symbolic link loops; replace it with the file itself"
}

// decode parses TOML text whose first line is line firstLine of file p. A
// syntax error is reported at its place in the file and gives nil fields.
//
// tomlfast decodes nearly every record, to the very value BurntSushi
// would give (with tomlfast.Tables for its maps), several times faster.
// What it declines, every invalid document among them, goes to
// BurntSushi, so editors see its messages, and its value is turned into
// Tables (tomlfast.FromMap). BurntSushi decodes into an interface rather
// than a map: it then hands over the table it parsed as it is, where a
// map target would have it copied key by key and every top-level key
// noted as decoded, work that nothing here reads.
func decode(p, text string, firstLine int, diags *diag.List) (*Table, *keyIndex) {
	if fields, ok := tomlfast.Decode(text); ok {
		return fields, &keyIndex{path: p, text: text, first: firstLine}
	}
	var v any
	if _, err := toml.Decode(text, &v); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pos := errorPos(text, pe.Position)
			pos.Path = p
			if pos.Line > 0 {
				pos.Line += firstLine - 1
			}
			diags.Add(pos, "", "TOML syntax error: %s", pe.Message)
		} else {
			diags.Add(diag.Pos{Path: p}, "", "TOML error: %v", err)
		}
		return nil, nil
	}
	fields, ok := v.(map[string]any)
	if !ok {
		diags.Add(diag.Pos{Path: p}, "", "TOML error: the document is not a table")
		return nil, nil
	}
	return tomlfast.FromMap(fields), &keyIndex{path: p, text: text, first: firstLine}
}

// errorPos finds the line and column (in characters) of a syntax error
// within text. It works from the byte offset, which the parser reports
// exactly, rather than its column, which can be off by one at the start of
// a line; blanks at the start of the error's span are skipped so the
// column lands on the offending character.
func errorPos(text string, p toml.Position) diag.Pos {
	start := p.Start
	if start < 0 || start > len(text) || p.Line < 1 {
		return diag.Pos{Line: max(p.Line, 0)}
	}
	for end := start + p.Len - 1; start < end && start < len(text) && (text[start] == ' ' || text[start] == '\t'); {
		start++
	}
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	return diag.Pos{
		Line: strings.Count(text[:start], "\n") + 1,
		Col:  runeCol(text[lineStart:], start-lineStart),
	}
}

// plainErr drops the "open PATH:" prefix of a *fs.PathError, since the
// diagnostic already names the file.
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
