package render

import (
	"fmt"
	"reflect"

	"linewatch/generator/model"
)

// DataCache keeps the open-data files of the last build and where each
// agency's part of them lies, so that the next build copies the bytes of
// every agency that did not change instead of encoding it again. Encoding
// is most of what the files cost (agencies.json is about 7 KB a record),
// and watch mode remakes them on every save of an agency.
//
// The Builder owns one and says which agencies changed since the last
// call; the result is byte for byte what Data gives. The zero DataCache
// is empty and ready to use. A DataCache is not safe for concurrent use.
type DataCache struct {
	opt   Options
	json  []byte          // agencies.json last made; never changed once made
	csv   []byte          // services.csv last made; never changed once made
	parts map[string]part // by agency slug; nil when nothing may be reused
}

// part says where one agency lies in the files of the last build.
type part struct {
	json, csv span
}

// span is the half-open byte range [start, end) of a file.
type span struct{ start, end int }

// Data returns what Data(site, opt) returns, reusing the encoded bytes of
// each agency for which changed(slug) is false and that the last call
// encoded with the same options. A nil changed means every agency
// changed. changed must be true for every agency whose record or Japanese
// sibling changed since the last call (the Builder's pending input key
// "agency/SLUG"); nothing else in an agency's part depends on anything
// but its record and opt.
//
// The returned slices are shared with the cache and must not be changed.
func (c *DataCache) Data(site *model.Site, opt Options, changed func(slug string) bool) (map[string][]byte, error) {
	opt = opt.normal()
	if !reflect.DeepEqual(opt, c.opt) {
		c.parts = nil
	}
	// A slug taken twice (a site that failed its check) is never reused:
	// its part would be ambiguous.
	twice := make(map[string]bool)
	if len(c.parts) > 0 {
		seen := make(map[string]bool, len(site.Agencies))
		for _, a := range site.Agencies {
			twice[a.Slug] = seen[a.Slug]
			seen[a.Slug] = true
		}
	}
	reusable := func(slug string) (part, bool) {
		p, ok := c.parts[slug]
		return p, ok && !twice[slug] && changed != nil && !changed(slug)
	}
	jsonSpans := make([]span, len(site.Agencies))
	js := agenciesJSON(site, opt, func(slug string) ([]byte, bool) {
		p, ok := reusable(slug)
		return c.json[p.json.start:p.json.end], ok
	}, jsonSpans)
	csvSpans := make([]span, len(site.Agencies))
	csv := servicesCSV(site, opt, func(slug string) ([]byte, bool) {
		p, ok := reusable(slug)
		return c.csv[p.csv.start:p.csv.end], ok
	}, csvSpans)
	schema, err := recordSchema(site, opt)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", RecordSchema, err)
	}

	parts := make(map[string]part, len(site.Agencies))
	for i, a := range site.Agencies {
		parts[a.Slug] = part{jsonSpans[i], csvSpans[i]}
	}
	c.opt, c.json, c.csv, c.parts = opt, js, csv, parts
	return map[string][]byte{AgenciesJSON: js, ServicesCSV: csv, RecordSchema: schema}, nil
}
