package validate

import (
	"strings"
	"testing"
	"testing/fstest"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// run loads a site from files (path -> text) and checks it, returning the
// input and every diagnostic of load and validate together, sorted.
func run(t testing.TB, ref *refdata.Data, files map[string]string) (model.Input, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, text := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	cfg, diags := load.Config(fsys)
	docs, more := load.Dir(fsys)
	diags.Append(more)
	in, more := Check(cfg, docs, ref)
	diags.Append(more)
	diags.Sort()
	return in, diags
}

func loadRef(t testing.TB) *refdata.Data {
	t.Helper()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// The file most cases use, and a valid agency for cases about services:
// head leaves the front matter open inside [[sources]], so a case appends
// [[services]] from line 9 and closes with +++.
const (
	x    = "content/agencies/x.md"
	head = `+++
name = "Osaka City"
level = "municipality"
prefecture = "osaka"
updated = 2021-03-19
[[sources]]
title = "Osaka City page"
publisher = "Osaka City"
`
	// src is a valid [[sources]] section to close a record with.
	src = `[[sources]]
title = "t"
publisher = "p"
+++
`
	// surveyHead opens a survey's front matter with every top-level key but
	// figures and sources, on lines 2 to 5 (as_of on line 4, scope on 5).
	surveyHead = `+++
title = "MIC survey"
surveyed = "all 1,788 local governments"
as_of = 2021-03-18
scope = "local"
`
	// osakaCity is a valid agency another record can point at.
	osakaCity = head + "+++\n"
)

func TestCheck(t *testing.T) {
	ref := loadRef(t)
	tests := []struct {
		name  string
		files map[string]string
		want  string // diagnostics, one per line; "" when the site is valid
	}{
		// Valid records.
		{"minimal agency", map[string]string{x: osakaCity}, ""},
		{"agency as a .toml file", map[string]string{"content/agencies/x.toml": strings.Trim(osakaCity, "+\n")}, ""},
		{"national body", map[string]string{x: `+++
name = "Digital Agency"
level = "national"
updated = 2021-03-19
` + src}, ""},
		{"prefecture as code string, integer, capitals, one digit", map[string]string{
			"content/agencies/a.md": strings.Replace(osakaCity, `"osaka"`, `"27"`, 1),
			"content/agencies/b.md": strings.Replace(osakaCity, `"osaka"`, `27`, 1),
			"content/agencies/c.md": strings.Replace(osakaCity, `"osaka"`, `"Osaka"`, 1),
			"content/agencies/d.md": strings.Replace(osakaCity, `"osaka"`, `1`, 1),
		}, ""},
		{"municipality and prefecture codes", map[string]string{
			"content/agencies/a.md": strings.Replace(osakaCity, "updated", "code = \"271004\"\nupdated", 1),
			"content/agencies/b.md": strings.Replace(strings.Replace(osakaCity, "updated", "code = \"270008\"\nupdated", 1), `"municipality"`, `"prefecture"`, 1),
			"content/agencies/c.md": strings.Replace(osakaCity, "updated", "code = \"271403\"\nupdated", 1), // Sakai, a designated city
		}, ""},
		{"services with history", map[string]string{x: head + `[[services]]
name = "Bullying consultation"
category = "consultation"
status = "suspended"
since = 2021-03-19
personal_data = true
sensitive = false
  [[services.history]]
  date = 2020-08-01
  status = "active"
  [[services.history]]
  date = 2020-09-01
  status = "active"
  note = "expanded"
+++
`}, ""},
		{"service history without since", map[string]string{x: head + `[[services]]
name = "n"
category = "other"
status = "active"
  [[services.history]]
  date = 2030-01-01
  status = "planned"
+++
`}, ""},
		{"full source", map[string]string{x: head + `kind = "news"
date = 2021-03-19
url = "https://mainichi.jp/english/articles/20210319/p2g/00m/0na/077000c"
archive_url = "http://web.archive.org/web/2021/https://mainichi.jp/"
quote = "…"
+++
`}, ""},
		{"event and page", map[string]string{
			x:                              osakaCity,
			"content/events/e.md":          "+++\ndate = 2021-03-17\ntitle = \"T\"\nagencies = [\"x\"]\n" + src,
			"content/events/e.ja.md":       "本文",
			"content/pages/about.md":       "+++\ntitle = \"About\"\ntitle_ja = \"概要\"\n+++\nHi",
			"content/pages/about.toml.txt": "not a record",
		}, ""},
		{"agency and event may share a slug", map[string]string{
			x:                     osakaCity,
			"content/events/x.md": "+++\ndate = 2021-03-17\ntitle = \"T\"\n" + src,
		}, ""},
		{"survey with figures, totals and a Japanese body", map[string]string{
			"content/surveys/mic.md": surveyHead + `[[figures]]
label = "Services run on LINE"
value = 3193
[[figures]]
label = "All prefectures"
value = 47
total = 47
` + src,
			"content/surveys/mic.ja.md": "+++\ntitle_ja = \"総務省調査\"\n+++\n本文",
		}, ""},
		{"survey as a .toml file, and an agency sharing its slug", map[string]string{
			"content/surveys/x.toml": strings.TrimSuffix(surveyHead+"[[figures]]\nlabel = \"l\"\nvalue = 0\ntotal = 5\n"+src, "+++\n")[len("+++\n"):],
			x:                        osakaCity,
		}, ""},
		{"empty site", map[string]string{}, ""},
		{"empty site.toml", map[string]string{"site.toml": ""}, ""},
		{"full site.toml", map[string]string{"site.toml": `title = "T"
title_ja = "T"
base_url = "https://example.org/linewatch"
out = "dist"
license = "CC BY 4.0"
`}, ""},

		// Unknown keys.
		{"misspelt top-level key", map[string]string{x: strings.Replace(osakaCity, "name =", "nmae =", 1)}, `
content/agencies/x.md: name: required key is missing
content/agencies/x.md:2:1: nmae: unknown key; did you mean "name"?`},
		{"misspelt service key", map[string]string{x: head + `[[services]]
name = "n"
category = "other"
stauts = "active"
+++
`}, `
content/agencies/x.md:9:1: services[1].status: required key is missing
content/agencies/x.md:12:1: services[1].stauts: unknown key; did you mean "status"?`},
		{"misspelt source and history keys", map[string]string{x: strings.Replace(head, "title =", "titel =", 1) + `[[services]]
name = "n"
category = "other"
status = "active"
  [[services.history]]
  dat = 2020-01-01
  status = "active"
+++
`}, `
content/agencies/x.md:6:1: sources[1].title: required key is missing
content/agencies/x.md:7:1: sources[1].titel: unknown key; did you mean "title"?
content/agencies/x.md:13:3: services[1].history[1].date: required key is missing
content/agencies/x.md:14:3: services[1].history[1].dat: unknown key; did you mean "date"?`},
		{"unknown key with no close match", map[string]string{x: strings.Replace(osakaCity, "updated", "colour = \"red\"\nupdated", 1)}, `
content/agencies/x.md:5:1: colour: unknown key; allowed keys are name, name_ja, level, prefecture, code, updated, services, sources`},
		{"unknown table", map[string]string{x: head + "[meta]\nk = 1\n+++\n"}, `
content/agencies/x.md:9:1: meta: unknown key; allowed keys are name, name_ja, level, prefecture, code, updated, services, sources`},

		// Enums.
		{"unknown status with a close match", map[string]string{x: head + `[[services]]
name = "Bullying consultation"
category = "consultation"
status = "suspend"
+++
`}, `
content/agencies/x.md:12:1: services[1].status: unknown value "suspend"; did you mean "suspended"?`},
		{"enum case matters", map[string]string{x: head + `[[services]]
name = "n"
category = "Other"
status = "Under-Review"
+++
`}, `
content/agencies/x.md:11:1: services[1].category: unknown value "Other"; did you mean "other"?
content/agencies/x.md:12:1: services[1].status: unknown value "Under-Review"; did you mean "under-review"?`},
		{"unknown values with no close match", map[string]string{x: strings.Replace(head, `"municipality"`, `"city"`, 1) + `kind = "press"
[[services]]
name = "n"
category = "consult"
status = "closed"
+++
`}, `
content/agencies/x.md:3:1: level: unknown value "city"; must be one of national, prefecture, municipality
content/agencies/x.md:9:1: sources[1].kind: unknown value "press"; must be one of official, news, other
content/agencies/x.md:12:1: services[1].category: unknown value "consult"; did you mean "consultation"?
content/agencies/x.md:13:1: services[1].status: unknown value "closed"; must be one of active, under-review, suspended, postponed, planned, resumed, discontinued`},

		// Types.
		{"dates as strings and date-times", map[string]string{x: strings.Replace(head, "2021-03-19", `"2021-03-19"`, 1) + `date = 2021-03-19T10:00:00+09:00
[[services]]
name = "n"
category = "other"
status = "active"
since = 2021-03-19T10:00:00
  [[services.history]]
  date = 10:00:00
  status = "active"
+++
`}, `
content/agencies/x.md:5:1: updated: must be a TOML date like 2021-03-19, not a string
content/agencies/x.md:9:1: sources[1].date: must be a TOML date like 2021-03-19, not a date and time with an offset (leave out the time and zone)
content/agencies/x.md:14:1: services[1].since: must be a TOML date like 2021-03-19, not a date and time (leave out the time)
content/agencies/x.md:16:3: services[1].history[1].date: must be a TOML date like 2021-03-19, not a time of day`},
		{"strings, booleans and tables", map[string]string{x: strings.Replace(head, `"Osaka City"`, `3`, 1) + `quote = ["a"]
[[services]]
name = { en = "n" }
category = "other"
status = "active"
personal_data = "yes"
sensitive = 1
alternative = 2.5
+++
`}, `
content/agencies/x.md:2:1: name: must be a string, not an integer
content/agencies/x.md:9:1: sources[1].quote: must be a string, not an array
content/agencies/x.md:11:1: services[1].name: must be a string, not a table
content/agencies/x.md:14:1: services[1].personal_data: must be true or false, not a string
content/agencies/x.md:15:1: services[1].sensitive: must be true or false, not an integer
content/agencies/x.md:16:1: services[1].alternative: must be a string, not a float`},
		{"services and sources of the wrong shape", map[string]string{x: `+++
name = "n"
level = "national"
updated = 2021-03-19
services = "none"
sources = ["a", { title = "t", publisher = "p" }]
+++
`}, `
content/agencies/x.md:5:1: services: must be a list of [[services]] sections, not a string
content/agencies/x.md:6:12: sources[1]: must be a table, not a string; write each entry as a [[sources]] section`},
		{"sources not a list", map[string]string{x: `+++
name = "n"
level = "national"
updated = 2021-03-19
sources = "a"
+++
`}, `
content/agencies/x.md:5:1: sources: must be a list of [[sources]] sections, not a string`},

		// Required keys.
		{"empty front matter", map[string]string{x: "+++\n+++\n"}, `
content/agencies/x.md: level: required key is missing
content/agencies/x.md: name: required key is missing
content/agencies/x.md: sources: at least one source is required
content/agencies/x.md: updated: required key is missing`},
		{"empty sources and empty strings", map[string]string{x: `+++
name = " "
level = "national"
updated = 2021-03-19
sources = []
+++
`}, `
content/agencies/x.md:2:1: name: must not be empty
content/agencies/x.md:5:1: sources: at least one source is required`},
		{"prefecture required unless national", map[string]string{x: strings.Replace(osakaCity, "prefecture = \"osaka\"\n", "", 1)}, `
content/agencies/x.md: prefecture: required key is missing (every level but national has a prefecture)`},
		{"prefecture and code forbidden for national", map[string]string{x: strings.Replace(osakaCity, `"municipality"`, "\"national\"\ncode = \"271004\"", 1)}, `
content/agencies/x.md:4:1: code: national bodies have no local government code; remove the key
content/agencies/x.md:5:1: prefecture: national bodies have no prefecture; remove the key`},
		{"service, source and history keys required", map[string]string{x: `+++
name = "n"
level = "national"
updated = 2021-03-19
[[services]]
  [[services.history]]
[[sources]]
+++
`}, `
content/agencies/x.md:5:1: services[1].category: required key is missing
content/agencies/x.md:5:1: services[1].name: required key is missing
content/agencies/x.md:5:1: services[1].status: required key is missing
content/agencies/x.md:6:3: services[1].history[1].date: required key is missing
content/agencies/x.md:6:3: services[1].history[1].status: required key is missing
content/agencies/x.md:7:1: sources[1].publisher: required key is missing
content/agencies/x.md:7:1: sources[1].title: required key is missing`},
		{"event and page keys required", map[string]string{
			"content/events/e.md":  "+++\n+++\n",
			"content/pages/p.toml": "",
		}, `
content/events/e.md: date: required key is missing
content/events/e.md: sources: at least one source is required
content/events/e.md: title: required key is missing
content/pages/p.toml: title: required key is missing`},

		// Prefecture.
		{"unknown prefecture slug", map[string]string{x: strings.Replace(osakaCity, `"osaka"`, `"osak"`, 1)}, `
content/agencies/x.md:4:1: prefecture: unknown prefecture "osak"; did you mean "osaka"?`},
		{"prefecture in Japanese", map[string]string{x: strings.Replace(osakaCity, `"osaka"`, `"大阪府"`, 1)}, `
content/agencies/x.md:4:1: prefecture: unknown prefecture "大阪府"; did you mean "osaka"?`},
		{"prefecture code out of range", map[string]string{x: strings.Replace(osakaCity, `"osaka"`, `48`, 1)}, `
content/agencies/x.md:4:1: prefecture: unknown prefecture "48"; use a slug like "osaka" or a JIS X 0401 code from 1 to 47`},
		{"prefecture of the wrong type", map[string]string{x: strings.Replace(osakaCity, `"osaka"`, `true`, 1)}, `
content/agencies/x.md:4:1: prefecture: must be a prefecture slug like "osaka" or a JIS X 0401 code like 27, not a boolean`},

		// Local government code.
		{"code as an integer", map[string]string{x: strings.Replace(osakaCity, "updated", "code = 11002\nupdated", 1)}, `
content/agencies/x.md:5:1: code: must be a quoted string like "011002", since leading zeros matter`},
		{"code of the wrong length", map[string]string{x: strings.Replace(osakaCity, "updated", "code = \"27100\"\nupdated", 1)}, `
content/agencies/x.md:5:1: code: local government code "27100" must have 6 digits`},
		{"code failing its check digit", map[string]string{x: strings.Replace(osakaCity, "updated", "code = \"271005\"\nupdated", 1)}, `
content/agencies/x.md:5:1: code: local government code "271005" fails its check digit (the last digit should be 4)`},
		{"code unknown to the reference data", map[string]string{x: strings.Replace(osakaCity, "updated", "code = \"279994\"\nupdated", 1)}, `
content/agencies/x.md:5:1: code: no local government has code 279994 in the reference data`},
		{"code of another prefecture", map[string]string{x: strings.Replace(osakaCity, "updated", "code = \"130001\"\nupdated", 1)}, `
content/agencies/x.md:5:1: code: 130001 belongs to Tokyo, not Osaka`},
		{"prefecture record with a city's code", map[string]string{x: strings.Replace(strings.Replace(osakaCity, "updated", "code = \"271004\"\nupdated", 1), `"municipality"`, `"prefecture"`, 1)}, `
content/agencies/x.md:5:1: code: 271004 is Osaka-shi (大阪市), not the prefecture itself; Osaka's own code is 270008`},
		{"municipality with the prefecture's code", map[string]string{x: strings.Replace(osakaCity, "updated", "code = \"270008\"\nupdated", 1)}, `
content/agencies/x.md:5:1: code: 270008 is the code of Osaka (大阪府) itself, not of a municipality`},

		// Source addresses.
		{"bad source addresses", map[string]string{x: head + `url = "ftp://example.org/a"
archive_url = "www.example.org"
[[sources]]
title = "t"
publisher = "p"
url = "https://"
archive_url = "https://example.org/a b"
[[sources]]
title = "t"
publisher = "p"
url = "htps://example.org/"
archive_url = "http://[::1"
date = "2021"
+++
`}, `
content/agencies/x.md:9:1: sources[1].url: address "ftp://example.org/a" must start with https:// or http://
content/agencies/x.md:10:1: sources[1].archive_url: address "www.example.org" must start with https:// or http://
content/agencies/x.md:14:1: sources[2].url: address "https://" has no host name
content/agencies/x.md:15:1: sources[2].archive_url: address "https://example.org/a b" contains a space; copy the address exactly, with spaces written as %20
content/agencies/x.md:19:1: sources[3].url: address "htps://example.org/" must start with https:// or http://; did you mean "https"?
content/agencies/x.md:20:1: sources[3].archive_url: address "http://[::1" cannot be read: missing ']' in host
content/agencies/x.md:21:1: sources[3].date: must be a TOML date like 2021-03-19, not a string`},

		// Service history.
		{"history out of order and not before since", map[string]string{x: head + `[[services]]
name = "n"
category = "other"
status = "suspended"
since = 2021-03-19
  [[services.history]]
  date = 2020-09-01
  status = "active"
  [[services.history]]
  date = 2020-08-01
  status = "planned"
  [[services.history]]
  date = 2020-08-01
  status = "active"
  [[services.history]]
  date = 2021-03-19
  status = "under-review"
[[services]]
name = "m"
category = "other"
status = "active"
since = 2021-01-01
  [[services.history]]
  date = 2021-02-01
  status = "planned"
+++
`}, `
content/agencies/x.md:18:3: services[1].history[2].date: 2020-08-01 is not after the entry before it (2020-09-01); list history oldest first, one entry per date
content/agencies/x.md:21:3: services[1].history[3].date: 2020-08-01 is not after the entry before it (2020-08-01); list history oldest first, one entry per date
content/agencies/x.md:24:3: services[1].history[4].date: 2021-03-19 is not before since (2021-03-19); history holds the states before the current one
content/agencies/x.md:32:3: services[2].history[1].date: 2021-02-01 is not before since (2021-01-01); history holds the states before the current one`},

		// Slugs.
		{"duplicate agency slugs across folders and extensions", map[string]string{
			"content/agencies/osaka/osaka-city.md": osakaCity,
			"content/agencies/x/osaka-city.toml":   strings.Trim(osakaCity, "+\n"),
			"content/agencies/x/osaka-city.md":     osakaCity,
		}, `
content/agencies/osaka/osaka-city.md: slug "osaka-city" is also used by content/agencies/x/osaka-city.md
content/agencies/osaka/osaka-city.md: slug "osaka-city" is also used by content/agencies/x/osaka-city.toml
content/agencies/x/osaka-city.md: slug "osaka-city" is also used by content/agencies/osaka/osaka-city.md
content/agencies/x/osaka-city.md: slug "osaka-city" is also used by content/agencies/x/osaka-city.toml
content/agencies/x/osaka-city.toml: slug "osaka-city" is also used by content/agencies/osaka/osaka-city.md
content/agencies/x/osaka-city.toml: slug "osaka-city" is also used by content/agencies/x/osaka-city.md`},
		{"duplicate event and page slugs", map[string]string{
			"content/events/a/e.md":    "+++\ndate = 2021-03-17\ntitle = \"T\"\n" + src,
			"content/events/b/e.md":    "+++\ndate = 2021-03-17\ntitle = \"T\"\n" + src,
			"content/pages/about.md":   "+++\ntitle = \"A\"\n+++\n",
			"content/pages/about.toml": "title = \"A\"\n",
		}, `
content/events/a/e.md: slug "e" is also used by content/events/b/e.md
content/events/b/e.md: slug "e" is also used by content/events/a/e.md
content/pages/about.md: slug "about" is also used by content/pages/about.toml
content/pages/about.toml: slug "about" is also used by content/pages/about.md`},
		{"reserved page slugs", map[string]string{
			"content/pages/timeline.md": "+++\ntitle = \"A\"\n+++\n",
			"content/pages/ja.md":       "+++\ntitle = \"A\"\n+++\n",
		}, `
content/pages/ja.md: page slug "ja" is a URL the site already uses for its own pages; rename the file
content/pages/timeline.md: page slug "timeline" is a URL the site already uses for its own pages; rename the file`},
		{"slugs that cannot be URLs", map[string]string{
			"content/agencies/Osaka_City.md": osakaCity,
			"content/agencies/大阪市.md":        osakaCity,
			"content/pages/feed.xml.md":      "+++\ntitle = \"A\"\n+++\n",
		}, `
content/agencies/Osaka_City.md: file name "Osaka_City" becomes a URL, so it may hold only lower-case letters, digits and hyphens; rename it to "osaka-city"
content/agencies/大阪市.md: file name "大阪市" becomes a URL, so it may hold only lower-case letters, digits and hyphens
content/pages/feed.xml.md: file name "feed.xml" becomes a URL, so it may hold only lower-case letters, digits and hyphens; rename it to "feed-xml"
content/pages/feed.xml.md: page slug "feed.xml" is a URL the site already uses for its own pages; rename the file`},

		// Japanese siblings.
		{"orphan Japanese body", map[string]string{
			x:                                osakaCity,
			"content/agencies/osaka/x.ja.md": "本文",
			"content/events/e.ja.md":         "本文",
		}, `
content/agencies/osaka/x.ja.md: Japanese body has no record beside it; expected x.md or x.toml in the same folder
content/events/e.ja.md: Japanese body has no record beside it; expected e.md or e.toml in the same folder`},
		{"Japanese front matter", map[string]string{
			x:                          osakaCity,
			"content/agencies/x.ja.md": "+++\nname_ja = \"大阪市\"\ntitle_ja = \"x\"\n+++\n本文",
			"content/pages/p.md":       "+++\ntitle = \"P\"\ntitle_ja = \"ピー\"\n+++\n",
			"content/pages/p.ja.md":    "+++\ntitle_ja = \"別\"\n+++\n",
			"content/pages/q.md":       "+++\ntitle = \"Q\"\n+++\n",
			"content/pages/q.ja.md":    "+++\ntitle_ja = 1\n+++\n",
		}, `
content/agencies/x.ja.md:3:1: title_ja: unknown key; allowed keys are name_ja
content/pages/p.ja.md:2:1: title_ja: also set to "ピー" in content/pages/p.md; keep one of them
content/pages/q.ja.md:2:1: title_ja: must be a string, not an integer`},

		// Events.
		{"event naming unknown agencies", map[string]string{
			"content/agencies/osaka-city.md": osakaCity,
			"content/events/e.md": `+++
date = 2021-03-17
title = "T"
agencies = ["osaka-city", "osaka-cty", "zzz", "osaka-city", 3]
` + src,
		}, `
content/events/e.md:4:27: agencies[2]: no agency "osaka-cty"; did you mean "osaka-city"?
content/events/e.md:4:40: agencies[3]: no agency "zzz"
content/events/e.md:4:47: agencies[4]: agency "osaka-city" is listed twice
content/events/e.md:4:61: agencies[5]: must be a string, not an integer`},
		{"event agencies not an array", map[string]string{
			"content/events/e.md": "+++\ndate = 2021-03-17\ntitle = \"T\"\nagencies = \"osaka-city\"\ntitel = \"x\"\n" + src,
		}, `
content/events/e.md:4:1: agencies: must be an array of strings like ["a", "b"], not a string
content/events/e.md:5:1: titel: unknown key; did you mean "title"?`},

		// Surveys.
		{"survey keys required", map[string]string{"content/surveys/s.md": "+++\n[[figures]]\n[[sources]]\n+++\n"}, `
content/surveys/s.md: scope: required key is missing
content/surveys/s.md: surveyed: required key is missing
content/surveys/s.md: title: required key is missing
content/surveys/s.md:2:1: figures[1].label: required key is missing
content/surveys/s.md:2:1: figures[1].value: required key is missing
content/surveys/s.md:3:1: sources[1].publisher: required key is missing
content/surveys/s.md:3:1: sources[1].title: required key is missing`},
		{"survey without figures or sources", map[string]string{"content/surveys/s.md": surveyHead + "figures = []\n+++\n"}, `
content/surveys/s.md: sources: at least one source is required
content/surveys/s.md:6:1: figures: at least one figure is required; write each as a [[figures]] section with label and value`},
		{"survey unknown keys and scope", map[string]string{"content/surveys/s.md": strings.Replace(surveyHead, `"local"`, `"locale"`, 1) + `asof = 2021-03-18
[[figures]]
label = "l"
valeu = 1
totl = 2
` + src}, `
content/surveys/s.md:5:1: scope: unknown value "locale"; did you mean "local"?
content/surveys/s.md:6:1: asof: unknown key; did you mean "as_of"?
content/surveys/s.md:7:1: figures[1].value: required key is missing
content/surveys/s.md:9:1: figures[1].valeu: unknown key; did you mean "value"?
content/surveys/s.md:10:1: figures[1].totl: unknown key; did you mean "total"?`},
		{"survey scope with no close match", map[string]string{"content/surveys/s.md": strings.Replace(surveyHead, `"local"`, `"prefectural"`, 1) + "[[figures]]\nlabel = \"l\"\nvalue = 1\n" + src}, `
content/surveys/s.md:5:1: scope: unknown value "prefectural"; must be one of local, national`},
		{"figure values: integers within their totals", map[string]string{"content/surveys/s.md": strings.Replace(surveyHead, "2021-03-18", `"2021-03-18"`, 1) + `[[figures]]
label = "more than the total"
value = 1200
total = 1188
[[figures]]
label = "quoted with a comma"
value = "1,158"
total = 1.5
[[figures]]
label = "negative and zero"
value = -1
total = 0
[[figures]]
label = "wrong types"
value = true
total = [1]
label_ja = 2
` + src}, `
content/surveys/s.md:4:1: as_of: must be a TOML date like 2021-03-19, not a string
content/surveys/s.md:8:1: figures[1].value: 1200 is more than total 1188; a value counts part of its total
content/surveys/s.md:12:1: figures[2].value: must be a whole number without quotes or commas like 1158, not a string
content/surveys/s.md:13:1: figures[2].total: must be a whole number like 1158, not a float
content/surveys/s.md:16:1: figures[3].value: must not be negative, not -1
content/surveys/s.md:17:1: figures[3].total: must be more than 0; leave total out when the survey gives no number to compare with
content/surveys/s.md:20:1: figures[4].value: must be a whole number like 1158, not a boolean
content/surveys/s.md:21:1: figures[4].total: must be a whole number like 1158, not an array
content/surveys/s.md:22:1: figures[4].label_ja: must be a string, not an integer`},
		{"figures not a list of tables", map[string]string{"content/surveys/s.md": surveyHead + "figures = 3\n" + src}, `
content/surveys/s.md:6:1: figures: must be a list of [[figures]] sections, not an integer`},
		{"duplicate survey slugs and an orphan Japanese body", map[string]string{
			"content/surveys/a/s.md":  surveyHead + "[[figures]]\nlabel = \"l\"\nvalue = 1\n" + src,
			"content/surveys/b/s.md":  surveyHead + "[[figures]]\nlabel = \"l\"\nvalue = 1\n" + src,
			"content/surveys/t.ja.md": "本文",
		}, `
content/surveys/a/s.md: slug "s" is also used by content/surveys/b/s.md
content/surveys/b/s.md: slug "s" is also used by content/surveys/a/s.md
content/surveys/t.ja.md: Japanese body has no record beside it; expected t.md or t.toml in the same folder`},

		// Site configuration.
		{"site.toml problems", map[string]string{"site.toml": `titel = "T"
title_ja = 1
base_url = "example.org"
out = ""
`}, `
site.toml:1:1: titel: unknown key; did you mean "title"?
site.toml:2:1: title_ja: must be a string, not an integer
site.toml:3:1: base_url: address "example.org" must start with https:// or http://
site.toml:4:1: out: must not be empty`},

		// Problems load reports come through, and a broken file is not
		// checked further nor makes its Japanese sibling an orphan.
		{"syntax error stops checks of that file only", map[string]string{
			x:                          "+++\nname = \n+++\n",
			"content/agencies/x.ja.md": "本文",
			"content/agencies/y.md":    strings.Replace(osakaCity, "Osaka City", "", 1),
		}, `
content/agencies/x.md:2:8: TOML syntax error: expected value but found '\n' instead
content/agencies/y.md:2:1: name: must not be empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := run(t, ref, tt.files)
			got := strings.TrimSuffix(diags.String(), "\n")
			want := strings.TrimPrefix(tt.want, "\n")
			if got != want {
				t.Errorf("diagnostics differ\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}
