package render

import (
	"encoding/xml"
	"fmt"
	"testing"

	"linewatch/generator/model"
)

// A site with more pages than one sitemap may hold gets a sitemap index
// of parts, each within the limit.
func TestSitemapSplits(t *testing.T) {
	var pages []Page
	for i := range sitemapMax/2 + 1 {
		for _, lang := range langs {
			pages = append(pages, Page{URL: localURL(lang, fmt.Sprintf("/agencies/a%06d/", i)), Lang: lang})
		}
	}
	files := sitemap(model.New(model.Input{}), pages, Options{BaseURL: "https://example.org/"}.normal())
	var index struct {
		XMLName  xml.Name `xml:"sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(files[SitemapXML], &index); err != nil {
		t.Fatalf("sitemap.xml is not a sitemap index: %v", err)
	}
	if len(index.Sitemaps) != 2 || index.Sitemaps[1].Loc != "https://example.org/sitemap-2.xml" {
		t.Fatalf("index lists %v", index.Sitemaps)
	}
	total := 0
	for _, name := range []string{"sitemap-1.xml", "sitemap-2.xml"} {
		var set struct {
			URLs []struct{} `xml:"url"`
		}
		if err := xml.Unmarshal(files[name], &set); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(set.URLs) > sitemapMax {
			t.Errorf("%s: %d addresses, over the limit", name, len(set.URLs))
		}
		total += len(set.URLs)
	}
	if total != len(pages) {
		t.Errorf("%d addresses in the parts, want %d", total, len(pages))
	}
}
