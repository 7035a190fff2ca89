package mdfast

import (
	"html"
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
	aligns, ok := delimiterRow(c.line(i + 1))
	if !ok {
		return i, false
	}
	header := c.line(i)
	cells := rowCells(header)
	if len(cells) != len(aligns) {
		return i, false
	}
	// The region's name is the text of the header cells, which is
	// collected while the header is written, so it goes in front of the
	// header afterwards.
	head := len(c.out)
	c.write("<thead>\n<tr>\n")
	var names []string
	for k, cell := range cells {
		c.label = c.label[:0]
		if !c.cell("th", aligns[k], cell, true) {
			return i, false
		}
		if name := strings.TrimSpace(string(c.label)); name != "" {
			names = append(names, name)
		}
	}
	c.write("</tr>\n</thead>\n")
	label := "Table"
	if len(names) > 0 {
		label = strings.Join(names, ", ")
	}
	open := `<div class="table-wrap" role="region" tabindex="0" aria-label="` + html.EscapeString(label) + "\">\n<table>\n"
	c.out = slices.Insert(c.out, head, []byte(open)...)

	i += 2
	body := false
	for ; i < len(c.lines) && !blank(c.line(i)); i++ {
		line := c.line(i)
		if line[0] != '|' {
			return i, false
		}
		cells := rowCells(line)
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
func delimiterRow(line string) ([]alignment, bool) {
	// The row starts with '|', as the header does, so that it cannot be
	// read as a list item ("- |") or anything else but a row.
	if line == "" || line[0] != '|' || !strings.Contains(line, "-") || strings.Trim(line, "|-: ") != "" {
		return nil, false
	}
	cols := strings.Split(line, "|")
	if blank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && blank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	if len(cols) == 0 {
		return nil, false
	}
	aligns := make([]alignment, len(cols))
	for k, col := range cols {
		col = strings.Trim(col, " ")
		left := strings.HasPrefix(col, ":")
		right := strings.HasSuffix(col, ":") && len(col) > 1
		dashes := strings.TrimSuffix(strings.TrimPrefix(col, ":"), ":")
		if dashes == "" || strings.Trim(dashes, "-") != "" {
			return nil, false
		}
		switch {
		case left && right:
			aligns[k] = "center"
		case left:
			aligns[k] = "left"
		case right:
			aligns[k] = "right"
		}
	}
	return aligns, true
}

// rowCells cuts a table row into its cells' text, trimmed of spaces, as
// goldmark's table extension does: one leading and one trailing '|' are
// dropped, and every other '|' ends a cell (the text has no backslash to
// escape one).
func rowCells(line string) []string {
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	var cells []string
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
