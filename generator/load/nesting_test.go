package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestNesting(t *testing.T) {
	tests := []struct {
		in          string
		depth, line int
	}{
		{"", 0, 0},
		{"plain text\n", 0, 0},
		{"- a\n  - b\n    - c\n", 3, 3},
		{"> > quoted\n", 2, 1},
		{">>>x\n", 3, 1},
		{"1. one\n   2) two\n", 2, 2},
		{"- - - x\n", 3, 1},
		{"-not a list\n", 0, 0},
		{"2021-03-17 is a date\n", 0, 0},
		{"**bold**\n", 0, 0},
		{"text\n" + strings.Repeat("> ", 10000) + "x\n", 10000, 2},
		{strings.Repeat("- ", 10000) + "x\n", 10000, 1},
		{"\t\t- x\n", 5, 1},
	}
	for _, tt := range tests {
		if depth, line := Nesting(tt.in); depth != tt.depth || line != tt.line {
			t.Errorf("Nesting(%.20q) = %d, %d; want %d, %d", tt.in, depth, line, tt.depth, tt.line)
		}
	}
}

// TestDeepNesting refuses a body nested beyond MaxNesting, naming the line,
// and keeps one nested to the limit.
func TestDeepNesting(t *testing.T) {
	head := "+++\nname = \"x\"\n+++\nintro\n\n"
	at := head + strings.Repeat(">", MaxNesting) + " x\n"
	over := head + strings.Repeat(">", MaxNesting+1) + " x\n"
	fsys := fstest.MapFS{
		"content/pages/at.md":   {Data: []byte(at)},
		"content/pages/over.md": {Data: []byte(over)},
	}
	if d, diags := File(fsys, "content/pages/at.md"); len(diags) > 0 || d.Broken {
		t.Errorf("nested to the limit: %v", diags)
	}
	d, diags := File(fsys, "content/pages/over.md")
	want := "content/pages/over.md:6: lists or block quotes nested 101 levels deep; at most 100 are allowed; flatten the body\n"
	if !d.Broken || diags.String() != want {
		t.Errorf("nested beyond the limit: %q, broken %v; want %q", diags.String(), d.Broken, want)
	}
}
