package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"

	"linewatch/generator/model"
)

// This file keeps the open-data encoders as they were before data_json.go
// wrote the files by hand: agencies.json through encoding/json from the
// structs of data.go, services.csv through encoding/csv from string cells.
// They are the reference the differential tests (data_encode_test.go and
// FuzzDataEncoders) hold the hand encoders to, byte for byte.

// ReferenceData returns agencies.json and services.csv as the old
// encoders made them.
func ReferenceData(site *model.Site, opt Options) (agencies, services []byte, err error) {
	opt = opt.normal()
	file := dataFile{
		Version:   DataVersion,
		Generator: dataGenerator,
		License:   refOrNull(site.Config.License),
		Agencies:  make([]agencyJSON, len(site.Agencies)),
	}
	for i, a := range site.Agencies {
		file.Agencies[i] = refAgencyOf(a, opt)
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetIndent("", "  ")
	if err := enc.Encode(file); err != nil {
		return nil, nil, fmt.Errorf("reference %s: %w", AgenciesJSON, err)
	}
	var cs bytes.Buffer
	cs.WriteString(bom)
	w := csv.NewWriter(&cs)
	w.UseCRLF = true
	row := make([]string, len(refCSVColumns))
	for i, c := range csvColumns {
		row[i] = neutralise(c.Name)
	}
	if err := w.Write(row); err != nil {
		return nil, nil, err
	}
	for _, a := range site.Agencies {
		for j := range a.Services {
			for i, cell := range refCSVColumns {
				row[i] = neutralise(cell(opt, a, &a.Services[j]))
			}
			if err := w.Write(row); err != nil {
				return nil, nil, err
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, nil, fmt.Errorf("reference %s: %w", ServicesCSV, err)
	}
	return js.Bytes(), cs.Bytes(), nil
}

// ReferenceJSONString returns s as encoding/json writes it.
func ReferenceJSONString(s string) []byte {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a string always marshals
	}
	return b
}

// ReferenceCSVField returns one neutralised cell as encoding/csv writes
// it alone on a row with UseCRLF, without the line end.
func ReferenceCSVField(s string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	// A lone empty field is written as an empty line; a second field keeps
	// the first as encoding/csv writes any cell.
	if err := w.Write([]string{neutralise(s), ""}); err != nil {
		panic(err) // a bytes.Buffer never fails
	}
	w.Flush()
	return bytes.TrimSuffix(b.Bytes(), []byte(",\r\n"))
}

// AppendJSONString and AppendCSVField expose the hand encoders' string
// and cell writers to the tests.
func AppendJSONString(dst []byte, s string) []byte { return appendJSONString(dst, s) }

// AppendCSVField is appendCSVField for the tests.
func AppendCSVField(dst []byte, s string) []byte { return appendCSVField(dst, []byte(s)) }

// refCSVColumns are the cells of csvColumns as the old encoder made them.
var refCSVColumns = []func(opt Options, a *model.Agency, s *model.Service) string{
	func(_ Options, a *model.Agency, _ *model.Service) string { return a.Slug },
	func(_ Options, a *model.Agency, _ *model.Service) string { return a.Name },
	func(_ Options, a *model.Agency, _ *model.Service) string { return a.NameJA },
	func(_ Options, a *model.Agency, _ *model.Service) string { return string(a.Level) },
	func(_ Options, a *model.Agency, _ *model.Service) string { return a.Prefecture },
	func(_ Options, a *model.Agency, _ *model.Service) string { return a.Code },
	func(_ Options, a *model.Agency, _ *model.Service) string { return a.Updated.String() },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.Name },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.NameJA },
	func(_ Options, _ *model.Agency, s *model.Service) string { return string(s.Category) },
	func(_ Options, _ *model.Agency, s *model.Service) string { return string(s.Status) },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.Since.String() },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.PersonalData.String() },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.Sensitive.String() },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.Alternative },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.AlternativeJA },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.Note },
	func(_ Options, _ *model.Agency, s *model.Service) string { return s.NoteJA },
	func(_ Options, a *model.Agency, _ *model.Service) string {
		for _, s := range a.Sources {
			if s.URL != "" {
				return s.URL
			}
		}
		return ""
	},
	func(opt Options, a *model.Agency, _ *model.Service) string {
		return pageURL(opt, localURL(En, agencyPath(a.Slug)))
	},
	func(opt Options, a *model.Agency, _ *model.Service) string {
		return pageURL(opt, localURL(Ja, agencyPath(a.Slug)))
	},
}

// refAgencyOf converts one record to the structs of data.go.
func refAgencyOf(a *model.Agency, opt Options) agencyJSON {
	out := agencyJSON{
		Slug:       a.Slug,
		Name:       a.Name,
		NameJA:     refOrNull(a.NameJA),
		Level:      string(a.Level),
		Prefecture: refOrNull(a.Prefecture),
		Code:       refOrNull(a.Code),
		Updated:    a.Updated.String(),
		URL:        pageURL(opt, localURL(En, agencyPath(a.Slug))),
		URLJA:      pageURL(opt, localURL(Ja, agencyPath(a.Slug))),
		UsesLINE:   a.UsesLINE(),
		Services:   make([]serviceJSON, len(a.Services)),
		Sources:    make([]sourceJSON, len(a.Sources)),
		Body:       refOrNull(a.Body),
		BodyJA:     refOrNull(a.BodyJA),
	}
	for i := range a.Services {
		sv := &a.Services[i]
		s := serviceJSON{
			Name:          sv.Name,
			NameJA:        refOrNull(sv.NameJA),
			Category:      string(sv.Category),
			Status:        string(sv.Status),
			Since:         refOrNull(sv.Since.String()),
			PersonalData:  sv.PersonalData.String(),
			Sensitive:     sv.Sensitive.String(),
			Alternative:   refOrNull(sv.Alternative),
			AlternativeJA: refOrNull(sv.AlternativeJA),
			Note:          refOrNull(sv.Note),
			NoteJA:        refOrNull(sv.NoteJA),
			History:       make([]changeJSON, len(sv.History)),
		}
		for j, c := range sv.History {
			s.History[j] = changeJSON{Date: c.Date.String(), Status: string(c.Status), Note: refOrNull(c.Note), NoteJA: refOrNull(c.NoteJA)}
		}
		out.Services[i] = s
	}
	for i, s := range a.Sources {
		out.Sources[i] = sourceJSON{
			Title:      s.Title,
			Publisher:  s.Publisher,
			Kind:       refOrNull(string(s.Kind)),
			Date:       refOrNull(s.Date.String()),
			URL:        refOrNull(s.URL),
			ArchiveURL: refOrNull(s.ArchiveURL),
			Quote:      refOrNull(s.Quote),
		}
	}
	return out
}

// refOrNull returns a pointer to s, or nil (JSON null) when s is empty.
func refOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// SizeEstimates returns the sizes sizeJSON and sizeCSV estimate for the
// site's files, heads included, for the test of the estimates.
func SizeEstimates(site *model.Site, opt Options) (agencies, services int) {
	base := urlBase(opt.normal())
	agencies = len(appendDataHead(nil, site.Config.License, false)) + len(jsonLast) - len(jsonSep)
	services = len(appendCSVHead(nil))
	for _, a := range site.Agencies {
		agencies += sizeJSON(a, base)
		services += sizeCSV(a, base)
	}
	return agencies, services
}
