package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func TestContentTypes(t *testing.T) {
	_, ts := newServer(t, serving(site()))
	for _, tc := range []struct{ path, want string }{
		{"/", "text/html; charset=utf-8"},
		{"/fragment.html", "text/html; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/search.js", "text/javascript; charset=utf-8"},
		{"/data/agencies.json", "application/json"},
		{"/data/services.csv", "text/csv; charset=utf-8"},
		{"/feed.xml", "application/xml; charset=utf-8"},
		{"/sitemap.xml", "application/xml; charset=utf-8"},
		{"/robots.txt", "text/plain; charset=utf-8"},
		{"/logo.svg", "image/svg+xml"},
		{"/logo.png", "image/png"},
		{"/font.woff2", "font/woff2"},
		{"/SHA256SUMS", "application/octet-stream"},
		{"/_linewatch/reload.js", "text/javascript; charset=utf-8"},
		{"/_linewatch/overlay.css", "text/css; charset=utf-8"},
	} {
		resp, _ := raw(t, ts, "GET", tc.path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", tc.path, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.want {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.want)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", tc.path, got)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tc.path, got)
		}
	}
}

func TestPaths(t *testing.T) {
	_, ts := newServer(t, serving(site()))
	for _, tc := range []struct {
		path     string
		status   int
		location string // for redirects
		body     string // contained in the body
	}{
		{"/", 200, "", "<h1>Home</h1>"},
		{"/index.html", 200, "", "<h1>Home</h1>"},
		{"/ja/", 200, "", "<h1>ホーム</h1>"},
		{"/agencies/osaka/", 200, "", "<h1>Osaka City</h1>"},
		{"/agencies/osaka/index.html", 200, "", "<h1>Osaka City</h1>"},
		{"/style.css", 200, "", "color: black"},

		// a folder without its slash: relative links need the slash
		{"/ja", 301, "/ja/", ""},
		{"/agencies/osaka", 301, "/agencies/osaka/", ""},
		{"/agencies/osaka?lang=en", 301, "/agencies/osaka/?lang=en", ""},

		// misses get the site's own 404 page
		{"/nope", 404, "", "<h1>Page not found</h1>"},
		{"/nope/", 404, "", "<h1>Page not found</h1>"},
		{"/agencies/", 404, "", "<h1>Page not found</h1>"}, // a folder without index.html: no listing
		{"/style.css/", 404, "", "<h1>Page not found</h1>"},
		{"/index.html/x", 404, "", "<h1>Page not found</h1>"},
		{"/_linewatch/nope", 404, "", "404 page not found"},
	} {
		resp, body := raw(t, ts, "GET", tc.path)
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if got := resp.Header.Get("Location"); got != tc.location {
			t.Errorf("GET %s: Location %q, want %q", tc.path, got, tc.location)
		}
		if !strings.Contains(body, tc.body) {
			t.Errorf("GET %s: body lacks %q:\n%s", tc.path, tc.body, body)
		}
	}
}

func TestNotFoundWithout404Page(t *testing.T) {
	fsys := site()
	delete(fsys, "404.html")
	_, ts := newServer(t, serving(fsys))
	resp, body := raw(t, ts, "GET", "/nope")
	if resp.StatusCode != 404 || body != "404 page not found\n" {
		t.Errorf("GET /nope: %d %q, want 404 and a line of text", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
}

func TestMethods(t *testing.T) {
	_, ts := newServer(t, serving(site()))
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		for _, path := range []string{"/", "/nope", "/_linewatch/events"} {
			resp, _ := raw(t, ts, m, path, "Content-Length: 0")
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q; want 405, Allow \"GET, HEAD\"", m, path, resp.StatusCode, resp.Header.Get("Allow"))
			}
		}
	}
	// HEAD: the headers of GET, no body.
	for _, path := range []string{"/", "/style.css", "/nope", "/ja", "/_linewatch/reload.js", "/_linewatch/events"} {
		get, getBody := &http.Response{StatusCode: 200, ContentLength: -1}, ""
		if path != "/_linewatch/events" { // a stream never ends
			get, getBody = raw(t, ts, "GET", path+"?head")
		}
		head, headBody := raw(t, ts, "HEAD", path+"?head")
		if head.StatusCode != get.StatusCode || headBody != "" {
			t.Errorf("HEAD %s: %d with %d bytes, want %d and none", path, head.StatusCode, len(headBody), get.StatusCode)
		}
		if get.ContentLength >= 0 && head.ContentLength != int64(len(getBody)) {
			t.Errorf("HEAD %s: Content-Length %d, GET has %d bytes", path, head.ContentLength, len(getBody))
		}
	}
	// Ranges work on files as on pages.
	resp, body := raw(t, ts, "GET", "/style.css", "Range: bytes=0-3")
	if resp.StatusCode != http.StatusPartialContent || body != "body" {
		t.Errorf("GET /style.css bytes=0-3: %d %q, want 206 \"body\"", resp.StatusCode, body)
	}
}

// TestTraversal serves a real folder through os.Root, as linewatch serve
// does, with a secret beside it and symlinks pointing at it.
func TestTraversal(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	const secret = "TOP SECRET, outside the site"
	for name, data := range map[string]string{
		"secret.txt":             secret,
		"public/index.html":      "<html><body><h1>Home</h1></body></html>",
		"public/404.html":        "<html><body><h1>Page not found</h1></body></html>",
		"public/a/index.html":    "<html><body>a</body></html>",
		"public/%2e%2e/note.txt": "a folder really named %2e%2e is inside the site",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"public/leak.txt":  "../secret.txt",                  // relative, out of the site
		"public/abs.txt":   filepath.Join(dir, "secret.txt"), // absolute
		"public/up":        "..",                             // a folder out of the site
		"public/home.html": "index.html",                     // inside: allowed
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skipf("symlinks: %v", err)
		}
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })

	var mu sync.Mutex
	var logged []string
	s := New(Options{Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, format)
	}})
	s.SetSite(root.FS())
	ts := httptestServer(t, s)

	for _, target := range []string{
		"/../secret.txt",
		"/../etc/passwd",
		"/../../../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/%2e%2e%2fsecret.txt",
		"/..%2f..%2fsecret.txt",
		"/..%2f..%2f..%2fetc%2fpasswd",
		"/%252e%252e/secret.txt",
		"/%252e%252e%252fsecret.txt",
		"/a/..%5c..%5csecret.txt",
		"/a/%5c..%5csecret.txt",
		"/..%5csecret.txt",
		"/a/../../secret.txt",
		"/a/../index.html", // stays inside, but a path has one spelling
		"/./index.html",
		"/..",
		"/%2e%2e",
		"//etc/passwd",
		"/index.html%00",
		"/%00/../secret.txt",
		"/leak.txt",
		"/abs.txt",
		"/up/secret.txt",
		"/up/public/index.html",
		"/up",
		"/up/",
	} {
		resp, body := raw(t, ts, "GET", target)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, resp.StatusCode)
		}
		if strings.Contains(body, "SECRET") || strings.Contains(body, "root:") {
			t.Errorf("GET %s: leaked %q", target, body)
		}
		if !strings.Contains(body, "Page not found") {
			t.Errorf("GET %s: not the site's 404 page: %q", target, body)
		}
	}
	// Links inside the site and odd but honest names still work.
	for target, want := range map[string]string{
		"/home.html":           "<h1>Home</h1>",
		"/%252e%252e/note.txt": "really named",
	} {
		resp, body := raw(t, ts, "GET", target)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d %q, want 200 with %q", target, resp.StatusCode, body, want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) == 0 {
		t.Errorf("symlinks out of the site were refused without a word to the operator")
	}
}

// TestSiteSwap serves while sites are swapped and builds succeed and fail,
// for the race detector.
func TestSiteSwap(t *testing.T) {
	s, ts := newServer(t, nil)
	a, b := site(), site()
	b["index.html"] = &fstest.MapFile{Data: []byte("<html><body>B</body></html>")}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			s.SetSite([]fstest.MapFS{a, b}[i%2])
			if i%3 == 0 {
				s.Failed("x.md:1:1: title: missing")
			} else {
				s.Built()
			}
		}
	}()
	for range 20 {
		resp, err := ts.Client().Get(ts.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 && resp.StatusCode != 503 {
			t.Errorf("GET /: %s", resp.Status)
		}
	}
	<-done
}
