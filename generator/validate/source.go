package validate

import (
	"net/url"
	"strings"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
)

// sourceKeys are the keys a [[sources]] entry may hold.
var sourceKeys = []string{"title", "publisher", "kind", "date", "url", "archive_url", "quote"}

// sources checks the [[sources]] of a record or event; at least one is
// required, since every claim on the site is sourced.
func sources(t table) []model.Source {
	entries := t.tables("sources")
	if len(entries) == 0 {
		if v, bad := t.get("sources"); !bad || isEmptyArray(v) {
			t.c.errorf("sources", "at least one source is required")
		}
		return nil
	}
	out := make([]model.Source, 0, len(entries))
	for _, s := range entries {
		s.known(sourceKeys)
		out = append(out, model.Source{
			Title:      s.str("title", true),
			Publisher:  s.str("publisher", true),
			Kind:       enum(s, "kind", model.SourceKinds, false),
			Date:       s.date("date", false),
			URL:        webURL(s, "url"),
			ArchiveURL: webURL(s, "archive_url"),
			Quote:      s.str("quote", false),
		})
	}
	return out
}

func isEmptyArray(v any) bool {
	switch x := v.(type) {
	case []any:
		return len(x) == 0
	case []*load.Table:
		return len(x) == 0
	}
	return false
}

// webURL reads an optional http or https address.
func webURL(t table, key string) string {
	s := t.str(key, false)
	if s == "" {
		return ""
	}
	if msg := urlProblem(s); msg != "" {
		t.c.errorf(t.field(key), "%s", msg)
		return ""
	}
	return s
}

// urlProblem says why s is not a usable http or https address, or "".
func urlProblem(s string) string {
	if strings.ContainsAny(s, " \t\r\n") {
		return "address " + quote(s) + " contains a space; copy the address exactly, with spaces written as %20"
	}
	u, err := url.Parse(s)
	if err != nil {
		msg := err.Error()
		if ue, ok := err.(*url.Error); ok {
			msg = ue.Err.Error()
		}
		return "address " + quote(s) + " cannot be read: " + msg
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "address " + quote(s) + " must start with https:// or http://" + diag.DidYouMean(u.Scheme, []string{"http", "https"})
	}
	if u.Host == "" {
		return "address " + quote(s) + " has no host name"
	}
	return ""
}
