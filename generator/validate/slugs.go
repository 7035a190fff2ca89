package validate

import (
	"cmp"
	"slices"
	"strings"

	"linewatch/generator/diag"
	"linewatch/generator/load"
)

// siblingKey identifies a record and its Japanese twin: the path up to
// and including the slug, "content/agencies/osaka/osaka-city" for both
// osaka-city.md and osaka-city.ja.md. The folder fixes the kind, so equal
// keys mean same kind, same folder, same slug. It is a part of the path,
// so making it allocates nothing; it runs a few times per record on every
// check.
func siblingKey(d *load.Doc) string {
	end := strings.LastIndexByte(d.Path, '/') + 1 + len(d.Slug)
	if end > len(d.Path) || !strings.HasSuffix(d.Path[:end], d.Slug) {
		return d.Path // not as load makes them; a twin of nothing
	}
	return d.Path[:end]
}

// kindSlug is what must be unique among records: a slug within a kind.
type kindSlug struct {
	kind load.Kind
	slug string
}

// pair splits documents into records and Japanese siblings, checks slugs
// (format, uniqueness within a kind, reserved page URLs) and reports
// orphaned siblings. Records come back sorted by path.
func pair(docs []load.Doc, diags *diag.List) ([]*load.Doc, map[string]*load.Doc) {
	mains := make([]*load.Doc, 0, len(docs))
	jas := make(map[string]*load.Doc)
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
	}
	slices.SortFunc(mains, func(a, b *load.Doc) int { return cmp.Compare(a.Path, b.Path) })

	paired := make(map[string]bool, len(jas))
	for _, d := range mains {
		if k := siblingKey(d); jas[k] != nil {
			paired[k] = true
		}
	}
	for k, d := range jas {
		if !paired[k] {
			diags.Add(diag.Pos{Path: d.Path}, "", "Japanese body has no record beside it; expected %s.md or %s.toml in the same folder", d.Slug, d.Slug)
		}
	}

	// Each slug's first record by path, and, only for slugs taken twice,
	// every record that has it.
	first := make(map[kindSlug]*load.Doc, len(mains))
	var dups map[kindSlug][]*load.Doc
	for _, d := range mains {
		if msg := slugProblem(d.Slug); msg != "" {
			diags.Add(diag.Pos{Path: d.Path}, "", "%s", msg)
		}
		if d.Kind == load.Page && slices.Contains(reserved, d.Slug) {
			diags.Add(diag.Pos{Path: d.Path}, "", "page slug %q is a URL the site already uses for its own pages; rename the file", d.Slug)
		}
		k := kindSlug{d.Kind, d.Slug}
		f, taken := first[k]
		switch {
		case !taken:
			first[k] = d
		case dups[k] == nil:
			if dups == nil {
				dups = make(map[kindSlug][]*load.Doc)
			}
			dups[k] = []*load.Doc{f, d}
		default:
			dups[k] = append(dups[k], d)
		}
	}
	for _, same := range dups {
		for _, d := range same {
			for _, other := range same {
				if other != d {
					diags.Add(diag.Pos{Path: d.Path}, "", "slug %q is also used by %s", d.Slug, other.Path)
				}
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
