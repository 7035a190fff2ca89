package generator_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"linewatch/generator"
	"linewatch/generator/publish"
)

// TestDeterministicAcrossCores builds the shipped content and the minimal
// fixture on one core and on eight, at least a second apart, and compares
// every byte: neither the order in which workers finish, nor map order,
// nor the clock may reach the output. (A full build against a series of
// incremental ones is TestRebuildEqualsBuild.) The shipped build's
// SHA256SUMS must then verify the folder, as a reader would check a
// deployed copy.
func TestDeterministicAcrossCores(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the shipped site twice")
	}
	minimal := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	for _, site := range []struct{ name, dir string }{
		{"shipped", ".."},
		{"minimal", minimal},
	} {
		t.Run(site.name, func(t *testing.T) {
			start := time.Now()
			one := buildWith(t, site.dir, 1)
			// A clock of one-second resolution must tick between the builds.
			time.Sleep(time.Until(start.Add(1100 * time.Millisecond)))
			eight := buildWith(t, site.dir, 8)
			a, b := readTree(t, one), readTree(t, eight)
			if len(a) < 50 {
				t.Fatalf("only %d files built", len(a))
			}
			for name := range b {
				if _, ok := a[name]; !ok {
					t.Errorf("%s is built on eight cores only", name)
				}
			}
			for name, data := range a {
				if b[name] != data {
					t.Errorf("%s differs between one core and eight, a second apart", name)
				}
			}
			verifySums(t, eight, a)
		})
	}
}

// buildWith builds the site in dir into a fresh folder with GOMAXPROCS set
// to procs, restoring it afterwards, and returns the folder.
func buildWith(t *testing.T, dir string, procs int) string {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	out := filepath.Join(t.TempDir(), "public")
	b, err := generator.New(generator.Config{SourceDir: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatalf("build on %d cores: %v", procs, err)
	}
	return out
}

// verifySums checks the folder's SHA256SUMS as `sha256sum -c` would: one
// line per file but itself, each digest right, nothing left out. Where the
// sha256sum tool is installed it is run too.
func verifySums(t *testing.T, out string, tree map[string]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(out, publish.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		data, exists := tree[name]
		switch {
		case !ok:
			t.Errorf("SHA256SUMS line %q is not \"HEX  path\"", sc.Text())
		case !exists:
			t.Errorf("SHA256SUMS lists %s, which is not in the output", name)
		default:
			h := sha256.Sum256([]byte(data))
			if sum != hex.EncodeToString(h[:]) {
				t.Errorf("SHA256SUMS: wrong digest for %s", name)
			}
		}
		listed[name] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for name := range tree {
		if name != publish.ManifestName && !listed[name] {
			t.Errorf("SHA256SUMS leaves out %s", name)
		}
	}
	if tool, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(tool, "--check", "--strict", "--quiet", publish.ManifestName)
		cmd.Dir = out
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, b)
		}
	}
}
