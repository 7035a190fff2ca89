package generator_test

import (
	"os"
	"path/filepath"
	"testing"

	"linewatch/generator"
	"linewatch/generator/internal/quick"
)

// TestBuildInMemoryFolder builds the shipped site with its records and
// output in a folder held in memory (/dev/shm), where the records are
// read and the pages written with quick calls (package quick), and the
// same site on disk with ordinary calls, through BuildUnlessFresh as
// `linewatch build` runs: cold, then after an edit, when the build starts
// from the prior one. Both outputs must match byte for byte, and the one
// in memory must verify against its SHA256SUMS.
func TestBuildInMemoryFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the shipped site four times")
	}
	if !quick.For("/dev/shm").Quick() {
		t.Skip("no tmpfs at /dev/shm")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	mem, err := os.MkdirTemp("/dev/shm", "linewatch-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(mem) })
	disk := t.TempDir()
	for _, dir := range []string{mem, disk} {
		if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../content")); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile("../site.toml")
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, "site.toml", string(data))
	}
	if quick.For(disk).Quick() {
		t.Skip("the temporary folder is in memory too: nothing to compare with")
	}
	build := func(dir string) map[string]string {
		t.Helper()
		out := filepath.Join(dir, "public")
		b, err := generator.New(generator.Config{SourceDir: dir, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.BuildUnlessFresh(); err != nil {
			t.Fatalf("build of %s: %v", dir, err)
		}
		return readTree(t, out)
	}
	compare := func(step string) {
		t.Helper()
		inMem, onDisk := build(mem), build(disk)
		if len(inMem) < 50 {
			t.Fatalf("%s: only %d files built", step, len(inMem))
		}
		for name, data := range onDisk {
			if inMem[name] != data {
				t.Errorf("%s: %s differs between the builds in memory and on disk", step, name)
			}
		}
		for name := range inMem {
			if _, ok := onDisk[name]; !ok {
				t.Errorf("%s: %s is built in memory only", step, name)
			}
		}
		verifySums(t, filepath.Join(mem, "public"), inMem)
	}
	compare("cold build")
	for _, dir := range []string{mem, disk} {
		replace(t, dir, "content/agencies/osaka/osaka-city.md", "Osaka City", "Osaka City (edited)")
	}
	compare("build after an edit")
}
