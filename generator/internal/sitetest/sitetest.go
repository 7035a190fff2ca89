package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"linewatch/generator"
)

// Site is a built fixture: where it went, what it produced and the
// expectations that came with it.
type Site struct {
	t      testing.TB
	Out    string            // the output folder
	Result generator.Result  // what the build reported
	Err    error             // the build's error, for BuildE
	Want   map[string]string // the fixture's want/ sections
	files  map[string]string // output, read back after the build
}

// Build builds the fixture into a fresh temporary folder and fails the
// test on any error.
func Build(t testing.TB, archive string) *Site {
	t.Helper()
	s := BuildE(t, archive)
	if s.Err != nil {
		t.Fatalf("build failed: %v", s.Err)
	}
	return s
}

// BuildE builds the fixture and keeps the error for the test to check.
func BuildE(t testing.TB, archive string) *Site {
	t.Helper()
	return BuildInto(t, archive, filepath.Join(t.TempDir(), "public"))
}

// BuildInto builds the fixture into out, so a test can build twice into
// the same folder and compare.
func BuildInto(t testing.TB, archive, out string) *Site {
	t.Helper()
	src, want := Split(archive)
	s := &Site{t: t, Out: out, Want: want}
	b, err := generator.New(generator.Config{Source: src, Out: out})
	if err != nil {
		t.Fatalf("new builder: %v", err)
	}
	s.Result, s.Err = b.Build()
	return s
}

// Files returns every output file by slash path, read from disk once.
func (s *Site) Files() map[string]string {
	s.t.Helper()
	if s.files != nil {
		return s.files
	}
	s.files = map[string]string{}
	if _, err := os.Stat(s.Out); err != nil {
		return s.files
	}
	err := filepath.WalkDir(s.Out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(s.Out, path)
		data, err := os.ReadFile(path)
		s.files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		s.t.Fatalf("read output: %v", err)
	}
	return s.files
}

// File returns one output file, failing the test when it is missing.
func (s *Site) File(path string) string {
	s.t.Helper()
	data, ok := s.Files()[path]
	if !ok {
		s.t.Fatalf("output %s is missing", path)
	}
	return data
}

// Assert checks that each line is a substring of the output file, or, for
// a line starting with "! ", that the rest is not. Lines are trimmed;
// blank lines are skipped, so a multi-line string of expectations reads
// like a list.
func (s *Site) Assert(path string, expectations ...string) {
	s.t.Helper()
	body := s.File(path)
	for _, block := range expectations {
		for line := range strings.SplitSeq(block, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if neg, ok := strings.CutPrefix(line, "! "); ok {
				if strings.Contains(body, neg) {
					s.t.Errorf("%s: must not contain %q", path, neg)
				}
			} else if !strings.Contains(body, line) {
				s.t.Errorf("%s: missing %q", path, line)
			}
		}
	}
}

// AssertMissing checks that no output file exists at path.
func (s *Site) AssertMissing(path string) {
	s.t.Helper()
	if _, ok := s.Files()[path]; ok {
		s.t.Errorf("output %s exists, want none", path)
	}
}
