package render

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"linewatch/generator/model"
)

// The sitemap (sitemaps.org 0.9) lists every page of the site in both
// languages, each with its twin as an xhtml:link hreflang alternate, as
// search engines ask for bilingual sites, and x-default naming the
// English page. Agency pages carry the day their record was last
// verified as lastmod; other pages carry none rather than a guess.
//
// A sitemap needs absolute URLs, and the site knows its own address only
// from base_url. Without it no sitemap.xml is written and robots.txt has
// no Sitemap line: a sitemap of guessed addresses would be worse than
// none. robots.txt is always written; crawlers read it only at the root
// of a host, so it takes effect when the site is published there.
//
// A sitemap file holds at most 50,000 addresses; a site with more pages
// gets sitemap.xml as a sitemap index of sitemap-1.xml, sitemap-2.xml…

// The output paths of the sitemap and robots.txt.
const (
	SitemapXML = "sitemap.xml"
	RobotsTxt  = "robots.txt"
)

// sitemapMax is the sitemaps.org limit of addresses per file.
const sitemapMax = 50000

// sitemapURL is one page in a sitemap.
type sitemapURL struct {
	Loc     string
	LastMod string    // "" when unknown
	Alts    [3]string // the English, Japanese and x-default (English) addresses
}

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
)

// writeURLSet writes a sitemap of the given pages.
func writeURLSet(urls []sitemapURL) []byte {
	w := newXMLWriter(256 + 600*len(urls))
	w.open("urlset", "xmlns", sitemapNS, "xmlns:xhtml", xhtmlNS)
	for _, u := range urls {
		w.open("url")
		w.elem("loc", u.Loc)
		if u.LastMod != "" {
			w.elem("lastmod", u.LastMod)
		}
		for i, lang := range [3]string{En, Ja, "x-default"} {
			w.empty("xhtml:link", "rel", "alternate", "hreflang", lang, "href", u.Alts[i])
		}
		w.close("url")
	}
	w.close("urlset")
	return w.bytes()
}

// writeIndex writes a sitemap index naming the parts.
func writeIndex(locs []string) []byte {
	w := newXMLWriter(256 + 100*len(locs))
	w.open("sitemapindex", "xmlns", sitemapNS)
	for _, loc := range locs {
		w.open("sitemap")
		w.elem("loc", loc)
		w.close("sitemap")
	}
	w.close("sitemapindex")
	return w.bytes()
}

// sitemap returns the sitemap files for the planned pages, or none when
// base_url is unset. Pages come sorted by URL, so the files are the same
// on every build.
func sitemap(site *model.Site, pages []Page, opt Options) map[string][]byte {
	if opt.BaseURL == "" {
		return nil
	}
	if !slices.IsSortedFunc(pages, func(a, b Page) int { return strings.Compare(a.URL, b.URL) }) {
		pages = slices.Clone(pages)
		sortPages(pages)
	}
	urls := make([]sitemapURL, 0, len(pages))
	for _, p := range pages {
		if p.Lang != En && p.Lang != Ja || !strings.HasSuffix(p.URL, "/") {
			continue // the 404 page, or anything not a page of one language
		}
		path := p.URL
		if p.Lang == Ja {
			path = strings.TrimPrefix(path, "/ja")
		}
		en := absURL(opt, path)
		u := sitemapURL{Loc: absURL(opt, p.URL), Alts: [3]string{en, absURL(opt, localURL(Ja, path)), en}}
		if p.Layout == "agency.html" {
			// From the record, not the view: PlanLazy leaves the view out.
			slug := strings.TrimSuffix(strings.TrimPrefix(path, "/agencies/"), "/")
			if a := site.Agency(slug); a != nil {
				u.LastMod = a.Updated.String()
			}
		}
		urls = append(urls, u)
	}
	if len(urls) <= sitemapMax {
		return map[string][]byte{SitemapXML: writeURLSet(urls)}
	}
	out := map[string][]byte{}
	var locs []string
	for i := 0; i*sitemapMax < len(urls); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		out[name] = writeURLSet(urls[i*sitemapMax : min((i+1)*sitemapMax, len(urls))])
		locs = append(locs, absURL(opt, "/"+name))
	}
	out[SitemapXML] = writeIndex(locs)
	return out
}

// absURL is the absolute address of a site path, its segments
// percent-encoded as sitemaps require (slugs are plain already; this
// guards a layout or a future page kind).
func absURL(opt Options, path string) string {
	return opt.BaseURL + strings.TrimPrefix((&url.URL{Path: path}).EscapedPath(), "/")
}

// robots returns robots.txt: everything may be crawled, and the sitemap
// is named when there is one.
func robots(opt Options) []byte {
	var b strings.Builder
	b.WriteString("# linewatch: every page of this site may be crawled.\n")
	b.WriteString("User-agent: *\nDisallow:\n")
	if opt.BaseURL != "" {
		b.WriteString("\nSitemap: " + absURL(opt, "/"+SitemapXML) + "\n")
	}
	return []byte(b.String())
}
