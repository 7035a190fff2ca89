package render

import (
	"linewatch/generator/model"
)

// Search (issue 4, "Find it"): /search/ and /ja/search/ hold a form that
// static/search.js wires to a prebuilt index, /search-index.json, and
// filters as the reader types. The script is the site's own, small, and
// loads nothing else; without JavaScript the page says so and links the
// lists that lead to every record.
//
// The index is one compact JSON document, the same for both languages:
//
//	{
//	  "version": 1,
//	  "statuses": ["active", "under-review", …],            model.Statuses order
//	  "prefectures": [[slug, name, name_ja], …],            all 47, code order
//	  "agencies": [[slug, name, name_ja, prefecture,
//	                [[service, service_ja, status], …]], …]  by slug
//	}
//
// prefecture and status are indexes into the two lists (prefecture -1 for
// a national body); a missing Japanese name is "". Arrays rather than
// objects keep the file small (about 100 bytes a record). Strings are
// escaped as encoding/json escapes them, <, > and & and any invalid UTF-8
// included (appendJSONString), so no record can break out of the JSON,
// and search.js writes every value with textContent, never as markup.
// Status labels are not in the index: the search page lists them, in its
// language, as links the script reads.

// SearchIndex is the output path of the search index.
const SearchIndex = "search-index.json"

// searchVersion is the version of the index format; search.js checks it.
const searchVersion = 1

// searchPath is the language-neutral path of the search page.
const searchPath = "/search/"

// The static files of the search and list enhancements.
const (
	searchJS     = "search.js"
	listFilterJS = "listfilter.js"
	enhanceCSS   = "enhance.css"
)

// SearchView is the search page at "/search/".
type SearchView struct {
	Base
	Index       string // link to the search index
	Script      string // link to search.js
	Root        string // link to this language's home, to which search.js appends "agencies/SLUG/"
	Prefectures string // link to the prefecture list
	National    string // link to the national bodies
	Statuses    []Enum // every status, linked to its list; search.js reads their labels
	Categories  []Enum // every category, linked to its list
}

// search plans "/search/". The page shows no record, so it depends on
// nothing but its layout and site.toml; the index holds the records.
func (p planner) search() Page {
	v := &SearchView{
		Base:        p.base(searchPath),
		Index:       p.opt.href("/" + SearchIndex),
		Script:      p.opt.href("/" + searchJS),
		Root:        p.link("/"),
		Prefectures: p.link("/prefectures/"),
		National:    p.link("/national/"),
	}
	for _, st := range model.Statuses {
		v.Statuses = append(v.Statuses, p.statusEnum(st))
	}
	for _, c := range model.Categories {
		v.Categories = append(v.Categories, p.categoryEnum(c))
	}
	return p.page(searchPath, "search.html", v)
}
