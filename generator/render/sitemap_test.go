package render_test

import (
	"bytes"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// urlset is what the tests read back from a sitemap.
type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		Links   []struct {
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

func decodeSitemap(t *testing.T, b []byte) urlset {
	t.Helper()
	var s urlset
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(&s); err != nil {
		t.Fatalf("sitemap.xml: not well-formed: %v", err)
	}
	return s
}

func TestSitemapGolden(t *testing.T) {
	files := extras(t, goldenSite(), goldenOpt)
	decodeSitemap(t, files[render.SitemapXML])
	golden(t, filepath.Join("testdata", "sitemap.golden.xml"), files[render.SitemapXML])
}

// The sitemap lists every page in both languages, each once, with its
// twin and x-default as alternates; never the 404 page.
func TestSitemapCoversEveryPage(t *testing.T) {
	in := fixture()
	files := extras(t, in, goldenOpt)
	sm := decodeSitemap(t, files[render.SitemapXML])
	locs := map[string]int{}
	for i, u := range sm.URLs {
		locs[u.Loc] = i
		var alts []string
		for _, l := range u.Links {
			alts = append(alts, l.HrefLang+" "+l.Href)
		}
		en := strings.Replace(u.Loc, "/linewatch/ja/", "/linewatch/", 1)
		ja := strings.Replace(en, "/linewatch/", "/linewatch/ja/", 1)
		want := []string{"en " + en, "ja " + ja, "x-default " + en}
		if strings.Join(alts, "|") != strings.Join(want, "|") {
			t.Errorf("%s: alternates %q, want %q", u.Loc, alts, want)
		}
	}
	pages := render.Plan(model.New(in), goldenOpt)
	for _, p := range pages {
		loc := goldenOpt.BaseURL + strings.TrimPrefix(p.URL, "/")
		_, ok := locs[loc]
		if p.URL == render.NotFoundURL {
			if ok {
				t.Error("the sitemap lists the 404 page")
			}
			continue
		}
		if !ok {
			t.Errorf("%s: not in the sitemap", loc)
		}
	}
	if len(sm.URLs) != len(pages)-1 {
		t.Errorf("%d addresses for %d pages and a 404 page", len(sm.URLs), len(pages))
	}
	if u := sm.URLs[locs[goldenOpt.BaseURL+"agencies/sakai-city/"]]; u.LastMod != "2021-04-01" {
		t.Errorf("agency page lastmod %q, want the record's verification date", u.LastMod)
	}
}

// Without base_url there is no sitemap (it needs absolute addresses) and
// robots.txt names none; with it, robots.txt names the sitemap.
func TestRobots(t *testing.T) {
	without := extras(t, fixture(), render.Options{})
	if _, ok := without[render.SitemapXML]; ok {
		t.Error("sitemap.xml written without base_url")
	}
	r := string(without[render.RobotsTxt])
	if !strings.Contains(r, "User-agent: *\nDisallow:\n") || strings.Contains(r, "Sitemap") {
		t.Errorf("robots.txt without base_url:\n%s", r)
	}
	with := extras(t, fixture(), goldenOpt)
	if r := string(with[render.RobotsTxt]); !strings.HasSuffix(r, "\nSitemap: https://example.org/linewatch/sitemap.xml\n") {
		t.Errorf("robots.txt with base_url:\n%s", r)
	}
}
