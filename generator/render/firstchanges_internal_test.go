package render

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"linewatch/generator/model"
)

// TestFirstChangesIsSortedPrefix: firstChanges gives exactly the first n
// of a stable sort, ties and their order included, on lists crowded with
// equal dates, slugs and services.
func TestFirstChangesIsSortedPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	agencies := []*model.Agency{{Slug: "a"}, {Slug: "b"}, {Slug: "c"}}
	events := []*model.Event{{Slug: "e1"}, {Slug: "b"}}
	for round := range 500 {
		var changes []change
		for i := range r.IntN(200) {
			c := change{
				date:    model.DateOf(2021, 3, 1+r.IntN(4)),
				order:   orderState,
				agency:  agencies[r.IntN(len(agencies))],
				service: r.IntN(3),
				state:   model.Change{Date: model.DateOf(2021, time.Month(1+r.IntN(2)), 1), Note: fmt.Sprint(i)},
				current: r.IntN(2) == 0,
			}
			if r.IntN(5) == 0 {
				c = change{date: c.date, order: orderEvent, event: events[r.IntN(len(events))], state: model.Change{Note: fmt.Sprint(i)}}
			}
			changes = append(changes, c)
		}
		for _, n := range []int{0, 1, 3, 50, 500} {
			orig := slices.Clone(changes)
			want := slices.Clone(changes)
			sortChanges(want)
			want = want[:min(len(want), n)]
			got := firstChanges(changes, n)
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d, n=%d: firstChanges differs from a stable sort's first n", round, n)
			}
			if !reflect.DeepEqual(changes, orig) {
				t.Fatalf("round %d: firstChanges changed its input", round)
			}
		}
	}
}
