package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMergePagesIsSort: merging sorted halves and one more page gives the
// order sortPages gives the lot, on random URLs, empty halves included.
func TestMergePagesIsSort(t *testing.T) {
	for seed := range uint64(100) {
		r := rand.New(rand.NewPCG(seed, 2))
		// Unique URLs, as a plan has; some share long prefixes.
		var urls []string
		for i := range r.IntN(60) + 1 {
			urls = append(urls, fmt.Sprintf("/%s/%d/", []string{"a", "ja/a", "ja", "b", "agencies"}[r.IntN(5)], i*7%13+i))
		}
		slices.Sort(urls)
		urls = slices.Compact(urls)
		r.Shuffle(len(urls), func(i, j int) { urls[i], urls[j] = urls[j], urls[i] })
		more := Page{URL: urls[0]}
		halves := make([][]Page, 2)
		for _, u := range urls[1:] {
			k := r.IntN(2)
			halves[k] = append(halves[k], Page{URL: u})
		}
		want := append(slices.Concat(halves...), more)
		sortPages(want)
		for _, h := range halves {
			sortPages(h)
		}
		if got := mergePages(halves, more); !slices.Equal(urlsOf(got), urlsOf(want)) {
			t.Fatalf("seed %d: merged %v, sorted %v", seed, urlsOf(got), urlsOf(want))
		}
	}
}

func urlsOf(pages []Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.URL
	}
	return out
}
