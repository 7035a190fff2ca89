package render

import "testing"

func TestOptionsNormal(t *testing.T) {
	tests := []struct {
		in   Options
		want Options
	}{
		{Options{}, Options{BasePath: "/"}},
		{Options{BasePath: "linewatch"}, Options{BasePath: "/linewatch/"}},
		{Options{BaseURL: "https://example.org/linewatch"}, Options{BasePath: "/linewatch/", BaseURL: "https://example.org/linewatch/"}},
		{Options{BaseURL: "https://example.org"}, Options{BasePath: "/", BaseURL: "https://example.org/"}},
		{Options{BasePath: "/a/", BaseURL: "https://example.org/b/"}, Options{BasePath: "/a/", BaseURL: "https://example.org/b/"}},
	}
	for _, tt := range tests {
		if got := tt.in.normal(); got != tt.want {
			t.Errorf("%+v.normal() = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
