package generator_test

import (
	"os"
	"path/filepath"
	"testing"

	"linewatch/generator"
)

// TestStreamingBuildEqualsBuild: `linewatch build`, which writes each page
// as it is rendered (BuildUnlessFresh), publishes byte for byte what
// Build, which holds the whole site, publishes: for the shipped content
// and the minimal fixture, into a fresh folder and over the other's
// output. A second call with nothing changed does nothing, unless the
// Builder sets its own page sizes.
func TestStreamingBuildEqualsBuild(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	fixture := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	for name, src := range map[string]string{"shipped": "..", "minimal": fixture} {
		t.Run(name, func(t *testing.T) {
			streamed, held := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
			sb, err := generator.New(generator.Config{SourceDir: src, Out: streamed})
			if err != nil {
				t.Fatal(err)
			}
			res, err := sb.BuildUnlessFresh()
			if err != nil || res.Fresh {
				t.Fatalf("streaming build: %+v, %v", res, err)
			}
			hb, err := generator.New(generator.Config{SourceDir: src, Out: held})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := hb.Build(); err != nil {
				t.Fatal(err)
			}
			if !equalTrees(readTree(t, streamed), readTree(t, held)) {
				t.Fatal("the streamed site differs from the one Build publishes")
			}
			// Over an output Build made: nothing to write.
			if err := os.RemoveAll(streamed); err != nil {
				t.Fatal(err)
			}
			ob, err := generator.New(generator.Config{SourceDir: src, Out: held})
			if err != nil {
				t.Fatal(err)
			}
			res, err = ob.BuildUnlessFresh()
			if err != nil || res.Stats.Written != 0 || res.Stats.Removed != 0 {
				t.Fatalf("streaming over Build's output: %+v, %v", res.Stats, err)
			}
			res, err = ob.BuildUnlessFresh()
			if err != nil || !res.Fresh {
				t.Errorf("second streaming build: fresh %v, %v", res.Fresh, err)
			}
			// The stamp does not record page sizes: a Builder with its own
			// builds, and splits the lists, though no file changed.
			pb, err := generator.New(generator.Config{SourceDir: src, Out: held, RowsPerPage: 1, EventsPerPage: 1})
			if err != nil {
				t.Fatal(err)
			}
			res, err = pb.BuildUnlessFresh()
			if err != nil || res.Fresh {
				t.Fatalf("build with one row a page: fresh %v, %v", res.Fresh, err)
			}
			if _, err := os.Stat(filepath.Join(held, "status", "suspended", "page", "2", "index.html")); err != nil {
				t.Errorf("build with one row a page: %v", err)
			}
		})
	}
}
