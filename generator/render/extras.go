package render

import (
	"slices"

	"linewatch/generator/model"
)

// Extras returns the files published beside the pages that are not
// pages, by output path:
//
//	feed.xml, ja/feed.xml                        Atom feeds of changes (feed.go)
//	prefectures/SLUG/feed.xml, ja/prefectures/…  one per prefecture, both languages
//	sitemap.xml                                  every page, both languages (sitemap.go); only with base_url
//	robots.txt                                   always; names the sitemap when there is one
//	search-index.json                            what /search/ searches (search.go)
//
// pages are the site's pages as Plan returned them for the same site and
// options; the sitemap lists them, so it can never miss one. Extras is a
// method of Layouts because the feeds speak the reader's language: their
// titles and status labels come from the same translations as the
// pages, so a site that rewords a label in its own i18n/ sees it in its
// feeds too. Like Data, nothing here carries the time of the build. The Builder publishes the files with the pages and
// may remake them whenever any of ExtrasInputs changed (or any layout,
// which replaces the Layouts).
func (l *Layouts) Extras(site *model.Site, pages []Page, opt Options) (map[string][]byte, error) {
	return l.ExtrasFrom(site, pages, opt, &ExtrasCache{}, nil, true)
}

// NoBaseURLWarning is the warning a build gives when site.toml sets no
// base_url, naming everything that then falls back or is left out.
const NoBaseURLWarning = "site.toml: base_url is not set, so pages use root-relative links and no absolute URLs " +
	"(canonical, hreflang, Open Graph og:url), no sitemap.xml is written, and the feeds use root-relative links " +
	"and tag:linewatch,2021: entry ids, which all change once base_url is set; set it to where the site is published"

// ExtrasInputs returns the sorted input keys (see the package doc,
// "Inputs") the files of Extras are built from: site.toml (base_url, the
// title, the licence), both translation files (feed texts), every agency,
// prefecture and free page (the sitemap lists their pages), and the
// events (feed entries).
func ExtrasInputs(site *model.Site) []string {
	keys := []string{"site.toml", "events", "layout/i18n/" + En + ".toml", "layout/i18n/" + Ja + ".toml"}
	for _, a := range site.Agencies {
		keys = append(keys, agencyKey(a.Slug))
	}
	for _, p := range site.Prefectures {
		keys = append(keys, "prefecture/"+p.Slug)
	}
	for _, p := range site.Pages {
		keys = append(keys, "pages/"+p.Slug)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
