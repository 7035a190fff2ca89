package browsertest

import (
	"strings"
	"testing"
)

// hostileMarkup is the text every string field of testdata/hostile.txtar
// starts with; a page that shows the record must show it as text.
const hostileMarkup = `<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=1">`

// injected lists what a page would hold if any hostile string had been let
// through as markup: event-handler attributes, live links or frames to
// javascript:, vbscript: or data: URLs (as browsers read them: case and
// control characters ignored), embedded frames and objects, and
// executable inline scripts that mention __pwned. It looks at the DOM, so
// it catches markup the Content-Security-Policy stopped from running.
const injected = `(() => {
	const bad = [];
	for (const el of document.querySelectorAll('*')) {
		for (const a of el.attributes) {
			if (/^on/i.test(a.name)) bad.push('<' + el.tagName.toLowerCase() + ' ' + a.name + '="' + a.value.slice(0, 40) + '">');
		}
	}
	const live = v => /^(javascript|vbscript|data):/.test((v || '').replace(/[\u0000-\u0020]/g, '').toLowerCase());
	for (const el of document.querySelectorAll('a[href], area[href], form[action], iframe, frame, object, embed, base[href]')) {
		const v = el.getAttribute('href') || el.getAttribute('action') || el.getAttribute('src') || el.getAttribute('data');
		if (live(v) || /^(iframe|frame|object|embed|base)$/i.test(el.tagName)) bad.push('<' + el.tagName.toLowerCase() + '> ' + (v || '').slice(0, 60));
	}
	for (const s of document.querySelectorAll('script:not([src])')) {
		const type = (s.type || '').toLowerCase();
		const runs = type === '' || type === 'module' || /javascript|ecmascript/.test(type);
		if (runs && s.textContent.includes('__pwned')) bad.push('<script> ' + s.textContent.slice(0, 60));
	}
	return bad;
})()`

// TestHostile loads the pages of a site whose every string field holds
// markup and script links (testdata/hostile.txtar), in both languages,
// and searches for its record, and asserts that no script ran, no dialog
// opened, no asset was requested by injected markup, and no injected
// element or live link is in the DOM. It runs twice: with the site's own
// Content-Security-Policy, and with the policy bypassed, so that escaping
// is shown to hold on its own (issue 6 item 1).
func TestHostile(t *testing.T) {
	browser := startBrowser(t)
	s := serveFixture(t, "hostile")
	pages := []struct{ name, path string }{
		{"home", ""},
		{"agency", "agencies/hostile-ward/"},
		{"prefecture", "prefectures/tokyo/"},
		{"status", "status/suspended/"},
		{"category", "categories/consultation/"},
		{"timeline", "timeline/"},
		{"free-page", "hostile-page/"},
		{"data", "data/"},
	}
	for _, mode := range []struct {
		name   string
		bypass bool
	}{{"csp", false}, {"no-csp", true}} {
		tb := openTab(t, browser, mode.bypass)
		for _, lang := range langs {
			for _, p := range pages {
				t.Run(mode.name+"/"+lang.code+"/"+p.name, func(t *testing.T) {
					tb.load(t, s.URL(lang.prefix+p.path), desktopWidth)
					assertHarmless(t, tb, s)
					if p.name == "agency" {
						text := eval[string](t, tb, `document.body.innerText`)
						if !strings.Contains(text, hostileMarkup) {
							t.Errorf("the agency page does not show the hostile name as text %q", hostileMarkup)
						}
					}
				})
			}
			t.Run(mode.name+"/"+lang.code+"/search", func(t *testing.T) {
				search(t, tb, s, lang.prefix, "pwned", lang.prefix+"agencies/hostile-ward/")
				assertHarmless(t, tb, s)
			})
		}
	}
}

// assertHarmless fails the test if the loaded page ran hostile script,
// opened a dialog, requested anything it should not, or holds injected
// markup.
func assertHarmless(t *testing.T, tb *tab, s *site) {
	t.Helper()
	if eval[bool](t, tb, `typeof window.__pwned !== 'undefined'`) {
		t.Errorf("hostile script ran: window.__pwned is set")
	}
	tb.check(t, s.origin)
	for _, el := range eval[[]string](t, tb, injected) {
		t.Errorf("injected markup in the page: %s", el)
	}
}
