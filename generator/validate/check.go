package validate

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// Check validates the site configuration and every document, and returns
// the typed input for model.New with every problem found, sorted. Records
// with problems are still returned as far as they could be read, but a
// caller must not publish anything when the list is not empty.
//
// ref is the reference data from refdata.Load; a nil ref is loaded here.
func Check(cfg load.Doc, docs []load.Doc, ref *refdata.Data) (model.Input, diag.List) {
	var diags diag.List
	if ref == nil {
		var err error
		if ref, err = refdata.Load(); err != nil {
			diags.Add(diag.Pos{}, "", "reference data: %v", err)
			return model.Input{}, diags
		}
	}
	in := model.Input{
		Config:      config(cfg, &diags),
		Prefectures: prefectures(ref),
	}

	mains, jas := pair(docs, &diags)
	agencySlugs := slugsOf(mains, load.Agency)
	for _, d := range mains {
		ja := jas[siblingKey(d)]
		c := &checker{doc: d, diags: &diags}
		switch d.Kind {
		case load.Agency:
			if a, ok := agency(c, ref); ok {
				a.PathJA, a.BodyJA = jaPath(ja), jaBody(ja)
				a.NameJA = jaTitle(c, ja, a.NameJA, "name_ja")
				in.Agencies = append(in.Agencies, a)
			}
		case load.Event:
			if e, ok := event(c, agencySlugs); ok {
				e.PathJA, e.BodyJA = jaPath(ja), jaBody(ja)
				e.TitleJA = jaTitle(c, ja, e.TitleJA, "title_ja")
				in.Events = append(in.Events, e)
			}
		case load.Page:
			if p, ok := page(c); ok {
				p.PathJA, p.BodyJA = jaPath(ja), jaBody(ja)
				p.TitleJA = jaTitle(c, ja, p.TitleJA, "title_ja")
				in.Pages = append(in.Pages, p)
			}
		}
	}

	slices.SortFunc(in.Agencies, func(a, b model.Agency) int { return cmp.Or(cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Path, b.Path)) })
	slices.SortFunc(in.Events, func(a, b model.Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Path, b.Path))
	})
	slices.SortFunc(in.Pages, func(a, b model.Page) int { return cmp.Or(cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Path, b.Path)) })
	diags.Sort()
	return in, diags
}

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
		if d.Kind != load.Agency && d.Kind != load.Event && d.Kind != load.Page {
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

func jaPath(ja *load.Doc) string {
	if ja == nil {
		return ""
	}
	return ja.Path
}

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
