package render

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"linewatch/generator/model"
)

// Plan returns every page of the site in both languages, sorted by URL.
// It builds each page's view and records the keys it read (see the
// package doc, "Inputs"); it renders no Markdown and executes no template.
func Plan(site *model.Site, opt Options) []Page { return PlanFrom(site, opt, nil) }

// Prior is what an earlier Plan of the same site made, and which of the
// inputs it read have changed since, so that PlanFrom can keep the pages
// no change reaches instead of building their views again. A rebuild
// after one edit at 20,000 agencies would otherwise build 40,000 agency
// views to keep all but two of them.
type Prior struct {
	// Page returns the page planned earlier at url, if there was one.
	Page func(url string) (Page, bool)
	// Changed reports whether the input key has changed since then.
	// site.toml and the layouts are never among the keys asked for: a
	// change to either makes every view anew, so there is no Prior.
	Changed func(key string) bool
	// Site is the site the earlier plan was made from, and Records the
	// slugs of the agency records changed since (those for which
	// Changed("agency/SLUG") holds), so that a list can tell which of its
	// pages an edit reaches without looking at every row. Either may be
	// nil; then lists look at every row.
	Site    *model.Site
	Records []string
	// Plan is the earlier plan itself, in the order PlanFrom returned it,
	// or nil. Each Page(url) it holds is Page's answer for that url. A
	// rebuild plans most agency pages where they stood, so an agency's
	// earlier page is looked for at that place first: building its URL
	// and hashing it into a map for 40,000 pages was a third of the
	// plan's time after an edit at 20,000 agencies.
	Plan []Page

	// lazy is set by PlanLazy: the planners leave out the views it
	// defers (see deferred).
	lazy bool
}

// deferred is the View of a page PlanLazy planned without its view: it
// makes the page as Plan would have, rows and all. Filler.Fill calls it.
type deferred func() Page

// unchanged reports whether nothing old read has changed since.
func (pr *Prior) unchanged(old Page) bool {
	for _, key := range old.Inputs {
		if pr.Changed(key) {
			return false
		}
	}
	return true
}

// PlanFrom is Plan, keeping from prior every agency page none of whose
// inputs changed: the agency pages are nearly all of the pages, and each
// reads only its own record, its prefecture and the events that name it,
// all of which its inputs list. The other pages (lists, the home page)
// read many records and are planned anew, or kept when what they show
// did not change. A nil prior plans everything, as Plan does. The pages
// come sorted by URL only when prior has no Site (Plan, PlanLazy): a
// rebuild has no use for the order.
func PlanFrom(site *model.Site, opt Options, prior *Prior) []Page {
	opt = opt.normal()
	// Each language is planned on its own goroutine (the two halves of a
	// plan read the site and prior and never write them); what both share
	// is worked out first.
	shared := &planShared{latest: latest(site, LatestMax)}
	shared.prefRows, shared.prefInputs, shared.notYet = newPlanner(site, opt, En).countPrefs()
	slices.Sort(shared.prefInputs)
	// Sorting 40,000 pages took a tenth of a rebuild at 20,000 agencies;
	// a rebuild needs no order, so only a plan from nothing is sorted:
	// each half on its own goroutine, and the halves then merged.
	sorted := prior == nil || prior.Site == nil
	// A rebuild's halves are planned into the two ends of one slice and
	// then closed up, rather than joined into a third: at 20,000
	// agencies that copy was 4 MB of each edit's 50.
	est := newPlanner(site, opt, En).estimate()
	var one []Page
	halves := make([][]Page, len(langs))
	if !sorted {
		one = make([]Page, 0, len(langs)*est+1)
		for i := range halves {
			halves[i] = one[i*est : i*est : (i+1)*est]
		}
	}
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Go(func() {
			p := newPlanner(site, opt, lang)
			p.prior, p.shared = prior, shared
			if lang != langs[0] && prior != nil {
				p.planAt = firstOf(prior.Plan, lang)
			}
			halves[i] = p.planLang(halves[i])
			if sorted {
				sortPages(halves[i])
			}
		})
	}
	wg.Wait()
	// One 404 page for both languages: static hosts serve a single file.
	notFound := newPlanner(site, opt, En).notFound()
	if !sorted {
		return closeUp(one, halves, est, notFound)
	}
	return mergePages(halves, notFound)
}

// firstOf returns the index of the first page in lang in plan, or
// len(plan). A rebuild's plan holds each language's pages together, one
// language after the other (closeUp).
func firstOf(plan []Page, lang string) int {
	for i := range plan {
		if plan[i].Lang == lang {
			return i
		}
	}
	return len(plan)
}

// closeUp returns the halves planned into one (each with room for est
// pages, one after the other) as one slice, followed by more: the second
// half is moved down to follow the first. A half that outgrew its room
// was planned elsewhere, and then the halves are copied into a new slice.
func closeUp(one []Page, halves [][]Page, est int, more Page) []Page {
	for i, h := range halves {
		if cap(h) != est || len(h) > 0 && &h[0] != &one[:cap(one)][i*est] {
			return append(slices.Concat(halves...), more)
		}
	}
	n := 0
	for _, h := range halves {
		n += copy(one[n:n+len(h)], h)
	}
	out := append(one[:n], more)
	clear(out[len(out):cap(out)]) // moved pages left behind, not to be held twice
	return out
}

// mergePages returns the pages of sorted halves and one more page, sorted
// by URL, as sortPages would sort them all: it takes the first of the
// halves' next pages each time, so it compares each page about once
// instead of the twenty times a sort of 40,000 pages does.
func mergePages(halves [][]Page, more Page) []Page {
	n := 1
	for _, h := range halves {
		n += len(h)
	}
	out := make([]Page, 0, n)
	heads := append(slices.Clone(halves), []Page{more})
	for len(out) < n {
		k := -1
		for i, h := range heads {
			if len(h) > 0 && (k < 0 || h[0].URL < heads[k][0].URL) {
				k = i
			}
		}
		out = append(out, heads[k][0])
		heads[k] = heads[k][1:]
	}
	return out
}

// sortPages sorts pages by URL.
func sortPages(pages []Page) {
	slices.SortFunc(pages, func(a, b Page) int { return cmp.Compare(a.URL, b.URL) })
}

// PlanLazy is Plan with every agency page left without its view (View is
// nil): the agency pages are nearly all of a site, and a build that
// renders each page once and forgets it should not hold all their views
// at once (at 20,000 agencies, some 300 MB). Fill makes a page's view
// when it is about to be executed (see Filler). So are the rows of the
// status and category lists, which show every service once each (at
// 20,000 agencies another 100 MB); the other pages are planned in full.
func PlanLazy(site *model.Site, opt Options) []Page {
	return PlanFrom(site, opt, &Prior{
		Page: func(url string) (Page, bool) {
			lang := En
			if strings.HasPrefix(url, "/"+Ja+"/") {
				lang = Ja
			}
			return Page{URL: url, Lang: lang, Layout: "agency.html"}, true
		},
		Changed: func(string) bool { return false },
		lazy:    true,
	})
}

// Filler makes the views PlanLazy left out. It is safe for concurrent
// use: the planners it holds are only read.
type Filler struct {
	site     *model.Site
	planners map[string]planner
}

// NewFiller returns a Filler for the pages PlanLazy made of site.
func NewFiller(site *model.Site, opt Options) *Filler {
	f := &Filler{site: site, planners: map[string]planner{}}
	for _, lang := range langs {
		f.planners[lang] = newPlanner(site, opt.normal(), lang)
	}
	return f
}

// Fill returns p with its view, made as Plan makes it, when PlanLazy left
// it out; other pages come back as they are.
func (f *Filler) Fill(p Page) Page {
	if plan, ok := p.View.(deferred); ok {
		return plan()
	}
	if p.View != nil || p.Layout != "agency.html" {
		return p
	}
	path := strings.TrimPrefix(p.URL, "/"+Ja)
	a := f.site.Agency(strings.TrimSuffix(strings.TrimPrefix(path, "/agencies/"), "/"))
	if a == nil {
		return p
	}
	return f.planners[p.Lang].agency(a)
}

// planLang plans every page of the planner's language but the 404 page.
func (p planner) planLang(pages []Page) []Page {
	site := p.site
	if pages == nil {
		pages = make([]Page, 0, p.estimate())
	}
	pages = append(pages, p.home(), p.prefectures(), p.data())
	pages = append(pages, p.national()...)
	pages = append(pages, p.timeline()...)
	for i := range site.Prefectures {
		pages = append(pages, p.prefecture(i)...)
	}
	for _, a := range site.Agencies {
		if old, ok := p.keep(p.prior, a, len(pages)); ok {
			pages = append(pages, old)
			continue
		}
		pages = append(pages, p.agency(a))
	}
	for _, st := range model.Statuses {
		pages = append(pages, p.status(st)...)
	}
	for _, c := range model.Categories {
		pages = append(pages, p.category(c)...)
	}
	for _, fp := range site.Pages {
		pages = append(pages, p.free(fp))
	}
	pages = append(pages, p.search())
	return pages
}

// estimate returns about how many pages one language has, a little more
// rather than less: every service is on a status page and a category
// page, so lists add about 2*Services/RowsPerPage pages; every agency is
// on a prefecture or the national list, which add about
// Agencies/RowsPerPage more. Planned into a slice of fewer, the pages
// outgrew it once by half its size (2 MB at 20,000 agencies), copying
// what was planned so far.
func (p planner) estimate() int {
	site := p.site
	rows := max(p.opt.RowsPerPage, 1)
	return len(site.Agencies) + len(site.Prefectures) + len(model.Statuses) + len(model.Categories) + len(site.Pages) + 8 +
		(2*site.Totals.Services+len(site.Agencies))/rows + len(site.Events)/max(p.opt.EventsPerPage, 1)
}

// keepPage returns the page planned at the language-neutral path at
// last time, when it was drawn by the same layout from rows of the same
// shape and nothing it read has changed since: a list page whose rows are
// the same services of unchanged records, in the same places, is the same
// page. A status or category list of 20,000 agencies holds some 70,000
// rows, and building every row again after each edit cost more than
// rendering the pages that changed.
func (p planner) keepPage(at, layout string, sh shape) (Page, bool) {
	if p.prior == nil {
		return Page{}, false
	}
	old, ok := p.prior.Page(localURL(p.lang, at))
	if !ok || old.Layout != layout || old.Shape != uint64(sh) || old.View == nil {
		return Page{}, false
	}
	if !p.prior.unchanged(old) {
		return Page{}, false
	}
	return old, true
}

// keepAll returns the n pages of the list at the language-neutral path
// planned last time, when none of the keys of what the list shows now and
// nothing the old pages read has changed: then it shows the same records,
// unchanged, in the same order, and no page of it need be planned again.
// A record that joined the list is among keys, one that left among the
// old pages' inputs.
func (p planner) keepAll(path, layout string, n int, keys []string) ([]Page, bool) {
	if p.prior == nil {
		return nil, false
	}
	for _, key := range keys {
		if p.prior.Changed(key) {
			return nil, false
		}
	}
	pages := make([]Page, n)
	for i := range n {
		old, ok := p.prior.Page(localURL(p.lang, pagePath(path, i+1)))
		if !ok || old.Layout != layout || old.View == nil {
			return nil, false
		}
		if !p.prior.unchanged(old) {
			return nil, false
		}
		pages[i] = old
	}
	return pages, true
}

// keepRows returns the pages of a status or category list (path,
// layout, the spans of refs) keeping from the earlier plan every page
// that holds no row of a changed record, when the changed records have
// the same rows in the list as before (in, by service index): then every
// row is where it was, and only the pages showing those records' rows
// need planning. ok is false when that cannot be told; build, which
// plans one page, is called for the pages to plan.
func (p planner) keepRows(path, layout string, spans []pageSpan, refs []model.ServiceRef, in func(*model.Service) bool, build func(i int) Page) ([]Page, bool) {
	if p.prior == nil || p.prior.Site == nil || p.prior.Records == nil {
		return nil, false
	}
	size := max(p.opt.RowsPerPage, 1)
	redo := map[int]bool{}
	for _, slug := range p.prior.Records {
		old, now := p.prior.Site.Agency(slug), p.site.Agency(slug)
		if !slices.Equal(rowsIn(old, in), rowsIn(now, in)) {
			return nil, false // the list gains or loses rows
		}
		if now == nil || len(rowsIn(now, in)) == 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(refs, slug, func(r model.ServiceRef, slug string) int { return strings.Compare(r.Agency.Slug, slug) })
		for ; at < len(refs) && refs[at].Agency.Slug == slug; at++ {
			redo[at/size] = true
		}
	}
	pages := make([]Page, len(spans))
	for i, sp := range spans {
		if redo[i] {
			pages[i] = build(i)
			continue
		}
		old, ok := p.prior.Page(localURL(p.lang, pagePath(path, sp.Number)))
		if !ok || old.Layout != layout || old.View == nil {
			return nil, false
		}
		pages[i] = old
	}
	return pages, true
}

// rowsIn returns the indexes of a's services that a list shows; none for
// a nil agency.
func rowsIn(a *model.Agency, in func(*model.Service) bool) []int {
	if a == nil {
		return nil
	}
	var out []int
	for i := range a.Services {
		if in(&a.Services[i]) {
			out = append(out, i)
		}
	}
	return out
}

// keep returns the agency's page from prior when nothing it read has
// changed. Its inputs name "events" only when an event named the agency,
// so a change to the events also replans every agency an event names now.
func (p planner) keep(prior *Prior, a *model.Agency, at int) (Page, bool) {
	if prior == nil {
		return Page{}, false
	}
	var old Page
	ok := false
	if i := p.planAt + at; i < len(prior.Plan) && isAgencyURL(prior.Plan[i].URL, p.lang, a.Slug) {
		old, ok = prior.Plan[i], true
	} else {
		old, ok = prior.Page(localURL(p.lang, agencyPath(a.Slug)))
	}
	if !ok || old.Layout != "agency.html" {
		return Page{}, false
	}
	if !prior.unchanged(old) {
		return Page{}, false
	}
	if prior.Changed("events") && len(p.site.EventsOf(a.Slug)) > 0 {
		return Page{}, false
	}
	return old, true
}

// planner builds the pages of one language. It links every status,
// category and prefecture once up front: the same few links appear on
// thousands of pages, and building their strings anew each time was most
// of Plan's cost.
type planner struct {
	site       *model.Site
	opt        Options
	lang       string
	statuses   map[model.Status]Enum
	categories map[model.Category]Enum
	prefs      map[string]*Link     // shared by the views; never changed after newPlanner
	eventPage  map[*model.Event]int // the timeline page showing each event
	prior      *Prior               // what may be kept from an earlier plan; nil for nothing
	shared     *planShared          // what the planners of one plan share; nil for none
	fixed      *planFixed           // what every page's Base shares
	planAt     int                  // where this language's pages start in prior.Plan (see keep)
}

// planFixed is what the Base of every page of a language holds alike,
// made once by newPlanner instead of for each of thousands of pages:
// the site's links, the navigation and the site's feed. The views share
// its slices; nothing changes a view once planned.
type planFixed struct {
	site  SiteView
	nav   [][]NavItem // nav[k] with entry k current; nav[len(nav)-1] with none
	feeds []FeedLink  // the site's feed alone
	i18n  string      // the input key of the language's translations
}

// planShared is what one plan works out once for both languages. The
// planners fill it in turn, never at once.
type planShared struct {
	prefRows   []PrefRow          // each prefecture's counts, without the language's link
	prefInputs []string           // the keys they read
	notYet     [][]model.LocalGov // each prefecture's local governments no record covers (notResearched)
	latest     []model.ServiceRef // the home page's latest changes
}

// newPlanner returns a planner for one language with its links ready.
func newPlanner(site *model.Site, opt Options, lang string) planner {
	p := planner{
		site:       site,
		opt:        opt,
		lang:       lang,
		statuses:   make(map[model.Status]Enum, len(model.Statuses)),
		categories: make(map[model.Category]Enum, len(model.Categories)),
		prefs:      make(map[string]*Link, len(site.Prefectures)),
		eventPage:  eventPages(site, opt.EventsPerPage),
	}
	for _, st := range model.Statuses {
		p.statuses[st] = Enum{Value: string(st), Key: "status." + string(st), URL: p.link(statusPath(st))}
	}
	for _, c := range model.Categories {
		p.categories[c] = Enum{Value: string(c), Key: "category." + string(c), URL: p.link(categoryPath(c))}
	}
	for _, pr := range site.Prefectures {
		p.prefs[pr.Slug] = &Link{Name: pick(lang, pr.Name, pr.NameJA), URL: p.link(prefecturePath(pr.Slug))}
	}
	f := &planFixed{
		site: SiteView{
			Title:   pick(p.lang, site.Config.Title, site.Config.TitleJA),
			License: site.Config.License,
			Home:    p.link("/"),
			Style:   opt.href("/style.css"),
			Enhance: opt.href("/" + enhanceCSS),
			Filter:  opt.href("/" + listFilterJS),
		},
		nav:   make([][]NavItem, len(nav)+1),
		feeds: []FeedLink{{URL: p.link("/" + feedFile)}},
		i18n:  "layout/i18n/" + lang + ".toml",
	}
	for k := range f.nav {
		f.nav[k] = make([]NavItem, len(nav))
		for i, n := range nav {
			f.nav[k][i] = NavItem{Key: n.key, URL: p.link(n.path), Current: i == k}
		}
	}
	p.fixed = f
	return p
}

// The base layout every page layout is drawn inside.
const baseLayout = "baseof.html"

// page assembles a Page for a language-neutral path. Every page depends
// on site.toml, its layout, the base layout and its language's
// translations, besides the inputs its view read.
func (p planner) page(path, layout string, view any, inputs ...string) Page {
	inputs = append(inputs,
		"site.toml",
		"layout/"+baseLayout,
		"layout/"+layout,
		p.fixed.i18n,
	)
	slices.Sort(inputs)
	return Page{
		URL:    localURL(p.lang, path),
		Lang:   p.lang,
		Layout: layout,
		View:   view,
		Inputs: slices.Compact(inputs),
	}
}

// base fills what every view shares for the page at path.
func (p planner) base(path string) Base {
	self, other := localURL(p.lang, path), localURL(twin(p.lang), path)
	b := Base{
		Lang:      p.lang,
		TwinLang:  twin(p.lang),
		Path:      path,
		URL:       p.opt.href(self),
		TwinURL:   p.opt.href(other),
		Canonical: p.opt.abs(self),
		Site:      p.fixed.site,
		Feeds:     p.feedLinks(path),
		Nav:       p.navAt(path),
	}
	b.SelfHref = cmp.Or(b.Canonical, b.URL)
	b.TwinHref = cmp.Or(p.opt.abs(other), b.TwinURL)
	return b
}

// navAt returns the navigation of the page at path: an entry is current
// when the page is that entry or lies below it.
func (p planner) navAt(path string) []NavItem {
	current := len(nav) // none
	for i, n := range nav {
		if !navCurrent(n.path, path) {
			continue
		}
		if current != len(nav) {
			// Two current entries, which the nav below never has (no
			// entry lies below another): made for this page alone.
			items := slices.Clone(p.fixed.nav[len(nav)])
			for k := range items {
				items[k].Current = navCurrent(nav[k].path, path)
			}
			return items
		}
		current = i
	}
	return p.fixed.nav[current]
}

// navCurrent reports whether the page at path is the navigation entry at
// entry or lies below it.
func navCurrent(entry, path string) bool {
	return entry == path || (entry != "/" && len(path) > len(entry) && path[:len(entry)] == entry)
}

// nav is the main navigation, the same on every page.
var nav = []struct{ key, path string }{
	{"nav.home", "/"},
	{"nav.prefectures", "/prefectures/"},
	{"nav.national", "/national/"},
	{"nav.timeline", "/timeline/"},
	{"nav.data", dataPath},
	{"nav.search", searchPath},
}

// link returns the href of a language-neutral path in this language.
func (p planner) link(path string) string { return p.opt.href(localURL(p.lang, path)) }

// Language-neutral paths of the pages, from the URL table in the package doc.
func agencyPath(slug string) string { return "/agencies/" + slug + "/" }

// isAgencyURL reports whether url is localURL(lang, agencyPath(slug)),
// without making that string.
func isAgencyURL(url, lang, slug string) bool {
	if lang == Ja {
		var ok bool
		if url, ok = strings.CutPrefix(url, "/ja"); !ok {
			return false
		}
	}
	rest, ok := strings.CutPrefix(url, "/agencies/")
	return ok && len(rest) == len(slug)+1 && rest[len(slug)] == '/' && rest[:len(slug)] == slug
}
func prefecturePath(slug string) string { return "/prefectures/" + slug + "/" }
func statusPath(st model.Status) string { return "/status/" + string(st) + "/" }
func categoryPath(c model.Category) string {
	return "/categories/" + string(c) + "/"
}

// statusEnum returns the view of a status value, linked to its list.
func (p planner) statusEnum(st model.Status) Enum { return p.statuses[st] }

// categoryEnum returns the view of a category value, linked to its list.
func (p planner) categoryEnum(c model.Category) Enum { return p.categories[c] }

// levelEnum returns the view of a level. The known levels' keys are
// constants: every agency row has one, and joining the strings anew was
// 40,000 allocations for the prefecture lists alone at 20,000 agencies.
func levelEnum(l model.Level) Enum {
	switch l {
	case "":
		return Enum{}
	case model.National:
		return Enum{Value: string(model.National), Key: "level." + string(model.National)}
	case model.Prefectural:
		return Enum{Value: string(model.Prefectural), Key: "level." + string(model.Prefectural)}
	case model.Municipality:
		return Enum{Value: string(model.Municipality), Key: "level." + string(model.Municipality)}
	}
	return Enum{Value: string(l), Key: "level." + string(l)}
}

// kindEnum returns the view of a source kind; empty when the editor did
// not say.
// The known kinds' keys are constants, as levelEnum's are: every source
// of every page has one.
func kindEnum(k model.SourceKind) Enum {
	switch k {
	case "":
		return Enum{}
	case model.Official:
		return Enum{Value: string(model.Official), Key: "kind." + string(model.Official)}
	case model.News:
		return Enum{Value: string(model.News), Key: "kind." + string(model.News)}
	case model.OtherKind:
		return Enum{Value: string(model.OtherKind), Key: "kind." + string(model.OtherKind)}
	}
	return Enum{Value: string(k), Key: "kind." + string(k)}
}

// agencyLink returns the named link to an agency page.
func (p planner) agencyLink(a *model.Agency) Link {
	return Link{Name: pick(p.lang, a.Name, a.NameJA), URL: p.agencyURL(a.Slug)}
}

// agencyURL is p.link(agencyPath(slug)) joined in one go: every row of
// every list links an agency, and joining the path, the language's root
// and the base path one after the other made three strings to keep one.
func (p planner) agencyURL(slug string) string {
	if p.lang == Ja {
		return p.opt.BasePath + "ja/agencies/" + slug + "/"
	}
	return p.opt.BasePath + "agencies/" + slug + "/"
}

// prefLink returns the named link to a prefecture page, or nil when the
// agency is national or its prefecture unknown.
func (p planner) prefLink(slug string) *Link { return p.prefs[slug] }

// agencyRow summarises an agency for a list.
func (p planner) agencyRow(a *model.Agency) AgencyRow {
	r := AgencyRow{Link: p.agencyLink(a), Level: levelEnum(a.Level), Services: len(a.Services), Updated: a.Updated}
	// The statuses are counted before the slice is made, at its size:
	// appended, most rows grew it twice.
	n := 0
	for _, st := range model.Statuses {
		if hasStatus(a, st) {
			n++
		}
	}
	if n == 0 {
		return r
	}
	r.Statuses = make([]Enum, 0, n)
	for _, st := range model.Statuses {
		if hasStatus(a, st) {
			r.Statuses = append(r.Statuses, p.statusEnum(st))
		}
	}
	return r
}

// hasStatus reports whether any of a's services has status st now.
func hasStatus(a *model.Agency, st model.Status) bool {
	for i := range a.Services {
		if a.Services[i].Status == st {
			return true
		}
	}
	return false
}

// serviceRow describes one service for a cross-cutting list.
func (p planner) serviceRow(a *model.Agency, sv *model.Service) ServiceRow {
	r := ServiceRow{
		Agency:     p.agencyLink(a),
		Prefecture: p.prefLink(a.Prefecture),
		Service:    pick(p.lang, sv.Name, sv.NameJA),
		Status:     p.statusEnum(sv.Status),
		Category:   p.categoryEnum(sv.Category),
		Since:      sv.Since,
		Date:       sv.Since,
	}
	if r.Date.IsZero() {
		r.Date = a.Updated
	}
	return r
}

// sources describes a record's or event's sources.
func (p planner) sources(src []model.Source) []SourceView {
	out := make([]SourceView, len(src))
	for i, s := range src {
		out[i] = SourceView{
			Title:      guess(p.lang, s.Title),
			Publisher:  guess(p.lang, s.Publisher),
			Kind:       kindEnum(s.Kind),
			Date:       s.Date,
			URL:        s.URL,
			ArchiveURL: s.ArchiveURL,
			Quote:      s.Quote,
			QuoteLang:  langOf(s.Quote),
		}
	}
	return out
}

// agencyKey is the input key of an agency record.
func agencyKey(slug string) string { return "agency/" + slug }
