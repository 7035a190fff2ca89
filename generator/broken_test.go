package generator_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"linewatch/generator"
)

// TestBrokenFiles adds one broken file at a time to a good site that has
// already been built, and builds again. Each must give exactly one clear
// problem naming that file (so every other record still checks out), in
// bounded time and memory, and leave the previous output as it was; the
// same goes for a Builder that rebuilds after the file is saved, as serve
// does. The limits are load.MaxSize, load.MaxLine and load.MaxNesting, documented
// in docs/content-guide.md, "Limits".
func TestBrokenFiles(t *testing.T) {
	const broken = "content/pages/broken.md"
	const head = "+++\ntitle = \"Broken\"\n+++\n"
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	if err := os.WriteFile(secret, []byte(head+"Not part of the site.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	nested := func(marker string) string {
		return head + strings.Repeat(marker, 10_000) + "x\n"
	}
	cases := []struct {
		name string
		make func(t *testing.T, path string) // writes the broken file at path
		want string                          // the one diagnostic
	}{
		{"invalid UTF-8", text(head + "bad \xff byte\n"),
			broken + ":4:5: file is not valid UTF-8 text (byte 0xff); save it as UTF-8"},
		{"NUL byte", text(head + "nul \x00 byte\n"),
			broken + ":4:5: file contains a NUL byte; is it a binary file?"},
		{"50 MiB record", func(t *testing.T, path string) {
			text(head+strings.Repeat("A line of text.\n", 1<<16))(t, path)
			// The rest is a hole, so the test writes 1 MiB, not 50.
			if err := os.Truncate(path, 50<<20); err != nil {
				t.Fatal(err)
			}
		}, broken + ": file is larger than 1 MiB; a record should be far smaller, so it was not read"},
		{"list nested 10,000 deep", text(nested("- ")),
			broken + ":4: lists or block quotes nested 10000 levels deep; at most 100 are allowed; flatten the body"},
		{"block quote nested 10,000 deep", text(nested(">")),
			broken + ":4: lists or block quotes nested 10000 levels deep; at most 100 are allowed; flatten the body"},
		{"title nested 10,000 deep", text("+++\ntitle = \"" + strings.Repeat("> ", 10_000) + "x\"\n+++\n"),
			broken + ":2:1: title: lists or block quotes nested 10000 levels deep; at most 100 are allowed"},
		{"line of a million characters", text(head + strings.Repeat("a", 1_000_000) + "\n"),
			broken + ":4: line is 1000000 bytes long; at most 65536 are allowed, so the file was not read"},
		{"line of a million characters in the front matter", text("+++\ntitle = \"" + strings.Repeat("[", 1_000_000) + "\"\n+++\n"),
			broken + ":2: line is 1000010 bytes long; at most 65536 are allowed, so the file was not read"},
		{"symbolic link out of the site", link(secret),
			broken + `: symbolic link to "` + filepath.ToSlash(secret) + `" points outside the site folder; copy the file instead`},
		{"relative symbolic link out of the site", func(t *testing.T, path string) {
			// The site folder's parent, three folders up from the link's.
			text(head)(t, filepath.Join(filepath.Dir(path), "../../../secret.md"))
			link("../../../secret.md")(t, path)
		}, broken + `: symbolic link to "../../../secret.md" points outside the site folder; copy the file instead`},
		{"symbolic link out of the site to nothing", link("../../../nowhere.md"),
			broken + `: symbolic link to "../../../nowhere.md" points outside the site folder; copy the file instead`},
		{"unreadable file", func(t *testing.T, path string) {
			if os.Geteuid() == 0 {
				t.Skip("running as root, which reads a file whatever its permissions; the named pipe case covers a file that cannot be read")
			}
			text(head)(t, path)
			if err := os.Chmod(path, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(path, 0o644) })
		}, broken + ": cannot read: permission denied"},
		{"named pipe", mkfifo,
			broken + ": is a named pipe, not a regular file; a record is a plain text file"},
	}
	good := readFixture(t, "testdata/build/minimal.txtar")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, out, serving := servedSite(t, good)
			before := readTree(t, out)

			path := filepath.Join(src, filepath.FromSlash(broken))
			tc.make(t, path)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			alloc := ms.TotalAlloc
			var err error
			done := make(chan error, 1)
			start := time.Now()
			go func() { _, err := buildSite(src, out); done <- err }()
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("build still running after 30 s")
			}
			took := time.Since(start)
			runtime.ReadMemStats(&ms)
			if mb := (ms.TotalAlloc - alloc) >> 20; mb > 64 {
				t.Errorf("build allocated %d MiB, want at most 64", mb)
			}
			if took > 5*time.Second {
				t.Errorf("build took %v, want under 5 s", took)
			}
			var ce *generator.ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("want one content error, got %v", err)
			}
			if got := strings.TrimSuffix(ce.Diags.String(), "\n"); got != tc.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tc.want)
			}
			// The same file saved while serving: the incremental path.
			_, err = serving.Rebuild([]string{broken})
			if !errors.As(err, &ce) || strings.TrimSuffix(ce.Diags.String(), "\n") != tc.want {
				t.Errorf("rebuild: %v\nwant:\n%s", err, tc.want)
			}
			if !equalTrees(before, readTree(t, out)) {
				t.Error("the failed build changed the output")
			}
		})
	}
}

// buildSite builds the site folder src into out with a fresh Builder.
// servedSite writes the site of a txtar archive into a new folder and
// builds it into a new output folder with a Builder kept, as serve keeps
// one to rebuild when a file is saved.
func servedSite(t *testing.T, archive string) (src, out string, serving *generator.Builder) {
	t.Helper()
	src = siteDir(t, archive)
	out = filepath.Join(t.TempDir(), "public")
	serving, err := generator.New(generator.Config{SourceDir: src, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := serving.Build(); err != nil {
		t.Fatalf("good site: %v", err)
	}
	return src, out, serving
}

func buildSite(src, out string) (generator.Result, error) {
	b, err := generator.New(generator.Config{SourceDir: src, Out: out})
	if err != nil {
		return generator.Result{}, err
	}
	return b.Build()
}

// text returns a maker that writes data to the path.
func text(data string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// link returns a maker that makes the path a symbolic link to target.
func link(target string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, path); err != nil {
			t.Skipf("cannot make a symbolic link here: %v", err)
		}
	}
}
