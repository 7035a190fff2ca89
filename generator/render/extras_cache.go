package render

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"linewatch/generator/model"
)

// ExtrasCache keeps what Extras made, piece by piece, so that after an
// edit ExtrasFrom remakes only the pieces the edit reaches: the feeds of
// the prefectures whose bodies changed, the search index entries of the
// changed records. Extras sorts every dated change of the site and encodes
// every record, which at 20,000 agencies takes longer than serving an
// edit may. The zero value is empty and ready; a cache serves one site and
// one Layouts, and is not safe for concurrent use.
type ExtrasCache struct {
	made bool
	opt  Options

	prefOf map[string]string   // agency slug → its prefecture ("" for a national body) when last made
	tops   map[string][]change // prefecture ("" national) → the first FeedMax changes of its bodies, newest first
	events []change            // every event, newest first
	prefs  map[string][]change // prefecture → the first FeedMax of its feed (its bodies' changes and the events naming them)
	newest model.Date          // the date of the site's newest change
	global []changeID          // the whole site's feed, as last written
	feeds  map[string][]byte   // by output path

	search map[string][]byte // agency slug → its entry in the search index
}

// ExtrasFrom returns what Extras returns, remaking only what the changed
// input keys reach (see the package doc, "Inputs"): pending holds the
// keys changed since the cache was last filled, all says that anything
// may have changed (the first build, site.toml, a layout). The result is
// byte for byte what Extras gives for the same site.
func (l *Layouts) ExtrasFrom(site *model.Site, pages []Page, opt Options, c *ExtrasCache, pending map[string]bool, all bool) (map[string][]byte, error) {
	opt = opt.normal()
	if !c.made || c.opt != opt {
		all = true
	}
	if all {
		*c = ExtrasCache{made: true, opt: opt, prefOf: map[string]string{}, tops: map[string][]change{},
			prefs: map[string][]change{}, feeds: map[string][]byte{}, search: map[string][]byte{}}
	}
	out := map[string][]byte{RobotsTxt: robots(opt)}
	if err := l.feedsFrom(site, opt, c, pending, all, out); err != nil {
		return nil, err
	}
	for name, b := range sitemap(site, pages, opt) {
		out[name] = b
	}
	index, err := c.searchIndex(site, pending, all)
	if err != nil {
		return nil, err
	}
	out[SearchIndex] = index
	return out, nil
}

// feedsFrom brings the feeds in c up to date and adds them to out.
func (l *Layouts) feedsFrom(site *model.Site, opt Options, c *ExtrasCache, pending map[string]bool, all bool, out map[string][]byte) error {
	// Which groups of bodies (a prefecture, or "" for the national ones)
	// hold a changed record, now or before it changed.
	dirty := map[string]bool{}
	for key := range pending {
		slug, ok := strings.CutPrefix(key, "agency/")
		if !ok {
			continue
		}
		if pref, ok := c.prefOf[slug]; ok {
			dirty[pref] = true
			delete(c.prefOf, slug)
		}
		if a := site.Agency(slug); a != nil {
			dirty[a.Prefecture] = true
			c.prefOf[slug] = a.Prefecture
		}
	}
	if all {
		for _, a := range site.Agencies {
			c.prefOf[a.Slug] = a.Prefecture
		}
	}
	groups := map[string][]*model.Agency{}
	for _, a := range site.Agencies {
		if all || dirty[a.Prefecture] {
			groups[a.Prefecture] = append(groups[a.Prefecture], a)
		}
	}
	for pref := range dirty {
		if len(groups[pref]) == 0 {
			delete(c.tops, pref)
		}
	}
	for pref, ags := range groups {
		top := firstN{n: FeedMax}
		for _, a := range ags {
			eachChange(a, top.add)
		}
		c.tops[pref] = top.out
	}
	eventsChanged := all || pending["events"]
	if eventsChanged {
		c.events = c.events[:0]
		for _, e := range site.Events {
			c.events = append(c.events, change{date: e.Date, order: orderEvent, event: e})
		}
		sortChanges(c.events)
	}

	// The whole site's feed: its first FeedMax are among the first
	// FeedMax of each group and of the events.
	lists := [][]change{c.events}
	for _, pref := range slices.Sorted(maps.Keys(c.tops)) {
		lists = append(lists, c.tops[pref])
	}
	global := mergeChanges(lists, FeedMax)
	newest := model.DateOf(1970, 1, 1)
	if len(global) > 0 {
		newest = global[0].date
	}
	newestChanged := newest != c.newest
	c.newest = newest
	// The site's feed is written again only when its entries are others,
	// or one of them belongs to a record that changed.
	ids := make([]changeID, len(global))
	remakeGlobal := all || eventsChanged || len(ids) != len(c.global)
	for i, ch := range global {
		ids[i] = idOf(ch)
		if !remakeGlobal && (ids[i] != c.global[i] || ch.agency != nil && pending[agencyKey(ch.agency.Slug)]) {
			remakeGlobal = true
		}
	}
	for _, id := range c.global {
		if !remakeGlobal && id.slug != "" && !id.event && pending[agencyKey(id.slug)] {
			remakeGlobal = true
		}
	}
	c.global = ids

	// Each prefecture's feed: its bodies' changes and the events naming
	// any of them.
	remake := map[string]bool{}
	for _, pr := range site.Prefectures {
		if !all && !eventsChanged && !dirty[pr.Slug] {
			continue
		}
		list := slices.Clone(c.tops[pr.Slug])
		for _, ev := range c.events {
			if namesIn(site, ev.event, pr.Slug) {
				list = append(list, ev)
			}
		}
		c.prefs[pr.Slug] = firstChanges(list, FeedMax)
		remake[pr.Slug] = true
	}

	for _, lang := range langs {
		w, err := newFeedWriter(site, opt, lang, l.cats[lang], global)
		if err != nil {
			return fmt.Errorf("render feeds: %w", err)
		}
		title, err := w.tf("feed.title", w.siteTitle)
		if err != nil {
			return err
		}
		file := strings.TrimPrefix(localURL(lang, "/"+feedFile), "/")
		if _, ok := c.feeds[file]; !ok || remakeGlobal {
			if c.feeds[file], err = w.feed("/", title, global); err != nil {
				return fmt.Errorf("render %s: %w", "/"+file, err)
			}
		}
		for i := range site.Prefectures {
			pr := &site.Prefectures[i]
			path := prefecturePath(pr.Slug)
			file := strings.TrimPrefix(localURL(lang, path+feedFile), "/")
			// An empty feed is dated by the site's newest change.
			if _, ok := c.feeds[file]; ok && !remake[pr.Slug] && !(newestChanged && len(c.prefs[pr.Slug]) == 0) {
				continue
			}
			title, err := w.tf("feed.title.pref", w.siteTitle, pick(lang, pr.Name, pr.NameJA).S)
			if err != nil {
				return err
			}
			if c.feeds[file], err = w.feed(path, title, c.prefs[pr.Slug]); err != nil {
				return fmt.Errorf("render %s: %w", "/"+file, err)
			}
		}
	}
	for file, b := range c.feeds {
		out[file] = b
	}
	return nil
}

// changeID names a feed entry: two entries with the same id and an
// unchanged record (or event) are written alike.
type changeID struct {
	slug    string
	event   bool
	service int
	date    model.Date
	current bool
	state   model.Change
}

// idOf returns the id of a change. Notes are left out: they belong to
// the record, whose change is checked apart.
func idOf(c change) changeID {
	id := changeID{event: c.event != nil, service: c.service, date: c.date, current: c.current}
	id.state = model.Change{Date: c.state.Date, Status: c.state.Status}
	id.slug = c.slug()
	return id
}

// namesIn reports whether the event names a body of the prefecture.
func namesIn(site *model.Site, ev *model.Event, pref string) bool {
	for _, slug := range ev.Agencies {
		if a := site.Agency(slug); a != nil && a.Prefecture == pref {
			return true
		}
	}
	return false
}

// searchIndex writes the search index (its format is in search.go) from
// the entries of each record, encoding again only those of changed
// records.
func (c *ExtrasCache) searchIndex(site *model.Site, pending map[string]bool, all bool) ([]byte, error) {
	statusAt := make(map[model.Status]int, len(model.Statuses))
	statuses := make([]string, len(model.Statuses))
	for i, st := range model.Statuses {
		statuses[i], statusAt[st] = string(st), i
	}
	prefs := make([][3]string, len(site.Prefectures))
	prefAt := make(map[string]int, len(site.Prefectures))
	for i, pr := range site.Prefectures {
		prefs[i], prefAt[pr.Slug] = [3]string{pr.Slug, pr.Name, pr.NameJA}, i
	}
	head, err := json.Marshal(struct {
		Version     int         `json:"version"`
		Statuses    []string    `json:"statuses"`
		Prefectures [][3]string `json:"prefectures"`
	}{searchVersion, statuses, prefs})
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", SearchIndex, err)
	}
	for key := range pending {
		if slug, ok := strings.CutPrefix(key, "agency/"); ok {
			delete(c.search, slug)
		}
	}
	// The entries are gathered first and the index made in one buffer of
	// its exact size: grown by doubling, it took 17 MB of copies and
	// cleared memory per edit at 20,000 agencies for an index of 7 MB.
	entries := make([][]byte, len(site.Agencies))
	size := len(head) + len(`,"agencies":[]}`) + 1
	for i, a := range site.Agencies {
		entry, ok := c.search[a.Slug]
		if !ok {
			pref := -1
			if at, ok := prefAt[a.Prefecture]; ok {
				pref = at
			}
			entry = searchEntry(a, pref, statusAt)
			c.search[a.Slug] = entry
		}
		entries[i] = entry
		size += len(entry) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, head[:len(head)-1]...) // without the closing brace
	b = append(b, `,"agencies":[`...)
	for i, entry := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, entry...)
	}
	b = append(b, "]}\n"...)
	if len(c.search) > len(site.Agencies) {
		for slug := range c.search {
			if site.Agency(slug) == nil {
				delete(c.search, slug)
			}
		}
	}
	return b, nil
}

// searchEntry encodes a record's entry in the search index as
// json.Marshal encodes [slug, name, name_ja, pref, [[service,
// service_ja, status], …]], strings escaped alike (appendJSONString), at
// a fraction of the cost of encoding values of type any by reflection.
func searchEntry(a *model.Agency, pref int, statusAt map[model.Status]int) []byte {
	n := 16 + len(a.Slug) + len(a.Name) + len(a.NameJA)
	for i := range a.Services {
		n += 12 + len(a.Services[i].Name) + len(a.Services[i].NameJA)
	}
	b := make([]byte, 0, n+n/8)
	b = append(b, '[')
	b = appendJSONString(b, a.Slug)
	b = append(b, ',')
	b = appendJSONString(b, a.Name)
	b = append(b, ',')
	b = appendJSONString(b, a.NameJA)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(pref), 10)
	b = append(b, ",["...)
	for i := range a.Services {
		sv := &a.Services[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, sv.Name)
		b = append(b, ',')
		b = appendJSONString(b, sv.NameJA)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(statusAt[sv.Status]), 10)
		b = append(b, ']')
	}
	return append(b, "]]"...)
}

// eachChange calls yield with each of an agency's dated changes in record
// order: every history entry, then the present state, of each service.
func eachChange(a *model.Agency, yield func(change)) {
	for i := range a.Services {
		sv := &a.Services[i]
		for _, h := range sv.History {
			if !h.Date.IsZero() {
				yield(change{date: h.Date, order: orderState, agency: a, service: i, state: h})
			}
		}
		if !sv.Since.IsZero() {
			yield(change{date: sv.Since, order: orderState, agency: a, service: i, current: true,
				state: model.Change{Date: sv.Since, Status: sv.Status, Note: sv.Note, NoteJA: sv.NoteJA}})
		}
	}
}

// sortChanges puts changes newest first, ties broken by kind, slug and
// record order so that every build lists them alike.
func sortChanges(changes []change) { slices.SortStableFunc(changes, compareChanges) }

// firstChanges returns the first n of changes in sortChanges' order, as
// sorting them and keeping n would, without sorting them all (see
// firstN). changes is not modified.
func firstChanges(changes []change, n int) []change {
	top := firstN{n: n}
	for _, c := range changes {
		top.add(c)
	}
	return top.out
}

// firstN keeps the first n of the changes added to it, in sortChanges'
// order, as a stable sort of them all would: a feed shows FeedMax
// entries, and a prefecture's bodies have thousands of changes at 20,000
// agencies, whose stable sort was most of an edit's feeds and whose list
// most of a cold build's.
type firstN struct {
	n   int
	out []change
}

// add offers one change; among equal changes the one added first stays
// first.
func (t *firstN) add(c change) {
	if t.n <= 0 {
		return
	}
	if len(t.out) == t.n && compareChanges(c, t.out[t.n-1]) >= 0 {
		return // after the n kept ones, or equal to the last and later in order
	}
	// After every kept change that sorts before it or equal to it, as a
	// stable sort places it.
	at := sort.Search(len(t.out), func(k int) bool { return compareChanges(t.out[k], c) > 0 })
	if len(t.out) < t.n {
		if t.out == nil {
			t.out = make([]change, 0, t.n)
		}
		t.out = append(t.out, change{})
	}
	copy(t.out[at+1:], t.out[at:len(t.out)-1])
	t.out[at] = c
}

// compareChanges orders two changes for sortChanges.
func compareChanges(x, y change) int {
	return cmp.Or(
		y.date.Compare(x.date),
		cmp.Compare(x.order, y.order),
		cmp.Compare(x.slug(), y.slug()),
		cmp.Compare(x.service, y.service),
		// A service's history is in date order, so the newer state first.
		y.state.Date.Compare(x.state.Date),
	)
}

// mergeChanges returns the first n changes of lists, each already in
// sortChanges' order, as sorting them all together would: among equal
// changes the earlier list goes first. Merging the heads costs a few
// thousand comparisons where sorting every group's first 50 again cost
// more than the rest of an edit's feeds.
func mergeChanges(lists [][]change, n int) []change {
	heads := make([]int, len(lists))
	var out []change
	for len(out) < n {
		best := -1
		for i, l := range lists {
			if heads[i] < len(l) && (best < 0 || compareChanges(l[heads[i]], lists[best][heads[best]]) < 0) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out = append(out, lists[best][heads[best]])
		heads[best]++
	}
	return out
}
