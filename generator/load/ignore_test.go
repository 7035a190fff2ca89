package load

import "testing"

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"osaka-city.md", false},
		{"osaka-city.ja.md", false},
		{"osaka-city.toml", false},
		{"4913.md", false},
		{"notes.txt", false},

		{"", true},
		{".osaka-city.md.swp", true},
		{"osaka-city.md.swx", true},
		{"osaka-city.md~", true},
		{".#osaka-city.md", true},
		{"#osaka-city.md#", true},
		{"4913", true},
		{".DS_Store", true},
		{".hidden.md", true},
		{"osaka-city.md.tmp", true},
		{"osaka-city.md___jb_tmp___", true},
		{"osaka-city.md___jb_old___", true},
	}
	for _, tt := range tests {
		if got := Ignored(tt.name); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
