// Package browsertest holds linewatch's browser tests: it builds whole
// sites with the real Builder, serves them on loopback and drives a real
// headless Chromium over them, checking what only a browser can see
// (issue 4 item 8, issue 6 item 1). The package has no code of its own
// outside its tests; this file is its documentation.
//
// # What is checked
//
// Every page type (home, prefecture list, a prefecture with records and
// one without, an agency with services and one without, national, status,
// category, timeline, a free page, search, open data, 404), in English
// and Japanese, of two sites: the shipped content/ and a held-out fixture
// of another shape (testdata/subpath.txtar: published under the sub-path
// /linewatch/, mostly empty prefectures, a record without services, a
// free page, Japanese-only bodies), and page 2 of every list split into
// pages that the site has (the held-out site is built with one row and
// one event a page, so its short lists have one; a run where neither site
// has a page 2 fails, since then no pager was checked). For each page:
//
//   - axe-core, injected into the loaded page and limited to the tags
//     wcag2a, wcag2aa, wcag21a and wcag21aa, reports no violation; each
//     page's count of passed rules and violations is logged;
//   - no request goes to another origin than the test server's, every
//     asset the page asks for exists, no script throws, and the page's
//     own Content-Security-Policy blocks nothing it ships;
//   - at a 320 CSS px wide viewport the document is no wider than the
//     viewport (a wide table may scroll inside its own container).
//
// Search (/search/) finds a known record by its English and its Japanese
// name as one types. A hostile site (testdata/hostile.txtar) puts markup
// and javascript: links into every string field; loading its pages and
// searching for its record must run no script and open no dialog, both
// with the site's own Content-Security-Policy and with it bypassed, so
// that escaping alone is shown to hold.
//
// TestHarnessCatches runs every check on handmade pages with known faults
// (a request to another origin, a missing image, a script that throws, an
// alert, an element 600 px wide, an image without alt text, an inline
// style under a strict policy), so a check that stopped working would
// fail there rather than pass everywhere.
//
// # Running
//
// The tests need a Chromium and axe-core, so they are off unless the
// environment says where they are:
//
//	LINEWATCH_BROWSER      path of the browser (scripts/test sets /usr/bin/chromium);
//	                       unset: every test here skips, so plain `go test ./...`
//	                       works on a machine without a browser; set: a browser
//	                       that does not start fails the tests
//	LINEWATCH_AXE          path of axe.min.js; default tests/node_modules/axe-core/axe.min.js
//	                       (scripts/test installs it with npm ci --prefix tests)
//	LINEWATCH_SCREENSHOTS  a folder; when set, PNGs of the home and an agency page
//	                       in both languages at 1200 and 320 px are written there
//
// scripts/test installs Debian's chromium and axe-core when they are
// missing and runs this package with LINEWATCH_BROWSER set.
//
// # Why chromedp
//
// The driver is github.com/chromedp/chromedp, which speaks the Chrome
// DevTools Protocol from Go over a pipe to the browser it starts. It keeps
// the browser tests inside `go test` with the one toolchain the project
// already has: the sites are built in-process with generator.New, served
// with net/http/httptest, and the checks are ordinary Go tests with
// t.Run, t.Skip and the usual output. Its only dependencies are its
// protocol bindings (cdproto) and a JSON package. playwright-core would
// need Node's test runner beside Go's, a second language for the tests
// and a bridge to hand it the built sites; Node stays only as the npm
// client that fetches axe-core, a plain JavaScript file read from disk.
//
// The browser runs with --headless --no-sandbox --disable-gpu
// --disable-quic --no-first-run --disable-background-networking
// --disable-component-update --disable-sync and a fresh --user-data-dir,
// so that the browser itself makes no request the tests would have to
// tell apart from the pages' own. Timeouts are generous (a minute per
// page) and nothing asserts on time, so a loaded two-core machine makes
// the tests slower, not flaky.
package browsertest
