package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodRecord = `+++
name = "Osaka City"
name_ja = "大阪市"
level = "municipality"
prefecture = "osaka"
code = "271004"
updated = 2021-03-19

[[services]]
name = "Bullying consultation"
category = "consultation"
status = "suspended"
since = 2021-03-19

[[sources]]
title = "Japan gov't to review state use of Line app over personal information fears"
publisher = "The Mainichi"
date = 2021-03-19
+++
Body.
`

// TestMain keeps the stamps `linewatch build` saves (generator/stamp) in
// a folder of the test run's own rather than the user's cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "linewatch-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestBuildTwice: a build with nothing changed since the last says so and
// writes nothing; an edit, a lost output folder or another output folder
// each build again.
func TestBuildTwice(t *testing.T) {
	src := writeSite(t, map[string]string{
		"site.toml":                            "title = \"Twice\"\n",
		"content/agencies/osaka/osaka-city.md": goodRecord,
	})
	out := filepath.Join(t.TempDir(), "public")
	build := func() string {
		t.Helper()
		code, stdout, errs := runCmd("build", "-source", src, "-out", out)
		if code != 0 {
			t.Fatalf("build: exit %d: %s", code, errs)
		}
		return stdout
	}
	if got := build(); !strings.Contains(got, "built") {
		t.Fatalf("first build: %q", got)
	}
	if got := build(); !strings.Contains(got, "nothing changed") {
		t.Errorf("second build with nothing changed: %q", got)
	}
	// Files the build does not read change nothing.
	for _, name := range []string{"content/notes.txt", "content/agencies/osaka/.osaka-city.md.swp", "content/agencies/osaka/README.txt"} {
		if err := os.WriteFile(filepath.Join(src, name), []byte("not a record"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := build(); !strings.Contains(got, "nothing changed") {
		t.Errorf("build after adding files that are not records: %q", got)
	}
	record := filepath.Join(src, "content/agencies/osaka/osaka-city.md")
	if err := os.WriteFile(record, []byte(strings.Replace(goodRecord, "Body.", "New body.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := build(); !strings.Contains(got, "built") {
		t.Errorf("build after an edit: %q", got)
	}
	if data, err := os.ReadFile(filepath.Join(out, "agencies/osaka-city/index.html")); err != nil || !strings.Contains(string(data), "New body.") {
		t.Errorf("the edit was not published (err %v)", err)
	}
	// Rewritten with the same size and modification time, as a save
	// within one tick of the file clock can be: the build read the file
	// a moment after it was written, kept a digest of it, and sees the
	// new content by that.
	fi, err := os.Stat(record)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(record, []byte(strings.Replace(goodRecord, "Body.", "Xew body.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(record, fi.ModTime(), fi.ModTime())
	if got := build(); !strings.Contains(got, "built") {
		t.Errorf("build after a rewrite with the same size and time: %q", got)
	}
	if data, err := os.ReadFile(filepath.Join(out, "agencies/osaka-city/index.html")); err != nil || !strings.Contains(string(data), "Xew body.") {
		t.Errorf("the rewrite was not published (err %v)", err)
	}
	if got := build(); !strings.Contains(got, "nothing changed") {
		t.Errorf("build with nothing changed after the rewrite: %q", got)
	}
	other := filepath.Join(src, "content/agencies/osaka/osaka-city.ja.md")
	if err := os.WriteFile(other, []byte("日本語の本文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := build(); !strings.Contains(got, "built") {
		t.Errorf("build after a record was added: %q", got)
	}
	if err := os.Remove(other); err != nil {
		t.Fatal(err)
	}
	if got := build(); !strings.Contains(got, "built") {
		t.Errorf("build after a record was removed: %q", got)
	}
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	if got := build(); !strings.Contains(got, "built") {
		t.Errorf("build after the output was deleted: %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	if got := build(); !strings.Contains(got, "nothing changed") {
		t.Errorf("build with nothing changed: %q", got)
	}
}

// writeSite makes a site folder the tests have never seen.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{[]string{"-h"}, 0, "Usage:"},
		{[]string{"help"}, 0, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "-nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "-h"}, 0, "-out"},
		{[]string{"check", "-h"}, 0, "-source"},
		{[]string{"new", "-h"}, 0, "scaffold"},
		{[]string{"new"}, 2, "expected 1 argument"},
		{[]string{"check", "extra"}, 2, "expected 0 argument"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("linewatch %v: exit %d, output %q; want exit %d with %q", tt.args, code, out+errs, tt.code, tt.want)
		}
	}
}

func TestBuildAndCheckElsewhere(t *testing.T) {
	src := writeSite(t, map[string]string{
		"site.toml":                            "title = \"Elsewhere\"\n",
		"content/agencies/osaka/osaka-city.md": goodRecord,
	})
	out := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runCmd("check", "-source", src); code != 0 {
		t.Fatalf("check: exit %d: %s", code, errs)
	}
	code, stdout, errs := runCmd("build", "-source", src, "-out", out)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "built") || !strings.Contains(errs, "base_url") {
		t.Errorf("stdout %q, stderr %q", stdout, errs)
	}
	for _, f := range []string{"index.html", "ja/index.html", "agencies/osaka-city/index.html", "prefectures/okinawa/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	// site.toml's out is relative to the site folder.
	if code, _, errs := runCmd("-source", src); code != 0 {
		t.Fatalf("build with default out: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(src, "public", "index.html")); err != nil {
		t.Errorf("default output: %v", err)
	}
}

func TestBrokenContentKeepsOutput(t *testing.T) {
	src := writeSite(t, map[string]string{"content/agencies/osaka/osaka-city.md": goodRecord})
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCmd("build", "-source", src, "-out", out); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	before, err := os.ReadFile(filepath.Join(out, "agencies/osaka-city/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(goodRecord, `status = "suspended"`, `status = "suspend"`, 1)
	if err := os.WriteFile(filepath.Join(src, "content/agencies/osaka/osaka-city.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCmd("build", "-source", src, "-out", out)
	if code != 1 {
		t.Fatalf("broken build: exit %d, want 1", code)
	}
	for _, want := range []string{"content/agencies/osaka/osaka-city.md:", "services[1].status", `did you mean "suspended"`, "1 problem in 1 file"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	after, err := os.ReadFile(filepath.Join(out, "agencies/osaka-city/index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("failed build changed the output (err %v)", err)
	}
	if code, _, _ := runCmd("check", "-source", src); code != 1 {
		t.Errorf("check of broken content: exit %d, want 1", code)
	}
}

func TestRefusesOutputOverSite(t *testing.T) {
	src := writeSite(t, map[string]string{"content/agencies/osaka/osaka-city.md": goodRecord})
	for _, out := range []string{src, filepath.Dir(src), filepath.Join(src, "content", "x"), filepath.Join(src, "layouts")} {
		code, _, errs := runCmd("build", "-source", src, "-out", out)
		if code != 1 || !strings.Contains(errs, "output folder") {
			t.Errorf("-out %s: exit %d, stderr %q; want a refusal", out, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "content/agencies/osaka/osaka-city.md")); err != nil {
		t.Errorf("record disappeared: %v", err)
	}
}

func TestNewScaffold(t *testing.T) {
	src := writeSite(t, map[string]string{"site.toml": ""})
	code, _, errs := runCmd("new", "-source", src, "content/agencies/osaka/sakai-city.md")
	if code != 0 {
		t.Fatalf("new: exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(filepath.Join(src, "content/agencies/osaka/sakai-city.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"name", "name_ja", "level", "prefecture = \"osaka\"", "code", "updated",
		"[[services]]", "category", "status", "since", "personal_data", "sensitive", "alternative", "note",
		"[[services.history]]", "[[sources]]", "title", "publisher", "kind", "url", "archive_url", "quote",
		"under-review", "discontinued", "notification", "official"} {
		if !strings.Contains(string(data), field) {
			t.Errorf("scaffold lacks %q", field)
		}
	}
	// The scaffold has empty names: check must point at them, not crash.
	if code, _, errs := runCmd("check", "-source", src); code != 1 || !strings.Contains(errs, "sakai-city.md") {
		t.Errorf("check of an unfilled scaffold: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCmd("new", "-source", src, "content/agencies/osaka/sakai-city.md"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("second new: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCmd("new", "-source", src, "elsewhere/x.md"); code != 1 {
		t.Errorf("new outside content/: exit %d, want 1", code)
	}
	for _, p := range []string{"content/events/2021-03-18-x.md", "content/pages/about.md"} {
		if code, _, errs := runCmd("new", "-source", src, p); code != 0 {
			t.Errorf("new %s: exit %d: %s", p, code, errs)
		}
	}
}
