package browsertest

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// harnessPages are handmade pages with known faults, to show that every
// check of this package can fail: a harness that reports nothing on a
// broken page would let a broken site pass.
var harnessPages = map[string]string{
	"/clean.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Clean</title></head>
<body><main><h1>Clean</h1><p>Nothing wrong here.</p></main></body></html>`,

	"/faults.html": `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Faults</title></head>
<body><main><h1>Faults</h1>
<img src="/missing.png">
<img src="http://other.invalid/tracker.png" alt="">
<div style="width:600px">wider than a phone</div>
<script>alert("hello")</script>
<script>throw new Error("boom")</script>
</main></body></html>`,

	// A search page that lists a record when its English or Japanese
	// name is typed, to show that typing, Japanese included, reaches a
	// page's input handler.
	"/search/": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head>
<body><main><h1>Search</h1><label for="q">Name</label><input id="q" type="search"><ul id="out"></ul>
<script>
document.getElementById('q').addEventListener('input', e => {
	const v = e.target.value, out = document.getElementById('out');
	out.innerHTML = '';
	if (v === 'Osaka City' || v === '大阪市') {
		const a = document.createElement('a');
		a.href = '/agencies/osaka-city/';
		a.textContent = v;
		out.append(a);
	}
});
</script></main></body></html>`,

	"/csp.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'"><title>CSP</title></head>
<body><main><h1>CSP</h1><p style="color: red">styled inline</p><script>window.__inline = 1</script></main></body></html>`,
}

// TestHarnessCatches loads the handmade pages and checks that each fault
// is reported by the check meant to catch it, and that a clean page
// passes them all.
func TestHarnessCatches(t *testing.T) {
	browser := startBrowser(t)
	axe := axeSource(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := harnessPages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	tb := openTab(t, browser, false)

	t.Run("clean", func(t *testing.T) {
		tb.load(t, srv.URL+"/clean.html", phoneWidth)
		for _, p := range append(tb.offOrigin(srv.URL), tb.problems(t)...) {
			t.Errorf("clean page: %s", p)
		}
		if msg := overflow(t, tb); msg != "" {
			t.Errorf("clean page: %s", msg)
		}
		if res := runAxe(t, tb, axe); len(res.Violations) > 0 || res.Passes == 0 {
			t.Errorf("clean page: axe %s%s", res, res.report())
		}
	})

	t.Run("faults", func(t *testing.T) {
		tb.load(t, srv.URL+"/faults.html", phoneWidth)
		wantSome(t, "requests to another origin", tb.offOrigin(srv.URL), "other.invalid/tracker.png")
		problems := tb.problems(t)
		wantSome(t, "problems", problems, "404 "+srv.URL+"/missing.png", "uncaught exception", "boom", `dialog opened: alert "hello"`)
		if msg := overflow(t, tb); !strings.Contains(msg, "div") {
			t.Errorf("overflow = %q, want the 600 px div named", msg)
		}
		res := runAxe(t, tb, axe)
		var ids []string
		for _, v := range res.Violations {
			ids = append(ids, v.ID)
		}
		for _, id := range []string{"html-has-lang", "image-alt"} {
			if !slices.Contains(ids, id) {
				t.Errorf("axe violations = %v, want %s among them", ids, id)
			}
		}
		if eval[bool](t, tb, `typeof window.__linewatchCSP === 'object'`) == false {
			t.Errorf("the CSP recorder is not installed")
		}
	})

	t.Run("typing", func(t *testing.T) {
		s := &site{name: "harness", origin: srv.URL, base: "/"}
		for _, query := range []string{"Osaka City", "大阪市"} {
			search(t, tb, s, "", query, "agencies/osaka-city/")
		}
	})

	t.Run("csp", func(t *testing.T) {
		tb.load(t, srv.URL+"/csp.html", phoneWidth)
		wantSome(t, "problems", tb.problems(t), "Content-Security-Policy violation: style-src", "Content-Security-Policy violation: script-src")
		if eval[bool](t, tb, `window.__inline === 1`) {
			t.Errorf("the page's CSP did not block its inline script")
		}
	})
}

// wantSome fails unless every want is a substring of some line of got.
func wantSome(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("%s do not mention %q; got:\n%s", what, w, all)
		}
	}
}
