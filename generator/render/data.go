package render

import (
	"bytes"
	"encoding/json"
	"fmt"
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
// order), ending in a newline. encoding/json escapes every string, turns
// invalid UTF-8 into U+FFFD and escapes U+2028 and U+2029, so the file is
// valid JSON (and safe to paste into a script) whatever a record holds.
//
// The bytes are what encoding one dataFile with two-space indentation
// gives, but written a record at a time through one Encoder, which reuses
// its buffers: a 2,000-record file takes about half the time it takes as
// one value. Each record's bytes stand alone (indented as a member of the
// list, without the comma), so a record that reuse returns from the last
// build is copied instead of encoded; spans says where each record went,
// and hint is how many bytes the records to encode will take.
func agenciesJSON(site *model.Site, opt Options, reuse func(slug string) ([]byte, bool), spans []span, hint int) ([]byte, error) {
	head := dataFile{
		Version:   DataVersion,
		Generator: dataGenerator,
		License:   orNull(site.Config.License),
		Agencies:  []agencyJSON{},
	}
	// buf holds the head, then every record encoded afresh.
	var buf bytes.Buffer
	buf.Grow(4096 + hint)
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(head); err != nil {
		return nil, err
	}
	if len(site.Agencies) == 0 {
		return buf.Bytes(), nil
	}
	// Reopen the empty list that ends the head ("[]\n}\n") and write the
	// records into it, each indented as a member of the list.
	const tail = "[]\n}\n"
	if !bytes.HasSuffix(buf.Bytes(), []byte(tail)) {
		return nil, fmt.Errorf("unexpected encoding of the head: %q", buf.Bytes())
	}
	buf.Truncate(buf.Len() - len(tail))
	buf.WriteString("[\n")
	enc.SetIndent("    ", "  ")
	pieces := make([]piece, len(site.Agencies)+1)
	pieces[0] = piece{end: buf.Len()}
	const sep, last = ",\n", "\n  ]\n}\n"
	for i, a := range site.Agencies {
		if old, ok := reuse(a.Slug); ok {
			pieces[i+1] = piece{old: old, reused: true}
			continue
		}
		start := buf.Len()
		buf.WriteString("    ")
		if err := enc.Encode(agencyOf(a, opt)); err != nil {
			return nil, fmt.Errorf("agency %s: %w", a.Slug, err)
		}
		buf.Truncate(buf.Len() - 1) // the newline Encode adds
		pieces[i+1] = piece{start: start, end: buf.Len()}
		// The separator too, so that a file made wholly afresh is buf
		// itself (see join).
		if i < len(site.Agencies)-1 {
			buf.WriteString(sep)
		} else {
			buf.WriteString(last)
		}
	}
	return join(buf.Bytes(), pieces, sep, last, spans), nil
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

// agencyOf converts one record. Slices are never nil, so an agency with
// no services has "services": [] rather than null.
func agencyOf(a *model.Agency, opt Options) agencyJSON {
	out := agencyJSON{
		Slug:       a.Slug,
		Name:       a.Name,
		NameJA:     orNull(a.NameJA),
		Level:      string(a.Level),
		Prefecture: orNull(a.Prefecture),
		Code:       orNull(a.Code),
		Updated:    a.Updated.String(),
		URL:        pageURL(opt, localURL(En, agencyPath(a.Slug))),
		URLJA:      pageURL(opt, localURL(Ja, agencyPath(a.Slug))),
		UsesLINE:   a.UsesLINE(),
		Services:   make([]serviceJSON, len(a.Services)),
		Sources:    make([]sourceJSON, len(a.Sources)),
		Body:       orNull(a.Body),
		BodyJA:     orNull(a.BodyJA),
	}
	for i := range a.Services {
		sv := &a.Services[i]
		s := serviceJSON{
			Name:          sv.Name,
			NameJA:        orNull(sv.NameJA),
			Category:      string(sv.Category),
			Status:        string(sv.Status),
			Since:         optDate(sv.Since),
			PersonalData:  sv.PersonalData.String(),
			Sensitive:     sv.Sensitive.String(),
			Alternative:   orNull(sv.Alternative),
			AlternativeJA: orNull(sv.AlternativeJA),
			Note:          orNull(sv.Note),
			NoteJA:        orNull(sv.NoteJA),
			History:       make([]changeJSON, len(sv.History)),
		}
		for j, c := range sv.History {
			s.History[j] = changeJSON{Date: c.Date.String(), Status: string(c.Status), Note: orNull(c.Note), NoteJA: orNull(c.NoteJA)}
		}
		out.Services[i] = s
	}
	for i, s := range a.Sources {
		out.Sources[i] = sourceJSON{
			Title:      s.Title,
			Publisher:  s.Publisher,
			Kind:       orNull(string(s.Kind)),
			Date:       optDate(s.Date),
			URL:        orNull(s.URL),
			ArchiveURL: orNull(s.ArchiveURL),
			Quote:      orNull(s.Quote),
		}
	}
	return out
}

// pageURL is the address of a page in the data files: absolute when
// base_url is set, else the root-relative link the pages use.
func pageURL(opt Options, url string) string {
	if abs := opt.abs(url); abs != "" {
		return abs
	}
	return opt.href(url)
}

// orNull returns a pointer to s, or nil (JSON null) when s is empty.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// optDate returns the date as 2006-01-02, or nil when it is not reported.
func optDate(d model.Date) *string { return orNull(d.String()) }
