package validate

import (
	"strconv"
	"strings"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
)

// configKeys are the keys of site.toml, from DESIGN.md "Site configuration".
var configKeys = []string{"title", "title_ja", "base_url", "out", "license"}

// Defaults for keys site.toml leaves out.
const (
	DefaultTitle = "linewatch"
	DefaultOut   = "public"
)

// config checks site.toml. Every key is optional: the title defaults to
// DefaultTitle, the Japanese title to the title, the output folder to
// DefaultOut; base_url gains a trailing slash so URLs join cleanly.
func config(d load.Doc, diags *diag.List) model.Config {
	cfg := model.Config{Title: DefaultTitle, Out: DefaultOut}
	if d.Path == "" {
		d.Path = load.ConfigPath
	}
	if !d.Broken && d.Fields != nil {
		t := table{c: &checker{doc: &d, diags: diags}, m: d.Fields}
		t.known(configKeys)
		if s := t.str("title", false); s != "" {
			cfg.Title = s
		}
		cfg.TitleJA = t.str("title_ja", false)
		if s := t.str("base_url", false); s != "" {
			if msg := urlProblem(s); msg != "" {
				t.c.errorf("base_url", "%s", msg)
			} else {
				if !strings.HasSuffix(s, "/") {
					s += "/"
				}
				cfg.BaseURL = s
			}
		}
		if _, ok := t.get("out"); ok {
			if s := t.str("out", true); strings.TrimSpace(s) != "" {
				cfg.Out = s
			}
		}
		cfg.License = t.str("license", false)
	}
	if cfg.TitleJA == "" {
		cfg.TitleJA = cfg.Title
	}
	return cfg
}

func itoa(n int) string { return strconv.Itoa(n) }

// suggest is diag.DidYouMean, kept short for the many call sites.
func suggest(got string, options []string) string { return diag.DidYouMean(got, options) }
