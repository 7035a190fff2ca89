package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// Markup an attacker might put into any string of a record.
const (
	hScript = `<script>alert(1)</script>`
	hAttr   = `"><img src=x onerror=alert(1)>`
	hCDATA  = `]]><!-- ' onmouseover='alert(1)`
	hURL    = `javascript:alert(1)`
)

// hostileSite is the page fixture with markup in every string a reader
// sees, in both languages: site title and licence, an agency's names,
// services, notes, history, sources and body, an event and a page.
func hostileSite() model.Input {
	in := fixture()
	in.Config.Title, in.Config.TitleJA, in.Config.License = hScript, hAttr, hCDATA
	a := &in.Agencies[0]
	a.Name, a.NameJA = hScript, hAttr
	a.Body = hScript + "\n\n[link](" + hURL + ") " + hAttr
	a.BodyJA = hCDATA
	sv := &a.Services[0]
	sv.Name, sv.NameJA = hAttr, hCDATA
	sv.Alternative, sv.AlternativeJA = hScript, hAttr
	sv.Note, sv.NoteJA = hScript+" [x]("+hURL+")", hAttr
	sv.History[0].Note, sv.History[0].NoteJA = hCDATA, hScript
	a.Sources = append(a.Sources, model.Source{Title: hScript, Publisher: hAttr, URL: hURL, ArchiveURL: "vbscript:x", Quote: hCDATA})
	e := &in.Events[0]
	e.Title, e.TitleJA, e.Body = hAttr, hScript, hScript+"\n\n[e]("+hURL+")"
	e.Sources = append(e.Sources, model.Source{Title: hAttr, Publisher: hScript, URL: hURL})
	p := &in.Pages[0]
	p.Title, p.TitleJA, p.Body = hScript, hAttr, hAttr
	return in
}

// Markup in records is text everywhere: pages, feeds, sitemap, search
// index (issue 6, item 1). Pages and files are scanned as a browser or
// a feed reader would meet them.
func TestHostileContent(t *testing.T) {
	in := hostileSite()
	for _, opt := range []render.Options{{}, goldenOpt} {
		files := site(t, in, opt)
		for name, body := range files {
			switch {
			case strings.HasSuffix(name, ".html"):
				checkMarkup(t, name, body, opt)
				for _, raw := range []string{"<script>alert", "<img src=x", "<!-- '", "onerror=alert(1)>"} {
					if strings.Contains(body, raw) {
						t.Errorf("%s: %q appears as markup", name, raw)
					}
				}
			case strings.HasSuffix(name, ".xml"):
				for _, raw := range []string{"<script", "<img", "]]>", "<!--"} {
					if strings.Contains(body, raw) {
						t.Errorf("%s: %q appears unescaped", name, raw)
					}
				}
			case name == render.SearchIndex:
				if !json.Valid([]byte(body)) || strings.ContainsAny(body, "<>") {
					t.Errorf("%s: invalid JSON or a raw angle bracket", name)
				}
			}
		}
		if opt.BaseURL != "" {
			decodeSitemap(t, []byte(files[render.SitemapXML]))
		}

		// The agency page and the lists show the strings as text.
		contains(t, "agency", files["agencies/osaka-city/index.html"],
			"&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;")
		contains(t, "ja agency", files["ja/agencies/osaka-city/index.html"], "]]&gt;&lt;!-- &#39; onmouseover=&#39;alert(1)")

		// Feeds carry the exact strings as text, and their HTML content
		// holds no live markup or script link.
		for _, name := range []string{"feed.xml", "ja/feed.xml", "prefectures/osaka/feed.xml", "ja/prefectures/osaka/feed.xml"} {
			f := decodeFeed(t, name, []byte(files[name]))
			var titles, contents strings.Builder
			for _, e := range f.Entries {
				titles.WriteString(e.Title + "\n")
				contents.WriteString(e.Content.Text + "\n")
			}
			// The agency's name in the feed's language, and the site title.
			title, name0 := hScript, hScript
			if strings.HasPrefix(name, "ja/") {
				title, name0 = hAttr, hAttr
			}
			if !strings.Contains(f.Title, title) {
				t.Errorf("%s: feed title %q lacks the site title as text", name, f.Title)
			}
			if !strings.Contains(titles.String(), name0+": ") && !strings.Contains(titles.String(), name0+"「") {
				t.Errorf("%s: no entry title holds %q as text:\n%s", name, name0, titles.String())
			}
			html := strings.ToLower(contents.String())
			for _, bad := range []string{"<script", "<img", "<!--", `href="javascript:`, `href="vbscript:`} {
				if strings.Contains(html, bad) {
					t.Errorf("%s: entry content holds live %q:\n%s", name, bad, contents.String())
				}
			}
		}

		// The search index gives the strings back exactly.
		ix := decodeIndex(t, []byte(files[render.SearchIndex]))
		var names []string
		for _, a := range ix.Agencies {
			var en, ja string
			json.Unmarshal(a[1], &en)
			json.Unmarshal(a[2], &ja)
			names = append(names, en, ja)
		}
		if !strings.Contains(strings.Join(names, "\n"), hScript+"\n"+hAttr) {
			t.Errorf("search index names: %q", names)
		}
		if bytes.Contains([]byte(files[render.SearchIndex]), []byte(hURL)) {
			t.Error("the search index carries a source URL; it should hold names only")
		}
	}
}
