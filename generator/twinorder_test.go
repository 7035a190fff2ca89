package generator

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"linewatch/generator/render"
)

// TestTwinOrderIsSort: twinOrder gives the order of a sort by neutral URL
// and language, whether the pages come sorted by URL (a cold build's
// plan, which it merges) or not (a rebuild's, which it sorts), and for
// any subset of them.
func TestTwinOrderIsSort(t *testing.T) {
	for seed := range uint64(100) {
		r := rand.New(rand.NewPCG(seed, 3))
		var pages []render.Page
		for i := range r.IntN(40) + 1 {
			path := fmt.Sprintf("/%s/%d/", []string{"agencies", "a", "jb", "status"}[r.IntN(4)], i%9)
			if r.IntN(3) > 0 {
				pages = append(pages, render.Page{URL: path, Lang: render.En})
			}
			if r.IntN(3) > 0 {
				pages = append(pages, render.Page{URL: "/ja" + path, Lang: render.Ja})
			}
		}
		pages = append(pages, render.Page{URL: "/404.html", Lang: render.En})
		slices.SortFunc(pages, func(a, b render.Page) int { return cmp.Compare(a.URL, b.URL) })
		pages = slices.CompactFunc(pages, func(a, b render.Page) bool { return a.URL == b.URL })
		if r.IntN(2) == 0 {
			r.Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
		}
		var which []int
		for i := range pages {
			if r.IntN(4) > 0 {
				which = append(which, i)
			}
		}
		want := slices.Clone(which)
		slices.SortFunc(want, func(a, b int) int {
			return cmp.Or(strings.Compare(neutralURL(pages[a].URL), neutralURL(pages[b].URL)), strings.Compare(pages[a].Lang, pages[b].Lang))
		})
		twinOrder(pages, which)
		if !slices.Equal(which, want) {
			t.Fatalf("seed %d: twinOrder gave %v, a sort %v", seed, which, want)
		}
	}
}
