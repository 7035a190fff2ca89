package render_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"linewatch/bench/corpus"
	"linewatch/generator/internal/sitetest"
	lwload "linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/refdata"
	"linewatch/generator/render"
	"linewatch/generator/render/tmplexec"
	"linewatch/generator/validate"
	"linewatch/layouts"
)

// The tests below are the proof that the compiled programs (tmplexec)
// draw every page exactly as html/template does: every page of the
// shipped site, of the test fixtures (the hostile one included) and of a
// synthetic corpus goes through both, and the bytes must be the same.

// sameAsHTMLTemplate executes every page of in with the compiled
// programs and with html/template and requires the same bytes, and an
// error from both or from neither. It returns the number of pages.
func sameAsHTMLTemplate(t *testing.T, l *render.Layouts, in model.Input, opt render.Options) int {
	t.Helper()
	n := 0
	for _, p := range render.Plan(model.New(in), opt) {
		samePage(t, l, p)
		n++
	}
	return n
}

// samePage executes one page both ways and compares.
func samePage(t testing.TB, l *render.Layouts, p render.Page) {
	t.Helper()
	fast, fastErr, slow, slowErr := l.ExecuteBoth(p)
	if fast == nil && fastErr == nil {
		t.Fatalf("%s: layout %s/%s has no compiled program", p.URL, p.Lang, p.Layout)
	}
	if (fastErr != nil) != (slowErr != nil) {
		t.Fatalf("%s: compiled error %v, html/template error %v", p.URL, fastErr, slowErr)
	}
	if !bytes.Equal(fast, slow) {
		i := 0
		for i < len(fast) && i < len(slow) && fast[i] == slow[i] {
			i++
		}
		lo := max(0, i-200)
		t.Fatalf("%s: compiled output differs at byte %d:\ncompiled:      %q\nhtml/template: %q",
			p.URL, i, fast[lo:min(len(fast), i+200)], slow[lo:min(len(slow), i+200)])
	}
}

// siteInput loads, validates and types the site in fsys as the Builder
// does, failing the test on any content problem.
func siteInput(t testing.TB, fsys fs.FS) model.Input {
	t.Helper()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg, diags := lwload.Config(fsys)
	docs, more := lwload.Dir(fsys)
	diags.Append(more)
	in, more := validate.Check(cfg, docs, ref)
	diags.Append(more)
	if len(diags) > 0 {
		t.Fatalf("content problems:\n%v", diags)
	}
	return in
}

// siteLayouts loads the embedded layouts under the site's own layouts/.
func siteLayouts(t testing.TB, fsys fs.FS) *render.Layouts {
	t.Helper()
	var over fs.FS
	if fi, err := fs.Stat(fsys, "layouts"); err == nil && fi.IsDir() {
		if over, err = fs.Sub(fsys, "layouts"); err != nil {
			t.Fatal(err)
		}
	}
	l, err := render.LoadLayouts(render.Union(over, layouts.FS))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// The default layouts compile completely: no set falls back to
// html/template, so a change that slows every page down fails here.
func TestShippedLayoutsCompile(t *testing.T) {
	if u := load(t).Uncompiled(); len(u) > 0 {
		t.Fatalf("sets executed by html/template instead of the compiled program: %v", u)
	}
}

func TestCompiledFixtures(t *testing.T) {
	l := load(t)
	for _, opt := range []render.Options{{}, goldenOpt} {
		sameAsHTMLTemplate(t, l, fixture(), opt)
		sameAsHTMLTemplate(t, l, hostileSite(), opt)
	}
}

// Every page of the shipped site (content/ of the repository).
func TestCompiledShippedSite(t *testing.T) {
	root := os.DirFS(filepath.Join("..", ".."))
	in := siteInput(t, root)
	l := siteLayouts(t, root)
	if n := sameAsHTMLTemplate(t, l, in, render.Options{BasePath: "/", BaseURL: in.Config.BaseURL}); n < 100 {
		t.Fatalf("only %d pages: is content/ there?", n)
	}
}

// Every page of each site fixture: the build fixtures under
// generator/testdata/build (one overrides a layout) and the browser
// tests' sites, the hostile one holding markup in every field.
func TestCompiledBuildFixtures(t *testing.T) {
	var archives []string
	for _, dir := range []string{filepath.Join("..", "testdata", "build"), filepath.Join("..", "browsertest", "testdata")} {
		found, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
		if err != nil || len(found) == 0 {
			t.Fatalf("no fixtures in %s: %v", dir, err)
		}
		archives = append(archives, found...)
	}
	for _, a := range archives {
		t.Run(filepath.Base(a), func(t *testing.T) {
			text, err := os.ReadFile(a)
			if err != nil {
				t.Fatal(err)
			}
			site, _ := sitetest.Split(string(text))
			in := siteInput(t, site)
			sameAsHTMLTemplate(t, siteLayouts(t, site), in, render.Options{BaseURL: in.Config.BaseURL})
		})
	}
}

// Every page of a synthetic site of 200 agencies (about 450 pages).
func TestCompiledCorpus(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 40
	}
	fsys := fstest.MapFS{}
	for name, data := range corpus.Files(corpus.Options{Agencies: n, Seed: 7}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	l := load(t)
	sameAsHTMLTemplate(t, l, siteInput(t, fsys), render.Options{BasePath: "/sub/", BaseURL: "https://example.org/sub/"})
}

// FuzzCompiledPages puts arbitrary text in every string a reader sees of
// the fixture (site title, names, services, notes, sources, bodies, an
// event, a page) and draws every page with the compiled programs and
// with html/template: the bytes must be the same. Text nested deeper
// than load.MaxNesting never reaches the layouts, so it is skipped.
func FuzzCompiledPages(f *testing.F) {
	for _, s := range []string{"", hScript, hAttr, hCDATA, hURL, "大阪市 <b>&amp;", "\xff\x00\ufdd0", "https://example.org/a b?c=\"d\"", "[x](javascript:y) *em*"} {
		f.Add(s, s)
	}
	l := load(f)
	f.Fuzz(func(t *testing.T, s, u string) {
		if len(s)+len(u) > 1<<12 {
			return
		}
		if depth, _ := lwload.Nesting(s); depth > lwload.MaxNesting {
			return
		}
		in := fixture()
		in.Config.Title, in.Config.License = s, s
		a := &in.Agencies[0]
		a.Name, a.NameJA, a.Body, a.BodyJA = s, s, s, s
		sv := &a.Services[0]
		sv.Name, sv.Alternative, sv.Note, sv.History[0].Note = s, s, s, s
		a.Sources = append(a.Sources, model.Source{Title: s, Publisher: s, URL: u, ArchiveURL: u, Quote: s})
		in.Events[0].Title, in.Events[0].Body = s, s
		in.Pages[0].Title, in.Pages[0].Body = s, s
		for _, opt := range []render.Options{{}, goldenOpt} {
			for _, p := range render.Plan(model.New(in), opt) {
				// The 45 prefectures without records show none of it.
				if !strings.Contains(p.URL, "/prefectures/pref-") {
					samePage(t, l, p)
				}
			}
		}
	})
}

// A site's own layout using what tmplexec does not execute (a script
// context) gets no program: its pages are drawn by html/template, the
// others stay compiled. A page the program stops on (a value it does not
// escape exactly) is drawn by html/template, and a layout failing at run
// time fails with html/template's own error, naming the file and line.
func TestLayoutsFallBack(t *testing.T) {
	over := fstest.MapFS{
		"page.html":     {Data: []byte("{{define \"title\"}}{{.Title.S}}{{end}}\n{{define \"main\"}}<script>var title = {{.Title.S}};</script>{{end}}")},
		"timeline.html": {Data: []byte("{{define \"title\"}}x{{end}}\n{{define \"main\"}}\n<p>{{.Nope}}</p>{{end}}")},
		// inline returns template.HTML, whose tags html/template strips
		// in an attribute; the program stops rather than guess.
		"status.html": {Data: []byte("{{define \"title\"}}x{{end}}\n{{define \"main\"}}<p title=\"{{inline \"*a* <b>\"}}\">x</p>{{end}}")},
	}
	l, err := render.LoadLayouts(render.Union(over, layouts.FS))
	if err != nil {
		t.Fatal(err)
	}
	got := l.Uncompiled()
	slices.Sort(got)
	if want := []string{"en/page.html", "ja/page.html"}; !slices.Equal(got, want) {
		t.Fatalf("uncompiled sets %v, want %v", got, want)
	}
	for _, p := range render.Plan(model.New(hostileSite()), render.Options{}) {
		out, err := l.Execute(p)
		switch p.Layout {
		case "page.html":
			if err != nil || !bytes.Contains(out, []byte(`<script>var title = "`)) || bytes.Contains(out, []byte("<img src=x")) {
				t.Errorf("%s: %v\n%s", p.URL, err, out)
			}
		case "status.html":
			_, fastErr, want, _ := l.ExecuteBoth(p)
			if !errors.Is(fastErr, tmplexec.ErrUnsupported) || err != nil || !bytes.Equal(out, want) || !bytes.Contains(out, []byte(`<p title="a &lt;b&gt;">`)) {
				t.Errorf("%s: program %v, Execute %v:\n%s", p.URL, fastErr, err, out)
			}
		case "timeline.html":
			_, _, _, want := l.ExecuteBoth(p)
			if err == nil || want == nil || !strings.HasSuffix(err.Error(), want.Error()) || !strings.Contains(err.Error(), "timeline.html:3:") {
				t.Errorf("%s: error %v, want html/template's %v", p.URL, err, want)
			}
		default:
			if err != nil {
				t.Errorf("%s: %v", p.URL, err)
			}
		}
	}
}
