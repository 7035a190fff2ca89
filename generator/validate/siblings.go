package validate

import "linewatch/generator/load"

// jaPath returns the path of a Japanese sibling, or "" when there is none.
func jaPath(ja *load.Doc) string {
	if ja == nil {
		return ""
	}
	return ja.Path
}

// jaBody returns the Markdown body of a Japanese sibling, or "".
func jaBody(ja *load.Doc) string {
	if ja == nil {
		return ""
	}
	return ja.Body
}

// jaTitle checks a Japanese sibling's front matter, which may hold only the
// Japanese name or title (key), and returns the value to use: the record's
// own when set, else the sibling's. Both set and different is an error, so
// an editor never wonders which one the site shows.
func jaTitle(rec *checker, ja *load.Doc, own, key string) string {
	if ja == nil || ja.Broken || ja.Fields == nil {
		return own
	}
	c := &checker{doc: ja, diags: rec.diags}
	t := table{c: c, m: ja.Fields}
	t.known([]string{key})
	v := t.str(key, false)
	switch {
	case v == "":
		return own
	case own == "":
		return v
	case own != v:
		c.errorf(key, "also set to %q in %s; keep one of them", own, rec.doc.Path)
	}
	return own
}
