package render

import (
	"cmp"
	"slices"

	"linewatch/generator/model"
)

// home plans "/": totals, latest changes and links to every list.
func (p planner) home() Page {
	s := p.site
	v := &HomeView{
		Base:        p.base("/"),
		Agencies:    s.Totals.Agencies,
		Services:    s.Totals.Services,
		UsingLINE:   s.Totals.UsingLINE,
		NotUsing:    s.Totals.NotUsing,
		National:    len(s.National),
		Prefs:       p.link("/prefectures/"),
		NationalURL: p.link("/national/"),
		Timeline:    p.link("/timeline/"),
	}
	v.StatusBreakdown = Breakdown{ID: "status", Heading: "home.by-status", Column: "col.status", Chart: Chart{Key: "home.by-status.caption"}}
	for _, st := range model.Statuses {
		v.StatusBreakdown.Bars = append(v.StatusBreakdown.Bars, Count{Enum: p.statusEnum(st), N: s.Totals.ByStatus[st]})
	}
	v.PurposeBreakdown = Breakdown{ID: "category", Heading: "home.by-category", Column: "col.category", Chart: Chart{Key: "home.by-category.caption"}}
	for _, c := range model.Categories {
		v.PurposeBreakdown.Bars = append(v.PurposeBreakdown.Bars, Count{Enum: p.categoryEnum(c), N: s.Totals.ByCategory[c]})
	}
	// Coverage counts local governments with a record, which hangs on
	// every agency's code, not only on the totals.
	rows, inputs := p.prefRows()
	inputs = append(inputs, "totals")
	v.Prefectures = rows
	v.Map = p.tileMap(rows)
	for _, r := range rows {
		v.Researched += r.Researched
		v.LocalGovs += r.LocalGovs
		if r.Government {
			v.Governments++
		}
	}
	if p.shared == nil || p.shared.latest == nil {
		refs := latest(s, LatestMax)
		if p.shared == nil {
			p.shared = &planShared{}
		}
		p.shared.latest = refs
	}
	for _, ref := range p.shared.latest {
		v.Latest = append(v.Latest, p.serviceRow(ref.Agency, ref.Service))
		inputs = append(inputs, agencyKey(ref.Agency.Slug))
	}
	for _, fp := range s.Pages {
		v.Pages = append(v.Pages, Link{Name: pick(p.lang, fp.Title, fp.TitleJA), URL: p.link("/" + fp.Slug + "/")})
		inputs = append(inputs, "pages/"+fp.Slug)
	}
	for _, sv := range s.SurveysIn(model.LocalSurvey) {
		v.Surveys = append(v.Surveys, p.survey(sv))
		inputs = append(inputs, surveyKey(sv.Slug))
	}
	v.Records = p.localRecords()
	return p.page("/", "home.html", v, inputs...)
}

// latest returns at most n services, newest change first. Services whose
// sources date their current status come first, by that date; the rest
// follow by the date their record was last verified, since a list of
// "changes" should lead with changes that really have a date. Ties go by
// agency slug, then record order.
func latest(s *model.Site, n int) []model.ServiceRef {
	when := func(r model.ServiceRef) model.Date {
		if r.Service.Since.IsZero() {
			return r.Agency.Updated
		}
		return r.Service.Since
	}
	// Agencies come by slug, so among equal keys the one met first is
	// the one in record order: a new candidate goes after its equals.
	before := func(a, b model.ServiceRef) bool {
		return cmp.Or(
			boolCmp(a.Service.Since.IsZero(), b.Service.Since.IsZero()),
			when(b).Compare(when(a)),
			cmp.Compare(a.Agency.Slug, b.Agency.Slug),
		) < 0
	}
	// The first n of every service, kept in order as they are met: a
	// rebuild must not sort every service of the site for ten rows.
	top := make([]model.ServiceRef, 0, n+1)
	for _, a := range s.Agencies {
		for i := range a.Services {
			r := model.ServiceRef{Agency: a, Service: &a.Services[i]}
			if len(top) == n && (n == 0 || !before(r, top[n-1])) {
				continue
			}
			at, _ := slices.BinarySearchFunc(top, r, func(x, r model.ServiceRef) int {
				if before(r, x) {
					return 1
				}
				return -1
			})
			top = slices.Insert(top, at, r)
			top = top[:min(len(top), n)]
		}
	}
	return top
}

// prefectures plans "/prefectures/": the 47 by region, with counts.
func (p planner) prefectures() Page {
	v := &PrefecturesView{Base: p.base("/prefectures/")}
	rows, inputs := p.prefRows()
	for i, row := range rows {
		pr := &p.site.Prefectures[i]
		name := pick(p.lang, pr.Region, pr.RegionJA)
		if n := len(v.Regions); n == 0 || v.Regions[n-1].Name != name {
			v.Regions = append(v.Regions, RegionView{Name: name})
		}
		r := &v.Regions[len(v.Regions)-1]
		r.Prefs = append(r.Prefs, row)
	}
	return p.page("/prefectures/", "prefectures.html", v, inputs...)
}

// prefRows summarises each prefecture, in code order, and returns the
// keys it read: every prefecture and every agency in one.
func (p planner) prefRows() ([]PrefRow, []string) {
	// The counts are the same in both languages and on the two pages that
	// show them; one plan makes them once.
	if p.shared != nil && p.shared.prefRows != nil {
		rows := slices.Clone(p.shared.prefRows)
		for i := range rows {
			rows[i].Link = *p.prefLink(rows[i].Slug)
		}
		return rows, slices.Clone(p.shared.prefInputs) // callers append and sort
	}
	rows, inputs, _ := p.countPrefs()
	// Sorted once here, so that the pages appending a few keys of their
	// own sort an almost sorted list (20,000 keys at 20,000 agencies).
	slices.Sort(inputs)
	if p.shared != nil {
		p.shared.prefRows, p.shared.prefInputs = rows, inputs
	}
	return slices.Clone(rows), slices.Clone(inputs)
}

// countPrefs is prefRows without the memo. It also returns each
// prefecture's local governments that no record covers, which its page
// lists in either language.
func (p planner) countPrefs() ([]PrefRow, []string, [][]model.LocalGov) {
	rows := make([]PrefRow, len(p.site.Prefectures))
	notYet := make([][]model.LocalGov, len(p.site.Prefectures))
	inputs := make([]string, 0, len(p.site.Prefectures)+len(p.site.Agencies))
	for i := range p.site.Prefectures {
		pr := &p.site.Prefectures[i]
		inputs = append(inputs, "prefecture/"+pr.Slug)
		ags := p.site.InPrefecture(pr.Slug)
		notYet[i] = notResearched(pr, ags)
		rows[i] = PrefRow{
			Link:       *p.prefLink(pr.Slug),
			Slug:       pr.Slug,
			Code:       pr.Code,
			Agencies:   len(ags),
			Researched: len(pr.LocalGovs) - len(notYet[i]),
			LocalGovs:  len(pr.LocalGovs),
		}
		rows[i].Share = figureView(FigureView{}, rows[i].Researched, rows[i].LocalGovs).Share
		for _, a := range ags {
			inputs = append(inputs, agencyKey(a.Slug))
			if a.UsesLINE() {
				rows[i].UsingLINE++
			}
			if a.Level == model.Prefectural {
				rows[i].Government = true
			}
		}
	}
	return rows, inputs, notYet
}

// prefecture plans "/prefectures/SLUG/" and the later pages of its
// municipalities: page 1 has the prefectural government, coverage and the
// bodies not yet researched; every page has up to RowsPerPage
// municipalities. k is the prefecture's index in the site's.
func (p planner) prefecture(k int) []Page {
	pr := &p.site.Prefectures[k]
	path := prefecturePath(pr.Slug)
	if p.prior != nil {
		members := p.site.InPrefecture(pr.Slug)
		keys, munis := []string{"prefecture/" + pr.Slug}, 0
		for _, a := range members {
			keys = append(keys, agencyKey(a.Slug))
			if a.Level != model.Prefectural {
				munis++
			}
		}
		if kept, ok := p.keepAll(path, "prefecture.html", len(paginate(munis, p.opt.RowsPerPage)), keys); ok {
			return kept
		}
	}
	ags := slices.Clone(p.site.InPrefecture(pr.Slug))
	// English readers scan names alphabetically; Japanese lists follow the
	// official order of local government codes, which kanji code points
	// do not give. Records without a code go last, by name.
	slices.SortFunc(ags, func(a, b *model.Agency) int {
		if p.lang == Ja {
			if c := cmp.Or(boolCmp(a.Code == "", b.Code == ""), cmp.Compare(a.Code, b.Code)); c != 0 {
				return c
			}
		}
		return cmp.Or(cmp.Compare(pick(p.lang, a.Name, a.NameJA).S, pick(p.lang, b.Name, b.NameJA).S), cmp.Compare(a.Slug, b.Slug))
	})
	var gov []*model.Agency
	muni := make([]*model.Agency, 0, len(ags))
	for _, a := range ags {
		if a.Level == model.Prefectural {
			gov = append(gov, a)
		} else {
			muni = append(muni, a)
		}
	}
	// The same in both languages: the plan works it out once.
	var notYet []model.LocalGov
	if p.shared != nil && p.shared.notYet != nil {
		notYet = p.shared.notYet[k]
	} else {
		notYet = notResearched(pr, ags)
	}
	spans := paginate(len(muni), p.opt.RowsPerPage)
	pages := make([]Page, len(spans))
	for i, sp := range spans {
		at := pagePath(path, sp.Number)
		v := &PrefectureView{
			Base:    p.base(at),
			Name:    pick(p.lang, pr.Name, pr.NameJA),
			AltName: other(p.lang, pr.Name, pr.NameJA),
			Region:  pick(p.lang, pr.Region, pr.RegionJA),
			Total:   len(muni),
		}
		v.Pager = p.pager(path, sp)
		// Every slice at its size: grown by appending, the rows of 20,000
		// agencies were copied over and over.
		n := sp.Hi - sp.Lo
		if sp.Number == 1 {
			n += len(ags)
		}
		inputs := make([]string, 0, n+1+4) // and the four page adds
		inputs = append(inputs, "prefecture/"+pr.Slug)
		if sp.Hi > sp.Lo {
			v.Municipalities = make([]AgencyRow, 0, sp.Hi-sp.Lo)
		}
		if sp.Number == 1 {
			// Coverage and the bodies not yet researched hang on every
			// record's code, so page 1 reads them all.
			v.LocalGovs = len(pr.LocalGovs)
			v.Researched = v.LocalGovs - len(notYet)
			for _, a := range ags {
				inputs = append(inputs, agencyKey(a.Slug))
			}
			for _, a := range gov {
				v.Government = append(v.Government, p.agencyRow(a))
			}
			if len(notYet) > 0 {
				v.NotResearched = make([]LocalGovRow, 0, len(notYet))
			}
			for _, g := range notYet {
				row := LocalGovRow{Code: g.Code, Name: pick(p.lang, g.Name, g.NameJA)}
				if p.lang == En {
					// The Japanese name too, which is what an editor searches for.
					row.AltName = other(p.lang, g.Name, g.NameJA)
				}
				v.NotResearched = append(v.NotResearched, row)
			}
		}
		sh := newShape(sp)
		for _, a := range muni[sp.Lo:sp.Hi] {
			v.Municipalities = append(v.Municipalities, p.agencyRow(a))
			inputs = append(inputs, agencyKey(a.Slug))
			sh.row(a.Slug, -1)
		}
		pages[i] = p.page(at, "prefecture.html", v, inputs...)
		pages[i].Shape = uint64(sh)
	}
	return pages
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// notResearched returns the prefecture's local governments that no record
// covers, matching by local government code or, for records without one,
// by Japanese name.
func notResearched(pr *model.Prefecture, ags []*model.Agency) []model.LocalGov {
	codes := make(map[string]bool, len(ags))
	names := make(map[string]bool, len(ags))
	for _, a := range ags {
		if a.Code != "" {
			codes[a.Code] = true
		} else if a.NameJA != "" {
			names[a.NameJA] = true
		}
	}
	var out []model.LocalGov
	for _, g := range pr.LocalGovs {
		if !codes[g.Code] && !names[g.NameJA] {
			out = append(out, g)
		}
	}
	return out
}

// agency plans "/agencies/SLUG/".
func (p planner) agency(a *model.Agency) Page {
	path := agencyPath(a.Slug)
	v := &AgencyView{
		Base:       p.base(path),
		Name:       pick(p.lang, a.Name, a.NameJA),
		AltName:    other(p.lang, a.Name, a.NameJA),
		Level:      levelEnum(a.Level),
		Prefecture: p.prefLink(a.Prefecture),
		Code:       a.Code,
		Updated:    a.Updated,
		Body:       pick(p.lang, a.Body, a.BodyJA),
		Sources:    p.sources(a.Sources),
		Record:     a.Path,
		RecordJA:   a.PathJA,
	}
	// Room for the page's own four (page).
	inputs := append(make([]string, 0, 3+4), agencyKey(a.Slug))
	if a.Prefecture != "" {
		inputs = append(inputs, "prefecture/"+a.Prefecture)
	}
	if len(a.Services) > 0 {
		v.Services = make([]ServiceView, len(a.Services))
		for i := range a.Services {
			v.Services[i] = p.service(&a.Services[i])
		}
	}
	if evs := p.site.EventsOf(a.Slug); len(evs) > 0 {
		inputs = append(inputs, "events")
		for _, e := range evs {
			v.Events = append(v.Events, EventLink{
				Date:  e.Date,
				Title: pick(p.lang, e.Title, e.TitleJA),
				URL:   p.link(timelinePath(p.eventPage[e])) + "#" + eventID(e.Slug),
			})
		}
	}
	return p.page(path, "agency.html", v, inputs...)
}

// service describes one service with its history, oldest first and the
// current status last.
func (p planner) service(sv *model.Service) ServiceView {
	out := ServiceView{
		Name:         pick(p.lang, sv.Name, sv.NameJA),
		AltName:      other(p.lang, sv.Name, sv.NameJA),
		Category:     p.categoryEnum(sv.Category),
		Status:       p.statusEnum(sv.Status),
		Since:        sv.Since,
		PersonalData: sv.PersonalData,
		Sensitive:    sv.Sensitive,
		Alternative:  pick(p.lang, sv.Alternative, sv.AlternativeJA),
		Note:         pick(p.lang, sv.Note, sv.NoteJA),
	}
	out.History = make([]ChangeView, 0, len(sv.History)+1)
	for _, c := range sv.History {
		out.History = append(out.History, ChangeView{Date: c.Date, Status: p.statusEnum(c.Status), Note: pick(p.lang, c.Note, c.NoteJA)})
	}
	out.History = append(out.History, ChangeView{Date: sv.Since, Status: out.Status, Current: true})
	return out
}

// eventID is the anchor of an event on the timeline.
func eventID(slug string) string { return "event-" + slug }

// national plans "/national/" and its later pages: up to RowsPerPage
// national bodies with a record each, then, on page 1, every survey in
// full.
func (p planner) national() []Page {
	const path = "/national/"
	spans := paginate(len(p.site.National), p.opt.RowsPerPage)
	if p.prior != nil {
		var keys []string
		for _, a := range p.site.National {
			keys = append(keys, agencyKey(a.Slug))
		}
		for _, sv := range p.site.Surveys {
			keys = append(keys, surveyKey(sv.Slug))
		}
		if kept, ok := p.keepAll(path, "national.html", len(spans), keys); ok {
			return kept
		}
	}
	pages := make([]Page, len(spans))
	for i, sp := range spans {
		at := pagePath(path, sp.Number)
		v := &NationalView{Base: p.base(at), Total: sp.Total}
		v.Pager = p.pager(path, sp)
		var inputs []string
		sh := newShape(sp)
		for _, a := range p.site.National[sp.Lo:sp.Hi] {
			v.Agencies = append(v.Agencies, p.agencyRow(a))
			inputs = append(inputs, agencyKey(a.Slug))
			sh.row(a.Slug, -1)
		}
		if sp.Number == 1 {
			for _, sv := range p.site.Surveys {
				v.Surveys = append(v.Surveys, p.survey(sv))
				inputs = append(inputs, surveyKey(sv.Slug))
			}
		}
		pages[i] = p.page(at, "national.html", v, inputs...)
		pages[i].Shape = uint64(sh)
	}
	return pages
}

// status plans "/status/STATUS/" and its later pages. Page 1 exists for
// every status even when no service has it, so links never break.
func (p planner) status(st model.Status) []Page {
	others := make([]Enum, len(model.Statuses))
	for i, o := range model.Statuses {
		others[i] = p.statusEnum(o)
	}
	return p.list(statusPath(st), "status.html", p.statusEnum(st), others, p.site.WithStatus(st),
		func(sv *model.Service) bool { return sv.Status == st })
}

// category plans "/categories/CATEGORY/" and its later pages, for every
// category.
func (p planner) category(c model.Category) []Page {
	others := make([]Enum, len(model.Categories))
	for i, o := range model.Categories {
		others[i] = p.categoryEnum(o)
	}
	return p.list(categoryPath(c), "category.html", p.categoryEnum(c), others, p.site.InCategory(c),
		func(sv *model.Service) bool { return sv.Category == c })
}

// list plans the pages of a status or category list at path: up to
// RowsPerPage services each, in the model's order (agency slug, then
// record order). Each page reads only the agencies it shows.
func (p planner) list(path, layout string, e Enum, others []Enum, refs []model.ServiceRef, in func(*model.Service) bool) []Page {
	spans := paginate(len(refs), p.opt.RowsPerPage)
	build := func(i int) Page {
		sp := spans[i]
		at := pagePath(path, sp.Number)
		sh := newShape(sp)
		for _, r := range refs[sp.Lo:sp.Hi] {
			sh.row(r.Agency.Slug, serviceIndex(r))
		}
		if old, ok := p.keepPage(at, layout, sh); ok {
			return old
		}
		v := &ListView{Base: p.base(at), Enum: e, Others: others, Total: sp.Total}
		v.Pager = p.pager(path, sp)
		v.Rows = make([]ServiceRow, 0, sp.Hi-sp.Lo)
		inputs := make([]string, 0, sp.Hi-sp.Lo)
		for _, r := range refs[sp.Lo:sp.Hi] {
			v.Rows = append(v.Rows, p.serviceRow(r.Agency, r.Service))
			inputs = append(inputs, agencyKey(r.Agency.Slug))
		}
		pg := p.page(at, layout, v, inputs...)
		pg.Shape = uint64(sh)
		return pg
	}
	if pages, ok := p.keepRows(path, layout, spans, refs, in, build); ok {
		return pages
	}
	pages := make([]Page, len(spans))
	for i, sp := range spans {
		if p.prior != nil && p.prior.lazy {
			pages[i] = Page{URL: localURL(p.lang, pagePath(path, sp.Number)), Lang: p.lang, Layout: layout, View: deferred(func() Page { return build(i) })}
			continue
		}
		pages[i] = build(i)
	}
	return pages
}

// serviceIndex returns the index of r's service in its agency's record.
func serviceIndex(r model.ServiceRef) int {
	for i := range r.Agency.Services {
		if &r.Agency.Services[i] == r.Service {
			return i
		}
	}
	return -1
}

// timeline plans "/timeline/" and its later pages: up to EventsPerPage
// events each, oldest first. Every page reads "events", since an event
// added anywhere moves the others between pages.
func (p planner) timeline() []Page {
	const path = "/timeline/"
	spans := paginate(len(p.site.Events), p.opt.EventsPerPage)
	pages := make([]Page, len(spans))
	for i, sp := range spans {
		at := pagePath(path, sp.Number)
		v := &TimelineView{Base: p.base(at), Total: sp.Total}
		v.Pager = p.pager(path, sp)
		inputs := []string{"events"}
		for _, e := range p.site.Events[sp.Lo:sp.Hi] {
			ev := EventView{
				ID:      eventID(e.Slug),
				Date:    e.Date,
				Title:   pick(p.lang, e.Title, e.TitleJA),
				Body:    pick(p.lang, e.Body, e.BodyJA),
				Sources: p.sources(e.Sources),
			}
			for _, slug := range e.Agencies {
				if a := p.site.Agency(slug); a != nil {
					ev.Agencies = append(ev.Agencies, p.agencyLink(a))
					inputs = append(inputs, agencyKey(slug))
				}
			}
			v.Events = append(v.Events, ev)
		}
		pages[i] = p.page(at, "timeline.html", v, inputs...)
	}
	return pages
}

// timelinePath returns the language-neutral path of page k of the
// timeline.
func timelinePath(k int) string { return pagePath("/timeline/", k) }

// eventPages returns the page of the timeline, from 1, that shows each
// event when pages hold size events: agency pages and the feeds link an
// event at its anchor on that page.
func eventPages(site *model.Site, size int) map[*model.Event]int {
	m := make(map[*model.Event]int, len(site.Events))
	for i, e := range site.Events {
		m[e] = pageOf(i, size)
	}
	return m
}

// free plans a free page at "/SLUG/".
func (p planner) free(fp *model.Page) Page {
	path := "/" + fp.Slug + "/"
	v := &FreePageView{
		Base:   p.base(path),
		Title:  pick(p.lang, fp.Title, fp.TitleJA),
		Body:   pick(p.lang, fp.Body, fp.BodyJA),
		Record: fp.Path,
	}
	return p.page(path, "page.html", v, "pages/"+fp.Slug)
}
