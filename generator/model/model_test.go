package model

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	a, b := DateOf(2021, time.March, 19), DateOf(2021, time.April, 1)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"string", a.String(), "2021-03-19"},
		{"zero string", Date{}.String(), ""},
		{"zero", Date{}.IsZero(), true},
		{"before", a.Before(b), true},
		{"not before self", a.Before(a), false},
		{"compare equal", a.Compare(a), 0},
		{"compare after", b.Compare(a), 1},
		{"zero sorts first", Date{}.Before(a), true},
		{"time", a.Time(), time.Date(2021, 3, 19, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestDateString checks the hand-written format against fmt's, which it
// replaced, at the edges of the ranges it formats itself and beyond them.
func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{}, ""},
		{DateOf(2021, time.March, 19), "2021-03-19"},
		{DateOf(1, time.January, 1), "0001-01-01"},
		{DateOf(0, time.January, 1), "0000-01-01"},
		{DateOf(9999, time.December, 31), "9999-12-31"},
		{DateOf(10000, time.January, 1), "10000-01-01"},
		{DateOf(-1, time.January, 1), "-001-01-01"},
		{DateOf(2021, 0, 0), "2021-00-00"},
		{DateOf(2021, 99, 99), "2021-99-99"},
		{DateOf(2021, 100, 1), "2021-100-01"},
		{DateOf(2021, -1, -5), "2021--1--5"},
		{DateOf(0, 0, 7), "0000-00-07"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	for y := -20; y < 10020; y += 7 {
		for m := time.Month(-1); m <= 13; m++ {
			for _, day := range []int{-1, 0, 1, 9, 10, 28, 31, 99, 100} {
				d := DateOf(y, m, day)
				want := fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
				if d.IsZero() {
					want = ""
				}
				if got := d.String(); got != want {
					t.Fatalf("%#v.String() = %q, want %q (fmt)", d, got, want)
				}
			}
		}
	}
}

func TestFlag(t *testing.T) {
	if NotReported.Known() || NotReported.True() || NotReported.String() != "not-reported" {
		t.Error("zero Flag must be not reported")
	}
	if !FlagOf(true).True() || FlagOf(false).True() || !FlagOf(false).Known() || FlagOf(false).String() != "no" {
		t.Error("FlagOf")
	}
}

func TestNewViews(t *testing.T) {
	d := DateOf(2021, time.March, 19)
	in := Input{
		Prefectures: []Prefecture{{Code: "27", Slug: "osaka"}, {Code: "13", Slug: "tokyo"}},
		Agencies: []Agency{
			{Slug: "sakai-city", Level: Municipality, Prefecture: "osaka"},
			{Slug: "osaka-city", Level: Municipality, Prefecture: "osaka", Services: []Service{
				{Name: "A", Category: Consultation, Status: Suspended, Since: d},
				{Name: "B", Category: Notification, Status: Active},
			}},
			{Slug: "mic", Level: National, Services: []Service{{Name: "C", Category: Recruitment, Status: Suspended}}},
		},
		Events: []Event{
			{Slug: "b", Date: d, Agencies: []string{"mic"}},
			{Slug: "a", Date: d},
			{Slug: "c", Date: DateOf(2021, time.March, 18), Agencies: []string{"mic"}},
		},
	}
	s := New(in)
	if s.Prefectures[0].Slug != "tokyo" || s.Prefecture("osaka") == nil || s.Prefecture("nowhere") != nil {
		t.Error("prefectures must be sorted by code and found by slug")
	}
	if got := slugs(s.Agencies); got != "mic osaka-city sakai-city" {
		t.Errorf("agencies %q", got)
	}
	if got := slugs(s.InPrefecture("osaka")); got != "osaka-city sakai-city" {
		t.Errorf("osaka %q", got)
	}
	if got := slugs(s.National); got != "mic" {
		t.Errorf("national %q", got)
	}
	if n := len(s.WithStatus(Suspended)); n != 2 {
		t.Errorf("%d suspended services, want 2", n)
	}
	if refs := s.InCategory(Notification); len(refs) != 1 || refs[0].Agency.Slug != "osaka-city" || refs[0].Service.Name != "B" {
		t.Errorf("notification refs %+v", refs)
	}
	tot := s.Totals
	if tot.Agencies != 3 || tot.UsingLINE != 2 || tot.NotUsing != 1 || tot.Services != 3 || tot.ByStatus[Suspended] != 2 || tot.ByLevel[Municipality] != 2 {
		t.Errorf("totals %+v", tot)
	}
	var order string
	for _, e := range s.Events {
		order += e.Slug
	}
	if order != "cab" {
		t.Errorf("timeline order %q, want cab", order)
	}
	if ev := s.EventsOf("mic"); len(ev) != 2 || ev[0].Slug != "c" {
		t.Errorf("events of mic %v", ev)
	}
	// New copies: changing the input afterwards does not change the site.
	in.Agencies[0].Slug = "changed"
	if s.Agency("sakai-city") == nil {
		t.Error("site shares memory with its input")
	}
}

func slugs(as []*Agency) string {
	var s string
	for i, a := range as {
		if i > 0 {
			s += " "
		}
		s += a.Slug
	}
	return s
}

// TestNewFrom: the records same says are unchanged are the earlier site's
// very records, the others (and one moved to another file) are copies of
// the input, and the site is otherwise the one New builds.
func TestNewFrom(t *testing.T) {
	in := Input{
		Prefectures: []Prefecture{{Code: "27", Slug: "osaka"}},
		Agencies: []Agency{
			{Slug: "a", Path: "content/agencies/osaka/a.md", Level: Municipality, Prefecture: "osaka"},
			{Slug: "b", Path: "content/agencies/osaka/b.md", Level: Municipality, Prefecture: "osaka", Services: []Service{{Name: "B", Category: Consultation, Status: Suspended}}},
			{Slug: "c", Path: "content/agencies/osaka/c.md", Level: Municipality, Prefecture: "osaka"},
		},
	}
	prev := New(in)
	next := in
	next.Agencies = []Agency{in.Agencies[0], in.Agencies[1], in.Agencies[2]}
	next.Agencies[1].Services = []Service{{Name: "B", Category: Consultation, Status: Resumed}}
	next.Agencies[2].Path = "content/agencies/osaka/moved/c.md"
	s := NewFrom(next, prev, []string{"b"})
	if s.Agency("a") != prev.Agency("a") {
		t.Error("an unchanged record was copied, not reused")
	}
	if s.Agency("b") == prev.Agency("b") || s.Agency("b").Services[0].Status != Resumed {
		t.Error("a changed record was reused")
	}
	if s.Agency("c") == prev.Agency("c") || s.Agency("c").Path != next.Agencies[2].Path {
		t.Error("a record at another path was reused")
	}
	if !reflect.DeepEqual(s, New(next)) {
		t.Error("NewFrom built another site than New")
	}
	if n := len(s.WithStatus(Resumed)); n != 1 {
		t.Errorf("%d resumed services, want 1", n)
	}
	// A record added and one gone: the others are still reused.
	more := next
	more.Agencies = []Agency{next.Agencies[0], {Slug: "aa", Path: "content/agencies/osaka/aa.md", Level: Municipality, Prefecture: "osaka"}, next.Agencies[1]}
	m := NewFrom(more, s, nil)
	if m.Agency("a") != prev.Agency("a") || m.Agency("b") != s.Agency("b") || m.Agency("aa") == nil || m.Agency("c") != nil {
		t.Error("after a record came and one went, the records are not the earlier ones, or not found by slug")
	}
	if !reflect.DeepEqual(m, New(more)) {
		t.Error("NewFrom built another site than New after a record came and one went")
	}
}

// TestAdopt: Adopt builds the site New builds, from the input's very
// records rather than copies.
func TestAdopt(t *testing.T) {
	d := DateOf(2021, time.March, 19)
	in := Input{
		Prefectures: []Prefecture{{Code: "27", Slug: "osaka"}},
		Agencies: []Agency{
			{Slug: "a", Level: Municipality, Prefecture: "osaka", Services: []Service{{Name: "A", Category: Consultation, Status: Suspended}}},
			{Slug: "b", Level: National},
		},
		Events:  []Event{{Slug: "e2", Date: d}, {Slug: "e1", Date: d, Agencies: []string{"a"}}},
		Pages:   []Page{{Slug: "about"}},
		Surveys: []Survey{{Slug: "s"}},
	}
	want := New(in)
	s := Adopt(in)
	if !reflect.DeepEqual(s, want) {
		t.Error("Adopt built another site than New")
	}
	if s.Agency("a") != &in.Agencies[0] || s.Events[0] != &in.Events[1] || s.Pages[0] != &in.Pages[0] || s.Surveys[0] != &in.Surveys[0] {
		t.Error("Adopt copied a record instead of keeping it")
	}
}

// TestEnumIndexes: the index functions New groups by agree with the
// tables, and give -1 for anything else.
func TestEnumIndexes(t *testing.T) {
	for i, v := range Levels {
		if levelIndex(v) != i {
			t.Errorf("levelIndex(%q) = %d, want %d", v, levelIndex(v), i)
		}
	}
	for i, v := range Statuses {
		if statusIndex(v) != i {
			t.Errorf("statusIndex(%q) = %d, want %d", v, statusIndex(v), i)
		}
	}
	for i, v := range Categories {
		if categoryIndex(v) != i {
			t.Errorf("categoryIndex(%q) = %d, want %d", v, categoryIndex(v), i)
		}
	}
	if levelIndex("county") != -1 || statusIndex("") != -1 || categoryIndex("Other") != -1 {
		t.Error("a value outside a table has an index")
	}
}
