package validate

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"linewatch/bench/corpus"
	"linewatch/bench/cputime"
	"linewatch/generator/load"
)

// BenchmarkCheck validates 20,000 agency records and 2,000 events. Watch
// mode runs Check over the whole site on every edit (cross-record rules
// need all of it), so this is a cost an editor feels.
func BenchmarkCheck(b *testing.B) {
	ref := loadRef(b)
	fsys := fstest.MapFS{}
	for i := range 20000 {
		rec := head + `[[services]]
name = "Bullying consultation"
category = "consultation"
status = "suspended"
since = 2021-03-19
  [[services.history]]
  date = 2020-08-01
  status = "active"
+++
Body.
`
		fsys[fmt.Sprintf("content/agencies/p%02d/city-%05d.md", i%47, i)] = &fstest.MapFile{Data: []byte(rec)}
	}
	for i := range 2000 {
		ev := fmt.Sprintf("+++\ndate = 2021-03-17\ntitle = \"T\"\nagencies = [\"city-%05d\", \"city-%05d\"]\n", i, i+1) + src
		fsys[fmt.Sprintf("content/events/e-%04d.md", i)] = &fstest.MapFile{Data: []byte(ev)}
	}
	cfg, _ := load.Config(fsys)
	docs, diags := load.Dir(fsys)
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		in, diags := Check(cfg, docs, ref)
		if len(diags) > 0 || len(in.Agencies) != 20000 {
			b.Fatalf("%d agencies, %v", len(in.Agencies), diags[:min(len(diags), 5)])
		}
	}
}

// BenchmarkCheckCorpus validates the synthetic site of bench/corpus with
// 20,000 agencies, Japanese bodies and events, from scratch.
func BenchmarkCheckCorpus(b *testing.B) {
	ref := loadRef(b)
	_, cfg, docs := corpusDocs(b, 20000)
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		in, diags := Check(cfg, docs, ref)
		if len(diags) > 0 || len(in.Agencies) != 20000 {
			b.Fatalf("%d agencies, %v", len(in.Agencies), diags[:min(len(diags), 5)])
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkCheckCorpusOneEdit validates the same site through a Cache
// after one agency record changed, as watch mode does after a save: each
// op swaps that record between two versions.
func BenchmarkCheckCorpusOneEdit(b *testing.B) {
	ref := loadRef(b)
	fsys, cfg, docs := corpusDocs(b, 20000)
	k := slices.IndexFunc(docs, func(d load.Doc) bool { return d.Kind == load.Agency && !d.JA && len(d.Body) > 0 })
	p := docs[k].Path
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		b.Fatal(err)
	}
	edited, _ := load.File(fstest.MapFS{p: {Data: bytes.Replace(data, []byte("name = \""), []byte("name = \"Edited "), 1)}}, p)
	versions := [2]load.Doc{docs[k], edited}
	var cache Cache
	cache.Check(cfg, docs, ref)
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for i := 0; b.Loop(); i++ {
		docs[k] = versions[(i+1)%2]
		in, diags := cache.Check(cfg, docs, ref)
		if len(diags) > 0 || len(in.Agencies) != 20000 {
			b.Fatalf("%d agencies, %v", len(in.Agencies), diags[:min(len(diags), 5)])
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

// corpusDocs loads the synthetic site of n agencies from memory.
func corpusDocs(b *testing.B, n int) (fstest.MapFS, load.Doc, []load.Doc) {
	fsys := fstest.MapFS{}
	for p, data := range corpus.Files(corpus.Options{Agencies: n, Seed: 1}) {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	cfg, _ := load.Config(fsys)
	docs, diags := load.Dir(fsys)
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	return fsys, cfg, docs
}
