package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"linewatch/generator"
)

// TestRebuildUnchangedSave saves files without changing their text (a new
// time, CRLF line ends, an editor writing twice) and checks that a rebuild
// re-renders and rewrites nothing, while a real edit still does.
func TestRebuildUnchangedSave(t *testing.T) {
	src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	b, err := generator.New(generator.Config{SourceDir: src, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	osaka := "content/agencies/osaka/osaka-city.md"
	later := time.Now().Add(time.Hour)
	steps := []struct {
		name   string
		edit   func() []string
		render bool // whether any page must be executed
	}{
		{"record saved as it was", func() []string {
			write(t, src, osaka, recordOf(t, src, osaka))
			if err := os.Chtimes(filepath.Join(src, osaka), later, later); err != nil {
				t.Fatal(err)
			}
			return []string{osaka}
		}, false},
		{"record saved with CRLF line ends", func() []string {
			write(t, src, osaka, strings.ReplaceAll(recordOf(t, src, osaka), "\n", "\r\n"))
			return []string{osaka, osaka}
		}, false},
		{"site.toml saved as it was", func() []string {
			write(t, src, "site.toml", recordOf(t, src, "site.toml"))
			return []string{"site.toml"}
		}, false},
		{"record edited", func() []string {
			replace(t, src, osaka, `status = "suspended"`, `status = "resumed"`)
			return []string{osaka}
		}, true},
	}
	for _, st := range steps {
		res, err := b.Rebuild(st.edit())
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.render != (res.Rendered > 0) || !st.render && res.Stats.Written > 0 {
			t.Errorf("%s: executed %d pages and wrote %d files", st.name, res.Rendered, res.Stats.Written)
		}
		sameAsFullBuild(t, st.name, src, res.Out)
	}
}
