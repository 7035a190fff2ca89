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

// PrefectureView is one prefecture at "/prefectures/SLUG/".
type PrefectureView struct {
	Base
	Name           Text
	AltName        Text
	Region         Text
	Government     []AgencyRow // the prefectural government's own records
	Municipalities []AgencyRow // by name (English) or local government code (Japanese)
	Researched     int         // municipalities with a record
	LocalGovs      int         // municipalities in the reference data
	NotResearched  []LocalGovRow
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

// ListView is a status or category page: one row per service, so the
// page grows linearly with the data.
type ListView struct {
	Base
	Enum   Enum // the status or category shown
	Rows   []ServiceRow
	Others []Enum // every status (or category), for moving between lists
}

// NationalView lists national bodies at "/national/", and every survey
// with its figures, for the national picture.
type NationalView struct {
	Base
	Agencies []AgencyRow
	Surveys  []SurveyView // by slug
}

// TimelineView lists dated events at "/timeline/", oldest first.
type TimelineView struct {
	Base
	Events []EventView
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
