package render_test

import (
	"bytes"
	"encoding/xml"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// goldenSite is the page fixture with two prefectures instead of 47, so
// the golden sitemap stays short enough to review.
func goldenSite() model.Input {
	in := fixture()
	in.Prefectures = slices.DeleteFunc(in.Prefectures, func(p model.Prefecture) bool {
		return p.Slug != "osaka" && p.Slug != "tokyo"
	})
	return in
}

// extras makes the non-page files of a site.
func extras(t testing.TB, in model.Input, opt render.Options) map[string][]byte {
	t.Helper()
	site := model.New(in)
	files, err := load(t).Extras(site, render.Plan(site, opt), opt)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// atom is what the tests read back from a feed.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

// decodeFeed parses a feed strictly, failing the test if it is not
// well-formed XML.
func decodeFeed(t *testing.T, name string, b []byte) atom {
	t.Helper()
	var f atom
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(&f); err != nil {
		t.Fatalf("%s: not well-formed Atom: %v", name, err)
	}
	return f
}

func TestFeedGolden(t *testing.T) {
	files := extras(t, goldenSite(), goldenOpt)
	for _, tt := range []struct{ file, golden string }{
		{"feed.xml", "feed.golden.xml"},
		{"ja/feed.xml", "feed.ja.golden.xml"},
		{"prefectures/osaka/feed.xml", "feed.osaka.golden.xml"},
	} {
		got, ok := files[tt.file]
		if !ok {
			t.Errorf("%s: not produced", tt.file)
			continue
		}
		decodeFeed(t, tt.file, got)
		golden(t, filepath.Join("testdata", tt.golden), got)
	}
}

// Every feed of the site: both languages, the site's and one per
// prefecture, each well-formed, each linking itself and its page.
func TestFeedsEverywhere(t *testing.T) {
	in := fixture()
	files := extras(t, in, goldenOpt)
	want := []string{"feed.xml", "ja/feed.xml"}
	for _, p := range in.Prefectures {
		want = append(want, "prefectures/"+p.Slug+"/feed.xml", "ja/prefectures/"+p.Slug+"/feed.xml")
	}
	for _, name := range want {
		b, ok := files[name]
		if !ok {
			t.Errorf("%s: not produced", name)
			continue
		}
		f := decodeFeed(t, name, b)
		lang := "en"
		if strings.HasPrefix(name, "ja/") {
			lang = "ja"
		}
		self := goldenOpt.BaseURL + name
		page := strings.TrimSuffix(self, "feed.xml")
		var rels []string
		for _, l := range f.Links {
			rels = append(rels, l.Rel+" "+l.Href)
		}
		if f.Lang != lang || !slices.Contains(rels, "self "+self) || !slices.Contains(rels, "alternate "+page) {
			t.Errorf("%s: lang %q, links %q; want %s, self %s and alternate %s", name, f.Lang, rels, lang, self, page)
		}
		if f.Updated == "" || f.Author.Name == "" || !strings.HasPrefix(f.ID, "tag:example.org,2021:/linewatch/") {
			t.Errorf("%s: updated %q, author %q, id %q", name, f.Updated, f.Author.Name, f.ID)
		}
	}
	// Osaka's feed holds Osaka City's two dated states, and nothing of
	// the national body or its event.
	osaka := decodeFeed(t, "osaka", files["prefectures/osaka/feed.xml"])
	var titles []string
	for _, e := range osaka.Entries {
		titles = append(titles, e.Title+" "+e.Updated)
	}
	got := strings.Join(titles, "\n")
	if wantOsaka := "Osaka City: Bullying consultation – Suspended 2021-03-19T00:00:00Z\nOsaka City: Bullying consultation – Active 2020-08-01T00:00:00Z"; got != wantOsaka {
		t.Errorf("Osaka's feed:\n%s\nwant\n%s", got, wantOsaka)
	}
	// An empty prefecture's feed is valid and dated by the site's newest entry.
	tokyo := decodeFeed(t, "tokyo", files["prefectures/tokyo/feed.xml"])
	if len(tokyo.Entries) != 0 || tokyo.Updated != "2021-03-19T00:00:00Z" {
		t.Errorf("Tokyo's feed: %d entries, updated %s", len(tokyo.Entries), tokyo.Updated)
	}
}

// Only changes a source dates are entries: a status without a since
// date, or a record stating the body does not use LINE, would otherwise
// be dated by the day an editor last looked, and crowd real changes out.
func TestFeedOnlyDatedChanges(t *testing.T) {
	in := fixture()
	in.Agencies[1].Updated = model.DateOf(2030, time.January, 1) // mic, whose only service is undated
	in.Agencies[2].Updated = model.DateOf(2030, time.January, 1) // sakai-city, no LINE
	f := decodeFeed(t, "feed.xml", extras(t, in, render.Options{})["feed.xml"])
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.Updated[:10]+" "+e.Title)
	}
	want := []string{
		"2021-03-19 Osaka City: Bullying consultation – Suspended",
		"2021-03-18 MIC asks local governments to report their LINE use",
		"2020-08-01 Osaka City: Bullying consultation – Active",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.Updated != "2021-03-19T00:00:00Z" {
		t.Errorf("feed updated %s, want the newest dated change", f.Updated)
	}
}

// Entries run newest first, at most FeedMax, with unique ids; the feed's
// updated is its newest entry's date, never the build time.
func TestFeedOrderAndCap(t *testing.T) {
	in := synthetic(120) // about 180 services, each with a history
	in.Events = fixture().Events
	files := extras(t, in, render.Options{})
	for _, name := range []string{"feed.xml", "ja/feed.xml"} {
		f := decodeFeed(t, name, files[name])
		if len(f.Entries) != render.FeedMax {
			t.Errorf("%s: %d entries, want the cap %d", name, len(f.Entries), render.FeedMax)
		}
		ids := map[string]bool{}
		for i, e := range f.Entries {
			if ids[e.ID] {
				t.Errorf("%s: id %s twice", name, e.ID)
			}
			ids[e.ID] = true
			if i > 0 && e.Updated > f.Entries[i-1].Updated {
				t.Errorf("%s: entry %d (%s) is newer than the one before it (%s)", name, i, e.Updated, f.Entries[i-1].Updated)
			}
		}
		if f.Updated != f.Entries[0].Updated {
			t.Errorf("%s: updated %s, want the newest entry's %s", name, f.Updated, f.Entries[0].Updated)
		}
		if today := time.Now().UTC().Format("2006-01-02"); strings.Contains(string(files[name]), today) {
			t.Errorf("%s contains today's date: no build time may leak into a feed", name)
		}
	}
}

// Without base_url, ids are tag:linewatch URIs and links root-relative
// (with the base path), and nothing is absolute.
func TestFeedWithoutBaseURL(t *testing.T) {
	files := extras(t, fixture(), render.Options{BasePath: "/sub/"})
	f := decodeFeed(t, "feed.xml", files["feed.xml"])
	if f.ID != "tag:linewatch,2021:/sub/feed.xml" {
		t.Errorf("feed id %q", f.ID)
	}
	for _, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "tag:linewatch,2021:/sub/") || !strings.HasPrefix(e.Link.Href, "/sub/") {
			t.Errorf("entry id %q, link %q", e.ID, e.Link.Href)
		}
	}
	for name, b := range files {
		if strings.HasSuffix(name, ".xml") && bytes.Contains(b, []byte("://")) && !bytes.Contains(b, []byte("://www.w3.org/")) {
			t.Errorf("%s holds an absolute URL without base_url", name)
		}
	}
}

// An entry keeps its id when its state stops being the current one, so
// a reader does not see the same change twice.
func TestFeedIDsStable(t *testing.T) {
	ids := func(in model.Input) map[string]string {
		f := decodeFeed(t, "feed.xml", extras(t, in, goldenOpt)["feed.xml"])
		m := map[string]string{}
		for _, e := range f.Entries {
			m[e.ID] = e.Title
		}
		return m
	}
	before := ids(fixture())
	in := fixture()
	sv := &in.Agencies[0].Services[0]
	sv.History = append(sv.History, model.Change{Date: sv.Since, Status: sv.Status})
	sv.Status, sv.Since = model.Resumed, model.DateOf(2021, time.June, 1)
	after := ids(in)
	for id := range before {
		if _, ok := after[id]; !ok {
			t.Errorf("entry %s (%s) lost its id when a newer status was added", id, before[id])
		}
	}
	if len(after) != len(before)+1 {
		t.Errorf("%d entries after adding a status, want %d", len(after), len(before)+1)
	}
}

// The feeds are linked from every page's head, and a prefecture's feed
// from its page.
func TestFeedLinksInPages(t *testing.T) {
	out := build(t, fixture(), render.Options{})
	for file, want := range map[string][]string{
		"index.html":                      {`<link rel="alternate" type="application/atom+xml" hreflang="en" href="/feed.xml" title="Changes (Atom feed)">`},
		"ja/agencies/mic/index.html":      {`<link rel="alternate" type="application/atom+xml" hreflang="ja" href="/ja/feed.xml"`},
		"prefectures/osaka/index.html":    {`href="/prefectures/osaka/feed.xml" title="Changes in Osaka (Atom feed)"`, `<a href="/prefectures/osaka/feed.xml" type="application/atom+xml">`},
		"ja/prefectures/tokyo/index.html": {`href="/ja/prefectures/tokyo/feed.xml" title="東京都の更新情報（Atomフィード）"`},
	} {
		contains(t, file, out[file], want...)
	}
	contains(t, "agency page", out["agencies/mic/index.html"], `! /prefectures/`+"osaka/feed.xml")
}

// BenchmarkExtras makes the feeds, sitemap, robots.txt and search index
// of a 2,000-agency synthetic site, which a rebuild redoes after any
// record changes.
func BenchmarkExtras(b *testing.B) {
	site := model.New(synthetic(2000))
	l := load(b)
	opt := render.Options{BaseURL: "https://example.org/"}
	pages := render.Plan(site, opt)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Extras(site, pages, opt); err != nil {
			b.Fatal(err)
		}
	}
}
