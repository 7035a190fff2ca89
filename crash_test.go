//go:build unix

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"linewatch/bench/corpus"
)

// TestBuildSurvivesSIGKILL proves issue 6, item 4 with real processes: a
// `linewatch build` killed with SIGKILL at any moment leaves the output
// folder as the whole old site or the whole new one, never a mix and
// never short of a file, and the next build tidies what the killed ones
// left beside it.
//
// The publish package already kills a simulated Swap between each of its
// steps; this test kills the real binary, so it also covers what those
// simulations cannot: the process dying inside a write, a rename or the
// exchange, with the kernel as the only witness.
//
// Three synthetic sites of 300 agencies (bench/corpus, seeds 1 to 3,
// about 840 files and 19 MB of output, every page differing between
// seeds) are built into one output in turn, and each result kept as a
// reference tree, once its SHA256SUMS is found to list exactly its files. The builds then cycle A -> B -> C -> A, each one killed
// after a delay spread from 0 to 1.3 times the time a build takes
// (measured first, then again by each build that finishes before its
// kill), denser towards the end, where the build publishes, so that kills
// land in start-up, loading, rendering, writing the standby and the
// exchange, and a few builds finish. Cycling three sites (not two) keeps
// the standby different from the site being built, so every build
// rewrites most of it rather than merely exchanging folders.
//
// After each attempt the output must equal, file for file and folder for
// folder, the reference of the site it held before or of the one being
// built, and a build that finished must have removed the working folders
// the killed ones left (.public.tmp-*). A last build must succeed and
// leave beside the output only the standby (holding the site that was
// live before it) and the lock file.
//
// Cost: 25-40 s on two busy cores (16 kill points, builds of 1-2 s),
// about 10 s with -short (5 kill points). The binary is built without
// -race even under `go test -race`: the race detector would slow every
// build five- to tenfold, and what is tested here is the process dying,
// not its goroutines.
func TestBuildSurvivesSIGKILL(t *testing.T) {
	points := 16
	if testing.Short() {
		points = 5
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "linewatch")
	gobuild := exec.Command("go", "build", "-o", bin, ".")
	if out, err := gobuild.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	const nsites = 3
	srcs := make([]string, nsites)
	for i := range srcs {
		srcs[i] = filepath.Join(tmp, fmt.Sprintf("site%d", i+1))
		if _, err := corpus.Write(srcs[i], corpus.Options{Agencies: 300, Seed: int64(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	parent := filepath.Join(tmp, "www")
	if err := os.Mkdir(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(parent, "public")
	buildCmd := func(site int) *exec.Cmd {
		return exec.Command(bin, "build", "-source", srcs[site], "-out", out)
	}

	// The reference trees: each site as a finished build leaves it, built
	// in turn into the same output as the killed builds will be.
	refs := make([]map[string]string, nsites)
	var full time.Duration // how long a build rewriting the site takes
	for i := range refs {
		start := time.Now()
		if o, err := buildCmd(i).CombinedOutput(); err != nil {
			t.Fatalf("build site %d: %v\n%s", i+1, err, o)
		}
		if d := time.Since(start); i > 0 { // the first is a cold build
			full = max(full, d)
		}
		refs[i] = tree(t, out)
		if err := checkSums(out, refs[i]); err != nil {
			t.Fatalf("site %d: %v", i+1, err)
		}
	}
	for i := 1; i < nsites; i++ {
		if same(refs[i], refs[i-1]) {
			t.Fatalf("sites %d and %d build the same output; the test could not tell them apart", i, i+1)
		}
	}
	t.Logf("a build rewriting the site takes %v", full.Round(time.Millisecond))

	live := nsites - 1 // the site out holds
	var killedOld, killedNew, finished, leftBehind int
	for k := range points {
		target := (live + 1) % nsites
		// Denser towards the end, where the build publishes.
		delay := time.Duration(1.3 * float64(full) * math.Sqrt(float64(k)/float64(points-1)))
		start := time.Now()
		cmd := buildCmd(target)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		killed := false
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("kill point %d: build of site %d failed unkilled: %v\n%s", k, target+1, err, stderr.String())
			}
			// The machine's load changes while the test runs: follow it,
			// so that the later kill points still fall inside a build.
			full = (full + time.Since(start)) / 2
		case <-time.After(delay):
			// The build may have exited, and been waited for, just
			// before the signal: Signal then says so with
			// os.ErrProcessDone, and the exit status below tells.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Fatalf("kill point %d: SIGKILL: %v", k, err)
			}
			err := <-exited
			var ee *exec.ExitError
			if err != nil {
				if !errors.As(err, &ee) {
					t.Fatalf("kill point %d: wait: %v", k, err)
				}
				ws, _ := ee.Sys().(syscall.WaitStatus)
				if !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
					t.Fatalf("kill point %d: build of site %d failed, not killed: %v\n%s", k, target+1, err, stderr.String())
				}
				killed = true
			}
		}

		if killed && len(workFolders(t, parent)) > 0 {
			leftBehind++ // killed while publishing
		}
		got := tree(t, out)
		switch {
		case same(got, refs[target]):
			if killed {
				killedNew++
			} else {
				finished++
				if n := workFolders(t, parent); len(n) > 0 {
					t.Fatalf("kill point %d: a build that finished left %q beside the output", k, n)
				}
			}
			live = target
		case same(got, refs[live]):
			if !killed {
				t.Fatalf("kill point %d: a build of site %d that exited 0 left site %d in place", k, target+1, live+1)
			}
			killedOld++
		default:
			t.Fatalf("kill point %d (after %v, killed %v): the output is neither site %d nor site %d:\n%s",
				k, delay.Round(time.Millisecond), killed, live+1, target+1, diffTrees(got, refs[live], refs[target]))
		}
	}
	t.Logf("%d kill points: %d kills left the old site, %d the new one, %d builds finished first; %d kills left a working folder",
		points, killedOld, killedNew, finished, leftBehind)
	if killedOld+killedNew == 0 {
		t.Errorf("no build was killed while it ran: the kill points miss the build")
	}

	// The next build cleans up after the killed ones.
	prev := live
	target := (live + 1) % nsites
	if o, err := buildCmd(target).CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, o)
	}
	if got := tree(t, out); !same(got, refs[target]) {
		t.Fatalf("the build after the kills left a wrong site:\n%s", diffTrees(got, refs[target], refs[target]))
	}
	standby := filepath.Join(parent, ".public.standby")
	if got := tree(t, standby); !same(got, refs[prev]) {
		t.Errorf("the standby does not hold the site that was live before the last build:\n%s", diffTrees(got, refs[prev], refs[prev]))
	}
	if got, want := names(t, parent), []string{".public.lock", ".public.standby", "public"}; !slices.Equal(got, want) {
		t.Errorf("beside the output after the last build: %q, want %q", got, want)
	}
}

// tree describes every entry under root: a file by its SHA-256, a folder
// by "dir/". Anything else (a symlink, a FIFO) fails the test, since
// publish writes neither.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			m[rel] = "dir/"
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			m[rel] = hex.EncodeToString(sum[:])
		default:
			return fmt.Errorf("%s: not a file or a folder (%v)", rel, d.Type())
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", root, err)
	}
	return m
}

// checkSums says whether the SHA256SUMS at the root of a built site lists
// every other file of its tree, m, with its digest, and nothing else: the
// reference trees are then true sites, and comparing with them compares
// with what the manifest promises.
func checkSums(root string, m map[string]string) error {
	data, err := os.ReadFile(filepath.Join(root, "SHA256SUMS"))
	if err != nil {
		return err
	}
	listed := make(map[string]string)
	for line := range strings.Lines(string(data)) {
		sum, p, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "  ")
		if !ok {
			return fmt.Errorf("SHA256SUMS: malformed line %q", line)
		}
		listed[p] = sum
	}
	files := make(map[string]string)
	for p, v := range m {
		if v != "dir/" && p != "SHA256SUMS" {
			files[p] = v
		}
	}
	if !same(listed, files) {
		return fmt.Errorf("SHA256SUMS does not match the files beside it:\n%s", diffTrees(listed, files, files))
	}
	return nil
}

func same(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// diffTrees says, for the first few entries, whether got has each as in
// site a, as in site b, as in neither, or lacks it: enough to see a mix.
func diffTrees(got, a, b map[string]string) string {
	keys := make([]string, 0, len(got)+len(a)+len(b))
	for _, m := range []map[string]string{got, a, b} {
		for k := range m {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	counts := map[string]int{}
	var lines []string
	for _, k := range keys {
		g, inGot := got[k]
		var what string
		switch {
		case !inGot:
			what = "missing"
		case g == a[k] && g == b[k]:
			what = "same in both"
		case g == a[k]:
			what = "as old"
		case g == b[k]:
			what = "as new"
		default:
			what = "in neither"
		}
		counts[what]++
		if what != "same in both" && len(lines) < 20 {
			lines = append(lines, fmt.Sprintf("  %s: %s", k, what))
		}
	}
	return fmt.Sprintf("%v\n%s", counts, strings.Join(lines, "\n"))
}

// workFolders lists the working folders of builds in dir.
func workFolders(t *testing.T, dir string) []string {
	t.Helper()
	var ns []string
	for _, n := range names(t, dir) {
		if strings.HasPrefix(n, ".public.tmp-") || n == ".public.swap" {
			ns = append(ns, n)
		}
	}
	return ns
}

// names lists a folder, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return ns
}
