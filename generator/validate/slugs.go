package validate

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"linewatch/generator/diag"
	"linewatch/generator/load"
)

// sibling identifies a record and its Japanese twin: same kind, same
// folder, same slug.
type sibling struct {
	kind load.Kind
	dir  string
	slug string
}

func siblingKey(d *load.Doc) sibling {
	return sibling{d.Kind, path.Dir(d.Path), d.Slug}
}

// pair splits documents into records and Japanese siblings, checks slugs
// (format, uniqueness within a kind, reserved page URLs) and reports
// orphaned siblings. Records come back sorted by path.
func pair(docs []load.Doc, diags *diag.List) ([]*load.Doc, map[sibling]*load.Doc) {
	var mains []*load.Doc
	jas := make(map[sibling]*load.Doc)
	have := make(map[sibling]bool)
	for i := range docs {
		d := &docs[i]
		if d.Kind != load.Agency && d.Kind != load.Event && d.Kind != load.Page && d.Kind != load.Survey {
			continue
		}
		if d.JA {
			jas[siblingKey(d)] = d
			continue
		}
		mains = append(mains, d)
		have[siblingKey(d)] = true
	}
	slices.SortFunc(mains, func(a, b *load.Doc) int { return cmp.Compare(a.Path, b.Path) })

	for k, d := range jas {
		if !have[k] {
			diags.Add(diag.Pos{Path: d.Path}, "", "Japanese body has no record beside it; expected %s.md or %s.toml in the same folder", k.slug, k.slug)
		}
	}

	byKind := make(map[load.Kind]map[string][]string)
	for _, d := range mains {
		if msg := slugProblem(d.Slug); msg != "" {
			diags.Add(diag.Pos{Path: d.Path}, "", "%s", msg)
		}
		if d.Kind == load.Page && slices.Contains(reserved, d.Slug) {
			diags.Add(diag.Pos{Path: d.Path}, "", "page slug %q is a URL the site already uses for its own pages; rename the file", d.Slug)
		}
		if byKind[d.Kind] == nil {
			byKind[d.Kind] = make(map[string][]string)
		}
		byKind[d.Kind][d.Slug] = append(byKind[d.Kind][d.Slug], d.Path)
	}
	for _, d := range mains {
		for _, other := range byKind[d.Kind][d.Slug] {
			if other != d.Path {
				diags.Add(diag.Pos{Path: d.Path}, "", "slug %q is also used by %s", d.Slug, other)
			}
		}
	}
	return mains, jas
}

// reserved lists the top-level URL segments the site uses itself, which a
// free page (published at /SLUG/) must not take.
var reserved = []string{
	"404.html", "agencies", "categories", "data", "feed.xml", "index.html", "ja",
	"national", "prefectures", "robots.txt", "search", "sitemap.xml", "static",
	"status", "style.css", "timeline",
}

// slugProblem says why a slug cannot be a URL segment, or "".
func slugProblem(slug string) string {
	ok := slug != "" && slug[0] != '-' && slug[len(slug)-1] != '-'
	for i := 0; ok && i < len(slug); i++ {
		c := slug[i]
		ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
	}
	if ok {
		return ""
	}
	want := strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r == ' ', r == '_', r == '.':
			return '-'
		}
		return -1
	}, slug)
	want = strings.Trim(want, "-")
	if want != "" && slugProblem(want) == "" {
		return "file name " + quote(slug) + " becomes a URL, so it may hold only lower-case letters, digits and hyphens; rename it to " + quote(want)
	}
	return "file name " + quote(slug) + " becomes a URL, so it may hold only lower-case letters, digits and hyphens"
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// slugsOf lists the slugs of the records of one kind, sorted, for
// cross-references and suggestions.
func slugsOf(mains []*load.Doc, kind load.Kind) []string {
	var out []string
	for _, d := range mains {
		if d.Kind == kind {
			out = append(out, d.Slug)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
