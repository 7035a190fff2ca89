package validate

import (
	"fmt"
	"testing"
	"testing/fstest"

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
