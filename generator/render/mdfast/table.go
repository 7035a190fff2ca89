package mdfast

import (
	"bytes"
	"slices"
	"strings"
)

// alignment is a column's alignment, as goldmark's table extension
// writes it in a style attribute; "" for none.
type alignment string

// table writes the GFM table starting at line i, inside render's
// scrolling region, and returns the line after it.
func (c *converter) table(i int) (int, bool) {
	if i+1 >= len(c.lines) {
		return i, false
	}
	var ok bool
	c.aligns, ok = delimiterRow(c.aligns[:0], c.line(i+1))
	if !ok {
		return i, false
	}
	aligns := c.aligns
	header := c.line(i)
	c.cells = rowCells(c.cells[:0], header)
	if len(c.cells) != len(aligns) {
		return i, false
	}
	// The region's name is the text of the header cells, which is
	// collected while the header is written, so it goes in front of the
	// header afterwards: the names, joined by ", " and escaped as
	// html.EscapeString does, are gathered in c.open.
	head := len(c.out)
	c.write("<thead>\n<tr>\n")
	c.open = append(c.open[:0], `<div class="table-wrap" role="region" tabindex="0" aria-label="`...)
	names := 0
	for k, cell := range c.cells {
		c.label = c.label[:0]
		if !c.cell("th", aligns[k], cell, true) {
			return i, false
		}
		if name := bytes.TrimSpace(c.label); len(name) > 0 {
			if names > 0 {
				c.open = append(c.open, ", "...)
			}
			c.open = appendEscaped(c.open, name)
			names++
		}
	}
	c.write("</tr>\n</thead>\n")
	if names == 0 {
		c.open = append(c.open, "Table"...)
	}
	c.open = append(c.open, "\">\n<table>\n"...)
	c.out = slices.Insert(c.out, head, c.open...)

	i += 2
	body := false
	for ; i < len(c.lines) && !blank(c.line(i)); i++ {
		line := c.line(i)
		if line[0] != '|' {
			return i, false
		}
		c.cells = rowCells(c.cells[:0], line)
		cells := c.cells
		if len(cells) != len(aligns) {
			return i, false
		}
		if !body {
			c.write("<tbody>\n")
			body = true
		}
		c.write("<tr>\n")
		for k, cell := range cells {
			if !c.cell("td", aligns[k], cell, false) {
				return i, false
			}
		}
		c.write("</tr>\n")
	}
	if body {
		c.write("</tbody>\n")
	}
	c.write("</table>\n</div>\n")
	return i, true
}

// cell writes one table cell.
func (c *converter) cell(tag string, align alignment, text string, label bool) bool {
	c.writeByte('<')
	c.write(tag)
	if align != "" {
		c.write(` style="text-align:`)
		c.write(string(align))
		c.writeByte('"')
	}
	c.writeByte('>')
	if !c.inline(text, label) {
		return false
	}
	c.write("</")
	c.write(tag)
	c.write(">\n")
	return true
}

// delimiterRow parses a table's delimiter row ("| --- | :-: |") into the
// alignments of its columns, as goldmark's table extension does.
func delimiterRow(aligns []alignment, line string) ([]alignment, bool) {
	// The row starts with '|', as the header does, so that it cannot be
	// read as a list item ("- |") or anything else but a row.
	if line == "" || line[0] != '|' || !strings.Contains(line, "-") || strings.Trim(line, "|-: ") != "" {
		return nil, false
	}
	// The columns are the text between '|'s, but for a blank one at
	// either end.
	line = line[1:]
	if k := strings.LastIndexByte(line, '|'); k >= 0 && blank(line[k+1:]) {
		line = line[:k]
	}
	for col := range strings.SplitSeq(line, "|") {
		col = strings.Trim(col, " ")
		left := strings.HasPrefix(col, ":")
		right := strings.HasSuffix(col, ":") && len(col) > 1
		dashes := strings.TrimSuffix(strings.TrimPrefix(col, ":"), ":")
		if dashes == "" || strings.Trim(dashes, "-") != "" {
			return nil, false
		}
		var a alignment
		switch {
		case left && right:
			a = "center"
		case left:
			a = "left"
		case right:
			a = "right"
		}
		aligns = append(aligns, a)
	}
	return aligns, len(aligns) > 0
}

// rowCells cuts a table row into its cells' text, trimmed of spaces, as
// goldmark's table extension does: one leading and one trailing '|' are
// dropped, and every other '|' ends a cell (the text has no backslash to
// escape one).
func rowCells(cells []string, line string) []string {
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	for pos < limit {
		end := strings.IndexByte(line[pos:limit], '|')
		if end < 0 {
			end = limit
		} else {
			end += pos
		}
		cells = append(cells, strings.Trim(line[pos:end], " "))
		pos = end + 1
	}
	return cells
}

// appendEscaped appends s escaped as html.EscapeString escapes it.
func appendEscaped(b, s []byte) []byte {
	for _, ch := range s {
		switch ch {
		case '&':
			b = append(b, "&amp;"...)
		case '\'':
			b = append(b, "&#39;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&#34;"...)
		default:
			b = append(b, ch)
		}
	}
	return b
}
