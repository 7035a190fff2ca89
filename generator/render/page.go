package render

import (
	"net/url"
	"strings"
)

// Page is one output page before execution: where it goes, which layout
// draws it, the view data the layout sees and the keys of everything the
// view was built from. Plan makes pages; Layouts.Execute turns one into
// bytes. Keeping the two apart lets the Builder plan every page on each
// rebuild (cheap) and execute only those whose inputs changed (the cost).
type Page struct {
	URL    string   // site-relative URL path with trailing slash: "/", "/agencies/osaka-city/", "/ja/agencies/osaka-city/"
	Lang   string   // "en" or "ja"
	Layout string   // template name, e.g. "agency.html"
	View   any      // a view struct of this package; templates see view data, never *model types directly
	Inputs []string // sorted keys of what the page read; see the package doc, "Inputs"
	// Shape fingerprints, for a page of a paginated list, which rows it
	// shows and where it stands in the list (paginate.go); 0 for other
	// pages. Rows move between pages when a record elsewhere in the list
	// changes, without any input of the page changing, so a rebuild also
	// re-executes a page whose Shape differs from the last build's.
	Shape uint64
}

// File returns the page's output path, slash-separated and without a
// leading slash: "/agencies/osaka-city/" is written to
// "agencies/osaka-city/index.html", so every URL works on any static host.
// A URL naming a file rather than a folder is written as that file:
// "/404.html" is "404.html", the one name static hosts serve for a
// missing page (see NotFoundURL).
func (p Page) File() string {
	if !strings.HasSuffix(p.URL, "/") {
		return strings.TrimPrefix(p.URL, "/")
	}
	return strings.TrimPrefix(p.URL, "/") + "index.html"
}

// Options are the few settings that change links rather than content.
type Options struct {
	// BasePath is the path part of base_url, with leading and trailing
	// slashes; every internal link starts with it, so a site published at
	// https://example.org/linewatch/ works. "" means the path of BaseURL,
	// or "/" when that is unset too.
	BasePath string
	// BaseURL is the absolute base_url with a trailing slash, or "" when
	// site.toml does not set it; then no page carries an absolute URL.
	BaseURL string
	// RowsPerPage and EventsPerPage are the sizes of a page of a list and
	// of the timeline (paginate.go); 0 means the constants of the same
	// names. Tests set them small to have many pages from a few records.
	RowsPerPage   int
	EventsPerPage int
}

// normal returns o with BasePath and BaseURL in their canonical shapes.
func (o Options) normal() Options {
	p := o.BasePath
	if p == "" && o.BaseURL != "" {
		if u, err := url.Parse(o.BaseURL); err == nil {
			p = u.Path
		}
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	o.BasePath = p
	if o.BaseURL != "" && !strings.HasSuffix(o.BaseURL, "/") {
		o.BaseURL += "/"
	}
	if o.RowsPerPage <= 0 {
		o.RowsPerPage = RowsPerPage
	}
	if o.EventsPerPage <= 0 {
		o.EventsPerPage = EventsPerPage
	}
	return o
}

// href turns a site-relative URL path ("/agencies/x/") into the link
// written in pages ("/linewatch/agencies/x/").
func (o Options) href(url string) string {
	return o.BasePath + strings.TrimPrefix(url, "/")
}

// abs turns a site-relative URL path into an absolute URL, or "" when no
// base_url is set: pages then leave absolute URLs out rather than guess.
func (o Options) abs(url string) string {
	if o.BaseURL == "" {
		return ""
	}
	return o.BaseURL + strings.TrimPrefix(url, "/")
}

// The two languages. English is the root of the site, Japanese lives
// under /ja/ with the same paths below.
const (
	En = "en"
	Ja = "ja"
)

// langs lists the languages in the order pages are planned.
var langs = []string{En, Ja}

// twin returns the other language.
func twin(lang string) string {
	if lang == Ja {
		return En
	}
	return Ja
}

// localURL puts a language-neutral path ("/agencies/x/") under the
// language's root: unchanged for English, "/ja/agencies/x/" for Japanese.
func localURL(lang, path string) string {
	if lang == Ja {
		return "/ja" + path
	}
	return path
}
