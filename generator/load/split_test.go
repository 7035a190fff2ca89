package load

import "testing"

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    parts
		problem bool
	}{
		// Front matter.
		{"front and body", "+++\na = 1\n+++\nbody\n",
			parts{HasFront: true, Front: "a = 1\n", FrontLine: 2, Body: "body\n", BodyLine: 4}, false},
		{"empty front matter", "+++\n+++\nbody",
			parts{HasFront: true, Front: "", FrontLine: 2, Body: "body", BodyLine: 3}, false},
		{"no body", "+++\na = 1\n+++",
			parts{HasFront: true, Front: "a = 1\n", FrontLine: 2, Body: "", BodyLine: 4}, false},
		{"no body, final newline", "+++\na = 1\n+++\n",
			parts{HasFront: true, Front: "a = 1\n", FrontLine: 2, Body: "", BodyLine: 4}, false},
		{"trailing blanks on delimiters", "+++  \na = 1\n+++\t\nbody",
			parts{HasFront: true, Front: "a = 1\n", FrontLine: 2, Body: "body", BodyLine: 4}, false},
		{"second +++ in body stays", "+++\na = 1\n+++\nx\n+++\ny",
			parts{HasFront: true, Front: "a = 1\n", FrontLine: 2, Body: "x\n+++\ny", BodyLine: 4}, false},
		{"+++ inside a multi-line string ends the front matter", "+++\na = \"\"\"\n+++\n\"\"\"\n+++\n",
			parts{HasFront: true, Front: "a = \"\"\"\n", FrontLine: 2, Body: "\"\"\"\n+++\n", BodyLine: 4}, false},

		// No front matter.
		{"body only", "just text\n", parts{Body: "just text\n", BodyLine: 1}, false},
		{"empty file", "", parts{Body: "", BodyLine: 1}, false},
		{"+++ not on the first line", "\n+++\na = 1\n+++\n", parts{Body: "\n+++\na = 1\n+++\n", BodyLine: 1}, false},
		{"++++ is not a delimiter", "++++\nx", parts{Body: "++++\nx", BodyLine: 1}, false},

		// Broken.
		{"no closing +++", "+++\na = 1\nbody\n", parts{}, true},
		{"only an opening +++", "+++", parts{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problem := split(tt.in)
			if (problem != "") != tt.problem {
				t.Fatalf("problem = %q, want problem: %v", problem, tt.problem)
			}
			if got != tt.want {
				t.Errorf("split(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      string
		line, col int // of the problem; 0 when none
	}{
		{"plain", "a\nb", "a\nb", 0, 0},
		{"byte order mark", "\uFEFF+++\n", "+++\n", 0, 0},
		{"CRLF", "+++\r\na = 1\r\n+++\r\nbody\r\n", "+++\na = 1\n+++\nbody\n", 0, 0},
		{"lone CR kept", "a\rb", "a\rb", 0, 0},
		{"invalid UTF-8", "ok\nab\xffc", "", 2, 3},
		{"invalid UTF-8 after Japanese", "大阪\xfe", "", 1, 3},
		{"NUL byte", "a\n\nxy\x00", "", 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, line, col, problem := normalise([]byte(tt.in))
			if (problem != "") != (tt.line != 0) {
				t.Fatalf("problem = %q at %d:%d, want one at %d:%d", problem, line, col, tt.line, tt.col)
			}
			if problem != "" && (line != tt.line || col != tt.col) {
				t.Errorf("problem at %d:%d, want %d:%d", line, col, tt.line, tt.col)
			}
			if got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
		})
	}
}
