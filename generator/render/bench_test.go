package render_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// synthetic returns a clearly fake model of n agencies spread over the 47
// prefectures, each with a few services, sources and a body, for
// benchmarks and concurrency tests. Nothing in it describes a real body.
func synthetic(n int) model.Input {
	in := model.Input{Config: model.Config{Title: "Synthetic site", TitleJA: "合成サイト"}, Prefectures: prefectures()}
	for i := range n {
		pref := in.Prefectures[i%47]
		a := model.Agency{
			Slug:       fmt.Sprintf("synthetic-agency-%04d", i),
			Path:       fmt.Sprintf("content/agencies/synthetic-agency-%04d.md", i),
			Name:       fmt.Sprintf("Synthetic Agency %04d", i),
			NameJA:     fmt.Sprintf("合成機関%04d", i),
			Level:      model.Municipality,
			Prefecture: pref.Slug,
			Updated:    model.DateOf(2021, time.Month(1+i%12), 1+i%28),
			Sources: []model.Source{{
				Title: fmt.Sprintf("Synthetic source %04d", i), Publisher: "Synthetic Publisher",
				Kind: model.News, Date: model.DateOf(2021, time.March, 1+i%28), URL: "https://example.org/synthetic",
			}},
			Body: "Synthetic body with *emphasis* and a [link](https://example.org/).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		}
		if i%47 == 0 {
			a.Level = model.Prefectural
		}
		for j := range i % 4 {
			a.Services = append(a.Services, model.Service{
				Name:     fmt.Sprintf("Synthetic service %d", j),
				Category: model.Categories[(i+j)%len(model.Categories)],
				Status:   model.Statuses[(i+j)%len(model.Statuses)],
				Since:    model.DateOf(2021, time.March, 1+j),
				Note:     "Synthetic *note*.",
				History:  []model.Change{{Date: model.DateOf(2020, time.January, 1), Status: model.Active}},
			})
		}
		in.Agencies = append(in.Agencies, a)
	}
	return in
}

// BenchmarkExecute executes every page of a 2,000-agency synthetic site
// (about 4,100 pages), one op per page.
func BenchmarkExecute(b *testing.B) {
	l := load(b)
	pages := render.Plan(model.New(synthetic(2000)), render.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := l.Execute(pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlan plans the same site, which serve does on every rebuild.
func BenchmarkPlan(b *testing.B) {
	site := model.New(synthetic(2000))
	b.ReportAllocs()
	for b.Loop() {
		render.Plan(site, render.Options{})
	}
}

// TestExecuteConcurrently executes the same pages from several goroutines,
// as the Builder does; run with -race. The bytes must match a serial run.
func TestExecuteConcurrently(t *testing.T) {
	l := load(t)
	pages := render.Plan(model.New(synthetic(60)), render.Options{})
	want := make([][]byte, len(pages))
	for i, p := range pages {
		var err error
		if want[i], err = l.Execute(p); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, p := range pages {
				got, err := l.Execute(p)
				if err != nil {
					t.Error(err)
					return
				}
				if string(got) != string(want[i]) {
					t.Errorf("%s differs when executed concurrently", p.URL)
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkLoadLayouts parses, escapes and compiles the default layouts,
// which serve does again whenever a layout changes.
func BenchmarkLoadLayouts(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		load(b)
	}
}
