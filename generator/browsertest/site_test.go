package browsertest

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/generator"
	"linewatch/generator/internal/sitetest"
	"linewatch/generator/model"
)

// site is a built site served on loopback.
type site struct {
	name   string      // "shipped", "subpath", "hostile": names subtests and screenshots
	out    string      // the output folder
	origin string      // the test server's origin, "http://127.0.0.1:PORT"
	base   string      // the path the site is mounted at: "/" or "/linewatch/"
	model  *model.Site // what was built, to pick the pages to visit
}

// URL returns the address of a page given by its path below the site root
// ("ja/agencies/x/").
func (s *site) URL(rel string) string {
	return s.origin + s.base + rel
}

// exists reports whether the build wrote the output file rel.
func (s *site) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(s.out, filepath.FromSlash(rel)))
	return err == nil
}

// serveShipped builds the repository's own site.toml and content/.
func serveShipped(t *testing.T) *site {
	t.Helper()
	root := repoRoot(t)
	return serve(t, "shipped", generator.Config{Source: os.DirFS(root), SourceDir: root})
}

// serveFixture builds a txtar fixture from testdata.
func serveFixture(t *testing.T, name string) *site {
	t.Helper()
	return serveFixtureWith(t, name, generator.Config{})
}

// serveFixtureWith builds a txtar fixture from testdata with the options
// of cfg (page sizes, say); its Source is the fixture.
func serveFixtureWith(t *testing.T, name string, cfg generator.Config) *site {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Source, _ = sitetest.Split(string(data))
	return serve(t, name, cfg)
}

// serve builds a site into a temporary folder with the real Builder and
// serves it with httptest under the path of its base_url, as a static
// host would: files as they are, and 404.html (ja/404.html for paths under
// /ja/, when there is one) with status 404 for anything missing.
func serve(t *testing.T, name string, cfg generator.Config) *site {
	t.Helper()
	cfg.Out = filepath.Join(t.TempDir(), "public")
	b, err := generator.New(cfg)
	if err != nil {
		t.Fatalf("%s: new builder: %v", name, err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatalf("%s: build: %v", name, err)
	}
	in, err := b.Check()
	if err != nil {
		t.Fatalf("%s: check: %v", name, err)
	}
	s := &site{name: name, out: cfg.Out, base: "/", model: model.New(in)}
	if u, err := url.Parse(in.Config.BaseURL); err == nil {
		if p := strings.Trim(u.Path, "/"); p != "" {
			s.base = "/" + p + "/"
		}
	}
	mux := http.NewServeMux()
	mux.Handle(s.base, http.StripPrefix(strings.TrimSuffix(s.base, "/"), staticHandler(s.out)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.origin = srv.URL
	return s
}

// staticHandler serves dir like a static host, with a 404 page.
func staticHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	root := os.DirFS(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if rel == "" {
			rel = "."
		}
		info, err := fs.Stat(root, rel)
		if err == nil && info.IsDir() {
			_, err = fs.Stat(root, path.Join(rel, "index.html"))
		}
		if err == nil {
			files.ServeHTTP(w, r)
			return
		}
		page := "404.html"
		if strings.HasPrefix(rel, "ja/") {
			if _, err := fs.Stat(root, "ja/404.html"); err == nil {
				page = "ja/404.html"
			}
		}
		body, err := fs.ReadFile(root, page)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(body)
	})
}
