package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// tab is one browser tab with a record of what its pages did: every
// request, every asset that failed, every uncaught exception and every
// dialog. The record is kept from the first event of the tab, through a
// listener registered before the tab opens, so nothing is missed.
type tab struct {
	ctx context.Context

	mu       sync.Mutex
	requests []string // every URL requested, in order
	failures []string // assets (not the page itself) that failed or answered >= 400
	errors   []string // uncaught exceptions
	dialogs  []string // alert, confirm, prompt: each also dismissed
}

// cspRecorder runs in every document before the page's own scripts and
// keeps each Content-Security-Policy violation, so a test can tell when
// the site's own policy blocks something the site ships (an inline style,
// a script) as well as when it blocks an attack.
const cspRecorder = `window.__linewatchCSP = [];
document.addEventListener('securitypolicyviolation', e => {
	window.__linewatchCSP.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
		' at ' + (e.sourceFile || '?') + ':' + e.lineNumber + (e.sample ? ' (' + e.sample + ')' : ''));
});`

// openTab opens a tab in the browser of ctx; the tab closes when the test
// ends. bypassCSP turns the pages' Content-Security-Policy off, for tests
// that must show a defence holds without it.
func openTab(t *testing.T, browser context.Context, bypassCSP bool) *tab {
	t.Helper()
	tb := &tab{}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	tb.ctx = ctx
	// The first Do opens the tab and binds its event loop to the context
	// it is given, so it gets the tab's own context; the wait is bounded
	// here instead.
	opened := make(chan error, 1)
	go func() { opened <- chromedp.Do(ctx) }()
	select {
	case err := <-opened:
		if err != nil {
			t.Fatalf("open tab: %v", err)
		}
	case <-time.After(pageTimeout):
		t.Fatalf("open tab: no answer in %v", pageTimeout)
	}
	setup, cancelSetup := context.WithTimeout(ctx, pageTimeout)
	defer cancelSetup()
	if _, err := chromedp.Call(setup, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder}); err != nil {
		t.Fatalf("add the CSP recorder: %v", err)
	}
	if bypassCSP {
		if _, err := chromedp.Call(setup, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
			t.Fatalf("bypass CSP: %v", err)
		}
	}
	// A cache would hide requests from the record on a reload.
	if _, err := chromedp.Call(setup, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatalf("disable the cache: %v", err)
	}
	go tb.dismissDialogs()
	return tb
}

// listen runs in the tab's event loop: it only records.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.requests = append(tb.requests, ev.Request.URL)
	case *network.EventResponseReceived:
		// The browser, not the page, asks for /favicon.ico at the origin's
		// root, where a site published under a sub-path has no say.
		if ev.Type != network.ResourceTypeDocument && ev.Response.Status >= 400 && !strings.HasSuffix(ev.Response.URL, "/favicon.ico") {
			tb.failures = append(tb.failures, fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		if ev.Type != network.ResourceTypeDocument && !ev.Canceled {
			tb.failures = append(tb.failures, fmt.Sprintf("%s (%s)", ev.ErrorText, ev.Type))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text = d.Exception.Description
		}
		tb.errors = append(tb.errors, fmt.Sprintf("%s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text))
	case *page.EventJavascriptDialogOpening:
		tb.dialogs = append(tb.dialogs, fmt.Sprintf("%s %q", ev.Type, ev.Message))
	}
}

// dismissDialogs closes every dialog the page opens, so that a page that
// manages to call alert() does not hang the test: the dialog is recorded
// by listen and reported by problems.
func (tb *tab) dismissDialogs() {
	for _, err := range chromedp.Events(tb.ctx, page.JavascriptDialogOpening) {
		if err != nil {
			return
		}
		chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

// reset forgets what earlier pages did.
func (tb *tab) reset() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.requests, tb.failures, tb.errors, tb.dialogs = nil, nil, nil, nil
}

// load sets the viewport width and loads url, waiting for its load event.
func (tb *tab) load(t *testing.T, url string, width int64) {
	t.Helper()
	tb.reset()
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(url)); err != nil {
		t.Fatalf("load %s at %d px: %v", url, width, err)
	}
}

// eval evaluates a JavaScript expression in the page, awaiting a promise,
// and decodes its value.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.60q: %v", expr, err)
	}
	return v
}

// offOrigin lists every request the page made to another origin than
// the server's. data: and blob: URLs stay in the page.
func (tb *tab) offOrigin(origin string) []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.requests) == 0 {
		return []string{"no request recorded: the network record is not working"}
	}
	var out []string
	for _, raw := range tb.requests {
		u, err := url.Parse(raw)
		if err != nil {
			out = append(out, fmt.Sprintf("request to an unparsable URL %q", raw))
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if got := u.Scheme + "://" + u.Host; got != origin {
			out = append(out, fmt.Sprintf("request to another origin: %s (the site's origin is %s)", raw, origin))
		}
	}
	return out
}

// problems lists every asset that failed to load, every uncaught
// exception, every dialog and every Content-Security-Policy violation
// since the last load.
func (tb *tab) problems(t *testing.T) []string {
	t.Helper()
	csp := eval[[]string](t, tb, `window.__linewatchCSP || []`)
	out := tb.broken()
	for _, v := range csp {
		out = append(out, "Content-Security-Policy violation: "+v)
	}
	return out
}

// broken is problems without the CSP record, which takes a call into the
// page: what the event listener saw since the last load.
func (tb *tab) broken() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, f := range tb.failures {
		out = append(out, "asset failed: "+f)
	}
	for _, e := range tb.errors {
		out = append(out, "uncaught exception: "+e)
	}
	for _, d := range tb.dialogs {
		out = append(out, "dialog opened: "+d)
	}
	return out
}

// check fails the test for every request to another origin and every
// problem of the page loaded last.
func (tb *tab) check(t *testing.T, origin string) {
	t.Helper()
	for _, p := range append(tb.offOrigin(origin), tb.problems(t)...) {
		t.Error(p)
	}
}
