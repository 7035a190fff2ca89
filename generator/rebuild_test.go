package generator_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/generator"
	"linewatch/generator/internal/sitetest"
)

// TestRebuildEqualsBuild runs a scripted series of edits through
// Builder.Rebuild and checks after each that the output is byte-for-byte
// what a fresh full build of the same files publishes, and that only the
// pages that depend on the edit were executed (Hugo's rebuild tests check
// the same two things).
func TestRebuildEqualsBuild(t *testing.T) {
	src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	out := filepath.Join(t.TempDir(), "public")
	b, err := generator.New(generator.Config{SourceDir: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	total := first.Pages

	osaka := "content/agencies/osaka/osaka-city.md"
	steps := []struct {
		name string
		edit func() []string // changes files, returns the paths the watcher would report
		most int             // at most this many pages executed; -1: every page; -2: any number
		want string          // a line the output must now hold: "file: text"
	}{
		{"status edited", func() []string {
			replace(t, src, osaka, `status = "suspended"`, `status = "resumed"`)
			return []string{osaka}
		}, 16, "agencies/osaka-city/index.html: Resumed"},
		{"japanese body edited", func() []string {
			write(t, src, "content/agencies/osaka/osaka-city.ja.md", "新しい本文。\n")
			return []string{"content/agencies/osaka/osaka-city.ja.md"}
		}, 12, "ja/agencies/osaka-city/index.html: 新しい本文。"},
		{"record added in a new folder", func() []string {
			write(t, src, "content/agencies/kyoto/kyoto-city.md", kyoto(recordOf(t, src, osaka)))
			return []string{"content/agencies/kyoto/kyoto-city.md"}
		}, 16, "prefectures/kyoto/index.html: Kyoto City"},
		{"event edited", func() []string {
			replace(t, src, "content/events/2021-03-18-request.md", "Body.", "A new event body.")
			return []string{"content/events/2021-03-18-request.md"}
		}, 6, "timeline/index.html: A new event body."},
		{"event now names another agency", func() []string {
			replace(t, src, "content/events/2021-03-18-request.md", `agencies = ["mic"]`, `agencies = ["mic", "osaka-city"]`)
			return []string{"content/events/2021-03-18-request.md"}
		}, 8, "agencies/osaka-city/index.html: MIC asks local governments"},
		{"event no longer names it", func() []string {
			replace(t, src, "content/events/2021-03-18-request.md", `agencies = ["mic", "osaka-city"]`, `agencies = ["mic"]`)
			return []string{"content/events/2021-03-18-request.md"}
		}, 8, "timeline/index.html: A new event body."},
		{"record deleted", func() []string {
			remove(t, src, "content/agencies/kyoto/kyoto-city.md")
			return []string{"content/agencies/kyoto/kyoto-city.md"}
		}, 14, "prefectures/kyoto/index.html: Kyoto"},
		{"page edited", func() []string {
			replace(t, src, "content/pages/about.md", "About this site.", "All about it.")
			return []string{"content/pages/about.md"}
		}, 4, "about/index.html: All about it."},
		{"site.toml edited", func() []string {
			replace(t, src, "site.toml", `title = "Test site"`, `title = "Renamed site"`)
			return []string{"site.toml"}
		}, -1, "national/index.html: Renamed site"},
		{"layout added", func() []string {
			write(t, src, "layouts/page.html", `{{define "title"}}{{.Title.S}}{{end}}{{define "main"}}<h1>{{.Title.S}}</h1><p>own layout</p>{{end}}`)
			return []string{"layouts/page.html"}
		}, -1, "about/index.html: own layout"},
		{"nothing changed", func() []string { return nil }, 0, "index.html: Renamed site"},
		{"a tool's temporary file came and went", func() []string {
			return []string{"content/agencies/osaka/sedX1b2c3", "content/notes.txt"}
		}, 0, "index.html: Renamed site"},
		{"a folder renamed", func() []string {
			if err := os.Rename(filepath.Join(src, "content/agencies/osaka"), filepath.Join(src, "content/agencies/kansai")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/agencies/osaka"}
		}, -2, "agencies/osaka-city/index.html: Osaka City"},
	}
	for _, st := range steps {
		res, err := b.Rebuild(st.edit())
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.most < 0 && res.Rendered != res.Pages {
			t.Errorf("%s: executed %d of %d pages, want all", st.name, res.Rendered, res.Pages)
		}
		if st.most >= 0 && (res.Rendered > st.most || (st.most > 0 && res.Rendered >= total)) {
			t.Errorf("%s: executed %d of %d pages, want at most %d", st.name, res.Rendered, res.Pages, st.most)
		}
		sameAsFullBuild(t, st.name, src, out)
		file, text, _ := strings.Cut(st.want, ": ")
		if data, err := os.ReadFile(filepath.Join(out, file)); err != nil || !strings.Contains(string(data), text) {
			t.Errorf("%s: %s lacks %q (err %v)", st.name, file, text, err)
		}
	}
}

// TestRebuildAfterBrokenContent breaks a record, edits another while the
// site is broken, then fixes the first: the output stays the last good one
// meanwhile, and the fix publishes both edits.
func TestRebuildAfterBrokenContent(t *testing.T) {
	src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	out := filepath.Join(t.TempDir(), "public")
	b, err := generator.New(generator.Config{SourceDir: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	osaka := "content/agencies/osaka/osaka-city.md"
	replace(t, src, osaka, `status = "suspended"`, `status = "suspend"`)
	_, err = b.Rebuild([]string{osaka})
	var ce *generator.ContentError
	if !errors.As(err, &ce) || !strings.Contains(ce.Diags.String(), osaka) {
		t.Fatalf("broken record: %v", err)
	}
	mic := "content/agencies/national/mic.toml"
	replace(t, src, mic, `name = "Ministry of Internal Affairs and Communications"`, `name = "MIC, renamed"`)
	if _, err := b.Rebuild([]string{mic}); !errors.As(err, &ce) {
		t.Fatalf("still broken: %v", err)
	}
	if after := readTree(t, out); !equalTrees(before, after) {
		t.Error("a failed rebuild changed the output")
	}
	replace(t, src, osaka, `status = "suspend"`, `status = "suspended"`)
	if _, err := b.Rebuild([]string{osaka}); err != nil {
		t.Fatalf("fixed: %v", err)
	}
	sameAsFullBuild(t, "after the fix", src, out)
	if data := readTree(t, out)["agencies/mic/index.html"]; !strings.Contains(data, "MIC, renamed") {
		t.Error("the edit made while broken was lost")
	}
}

// TestRebuildPaginated splits every list into pages of one row (and the
// timeline into pages of one event), so that each edit moves rows between
// pages, adds pages or removes them, and checks after each that the
// rebuild publishes what a fresh full build does: a page whose rows merely
// shifted is re-executed, and the files of a page that vanished are gone.
func TestRebuildPaginated(t *testing.T) {
	src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	cfg := generator.Config{SourceDir: src, Out: filepath.Join(t.TempDir(), "public"), RowsPerPage: 1, EventsPerPage: 1}
	b, err := generator.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	osaka := "content/agencies/osaka/osaka-city.md"
	abeno := "content/agencies/osaka/abeno-ward.md"
	steps := []struct {
		name string
		edit func() []string // changes files, returns the paths the watcher would report
		want []string        // "file: text" the output must hold; "! file" must not exist
	}{
		// Suspended: mic, osaka-city, one a page; abeno-ward sorts first
		// and pushes both down a page, onto a new page 3.
		{"a record joins the front of a list", func() []string {
			write(t, src, abeno, strings.NewReplacer("Osaka City", "Abeno Ward", "大阪市", "阿倍野区", `code = "271004"`, "").Replace(recordOf(t, src, osaka)))
			return []string{abeno}
		}, []string{
			"status/suspended/index.html: Abeno Ward",
			"status/suspended/page/2/index.html: Ministry of Internal Affairs",
			"status/suspended/page/3/index.html: Osaka City",
			"ja/status/suspended/page/3/index.html: 3ページ中3ページ目",
			"prefectures/osaka/page/2/index.html: Osaka City",
			"ja/prefectures/osaka/page/2/index.html: 阿倍野区",
		}},
		// abeno-ward leaves the list: page 2 now shows osaka-city, though
		// neither it nor mic changed, and page 3 goes.
		{"a status change shifts the rest of the list", func() []string {
			replace(t, src, abeno, `status = "suspended"`, `status = "resumed"`)
			return []string{abeno}
		}, []string{
			"status/suspended/index.html: Ministry of Internal Affairs",
			"status/suspended/page/2/index.html: Osaka City",
			"! status/suspended/page/3/index.html",
			"! ja/status/suspended/page/3/index.html",
			"status/resumed/index.html: Abeno Ward",
		}},
		// An earlier event takes page 1 of the timeline; the agency page
		// links the old one on its new page.
		{"an event added before the others", func() []string {
			ev := "content/events/2021-03-01-earlier.md"
			write(t, src, ev, strings.NewReplacer("2021-03-18", "2021-03-01", "MIC asks", "Earlier, MIC asks").Replace(recordOf(t, src, "content/events/2021-03-18-request.md")))
			return []string{ev}
		}, []string{
			"timeline/index.html: Earlier, MIC asks",
			"timeline/page/2/index.html: </time>: MIC asks",
			"agencies/mic/index.html: /timeline/page/2/#event-2021-03-18-request",
		}},
		// A rename moves osaka-city before abeno-ward in English order.
		{"a rename reorders a prefecture's pages", func() []string {
			replace(t, src, osaka, `name = "Osaka City"`, `name = "A Osaka City"`)
			return []string{osaka}
		}, []string{
			"prefectures/osaka/index.html: A Osaka City",
			"prefectures/osaka/page/2/index.html: Abeno Ward",
		}},
		{"a record deleted removes a page", func() []string {
			remove(t, src, abeno)
			return []string{abeno}
		}, []string{
			"prefectures/osaka/index.html: A Osaka City",
			"! prefectures/osaka/page/2/index.html",
			"! ja/prefectures/osaka/page/2/index.html",
		}},
		{"nothing changed", func() []string { return nil }, nil},
	}
	for _, st := range steps {
		res, err := b.Rebuild(st.edit())
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if res.Rendered >= res.Pages {
			t.Errorf("%s: executed all %d pages", st.name, res.Pages)
		}
		sameAsFullBuildWith(t, st.name, cfg)
		for _, w := range st.want {
			if file, ok := strings.CutPrefix(w, "! "); ok {
				if _, err := os.Stat(filepath.Join(cfg.Out, file)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s: %s should be gone (err %v)", st.name, file, err)
				}
				continue
			}
			file, text, _ := strings.Cut(w, ": ")
			if data, err := os.ReadFile(filepath.Join(cfg.Out, file)); err != nil || !strings.Contains(string(data), text) {
				t.Errorf("%s: %s lacks %q (err %v)", st.name, file, text, err)
			}
		}
	}
}

// sameAsFullBuild builds src from scratch elsewhere and compares.
func sameAsFullBuild(t *testing.T, step, src, out string) {
	t.Helper()
	sameAsFullBuildWith(t, step, generator.Config{SourceDir: src, Out: out})
}

// sameAsFullBuildWith builds cfg's site from scratch elsewhere, with the
// same options, and compares the result with cfg.Out.
func sameAsFullBuildWith(t *testing.T, step string, cfg generator.Config) {
	t.Helper()
	out := cfg.Out
	fresh := filepath.Join(t.TempDir(), "public")
	cfg.Out = fresh
	b, err := generator.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatalf("%s: full build: %v", step, err)
	}
	got, want := readTree(t, out), readTree(t, fresh)
	for name := range want {
		if got[name] != want[name] {
			t.Errorf("%s: %s differs from a full build", step, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is left over; a full build has no such file", step, name)
		}
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// kyoto turns the Osaka City record into one for Kyoto City, without a code.
func kyoto(record string) string {
	return strings.NewReplacer("Osaka City", "Kyoto City", `prefecture = "osaka"`, `prefecture = "kyoto"`, `code = "271004"`, "").Replace(record)
}

// siteDir writes the site of a txtar archive (every file but its want/
// sections) into a new temporary folder and returns the folder.
func siteDir(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	_, files := sitetest.Parse(archive)
	for _, f := range files {
		if !strings.HasPrefix(f.Name, "want/") {
			write(t, dir, f.Name, f.Data)
		}
	}
	return dir
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replace(t *testing.T, dir, name, old, new string) {
	t.Helper()
	data := recordOf(t, dir, name)
	if !strings.Contains(data, old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	write(t, dir, name, strings.Replace(data, old, new, 1))
}

func recordOf(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func remove(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}
