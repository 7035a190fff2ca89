package validate

import (
	"cmp"
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
	return check(cfg, docs, nil, ref, nil)
}

// CheckKnown is Check for a build that takes some agencies as an earlier
// check of the same program left them, instead of reading their files
// again: at 20,000 agencies, reading and checking every record is most of
// what a build after one edit costs (package checked keeps them between
// builds). Each of known must be an agency exactly as Check returned it
// from a site that passed, and its record and Japanese sibling (PathJA)
// unchanged since, and docs must hold neither file. What each record
// gives on its own is taken from known; the rules across records (unique
// slugs, Japanese siblings, the agencies an event names) run over the
// known agencies as over the records read, so the result is what Check
// gives for the whole site.
func CheckKnown(cfg load.Doc, docs []load.Doc, known []model.Agency, ref *refdata.Data) (model.Input, diag.List) {
	return check(cfg, docs, known, ref, nil)
}

// check is Check with the known agencies of CheckKnown and a cache of
// each record's own checks; a nil cache checks every record.
func check(cfg load.Doc, docs []load.Doc, known []model.Agency, ref *refdata.Data, cache *Cache) (model.Input, diag.List) {
	var diags diag.List
	if ref == nil {
		var err error
		if ref, err = refdata.Load(); err != nil {
			diags.Add(diag.Pos{Path: "(reference data)"}, "", "%v", err)
			return model.Input{}, diags
		}
	}
	in := model.Input{
		Config:      config(cfg, &diags),
		Prefectures: prefectures(ref),
	}

	// A known agency takes part in the rules across records as the files
	// it was made from: a record and its sibling, of which those rules
	// read only the path, kind and slug.
	var knownAt map[string]*model.Agency
	if len(known) > 0 {
		knownAt = make(map[string]*model.Agency, len(known))
		all := make([]load.Doc, len(docs), len(docs)+2*len(known))
		copy(all, docs)
		for i := range known {
			a := &known[i]
			knownAt[a.Path] = a
			all = append(all, load.Doc{Path: a.Path, Kind: load.Agency, Slug: a.Slug})
			if a.PathJA != "" {
				all = append(all, load.Doc{Path: a.PathJA, Kind: load.Agency, Slug: a.Slug, JA: true})
			}
		}
		docs = all
	}
	mains, jas := pair(docs, &diags)
	// Only the events need the agency slugs, and they come after every
	// agency, by path: without a cache, which needs the slugs first, they
	// are listed and sorted (some 10 ms at 20,000 agencies) beside the
	// checks, and an event waits for them.
	var agencySlugs []string // not to be read before slugsReady is closed
	var prev []*entry
	slugsReady := make(chan struct{})
	if cache == nil {
		go func() {
			defer close(slugsReady)
			agencySlugs = slugsOf(mains, load.Agency)
		}()
	} else {
		agencySlugs = slugsOf(mains, load.Agency)
		close(slugsReady)
		prev = cache.reuse(mains, jas, agencySlugs, ref)
	}
	results := make([]result, len(mains))
	todo := make([]int, 0, len(mains))
	for i := range mains {
		if a := knownAt[mains[i].Path]; a != nil && !mains[i].JA && mains[i].Fields == nil {
			results[i] = result{agency: a}
		} else if prev != nil && prev[i] != nil {
			results[i] = prev[i].res
		} else {
			todo = append(todo, i)
		}
	}
	parallel(len(todo), func(k int) {
		i := todo[k]
		var slugs []string // read only once ready, or it races with their making
		if mains[i].Kind == load.Event {
			<-slugsReady
			slugs = agencySlugs
		}
		results[i] = checkDoc(mains[i], jas[siblingKey(mains[i])], slugs, ref)
	})
	<-slugsReady
	cache.remember(mains, jas, agencySlugs, ref, prev, results)
	// Sort pointers, then copy once: moving whole records while sorting
	// 20,000 of them costs more than checking them.
	var agencies []*model.Agency
	var events []*model.Event
	var pages []*model.Page
	var surveys []*model.Survey
	for _, r := range results {
		diags.Append(r.diags)
		switch {
		case r.agency != nil:
			agencies = append(agencies, r.agency)
		case r.event != nil:
			events = append(events, r.event)
		case r.page != nil:
			pages = append(pages, r.page)
		case r.survey != nil:
			surveys = append(surveys, r.survey)
		}
	}
	// Records come in path order, and paths are unique, so breaking ties
	// by path gives the order a stable sort would, faster.
	// (cmp.Or would compare the long paths every time; slugs nearly
	// always differ.)
	slices.SortFunc(agencies, func(a, b *model.Agency) int {
		if c := strings.Compare(a.Slug, b.Slug); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	slices.SortFunc(events, func(a, b *model.Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Path, b.Path))
	})
	slices.SortFunc(pages, func(a, b *model.Page) int { return cmp.Or(cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Path, b.Path)) })
	slices.SortFunc(surveys, func(a, b *model.Survey) int { return cmp.Or(cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Path, b.Path)) })
	in.Agencies = deref(agencies)
	in.Events = deref(events)
	in.Pages = deref(pages)
	in.Surveys = deref(surveys)
	diags.Sort()
	return in, diags
}

// deref copies the values behind ps into a new slice, nil when empty.
// The copy is split into runs of derefRun values over the cores: at
// 20,000 agencies it is 5 MB written to memory the process never touched
// before, and the page faults cost more than the copying.
func deref[T any](ps []*T) []T {
	if len(ps) == 0 {
		return nil
	}
	out := make([]T, len(ps))
	parallel((len(ps)+derefRun-1)/derefRun, func(r int) {
		for i := r * derefRun; i < min((r+1)*derefRun, len(ps)); i++ {
			out[i] = *ps[i]
		}
	})
	return out
}

// derefRun is how many values deref copies at a time; parallel starts
// workers for 128 runs and more, 16,384 values.
const derefRun = 128

// result is what checking one record gives: at most one of agency, event,
// page and survey, and its problems.
type result struct {
	agency *model.Agency
	event  *model.Event
	page   *model.Page
	survey *model.Survey
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
	case load.Survey:
		if s, ok := survey(c); ok {
			s.PathJA, s.BodyJA = jaPath(ja), jaBody(ja)
			s.TitleJA = jaTitle(c, ja, s.TitleJA, "title_ja")
			r.survey = &s
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
