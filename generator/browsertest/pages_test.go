package browsertest

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"linewatch/generator"
	"linewatch/generator/model"
)

// pageType is one kind of page the site publishes, with the page of a
// given site chosen to stand for it.
type pageType struct {
	name string // names the subtest: "agency-with-services"
	path string // below the language root: "agencies/osaka-city/"
	// file is the output file that must exist; "" means path + "index.html"
	// below the language's root.
	file  string
	shots bool // save screenshots of this page when LINEWATCH_SCREENSHOTS is set
}

// langs are the site's two languages, as path prefixes below its root.
var langs = []struct{ code, prefix string }{{"en", ""}, {"ja", "ja/"}}

// Widths of the two viewports: a desktop, and the narrowest phone WCAG's
// reflow criterion (1.4.10) names.
const (
	desktopWidth = 1200
	phoneWidth   = 320
)

// pageTypes chooses, for site m, one page of every type. Where the site
// has a choice it takes the hardest case (the prefecture with the most
// records, the agency with the most services); where it has none (no
// record without services, no free page) the type is left out and the
// other site covers it.
func pageTypes(t *testing.T, m *model.Site) []pageType {
	pages := []pageType{
		{name: "home", path: "", shots: true},
		{name: "prefectures", path: "prefectures/"},
	}
	var with, without *model.Prefecture
	for i := range m.Prefectures {
		p := &m.Prefectures[i]
		n := len(m.InPrefecture(p.Slug))
		if n > 0 && (with == nil || n > len(m.InPrefecture(with.Slug))) {
			with = p
		}
		if n == 0 && without == nil {
			without = p
		}
	}
	if with != nil {
		pages = append(pages, pageType{name: "prefecture-with-records", path: "prefectures/" + with.Slug + "/"})
	}
	if without != nil {
		pages = append(pages, pageType{name: "prefecture-without-records", path: "prefectures/" + without.Slug + "/"})
	}
	var busiest, silent *model.Agency
	for _, a := range m.Agencies {
		if a.UsesLINE() && (busiest == nil || len(a.Services) > len(busiest.Services)) {
			busiest = a
		}
		if !a.UsesLINE() && silent == nil {
			silent = a
		}
	}
	if busiest != nil {
		pages = append(pages, pageType{name: "agency-with-services", path: "agencies/" + busiest.Slug + "/", shots: true})
	}
	if silent != nil {
		pages = append(pages, pageType{name: "agency-without-services", path: "agencies/" + silent.Slug + "/"})
	}
	pages = append(pages,
		pageType{name: "national", path: "national/"},
		pageType{name: "status", path: "status/" + string(busiestStatus(m)) + "/"},
		pageType{name: "category", path: "categories/" + string(busiestCategory(m)) + "/"},
		pageType{name: "timeline", path: "timeline/"},
	)
	if len(m.Pages) > 0 {
		pages = append(pages, pageType{name: "free-page", path: m.Pages[0].Slug + "/"})
	}
	pages = append(pages,
		pageType{name: "search", path: "search/"},
		pageType{name: "data", path: "data/"},
		pageType{name: "404", path: "no/such/page/", file: "404.html"},
	)
	var left []string
	if silent == nil {
		left = append(left, "agency-without-services (no record without services)")
	}
	if len(m.Pages) == 0 {
		left = append(left, "free-page (no content/pages)")
	}
	if without == nil {
		left = append(left, "prefecture-without-records (every prefecture has records)")
	}
	if len(left) > 0 {
		t.Logf("not in this site, covered by the other: %s", strings.Join(left, "; "))
	}
	return pages
}

// laterPages chooses, for site s, page 2 of each list split into pages
// that s has: the busiest status and category, the timeline, the national
// bodies and the prefecture with the most records. A page 2 has the pager
// that page 1 of a short list lacks, and titles, links and filters that
// speak of one page among several.
func laterPages(t *testing.T, s *site) []pageType {
	m := s.model
	var pref string
	for i := range m.Prefectures {
		p := &m.Prefectures[i]
		if n := len(m.InPrefecture(p.Slug)); n > 0 && (pref == "" || n > len(m.InPrefecture(pref))) {
			pref = p.Slug
		}
	}
	var pages []pageType
	var left []string
	for _, p := range []pageType{
		{name: "status-page-2", path: "status/" + string(busiestStatus(m)) + "/page/2/"},
		{name: "category-page-2", path: "categories/" + string(busiestCategory(m)) + "/page/2/"},
		{name: "timeline-page-2", path: "timeline/page/2/"},
		{name: "national-page-2", path: "national/page/2/"},
		{name: "prefecture-page-2", path: "prefectures/" + pref + "/page/2/"},
	} {
		if s.exists(p.path + "index.html") {
			pages = append(pages, p)
		} else {
			left = append(left, p.name)
		}
	}
	if len(left) > 0 {
		t.Logf("%s: lists on one page, no page 2 to check: %s", s.name, strings.Join(left, ", "))
	}
	return pages
}

// busiestStatus is the status with the most services, so the status
// page tested has the longest table.
func busiestStatus(m *model.Site) model.Status {
	return slices.MaxFunc(model.Statuses, func(a, b model.Status) int {
		return cmp.Or(cmp.Compare(len(m.WithStatus(a)), len(m.WithStatus(b))), -cmp.Compare(a, b))
	})
}

// busiestCategory is the category with the most services.
func busiestCategory(m *model.Site) model.Category {
	return slices.MaxFunc(model.Categories, func(a, b model.Category) int {
		return cmp.Or(cmp.Compare(len(m.InCategory(a)), len(m.InCategory(b))), -cmp.Compare(a, b))
	})
}

// TestPages loads one page of every type, in both languages, of the
// shipped site and of the held-out sub-path site, and checks each in a
// real browser: at desktop width, axe-core finds no WCAG 2.1 A/AA
// violation, every request stays on the site's origin, every asset loads,
// no script throws and the site's own CSP blocks nothing; at 320 CSS px,
// nothing is wider than the viewport. Each page's axe result is logged,
// and a table of all of them is logged at the end.
func TestPages(t *testing.T) {
	browser := startBrowser(t)
	axe := axeSource(t)
	shots := os.Getenv("LINEWATCH_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var summary []string
	t.Cleanup(func() {
		t.Logf("axe-core results (tags wcag2a, wcag2aa, wcag21a, wcag21aa):\n%s", strings.Join(summary, "\n"))
	})
	// The held-out site is built with one row and one event a page, so its
	// short lists have a page 2 (and more) to check as well.
	paged := generator.Config{RowsPerPage: 1, EventsPerPage: 1}
	for _, s := range []*site{serveShipped(t), serveFixtureWith(t, "subpath", paged)} {
		tb := openTab(t, browser, false)
		pages := pageTypes(t, s.model)
		later := laterPages(t, s)
		if len(later) == 0 {
			t.Errorf("%s: no list has a page 2, so no pager is checked", s.name)
		}
		for _, p := range append(pages, later...) {
			for _, lang := range langs {
				t.Run(s.name+"/"+lang.code+"/"+p.name, func(t *testing.T) {
					rel := lang.prefix + p.path
					result := "not checked: the test failed before axe ran"
					defer func() {
						mu.Lock()
						defer mu.Unlock()
						summary = append(summary, fmt.Sprintf("%-8s %-2s %-27s %-42s %s", s.name, lang.code, p.name, s.base+rel, result))
					}()
					file := cmp.Or(p.file, rel+"index.html")
					if !s.exists(file) {
						t.Fatalf("the build wrote no %s", file)
					}
					url := s.URL(rel)

					tb.load(t, url, desktopWidth)
					tb.check(t, s.origin)
					res := runAxe(t, tb, axe)
					result = res.String()
					t.Logf("axe %s: %s", url, res)
					if len(res.Violations) > 0 {
						t.Errorf("axe-core: %d violations on %s:%s", len(res.Violations), url, res.report())
					}
					if p.shots {
						screenshot(t, tb, shots, fmt.Sprintf("%s-%s-%s-%d.png", s.name, lang.code, p.name, desktopWidth))
					}

					tb.load(t, url, phoneWidth)
					tb.check(t, s.origin)
					if msg := overflow(t, tb); msg != "" {
						t.Error(msg)
					}
					if msg := tinyTextOn(t, tb); msg != "" {
						t.Error(msg)
					}
					if p.shots {
						screenshot(t, tb, shots, fmt.Sprintf("%s-%s-%s-%d.png", s.name, lang.code, p.name, phoneWidth))
					}
				})
			}
		}
	}
}

// reflow measures the document against the viewport and, when it is
// wider, names the innermost elements that stick out and are not inside
// a container that scrolls or clips them.
const reflow = `(() => {
	const root = document.documentElement, width = root.clientWidth;
	const out = {scrollWidth: root.scrollWidth, clientWidth: width, culprits: []};
	if (root.scrollWidth <= width) return out;
	const contained = el => {
		for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
			if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
		}
		return false;
	};
	const all = [...document.body.querySelectorAll('*')];
	let over = all.filter(el => {
		const r = el.getBoundingClientRect();
		return (r.right > width + 0.5 || r.left < -0.5) && !contained(el);
	});
	// An absolutely positioned element escapes a scrolling ancestor that
	// is not positioned, so it can widen the page from inside one: then
	// name the elements whose right edge is the page's.
	if (over.length === 0) {
		over = all.filter(el => Math.abs(el.getBoundingClientRect().right + window.scrollX - root.scrollWidth) <= 1);
	}
	const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
		[...el.classList].map(c => '.' + c).join('') +
		(getComputedStyle(el).position === 'absolute' ? ' (position: absolute)' : '') +
		' [' + Math.round(el.getBoundingClientRect().left) + '..' + Math.round(el.getBoundingClientRect().right) + ' px]' +
		' "' + (el.textContent || '').trim().slice(0, 60) + '"';
	out.culprits = over.filter(el => !over.some(o => o !== el && el.contains(o))).slice(0, 8).map(describe);
	return out;
})()`

// overflow says how the page is wider than the viewport, that is when a
// phone user would have to scroll sideways (WCAG 1.4.10), or "".
func overflow(t *testing.T, tb *tab) string {
	t.Helper()
	r := eval[struct {
		ScrollWidth int      `json:"scrollWidth"`
		ClientWidth int      `json:"clientWidth"`
		Culprits    []string `json:"culprits"`
	}](t, tb, reflow)
	if r.ScrollWidth <= r.ClientWidth {
		return ""
	}
	return fmt.Sprintf("at %d px the page is %d px wide (scrolls sideways); elements that stick out:\n  %s",
		r.ClientWidth, r.ScrollWidth, strings.Join(r.Culprits, "\n  "))
}

// minTextPx is the smallest height, in CSS px, that a line of text in a
// drawing may be shown at: an SVG scales its text with it, so a map
// squeezed onto a phone can shrink its names to a blur.
const minTextPx = 8

// tinyText lists the lines of SVG text (a tspan, or a text without one)
// drawn smaller than minTextPx, as "text [height px]".
var tinyText = `(() => [...document.querySelectorAll('svg tspan, svg text:not(:has(tspan))')]
	.map(el => ({text: (el.textContent || '').trim().slice(0, 40), h: el.getBoundingClientRect().height}))
	.filter(x => x.text && x.h > 0 && x.h < ` + strconv.Itoa(minTextPx) + `)
	.slice(0, 8).map(x => x.text + ' [' + x.h.toFixed(1) + ' px]'))()`

// tinyTextOn says which text in the page's drawings is too small to
// read, or "".
func tinyTextOn(t *testing.T, tb *tab) string {
	t.Helper()
	small := eval[[]string](t, tb, tinyText)
	if len(small) == 0 {
		return ""
	}
	return fmt.Sprintf("text drawn under %d px high, too small to read:\n  %s", minTextPx, strings.Join(small, "\n  "))
}

// screenshot saves a full-page PNG into dir, when dir is set.
func screenshot(t *testing.T, tb *tab, dir, name string) {
	t.Helper()
	if dir == "" {
		return
	}
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Error(err)
	}
}
