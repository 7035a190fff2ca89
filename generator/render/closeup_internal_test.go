package render

import (
	"slices"
	"testing"
)

// TestCloseUp checks that halves planned into the two ends of one slice
// come back as one slice in order, with the extra page last, whether
// they fit their room or one outgrew it and was planned elsewhere.
func TestCloseUp(t *testing.T) {
	page := func(url string) Page { return Page{URL: url} }
	urls := func(ps []Page) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.URL)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		est    int
		en, ja []string
	}{
		{"both fit", 3, []string{"/a/", "/b/"}, []string{"/ja/a/", "/ja/b/", "/ja/c/"}},
		{"first empty", 2, nil, []string{"/ja/a/"}},
		{"both empty", 2, nil, nil},
		{"first outgrew", 1, []string{"/a/", "/b/"}, []string{"/ja/a/"}},
		{"second outgrew", 1, []string{"/a/"}, []string{"/ja/a/", "/ja/b/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := make([]Page, 0, 2*tc.est+1)
			halves := [][]Page{one[0:0:tc.est], one[tc.est : tc.est : 2*tc.est]}
			for _, u := range tc.en {
				halves[0] = append(halves[0], page(u))
			}
			for _, u := range tc.ja {
				halves[1] = append(halves[1], page(u))
			}
			got := closeUp(one, halves, tc.est, page("/404.html"))
			want := append(append(slices.Clone(tc.en), tc.ja...), "/404.html")
			if !slices.Equal(urls(got), want) {
				t.Errorf("got %q, want %q", urls(got), want)
			}
			for i, p := range got[len(got):cap(got)] {
				if p.URL != "" {
					t.Errorf("slot %d past the end still holds %q", len(got)+i, p.URL)
				}
			}
		})
	}
}
