package generator_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/generator"
	"linewatch/generator/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata fixtures and the golden files from the current output")

// TestCheckFixtures runs every testdata/check/*.txtar: a site with broken
// content whose want/stderr lists the exact diagnostics. Each is built over
// the output of a good site, which must be left byte-for-byte as it was.
func TestCheckFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/check/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no fixtures in testdata/check")
	}
	good := readFixture(t, "testdata/build/minimal.txtar")
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			archive := readFixture(t, path)
			out := filepath.Join(t.TempDir(), "public")
			before := sitetest.BuildInto(t, good, out)
			if before.Err != nil {
				t.Fatalf("good site: %v", before.Err)
			}
			snapshot := before.Files()

			s := sitetest.BuildInto(t, archive, out)
			var ce *generator.ContentError
			if !errors.As(s.Err, &ce) {
				t.Fatalf("want content errors, got %v", s.Err)
			}
			want, ok := s.Want["stderr"]
			if !ok {
				t.Fatal("fixture has no want/stderr section")
			}
			if got := ce.Diags.String(); *update && got != want {
				rewriteSection(t, path, archive, "want/stderr", got)
			} else if got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
			after := s.Files()
			if len(after) != len(snapshot) {
				t.Errorf("output has %d files after a failed build, had %d", len(after), len(snapshot))
			}
			for name, data := range snapshot {
				if after[name] != data {
					t.Errorf("failed build changed %s", name)
				}
			}
		})
	}
}

// TestBuildFixtures runs every testdata/build/*.txtar. Each want/PATH
// section lists lines the output file PATH must contain (or, after "! ",
// must not); want/missing lists files that must not exist.
func TestBuildFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/build/*.txtar")
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			s := sitetest.Build(t, readFixture(t, path))
			for name, lines := range s.Want {
				if name == "missing" {
					for f := range strings.FieldsSeq(lines) {
						s.AssertMissing(f)
					}
					continue
				}
				s.Assert(name, lines)
			}
		})
	}
}

// rewriteSection replaces one section of a fixture file, for -update.
func rewriteSection(t *testing.T, path, archive, name, data string) {
	t.Helper()
	marker := "-- " + name + " --\n"
	i := strings.Index(archive, marker)
	if i < 0 {
		t.Fatalf("%s: no section %s", path, name)
	}
	start := i + len(marker)
	end := strings.Index(archive[start:], "\n-- ")
	if end < 0 {
		end = len(archive)
	} else {
		end += start + 1
	}
	if err := os.WriteFile(path, []byte(archive[:start]+data+archive[end:]), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFixture(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
