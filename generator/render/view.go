package render

import "linewatch/generator/model"

// The view structs below are all templates ever see: plain values with
// texts already chosen for the page's language, links already prefixed
// with Options.BasePath, and enum values carried as translation keys
// ("status.suspended") that the t function turns into words. Zola keeps
// such "serializing" structs apart from its domain types for the same
// reason: a template cannot reach into the model, and the model can
// change without breaking sites' layouts.

// Base is what every page shares; each view embeds it, so the base
// layout reads {{.Lang}}, {{.Site.Title}} and so on from any view.
type Base struct {
	Lang      string // "en" or "ja"
	TwinLang  string // the other one
	Path      string // language-neutral path: "/agencies/osaka-city/"
	URL       string // this page's link, BasePath included
	TwinURL   string // the twin page's link
	Canonical string // absolute URL of this page, or "" when base_url is unset
	SelfHref  string // this page for rel=alternate: absolute when possible, else URL
	TwinHref  string // the twin for rel=alternate: absolute when possible, else TwinURL
	Site      SiteView
	Nav       []NavItem
	Feeds     []FeedLink // the Atom feeds this page offers: the site's, and its prefecture's
	NoIndex   bool       // keep the page out of search engines: the 404 page
	Pager     *Pager     // where the page stands in its paginated list; nil when the list fits on one page
}

// Pager is a page's place in a list split into pages (paginate.go): the
// "Page 2 of 5" line, the previous and next links (also rel=prev and
// rel=next in the head) and links to the first, the last and the pages
// around this one.
type Pager struct {
	Number int        // this page, from 1
	Count  int        // pages in the list, at least 2
	First  int        // the first row shown, from 1
	Last   int        // the last row shown
	Total  int        // rows in the whole list
	Prev   string     // link to the previous page, "" on the first
	Next   string     // link to the next page, "" on the last
	Pages  []PageLink // in order; a zero Number marks a gap ("…")
}

// PageLink is one page in a pager.
type PageLink struct {
	Number  int    // from 1; 0 for a gap between numbers
	URL     string // the page's link
	Current bool   // this page: aria-current, not a link
}

// SiteView is the site-wide configuration a page shows.
type SiteView struct {
	Title   Text   // title or title_ja; empty S when site.toml sets none
	License string // the open-data licence, or ""
	Home    string // link to this language's home page
	Style   string // link to the style sheet
	Enhance string // link to the styles of what the scripts add
	Filter  string // link to listfilter.js, which sorts and filters marked lists
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Key     string // translation key of its label
	URL     string
	Current bool // the page is this entry or lies below it: aria-current
}

// Link is a named link, such as an agency or prefecture.
type Link struct {
	Name Text
	URL  string
}

// Enum is an enum value (status, category, level, source kind) with the
// translation key of its label and, for statuses and categories, the link
// to its list page. Key is "" when the record left the value out.
type Enum struct {
	Value string
	Key   string
	URL   string
}

// Count is an enum value with how many services (or agencies) have it.
type Count struct {
	Enum
	N int
}

// HomeView is the overview at "/". New sections (the tile map, charts)
// are added as fields; the layout ignores what it does not show.
type HomeView struct {
	Base
	Agencies         int          // records
	Services         int          // services across all records
	UsingLINE        int          // records listing at least one service
	NotUsing         int          // records stating the body does not use LINE
	National         int          // national bodies with a record
	Researched       int          // municipalities with a record, all prefectures
	LocalGovs        int          // municipalities in the reference data
	Governments      int          // prefectural governments with a record
	Prefectures      []PrefRow    // the 47 in code order, for the table beside the map
	Map              TileMap      // the 47 on a tile map
	StatusBreakdown  Breakdown    // every status in model.Statuses order, zeros included
	PurposeBreakdown Breakdown    // every category in model.Categories order
	Latest           []ServiceRow // newest changes first, at most LatestMax
	Pages            []Link       // free pages (about, methodology)
	Surveys          []SurveyView // the local surveys, for the national picture
	Records          []FigureView // what the records show for local governments, beside Surveys
	Prefs            string       // link to the prefecture list
	NationalURL      string
	Timeline         string
}

// LatestMax is how many services the home page lists under latest changes.
const LatestMax = 10

// PrefecturesView lists the 47 prefectures by region at "/prefectures/".
type PrefecturesView struct {
	Base
	Regions []RegionView
}

// RegionView is one region and its prefectures, in code order.
type RegionView struct {
	Name  Text
	Prefs []PrefRow
}

// PrefRow is one prefecture in the list.
type PrefRow struct {
	Link
	Slug       string
	Code       string // JIS X 0401, for placing it on a map
	Agencies   int    // records in the prefecture
	UsingLINE  int
	Researched int    // municipalities with a record
	LocalGovs  int    // municipalities in the reference data
	Share      string // Researched of LocalGovs as "9.3%"; "" when LocalGovs is 0
	Government bool   // the prefectural government has a record
}

// PrefectureView is one page of a prefecture at "/prefectures/SLUG/".
// The municipalities are paginated (RowsPerPage); the prefectural
// government, coverage and the bodies not yet researched stand on page 1
// only, so later pages are the heading, their municipalities and the
// pager.
type PrefectureView struct {
	Base
	Name           Text
	AltName        Text
	Region         Text
	Government     []AgencyRow   // the prefectural government's own records; page 1 only
	Municipalities []AgencyRow   // this page's, by name (English) or local government code (Japanese)
	Total          int           // municipal records in the prefecture, on every page
	Researched     int           // municipalities with a record; page 1 only
	LocalGovs      int           // municipalities in the reference data; page 1 only
	NotResearched  []LocalGovRow // page 1 only
}

// LocalGovRow is a local government without a record yet, with what an
// editor needs to start one: both names and the code.
type LocalGovRow struct {
	Code    string
	Name    Text
	AltName Text // on English pages the Japanese name, or empty
}

// AgencyRow is one agency in a list.
type AgencyRow struct {
	Link
	Level    Enum
	Services int
	Statuses []Enum // distinct current statuses, in model.Statuses order
	Updated  model.Date
}

// AgencyView is one agency at "/agencies/SLUG/".
type AgencyView struct {
	Base
	Name       Text
	AltName    Text // the name in the other script, or empty
	Level      Enum
	Prefecture *Link // nil for national bodies
	Code       string
	Updated    model.Date
	Services   []ServiceView
	Body       Text // Markdown
	Sources    []SourceView
	Events     []EventLink
	Record     string // the record's file, "content/agencies/..."
	RecordJA   string // the Japanese body's file, or ""
}

// ServiceView is one service on an agency page.
type ServiceView struct {
	Name         Text
	AltName      Text
	Category     Enum
	Status       Enum
	Since        model.Date
	PersonalData model.Flag // yes, no or not reported
	Sensitive    model.Flag
	Alternative  Text
	Note         Text         // inline Markdown
	History      []ChangeView // oldest first, the current status last
}

// ChangeView is one state in a service's history.
type ChangeView struct {
	Date    model.Date
	Status  Enum
	Note    Text // inline Markdown
	Current bool // the service's present status
}

// SourceView is one source of a record or event.
type SourceView struct {
	Title      Text // language guessed from the script
	Publisher  Text
	Kind       Enum
	Date       model.Date
	URL        string
	ArchiveURL string
	Quote      string
	QuoteLang  string // "ja" when the quote has kana or kanji, else "en"
}

// EventLink is an event in a list on an agency page.
type EventLink struct {
	Date  model.Date
	Title Text
	URL   string // the event's anchor on the timeline
}

// ServiceRow is one service in a cross-cutting list.
type ServiceRow struct {
	Agency     Link
	Prefecture *Link // nil for national bodies
	Service    Text
	Status     Enum
	Category   Enum
	Since      model.Date // zero: "date not reported"
	Date       model.Date // Since, or the record's last verification when Since is zero
}

// ListView is one page of a status or category list: at most
// RowsPerPage services, one summary row each; Base.Pager says which page.
type ListView struct {
	Base
	Enum   Enum         // the status or category shown
	Rows   []ServiceRow // this page's rows
	Total  int          // services in the whole list, on every page
	Others []Enum       // every status (or category), for moving between lists
}

// NationalView lists national bodies at "/national/", and every survey
// with its figures, for the national picture. The bodies are paginated
// (RowsPerPage); the surveys stand on page 1 only.
type NationalView struct {
	Base
	Agencies []AgencyRow  // this page's bodies, by slug
	Total    int          // national bodies with a record, on every page
	Surveys  []SurveyView // by slug; page 1 only
}

// TimelineView is one page of the dated events at "/timeline/", oldest
// first, at most EventsPerPage of them.
type TimelineView struct {
	Base
	Events []EventView
	Total  int // events in the whole timeline
}

// EventView is one event on the timeline.
type EventView struct {
	ID       string // the anchor: "event-SLUG"
	Date     model.Date
	Title    Text
	Body     Text // Markdown
	Agencies []Link
	Sources  []SourceView
}

// FreePageView is a free page such as "/about/".
type FreePageView struct {
	Base
	Title  Text
	Body   Text // Markdown
	Record string
}

// Breakdown is one count per status or per category, drawn by the
// "breakdown" partial as a bar chart beside a table of links.
type Breakdown struct {
	ID      string // fragment of the section's element ids
	Heading string // translation key of the section heading
	Column  string // translation key of the table's first column
	Chart          // caption key and the counts
}
