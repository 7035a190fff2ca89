package render

import (
	"bytes"
	"encoding/xml"
)

// xmlWriter writes the small, fixed XML documents of the site (feeds,
// sitemaps) element by element, indented by two spaces. Every text and
// attribute value goes through encoding/xml's EscapeText, which escapes
// markup characters and replaces bytes XML cannot hold (invalid UTF-8,
// control characters) with U+FFFD, so a record can neither break the
// document nor add to it. Writing by hand rather than through
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

// escape writes s as XML text. Most strings (addresses, dates, plain
// names) need no escaping and are copied as they are; the rest go
// through EscapeText.
func (w *xmlWriter) escape(s string) {
	if plainXML(s) {
		w.b.WriteString(s)
		return
	}
	// EscapeText writes to an io.Writer; a bytes.Buffer never fails.
	_ = xml.EscapeText(&w.b, []byte(s))
}

// plainXML reports whether s is printable ASCII without a character
// that XML text or an attribute value would have to escape.
func plainXML(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '<', c == '>', c == '&', c == '"', c == '\'':
			return false
		}
	}
	return true
}

// bytes ends the document with a newline and returns it.
func (w *xmlWriter) bytes() []byte {
	w.b.WriteByte('\n')
	return w.b.Bytes()
}
