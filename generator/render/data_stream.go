package render

import (
	"fmt"
	"io"
	"slices"

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
	return DataFilesFrom(site, opt, nil, nil)
}

// DataSpan says where one agency lies in the open data: its record in
// agencies.json and its rows in services.csv, as half-open byte ranges.
type DataSpan struct {
	Slug      string
	JSON, CSV [2]int64
}

// DataReuse is the open data of an earlier build of the same site with
// the same options, from which DataFilesFrom copies every agency that did
// not change instead of encoding it again: encoding is nearly all that
// the files cost (agencies.json is about 7 KB a record), and a build
// after one edit at 20,000 agencies otherwise encodes 140 MB again. An
// agency's bytes depend on nothing but its record and the options (see
// DataCache), so a copy is exactly what encoding would give.
type DataReuse struct {
	JSON, CSV io.ReaderAt // that build's agencies.json and services.csv
	Spans     []DataSpan  // where each of its agencies lies in them
	// Changed reports whether an agency's record, or its Japanese
	// sibling, changed since: its bytes are then encoded again.
	Changed func(slug string) bool
}

// DataFilesFrom is DataFiles, copying from reuse (nil: nothing) the
// bytes of every agency it may, and recording in spans, when it is not
// nil, where each agency of the site lands: len(site.Agencies) entries,
// in the site's order, filled as the files are written. A failure to read
// from reuse fails WriteTo.
func DataFilesFrom(site *model.Site, opt Options, reuse *DataReuse, spans []DataSpan) []DataFile {
	opt = opt.normal()
	if spans == nil {
		spans = make([]DataSpan, len(site.Agencies))
	}
	for i, a := range site.Agencies {
		spans[i].Slug = a.Slug
	}
	var from func(slug string) (DataSpan, bool)
	if reuse != nil {
		old := make(map[string]DataSpan, len(reuse.Spans))
		for _, sp := range reuse.Spans {
			old[sp.Slug] = sp
		}
		from = func(slug string) (DataSpan, bool) {
			sp, ok := old[slug]
			return sp, ok && !reuse.Changed(slug)
		}
	}
	return []DataFile{
		{AgenciesJSON, func(w io.Writer) (int64, error) {
			var src io.ReaderAt
			if reuse != nil {
				src = reuse.JSON
			}
			return writeAgenciesJSON(w, site, opt, pieces{from, src, func(sp *DataSpan) *[2]int64 { return &sp.JSON }}, spans)
		}},
		{ServicesCSV, func(w io.Writer) (int64, error) {
			var src io.ReaderAt
			if reuse != nil {
				src = reuse.CSV
			}
			return writeServicesCSV(w, site, opt, pieces{from, src, func(sp *DataSpan) *[2]int64 { return &sp.CSV }}, spans)
		}},
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

// pieces copies an agency's bytes in one open-data file from an earlier
// build's, or says it cannot.
type pieces struct {
	from  func(slug string) (DataSpan, bool) // nil: nothing is reused
	src   io.ReaderAt
	field func(*DataSpan) *[2]int64 // the file's range in a DataSpan
}

// run copies to c the earlier build's bytes of the agencies at the head
// of as, as many as may each be reused and lay one after another in the
// earlier file, sep apart, up to about a chunk of bytes, with the
// separators between them; it sets where each lands in the file in spans
// (parallel to as) and returns how many it copied: none when the first
// may not be reused. A run is read at once: one read per agency cost a
// system call each, 40,000 of them for the two files at 20,000 agencies.
// The separators read must be sep, or the earlier file is not what its
// spans say and the write fails.
func (p pieces) run(c *chunks, as []*model.Agency, sep string, spans []DataSpan) (int, error) {
	if p.from == nil || len(as) == 0 {
		return 0, nil
	}
	first, ok := p.from(as[0].Slug)
	if !ok {
		return 0, nil
	}
	r := *p.field(&first)
	if r[0] < 0 || r[1] < r[0] {
		return 0, fmt.Errorf("agency %s: bad range %v of the earlier file", as[0].Slug, r)
	}
	from, to := r[0], r[1]
	n := 1
	for budget := int64(max(dataChunk-len(c.buf), 0)); n < len(as) && to-from < budget; n++ {
		next, ok := p.from(as[n].Slug)
		if !ok {
			break
		}
		r := *p.field(&next)
		if r[0] != to+int64(len(sep)) || r[1] < r[0] {
			break
		}
		to = r[1]
	}
	at := len(c.buf)
	size := int(to - from)
	c.buf = slices.Grow(c.buf, size)[:at+size]
	got := c.buf[at:]
	if _, err := p.src.ReadAt(got, from); err != nil {
		c.buf = c.buf[:at]
		return 0, fmt.Errorf("agency %s: read the earlier file: %w", as[0].Slug, err)
	}
	base := c.n + int64(at) - from
	for i := range n {
		sp, _ := p.from(as[i].Slug)
		r := *p.field(&sp)
		if i > 0 && string(got[r[0]-int64(len(sep))-from:r[0]-from]) != sep {
			c.buf = c.buf[:at]
			return 0, fmt.Errorf("agency %s: the earlier file does not hold what the last build said it wrote there", as[i].Slug)
		}
		*p.field(&spans[i]) = [2]int64{base + r[0], base + r[1]}
	}
	return n, nil
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
// bytes agenciesJSON makes. Each agency's record is copied by reuse when
// it may be, else encoded, and where it lands is set in spans.
func writeAgenciesJSON(w io.Writer, site *model.Site, opt Options, reuse pieces, spans []DataSpan) (int64, error) {
	c := newChunks(w)
	c.buf = appendDataHead(c.buf, site.Config.License, len(site.Agencies) == 0)
	e := newJSONEncoder(opt)
	as := site.Agencies
	for i := 0; i < len(as); {
		n, err := reuse.run(c, as[i:], jsonSep, spans[i:])
		if err != nil {
			return c.n, err
		}
		if n == 0 {
			start := c.n + int64(len(c.buf))
			c.buf = e.appendAgency(c.buf, as[i])
			spans[i].JSON = [2]int64{start, c.n + int64(len(c.buf))}
			n = 1
		}
		if i += n; i < len(as) {
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
// servicesCSV makes, each agency's rows copied by reuse when they may be,
// and where they land set in spans.
func writeServicesCSV(w io.Writer, site *model.Site, opt Options, reuse pieces, spans []DataSpan) (int64, error) {
	c := newChunks(w)
	c.buf = appendCSVHead(c.buf)
	e := newCSVEncoder(opt)
	as := site.Agencies
	for i := 0; i < len(as); {
		n, err := reuse.run(c, as[i:], "", spans[i:])
		if err != nil {
			return c.n, err
		}
		if n == 0 {
			start := c.n + int64(len(c.buf))
			c.buf = e.appendAgencyRows(c.buf, as[i])
			spans[i].CSV = [2]int64{start, c.n + int64(len(c.buf))}
			n = 1
		}
		i += n
		if c.full() {
			return c.n, c.err
		}
	}
	c.flush()
	return c.n, c.err
}
