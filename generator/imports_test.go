package generator_test

import (
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// allowed is the import table of STYLE.md: what each package may import
// from within the module. The leaves know nothing of the rest, and the
// graph has no cycles; this test keeps it so.
var allowed = map[string][]string{
	"generator":                   {"checked", "diag", "load", "model", "publish", "refdata", "render", "stamp", "validate", "watch", "serve", "layouts"},
	"generator/checked":           {"model"},
	"generator/diag":              {},
	"generator/refdata":           {},
	"generator/load":              {"diag", "load/tomlfast", "internal/quick"},
	"generator/load/tomlfast":     {},
	"generator/validate":          {"load", "model", "refdata", "diag"},
	"generator/model":             {},
	"generator/render":            {"model", "diag", "render/tmplexec", "render/mdfast"},
	"generator/render/mdfast":     {},
	"generator/render/tmplexec":   {},
	"generator/publish":           {"internal/quick"},
	"generator/stamp":             {},
	"generator/watch":             {"load"},
	"generator/serve":             {},
	"generator/internal/sitetest": {"generator"},
	"generator/internal/quick":    {},
	"generator/browsertest":       {},
	"layouts":                     {},
	".":                           {"generator"},
}

func TestImportGraph(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for pkg, ok := range allowed {
		p, err := build.ImportDir(filepath.Join(root, pkg), 0)
		if err != nil {
			if _, noGo := err.(*build.NoGoError); noGo {
				continue
			}
			if strings.Contains(err.Error(), "cannot find package") || strings.Contains(err.Error(), "no such file") {
				continue
			}
			t.Errorf("%s: %v", pkg, err)
			continue
		}
		for _, imp := range p.Imports {
			rest, inModule := strings.CutPrefix(imp, "linewatch/")
			if !inModule {
				continue
			}
			short := rest
			if rest != "generator" {
				short = strings.TrimPrefix(rest, "generator/")
			}
			if !slices.Contains(ok, short) {
				t.Errorf("%s imports %s, which the package table in STYLE.md does not allow", pkg, imp)
			}
		}
	}
}
