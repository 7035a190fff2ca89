package load

import (
	"fmt"
	"testing"
	"testing/fstest"

	"linewatch/bench/corpus"
	"linewatch/bench/cputime"
)

// benchRecord is a typical agency record: two services, one with history,
// two sources, a short body.
const benchRecord = `+++
name = "City %d"
name_ja = "市%d"
level = "municipality"
prefecture = "osaka"
updated = 2021-03-19

[[services]]
name = "Bullying consultation"
name_ja = "いじめ相談"
category = "consultation"
status = "suspended"
since = 2021-03-19
personal_data = true
sensitive = true
note = """
A note over
two lines."""

  [[services.history]]
  date = 2020-08-01
  status = "active"

[[services]]
name = "Notices"
category = "notification"
status = "active"

[[sources]]
title = "Japan gov't to review state use of Line app over personal information fears"
publisher = "The Mainichi"
kind = "news"
date = 2021-03-19
url = "https://mainichi.jp/english/articles/20210319/p2g/00m/0na/077000c"

[[sources]]
title = "City page"
publisher = "City"
+++
Context in Markdown, a paragraph or two long, as most records have.
`

// BenchmarkDir loads a site of 20,000 agency records, the size the
// project must stay fast at.
func BenchmarkDir(b *testing.B) {
	fsys := fstest.MapFS{}
	for i := range 20000 {
		fsys[fmt.Sprintf("content/agencies/p%02d/city-%05d.md", i%47, i)] = &fstest.MapFile{Data: fmt.Appendf(nil, benchRecord, i, i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		docs, diags := Dir(fsys)
		if len(docs) != 20000 || len(diags) != 0 {
			b.Fatalf("%d docs, %v", len(docs), diags)
		}
	}
}

// BenchmarkIndexKeys measures the key scan alone, the part of a load that
// is ours rather than the TOML parser's.
func BenchmarkIndexKeys(b *testing.B) {
	p, _ := split(fmt.Sprintf(benchRecord, 1, 1))
	b.ReportAllocs()
	for b.Loop() {
		indexKeys("f.md", p.Front, p.FrontLine)
	}
}

// BenchmarkDirCorpus loads the synthetic site of bench/corpus with 20,000
// agencies (about 26,000 files with Japanese bodies and events), from
// memory, so only parsing is measured.
func BenchmarkDirCorpus(b *testing.B) {
	fsys := corpusFS(20000)
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		docs, diags := Dir(fsys)
		if len(docs) < 20000 || len(diags) != 0 {
			b.Fatalf("%d docs, %v", len(docs), diags)
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

// corpusFS returns the synthetic site of n agencies as an in-memory tree.
func corpusFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for p, data := range corpus.Files(corpus.Options{Agencies: n, Seed: 1}) {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}
