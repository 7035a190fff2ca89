package publish

import (
	"strings"
	"testing"
)

func TestCheckPath(t *testing.T) {
	tests := []struct {
		path string
		want string // substring of the error; "" means accepted
	}{
		// Accepted.
		{"index.html", ""},
		{"agencies/osaka-city/index.html", ""},
		{"ja/都道府県/大阪.html", ""},
		{".well-known/security.txt", ""},
		{"a..b/c", ""},

		// Refused.
		{"", "empty path"},
		{"/etc/passwd", "absolute"},
		{"../x", `".." segment`},
		{"a/../../x", `".." segment`},
		{"a/./b", `"." segment`},
		{".", `"." segment`},
		{"a//b", "empty path segment"},
		{"a/", "empty path segment"},
		{`a\b`, "backslash"},
		{"a\x00b", "control character"},
		{"a\nb", "control character"},
		{"bad\xffutf8", "UTF-8"},
	}
	for _, tt := range tests {
		err := checkPath(tt.path)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("checkPath(%q) = %v, want nil", tt.path, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("checkPath(%q) = %v, want error containing %q", tt.path, err, tt.want)
		}
	}
}

func TestCheckFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string // substrings of the error, all present; none means accepted
	}{
		{"fine", []string{"index.html", "a/b.html", "a/c/d.html"}, nil},
		{"file and folder", []string{"a", "a/b/c.html"}, []string{`"a/b/c.html": "a" is a file`}},
		{"manifest reserved", []string{"SHA256SUMS"}, []string{"reserved"}},
		{"manifest name below root is fine", []string{"x/SHA256SUMS"}, nil},
		{"every problem at once", []string{"/a", "../b", "ok.html"}, []string{`"../b"`, `"/a"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := make(map[string][]byte)
			for _, p := range tt.files {
				files[p] = []byte(p)
			}
			_, err := checkFiles(files)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("checkFiles = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("checkFiles = nil, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("checkFiles = %v, want it to contain %q", err, w)
				}
			}
		})
	}
}
