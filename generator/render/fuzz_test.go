package render_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"

	gload "linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/render"
)

// FuzzMarkdown feeds arbitrary text through Markdown and MarkdownInline.
// Neither may panic or fail, and no output may hold a script element or a
// link or image whose address would run code, however the input hides it.
// Text nested deeper than load.MaxNesting never reaches the renderer (load
// and validate refuse it), so it is skipped here too.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nA *body* with a [link](https://example.org) and `code`.\n",
		"<script>alert(1)</script>\n",
		"inline <script>alert(1)</script> html\n",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](java\tscript:alert(1))\n",
		"![img](javascript:alert(1)) <javascript:alert(1)> [r][1]\n\n[1]: javascript:alert(1)\n",
		"[x](&#106;avascript:alert(1)) [y](javascript&colon;alert(1)) [d](data:text/html,x)\n",
		"| a | b |\n| - | - |\n| <b> | [x](vbscript:x) |\n",
		"> - 1. nested\n>   - deeper\n\n~~struck~~ www.example.org\n",
		"<div onclick=\"x\">\n\n</div>\n<!-- comment -->\n",
		"```html\n<script>\n```\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		if depth, _ := gload.Nesting(src); depth > gload.MaxNesting {
			return
		}
		block, err := render.Markdown(src)
		if err != nil {
			t.Fatalf("Markdown(%q): %v", src, err)
		}
		inline, err := render.MarkdownInline(src)
		if err != nil {
			t.Fatalf("MarkdownInline(%q): %v", src, err)
		}
		for _, out := range []string{string(block), string(inline)} {
			if bad := unsafeOutput(out); bad != "" {
				t.Fatalf("Markdown(%q) = %q: %s", src, out, bad)
			}
		}
	})
}

// attrURL matches an href or src attribute's value as goldmark writes it.
var attrURL = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*"([^"]*)"`)

// unsafeOutput says what makes rendered HTML unsafe, or "" when nothing
// does: a script element, or an address that a browser would run, read as
// a browser reads it (entities decoded, tabs and newlines dropped).
func unsafeOutput(out string) string {
	if strings.Contains(strings.ToLower(out), "<script") {
		return "holds <script"
	}
	for _, m := range attrURL.FindAllStringSubmatch(out, -1) {
		u := strings.ToLower(strings.TrimSpace(html.UnescapeString(m[1])))
		u = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, u)
		for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.HasPrefix(u, scheme) {
				return "links to " + scheme
			}
		}
	}
	return ""
}

// FuzzData puts arbitrary text in every free-text field of a service and
// a source and writes the open data. agencies.json must be valid JSON that
// gives the text back (invalid UTF-8 as U+FFFD), services.csv must parse
// back, and no CSV cell may begin as a formula.
func FuzzData(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("-3")
	f.Add("\uff1dSUM(A1)")
	f.Fuzz(func(t *testing.T, s string) {
		in := dataFixture()
		a := &in.Agencies[0]
		a.Services = append(a.Services, model.Service{Name: s, NameJA: s, Note: s, NoteJA: s, Alternative: s, Category: model.Other, Status: model.Active})
		a.Sources = append(a.Sources, model.Source{Title: s, Publisher: s, Quote: s, URL: s})
		files, err := render.Data(model.New(in), render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var back struct {
			Agencies []struct {
				Slug     string
				Services []struct {
					Name   string `json:"name"`
					NoteJA string `json:"note_ja"`
				}
			}
		}
		if err := json.Unmarshal(files[render.AgenciesJSON], &back); err != nil {
			t.Fatalf("agencies.json with %q: %v", s, err)
		}
		found := false
		for _, ag := range back.Agencies {
			for _, sv := range ag.Services {
				found = found || ag.Slug == a.Slug && sv.Name == string([]rune(s)) && sv.NoteJA == sv.Name
			}
		}
		if !found {
			t.Fatalf("agencies.json lost %q", s)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files[render.ServicesCSV], []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("services.csv with %q: %v", s, err)
		}
		for _, r := range rows {
			for _, cell := range r {
				if c := []rune(cell); len(c) > 0 && strings.ContainsRune("=+-@\t\r\uff1d\uff0b\uff0d\uff20", c[0]) {
					t.Fatalf("cell %q starts a formula", cell)
				}
			}
		}
	})
}
