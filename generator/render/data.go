package render

import (
	"bytes"
	"slices"

	"linewatch/generator/model"
)

// The open data (DESIGN.md "Site", issue 4 "Take it away"): every record
// as files a reader can take away, documented at /data/ by the page of
// data_page.go. The files are part of the site's published contract, so
// their shapes are fixed by the structs and tables of data*.go and guarded
// by golden files in testdata/.
//
//	data/agencies.json                 every record, versioned (agencyJSON)
//	data/services.csv                  one row per service, for spreadsheets (csvColumns)
//	data/schema/record.schema.json     JSON Schema of a record as editors write it
//
// None carries the time of the build, so the same records give the same
// bytes (DESIGN.md "Engine principles").

// DataVersion is the version of the open-data formats. Within a version,
// fields and columns may be added at the end but never removed, renamed
// or given another meaning; anything else raises the version, so a
// script written against version 1 keeps working until the number changes.
const DataVersion = 1

// The output paths of the open-data files, slash-separated, relative to
// the output folder.
const (
	AgenciesJSON = "data/agencies.json"
	ServicesCSV  = "data/services.csv"
	RecordSchema = "data/schema/record.schema.json"
)

// dataGenerator names the program in agencies.json. It carries no
// version number, so rebuilding with a newer binary does not change the
// file unless the data did.
const dataGenerator = "linewatch"

// Data returns the open-data files of the site by output path:
// AgenciesJSON, ServicesCSV and RecordSchema. Links in them carry
// opt.BasePath, or are absolute when opt.BaseURL is set. The Builder
// merges them into the output beside the pages, remaking them through a
// DataCache whenever any of DataInputs changed.
func Data(site *model.Site, opt Options) (map[string][]byte, error) {
	var c DataCache
	return c.Data(site, opt, nil)
}

// DataInputs returns the sorted input keys (see the package doc, "Inputs")
// the files of Data are built from: site.toml (licence, base_url), every
// agency record, and every prefecture (the schema lists their slugs).
func DataInputs(site *model.Site) []string {
	keys := []string{"site.toml"}
	for _, a := range site.Agencies {
		keys = append(keys, agencyKey(a.Slug))
	}
	for _, p := range site.Prefectures {
		keys = append(keys, "prefecture/"+p.Slug)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// dataFile is the top level of agencies.json. Structs rather than maps
// keep the field order stable and documented (dataTables in data_page.go).
type dataFile struct {
	Version   int          `json:"version"`
	Generator string       `json:"generator"`
	License   *string      `json:"license"` // null when site.toml states none
	Agencies  []agencyJSON `json:"agencies"`
}

// agencyJSON is one record in agencies.json. Optional values the record
// leaves out are null, never "", so a reader can tell "not given" from a
// value; every key is always present.
type agencyJSON struct {
	Slug       string        `json:"slug"`
	Name       string        `json:"name"`
	NameJA     *string       `json:"name_ja"`
	Level      string        `json:"level"`
	Prefecture *string       `json:"prefecture"` // null for national bodies
	Code       *string       `json:"code"`
	Updated    string        `json:"updated"`
	URL        string        `json:"url"`
	URLJA      string        `json:"url_ja"`
	UsesLINE   bool          `json:"uses_line"`
	Services   []serviceJSON `json:"services"`
	Sources    []sourceJSON  `json:"sources"`
	Body       *string       `json:"body"`
	BodyJA     *string       `json:"body_ja"`
}

// serviceJSON is one LINE service of a record.
type serviceJSON struct {
	Name          string       `json:"name"`
	NameJA        *string      `json:"name_ja"`
	Category      string       `json:"category"`
	Status        string       `json:"status"`
	Since         *string      `json:"since"` // null: no source dates the current status
	PersonalData  string       `json:"personal_data"`
	Sensitive     string       `json:"sensitive"`
	Alternative   *string      `json:"alternative"`
	AlternativeJA *string      `json:"alternative_ja"`
	Note          *string      `json:"note"`
	NoteJA        *string      `json:"note_ja"`
	History       []changeJSON `json:"history"`
}

// changeJSON is one earlier state of a service.
type changeJSON struct {
	Date   string  `json:"date"`
	Status string  `json:"status"`
	Note   *string `json:"note"`
	NoteJA *string `json:"note_ja"`
}

// sourceJSON is one source of a record, with every field the record has.
type sourceJSON struct {
	Title      string  `json:"title"`
	Publisher  string  `json:"publisher"`
	Kind       *string `json:"kind"`
	Date       *string `json:"date"` // null when the source shows no date
	URL        *string `json:"url"`
	ArchiveURL *string `json:"archive_url"`
	Quote      *string `json:"quote"`
}

// agenciesJSON writes agencies.json: indented, sorted by slug (the model's
// order), ending in a newline. The bytes are what encoding/json gives for
// one dataFile with two-space indentation (see data_json.go): every
// string escaped, invalid UTF-8 turned into U+FFFD, U+2028 and U+2029
// escaped, so the file is valid JSON (and safe to paste into a script)
// whatever a record holds.
//
// Each record's bytes stand alone (indented as a member of the list,
// without the comma), so a record that reuse returns from the last build
// is copied instead of encoded; spans says where each record went.
func agenciesJSON(site *model.Site, opt Options, reuse func(slug string) ([]byte, bool), spans []span) []byte {
	e := newJSONEncoder(opt)
	// First what is reused, and how many bytes the rest will take, so
	// that buf is made once at its size.
	pieces := make([]piece, len(site.Agencies)+1)
	size := 4096 + len(site.Config.License)
	for i, a := range site.Agencies {
		if old, ok := reuse(a.Slug); ok {
			pieces[i+1] = piece{old: old, reused: true}
		} else {
			size += sizeJSON(a, e.base)
		}
	}
	// buf holds the head, then every record encoded afresh.
	buf := make([]byte, 0, size+size/32)
	buf = appendDataHead(buf, site.Config.License, len(site.Agencies) == 0)
	if len(site.Agencies) == 0 {
		return buf
	}
	pieces[0] = piece{end: len(buf)}
	for i, a := range site.Agencies {
		if pieces[i+1].reused {
			continue
		}
		start := len(buf)
		buf = e.appendAgency(buf, a)
		pieces[i+1] = piece{start: start, end: len(buf)}
		// The separator too, so that a file made wholly afresh is buf
		// itself (see join).
		if i < len(site.Agencies)-1 {
			buf = append(buf, jsonSep...)
		} else {
			buf = append(buf, jsonLast...)
		}
	}
	return join(buf, pieces, jsonSep, jsonLast, spans)
}

// piece is one part of an open-data file: bytes reused from the last
// build, or the range [start, end) of the bytes made afresh.
type piece struct {
	old        []byte
	reused     bool
	start, end int
}

// join assembles a file from its pieces: the first is the head, each
// other is one agency's, followed by sep, or by last after the final one.
// It records in spans where each agency's piece lands. bytes.Join
// allocates the file once without clearing it first, which matters for a
// file of many megabytes remade on every save.
//
// When no piece is reused and fresh holds each piece followed by its
// separator, as the encoders write it, the file is fresh itself: a cold
// build of 20,000 records then does not hold agencies.json twice.
func join(fresh []byte, pieces []piece, sep, last string, spans []span) []byte {
	if fresh, ok := whole(fresh, pieces, len(sep), len(last), spans); ok {
		return fresh
	}
	parts := make([][]byte, 0, 2*len(pieces))
	off := 0
	for i, p := range pieces {
		b := p.old
		if !p.reused {
			b = fresh[p.start:p.end]
		}
		parts = append(parts, b)
		if i > 0 {
			spans[i-1] = span{off, off + len(b)}
			s := sep
			if i == len(pieces)-1 {
				s = last
			}
			if s != "" {
				parts = append(parts, []byte(s))
			}
			off += len(s)
		}
		off += len(b)
	}
	return bytes.Join(parts, nil)
}

// whole returns fresh, having filled spans, when no piece is reused and
// the pieces lie in fresh one after the other with exactly a separator
// between them and the last one at the end.
func whole(fresh []byte, pieces []piece, sep, last int, spans []span) ([]byte, bool) {
	at := 0
	for i, p := range pieces {
		if p.reused || p.start != at {
			return nil, false
		}
		at = p.end
		if i > 0 {
			if i == len(pieces)-1 {
				at += last
			} else {
				at += sep
			}
		}
	}
	if at != len(fresh) {
		return nil, false
	}
	for i, p := range pieces[1:] {
		spans[i] = span{p.start, p.end}
	}
	return fresh, true
}

// pageURL is the address of a page in the data files: absolute when
// base_url is set, else the root-relative link the pages use.
func pageURL(opt Options, url string) string {
	if abs := opt.abs(url); abs != "" {
		return abs
	}
	return opt.href(url)
}
