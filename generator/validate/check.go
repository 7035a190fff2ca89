package validate

import (
	"cmp"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
	results := make([]result, len(mains))
	parallel(len(mains), func(i int) {
		results[i] = checkDoc(mains[i], jas[siblingKey(mains[i])], agencySlugs, ref)
	})
	// Sort pointers, then copy once: moving whole records while sorting
	// 20,000 of them costs more than checking them.
	var agencies []*model.Agency
	var events []*model.Event
	var pages []*model.Page
	for _, r := range results {
		diags.Append(r.diags)
		switch {
		case r.agency != nil:
			agencies = append(agencies, r.agency)
		case r.event != nil:
			events = append(events, r.event)
		case r.page != nil:
			pages = append(pages, r.page)
		}
	}
	slices.SortStableFunc(agencies, func(a, b *model.Agency) int { return cmp.Compare(a.Slug, b.Slug) })
	slices.SortStableFunc(events, func(a, b *model.Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Slug, b.Slug))
	})
	slices.SortStableFunc(pages, func(a, b *model.Page) int { return cmp.Compare(a.Slug, b.Slug) })
	in.Agencies = deref(agencies)
	in.Events = deref(events)
	in.Pages = deref(pages)
	diags.Sort()
	return in, diags
}

// deref copies the values behind ps into a new slice, nil when empty.
func deref[T any](ps []*T) []T {
	if len(ps) == 0 {
		return nil
	}
	out := make([]T, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// result is what checking one record gives: at most one of agency, event
// and page, and its problems.
type result struct {
	agency *model.Agency
	event  *model.Event
	page   *model.Page
	diags  diag.List
}

// checkDoc checks one record with its Japanese sibling (nil when none).
// It reads only its arguments, so records are checked in parallel.
func checkDoc(d, ja *load.Doc, agencySlugs []string, ref *refdata.Data) result {
	var r result
	c := &checker{doc: d, diags: &r.diags}
	switch d.Kind {
	case load.Agency:
		if a, ok := agency(c, ref); ok {
			a.PathJA, a.BodyJA = jaPath(ja), jaBody(ja)
			a.NameJA = jaTitle(c, ja, a.NameJA, "name_ja")
			r.agency = &a
		}
	case load.Event:
		if e, ok := event(c, agencySlugs); ok {
			e.PathJA, e.BodyJA = jaPath(ja), jaBody(ja)
			e.TitleJA = jaTitle(c, ja, e.TitleJA, "title_ja")
			r.event = &e
		}
	case load.Page:
		if p, ok := page(c); ok {
			p.PathJA, p.BodyJA = jaPath(ja), jaBody(ja)
			p.TitleJA = jaTitle(c, ja, p.TitleJA, "title_ja")
			r.page = &p
		}
	}
	return r
}

// parallel calls f(0) to f(n-1) over a few workers, one per core, and
// returns when all are done. Small sets run in the caller's goroutine,
// where starting workers would cost more than it saves.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64)
	if workers < 2 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
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
