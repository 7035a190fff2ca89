package serve

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecorate(t *testing.T) {
	const script = `<script src="/_linewatch/reload.js" data-version="V" defer></script>` + "\n"
	box := overlay("a.md:1:2: title: missing", true)
	for _, tc := range []struct {
		name, page string
		failed     bool
		want       string
	}{
		// the script goes before the last </body>, whatever its case
		{"body", "<html><body><p>x</p></body></html>", false,
			"<html><body><p>x</p>" + script + "</body></html>"},
		{"upper case", "<HTML><BODY><P>x</P></BODY></HTML>", false,
			"<HTML><BODY><P>x</P>" + script + "</BODY></HTML>"},
		{"two closing tags", "<body><script>let s = '</body>'</script></body>", false,
			"<body><script>let s = '</body>'</script>" + script + "</body>"},
		{"no body", "<p>fragment</p>", false, "<p>fragment</p>" + script},
		{"empty", "", false, script},
		{"non-ASCII before", "<body><p>İstanbul 大阪</p></body>", false,
			"<body><p>İstanbul 大阪</p>" + script + "</body>"},

		// the box goes right after <body …>
		{"failed", "<html><body><p>x</p></body></html>", true,
			"<html><body>" + box + "<p>x</p>" + script + "</body></html>"},
		{"failed, attributes", `<body class="a" data-x='1>2'><p>x</p></body>`, true,
			`<body class="a" data-x='1>2'>` + box + "<p>x</p>" + script + "</body>"},
		{"failed, body-like element", "<bodyguard></bodyguard><BODY\n id=b><p>x</p></body>", true,
			"<bodyguard></bodyguard><BODY\n id=b>" + box + "<p>x</p>" + script + "</body>"},
		{"failed, no body", "<p>fragment</p>", true, "<p>fragment</p>" + box + script},
		{"failed, open body tag", "<body class=", true, "<body class=" + box + script},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := &state{site: site(), version: "V", failed: tc.failed}
			if tc.failed {
				st.text = "a.md:1:2: title: missing"
			}
			page := []byte(tc.page)
			got := string((&Server{}).decorate(page, st))
			if got != tc.want {
				t.Errorf("decorate(%q):\n got %q\nwant %q", tc.page, got, tc.want)
			}
			if string(page) != tc.page {
				t.Errorf("decorate changed its input to %q", page)
			}
		})
	}
}

// TestInjection checks that the script reaches every HTML page served and
// nothing else, and that the files on disk never contain it.
func TestInjection(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html": "<!doctype html><html><body><h1>Home</h1></body></html>\n",
		"404.html":   "<!doctype html><html><body><h1>Page not found</h1></body></html>\n",
		"style.css":  "body { color: black } /* </body> */\n",
		"data.json":  `{"html": "</body>"}` + "\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	_, ts := newServer(t, serving(root.FS()))

	for _, tc := range []struct {
		path   string
		inject bool
	}{
		{"/", true}, {"/index.html", true}, {"/nope", true}, {"/style.css", false}, {"/data.json", false},
	} {
		_, body := raw(t, ts, "GET", tc.path)
		if got := strings.Contains(body, `<script src="/_linewatch/reload.js"`); got != tc.inject {
			t.Errorf("GET %s: script present %v, want %v:\n%s", tc.path, got, tc.inject, body)
		}
		if tc.inject && strings.Count(body, "reload.js") != 1 {
			t.Errorf("GET %s: script injected %d times", tc.path, strings.Count(body, "reload.js"))
		}
	}
	for name, data := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != data || bytes.Contains(got, []byte("_linewatch")) {
			t.Errorf("%s changed on disk to %q", name, got)
		}
	}
}

func TestOverlay(t *testing.T) {
	const text = "content/agencies/osaka-city.md:9:10: services[1].status: unknown value \"suspend\"; did you mean \"suspended\"?\n" +
		"content/agencies/evil.md:2:1: name: <script>alert('x')</script> & </pre></details>\n"
	s, ts := newServer(t, serving(site()))
	s.Failed(text)

	resp, body := raw(t, ts, "GET", "/")
	if resp.StatusCode != 200 {
		t.Errorf("GET / while failed: %s, want the last good page with 200", resp.Status)
	}
	for _, want := range []string{
		"<h1>Home</h1>", // the last good page is still there
		`id="linewatch-error"`,
		`<link rel="stylesheet" href="/_linewatch/overlay.css">`,
		"the last good version of the site is shown below",
		"content/agencies/osaka-city.md:9:10: services[1].status: unknown value &#34;suspend&#34;; did you mean &#34;suspended&#34;?",
		"name: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;/pre&gt;&lt;/details&gt;",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("GET / while failed: body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "</pre></details>\n") {
		t.Errorf("GET / while failed: the error text is not escaped:\n%s", body)
	}
	if strings.Index(body, "linewatch-error") > strings.Index(body, "<h1>Home</h1>") {
		t.Errorf("the box comes after the page's content; it should open the body")
	}
	// The 404 page gets it too; other files do not.
	if _, body := raw(t, ts, "GET", "/nope"); !strings.Contains(body, "linewatch-error") {
		t.Errorf("GET /nope while failed: no overlay")
	}
	if _, body := raw(t, ts, "GET", "/style.css"); body != "body { color: black }\n" {
		t.Errorf("GET /style.css while failed: %q", body)
	}

	s.Built()
	if _, body := raw(t, ts, "GET", "/"); strings.Contains(body, "linewatch-error") || !strings.Contains(body, "reload.js") {
		t.Errorf("GET / after Built: overlay still there or script gone:\n%s", body)
	}
}

// TestNoSite: before the first good build every URL gets a notice, with
// the errors if the build failed, that reloads once a build succeeds.
func TestNoSite(t *testing.T) {
	s, ts := newServer(t, nil)
	resp, body := raw(t, ts, "GET", "/agencies/osaka/")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "No build of this site has succeeded yet") ||
		!strings.Contains(body, "reload.js") {
		t.Errorf("GET before any site: %s\n%s", resp.Status, body)
	}
	s.Failed("site.toml:1:1: title: missing")
	_, body = raw(t, ts, "GET", "/")
	for _, want := range []string{"site.toml:1:1: title: missing", "no build has succeeded yet"} {
		if !strings.Contains(body, want) {
			t.Errorf("GET / with no site, failed: body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "last good version") {
		t.Errorf("GET / with no site: speaks of a last good version that does not exist")
	}
	s.SetSite(site())
	s.Built()
	if resp, body := raw(t, ts, "GET", "/"); resp.StatusCode != 200 || !strings.Contains(body, "<h1>Home</h1>") {
		t.Errorf("GET / after the first build: %s\n%s", resp.Status, body)
	}
}

// TestReloadScript guards the promises of reload.js that matter for
// safety: no innerHTML (the error text is untrusted), textContent, the
// same box as the server's, a way back after a restart.
func TestReloadScript(t *testing.T) {
	_, ts := newServer(t, nil)
	_, js := raw(t, ts, "GET", "/_linewatch/reload.js")
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(js, bad) {
			t.Errorf("reload.js uses %s", bad)
		}
	}
	for _, want := range []string{
		"new EventSource(", `"/_linewatch/events"`, `addEventListener("reload"`, `addEventListener("error"`,
		`addEventListener("ok"`, "textContent", "linewatch-error", "location.reload()", "setTimeout(connect",
		"the last good version of the site is shown below",
	} {
		if !strings.Contains(js, want) {
			t.Errorf("reload.js lacks %q", want)
		}
	}
	_, css := raw(t, ts, "GET", "/_linewatch/overlay.css")
	if !strings.Contains(css, ".linewatch-error") || !strings.Contains(css, "position: fixed") {
		t.Errorf("overlay.css: %q", css)
	}
}
