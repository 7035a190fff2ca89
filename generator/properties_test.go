package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/generator"
	"linewatch/generator/internal/sitetest"
)

// TestDeterministic builds the same site twice into fresh folders and
// twice into the same folder: the bytes must be identical and the second
// build into the same folder must write nothing.
func TestDeterministic(t *testing.T) {
	archive := readFixture(t, "testdata/build/minimal.txtar")
	a := sitetest.Build(t, archive)
	b := sitetest.Build(t, archive)
	fa, fb := a.Files(), b.Files()
	if len(fa) != len(fb) || len(fa) < 100 {
		t.Fatalf("%d and %d files", len(fa), len(fb))
	}
	for name, data := range fa {
		if fb[name] != data {
			t.Errorf("%s differs between two builds", name)
		}
	}
	again := sitetest.BuildInto(t, archive, a.Out)
	if again.Err != nil {
		t.Fatal(again.Err)
	}
	// SHA256SUMS is publish's own manifest, not one of the site's files.
	if st := again.Result.Stats; st.Written != 0 || st.Removed != 0 || st.Unchanged != len(fa)-1 {
		t.Errorf("rebuild of unchanged content: %+v, want all %d unchanged", st, len(fa)-1)
	}
}

// TestDeletedRecordDisappears removes a record and rebuilds into the same
// folder: its pages go, in both languages.
func TestDeletedRecordDisappears(t *testing.T) {
	archive := readFixture(t, "testdata/build/minimal.txtar")
	first := sitetest.Build(t, archive)
	first.File("agencies/osaka-city/index.html")
	i := strings.Index(archive, "-- content/agencies/osaka/osaka-city.md --")
	j := strings.Index(archive, "-- content/agencies/national/mic.toml --")
	// Drop the record and its Japanese body, and the expectations on it.
	trimmed := archive[:i] + archive[j:]
	trimmed = trimmed[:strings.Index(trimmed, "-- want/")]
	second := sitetest.BuildInto(t, trimmed, first.Out)
	if second.Err != nil {
		t.Fatal(second.Err)
	}
	second.AssertMissing("agencies/osaka-city/index.html")
	second.AssertMissing("ja/agencies/osaka-city/index.html")
	if _, err := os.Stat(filepath.Join(first.Out, "agencies", "osaka-city")); !os.IsNotExist(err) {
		t.Errorf("empty folder of a deleted record is left behind: %v", err)
	}
	if second.Result.Stats.Removed < 2 {
		t.Errorf("stats %+v: want at least 2 removed", second.Result.Stats)
	}
	second.Assert("prefectures/osaka/index.html", "! osaka-city")
}

// TestWindowsFiles builds records saved with a byte-order mark and CRLF
// line ends: they load like any other, to the same pages.
func TestWindowsFiles(t *testing.T) {
	archive := readFixture(t, "testdata/build/minimal.txtar")
	unix := sitetest.Build(t, archive)
	var b strings.Builder
	_, files := sitetest.Parse(archive)
	for _, f := range files {
		data := f.Data
		if strings.HasPrefix(f.Name, "content/") {
			data = "\ufeff" + strings.ReplaceAll(data, "\n", "\r\n")
		}
		b.WriteString("-- " + f.Name + " --\n" + data)
	}
	windows := sitetest.Build(t, b.String())
	fu, fw := unix.Files(), windows.Files()
	for name, data := range fu {
		if fw[name] != data {
			t.Errorf("%s differs when the records have a BOM and CRLF", name)
		}
	}
}

// TestOneCurrentPage: no page says twice that it is "the current page". A
// paginated list's page marks its number in the pager as the current page;
// the list's own entry among the other lists is the current item of that
// set (aria-current="true"), or a screen reader would announce two
// current pages. Lists are split one row a page so every pager shows.
func TestOneCurrentPage(t *testing.T) {
	src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	b, err := generator.New(generator.Config{SourceDir: src, Out: filepath.Join(t.TempDir(), "public"), RowsPerPage: 1, EventsPerPage: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	pagers := 0
	for name, data := range b.Files() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if n := bytes.Count(data, []byte(`aria-current="page"`)); n > 1 {
			t.Errorf("%s: %d elements are the current page", name, n)
		}
		if bytes.Contains(data, []byte(`class="pager"`)) {
			pagers++
		}
	}
	if pagers == 0 {
		t.Fatal("no page has a pager: the test shows nothing")
	}
}
