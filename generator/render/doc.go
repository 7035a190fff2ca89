// Package render turns the model into pages: Plan decides every page of
// the site with its view data and inputs, and Layouts.Execute turns one
// page into HTML through html/template. It takes a *model.Site and a
// layouts fs.FS (a site's own layouts/ over the embedded defaults, see
// Union); it returns bytes and never writes files, reads content or
// touches the network.
//
// # Pages
//
// English pages live at the root, Japanese pages under /ja/ with the same
// paths below; every page links to its twin (DESIGN.md "Site").
//
//	URL                       layout             view
//	/                         home.html          HomeView
//	/prefectures/             prefectures.html   PrefecturesView
//	/prefectures/SLUG/        prefecture.html    PrefectureView (all 47, records or not)
//	/agencies/SLUG/           agency.html        AgencyView
//	/national/                national.html      NationalView (national bodies, then every survey)
//	/status/STATUS/           status.html        ListView (every status, even when empty)
//	/categories/CATEGORY/     category.html      ListView (every category)
//	/timeline/                timeline.html      TimelineView
//	LIST/page/K/              as LIST            page K of a list (below)
//	/SLUG/                    page.html          FreePageView (content/pages/SLUG.md)
//	/data/                    data.html          DataView (documents the open data)
//	/search/                  search.html        SearchView (search.go; static/search.js)
//	/404.html                 404.html           NotFoundView (one page for both languages, notfound.go)
//
// Lists that grow with the records are split into pages (paginate.go):
// the status and category lists and the national bodies at RowsPerPage
// rows a page, a prefecture's municipalities likewise, and the timeline
// at EventsPerPage events. Page 1 keeps the list's URL and page K lives
// at LIST/page/K/ in both languages ("/ja/status/active/page/2/"); each
// has a pager (partials/pager.html, Base.Pager), rel=prev and rel=next
// links, a title with its number, and its twin at the same number. What
// is not a row (a prefecture's coverage, the surveys) stands on page 1.
// Rows are summaries; the agency page holds the details.
//
// Surveys (content/surveys) have no page of their own: each is a section
// of the national page (anchor #survey-SLUG) with its figures as a table,
// and a local survey's figures also stand on the home page beside the
// same counts made from the records. Shares ("64.8%") are computed at
// build time from each figure's value and total (see SurveyView).
//
// Data (data.go) returns the open-data files beside the pages:
// data/agencies.json, data/services.csv and data/schema/record.schema.json
// (docs/open-data.md); DataInputs lists the keys they are built from.
// DataFiles (data_stream.go) gives the same bytes a file at a time to an
// io.Writer, for a build that streams them to the disk without holding
// them; DataCache remakes them after an edit from the unchanged records'
// bytes. The encoders of data_json.go write both files by hand, byte for
// byte as encoding/json and encoding/csv did.
//
// Layouts.Extras (extras.go) returns the other files that are not pages:
// the Atom feeds feed.xml and prefectures/SLUG/feed.xml in both
// languages (feed.go), sitemap.xml when base_url is set and robots.txt
// (sitemap.go), and search-index.json (search.go); ExtrasInputs lists
// their keys. Every page carries ContentSecurityPolicy (csp.go) and loads
// nothing but the site's own style sheets and scripts; tables and lists
// marked data-filter are sorted and filtered by static/listfilter.js as
// progressive enhancement.
//
// Each page layout defines the templates "title" and "main" and is drawn
// inside baseof.html; files under partials/ are shared by all layouts.
// Links in views already carry Options.BasePath, so a site published
// under a sub-path works; absolute URLs appear only when base_url is set.
//
// # Text
//
// Interface strings come only from i18n/en.toml and i18n/ja.toml, read
// through the template function t; enum values travel as keys such as
// "status.suspended". Japanese pages show the Japanese twin of a name,
// title, note or body where the record has one and fall back to English
// otherwise, marked lang="en" for screen readers (see Text). Markdown is
// rendered by one goldmark instance (markdown.go) that escapes raw HTML
// and drops script links.
//
// # Inputs
//
// While building a view, Plan records the keys of what it read, so that
// an incremental rebuild executes only the pages whose inputs changed:
//
//	site.toml                   every page
//	layout/baseof.html          every page
//	layout/NAME.html            the pages drawn by that layout
//	layout/i18n/LANG.toml       every page of that language
//	agency/SLUG                 the agency's page and every page of a list showing it, the home page
//	prefecture/SLUG             the prefecture's page, the prefecture list, the home page, its agencies' pages
//	pages/SLUG                  the free page, and the home page that lists it
//	events                      the timeline and the pages of agencies an event names
//	survey/SLUG                 the national page, and the home page when the survey is local
//	totals                      the home page, the data page
//
// The home page and the prefecture list read every agency (their coverage
// counts hang on each record's local government code), so they are re-run
// on any record change; both are cheap.
//
// A page of a list names only the agencies of its own rows; page 1 of a
// prefecture names all of the prefecture's, since its coverage counts
// hang on every record's code. Every page of the timeline reads events.
//
// Keys are not recorded for files under partials/ or static/: a change to
// a partial should re-render every page, and static files are not pages.
// Because an agency that leaves a list no longer names it, a rebuild must
// compare the inputs of both the old and the new plan (or the views). And
// because rows shift between the pages of a list when a record elsewhere
// in it changes, each such page carries a Shape, a fingerprint of its
// rows and its place in the list, and a rebuild also re-executes a page
// whose Shape changed.
//
// # Executing pages fast
//
// html/template executes a page through text/template, which calls every
// escaper and function through reflect and finds every field by name:
// most of a cold build. LoadLayouts therefore also compiles each escaped
// set with tmplexec, and Execute runs the compiled program, which writes
// the same bytes several times faster; the differential tests
// (compiled_test.go) draw every page of the shipped site, the fixtures
// and a synthetic corpus both ways and require identical output. A set
// using what tmplexec does not execute (a site's own layout with a
// script or style context, say) has no program and runs on html/template
// as before, and so does any page the program stops on: an error, or a
// value it does not escape exactly. html/template stays the authority
// for output and error messages alike.
//
// # Determinism and concurrency
//
// The same model gives byte-identical output: views are built from the
// model's sorted slices, never from map iteration, and no page shows the
// time of the build. Layouts are read-only once loaded, so Execute may be
// called from many goroutines at once.
package render
