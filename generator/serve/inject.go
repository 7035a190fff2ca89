package serve

import (
	"bytes"
	"html"
)

// decorate returns a copy of an HTML page with the live-reload script
// before </body> and, while the build is failed, the error box right after
// <body>. The page is scanned, not parsed: it is the site's own output,
// and the worst a strange page can do is get the box at its end instead.
func (s *Server) decorate(page []byte, st *state) []byte {
	script := `<script src="` + reserved + `reload.js" data-version="` +
		html.EscapeString(st.version) + `" defer></script>`
	var box string
	if st.failed {
		box = overlay(st.text, st.site != nil)
	}
	lower := lowerASCII(page)
	end := bytes.LastIndex(lower, []byte("</body"))
	if end < 0 {
		end = len(page)
	}
	start := bodyStart(lower[:end])
	out := make([]byte, 0, len(page)+len(box)+len(script)+2)
	if start >= 0 {
		out = append(out, page[:start]...)
		out = append(out, box...)
		out = append(out, page[start:end]...)
	} else {
		out = append(out, page[:end]...)
		out = append(out, box...)
	}
	out = append(out, script...)
	out = append(out, '\n')
	return append(out, page[end:]...)
}

// overlay is the error box as markup, the same one reload.js builds: an
// open <details> element, so it can be folded away without JavaScript,
// inside an alert for screen readers. The text quotes the editor's files
// and is escaped. It is English whatever the page's language, and says so.
func overlay(text string, lastGood bool) string {
	note := "the last good version of the site is shown below"
	if !lastGood {
		note = "no build has succeeded yet"
	}
	return `<link rel="stylesheet" href="` + reserved + `overlay.css">` +
		`<div id="linewatch-error" class="linewatch-error" lang="en" role="alert"><details open>` +
		`<summary>linewatch: the build failed; ` + note + `</summary>` +
		`<pre>` + html.EscapeString(text) + `</pre>` +
		`<p>Fix the file and save: this page reloads by itself.</p>` +
		`</details></div>`
}

// bodyStart returns the offset just past the <body …> start tag in a
// lower-cased page, or -1 when there is none. Quoted attribute values may
// hold a '>'.
func bodyStart(lower []byte) int {
	from := 0
	for {
		i := bytes.Index(lower[from:], []byte("<body"))
		if i < 0 {
			return -1
		}
		i += from + len("<body")
		if i < len(lower) && !isTagEnd(lower[i]) {
			from = i // <bodyguard>, say
			continue
		}
		var quote byte
		for ; i < len(lower); i++ {
			c := lower[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return i + 1
			}
		}
		return -1
	}
}

func isTagEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// lowerASCII lower-cases A-Z only, so offsets in the result are offsets in
// b (bytes.ToLower may change the length of some UTF-8 sequences).
func lowerASCII(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
