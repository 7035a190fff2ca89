package render

import (
	"fmt"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"linewatch/generator/model"
)

// The Atom feeds of changes (RFC 4287; issue 4, "Follow it"):
//
//	/feed.xml, /ja/feed.xml                            every change on the site
//	/prefectures/SLUG/feed.xml, /ja/prefectures/…      the changes of one prefecture's bodies
//
// An entry is one change that a source dates: a service's current status
// with its since date, each earlier state in its history, and each
// timeline event; a prefecture's feed holds its bodies' entries and the
// events naming them. Entries run newest first, at most FeedMax of them:
// a feed is for following what changes, the site holds everything, and
// every feed links to it (its subtitle says so).
//
// A status no source dates has no entry, nor has a record stating the
// body does not use LINE: the only date either has is the day the record
// was last verified, which says when an editor looked, not when anything
// changed. Dated that way they would push every real change out of the
// feed each time editors re-verify records.
//
// Nothing in a feed depends on the time of the build: each entry's
// updated is its date, the feed's is its newest entry's, so the same
// records give the same bytes. Every string is escaped by encoding/xml
// (xmlWriter), and the HTML of an entry's content is made by the page's own safe
// Markdown renderer, so a record cannot put markup into a reader.
//
// Entry ids are tag URIs (RFC 4151) that do not change when a later
// status is added: "tag:AUTHORITY,2021:/PATH/service-N/STATUS/DATE", where
// AUTHORITY is the host of base_url, or "linewatch" when base_url is
// unset (then every link in the feed is root-relative too; set base_url
// before announcing a feed, since setting it later gives every entry a new
// id once). A service's state keeps its id when it moves from current to
// history, so readers do not see it twice. N counts services from 1 in
// record order.

// FeedMax is the most entries a feed holds.
const FeedMax = 50

// feedFile is the name of every feed within its folder.
const feedFile = "feed.xml"

// tagDate is the date part of entry ids: the year of the data scandal the
// site follows. It is part of each id and must never change.
const tagDate = "2021"

// FeedLink is an Atom feed a page offers, for <link rel="alternate">
// in its head and a visible link in its footer.
type FeedLink struct {
	URL   string // base-path-absolute link to the feed
	Scope Text   // the prefecture it covers; empty for the whole site
}

// feedLinks returns the feeds of the page at a language-neutral path: the
// site's feed, and on a prefecture's page that prefecture's feed.
// Every other page shares one slice of the site's feed.
func (p planner) feedLinks(path string) []FeedLink {
	if slug, ok := strings.CutPrefix(path, "/prefectures/"); ok {
		slug, _, _ = strings.Cut(slug, "/") // later pages: "osaka/page/2/"
		if pr := p.prefs[slug]; pr != nil {
			return []FeedLink{p.fixed.feeds[0], {URL: p.link(prefecturePath(slug) + feedFile), Scope: pr.Name}}
		}
	}
	return p.fixed.feeds
}

// change is one entry of a feed before it is written.
type change struct {
	date    model.Date
	order   int // among entries of the same date: events, then states
	agency  *model.Agency
	service int // index in agency.Services
	state   model.Change
	current bool // the service's present status
	event   *model.Event
}

// Order of entries that share a date: an event explains what follows it.
const (
	orderEvent = iota
	orderState
)

// slug names the record or event of a change, for ordering.
func (c change) slug() string {
	if c.event != nil {
		return c.event.Slug
	}
	return c.agency.Slug
}

// The parts of an Atom document that vary; write lays them out.
type atomFeed struct {
	Lang      string
	ID        string
	Title     string
	Subtitle  string
	Updated   string
	Links     []atomLink
	Author    string
	AuthorURI string // "" without base_url
	Rights    string // "" when site.toml states no licence
	Entries   []atomEntry
}

type atomLink struct {
	Rel, Type, HrefLang, Href string
}

type atomEntry struct {
	ID        string
	Title     string
	Published string
	Updated   string
	Link      atomLink
	Term      string // the status of a service's entry, else ""
	Label     string // its label in the feed's language
	Content   string // HTML, escaped again as XML text (type="html")
}

// write lays the feed out as Atom 1.0.
func (f *atomFeed) write() []byte {
	w := newXMLWriter(1024 + 800*len(f.Entries))
	w.open("feed", "xmlns", "http://www.w3.org/2005/Atom", "xml:lang", f.Lang)
	w.elem("id", f.ID)
	w.elem("title", f.Title, "type", "text")
	w.elem("subtitle", f.Subtitle, "type", "text")
	w.elem("updated", f.Updated)
	for _, l := range f.Links {
		w.empty("link", "rel", l.Rel, "type", l.Type, "hreflang", l.HrefLang, "href", l.Href)
	}
	w.open("author")
	w.elem("name", f.Author)
	if f.AuthorURI != "" {
		w.elem("uri", f.AuthorURI)
	}
	w.close("author")
	if f.Rights != "" {
		w.elem("rights", f.Rights, "type", "text")
	}
	w.elem("generator", dataGenerator)
	for _, e := range f.Entries {
		w.open("entry")
		w.elem("id", e.ID)
		w.elem("title", e.Title, "type", "text")
		w.elem("published", e.Published)
		w.elem("updated", e.Updated)
		w.empty("link", "rel", e.Link.Rel, "type", e.Link.Type, "href", e.Link.Href)
		if e.Term != "" {
			w.empty("category", "term", e.Term, "label", e.Label)
		}
		w.elem("content", e.Content, "type", "html")
		w.close("entry")
	}
	w.close("feed")
	return w.bytes()
}

// feedWriter writes the feeds of one language.
type feedWriter struct {
	site      *model.Site
	opt       Options
	lang      string
	cat       catalog
	siteTitle string     // the author of every feed
	newest    model.Date // the date of the site's newest entry
	all       []change   // the site's first FeedMax changes, newest first
	tag       string     // "tag:AUTHORITY,2021:", the start of every id
}

// newFeedWriter returns the writer of one language's feeds. An empty
// feed (a prefecture not yet researched) still needs an updated date; it
// takes the site's newest, or the Unix epoch on a site with no records
// and no events at all, so no feed ever shows the build time.
func newFeedWriter(site *model.Site, opt Options, lang string, cat catalog, all []change) (feedWriter, error) {
	w := feedWriter{site: site, opt: opt, lang: lang, cat: cat, all: all,
		tag: "tag:" + tagAuthority(opt) + "," + tagDate + ":"}
	w.siteTitle = pick(lang, site.Config.Title, site.Config.TitleJA).S
	if w.siteTitle == "" {
		t, err := w.t("site.title")
		if err != nil {
			return w, err
		}
		w.siteTitle = t
	}
	w.newest = model.DateOf(1970, time.January, 1)
	if len(all) > 0 {
		w.newest = all[0].date
	}
	return w, nil
}

// t returns an interface string; a missing key is an error naming the
// translation file, as the template function t does.
func (w feedWriter) t(key string) (string, error) {
	s, ok := w.cat[key]
	if !ok {
		return "", fmt.Errorf("no translation %q in %s/%s.toml", key, i18nDir, w.lang)
	}
	return s, nil
}

// tf formats an interface string; errors from lookups are collected by
// the caller through w.err.
func (w feedWriter) tf(key string, args ...any) (string, error) {
	f, err := w.t(key)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(f, args...), nil
}

// link is an address in a feed: absolute when base_url is set, else the
// root-relative link the pages use (a reader resolves it against the
// feed's own address).
func (w feedWriter) link(path string) string {
	return pageURL(w.opt, localURL(w.lang, path))
}

// tagID is the id of whatever lives at a language-neutral path with the
// given suffix: "tag:example.org,2021:/linewatch/ja/agencies/x/service-1/…".
func (w feedWriter) tagID(path, suffix string) string {
	return w.tag + w.opt.href(localURL(w.lang, path)) + suffix
}

// tagAuthority is the host of base_url without its port, or "linewatch".
func tagAuthority(opt Options) string {
	if u, err := url.Parse(opt.BaseURL); err == nil && u.Hostname() != "" {
		return strings.ToLower(u.Hostname())
	}
	return "linewatch"
}

// atomTime writes a date as an Atom timestamp: midnight UTC of that day.
// A date that is a real day of a four-digit year, as every checked date
// is, is its String and "T00:00:00Z"; others go through time.Format.
func atomTime(d model.Date) string {
	t := d.Time()
	if d.Year < 1000 || d.Year > 9999 || t.Year() != d.Year || t.Month() != d.Month || t.Day() != d.Day {
		return t.Format(time.RFC3339)
	}
	return d.String() + "T00:00:00Z"
}

// feed writes one feed: its path ("/" or a prefecture's page path), the
// page it accompanies, its title, and its changes newest first.
func (w feedWriter) feed(path string, title string, changes []change) ([]byte, error) {
	subtitle, err := w.tf("feed.subtitle", FeedMax)
	if err != nil {
		return nil, err
	}
	f := atomFeed{
		Lang:     w.lang,
		ID:       w.tagID(path, feedFile),
		Title:    title,
		Subtitle: subtitle,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: w.link(path + feedFile)},
			{Rel: "alternate", Type: "text/html", HrefLang: w.lang, Href: w.link(path)},
			{Rel: "alternate", Type: "application/atom+xml", HrefLang: twin(w.lang), Href: pageURL(w.opt, localURL(twin(w.lang), path+feedFile))},
		},
		Author:    w.siteTitle,
		AuthorURI: w.opt.abs(localURL(w.lang, "/")),
	}
	if lic := w.site.Config.License; lic != "" {
		label, err := w.t("footer.license")
		if err != nil {
			return nil, err
		}
		colon, err := w.t("punct.colon")
		if err != nil {
			return nil, err
		}
		f.Rights = label + colon + lic
	}
	newest := w.newest
	if len(changes) > 0 {
		newest = changes[0].date
	}
	f.Updated = atomTime(newest)
	changes = changes[:min(len(changes), FeedMax)]
	f.Entries = make([]atomEntry, 0, len(changes))
	for _, c := range changes {
		e, err := w.entry(c)
		if err != nil {
			return nil, err
		}
		f.Entries = append(f.Entries, e)
	}
	return f.write(), nil
}

// entry writes one change as an Atom entry.
func (w feedWriter) entry(c change) (atomEntry, error) {
	if c.event != nil {
		return w.eventEntry(c.event)
	}
	a := c.agency
	path := agencyPath(a.Slug)
	name := pick(w.lang, a.Name, a.NameJA).S
	at := atomTime(c.date)
	e := atomEntry{
		Updated:   at,
		Published: at,
		Link:      atomLink{Rel: "alternate", Type: "text/html", Href: w.link(path)},
	}
	sv := &a.Services[c.service]
	st := c.state.Status
	label, err := w.t("status." + string(st))
	if err != nil {
		return e, err
	}
	title, err := w.tf("feed.entry.state", name, pick(w.lang, sv.Name, sv.NameJA).S, label)
	if err != nil {
		return e, err
	}
	e.ID = w.tagID(path, "service-"+strconv.Itoa(c.service+1)+"/"+string(st)+"/"+c.state.Date.String())
	e.Title = title
	e.Term, e.Label = string(st), label

	key := "feed.state.since"
	if !c.current {
		key = "feed.state.from"
	}
	state, err := w.tf(key, label, formatDate(w.lang, c.state.Date))
	if err != nil {
		return e, err
	}
	var body strings.Builder
	body.WriteString("<p>" + html.EscapeString(state) + "</p>")
	if note := pick(w.lang, c.state.Note, c.state.NoteJA); note.S != "" {
		h, err := MarkdownInline(note.S)
		if err != nil {
			return e, err
		}
		// A div, not a p: a note may hold block Markdown of its own.
		body.WriteString("<div" + langAttr(note.Lang) + ">" + string(h) + "</div>")
	}
	if alt := pick(w.lang, sv.Alternative, sv.AlternativeJA); c.current && alt.S != "" {
		head, err := w.t("col.alternative")
		if err != nil {
			return e, err
		}
		colon, err := w.t("punct.colon")
		if err != nil {
			return e, err
		}
		body.WriteString("<p>" + html.EscapeString(head+colon) + "<span" + langAttr(alt.Lang) + ">" + html.EscapeString(alt.S) + "</span></p>")
	}
	e.Content = body.String()
	return e, nil
}

// eventPage returns the timeline page, from 1, that shows the event with
// this slug. It looks the event up by slug in this build's site, since the
// feed cache (ExtrasFrom) may hold the same event from an earlier build.
func (w feedWriter) eventPage(slug string) int {
	i := slices.IndexFunc(w.site.Events, func(e *model.Event) bool { return e.Slug == slug })
	return pageOf(max(i, 0), w.opt.EventsPerPage)
}

// eventEntry writes a timeline event, linked to its place on the timeline.
func (w feedWriter) eventEntry(ev *model.Event) (atomEntry, error) {
	at := atomTime(ev.Date)
	e := atomEntry{
		ID:        w.tagID("/timeline/", eventID(ev.Slug)),
		Title:     pick(w.lang, ev.Title, ev.TitleJA).S,
		Updated:   at,
		Published: at,
		Link:      atomLink{Rel: "alternate", Type: "text/html", Href: w.link(timelinePath(w.eventPage(ev.Slug))) + "#" + eventID(ev.Slug)},
	}
	body := pick(w.lang, ev.Body, ev.BodyJA)
	h, err := Markdown(body.S)
	if err != nil {
		return e, err
	}
	e.Content = "<div" + langAttr(body.Lang) + ">" + string(h) + "</div>"
	return e, nil
}

// langAttr is the lang attribute of a text in the other language, or "".
func langAttr(lang string) string {
	if lang == "" {
		return ""
	}
	return ` lang="` + lang + `"`
}
