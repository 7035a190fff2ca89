package render

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// xmlWriter writes the small, fixed XML documents of the site (feeds,
// sitemaps) element by element, indented by two spaces. Every text and
// attribute value is escaped as encoding/xml's EscapeText escapes it:
// markup characters escaped and bytes XML cannot hold (invalid UTF-8,
// control characters) replaced with U+FFFD, so a record can neither break
// the document nor add to it. Writing by hand rather than through
// xml.Marshal is about five times faster, which matters because a rebuild
// remakes every feed after any record changes.
type xmlWriter struct {
	b     bytes.Buffer
	depth int
}

// newXMLWriter starts a document with the XML declaration; size is a
// guess at the document's length, so the buffer grows once or not at all.
func newXMLWriter(size int) *xmlWriter {
	w := &xmlWriter{}
	w.b.Grow(size)
	w.b.WriteString(xml.Header[:len(xml.Header)-1]) // without its newline; each element starts a line
	return w
}

// tag writes "<name a="v" …" on a new line; attrs are name, value pairs,
// and a pair with an empty value is left out.
func (w *xmlWriter) tag(name string, attrs []string) {
	w.b.WriteByte('\n')
	for range w.depth {
		w.b.WriteString("  ")
	}
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		w.escape(attrs[i+1])
		w.b.WriteByte('"')
	}
}

// open starts an element that holds other elements.
func (w *xmlWriter) open(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteByte('>')
	w.depth++
}

// close ends the element open started.
func (w *xmlWriter) close(name string) {
	w.depth--
	w.b.WriteByte('\n')
	for range w.depth {
		w.b.WriteString("  ")
	}
	w.b.WriteString("</" + name + ">")
}

// elem writes an element holding text.
func (w *xmlWriter) elem(name, text string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteByte('>')
	w.escape(text)
	w.b.WriteString("</" + name + ">")
}

// empty writes an element without content.
func (w *xmlWriter) empty(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString("/>")
}

// escape writes s as XML text, exactly as encoding/xml's EscapeText
// writes it: quotes, apostrophes, '&', '<', '>', tabs, line feeds and
// carriage returns as character references, and each rune XML cannot
// hold (a control character, invalid UTF-8, U+FFFE or U+FFFF) as
// U+FFFD. It copies runs of bytes that need nothing straight from s,
// where EscapeText wanted the string copied into a byte slice and
// decoded every rune: a feed's entries are HTML, every one of which has
// markup to escape.
func (w *xmlWriter) escape(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			esc := xmlEscapes[c]
			if esc == "" {
				continue
			}
			w.b.WriteString(s[last : i-1])
			w.b.WriteString(esc)
			last = i
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		if r == utf8.RuneError && width == 1 || r >= 0xFFFE && r < 0x10000 {
			w.b.WriteString(s[last : i-width])
			w.b.WriteString("\uFFFD")
			last = i
		}
	}
	w.b.WriteString(s[last:])
}

// xmlEscapes holds what escape writes for each ASCII byte, "" for the
// byte itself.
var xmlEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range byte(0x20) {
		t[c] = "\uFFFD"
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	return t
}()

// bytes ends the document with a newline and returns it.
func (w *xmlWriter) bytes() []byte {
	w.b.WriteByte('\n')
	return w.b.Bytes()
}
