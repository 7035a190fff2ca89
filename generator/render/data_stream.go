package render

import (
	"fmt"
	"io"

	"linewatch/generator/model"
)

// DataFile is one open-data file of a site, made as it is written rather
// than held whole: at 20,000 agencies agencies.json is about 140 MB, and
// a cold build that kept it until every page was rendered held it for
// most of the build. WriteTo hands the bytes to a writer in pieces of
// about 64 KB, so the file costs the caller no more memory than that; a
// publisher that hashes and writes as the pieces come (publish.Stream's
// PutFrom) never holds it at all.
type DataFile struct {
	// Path is the file's output path: AgenciesJSON, ServicesCSV or
	// RecordSchema.
	Path  string
	write func(w io.Writer) (int64, error)
}

// WriteTo writes the file's bytes to w, which are byte for byte those
// Data returns for Path, and returns how many it wrote. It implements
// io.WriterTo. It may be called more than once, from one goroutine at a
// time, and writes the same bytes each time as long as the site is not
// changed meanwhile; errors come only from w.
func (f DataFile) WriteTo(w io.Writer) (int64, error) {
	n, err := f.write(w)
	if err != nil {
		return n, fmt.Errorf("write %s: %w", f.Path, err)
	}
	return n, nil
}

// DataFiles returns the open-data files of the site, AgenciesJSON,
// ServicesCSV and RecordSchema in that order, to be written one at a time
// with WriteTo: the form of Data for a build that publishes each file and
// forgets it (a cold `linewatch build`). Nothing is encoded until WriteTo
// is called. The site must not change until the last WriteTo returns.
func DataFiles(site *model.Site, opt Options) []DataFile {
	opt = opt.normal()
	return []DataFile{
		{AgenciesJSON, func(w io.Writer) (int64, error) { return writeAgenciesJSON(w, site, opt) }},
		{ServicesCSV, func(w io.Writer) (int64, error) { return writeServicesCSV(w, site, opt) }},
		{RecordSchema, func(w io.Writer) (int64, error) {
			b, err := recordSchema(site, opt)
			if err != nil {
				return 0, err
			}
			n, err := w.Write(b)
			return int64(n), err
		}},
	}
}

// dataChunk is how many bytes the writers of DataFiles gather before
// handing them on: large enough that a write and a hash update cost little
// per byte, small enough to stay in the CPU's caches.
const dataChunk = 64 << 10

// chunks gathers bytes and hands them to a writer a chunk at a time. The
// first error stops it; later flushes do nothing.
type chunks struct {
	w   io.Writer
	buf []byte
	n   int64
	err error
}

func newChunks(w io.Writer) *chunks {
	return &chunks{w: w, buf: make([]byte, 0, dataChunk+dataChunk/2)}
}

// full writes the gathered bytes once there is a chunk of them, and
// reports whether writing must stop.
func (c *chunks) full() bool {
	if len(c.buf) >= dataChunk {
		c.flush()
	}
	return c.err != nil
}

// flush writes what is gathered.
func (c *chunks) flush() {
	if c.err != nil || len(c.buf) == 0 {
		return
	}
	m, err := c.w.Write(c.buf)
	c.n += int64(m)
	c.buf = c.buf[:0]
	c.err = err
}

// writeAgenciesJSON writes agencies.json to w a chunk at a time: the
// bytes agenciesJSON makes.
func writeAgenciesJSON(w io.Writer, site *model.Site, opt Options) (int64, error) {
	c := newChunks(w)
	c.buf = appendDataHead(c.buf, site.Config.License, len(site.Agencies) == 0)
	e := newJSONEncoder(opt)
	for i, a := range site.Agencies {
		c.buf = e.appendAgency(c.buf, a)
		if i < len(site.Agencies)-1 {
			c.buf = append(c.buf, jsonSep...)
		} else {
			c.buf = append(c.buf, jsonLast...)
		}
		if c.full() {
			return c.n, c.err
		}
	}
	c.flush()
	return c.n, c.err
}

// writeServicesCSV writes services.csv to w a chunk at a time: the bytes
// servicesCSV makes.
func writeServicesCSV(w io.Writer, site *model.Site, opt Options) (int64, error) {
	c := newChunks(w)
	c.buf = appendCSVHead(c.buf)
	e := newCSVEncoder(opt)
	for _, a := range site.Agencies {
		c.buf = e.appendAgencyRows(c.buf, a)
		if c.full() {
			return c.n, c.err
		}
	}
	c.flush()
	return c.n, c.err
}
