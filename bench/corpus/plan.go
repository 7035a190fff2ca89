package corpus

import (
	"cmp"
	"fmt"
	"slices"

	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// spec is one agency to write: who it is, before any random draw.
type spec struct {
	slug   string
	dir    string // folder under content/agencies
	name   string
	nameJA string
	level  model.Level
	pref   string // prefecture slug; "" for national bodies
	code   string // real local-government code, or "" when none is left
}

// plan decides the agencies of a site of n: about 1% national bodies (at
// least one), then the prefectural governments (all 47 once n allows),
// then municipalities apportioned over the 47 prefectures in proportion to
// their real number of municipalities.
func plan(n int, ref *refdata.Data) []spec {
	if n <= 0 {
		return nil
	}
	national := min(n, max(1, (n+50)/100))
	prefs := min(len(ref.Prefectures), n-national)
	out := make([]spec, 0, n)
	for i := range national {
		num := fmt.Sprintf("%05d", i+1)
		out = append(out, spec{
			slug:   "synthetic-national-" + num,
			dir:    "national",
			name:   "Synthetic National Body " + num + " (SYNTHETIC TEST DATA)",
			nameJA: "合成国家機関" + num,
			level:  model.National,
		})
	}
	for _, p := range ref.Prefectures[:prefs] {
		out = append(out, spec{
			slug:   "synthetic-pref-" + p.Code,
			dir:    p.Slug,
			name:   "Synthetic Prefectural Government " + p.Code + " (SYNTHETIC TEST DATA)",
			nameJA: "合成都道府県" + p.Code,
			level:  model.Prefectural,
			pref:   p.Slug,
			code:   p.LocalCode,
		})
	}
	num := 0
	counts := apportion(n-national-prefs, ref)
	for pi, p := range ref.Prefectures {
		known := ref.Municipalities(p.Code)
		for j := range counts[pi] {
			num++
			s := fmt.Sprintf("%05d", num)
			sp := spec{
				slug:   "synthetic-" + s,
				dir:    p.Slug,
				name:   "Synthetic Municipality " + s + " (SYNTHETIC TEST DATA)",
				nameJA: "合成自治体" + s,
				level:  model.Municipality,
				pref:   p.Slug,
			}
			if j < len(known) {
				sp.code = known[j].Code
			}
			out = append(out, sp)
		}
	}
	return out
}

// apportion splits m municipalities over the prefectures (in code order)
// in proportion to their real municipality counts, by largest remainder,
// ties going to the lower code, so the counts always add up to m.
func apportion(m int, ref *refdata.Data) []int {
	n := len(ref.Prefectures)
	weights := make([]int, n)
	total := 0
	for i, p := range ref.Prefectures {
		weights[i] = len(ref.Municipalities(p.Code))
		total += weights[i]
	}
	counts := make([]int, n)
	if m <= 0 || total == 0 {
		return counts
	}
	rems := make([]int, n)
	left := m
	for i, w := range weights {
		counts[i] = m * w / total
		rems[i] = m * w % total
		left -= counts[i]
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rems[b], rems[a]) })
	for _, i := range order[:left] {
		counts[i]++
	}
	return counts
}
