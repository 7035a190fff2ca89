package render

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"linewatch/generator/model"
)

// csvColumn is one column of services.csv: its header, the translation
// key of its description on the data page, and how a row fills it. The
// one table makes both the file and its documentation, so they cannot
// drift apart.
type csvColumn struct {
	Name string
	Key  string
	// cell appends the raw value of the column for a row to dst; the
	// writer then neutralises and quotes it. Appending rather than
	// returning a string spares a row its allocations.
	cell func(dst []byte, r *csvRow) []byte
}

// csvRow is what a row is made from: one service of one agency, and the
// start of page addresses (urlBase).
type csvRow struct {
	base string
	a    *model.Agency
	s    *model.Service
}

// csvColumns lists the columns of services.csv in order. Version 1 may
// gain columns at the end; see DataVersion.
var csvColumns = []csvColumn{
	{"agency", "data.agency.slug", func(b []byte, r *csvRow) []byte { return append(b, r.a.Slug...) }},
	{"agency_name", "data.agency.name", func(b []byte, r *csvRow) []byte { return append(b, r.a.Name...) }},
	{"agency_name_ja", "data.agency.name_ja", func(b []byte, r *csvRow) []byte { return append(b, r.a.NameJA...) }},
	{"level", "data.agency.level", func(b []byte, r *csvRow) []byte { return append(b, r.a.Level...) }},
	{"prefecture", "data.agency.prefecture", func(b []byte, r *csvRow) []byte { return append(b, r.a.Prefecture...) }},
	{"code", "data.agency.code", func(b []byte, r *csvRow) []byte { return append(b, r.a.Code...) }},
	{"updated", "data.agency.updated", func(b []byte, r *csvRow) []byte { return appendDate(b, r.a.Updated) }},
	{"service_name", "data.service.name", func(b []byte, r *csvRow) []byte { return append(b, r.s.Name...) }},
	{"service_name_ja", "data.service.name_ja", func(b []byte, r *csvRow) []byte { return append(b, r.s.NameJA...) }},
	{"category", "data.service.category", func(b []byte, r *csvRow) []byte { return append(b, r.s.Category...) }},
	{"status", "data.service.status", func(b []byte, r *csvRow) []byte { return append(b, r.s.Status...) }},
	{"since", "data.service.since", func(b []byte, r *csvRow) []byte { return appendDate(b, r.s.Since) }},
	{"personal_data", "data.service.personal_data", func(b []byte, r *csvRow) []byte { return append(b, r.s.PersonalData.String()...) }},
	{"sensitive", "data.service.sensitive", func(b []byte, r *csvRow) []byte { return append(b, r.s.Sensitive.String()...) }},
	{"alternative", "data.service.alternative", func(b []byte, r *csvRow) []byte { return append(b, r.s.Alternative...) }},
	{"alternative_ja", "data.service.alternative_ja", func(b []byte, r *csvRow) []byte { return append(b, r.s.AlternativeJA...) }},
	{"note", "data.service.note", func(b []byte, r *csvRow) []byte { return append(b, r.s.Note...) }},
	{"note_ja", "data.service.note_ja", func(b []byte, r *csvRow) []byte { return append(b, r.s.NoteJA...) }},
	{"source_url", "data.csv.source_url", func(b []byte, r *csvRow) []byte {
		for _, s := range r.a.Sources {
			if s.URL != "" {
				return append(b, s.URL...)
			}
		}
		return b
	}},
	{"page_url", "data.agency.url", func(b []byte, r *csvRow) []byte { return appendAgencyURL(b, r.base, En, r.a.Slug) }},
	{"page_url_ja", "data.agency.url_ja", func(b []byte, r *csvRow) []byte { return appendAgencyURL(b, r.base, Ja, r.a.Slug) }},
}

// bom is the UTF-8 byte-order mark. Excel, Japanese editions above all,
// reads a CSV file without it in the legacy code page (Shift_JIS) and
// garbles every Japanese name.
const bom = "\ufeff"

// csvEncoder writes the rows of services.csv. Its scratch buffer holds
// one cell at a time, so a row costs no allocation. The zero value is not
// usable; see newCSVEncoder.
type csvEncoder struct {
	row     csvRow // the row being written; kept here so it is not allocated for each agency
	scratch []byte
}

// newCSVEncoder returns an encoder for the options, which must be normal
// (Options.normal).
func newCSVEncoder(opt Options) *csvEncoder {
	return &csvEncoder{row: csvRow{base: urlBase(opt)}}
}

// appendCSVHead appends the start of services.csv: a byte-order mark and
// the header row.
func appendCSVHead(dst []byte) []byte {
	dst = append(dst, bom...)
	for i, c := range csvColumns {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendCSVField(dst, []byte(c.Name))
	}
	return append(dst, '\r', '\n')
}

// appendAgencyRows appends the rows of one agency's services: nothing for
// an agency without services.
func (e *csvEncoder) appendAgencyRows(dst []byte, a *model.Agency) []byte {
	r := &e.row
	r.a = a
	for j := range a.Services {
		r.s = &a.Services[j]
		for i, c := range csvColumns {
			if i > 0 {
				dst = append(dst, ',')
			}
			e.scratch = c.cell(e.scratch[:0], r)
			dst = appendCSVField(dst, e.scratch)
		}
		dst = append(dst, '\r', '\n')
	}
	r.a, r.s = nil, nil
	return dst
}

// appendCSVField appends one cell, neutralised (see neutralise), as
// encoding/csv's Writer with UseCRLF writes it: quoted when it holds a
// quote, a comma, a line break, is `\.`, or begins with a space
// (unicode.IsSpace); inside quotes a quote is doubled, a carriage return
// dropped and a line feed written as CRLF.
func appendCSVField(dst []byte, s []byte) []byte {
	var first rune
	if len(s) > 0 {
		if first = rune(s[0]); first >= utf8.RuneSelf {
			first, _ = utf8.DecodeRune(s)
		}
	}
	neutral := isFormulaStart(first)
	// A neutralised cell begins with a quote, never a space, and is not `\.`.
	quote := csvSpecial(s) || !neutral && len(s) > 0 && (unicode.IsSpace(first) || string(s) == `\.`)
	if quote {
		dst = append(dst, '"')
	}
	if neutral {
		dst = append(dst, '\'')
	}
	if !quote {
		return append(dst, s...)
	}
	start := 0
	for i, c := range s {
		switch c {
		case '"':
			dst = append(dst, s[start:i+1]...)
			dst = append(dst, '"')
			start = i + 1
		case '\r':
			dst = append(dst, s[start:i]...)
			start = i + 1
		case '\n':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\r', '\n')
			start = i + 1
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// csvQuoted marks the bytes that make encoding/csv quote a cell: a
// quote, a comma, a carriage return and a line feed. It is only read.
var csvQuoted = [256]bool{'"': true, ',': true, '\r': true, '\n': true}

// csvSpecial reports whether s holds a byte csvQuoted marks.
func csvSpecial(s []byte) bool {
	for _, c := range s {
		if csvQuoted[c] {
			return true
		}
	}
	return false
}

// servicesCSV writes services.csv: a byte-order mark, a header row, then
// one row per service in agency-slug and record order, CRLF line ends
// (RFC 4180). Agencies with no service have no row; agencies.json holds
// them. Every cell goes through neutralise. As in agenciesJSON, the rows
// of an agency that reuse returns from the last build are copied instead
// of written, and spans says where each agency's rows went.
func servicesCSV(site *model.Site, opt Options, reuse func(slug string) ([]byte, bool), spans []span) []byte {
	e := newCSVEncoder(opt)
	pieces := make([]piece, len(site.Agencies)+1)
	size := 1024
	for k, a := range site.Agencies {
		if old, ok := reuse(a.Slug); ok {
			pieces[k+1] = piece{old: old, reused: true}
		} else {
			size += sizeCSV(a, e.row.base)
		}
	}
	// buf holds the header, then the rows of every agency written afresh.
	buf := make([]byte, 0, size+size/32)
	buf = appendCSVHead(buf)
	pieces[0] = piece{end: len(buf)}
	for k, a := range site.Agencies {
		if pieces[k+1].reused {
			continue
		}
		start := len(buf)
		buf = e.appendAgencyRows(buf, a)
		pieces[k+1] = piece{start: start, end: len(buf)}
	}
	return join(buf, pieces, "", "", spans)
}

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (OWASP, "CSV Injection"): = + - @, tab and carriage
// return, and the full-width forms of the first four, which Japanese
// input turns into formulas too.
const formulaStarts = "=+-@\t\r＝＋－＠"

// neutralise keeps a spreadsheet from running a cell as a formula, as
// OWASP advises: a cell that begins with one of formulaStarts gets a
// leading single quote, which spreadsheets show as text. Every such cell
// is neutralised, a negative number such as -3 included (issue 6: "cells
// that begin with - are neutralised"): a note is free text, and telling a
// harmless number from a formula is the kind of cleverness injection
// slips through. What the generator itself writes never begins with one
// of these: dates (2021-03-19) and codes (271004) begin with a digit,
// enums and slugs with a letter. A reader who needs the raw value removes
// the quote from a cell that begins with a quote followed by one of
// formulaStarts; the data page says so.
func neutralise(s string) string {
	first, _ := utf8.DecodeRuneInString(s)
	if s == "" || !isFormulaStart(first) {
		return s
	}
	return "'" + s
}

// isFormulaStart reports whether r is one of formulaStarts. The ASCII
// ones are looked up in a table and the full-width ones in a short list,
// both made from formulaStarts once and only read.
func isFormulaStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && formulaASCII[r]
	}
	return slices.Contains(formulaWide, r)
}

var formulaASCII, formulaWide = func() (ascii [utf8.RuneSelf]bool, wide []rune) {
	for _, r := range formulaStarts {
		if r < utf8.RuneSelf {
			ascii[r] = true
		} else {
			wide = append(wide, r)
		}
	}
	return ascii, wide
}()
