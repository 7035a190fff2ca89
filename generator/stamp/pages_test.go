package stamp

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// samplePages has what a real build's pages hold: keys shared between
// pages, a page without inputs, a Japanese URL, a Shape, and strings with
// spaces, quotes and other scripts.
var samplePages = Pages{
	Taken:  1765000000123456789,
	Config: "c0ffee",
	Totals: "7075",
	List: []Page{
		{URL: "/", Lang: "en", Layout: "home.html", Inputs: []string{"agency/a", "agency/b", "totals"}},
		{URL: "/agencies/a/", Lang: "en", Layout: "agency.html", Inputs: []string{"agency/a", "prefecture/osaka"}},
		{URL: "/ja/agencies/a/", Lang: "ja", Layout: "agency.html", Inputs: []string{"agency/a", "prefecture/osaka"}},
		{URL: "/status/suspended/page/2/", Lang: "en", Layout: "status.html", Shape: 18446744073709551615, Inputs: []string{"agency/b"}},
		{URL: "/404.html", Lang: "en", Layout: "404.html"},
		{URL: "/odd \"name\"/", Lang: "en", Layout: "x y.html", Inputs: []string{"key with spaces", "改行"}},
	},
	Data: []DataSpan{
		{Slug: "a", JSON: [2]int64{120, 7300}, CSV: [2]int64{80, 80}},
		{Slug: "b", JSON: [2]int64{7302, 15000}, CSV: [2]int64{80, 911}},
	},
}

func TestPagesRoundTrip(t *testing.T) {
	name := filepath.Join(t.TempDir(), "cache", "x.pages")
	if err := samplePages.Save(name); err != nil {
		t.Fatal(err)
	}
	got, err := LoadPages(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, samplePages) {
		t.Errorf("loaded %+v\nsaved  %+v", got, samplePages)
	}
	entries, _ := os.ReadDir(filepath.Dir(name))
	if len(entries) != 1 {
		t.Errorf("beside the pages file: %d entries, want none", len(entries)-1)
	}
}

// TestPagesRefused: a string holding a tab or a line break, which the
// format cannot hold, is refused rather than saved wrong.
func TestPagesRefused(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.pages")
	for _, p := range []Page{
		{URL: "/a\tb/", Lang: "en", Layout: "page.html"},
		{URL: "/a/", Lang: "en", Layout: "page\n.html"},
		{URL: "/a/", Lang: "en", Layout: "page.html", Inputs: []string{"agency/x\ny"}},
	} {
		if err := (Pages{List: []Page{p}}).Save(name); err == nil {
			t.Errorf("%+v saved", p)
		}
		if _, err := os.Stat(name); err == nil {
			t.Errorf("%+v: a file was written", p)
		}
	}
}

// TestPagesDamaged: every cut of a saved file, and files of another
// format, are errors, never a shorter list taken for the whole.
func TestPagesDamaged(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.pages")
	if err := samplePages.Save(name); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		if _, err := parsePages(data[:n]); err == nil {
			t.Errorf("the first %d of %d bytes parse", n, len(data))
		}
	}
	for _, bad := range []string{"", "linewatch pages 0\n", "linewatch stamp 2\n", string(data) + "extra\n"} {
		if _, err := parsePages([]byte(bad)); err == nil {
			t.Errorf("%q parses", bad)
		}
	}
	if _, err := LoadPages(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing file loads")
	}
}

// FuzzPages: parsePages never panics, and what it accepts saves and
// loads back the same.
func FuzzPages(f *testing.F) {
	dir := f.TempDir()
	name := filepath.Join(dir, "seed")
	if err := samplePages.Save(name); err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(pagesHeader + "\ntaken 1\nconfig c\ntotals t\nkeys 1\nk\npages 1\n/\ten\th\t0\t0\ndata 1\na\t1\t2\t3\t4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parsePages(data)
		if err != nil {
			return
		}
		out := filepath.Join(t.TempDir(), "p")
		if err := p.Save(out); err != nil {
			t.Fatal(err)
		}
		again, err := LoadPages(out)
		if err != nil {
			t.Fatalf("saved pages do not load: %v", err)
		}
		if !reflect.DeepEqual(normal(again), normal(p)) {
			t.Errorf("round trip changed the pages:\n%+v\n%+v", again, p)
		}
	})
}

// normal gives pages without inputs nil Inputs, and pages without open
// data an empty Data, as a load makes them.
func normal(p Pages) Pages {
	for i := range p.List {
		if len(p.List[i].Inputs) == 0 {
			p.List[i].Inputs = nil
		}
	}
	if p.Data == nil {
		p.Data = []DataSpan{}
	}
	return p
}
