package render_test

import (
	"os"
	"strconv"
	"testing"
	"testing/fstest"

	"linewatch/bench/corpus"
	"linewatch/bench/cputime"
	lwload "linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/render"
	"linewatch/generator/validate"
)

// corpusSite loads and checks the synthetic site of bench/corpus with n
// agencies: records shaped like real ones, bodies of a few hundred words
// in two languages, so the open data weighs what a real site's would
// (about 7 KB of agencies.json a record).
func corpusSite(b testing.TB, n int) *model.Site {
	fsys := fstest.MapFS{}
	for p, data := range corpus.Files(corpus.Options{Agencies: n, Seed: 1}) {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	cfg, diags := lwload.Config(fsys)
	docs, more := lwload.Dir(fsys)
	diags.Append(more)
	in, more := validate.Check(cfg, docs, nil)
	diags.Append(more)
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	return model.New(in)
}

// stageN is the number of agencies of the corpus benchmarks: 2,000, or
// LINEWATCH_BENCH_N when it is set (as for the stage benchmarks of
// bench/), for example 20000 for the national scale.
func stageN(tb testing.TB) int {
	s := os.Getenv("LINEWATCH_BENCH_N")
	if s == "" {
		return 2000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		tb.Fatalf("LINEWATCH_BENCH_N=%q: want a positive number of agencies", s)
	}
	return n
}

// BenchmarkDataCorpus makes the open data of the synthetic corpus (stageN
// agencies) from nothing, as a cold build does.
func BenchmarkDataCorpus(b *testing.B) {
	site := corpusSite(b, stageN(b))
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		if _, err := render.Data(site, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkDataCacheCorpus remakes it through a DataCache after one
// agency changed, as the Builder does after a save.
func BenchmarkDataCacheCorpus(b *testing.B) {
	site := corpusSite(b, stageN(b))
	var cache render.DataCache
	if _, err := cache.Data(site, render.Options{}, nil); err != nil {
		b.Fatal(err)
	}
	edited := site.Agencies[len(site.Agencies)/2].Slug
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		if _, err := cache.Data(site, render.Options{}, func(slug string) bool { return slug == edited }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}
