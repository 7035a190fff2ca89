package browsertest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"linewatch/generator/model"
)

// searchInput finds the search field of the search page.
const searchInput = `main input[type="search"]`

// TestSearch types a known record's English and Japanese names into the
// search page of both languages, on the shipped site and on the sub-path
// site, and waits for a link to the record's page in that language.
func TestSearch(t *testing.T) {
	browser := startBrowser(t)
	for _, s := range []*site{serveShipped(t), serveFixture(t, "subpath")} {
		a := knownRecord(s.model)
		if a == nil {
			t.Fatalf("%s: no agency with English and Japanese names to search for", s.name)
		}
		tb := openTab(t, browser, false)
		for _, lang := range langs {
			for _, query := range []string{a.Name, a.NameJA} {
				t.Run(s.name+"/"+lang.code+"/"+query, func(t *testing.T) {
					search(t, tb, s, lang.prefix, query, lang.prefix+"agencies/"+a.Slug+"/")
					tb.check(t, s.origin)
				})
			}
		}
	}
}

// knownRecord picks the record to search for: Osaka City when the site
// has it (the README's example), else the first municipality with a
// Japanese name, else any agency with one.
func knownRecord(m *model.Site) *model.Agency {
	if a := m.Agency("osaka-city"); a != nil && a.NameJA != "" {
		return a
	}
	var any *model.Agency
	for _, a := range m.Agencies {
		if a.NameJA == "" {
			continue
		}
		if a.Level == model.Municipality {
			return a
		}
		if any == nil {
			any = a
		}
	}
	return any
}

// search loads the search page of a language (prefix "" or "ja/"), types
// query into its field as a person would, key by key, and waits until the
// page links to the page at rel (below the site root). It fails the test
// if that link was there before typing, or never comes.
func search(t *testing.T, tb *tab, s *site, prefix, query, rel string) {
	t.Helper()
	tb.load(t, s.URL(prefix+"search/"), desktopWidth)
	want, _ := json.Marshal(s.URL(rel))
	linked := `[...document.querySelectorAll('main a[href]')].some(a => a.href === ` + string(want) + `)`
	if eval[bool](t, tb, linked) {
		t.Fatalf("the search page links to %s before any search, so finding the link would prove nothing", rel)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(searchInput)),
		chromedp.SendKeys(chromedp.CSS(searchInput), query),
	)
	if err != nil {
		t.Fatalf("type %q into %s: %v", query, searchInput, err)
	}
	// Wait for the link, but stop at once when the page breaks (an index
	// that does not load, a script that throws): no wait can mend that.
	for !eval[bool](t, tb, linked) {
		if broken := tb.broken(); len(broken) > 0 {
			t.Fatalf("typing %q showed no link to %s, and the page broke:\n  %s\nthe page says: %s",
				query, s.URL(rel), strings.Join(broken, "\n  "), pageText(t, tb))
		}
		select {
		case <-ctx.Done():
			t.Fatalf("typing %q showed no link to %s within %v\nthe page says: %s", query, s.URL(rel), pageTimeout, pageText(t, tb))
		case <-time.After(100 * time.Millisecond):
		}
	}
	if v := eval[string](t, tb, `document.querySelector('`+searchInput+`').value`); v != query {
		t.Errorf("the search field holds %q, want %q (keys were lost)", v, query)
	}
}

// pageText is the start of what the page's main part says, on one line,
// for failure messages.
func pageText(t *testing.T, tb *tab) string {
	t.Helper()
	return eval[string](t, tb, `(document.querySelector('main') || document.body).innerText.replace(/\s+/g, ' ').trim().slice(0, 300)`)
}
