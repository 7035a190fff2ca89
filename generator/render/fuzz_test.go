package render_test

import (
	"html"
	"regexp"
	"strings"
	"testing"

	gload "linewatch/generator/load"
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
