package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout, or in stderr when code != 0
	}{
		{"writes", []string{"-n", "60", "-seed", "2", "-out", dir}, 0, "60 agencies, "},
		{"refuses a full folder", []string{"-n", "60", "-out", dir}, 1, "not empty"},
		{"needs -out", []string{"-n", "60"}, 2, "usage: corpus"},
		{"stray argument", []string{"-out", dir, "extra"}, 2, "usage: corpus"},
		{"unknown flag", []string{"-x"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			got := stdout.String()
			if code != 0 {
				got = stderr.String()
			}
			if code != tt.code || !strings.Contains(got, tt.out) {
				t.Errorf("run(%q) = %d, %q; want %d and %q", tt.args, code, got, tt.code, tt.out)
			}
		})
	}
}
