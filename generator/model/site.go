package model

import (
	"cmp"
	"maps"
	"slices"
	"sync"
)

// ServiceRef points at one service of one agency, for the cross-cutting
// lists by status and by category.
type ServiceRef struct {
	Agency  *Agency
	Service *Service
}

// Totals are the site-wide counts shown on the home page.
type Totals struct {
	Agencies   int // records
	UsingLINE  int // records with at least one service
	NotUsing   int // records that state the body does not use LINE
	Services   int
	ByStatus   map[Status]int
	ByCategory map[Category]int
	ByLevel    map[Level]int
}

// Site is the whole model, built once by New and never changed after.
type Site struct {
	Config      Config
	Prefectures []Prefecture // by code
	Agencies    []*Agency    // by slug
	Events      []*Event     // the timeline: by date, then slug
	Pages       []*Page      // by slug
	National    []*Agency    // national bodies, by slug
	Surveys     []*Survey    // by slug
	Totals      Totals

	agencyBySlug map[string]*Agency
	prefBySlug   map[string]*Prefecture
	byPref       map[string][]*Agency
	byStatus     map[Status][]ServiceRef
	byCategory   map[Category][]ServiceRef
	eventsByAg   map[string][]*Event
}

// New builds the site from validated input. It copies what it keeps, so
// the caller may reuse in.
func New(in Input) *Site { return newSite(in, nil, nil, false) }

// Adopt is New for input the caller hands over: the site keeps in's
// records themselves rather than copies, so neither in nor anything in it
// may be changed afterwards. A cold build makes the input only to build
// the site from it, and copying every record again (20,000 agencies, on
// one core, while every page waits for the site) bought nothing.
func Adopt(in Input) *Site { return newSite(in, nil, nil, true) }

// NewFrom is New for a site that changed little since prev was built from
// it: an agency of in whose slug is not among changed, and which prev has
// at the same path, is taken as prev's very record instead of a copy, so a
// rebuild after one edit neither copies nor keeps twice the 20,000
// records that did not change (and the pages planned from prev that point
// at them stay right). changed must name every record that may differ
// from prev's; the Builder knows them as those any of whose files changed
// since. A nil prev copies every record, as New does.
func NewFrom(in Input, prev *Site, changed []string) *Site {
	return newSite(in, prev, changed, false)
}

// newSite is NewFrom, which with own set keeps in's records instead of
// copies of them (Adopt).
func newSite(in Input, prev *Site, changed []string, own bool) *Site {
	s := &Site{
		Config:      in.Config,
		Prefectures: slices.Clone(in.Prefectures),
		prefBySlug:  make(map[string]*Prefecture, len(in.Prefectures)),
		byPref:      make(map[string][]*Agency),
		byStatus:    make(map[Status][]ServiceRef),
		byCategory:  make(map[Category][]ServiceRef),
		eventsByAg:  make(map[string][]*Event),
		Totals: Totals{
			ByStatus:   make(map[Status]int),
			ByCategory: make(map[Category]int),
			ByLevel:    make(map[Level]int),
		},
	}
	slices.SortFunc(s.Prefectures, func(a, b Prefecture) int { return cmp.Compare(a.Code, b.Code) })
	for i := range s.Prefectures {
		s.prefBySlug[s.Prefectures[i].Slug] = &s.Prefectures[i]
	}

	s.Agencies = make([]*Agency, len(in.Agencies))
	// in and prev both hold their agencies by slug (validate sorts them),
	// so the records to reuse are found by walking the two side by side,
	// without a map lookup per record; the slugs map is then prev's,
	// with the new records set, when the slugs are the same.
	reuse := prev != nil && slices.IsSortedFunc(in.Agencies, func(a, b Agency) int { return cmp.Compare(a.Slug, b.Slug) })
	changed = slices.Sorted(slices.Values(changed))
	matched := 0
	var fresh []int // indexes of the records copied
	for i, j, k := 0, 0, 0; i < len(in.Agencies); i++ {
		a := &in.Agencies[i]
		if reuse {
			for j < len(prev.Agencies) && prev.Agencies[j].Slug < a.Slug {
				j++
			}
			for k < len(changed) && changed[k] < a.Slug {
				k++
			}
			if j < len(prev.Agencies) && prev.Agencies[j].Slug == a.Slug {
				matched++
				if prev.Agencies[j].Path == a.Path && (k == len(changed) || changed[k] != a.Slug) {
					s.Agencies[i] = prev.Agencies[j]
					continue
				}
			}
		}
		if own {
			s.Agencies[i] = a
		} else {
			c := *a
			s.Agencies[i] = &c
		}
		fresh = append(fresh, i)
	}
	if reuse && matched == len(prev.Agencies) && matched == len(in.Agencies) {
		s.agencyBySlug = maps.Clone(prev.agencyBySlug)
		for _, i := range fresh {
			s.agencyBySlug[s.Agencies[i].Slug] = s.Agencies[i]
		}
	}
	// validate hands the agencies over sorted by slug already; looking
	// costs a tenth of sorting them again, which serve did on every edit.
	bySlug := func(a, b *Agency) int { return cmp.Compare(a.Slug, b.Slug) }
	if !slices.IsSortedFunc(s.Agencies, bySlug) {
		slices.SortFunc(s.Agencies, bySlug)
	}
	// Services are grouped by the index of their status and category in
	// the enum tables, and the groups put into the maps once: a map
	// assignment per service was most of New's cost at 20,000 agencies,
	// which serve pays on every edit.
	byLevel := make([]int, len(Levels))
	prefAt := make(map[string]int, len(s.Prefectures))
	var byPref [][]*Agency
	byStatus := make([][]ServiceRef, len(Statuses)+1)
	byCategory := make([][]ServiceRef, len(Categories)+1)
	// Each group is made at its size, counted first, or after an edit at
	// its size before it with room to grow: grown by appending, the
	// groups cost 10 MB of copies at 20,000 agencies, on every edit.
	if prev != nil {
		for i, st := range Statuses {
			byStatus[i] = make([]ServiceRef, 0, len(prev.byStatus[st])+64)
		}
		for i, c := range Categories {
			byCategory[i] = make([]ServiceRef, 0, len(prev.byCategory[c])+64)
		}
	} else {
		nStatus, nCategory := make([]int, len(Statuses)), make([]int, len(Categories))
		for _, a := range s.Agencies {
			for j := range a.Services {
				if i := statusIndex(a.Services[j].Status); i >= 0 {
					nStatus[i]++
				}
				if i := categoryIndex(a.Services[j].Category); i >= 0 {
					nCategory[i]++
				}
			}
		}
		for i, n := range nStatus {
			byStatus[i] = make([]ServiceRef, 0, n)
		}
		for i, n := range nCategory {
			byCategory[i] = make([]ServiceRef, 0, n)
		}
	}
	var otherStatus, otherCategory []ServiceRef // values outside the tables: only in unchecked input
	// The index by slug is filled on a goroutine of its own, beside the
	// grouping below, which writes nothing it reads: each takes some
	// milliseconds at 20,000 agencies, and a cold build waits for both.
	var indexed sync.WaitGroup
	if s.agencyBySlug == nil {
		s.agencyBySlug = make(map[string]*Agency, len(s.Agencies))
		indexed.Go(func() {
			for _, a := range s.Agencies {
				s.agencyBySlug[a.Slug] = a
			}
		})
	}
	for _, a := range s.Agencies {
		s.Totals.Agencies++
		if i := levelIndex(a.Level); i >= 0 {
			byLevel[i]++
		} else {
			s.Totals.ByLevel[a.Level]++
		}
		if a.UsesLINE() {
			s.Totals.UsingLINE++
		} else {
			s.Totals.NotUsing++
		}
		if a.Level == National {
			s.National = append(s.National, a)
		} else {
			i, ok := prefAt[a.Prefecture]
			if !ok {
				i = len(byPref)
				prefAt[a.Prefecture] = i
				byPref = append(byPref, nil)
			}
			byPref[i] = append(byPref[i], a)
		}
		for j := range a.Services {
			sv := &a.Services[j]
			ref := ServiceRef{Agency: a, Service: sv}
			if i := statusIndex(sv.Status); i >= 0 {
				byStatus[i] = append(byStatus[i], ref)
			} else {
				otherStatus = append(otherStatus, ref)
			}
			if i := categoryIndex(sv.Category); i >= 0 {
				byCategory[i] = append(byCategory[i], ref)
			} else {
				otherCategory = append(otherCategory, ref)
			}
			s.Totals.Services++
		}
	}
	for pref, i := range prefAt {
		s.byPref[pref] = byPref[i]
	}
	indexed.Wait()
	for i, l := range Levels {
		if byLevel[i] > 0 {
			s.Totals.ByLevel[l] = byLevel[i]
		}
	}
	for i, st := range Statuses {
		if len(byStatus[i]) > 0 {
			s.byStatus[st] = byStatus[i]
			s.Totals.ByStatus[st] = len(byStatus[i])
		}
	}
	for i, c := range Categories {
		if len(byCategory[i]) > 0 {
			s.byCategory[c] = byCategory[i]
			s.Totals.ByCategory[c] = len(byCategory[i])
		}
	}
	for _, ref := range otherStatus {
		s.byStatus[ref.Service.Status] = append(s.byStatus[ref.Service.Status], ref)
		s.Totals.ByStatus[ref.Service.Status]++
	}
	for _, ref := range otherCategory {
		s.byCategory[ref.Service.Category] = append(s.byCategory[ref.Service.Category], ref)
		s.Totals.ByCategory[ref.Service.Category]++
	}

	s.Events = make([]*Event, len(in.Events))
	for i := range in.Events {
		e := &in.Events[i]
		if !own {
			c := *e
			e = &c
		}
		s.Events[i] = e
	}
	slices.SortFunc(s.Events, func(a, b *Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Slug, b.Slug))
	})
	for _, e := range s.Events {
		for _, slug := range e.Agencies {
			s.eventsByAg[slug] = append(s.eventsByAg[slug], e)
		}
	}

	s.Pages = make([]*Page, len(in.Pages))
	for i := range in.Pages {
		p := &in.Pages[i]
		if !own {
			c := *p
			p = &c
		}
		s.Pages[i] = p
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return cmp.Compare(a.Slug, b.Slug) })

	s.Surveys = make([]*Survey, len(in.Surveys))
	for i := range in.Surveys {
		sv := &in.Surveys[i]
		if !own {
			c := *sv
			sv = &c
		}
		s.Surveys[i] = sv
	}
	slices.SortFunc(s.Surveys, func(a, b *Survey) int { return cmp.Compare(a.Slug, b.Slug) })
	return s
}

// Agency returns the agency with the given slug, or nil.
func (s *Site) Agency(slug string) *Agency { return s.agencyBySlug[slug] }

// Prefecture returns the prefecture with the given slug, or nil.
func (s *Site) Prefecture(slug string) *Prefecture { return s.prefBySlug[slug] }

// InPrefecture returns the agencies of a prefecture (the prefecture's own
// government and its municipalities), by slug.
func (s *Site) InPrefecture(slug string) []*Agency { return s.byPref[slug] }

// WithStatus returns the services whose current status is st, ordered by
// agency slug and then the order in the record.
func (s *Site) WithStatus(st Status) []ServiceRef { return s.byStatus[st] }

// InCategory returns the services of category c, ordered like WithStatus.
func (s *Site) InCategory(c Category) []ServiceRef { return s.byCategory[c] }

// SurveysIn returns the surveys of one scope, by slug.
func (s *Site) SurveysIn(scope SurveyScope) []*Survey {
	var out []*Survey
	for _, sv := range s.Surveys {
		if sv.Scope == scope {
			out = append(out, sv)
		}
	}
	return out
}

// EventsOf returns the timeline events that name the agency, by date.
func (s *Site) EventsOf(slug string) []*Event { return s.eventsByAg[slug] }
