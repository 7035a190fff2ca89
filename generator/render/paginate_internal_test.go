package render

import (
	"slices"
	"testing"
)

func TestPaginate(t *testing.T) {
	tests := []struct {
		name    string
		n, size int
		want    []pageSpan
	}{
		{"empty list still has page 1", 0, 3, []pageSpan{{Number: 1, Count: 1, Lo: 0, Hi: 0, Total: 0}}},
		{"fewer rows than a page", 2, 3, []pageSpan{{1, 1, 0, 2, 2}}},
		{"exactly one page", 3, 3, []pageSpan{{1, 1, 0, 3, 3}}},
		{"one row over", 4, 3, []pageSpan{{1, 2, 0, 3, 4}, {2, 2, 3, 4, 4}}},
		{"exact pages", 6, 3, []pageSpan{{1, 2, 0, 3, 6}, {2, 2, 3, 6, 6}}},
		{"one row a page", 3, 1, []pageSpan{{1, 3, 0, 1, 3}, {2, 3, 1, 2, 3}, {3, 3, 2, 3, 3}}},
		{"size below 1 is 1", 2, 0, []pageSpan{{1, 2, 0, 1, 2}, {2, 2, 1, 2, 2}}},
	}
	for _, tt := range tests {
		if got := paginate(tt.n, tt.size); !slices.Equal(got, tt.want) {
			t.Errorf("%s: paginate(%d, %d) = %v, want %v", tt.name, tt.n, tt.size, got, tt.want)
		}
	}
	// Every row is on exactly one page, and pageOf finds it there.
	for n := range 25 {
		for size := 1; size < 7; size++ {
			next := 0
			for _, sp := range paginate(n, size) {
				if sp.Lo != next || sp.Hi < sp.Lo || sp.Hi-sp.Lo > size {
					t.Fatalf("paginate(%d, %d): page %v after row %d", n, size, sp, next)
				}
				for i := sp.Lo; i < sp.Hi; i++ {
					if got := pageOf(i, size); got != sp.Number {
						t.Errorf("pageOf(%d, %d) = %d, want %d", i, size, got, sp.Number)
					}
				}
				next = sp.Hi
			}
			if next != n {
				t.Errorf("paginate(%d, %d) covers %d rows", n, size, next)
			}
		}
	}
}

func TestPagePath(t *testing.T) {
	for _, tt := range []struct {
		path string
		k    int
		want string
	}{
		{"/status/active/", 1, "/status/active/"},
		{"/status/active/", 2, "/status/active/page/2/"},
		{"/timeline/", 12, "/timeline/page/12/"},
		{"/national/", 0, "/national/"},
	} {
		if got := pagePath(tt.path, tt.k); got != tt.want {
			t.Errorf("pagePath(%q, %d) = %q, want %q", tt.path, tt.k, got, tt.want)
		}
	}
}

func TestPageWindow(t *testing.T) {
	tests := []struct {
		n, count, w int
		want        []int // 0 is a gap
	}{
		{1, 1, 2, []int{1}},
		{1, 2, 2, []int{1, 2}},
		{1, 5, 2, []int{1, 2, 3, 4, 5}},
		{1, 10, 2, []int{1, 2, 3, 0, 10}},
		{5, 10, 2, []int{1, 2, 3, 4, 5, 6, 7, 0, 10}}, // a gap of one page shows the page
		{6, 20, 2, []int{1, 0, 4, 5, 6, 7, 8, 0, 20}},
		{20, 20, 2, []int{1, 0, 18, 19, 20}},
		{50, 100, 1, []int{1, 0, 49, 50, 51, 0, 100}},
	}
	for _, tt := range tests {
		if got := pageWindow(tt.n, tt.count, tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("pageWindow(%d, %d, %d) = %v, want %v", tt.n, tt.count, tt.w, got, tt.want)
		}
	}
}

func TestShape(t *testing.T) {
	type row struct {
		slug string
		i    int
	}
	sum := func(sp pageSpan, rows ...row) uint64 {
		s := newShape(sp)
		for _, r := range rows {
			s.row(r.slug, r.i)
		}
		return uint64(s)
	}
	sp := pageSpan{Number: 2, Count: 3, Lo: 2, Hi: 4, Total: 5}
	base := sum(sp, row{"a", 0}, row{"a", 1})
	if again := sum(sp, row{"a", 0}, row{"a", 1}); again != base {
		t.Errorf("the same rows give %x and %x", base, again)
	}
	for name, other := range map[string]uint64{
		"other service of the same agency": sum(sp, row{"a", 1}, row{"a", 2}),
		"rows swapped":                     sum(sp, row{"a", 1}, row{"a", 0}),
		"slug boundary moved":              sum(sp, row{"ab", 0}, row{"", 0}),
		"one row fewer":                    sum(sp, row{"a", 0}),
		"more rows in the list":            sum(pageSpan{Number: 2, Count: 3, Lo: 2, Hi: 4, Total: 6}, row{"a", 0}, row{"a", 1}),
		"more pages in the list":           sum(pageSpan{Number: 2, Count: 4, Lo: 2, Hi: 4, Total: 5}, row{"a", 0}, row{"a", 1}),
		"another page number":              sum(pageSpan{Number: 3, Count: 3, Lo: 2, Hi: 4, Total: 5}, row{"a", 0}, row{"a", 1}),
	} {
		if other == base {
			t.Errorf("%s: same shape %x", name, base)
		}
	}
}
