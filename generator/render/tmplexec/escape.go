// Portions of this file are adapted from Go's html/template (html.go,
// url.go, content.go, escape.go). Copyright 2011 The Go Authors. All
// rights reserved. Use of that source code is governed by a BSD-style
// license that can be found in Go's LICENSE file.

package tmplexec

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// contentType is html/template's classification of a value: plain text or
// one of its trusted string types. The escapers pass some trusted types
// through and treat everything else as plain text.
type contentType uint8

const (
	contentTypePlain contentType = iota
	contentTypeCSS
	contentTypeHTML
	contentTypeHTMLAttr
	contentTypeJS
	contentTypeJSStr
	contentTypeURL
	contentTypeSrcset
)

// filterFailsafe is what html/template writes in place of a value that a
// filter rejects (an unsafe URL scheme, say).
const filterFailsafe = "ZgotmplZ"

// The trusted string types of html/template, compared by identity.
var (
	stringType    = reflect.TypeFor[string]()
	cssType       = reflect.TypeFor[template.CSS]()
	htmlType      = reflect.TypeFor[template.HTML]()
	htmlAttrType  = reflect.TypeFor[template.HTMLAttr]()
	jsType        = reflect.TypeFor[template.JS]()
	jsStrType     = reflect.TypeFor[template.JSStr]()
	urlType       = reflect.TypeFor[template.URL]()
	srcsetType    = reflect.TypeFor[template.Srcset]()
	anyType       = reflect.TypeFor[any]()
	errorType     = reflect.TypeFor[error]()
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	reflValueType = reflect.TypeFor[reflect.Value]()
)

// contentOf maps a string kind's type to its content type; ok is false for
// named string types that are not html/template's (they print as plain
// text only when they have no methods, which the caller checks).
func contentOf(t reflect.Type) (contentType, bool) {
	switch t {
	case stringType:
		return contentTypePlain, true
	case cssType:
		return contentTypeCSS, true
	case htmlType:
		return contentTypeHTML, true
	case htmlAttrType:
		return contentTypeHTMLAttr, true
	case jsType:
		return contentTypeJS, true
	case jsStrType:
		return contentTypeJSStr, true
	case urlType:
		return contentTypeURL, true
	case srcsetType:
		return contentTypeSrcset, true
	}
	return contentTypePlain, false
}

// stringifyValue is html/template's stringify for the single value v of a
// pipeline as a function of type func(...any) receives it: the text and
// content type the escapers work on. Common kinds (strings, integers,
// booleans of types without methods) are formatted without fmt; the rest
// go through stringify exactly as html/template does.
func stringifyValue(v reflect.Value) (string, contentType) {
	if !v.IsValid() {
		return "", contentTypePlain // an untyped nil argument is skipped
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", contentTypePlain
		}
		v = v.Elem()
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.String:
		if ct, ok := contentOf(t); ok {
			return v.String(), ct
		}
		if t.NumMethod() == 0 {
			return v.String(), contentTypePlain
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if t.NumMethod() == 0 {
			return strconv.FormatInt(v.Int(), 10), contentTypePlain
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if t.NumMethod() == 0 {
			return strconv.FormatUint(v.Uint(), 10), contentTypePlain
		}
	case reflect.Bool:
		if t.NumMethod() == 0 {
			return strconv.FormatBool(v.Bool()), contentTypePlain
		}
	}
	if !v.CanInterface() {
		// Unexported fields never reach here: field access refuses them.
		return fmt.Sprint(v), contentTypePlain
	}
	return stringify(v.Interface())
}

// stringify is html/template's: a trusted string type keeps its content
// type; anything else is formatted with fmt after indirection.
func stringify(args ...any) (string, contentType) {
	if len(args) == 1 {
		switch s := indirect(args[0]).(type) {
		case string:
			return s, contentTypePlain
		case template.CSS:
			return string(s), contentTypeCSS
		case template.HTML:
			return string(s), contentTypeHTML
		case template.HTMLAttr:
			return string(s), contentTypeHTMLAttr
		case template.JS:
			return string(s), contentTypeJS
		case template.JSStr:
			return string(s), contentTypeJSStr
		case template.URL:
			return string(s), contentTypeURL
		case template.Srcset:
			return string(s), contentTypeSrcset
		}
	}
	i := 0
	for _, arg := range args {
		if arg == nil {
			continue
		}
		args[i] = indirectToStringerOrError(arg)
		i++
	}
	return fmt.Sprint(args[:i]...), contentTypePlain
}

// indirect returns the value after dereferencing as many times as
// necessary to reach the base type (or nil).
func indirect(a any) any {
	if a == nil {
		return nil
	}
	if t := reflect.TypeOf(a); t.Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// indirectToStringerOrError dereferences a until it reaches a
// fmt.Stringer, an error or a non-pointer.
func indirectToStringerOrError(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// evalArgs is html/template's _eval_args_, which it inserts before its
// own escapers where a template used the predefined html or urlquery.
func evalArgs(args ...any) string {
	if len(args) == 1 {
		if s, ok := args[0].(string); ok {
			return s
		}
	}
	for i, arg := range args {
		args[i] = indirectToStringerOrError(arg)
	}
	return fmt.Sprint(args...)
}

// An escaper is one of html/template's _html_template_* functions:
// str returns its result as a string (for an escaper followed by
// another), put appends it to the output (for the last one, without an
// intermediate string). Either reports ok=false for an input this package
// does not reproduce exactly (template.HTML whose tags an attribute
// escaper would strip), and the page is then executed by html/template.
//
// keep lists the bytes the escaper leaves as they are in plain text
// (contentTypePlain): a plain string of only those bytes comes out
// unchanged, given that it is not empty when nonEmpty is set and that it
// is a safe URL (isSafeURL) when filter is set. nil means no such promise
// (the comment escaper drops everything). chainPass combines these for a
// whole chain, so that printing a plain string that needs no escaping,
// most of a page's values, is one scan and one write.
type escaper struct {
	str      func(s string, ct contentType) (string, bool)
	put      func(b *bytes.Buffer, s string, ct contentType) bool
	keep     *[256]bool
	nonEmpty bool
	filter   bool
}

// escapers are the _html_template_* functions this package implements;
// a template using any other (the JavaScript, CSS, srcset, attribute-name
// contexts) is not compiled and runs on html/template.
var escapers = map[string]*escaper{
	"_html_template_htmlescaper": {
		str: func(s string, ct contentType) (string, bool) {
			if ct == contentTypeHTML {
				return s, true
			}
			return replaceString(s, htmlReplacementTable, true), true
		},
		put: func(b *bytes.Buffer, s string, ct contentType) bool {
			if ct == contentTypeHTML {
				b.WriteString(s)
				return true
			}
			replace(b, s, htmlReplacementTable, true)
			return true
		},
		keep: &htmlKeep,
	},
	"_html_template_attrescaper": {
		str: func(s string, ct contentType) (string, bool) {
			if ct == contentTypeHTML {
				return "", false
			}
			return replaceString(s, htmlReplacementTable, true), true
		},
		put: func(b *bytes.Buffer, s string, ct contentType) bool {
			if ct == contentTypeHTML {
				return false
			}
			replace(b, s, htmlReplacementTable, true)
			return true
		},
		keep: &htmlKeep,
	},
	"_html_template_rcdataescaper": {
		str: func(s string, ct contentType) (string, bool) {
			if ct == contentTypeHTML {
				return replaceString(s, htmlNormReplacementTable, true), true
			}
			return replaceString(s, htmlReplacementTable, true), true
		},
		put: func(b *bytes.Buffer, s string, ct contentType) bool {
			if ct == contentTypeHTML {
				replace(b, s, htmlNormReplacementTable, true)
			} else {
				replace(b, s, htmlReplacementTable, true)
			}
			return true
		},
		keep: &htmlKeep,
	},
	"_html_template_nospaceescaper": {
		str: func(s string, ct contentType) (string, bool) {
			if s == "" {
				return filterFailsafe, true
			}
			if ct == contentTypeHTML {
				return "", false
			}
			return replaceString(s, htmlNospaceReplacementTable, false), true
		},
		put: func(b *bytes.Buffer, s string, ct contentType) bool {
			if s == "" {
				b.WriteString(filterFailsafe)
				return true
			}
			if ct == contentTypeHTML {
				return false
			}
			replace(b, s, htmlNospaceReplacementTable, false)
			return true
		},
		keep:     &nospaceKeep,
		nonEmpty: true,
	},
	"_html_template_urlfilter": {
		str: func(s string, ct contentType) (string, bool) { return urlFilter(s, ct), true },
		put: func(b *bytes.Buffer, s string, ct contentType) bool {
			b.WriteString(urlFilter(s, ct))
			return true
		},
		keep:   &allKeep,
		filter: true,
	},
	"_html_template_urlnormalizer": {
		str: func(s string, ct contentType) (string, bool) { return urlProcessor(true, s, ct), true },
		put: func(b *bytes.Buffer, s string, ct contentType) bool {
			b.WriteString(urlProcessor(true, s, ct))
			return true
		},
		keep: &urlNormKeep,
	},
	"_html_template_urlescaper": {
		str: func(s string, ct contentType) (string, bool) { return urlProcessor(false, s, ct), true },
		put: func(b *bytes.Buffer, s string, ct contentType) bool {
			b.WriteString(urlProcessor(false, s, ct))
			return true
		},
		keep: &urlEscKeep,
	},
	"_html_template_commentescaper": {
		str: func(string, contentType) (string, bool) { return "", true },
		put: func(*bytes.Buffer, string, contentType) bool { return true },
	},
}

// The keep tables of the escapers (see escaper), derived from the
// replacement tables and from urlNeedsEncoding so that they cannot
// disagree with what the escapers do. Read-only after initialisation.
var (
	// htmlKeep: the HTML, attribute and RCDATA escapers replace only the
	// ASCII of htmlReplacementTable and pass every other byte, those of
	// multi-byte and invalid runes included.
	htmlKeep = keepTable(func(c byte) bool {
		return c >= utf8.RuneSelf || int(c) >= len(htmlReplacementTable) || htmlReplacementTable[c] == ""
	})
	// nospaceKeep: the unquoted-attribute escaper also decodes runes
	// (noncharacters and invalid UTF-8 become references), so a plain
	// string passes only when it is ASCII outside its table.
	nospaceKeep = keepTable(func(c byte) bool {
		return c < utf8.RuneSelf && (int(c) >= len(htmlNospaceReplacementTable) || htmlNospaceReplacementTable[c] == "")
	})
	// allKeep: the URL filter looks at the scheme, not at bytes.
	allKeep = keepTable(func(byte) bool { return true })
	// urlNormKeep, urlEscKeep: the bytes the URL normalizer and escaper
	// leave; '%' is left out, as whether it stays depends on what
	// follows it.
	urlNormKeep = keepTable(func(c byte) bool { return c != '%' && !urlNeedsEncoding(string(c), true) })
	urlEscKeep  = keepTable(func(c byte) bool { return c != '%' && !urlNeedsEncoding(string(c), false) })
)

// keepTable tabulates keep over every byte.
func keepTable(keep func(c byte) bool) (t [256]bool) {
	for c := range t {
		t[c] = keep(byte(c))
	}
	return t
}

// chainPass is what a chain of escapers leaves alone: a plain string
// passes through every escaper of the chain unchanged when every one
// leaves it unchanged, since each then hands the next the same plain
// string. stop is nil when some escaper makes no promise.
type chainPass struct {
	// stop is 1 for the bytes some escaper of the chain may change:
	// bytes rather than bools, so that passes can OR eight lookups and
	// branch once.
	stop     *[256]uint8
	nonEmpty bool // some escaper changes ""
	filter   bool // some escaper rejects unsafe URLs
}

// passOf computes the chainPass of escs once, when an action is compiled.
func passOf(escs []*escaper) chainPass {
	var p chainPass
	var stop [256]uint8
	for _, e := range escs {
		if e.keep == nil {
			return chainPass{}
		}
		for c := range stop {
			if !e.keep[c] {
				stop[c] = 1
			}
		}
		p.nonEmpty = p.nonEmpty || e.nonEmpty
		p.filter = p.filter || e.filter
	}
	p.stop = &stop
	return p
}

// passes reports whether the plain string s comes out of the chain
// unchanged, so that it can be written as it is. It is the scan of every
// byte a page prints, so it looks at eight bytes per branch.
func (p *chainPass) passes(s string) bool {
	stop := p.stop
	if stop == nil || p.nonEmpty && s == "" {
		return false
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		if stop[b[0]]|stop[b[1]]|stop[b[2]]|stop[b[3]]|stop[b[4]]|stop[b[5]]|stop[b[6]]|stop[b[7]] != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if stop[s[i]] != 0 {
			return false
		}
	}
	return !p.filter || isSafeURL(s)
}

// escapeChain applies escs in order to s, whose content type is ct, and
// appends the result to b. Every escaper but the first sees a plain
// string, as the previous one returned a string.
func escapeChain(b *bytes.Buffer, escs []*escaper, s string, ct contentType) bool {
	last := len(escs) - 1
	for _, e := range escs[:last] {
		var ok bool
		if s, ok = e.str(s, ct); !ok {
			return false
		}
		ct = contentTypePlain
	}
	return escs[last].put(b, s, ct)
}

// urlFilter returns s, or "#ZgotmplZ" when s has a scheme other than
// http, https or mailto and is not a trusted template.URL.
func urlFilter(s string, ct contentType) string {
	if ct == contentTypeURL {
		return s
	}
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

// isSafeURL is true if s is a relative URL or an http, https or mailto one.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// urlProcessor percent-encodes s for a URL (norm: leave reserved
// characters and valid escapes alone, as urlnormalizer does) and returns
// s itself when nothing needed encoding.
func urlProcessor(norm bool, s string, ct contentType) string {
	if ct == contentTypeURL {
		norm = true
	}
	if !urlNeedsEncoding(s, norm) {
		return s
	}
	var b strings.Builder
	processURLOnto(s, norm, &b)
	return b.String()
}

// urlNeedsEncoding reports whether processURLOnto would change s, so the
// common case (a link of plain path characters) allocates nothing.
func urlNeedsEncoding(s string, norm bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		return true
	}
	return false
}

// processURLOnto appends the encoding of s to b and reports whether it
// differs from s.
func processURLOnto(s string, norm bool, b *strings.Builder) bool {
	b.Grow(len(s) + 16)
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(b, "%%%02x", c)
		written = i + 1
	}
	b.WriteString(s[written:])
	return written != 0
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// The replacement tables of html/template's HTML escapers.
var htmlReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNormReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNospaceReplacementTable = []string{
	0:    "&#xfffd;",
	'\t': "&#9;",
	'\n': "&#10;",
	'\v': "&#11;",
	'\f': "&#12;",
	'\r': "&#13;",
	' ':  "&#32;",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'=':  "&#61;",
	'>':  "&gt;",
	'`':  "&#96;",
}

// replace is html/template's htmlReplacer appending to b: each rune with
// an entry in table is replaced by it; with badRunes false, the
// noncharacters U+FDD0..U+FDEF and U+FFF0..U+FFFF (and so invalid UTF-8,
// decoded as U+FFFD) become numeric references.
//
// The tables only hold ASCII, so with badRunes set (every escaper but
// nospace) bytes of multi-byte runes, and invalid ones, pass through
// without being decoded.
func replace(b *bytes.Buffer, s string, table []string, badRunes bool) {
	written := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if int(c) < len(table) {
				if repl := table[c]; repl != "" {
					b.WriteString(s[written:i])
					b.WriteString(repl)
					written = i + 1
				}
			}
			i++
			continue
		}
		if badRunes {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !badRunes && (0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff) {
			b.WriteString(s[written:i])
			fmt.Fprintf(b, "&#x%x;", r)
			written = i + w
		}
		i += w
	}
	b.WriteString(s[written:])
}

// replaceString is replace returning a string, s itself when unchanged.
func replaceString(s string, table []string, badRunes bool) string {
	if !needsReplace(s, table, badRunes) {
		return s
	}
	var b bytes.Buffer
	b.Grow(len(s) + 16)
	replace(&b, s, table, badRunes)
	return b.String()
}

// needsReplace reports whether replace would change s.
func needsReplace(s string, table []string, badRunes bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if int(c) < len(table) && table[c] != "" {
				return true
			}
			i++
			continue
		}
		if badRunes {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !badRunes && (0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff) {
			return true
		}
		i += w
	}
	return false
}
