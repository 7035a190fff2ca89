package render

import "testing"

func TestOptionsNormal(t *testing.T) {
	const r, e = RowsPerPage, EventsPerPage
	tests := []struct {
		in   Options
		want Options
	}{
		{Options{}, Options{BasePath: "/", RowsPerPage: r, EventsPerPage: e}},
		{Options{BasePath: "linewatch"}, Options{BasePath: "/linewatch/", RowsPerPage: r, EventsPerPage: e}},
		{Options{BaseURL: "https://example.org/linewatch"}, Options{BasePath: "/linewatch/", BaseURL: "https://example.org/linewatch/", RowsPerPage: r, EventsPerPage: e}},
		{Options{BaseURL: "https://example.org"}, Options{BasePath: "/", BaseURL: "https://example.org/", RowsPerPage: r, EventsPerPage: e}},
		{Options{BasePath: "/a/", BaseURL: "https://example.org/b/"}, Options{BasePath: "/a/", BaseURL: "https://example.org/b/", RowsPerPage: r, EventsPerPage: e}},
		// Page sizes: tests set small ones; zero or less is the default.
		{Options{RowsPerPage: 3, EventsPerPage: 2}, Options{BasePath: "/", RowsPerPage: 3, EventsPerPage: 2}},
		{Options{RowsPerPage: -1, EventsPerPage: -5}, Options{BasePath: "/", RowsPerPage: r, EventsPerPage: e}},
	}
	for _, tt := range tests {
		if got := tt.in.normal(); got != tt.want {
			t.Errorf("%+v.normal() = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
