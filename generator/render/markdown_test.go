package render_test

import (
	"strings"
	"testing"

	"linewatch/generator/render"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings; "! " negates
	}{
		{"paragraph", "Hello *world*.", []string{"<p>Hello <em>world</em>.</p>"}},
		{"gfm table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<th>a</th>", "<td>2</td>"}},
		{"table scrolls in a named region", "| Bodies | \"Ops\" <b>x</b> |\n|---|---|\n| 1 | 2 |", []string{`<div class="table-wrap" role="region" tabindex="0" aria-label="Bodies, &#34;Ops&#34; x">` + "\n<table>", "</table>\n</div>"}},
		{"strikethrough", "~~old~~ new", []string{"<del>old</del> new"}},
		{"linkify", "see https://example.org/x and www.example.org", []string{`<a href="https://example.org/x">https://example.org/x</a>`, `<a href="http://www.example.org">www.example.org</a>`}},
		{"raw inline html", "a <span style=\"x\">b</span> c", []string{"a &lt;span style=&#34;x&#34;&gt;b&lt;/span&gt; c", "! <span"}},
		{"raw block html", "<script>\nalert(1)\n</script>", []string{"&lt;script&gt;\nalert(1)\n&lt;/script&gt;", "! <script>"}},
		{"html comment", "<!-- hidden -->", []string{"&lt;!-- hidden --&gt;"}},
		{"javascript link", "[x](javascript:alert(1))", []string{"<p>x</p>", "! href"}},
		{"padded scheme", "[x]( JAVASCRIPT:alert(1))", []string{"! href"}},
		{"vbscript link", "[x](vbscript:msgbox)", []string{"! href"}},
		{"data link", "[x](data:text/html,hi)", []string{"! href"}},
		{"data image", "![alt](data:image/png;base64,AAAA)", []string{"alt", "! <img"}},
		{"javascript autolink", "<javascript:alert(1)>", []string{"javascript:alert(1)", "! href"}},
		{"safe links stay", "[x](https://example.org/) [y](/about/) [z](mailto:a@example.org)", []string{`href="https://example.org/"`, `href="/about/"`, `href="mailto:a@example.org"`}},
		{"nested emphasis in bad link", "[**bold**](javascript:x)", []string{"<strong>bold</strong>", "! href"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := render.Markdown(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if neg, ok := strings.CutPrefix(w, "! "); ok {
					if strings.Contains(string(got), neg) {
						t.Errorf("Markdown(%q) = %q, contains %q", tt.src, got, neg)
					}
				} else if !strings.Contains(string(got), w) {
					t.Errorf("Markdown(%q) = %q, lacks %q", tt.src, got, w)
				}
			}
		})
	}
}

func TestMarkdownInline(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a *note*", "a <em>note</em>"},
		{"<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"},
		{"two\n\nparagraphs", "<p>two</p>\n<p>paragraphs</p>\n"},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := render.MarkdownInline(tt.src)
		if err != nil || string(got) != tt.want {
			t.Errorf("MarkdownInline(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}
