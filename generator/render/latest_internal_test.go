package render

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"linewatch/generator/model"
)

// TestLatestIsFirstOfStableSort checks the home page's latest changes,
// picked in one pass, against the first n of a stable sort of every
// service, on random sites full of equal dates.
func TestLatestIsFirstOfStableSort(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 1))
		var in model.Input
		for i := range r.IntN(30) {
			a := model.Agency{Slug: fmt.Sprintf("a%02d", i), Updated: model.DateOf(2021, time.March, 1+r.IntN(3))}
			for range r.IntN(4) {
				sv := model.Service{Name: "s"}
				if r.IntN(3) > 0 {
					sv.Since = model.DateOf(2021, time.March, 1+r.IntN(4))
				}
				a.Services = append(a.Services, sv)
			}
			in.Agencies = append(in.Agencies, a)
		}
		site := model.New(in)
		var refs []model.ServiceRef
		for _, a := range site.Agencies {
			for i := range a.Services {
				refs = append(refs, model.ServiceRef{Agency: a, Service: &a.Services[i]})
			}
		}
		when := func(r model.ServiceRef) model.Date {
			if r.Service.Since.IsZero() {
				return r.Agency.Updated
			}
			return r.Service.Since
		}
		slices.SortStableFunc(refs, func(a, b model.ServiceRef) int {
			return cmp.Or(boolCmp(a.Service.Since.IsZero(), b.Service.Since.IsZero()), when(b).Compare(when(a)), cmp.Compare(a.Agency.Slug, b.Agency.Slug))
		})
		for _, n := range []int{0, 1, 3, LatestMax, 1000} {
			want := refs[:min(n, len(refs))]
			if got := latest(site, n); !slices.Equal(got, want) {
				t.Fatalf("seed %d, n %d: latest picked %d services unlike a stable sort", seed, n, len(got))
			}
		}
	}
}
