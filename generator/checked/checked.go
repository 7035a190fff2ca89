// Package checked keeps, in one file of the build's cache folder, the
// agencies the last `linewatch build` loaded and validated, so that the
// next build can take every unchanged agency from it instead of reading
// and checking its TOML and Markdown again.
//
// Reading and checking 20,000 records from source takes about 540 ms;
// this file holds them in a binary form made to be decoded in a fraction
// of that (some 40 ms for 20,000 synthetic agencies, 106 MB, on two
// cores, file reading included): an index of where each agency starts
// lets Decode split the work over every core, and strings are not copied
// but point into the file's bytes. The file says nothing of whether an
// agency is still current: the caller compares the program that checked
// it and what the file system said of its files (File.Program, Seen) with
// its own and with a stamp of the files just taken, and decides which
// agencies it may take.
//
// The layout, the integers of fixed width little-endian:
//
//	"linewatch checked 2\n"  header: format and version
//	uint32                   CRC-32 (Castagnoli) of all the bytes after it
//	uint64                   n, the number of agencies
//	uint32, bytes            the length of Program, and Program
//	n × uint64               each agency's offset from the first one's start
//	n agencies               each field in model order, then its Seen (see codec.go)
//
// Damage of any kind, a truncated write or a file of another version, is
// an error and never a panic nor a silently wrong agency: the checksum
// catches what the structure checks would not.
package checked

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"linewatch/generator/model"
)

// File is the agencies one build checked, with what that build knew of
// where they came from: the program that checked them and what the file
// system said of each one's files. A later build takes an agency only
// when the program is the same and the files are as Seen says (the
// generator's takeKnown); the file itself vouches for nothing.
type File struct {
	Program  string         // the digest of the program that checked them (stamp.ProgramDigest)
	Agencies []model.Agency // in the order given; Encode/Decode keep it
	// Seen is parallel to Agencies: what the file system said of each
	// agency's record and Japanese sibling when they were read. Encode
	// writes zeros for a File without it; Decode always gives one per
	// agency.
	Seen []Seen
}

// Seen is what the file system said of an agency's files as a build read
// them: the record's size and modification time (Unix nanoseconds), and
// its Japanese sibling's (zero when it has none).
type Seen struct {
	Size, ModTime     int64
	SizeJA, ModTimeJA int64
}

// header names the format and its version; a change to the layout or to
// the model's fields takes a new version, and an older file is then
// refused (the build reads its records from source, as without a file).
const header = "linewatch checked 2\n"

// Where the fixed fields lie; the index follows the program's digest.
const (
	crcAt   = len(header)
	countAt = crcAt + 4
	progAt  = countAt + 8
	fixed   = progAt + 4
)

// serialBelow is how many agencies Decode decodes in the calling
// goroutine: fewer take less time than starting goroutines saves.
const serialBelow = 256

// serialBytes is the same for reading a file.
const serialBytes = 1 << 20

// checksum is the CRC-32 of b with the Castagnoli polynomial, which the
// processor computes (SSE 4.2, ARMv8 CRC): 8.4 ms for the 85 MB of
// 20,000 agencies on one core of the project's machine.
func checksum(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }

// part returns the bounds of the w-th of workers contiguous parts of n
// things.
func part(n, w, workers int) (lo, hi int) { return n * w / workers, n * (w + 1) / workers }

// parallel calls f(0) to f(workers-1), each in a goroutine of its own,
// and waits for them.
func parallel(workers int, f func(w int)) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { f(w) })
	}
	wg.Wait()
}

// Encode returns the file's bytes, for the caller to write (the
// generator writes it as it writes its stamp, whole or not at all), and
// for tests that hold
// Decode to it.
func Encode(f File) []byte {
	n := len(f.Agencies)
	indexAt := fixed + len(f.Program)
	size := indexAt + 8*n
	for i := range f.Agencies {
		size += estimate(&f.Agencies[i])
	}
	b := make([]byte, indexAt+8*n, size)
	copy(b, header)
	binary.LittleEndian.PutUint64(b[countAt:], uint64(n))
	binary.LittleEndian.PutUint32(b[progAt:], uint32(len(f.Program)))
	copy(b[fixed:], f.Program)
	start := len(b)
	for i := range f.Agencies {
		binary.LittleEndian.PutUint64(b[indexAt+8*i:], uint64(len(b)-start))
		b = appendAgency(b, &f.Agencies[i])
		var seen Seen
		if len(f.Seen) == n {
			seen = f.Seen[i]
		}
		b = appendSeen(b, seen)
	}
	binary.LittleEndian.PutUint32(b[crcAt:], checksum(b[countAt:]))
	return b
}

// estimate is about how many bytes an agency takes, so that Encode
// allocates once for a typical site rather than growing a 90 MB slice:
// 1% above the encoded size of the repository's own records. It need not
// be exact: larger agencies only make the slice grow.
func estimate(a *model.Agency) int {
	return len(a.Body) + len(a.BodyJA) + 256 + 512*len(a.Services) + 384*len(a.Sources)
}

// Decode parses what Encode made. The strings of the result share b's
// memory (unsafe.String, no copy), so b must never be changed afterwards.
// Any malformed, truncated or corrupted input gives an error, never a
// panic.
//
// The checksum is verified before anything else is read past the fixed
// fields, so damage is reported as such and nothing is decoded (nor
// allocated by a damaged count) from bytes that are not the ones
// written. The agencies are then split over runtime.GOMAXPROCS(0) cores
// into contiguous ranges by the index, and decoded in place into one
// slice.
func Decode(b []byte) (File, error) {
	if !bytes.HasPrefix(b, []byte(header)) {
		return File{}, headerError(b)
	}
	if len(b) < fixed {
		return File{}, fmt.Errorf("truncated: %d bytes, shorter than the %d of the fixed fields", len(b), fixed)
	}
	workers := runtime.GOMAXPROCS(0)
	if want, got := binary.LittleEndian.Uint32(b[crcAt:]), checksum(b[countAt:]); want != got {
		return File{}, fmt.Errorf("checksum mismatch (file says %08x, content gives %08x): the file is damaged or truncated", want, got)
	}
	var f File
	progLen := uint64(binary.LittleEndian.Uint32(b[progAt:]))
	if progLen > uint64(len(b)-fixed) {
		return File{}, fmt.Errorf("program digest of %d bytes, longer than the %d bytes that follow", progLen, len(b)-fixed)
	}
	indexAt := fixed + int(progLen)
	f.Program = string(b[fixed:indexAt])
	count := binary.LittleEndian.Uint64(b[countAt:])
	if count > uint64(len(b)-indexAt)/8 {
		return File{}, fmt.Errorf("count of %d agencies larger than the %d bytes that follow", count, len(b)-indexAt)
	}
	n := int(count)
	index, data := b[indexAt:indexAt+8*n], b[indexAt+8*n:]
	// Each agency lies between its offset and the next (the last: the
	// end), so the offsets must start at 0 and never go back or past the
	// end; checked here, the parallel decoding below needs no more.
	var prev uint64
	for i := range n {
		off := binary.LittleEndian.Uint64(index[8*i:])
		if (i == 0 && off != 0) || off < prev || off > uint64(len(data)) {
			return File{}, fmt.Errorf("index: agency %d starts at %d, out of order or past the %d bytes of agencies", i, off, len(data))
		}
		prev = off
	}
	if n == 0 {
		if len(data) != 0 {
			return File{}, fmt.Errorf("%d bytes after an empty index", len(data))
		}
		return f, nil
	}
	f.Agencies = make([]model.Agency, n)
	f.Seen = make([]Seen, n)
	decodeRange := func(lo, hi int) error {
		var d decoder
		for i := lo; i < hi; i++ {
			start, end := binary.LittleEndian.Uint64(index[8*i:]), uint64(len(data))
			if i+1 < n {
				end = binary.LittleEndian.Uint64(index[8*(i+1):])
			}
			d.reader = reader{b: data[start:end]}
			d.agency(&f.Agencies[i])
			d.seen(&f.Seen[i])
			if d.err == nil && d.left() != 0 {
				d.fail("%d bytes left over", d.left())
			}
			if d.err != nil {
				return fmt.Errorf("agency %d (at byte %d of the agencies): %w", i, start, d.err)
			}
		}
		return nil
	}
	if n < serialBelow || workers < 2 {
		if err := decodeRange(0, n); err != nil {
			return File{}, err
		}
		return f, nil
	}
	workers = min(workers, n)
	errs := make([]error, workers)
	parallel(workers, func(w int) { errs[w] = decodeRange(part(n, w, workers)) })
	for _, err := range errs {
		if err != nil {
			return File{}, err // the first range's, the same on every run
		}
	}
	return f, nil
}

// headerError says why b does not start with header: another version of
// this format, or not this format at all.
func headerError(b []byte) error {
	if len(b) < len(header) && bytes.HasPrefix([]byte(header), b) {
		return fmt.Errorf("truncated: %d bytes, within the header", len(b))
	}
	const format = "linewatch checked "
	line, _, _ := bytes.Cut(b[:min(len(b), 64)], []byte("\n"))
	if v, ok := bytes.CutPrefix(line, []byte(format)); ok {
		return fmt.Errorf("format version %q, but this linewatch reads version %q", v, header[len(format):len(header)-1])
	}
	return errors.New("not a checked agencies file (no \"linewatch checked\" header)")
}

// Load reads name and Decodes it. The agencies' strings share the bytes
// read, which nothing else holds. Any error, a missing file included,
// means the caller reads every record from source.
//
// Call it once the heap is marked for huge pages (the generator's
// hugeHeap), as a build does first: on a virtual machine the 4 KiB page
// faults of the memory it reads into and decodes into cost ten times the
// rest, about 430 ms instead of 40 for 106 MB.
func Load(name string) (File, error) {
	b, err := readFile(name)
	if err != nil {
		return File{}, fmt.Errorf("checked agencies file %s: %w", name, err)
	}
	f, err := Decode(b)
	if err != nil {
		return File{}, fmt.Errorf("checked agencies file %s: %w", name, err)
	}
	return f, nil
}

// readFile is os.ReadFile with the reading split over the cores: the
// kernel's copy into fresh memory is mostly page faults, which are
// expensive on a virtual machine, and each core takes its own. 106 MB
// from the page cache, in a new process whose heap was marked for huge
// pages as a build marks it: 33-38 ms in one read, 15-22 ms in two.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if !fi.Mode().IsRegular() || size != int64(int(size)) {
		return nil, fmt.Errorf("not a regular file of a size this program can read")
	}
	b := make([]byte, size)
	workers := runtime.GOMAXPROCS(0)
	if len(b) < serialBytes {
		workers = 1
	}
	errs := make([]error, workers)
	parallel(workers, func(w int) {
		lo, hi := part(len(b), w, workers)
		_, err := f.ReadAt(b[lo:hi], int64(lo)) // all of it, or an error
		if err == io.EOF {
			err = io.ErrUnexpectedEOF // shorter than it was a moment before
		}
		errs[w] = err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return b, nil
}

// appendSeen and decoder.seen write and read what the file system said
// of an agency's files, after the agency.
func appendSeen(b []byte, s Seen) []byte {
	b = appendInt(b, s.Size)
	b = appendInt(b, s.ModTime)
	b = appendInt(b, s.SizeJA)
	return appendInt(b, s.ModTimeJA)
}

func (d *decoder) seen(s *Seen) {
	s.Size = d.varint()
	s.ModTime = d.varint()
	s.SizeJA = d.varint()
	s.ModTimeJA = d.varint()
}

// appendAgency and decoder.agency are the one place each field of an
// agency is written and read, in the same order; TestEveryField fails
// when a field of the model is missing from either.

// decoder reads agencies, cutting their slices from slabs: a decoder
// serves one goroutine, its reader one agency at a time.
type decoder struct {
	reader
	services slab[model.Service]
	changes  slab[model.Change]
	sources  slab[model.Source]
}

func appendAgency(b []byte, a *model.Agency) []byte {
	b = appendString(b, a.Slug)
	b = appendString(b, a.Path)
	b = appendString(b, a.PathJA)
	b = appendString(b, a.Name)
	b = appendString(b, a.NameJA)
	b = appendString(b, string(a.Level))
	b = appendString(b, a.Prefecture)
	b = appendString(b, a.Code)
	b = appendDate(b, a.Updated)
	b = appendCount(b, len(a.Services))
	for i := range a.Services {
		b = appendService(b, &a.Services[i])
	}
	b = appendCount(b, len(a.Sources))
	for i := range a.Sources {
		b = appendSource(b, &a.Sources[i])
	}
	b = appendString(b, a.Body)
	b = appendString(b, a.BodyJA)
	return b
}

func (d *decoder) agency(a *model.Agency) {
	a.Slug = d.str()
	a.Path = d.str()
	a.PathJA = d.str()
	a.Name = d.str()
	a.NameJA = d.str()
	a.Level = model.Level(d.str())
	a.Prefecture = d.str()
	a.Code = d.str()
	a.Updated = d.date()
	// A count of zero leaves the slice nil, as validate leaves it for a
	// record without services or sources.
	if n := d.count(); n > 0 {
		a.Services = d.services.take(n)
		for i := range a.Services {
			d.service(&a.Services[i])
		}
	}
	if n := d.count(); n > 0 {
		a.Sources = d.sources.take(n)
		for i := range a.Sources {
			d.source(&a.Sources[i])
		}
	}
	a.Body = d.str()
	a.BodyJA = d.str()
}

func appendService(b []byte, s *model.Service) []byte {
	b = appendString(b, s.Name)
	b = appendString(b, s.NameJA)
	b = appendString(b, string(s.Category))
	b = appendString(b, string(s.Status))
	b = appendDate(b, s.Since)
	b = appendInt(b, int64(s.PersonalData))
	b = appendInt(b, int64(s.Sensitive))
	b = appendString(b, s.Alternative)
	b = appendString(b, s.AlternativeJA)
	b = appendString(b, s.Note)
	b = appendString(b, s.NoteJA)
	b = appendCount(b, len(s.History))
	for i := range s.History {
		b = appendChange(b, &s.History[i])
	}
	return b
}

func (d *decoder) service(s *model.Service) {
	s.Name = d.str()
	s.NameJA = d.str()
	s.Category = model.Category(d.str())
	s.Status = model.Status(d.str())
	s.Since = d.date()
	s.PersonalData = model.Flag(d.int8())
	s.Sensitive = model.Flag(d.int8())
	s.Alternative = d.str()
	s.AlternativeJA = d.str()
	s.Note = d.str()
	s.NoteJA = d.str()
	if n := d.count(); n > 0 {
		s.History = d.changes.take(n)
		for i := range s.History {
			d.change(&s.History[i])
		}
	}
}

func appendChange(b []byte, c *model.Change) []byte {
	b = appendDate(b, c.Date)
	b = appendString(b, string(c.Status))
	b = appendString(b, c.Note)
	b = appendString(b, c.NoteJA)
	return b
}

func (d *decoder) change(c *model.Change) {
	c.Date = d.date()
	c.Status = model.Status(d.str())
	c.Note = d.str()
	c.NoteJA = d.str()
}

func appendSource(b []byte, s *model.Source) []byte {
	b = appendString(b, s.Title)
	b = appendString(b, s.Publisher)
	b = appendString(b, string(s.Kind))
	b = appendDate(b, s.Date)
	b = appendString(b, s.URL)
	b = appendString(b, s.ArchiveURL)
	b = appendString(b, s.Quote)
	return b
}

func (d *decoder) source(s *model.Source) {
	s.Title = d.str()
	s.Publisher = d.str()
	s.Kind = model.SourceKind(d.str())
	s.Date = d.date()
	s.URL = d.str()
	s.ArchiveURL = d.str()
	s.Quote = d.str()
}

func appendDate(b []byte, d model.Date) []byte {
	b = appendInt(b, int64(d.Year))
	b = appendInt(b, int64(d.Month))
	b = appendInt(b, int64(d.Day))
	return b
}

func (d *decoder) date() model.Date {
	return model.Date{Year: d.int(), Month: time.Month(d.int()), Day: d.int()}
}
