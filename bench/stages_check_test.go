package bench

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"linewatch/generator"
)

// TestStageFixture runs what the stage benchmarks run, once, on a small
// synthetic site, so `go test ./bench/...` catches a broken benchmark
// without running the benchmarks: every stage succeeds, every page
// executes, and a one-record edit re-renders and writes a few files only.
func TestStageFixture(t *testing.T) {
	f := newFixture(t, 60)
	outs, err := executeAll(f.lay, f.pages)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs {
		if len(o) == 0 {
			t.Errorf("%s: empty page", f.pages[i].URL)
		}
	}

	fsys := maps.Clone(f.fsys)
	bld, err := generator.New(generator.Config{Source: fsys, Out: filepath.Join(scratch(t), "public")})
	if err != nil {
		t.Fatal(err)
	}
	full, err := bld.Build()
	if err != nil {
		t.Fatal(err)
	}
	if full.Pages != len(f.pages) || full.Stats.Written != full.Files {
		t.Fatalf("cold build %+v, want %d pages, every file written", full, len(f.pages))
	}
	for i, p := range agencyRecords(fsys, 3) {
		data, err := renameService(fsys[p].Data, fmt.Sprintf("Edited service %d", i))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		fsys[p] = &fstest.MapFile{Data: data}
		res, err := bld.Rebuild([]string{p})
		if err != nil {
			t.Fatal(err)
		}
		if res.Rendered == 0 || res.Rendered > full.Pages/2 || res.Stats.Written == 0 || res.Stats.Written > full.Files/2 {
			t.Errorf("edit of %s: %d of %d pages rendered, %+v written; want a few", p, res.Rendered, full.Pages, res.Stats)
		}
		slug := strings.TrimSuffix(filepath.Base(p), ".md")
		if page := bld.Files()["agencies/"+slug+"/index.html"]; !strings.Contains(string(page), fmt.Sprintf("Edited service %d", i)) {
			t.Errorf("edit of %s: the agency page does not show it", p)
		}
	}
}

// TestRenameService checks the edit the benchmarks make.
func TestRenameService(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{"first service", "x\n[[services]]\nname = \"A\"\n[[services]]\nname = \"B\"\n", "x\n[[services]]\nname = \"Z\"\n[[services]]\nname = \"B\"\n", ""},
		{"no service", "name = \"A\"\n", "", "no service"},
		{"unterminated", "[[services]]\nname = \"A", "", "unterminated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := renameService([]byte(tt.in), "Z")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
