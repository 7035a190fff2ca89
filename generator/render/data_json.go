package render

import (
	"unicode/utf8"

	"linewatch/generator/model"
)

// The open-data encoders write agencies.json and services.csv straight
// into a byte slice, field by field, instead of going through
// encoding/json and encoding/csv. At 20,000 agencies agencies.json is
// about 140 MB, and encoding/json spent most of its time on a second pass
// that indents the compact encoding it had just made (appendIndent),
// on growing its buffers and on converting each record into the
// structs of data.go first. Writing the indentation as the fields are
// written does one pass over the bytes and allocates nothing per record.
//
// The bytes are exactly those encoding/json and encoding/csv gave, which
// the golden files and the differential tests (data_encode_test.go, which
// keeps the old encoders as the reference) hold them to; the structs of
// data.go remain the documented shape of the file, and the encoder writes
// their fields in their order.

// jsonEncoder writes agency records as members of the "agencies" list of
// agencies.json, indented as json.MarshalIndent(dataFile, "", "  ")
// indents them. Its scratch buffer is reused for the page addresses, so a
// record costs no allocation. The zero value is not usable; see
// newJSONEncoder.
type jsonEncoder struct {
	base    string // what page addresses start with: BaseURL, or else BasePath
	scratch []byte
}

// newJSONEncoder returns an encoder for the options, which must be
// normal (Options.normal).
func newJSONEncoder(opt Options) *jsonEncoder {
	return &jsonEncoder{base: urlBase(opt)}
}

// urlBase is what pageURL puts before a page's path without its leading
// slash: the absolute base_url when it is set, else the base path. opt
// must be normal.
func urlBase(opt Options) string {
	if opt.BaseURL != "" {
		return opt.BaseURL
	}
	return opt.BasePath
}

// appendAgencyURL appends the address of an agency's page in one
// language, the string pageURL(opt, localURL(lang, agencyPath(slug)))
// returns, given base = urlBase(opt).
func appendAgencyURL(dst []byte, base, lang, slug string) []byte {
	dst = append(dst, base...)
	if lang == Ja {
		dst = append(dst, "ja/"...)
	}
	dst = append(dst, "agencies/"...)
	dst = append(dst, slug...)
	return append(dst, '/')
}

// appendDataHead appends the top of agencies.json up to and including the
// opening of the agencies list: "[" when agencies follow, "[]" and the end
// of the file when there are none.
func appendDataHead(dst []byte, license string, empty bool) []byte {
	dst = append(dst, "{\n  \"version\": "...)
	dst = appendInt(dst, DataVersion)
	dst = append(dst, ",\n  \"generator\": "...)
	dst = appendJSONString(dst, dataGenerator)
	dst = append(dst, ",\n  \"license\": "...)
	dst = appendJSONNull(dst, license)
	if empty {
		return append(dst, ",\n  \"agencies\": []\n}\n"...)
	}
	return append(dst, ",\n  \"agencies\": [\n"...)
}

// The separator between two records of agencies.json, and what follows
// the last one.
const (
	jsonSep  = ",\n"
	jsonLast = "\n  ]\n}\n"
)

// appendAgency appends one record as a member of the agencies list:
// indented four spaces, without the separator that follows it.
func (e *jsonEncoder) appendAgency(dst []byte, a *model.Agency) []byte {
	const d = 3 // the depth of the record's fields
	dst = append(dst, "    {"...)
	dst = jsonKey(dst, d, "slug")
	dst = appendJSONString(dst, a.Slug)
	dst = jsonNext(dst, d, "name")
	dst = appendJSONString(dst, a.Name)
	dst = jsonNext(dst, d, "name_ja")
	dst = appendJSONNull(dst, a.NameJA)
	dst = jsonNext(dst, d, "level")
	dst = appendJSONString(dst, string(a.Level))
	dst = jsonNext(dst, d, "prefecture")
	dst = appendJSONNull(dst, a.Prefecture)
	dst = jsonNext(dst, d, "code")
	dst = appendJSONNull(dst, a.Code)
	dst = jsonNext(dst, d, "updated")
	dst = appendJSONDate(dst, a.Updated, false)
	dst = jsonNext(dst, d, "url")
	e.scratch = appendAgencyURL(e.scratch[:0], e.base, En, a.Slug)
	dst = appendJSONString(dst, e.scratch)
	dst = jsonNext(dst, d, "url_ja")
	e.scratch = appendAgencyURL(e.scratch[:0], e.base, Ja, a.Slug)
	dst = appendJSONString(dst, e.scratch)
	dst = jsonNext(dst, d, "uses_line")
	if a.UsesLINE() {
		dst = append(dst, "true"...)
	} else {
		dst = append(dst, "false"...)
	}
	dst = jsonNext(dst, d, "services")
	if len(a.Services) == 0 {
		dst = append(dst, "[]"...)
	} else {
		dst = append(dst, '[')
		for i := range a.Services {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendService(dst, d+1, &a.Services[i])
		}
		dst = jsonClose(dst, d, ']')
	}
	dst = jsonNext(dst, d, "sources")
	if len(a.Sources) == 0 {
		dst = append(dst, "[]"...)
	} else {
		dst = append(dst, '[')
		for i := range a.Sources {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendSource(dst, d+1, &a.Sources[i])
		}
		dst = jsonClose(dst, d, ']')
	}
	dst = jsonNext(dst, d, "body")
	dst = appendJSONNull(dst, a.Body)
	dst = jsonNext(dst, d, "body_ja")
	dst = appendJSONNull(dst, a.BodyJA)
	return jsonClose(dst, d-1, '}')
}

// appendService appends one service (serviceJSON) as an element of a
// list at depth d, starting with the line break before its brace.
func appendService(dst []byte, d int, s *model.Service) []byte {
	dst = jsonIndent(dst, d)
	dst = append(dst, '{')
	d++
	dst = jsonKey(dst, d, "name")
	dst = appendJSONString(dst, s.Name)
	dst = jsonNext(dst, d, "name_ja")
	dst = appendJSONNull(dst, s.NameJA)
	dst = jsonNext(dst, d, "category")
	dst = appendJSONString(dst, string(s.Category))
	dst = jsonNext(dst, d, "status")
	dst = appendJSONString(dst, string(s.Status))
	dst = jsonNext(dst, d, "since")
	dst = appendJSONDate(dst, s.Since, true)
	dst = jsonNext(dst, d, "personal_data")
	dst = appendJSONString(dst, s.PersonalData.String())
	dst = jsonNext(dst, d, "sensitive")
	dst = appendJSONString(dst, s.Sensitive.String())
	dst = jsonNext(dst, d, "alternative")
	dst = appendJSONNull(dst, s.Alternative)
	dst = jsonNext(dst, d, "alternative_ja")
	dst = appendJSONNull(dst, s.AlternativeJA)
	dst = jsonNext(dst, d, "note")
	dst = appendJSONNull(dst, s.Note)
	dst = jsonNext(dst, d, "note_ja")
	dst = appendJSONNull(dst, s.NoteJA)
	dst = jsonNext(dst, d, "history")
	if len(s.History) == 0 {
		dst = append(dst, "[]"...)
	} else {
		dst = append(dst, '[')
		for i := range s.History {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendChange(dst, d+1, &s.History[i])
		}
		dst = jsonClose(dst, d, ']')
	}
	return jsonClose(dst, d-1, '}')
}

// appendChange appends one earlier state (changeJSON) as an element of a
// list at depth d.
func appendChange(dst []byte, d int, c *model.Change) []byte {
	dst = jsonIndent(dst, d)
	dst = append(dst, '{')
	d++
	dst = jsonKey(dst, d, "date")
	dst = appendJSONDate(dst, c.Date, false)
	dst = jsonNext(dst, d, "status")
	dst = appendJSONString(dst, string(c.Status))
	dst = jsonNext(dst, d, "note")
	dst = appendJSONNull(dst, c.Note)
	dst = jsonNext(dst, d, "note_ja")
	dst = appendJSONNull(dst, c.NoteJA)
	return jsonClose(dst, d-1, '}')
}

// appendSource appends one source (sourceJSON) as an element of a list
// at depth d.
func appendSource(dst []byte, d int, s *model.Source) []byte {
	dst = jsonIndent(dst, d)
	dst = append(dst, '{')
	d++
	dst = jsonKey(dst, d, "title")
	dst = appendJSONString(dst, s.Title)
	dst = jsonNext(dst, d, "publisher")
	dst = appendJSONString(dst, s.Publisher)
	dst = jsonNext(dst, d, "kind")
	dst = appendJSONNull(dst, string(s.Kind))
	dst = jsonNext(dst, d, "date")
	dst = appendJSONDate(dst, s.Date, true)
	dst = jsonNext(dst, d, "url")
	dst = appendJSONNull(dst, s.URL)
	dst = jsonNext(dst, d, "archive_url")
	dst = appendJSONNull(dst, s.ArchiveURL)
	dst = jsonNext(dst, d, "quote")
	dst = appendJSONNull(dst, s.Quote)
	return jsonClose(dst, d-1, '}')
}

// The bytes the encoders write for records whose every text is empty:
// the structure (keys, indentation, brackets, nulls) that sizeJSON and
// sizeCSV add the texts to. Computed once from the encoders themselves,
// so they cannot drift from them; only read.
var (
	emptyAgencyJSON  = len((&jsonEncoder{}).appendAgency(nil, &model.Agency{}))
	emptyServiceJSON = len(appendService(nil, 4, &model.Service{}))
	emptyChangeJSON  = len(appendChange(nil, 6, &model.Change{}))
	emptySourceJSON  = len(appendSource(nil, 4, &model.Source{}))
	emptyRowCSV      = len((&csvEncoder{}).appendAgencyRows(nil, &model.Agency{Services: make([]model.Service, 1)}))
)

// sizeJSON estimates how many bytes appendAgency and the separator after
// it write for a, to size a buffer up front instead of growing it: the
// structure plus the length of every text and date, which is within a
// few bytes a field of the truth for text that needs no escaping.
func sizeJSON(a *model.Agency, base string) int {
	n := emptyAgencyJSON + len(jsonSep) + 2*len(base) + 3*len(a.Slug) + 10 +
		len(a.Name) + len(a.NameJA) + len(a.Level) + len(a.Prefecture) + len(a.Code) + len(a.Body) + len(a.BodyJA)
	for i := range a.Services {
		s := &a.Services[i]
		n += 1 + emptyServiceJSON + 10 + len(s.Name) + len(s.NameJA) + len(s.Category) + len(s.Status) +
			len(s.Alternative) + len(s.AlternativeJA) + len(s.Note) + len(s.NoteJA)
		for j := range s.History {
			c := &s.History[j]
			n += 1 + emptyChangeJSON + 10 + len(c.Status) + len(c.Note) + len(c.NoteJA)
		}
	}
	for i := range a.Sources {
		s := &a.Sources[i]
		n += 1 + emptySourceJSON + 10 + len(s.Title) + len(s.Publisher) + len(s.Kind) + len(s.URL) + len(s.ArchiveURL) + len(s.Quote)
	}
	return n
}

// sizeCSV estimates how many bytes appendAgencyRows writes for a, as
// sizeJSON does for agencies.json.
func sizeCSV(a *model.Agency, base string) int {
	if len(a.Services) == 0 {
		return 0
	}
	row := emptyRowCSV + 2*len(base) + 3*len(a.Slug) + 10 + len(a.Name) + len(a.NameJA) + len(a.Level) + len(a.Prefecture) + len(a.Code)
	for _, s := range a.Sources {
		if s.URL != "" {
			row += len(s.URL)
			break
		}
	}
	n := 0
	for i := range a.Services {
		s := &a.Services[i]
		n += row + 10 + len(s.Name) + len(s.NameJA) + len(s.Category) + len(s.Status) +
			len(s.Alternative) + len(s.AlternativeJA) + len(s.Note) + len(s.NoteJA)
	}
	return n
}

// spaces is enough indentation for the deepest line of agencies.json
// (two spaces a level; history entries' fields are at depth 7).
const spaces = "                                "

// jsonIndent appends a line break and the indentation of depth d.
func jsonIndent(dst []byte, d int) []byte {
	dst = append(dst, '\n')
	return append(dst, spaces[:2*d]...)
}

// jsonKey appends the first key of an object at depth d: a line break,
// the indentation, the quoted key and ": ". Keys are plain ASCII names
// that need no escaping.
func jsonKey(dst []byte, d int, key string) []byte {
	dst = jsonIndent(dst, d)
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, "\": "...)
}

// jsonNext appends the comma that ends a member and the next key.
func jsonNext(dst []byte, d int, key string) []byte {
	return jsonKey(append(dst, ','), d, key)
}

// jsonClose appends the line break, indentation and bracket that close an
// object or non-empty list whose opening line is at depth d.
func jsonClose(dst []byte, d int, bracket byte) []byte {
	return append(jsonIndent(dst, d), bracket)
}

// appendJSONNull appends s as a JSON string, or null when it is empty:
// what encoding/json writes for orNull(s).
func appendJSONNull(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "null"...)
	}
	return appendJSONString(dst, s)
}

// appendJSONDate appends a date as the string 2006-01-02: "" when it is
// not reported, or null when orNull is set (optDate).
func appendJSONDate(dst []byte, d model.Date, orNull bool) []byte {
	if d.IsZero() {
		if orNull {
			return append(dst, "null"...)
		}
		return append(dst, `""`...)
	}
	dst = append(dst, '"')
	dst = appendDate(dst, d)
	return append(dst, '"')
}

// appendDate appends d as Date.String formats it, without the allocations
// of fmt for the dates records hold (years 0 to 9999, months and days
// below 100); any other date is formatted by Date.String itself. The
// result holds only digits and "-", which need no escaping in JSON or CSV.
func appendDate(dst []byte, d model.Date) []byte {
	if d.IsZero() {
		return dst
	}
	m := int(d.Month)
	if d.Year < 0 || d.Year > 9999 || m < 0 || m > 99 || d.Day < 0 || d.Day > 99 {
		return append(dst, d.String()...)
	}
	y := d.Year
	return append(dst,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-',
		byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// appendInt appends a non-negative integer in decimal.
func appendInt(dst []byte, n int) []byte {
	if n >= 10 {
		dst = appendInt(dst, n/10)
	}
	return append(dst, byte('0'+n%10))
}

// jsonSafe marks the ASCII bytes encoding/json copies into a string as
// they are when it escapes HTML, as json.Encoder does by default: every
// printable byte but the quote, the backslash, <, > and &. The other
// ASCII bytes are escaped, and bytes from 0x80 up begin a UTF-8 sequence.
// jsonSafeUTF8 is the same for text known to be valid UTF-8: it marks
// every byte from 0x80 up too, but 0xE2, which begins U+2028 and U+2029.
// Both are filled once and only read.
var jsonSafe, jsonSafeUTF8 = func() (ascii, valid [256]bool) {
	for b := ' '; b < utf8.RuneSelf; b++ {
		ascii[b] = true
	}
	for _, b := range `"\<>&` {
		ascii[b] = false
	}
	valid = ascii
	for b := utf8.RuneSelf; b < 256; b++ {
		valid[b] = b != 0xE2
	}
	return ascii, valid
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it with HTML escaping on (json.Marshal, json.Encoder): quotes
// and backslashes escaped, \b \f \n \r \t as such and the other control
// bytes as \u00XX, <, > and & as \u003c, \u003e and \u0026, U+2028 and
// U+2029 as \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd.
// Everything else, all valid non-ASCII text included, is copied as it is.
//
// Text is nearly always valid UTF-8, which utf8.Valid checks quickly; it
// is then scanned a byte at a time without decoding a rune, since the
// only sequences to escape begin with 0xE2 (U+2028, U+2029: E2 80 A8/A9).
func appendJSONString[S []byte | string](dst []byte, s S) []byte {
	if !utf8.ValidString(string(s)) {
		return appendJSONStringInvalid(dst, s)
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if jsonSafeUTF8[b] {
			continue
		}
		if b == 0xE2 {
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 2
				start = i + 1
			}
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = appendJSONEscape(dst, b)
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONEscape appends the escape of an ASCII byte jsonSafe does not
// mark.
func appendJSONEscape(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
}

// appendJSONStringInvalid is appendJSONString for text that is not valid
// UTF-8: it decodes each rune, as encoding/json does.
func appendJSONStringInvalid[S []byte | string](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendJSONEscape(dst, b)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
