package publish

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Sites used across the tests: each step changes, keeps, removes and
// turns files into folders and back.
var (
	siteA = site{
		"index.html":                "home A",
		"ja/index.html":             "ホーム A",
		"keep.html":                 "same everywhere",
		"agencies/osaka/index.html": "osaka",
		"gone/deep/page.html":       "deleted in B",
		"flip":                      "a file in A, a folder in B",
		"dir/a.html":                "a folder in A, a file in B",
	}
	siteB = site{
		"index.html":                "home B",
		"ja/index.html":             "ホーム A",
		"keep.html":                 "same everywhere",
		"agencies/osaka/index.html": "osaka",
		"flip/inner.html":           "now inside a folder",
		"dir":                       "now a file",
		"new/nested/page.html":      "new in B",
	}
	siteC = site{
		"index.html":                "home C",
		"keep.html":                 "same everywhere",
		"flip":                      "a file again",
		"new/nested/page.html":      "new in B",
		"agencies/kyoto/index.html": "kyoto",
	}
)

func TestSwapSequence(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		name := "exchange"
		if fallback {
			name = "fallback"
		}
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			steps := []struct {
				name string
				site site
				want Stats
			}{
				{"first build", siteA, Stats{Written: 7}},
				{"one change", site{
					"index.html": "home A2", "ja/index.html": "ホーム A", "keep.html": "same everywhere",
					"agencies/osaka/index.html": "osaka", "gone/deep/page.html": "deleted in B",
					"flip": "a file in A, a folder in B", "dir/a.html": "a folder in A, a file in B",
				}, Stats{Written: 1, Unchanged: 6}},
				{"changes, deletions, file and folder swapped", siteB, Stats{Written: 4, Unchanged: 3, Removed: 3}},
				{"no change", siteB, Stats{Unchanged: 7}},
				{"back and forth", siteC, Stats{Written: 3, Unchanged: 2, Removed: 4}},
				{"back to A", siteA, Stats{Written: 6, Unchanged: 1, Removed: 2}},
				{"empty site", site{}, Stats{Removed: 7}},
				{"from nothing again", siteC, Stats{Written: 5}},
			}
			for i, step := range steps {
				st, err := swap(out, step.site.bytes(), options{workers: 3, noExchange: fallback}, nil)
				if err != nil {
					t.Fatalf("%s: %v", step.name, err)
				}
				checkStats(t, step.name, out, st, step.want)
				checkTree(t, out, step.site)
				want := []string{".public.lock", ".public.standby", "public"}
				if i == 0 {
					want = slices.Delete(want, 1, 2) // no standby until the second build
				}
				if got := siblings(t, out); !slices.Equal(got, want) {
					t.Errorf("%s: beside out: %q, want %q", step.name, got, want)
				}
			}
		})
	}
}

func TestSwapSha256sumVerifies(t *testing.T) {
	sha256sum, err := exec.LookPath("sha256sum")
	if err != nil {
		t.Skip("no sha256sum here")
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Swap(out, siteB.bytes()); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(sha256sum, "--check", "--strict", "--quiet", ManifestName)
	cmd.Dir = out
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, b)
	}
}

// identity is what shows whether a file was rewritten: publish replaces a
// file by rename, so a rewrite always gives it a new inode.
type identity struct {
	fi  fs.FileInfo
	mod time.Time
}

func identities(t *testing.T, dir string) map[string]identity {
	t.Helper()
	m := make(map[string]identity)
	err := filepath.WalkDir(dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := os.Lstat(full)
		if err != nil {
			return err
		}
		m[filepath.ToSlash(full[len(dir)+1:])] = identity{fi, fi.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// rewritten lists the files of after that are new or not the same file as
// in before.
func rewritten(before, after map[string]identity) []string {
	var paths []string
	for p, a := range after {
		b, ok := before[p]
		if !ok || !os.SameFile(a.fi, b.fi) || !a.mod.Equal(b.mod) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}

func TestSwapWritesOnlyChanges(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	standby := filepath.Join(filepath.Dir(out), ".public.standby")
	v1 := site{"index.html": "1", "a/x.html": "x", "b/y.html": "y", "c/z.html": "z"}
	v2 := site{"index.html": "2", "a/x.html": "x", "b/y.html": "y", "c/z.html": "z"}
	v3 := site{"index.html": "2", "a/x.html": "x", "b/y.html": "y3", "c/z.html": "z"}
	for _, s := range []site{v1, v2} {
		if _, err := Swap(out, s.bytes()); err != nil {
			t.Fatal(err)
		}
	}

	// The standby holds v1; publishing v3 must write into it only what
	// differs from v1 (index.html and b/y.html) and the manifest.
	before := identities(t, standby)
	live := identities(t, out)
	if _, err := Swap(out, v3.bytes()); err != nil {
		t.Fatal(err)
	}
	checkTree(t, out, v3)
	if got, want := rewritten(before, identities(t, out)), []string{ManifestName, "b/y.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("files written for v3: %q, want %q", got, want)
	}
	if got := rewritten(live, identities(t, standby)); len(got) != 0 {
		t.Errorf("the old live site changed on its way to standby: %q", got)
	}

	// Publishing v3 again writes nothing at all, in either folder.
	before, live = identities(t, standby), identities(t, out)
	st, err := Swap(out, v3.bytes())
	if err != nil {
		t.Fatal(err)
	}
	checkStats(t, "v3 again", out, st, Stats{Unchanged: 4})
	if got := rewritten(live, identities(t, out)); len(got) != 0 {
		t.Errorf("unchanged rebuild rewrote live files %q", got)
	}
	if got := rewritten(before, identities(t, standby)); len(got) != 0 {
		t.Errorf("unchanged rebuild rewrote standby files %q", got)
	}
}

func TestSwapRefusesBadPaths(t *testing.T) {
	bad := []string{"/abs.html", "../up.html", "a/../../up.html", `a\b.html`, "a//b.html", "nul\x00.html", "SHA256SUMS", "index.html/x"}
	for _, p := range bad {
		t.Run(p, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			for _, s := range []site{siteA, siteB} {
				if _, err := Swap(out, s.bytes()); err != nil {
					t.Fatal(err)
				}
			}
			before := readTree(t, dir)
			files := siteC.bytes()
			files[p] = []byte("evil")
			if _, err := Swap(out, files); err == nil {
				t.Fatalf("Swap accepted %q", p)
			}
			if d := diffTrees(readTree(t, dir), before); d != "" {
				t.Errorf("a refused Swap changed the disk:%s", d)
			}
		})
	}
}

func TestSwapRefusesForeignFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "home")
	if err := os.MkdirAll(filepath.Join(out, "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "photos", "cat.jpg"), []byte("meow"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, filepath.Dir(out))
	_, err := Swap(out, siteA.bytes())
	if err == nil || !strings.Contains(err.Error(), "did not make it") {
		t.Fatalf("Swap into a folder publish did not make: %v, want a refusal", err)
	}
	after := readTree(t, filepath.Dir(out))
	delete(after, ".home.lock")
	if d := diffTrees(after, before); d != "" {
		t.Errorf("a refused Swap changed the disk:%s", d)
	}
}

func TestSwapIntoEmptyFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range []site{siteA, siteB, siteC} {
		if _, err := Swap(out, s.bytes()); err != nil {
			t.Fatal(err)
		}
		checkTree(t, out, s)
	}
}

func TestSwapDamagedLiveManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Swap(out, siteA.bytes()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, ManifestName), []byte("scribbled over\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Swap(out, siteA.bytes())
	if err != nil {
		t.Fatal(err)
	}
	// The live site is learned from its files, so the counts stay honest.
	checkStats(t, "damaged manifest", out, st, Stats{Unchanged: len(siteA)})
	checkTree(t, out, siteA)
}

func TestSwapDirtyStandby(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	standby := filepath.Join(filepath.Dir(out), ".public.standby")
	for _, s := range []site{siteA, siteB} {
		if _, err := Swap(out, s.bytes()); err != nil {
			t.Fatal(err)
		}
	}
	// What a kill, or a meddler, can leave in a standby without manifest.
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Remove(filepath.Join(standby, ManifestName)))
	must(os.WriteFile(filepath.Join(standby, "keep.html"), []byte("same everywh"), 0o644)) // half written
	must(os.WriteFile(filepath.Join(standby, "index.html"), []byte("home X"), 0o644))      // same size, other bytes
	must(os.MkdirAll(filepath.Join(standby, "empty", "deeper"), 0o755))                    // empty folders
	must(os.Symlink("/etc", filepath.Join(standby, "agencies", "link")))                   // a symlink to leave alone
	must(os.Remove(filepath.Join(standby, "ja", "index.html")))                            // missing file
	must(os.Remove(filepath.Join(standby, "flip")))
	must(os.Symlink("/etc/hostname", filepath.Join(standby, "flip"))) // symlink where a file goes
	for _, s := range []site{siteC, siteB, siteA} {
		if _, err := Swap(out, s.bytes()); err != nil {
			t.Fatal(err)
		}
		checkTree(t, out, s)
	}
}

func TestSwapSymlinkedOut(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "www", "site")
	link := filepath.Join(dir, "public")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(real, 0o755))
	must(os.Symlink(real, link))
	for _, s := range []site{siteA, siteB, siteC} {
		if _, err := Swap(link, s.bytes()); err != nil {
			t.Fatal(err)
		}
		checkTree(t, real, s)
		if got, err := os.Readlink(link); err != nil || got != real {
			t.Fatalf("the link now points to %q (%v), want %q", got, err, real)
		}
	}
	if got := siblings(t, real); !slices.Equal(got, []string{".site.lock", ".site.standby", "site"}) {
		t.Errorf("beside the link's target: %q", got)
	}
}

func TestSwapConcurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	sites := []site{siteA, siteB, siteC, siteA, siteB, siteC}
	var wg sync.WaitGroup
	errs := make([]error, len(sites))
	for i, s := range sites {
		wg.Go(func() { _, errs[i] = Swap(out, s.bytes()) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := readTree(t, out)
	for _, s := range sites {
		if diffTrees(got, s.tree()) == "" {
			return
		}
	}
	t.Errorf("after concurrent Swaps, out is none of the sites: %v", got)
}

func TestCleanRestoresFallbackSwap(t *testing.T) {
	tests := []struct {
		name    string
		leave   func(dir string) error // fakes what a killed fallback swap leaves; out holds C, the standby B
		wantOut site
	}{
		{"killed between rename(out, swap) and rename(standby, out)", func(dir string) error {
			return os.Rename(filepath.Join(dir, "public"), filepath.Join(dir, ".public.swap"))
		}, siteC},
		{"killed between rename(standby, out) and rename(swap, standby)", func(dir string) error {
			return os.Rename(filepath.Join(dir, ".public.standby"), filepath.Join(dir, ".public.swap"))
		}, siteC},
		{"not a state the fallback makes: the leftover is deleted", func(dir string) error {
			return os.MkdirAll(filepath.Join(dir, ".public.swap", "junk"), 0o755)
		}, siteC},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			for _, s := range []site{siteA, siteB, siteC} {
				if _, err := Swap(out, s.bytes()); err != nil {
					t.Fatal(err)
				}
			}
			if err := tt.leave(dir); err != nil {
				t.Fatal(err)
			}
			for _, tmp := range []string{".public.tmp-1", ".public.tmp-2/x"} {
				if err := os.MkdirAll(filepath.Join(dir, tmp), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := Clean(out); err != nil {
				t.Fatal(err)
			}
			checkTree(t, out, tt.wantOut)
			if got := siblings(t, out); !slices.Equal(got, []string{".public.lock", ".public.standby", "public"}) {
				t.Errorf("beside out after Clean: %q", got)
			}
			for _, s := range []site{siteA, siteB} {
				if _, err := Swap(out, s.bytes()); err != nil {
					t.Fatal(err)
				}
				checkTree(t, out, s)
			}
		})
	}
}

func TestCleanMissingParent(t *testing.T) {
	if err := Clean(filepath.Join(t.TempDir(), "no", "such", "public")); err != nil {
		t.Errorf("Clean of a folder that never was: %v", err)
	}
}

// TestSwapModes checks that a web server running as another user can read
// the site: folders and files get the modes os.Mkdir(0o755) and
// os.WriteFile(0o644) give under the same umask, not the 0o700 of a
// temporary folder.
func TestSwapModes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	for _, s := range []site{siteA, siteB} { // the first build and the first exchange
		if _, err := Swap(out, s.bytes()); err != nil {
			t.Fatal(err)
		}
		refDir, refFile := filepath.Join(dir, "ref-dir"), filepath.Join(dir, "ref-file")
		if err := os.Mkdir(refDir, 0o755); err != nil && !os.IsExist(err) {
			t.Fatal(err)
		}
		if err := os.WriteFile(refFile, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		mode := func(name string) fs.FileMode {
			fi, err := os.Lstat(name)
			if err != nil {
				t.Fatal(err)
			}
			return fi.Mode()
		}
		wantDir, wantFile := mode(refDir), mode(refFile)
		for _, name := range []string{out, filepath.Join(out, "new", "nested")} {
			if !exists(name) {
				continue // new/nested is only in B
			}
			if got := mode(name); got != wantDir {
				t.Errorf("%s: mode %v, want %v", name, got, wantDir)
			}
		}
		for _, p := range []string{"index.html", ManifestName} {
			if got := mode(filepath.Join(out, p)); got != wantFile {
				t.Errorf("%s: mode %v, want %v", p, got, wantFile)
			}
		}
	}
}

// checkStats compares a publish's counts with want's, and its Manifest
// with the SHA-256 of the SHA256SUMS out holds now.
func checkStats(t *testing.T, name, out string, got, want Stats) {
	t.Helper()
	if got.Written != want.Written || got.Unchanged != want.Unchanged || got.Removed != want.Removed {
		t.Errorf("%s: written %d, unchanged %d, removed %d; want %d, %d, %d",
			name, got.Written, got.Unchanged, got.Removed, want.Written, want.Unchanged, want.Removed)
	}
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if got.Manifest != sha256.Sum256(data) {
		t.Errorf("%s: Stats.Manifest %x, but %s has SHA-256 %x", name, got.Manifest, ManifestName, sha256.Sum256(data))
	}
}
