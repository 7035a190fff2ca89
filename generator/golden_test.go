package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"linewatch/generator/internal/sitetest"
)

// goldenFiles are the outputs of testdata/build/minimal.txtar kept whole
// under testdata/golden/minimal/: one page of each main kind in both
// languages and the published data formats. `go test ./generator -update`
// rewrites them; review the diff like any other change.
var goldenFiles = []string{
	"agencies/osaka-city/index.html",
	"ja/agencies/osaka-city/index.html",
	"agencies/mic/index.html",
	"prefectures/osaka/index.html",
	"ja/prefectures/tokyo/index.html",
	"timeline/index.html",
	"feed.xml",
	"data/services.csv",
}

func TestGoldenSite(t *testing.T) {
	s := sitetest.Build(t, readFixture(t, "testdata/build/minimal.txtar"))
	for _, name := range goldenFiles {
		got := s.File(name)
		path := filepath.Join("testdata", "golden", "minimal", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./generator -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s at %s", name, path, firstDiff(got, string(want)))
		}
	}
}

// firstDiff gives the line:col of the first difference, as go/printer's
// golden tests do, so a failure points at the place to look.
func firstDiff(got, want string) string {
	line, col := 1, 1
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			return fmt.Sprintf("%d:%d: got %q", line, col, got[i:min(i+40, len(got))])
		}
		if got[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("%d:%d: one is a prefix of the other", line, col)
}
