package generator_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/bench/corpus"
	"linewatch/generator"
)

// TestBuildFromPriorEqualsBuild runs the edits of TestRebuildEqualsBuild
// through a new Builder's BuildUnlessFresh each time, as `linewatch build`
// runs in a new process after each edit: each build starts from what the
// last one saved (its stamp and what each page read), executes only the
// pages that depend on the edit, and publishes byte for byte what a full
// build of the same files publishes.
func TestBuildFromPriorEqualsBuild(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	out := filepath.Join(t.TempDir(), "public")
	build := func() (generator.Result, error) {
		b, err := generator.New(generator.Config{SourceDir: src, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		return b.BuildUnlessFresh()
	}
	first, err := build()
	if err != nil {
		t.Fatal(err)
	}
	total := first.Pages
	if first.Rendered != total {
		t.Fatalf("first build executed %d of %d pages", first.Rendered, total)
	}

	osaka := "content/agencies/osaka/osaka-city.md"
	steps := []struct {
		name string
		edit func()
		most int    // at most this many pages executed; -1: every page; -2: any number
		want string // a line the output must now hold: "file: text"
	}{
		{"status edited", func() {
			replace(t, src, osaka, `status = "suspended"`, `status = "resumed"`)
		}, 16, "agencies/osaka-city/index.html: Resumed"},
		{"japanese body edited", func() {
			write(t, src, "content/agencies/osaka/osaka-city.ja.md", "新しい本文。\n")
		}, 12, "ja/agencies/osaka-city/index.html: 新しい本文。"},
		{"record added in a new folder", func() {
			write(t, src, "content/agencies/kyoto/kyoto-city.md", kyoto(recordOf(t, src, osaka)))
		}, 16, "prefectures/kyoto/index.html: Kyoto City"},
		{"event edited", func() {
			replace(t, src, "content/events/2021-03-18-request.md", "Body.", "A new event body.")
		}, 6, "timeline/index.html: A new event body."},
		{"event now names another agency", func() {
			replace(t, src, "content/events/2021-03-18-request.md", `agencies = ["mic"]`, `agencies = ["mic", "osaka-city"]`)
		}, 8, "agencies/osaka-city/index.html: MIC asks local governments"},
		{"event no longer names it", func() {
			replace(t, src, "content/events/2021-03-18-request.md", `agencies = ["mic", "osaka-city"]`, `agencies = ["mic"]`)
		}, 8, "timeline/index.html: A new event body."},
		{"record deleted", func() {
			remove(t, src, "content/agencies/kyoto/kyoto-city.md")
		}, 14, "prefectures/kyoto/index.html: Kyoto"},
		{"page edited", func() {
			replace(t, src, "content/pages/about.md", "About this site.", "All about it.")
		}, 4, "about/index.html: All about it."},
		{"a tool's temporary file and a note: nothing to do", func() {
			write(t, src, "content/agencies/osaka/sedX1b2c3", "half a record")
			write(t, src, "content/notes.txt", "to do")
		}, 0, "about/index.html: All about it."},
		{"a record broken, another edited meanwhile", func() {
			replace(t, src, "content/pages/about.md", "All about it.", "About it, again.")
			write(t, src, osaka, strings.Replace(recordOf(t, src, osaka), `status = "resumed"`, `status = "nonsense"`, 1))
		}, -3, "about/index.html: All about it."},
		{"the broken record fixed", func() {
			replace(t, src, osaka, `status = "nonsense"`, `status = "suspended"`)
		}, 20, "about/index.html: About it, again."},
		{"a folder renamed", func() {
			if err := os.Rename(filepath.Join(src, "content/agencies/osaka"), filepath.Join(src, "content/agencies/kansai")); err != nil {
				t.Fatal(err)
			}
		}, -2, "agencies/osaka-city/index.html: Osaka City"},
		{"site.toml edited", func() {
			replace(t, src, "site.toml", `title = "Test site"`, `title = "Renamed site"`)
		}, -1, "national/index.html: Renamed site"},
		{"layout added", func() {
			write(t, src, "layouts/page.html", `{{define "title"}}{{.Title.S}}{{end}}{{define "main"}}<h1>{{.Title.S}}</h1><p>own layout</p>{{end}}`)
		}, -1, "about/index.html: own layout"},
		{"a record edited after the layout", func() {
			replace(t, src, "content/agencies/kansai/osaka-city.md", `status = "suspended"`, `status = "resumed"`)
		}, 16, "agencies/osaka-city/index.html: Resumed"},
	}
	for _, st := range steps {
		st.edit()
		res, err := build()
		if st.most == -3 { // the content is broken: nothing is published
			if err == nil {
				t.Fatalf("%s: the build succeeded", st.name)
			}
		} else {
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if res.Fresh != (st.most == 0) {
				t.Fatalf("%s: fresh %v, executed %d pages", st.name, res.Fresh, res.Rendered)
			}
			if st.most == -1 && res.Rendered != res.Pages {
				t.Errorf("%s: executed %d of %d pages, want all", st.name, res.Rendered, res.Pages)
			}
			if st.most >= 0 && (res.Rendered > st.most || (st.most > 0 && res.Rendered >= total)) {
				t.Errorf("%s: executed %d of %d pages, want at most %d", st.name, res.Rendered, res.Pages, st.most)
			}
		}
		if st.most != -3 {
			sameAsFullBuild(t, st.name, src, out)
		}
		file, text, _ := strings.Cut(st.want, ": ")
		if data, err := os.ReadFile(filepath.Join(out, file)); err != nil || !strings.Contains(string(data), text) {
			t.Errorf("%s: %s lacks %q (err %v)", st.name, file, text, err)
		}
	}
	if res, err := build(); err != nil || !res.Fresh {
		t.Errorf("a build with nothing changed: fresh %v, %v", res.Fresh, err)
	}
}

// TestBuildFromPriorDistrusted: a build does not start from what the last
// one saved when that no longer describes the live site, or cannot be
// read, and then executes every page, publishing what a full build does.
func TestBuildFromPriorDistrusted(t *testing.T) {
	osaka := "content/agencies/osaka/osaka-city.md"
	for _, tc := range []struct {
		name   string
		spoil  func(t *testing.T, cache, src, out string)
		allRun bool
	}{
		{"nothing spoilt", func(t *testing.T, cache, src, out string) {}, false},
		{"pages file damaged", func(t *testing.T, cache, src, out string) {
			for _, p := range pagesFiles(t, cache) {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data[:len(data)/2], 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}, true},
		{"pages file gone", func(t *testing.T, cache, src, out string) {
			for _, p := range pagesFiles(t, cache) {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
			}
		}, true},
		{"output rebuilt by another build", func(t *testing.T, cache, src, out string) {
			other := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
			replace(t, other, "content/pages/about.md", "About this site.", "Another site.")
			b, err := generator.New(generator.Config{SourceDir: other, Out: out})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Build(); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := t.TempDir()
			t.Setenv("XDG_CACHE_HOME", cache)
			src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
			out := filepath.Join(t.TempDir(), "public")
			build := newProcessBuild(t, src, out)
			build()
			tc.spoil(t, cache, src, out)
			replace(t, src, osaka, `status = "suspended"`, `status = "resumed"`)
			res := build()
			if all := res.Rendered == res.Pages; all != tc.allRun {
				t.Errorf("executed %d of %d pages", res.Rendered, res.Pages)
			}
			sameAsFullBuild(t, tc.name, src, out)
			// And the build after it starts from what this one saved.
			replace(t, src, osaka, `status = "resumed"`, `status = "suspended"`)
			if res := build(); res.Rendered == res.Pages {
				t.Errorf("the next build executed every page")
			}
			sameAsFullBuild(t, tc.name+", then", src, out)
		})
	}
}

// pagesFiles returns the pages files saved under the cache folder.
func pagesFiles(t *testing.T, cache string) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(cache, "linewatch", "stamps", "*.pages"))
	if err != nil || len(found) == 0 {
		t.Fatalf("no pages file under %s (%v)", cache, err)
	}
	return found
}

// TestBuildFromPriorOnCorpus runs edits of every kind over a synthetic
// site of 200 agencies (bench/corpus), each through a new Builder's
// BuildUnlessFresh: a service renamed and its status changed (the status
// and category lists shift), an agency renamed, a Japanese body edited,
// a record deleted, an event edited. Each build executes a few of the
// site's pages, copies the open data of every other agency from the live
// files, and publishes byte for byte what a full build does.
func TestBuildFromPriorOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a synthetic site of 200 agencies a dozen times")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := filepath.Join(t.TempDir(), "site")
	if _, err := corpus.Write(src, corpus.Options{Agencies: 200, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build := newProcessBuild(t, src, out)
	build()
	records, japanese := agencyFiles(t, src)
	if len(records) < 100 || len(japanese) < 10 {
		t.Fatalf("%d records, %d Japanese bodies", len(records), len(japanese))
	}
	events, _ := filepath.Glob(filepath.Join(src, "content", "events", "*.md"))
	if len(events) == 0 {
		t.Fatal("no events")
	}
	event, _ := filepath.Rel(src, events[0])
	edits := []struct {
		name string
		edit func()
	}{
		{"a service renamed and its status changed", func() {
			data := recordOf(t, src, records[10])
			data = strings.Replace(data, `name = "Synthetic `, `name = "Renamed synthetic `, 2) // the agency, then its first service
			for _, st := range []string{"active", "under-review", "suspended", "postponed", "planned", "resumed", "discontinued"} {
				if strings.Contains(data, `status = "`+st+`"`) {
					data = strings.Replace(data, `status = "`+st+`"`, `status = "discontinued"`, 1)
					break
				}
			}
			write(t, src, records[10], data)
		}},
		{"an agency in the middle renamed", func() {
			replace(t, src, records[len(records)/2], `name = "Synthetic `, `name = "Zzz synthetic `)
		}},
		{"a Japanese body edited", func() {
			write(t, src, japanese[3], recordOf(t, src, japanese[3])+"\n追記した段落。\n")
		}},
		{"the first record deleted", func() {
			remove(t, src, records[0])
		}},
		{"the last record edited", func() {
			replace(t, src, records[len(records)-1], `name = "Synthetic `, `name = "Last synthetic `)
		}},
		{"an event edited", func() {
			write(t, src, filepath.ToSlash(event), recordOf(t, src, filepath.ToSlash(event))+"\nOne more sentence.\n")
		}},
	}
	for _, e := range edits {
		e.edit()
		res := build()
		if res.Fresh || res.Rendered == 0 || res.Rendered*4 > res.Pages {
			t.Errorf("%s: executed %d of %d pages (fresh %v)", e.name, res.Rendered, res.Pages, res.Fresh)
		}
		sameAsFullBuild(t, e.name, src, out)
	}
}

// agencyFiles returns the slash paths, relative to the site folder src,
// of its agency records (NAME.md) and of their Japanese bodies
// (NAME.ja.md), in the order a walk finds them.
func agencyFiles(t *testing.T, src string) (records, japanese []string) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(src, "content", "agencies"), func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(src, p)
		switch rel = filepath.ToSlash(rel); {
		case err != nil:
			return err
		case strings.HasSuffix(rel, ".ja.md"):
			japanese = append(japanese, rel)
		case strings.HasSuffix(rel, ".md"):
			records = append(records, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return records, japanese
}

// newProcessBuild returns a function that builds src into out as
// `linewatch build` does in a new process (a new Builder, BuildUnlessFresh)
// and fails the test on any error.
func newProcessBuild(t *testing.T, src, out string) func() generator.Result {
	return func() generator.Result {
		t.Helper()
		b, err := generator.New(generator.Config{SourceDir: src, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		res, err := b.BuildUnlessFresh()
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
}
