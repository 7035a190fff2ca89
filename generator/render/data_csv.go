package render

import (
	"bytes"
	"encoding/csv"
	"strings"
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
	cell func(r csvRow) string
}

// csvRow is what a row is made from: one service of one agency.
type csvRow struct {
	opt Options
	a   *model.Agency
	s   *model.Service
}

// csvColumns lists the columns of services.csv in order. Version 1 may
// gain columns at the end; see DataVersion.
var csvColumns = []csvColumn{
	{"agency", "data.agency.slug", func(r csvRow) string { return r.a.Slug }},
	{"agency_name", "data.agency.name", func(r csvRow) string { return r.a.Name }},
	{"agency_name_ja", "data.agency.name_ja", func(r csvRow) string { return r.a.NameJA }},
	{"level", "data.agency.level", func(r csvRow) string { return string(r.a.Level) }},
	{"prefecture", "data.agency.prefecture", func(r csvRow) string { return r.a.Prefecture }},
	{"code", "data.agency.code", func(r csvRow) string { return r.a.Code }},
	{"updated", "data.agency.updated", func(r csvRow) string { return r.a.Updated.String() }},
	{"service_name", "data.service.name", func(r csvRow) string { return r.s.Name }},
	{"service_name_ja", "data.service.name_ja", func(r csvRow) string { return r.s.NameJA }},
	{"category", "data.service.category", func(r csvRow) string { return string(r.s.Category) }},
	{"status", "data.service.status", func(r csvRow) string { return string(r.s.Status) }},
	{"since", "data.service.since", func(r csvRow) string { return r.s.Since.String() }},
	{"personal_data", "data.service.personal_data", func(r csvRow) string { return r.s.PersonalData.String() }},
	{"sensitive", "data.service.sensitive", func(r csvRow) string { return r.s.Sensitive.String() }},
	{"alternative", "data.service.alternative", func(r csvRow) string { return r.s.Alternative }},
	{"alternative_ja", "data.service.alternative_ja", func(r csvRow) string { return r.s.AlternativeJA }},
	{"note", "data.service.note", func(r csvRow) string { return r.s.Note }},
	{"note_ja", "data.service.note_ja", func(r csvRow) string { return r.s.NoteJA }},
	{"source_url", "data.csv.source_url", func(r csvRow) string {
		for _, s := range r.a.Sources {
			if s.URL != "" {
				return s.URL
			}
		}
		return ""
	}},
	{"page_url", "data.agency.url", func(r csvRow) string { return pageURL(r.opt, localURL(En, agencyPath(r.a.Slug))) }},
	{"page_url_ja", "data.agency.url_ja", func(r csvRow) string { return pageURL(r.opt, localURL(Ja, agencyPath(r.a.Slug))) }},
}

// bom is the UTF-8 byte-order mark. Excel, Japanese editions above all,
// reads a CSV file without it in the legacy code page (Shift_JIS) and
// garbles every Japanese name.
const bom = "\ufeff"

// servicesCSV writes services.csv: a byte-order mark, a header row, then
// one row per service in agency-slug and record order, CRLF line ends
// (RFC 4180). Agencies with no service have no row; agencies.json holds
// them. Every cell goes through neutralise. As in agenciesJSON, the rows
// of an agency that reuse returns from the last build are copied instead
// of written, spans says where each agency's rows went, and hint is how
// many bytes the rows to write will take.
func servicesCSV(site *model.Site, opt Options, reuse func(slug string) ([]byte, bool), spans []span, hint int) ([]byte, error) {
	// buf holds the header, then the rows of every agency written afresh.
	var buf bytes.Buffer
	buf.Grow(1024 + hint)
	buf.WriteString(bom)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	row := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		row[i] = neutralise(c.Name)
	}
	if err := w.Write(row); err != nil {
		return nil, err
	}
	w.Flush()
	pieces := make([]piece, len(site.Agencies)+1)
	pieces[0] = piece{end: buf.Len()}
	for k, a := range site.Agencies {
		if old, ok := reuse(a.Slug); ok {
			pieces[k+1] = piece{old: old, reused: true}
			continue
		}
		start := buf.Len()
		for j := range a.Services {
			r := csvRow{opt: opt, a: a, s: &a.Services[j]}
			for i, c := range csvColumns {
				row[i] = neutralise(c.cell(r))
			}
			if err := w.Write(row); err != nil {
				return nil, err
			}
		}
		// Flushed after each agency, so buf holds its rows.
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, err
		}
		pieces[k+1] = piece{start: start, end: buf.Len()}
	}
	return join(buf.Bytes(), pieces, "", "", spans), nil
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
	if s == "" || !strings.ContainsRune(formulaStarts, first) {
		return s
	}
	return "'" + s
}
