package bench

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"linewatch/bench/corpus"
	"linewatch/bench/cputime"
	"linewatch/generator"
	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/publish"
	"linewatch/generator/refdata"
	"linewatch/generator/render"
	"linewatch/generator/validate"
	"linewatch/layouts"
)

// The stage benchmarks time each stage of a build (DESIGN.md, "Engine
// principles") over a synthetic site of stageSize agencies held in memory,
// each stage fed with what the stages before it made, so that a slow build
// can be traced to the stage it spends its time in (issue 5, "Benchmarks"):
//
//	go test -run '^$' -bench 'Load|Validate|Plan|Execute|Data|Publish|Build|RebuildOne' -benchtime 3x ./bench/
//
// Every op is one whole stage over the whole site (all pages for Execute),
// so ns/op is the time a build spends there and allocs/op what it
// allocates. Execute runs over all cores as the Builder does; add -cpu 1
// for the single-core cost.

// defaultStageSize is the number of agencies the stage benchmarks use: the
// smaller of the two sizes issue 5 sets targets for.
const defaultStageSize = 2000

// stageSize returns the number of agencies for the stage benchmarks:
// defaultStageSize, or LINEWATCH_BENCH_N when it is set (for example
// LINEWATCH_BENCH_N=20000, which takes minutes).
func stageSize(tb testing.TB) int {
	s := os.Getenv("LINEWATCH_BENCH_N")
	if s == "" {
		return defaultStageSize
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		tb.Fatalf("LINEWATCH_BENCH_N=%q: want a positive number of agencies", s)
	}
	return n
}

// fixture is a synthetic site in memory and what each stage made of it.
type fixture struct {
	fsys  fstest.MapFS
	ref   *refdata.Data
	cfg   load.Doc
	docs  []load.Doc
	in    model.Input
	site  *model.Site
	opt   render.Options
	pages []render.Page
	lay   *render.Layouts
}

// newFixture writes a synthetic site of n agencies into memory and runs
// every stage up to the pages once; content problems fail the benchmark,
// since a stage that reports them would be timing the wrong thing.
func newFixture(tb testing.TB, n int) *fixture {
	tb.Helper()
	f := &fixture{fsys: mapFS(corpus.Files(corpus.Options{Agencies: n, Seed: 1}))}
	var err error
	if f.ref, err = refdata.Load(); err != nil {
		tb.Fatal(err)
	}
	cfg, diags := load.Config(f.fsys)
	docs, more := load.Dir(f.fsys)
	diags.Append(more)
	in, more := validate.Check(cfg, docs, f.ref)
	diags.Append(more)
	if len(diags) > 0 {
		tb.Fatalf("the synthetic site has problems:\n%v", diags)
	}
	f.cfg, f.docs, f.in = cfg, docs, in
	f.site = model.New(in)
	f.opt = render.Options{BasePath: "/"}
	f.pages = render.Plan(f.site, f.opt)
	if f.lay, err = render.LoadLayouts(layouts.FS); err != nil {
		tb.Fatal(err)
	}
	return f
}

// mapFS wraps a corpus in an fstest.MapFS.
func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := make(fstest.MapFS, len(files))
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// BenchmarkLoad reads and parses every record (load.Dir).
func BenchmarkLoad(b *testing.B) {
	f := newFixture(b, stageSize(b))
	b.ReportAllocs()
	for b.Loop() {
		docs, diags := load.Dir(f.fsys)
		if len(diags) > 0 || len(docs) != len(f.docs) {
			b.Fatalf("%d documents, want %d; %v", len(docs), len(f.docs), diags)
		}
	}
	b.ReportMetric(float64(len(f.docs)), "docs")
}

// BenchmarkValidate checks every document and types the model input
// (validate.Check), which serve also runs over the whole site on every edit.
func BenchmarkValidate(b *testing.B) {
	f := newFixture(b, stageSize(b))
	b.ReportAllocs()
	for b.Loop() {
		in, diags := validate.Check(f.cfg, f.docs, f.ref)
		if len(diags) > 0 || len(in.Agencies) != len(f.in.Agencies) {
			b.Fatalf("%d agencies, want %d; %v", len(in.Agencies), len(f.in.Agencies), diags)
		}
	}
}

// BenchmarkModel builds the site model and its derived views (model.New).
func BenchmarkModel(b *testing.B) {
	f := newFixture(b, stageSize(b))
	b.ReportAllocs()
	for b.Loop() {
		model.New(f.in)
	}
}

// BenchmarkPlan plans every page with its view and inputs (render.Plan),
// which serve also does in full on every edit.
func BenchmarkPlan(b *testing.B) {
	f := newFixture(b, stageSize(b))
	b.ReportAllocs()
	for b.Loop() {
		if pages := render.Plan(f.site, f.opt); len(pages) != len(f.pages) {
			b.Fatalf("%d pages, want %d", len(pages), len(f.pages))
		}
	}
	b.ReportMetric(float64(len(f.pages)), "pages")
}

// BenchmarkColdPlan runs what a cold `linewatch build` does between the
// records being loaded and the first page being rendered: validate.Check,
// model.Adopt, render.PlanLazy and render.NewFiller. Every page waits for
// it, so its wall time is added to a cold build whole; cpu-ns/op is the
// CPU time over all cores, which the machine's other users do not change.
func BenchmarkColdPlan(b *testing.B) {
	f := newFixture(b, stageSize(b))
	b.ReportAllocs()
	start := cputime.Used()
	for b.Loop() {
		in, diags := validate.Check(f.cfg, f.docs, f.ref)
		if len(diags) > 0 {
			b.Fatal(diags)
		}
		site := model.Adopt(in)
		if pages := render.PlanLazy(site, f.opt); len(pages) != len(f.pages) {
			b.Fatalf("%d pages, want %d", len(pages), len(f.pages))
		}
		render.NewFiller(site, f.opt)
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkExecute executes every page's template, over all cores as the
// Builder does; -cpu 1 gives the cost on one core.
func BenchmarkExecute(b *testing.B) {
	f := newFixture(b, stageSize(b))
	var size int
	b.ReportAllocs()
	for b.Loop() {
		outs, err := executeAll(f.lay, f.pages)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, o := range outs {
			size += len(o)
		}
	}
	b.ReportMetric(float64(len(f.pages)), "pages")
	b.ReportMetric(float64(size)/(1<<20), "MiB")
}

// BenchmarkExecuteFunc executes every page's template on one goroutine
// through ExecuteFunc, as a build does, without the copy of each page that
// Execute makes: the cost of the templates themselves, for profiling them
// (-cpuprofile).
func BenchmarkExecuteFunc(b *testing.B) {
	f := newFixture(b, stageSize(b))
	var size int
	b.ReportAllocs()
	for b.Loop() {
		size = 0
		for _, p := range f.pages {
			err := f.lay.ExecuteFunc(p, func(data []byte) error {
				size += len(data)
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(f.pages)), "pages")
	b.ReportMetric(float64(size)/(1<<20), "MiB")
}

// executeAll executes pages over GOMAXPROCS goroutines and returns their
// bytes in order.
func executeAll(lay *render.Layouts, pages []render.Page) ([][]byte, error) {
	outs := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				outs[i], errs[i] = lay.Execute(pages[i])
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	return outs, errors.Join(errs...)
}

// BenchmarkData writes the open data files (render.Data): agencies.json,
// services.csv and the record schema.
func BenchmarkData(b *testing.B) {
	f := newFixture(b, stageSize(b))
	var size int
	b.ReportAllocs()
	for b.Loop() {
		files, err := render.Data(f.site, f.opt)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, data := range files {
			size += len(data)
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB")
}

// BenchmarkPublish publishes the whole built site with publish.Swap, as
// one `linewatch build` does, in memory under /dev/shm so the disk does
// not blur the figures:
//
//   - full: into a fresh folder, every file new (a cold build);
//   - one-change: one page changed since the last two builds, so only it
//     is written (a rebuild after an edit);
//   - no-change: the same files again, nothing written (a no-op rebuild).
func BenchmarkPublish(b *testing.B) {
	n := stageSize(b)
	root := scratch(b)
	files := builtFiles(b, n, filepath.Join(root, "setup"))
	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			dir := filepath.Join(root, "full", strconv.Itoa(i))
			st, err := publish.Swap(filepath.Join(dir, "public"), files)
			if err != nil {
				b.Fatal(err)
			}
			if st.Written != len(files) {
				b.Fatalf("stats %+v, want all %d files written", st, len(files))
			}
			b.StopTimer()
			if err := os.RemoveAll(dir); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		b.ReportMetric(float64(len(files)), "files")
	})
	out := filepath.Join(root, "live", "public")
	page := slices.Sorted(maps.Keys(files))[len(files)/2]
	changed := maps.Clone(files)
	for i := range 2 { // fill out and its standby, as after two builds
		changed[page] = fmt.Appendf(nil, "setup %d", i)
		if _, err := publish.Swap(out, changed); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("one-change", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			changed[page] = fmt.Appendf(nil, "edit %d", i)
			st, err := publish.Swap(out, changed)
			if err != nil {
				b.Fatal(err)
			}
			if st.Written != 1 || st.Removed != 0 {
				b.Fatalf("stats %+v, want one file written", st)
			}
		}
	})
	b.Run("no-change", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			st, err := publish.Swap(out, changed)
			if err != nil {
				b.Fatal(err)
			}
			if st.Written != 0 || st.Removed != 0 {
				b.Fatalf("stats %+v, want nothing written", st)
			}
		}
	})
}

// builtFiles builds a synthetic site of n agencies into out and returns
// the files it published (a copy the caller may change).
func builtFiles(b *testing.B, n int, out string) map[string][]byte {
	b.Helper()
	f := newFixture(b, n)
	bld, err := generator.New(generator.Config{Source: f.fsys, Out: out})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bld.Build(); err != nil {
		b.Fatal(err)
	}
	return maps.Clone(bld.Files())
}

// BenchmarkBuild runs a whole cold Builder.Build, as `linewatch build`
// does into an empty output folder: load, validate, model, plan, execute
// every page, open data, publish. The sources are in memory and the
// output under /dev/shm.
func BenchmarkBuild(b *testing.B) {
	f := newFixture(b, stageSize(b))
	root := scratch(b)
	var res generator.Result
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(root, strconv.Itoa(i))
		bld, err := generator.New(generator.Config{Source: f.fsys, Out: filepath.Join(dir, "public")})
		if err != nil {
			b.Fatal(err)
		}
		if res, err = bld.Build(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(res.Files), "files")
}

// BenchmarkRebuildOne edits one agency record (its first service renamed)
// and runs Builder.Rebuild for that path, as serve does after a save: each
// op edits a different record of 20 spread over the site. It reports the
// pages executed and the files written per edit besides the time.
func BenchmarkRebuildOne(b *testing.B) {
	bld, edit := editedSite(b)
	var rendered, written int
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := edit(i)
		res, err := bld.Rebuild([]string{p})
		if err != nil {
			b.Fatal(err)
		}
		rendered += res.Rendered
		written += res.Stats.Written
	}
	if b.N > 0 {
		b.ReportMetric(float64(rendered)/float64(b.N), "rendered/op")
		b.ReportMetric(float64(written)/float64(b.N), "written/op")
	}
}

// BenchmarkUpdateOne is BenchmarkRebuildOne as serve runs it: the edit's
// pages are planned and rendered in memory (Builder.Update), which is
// what stands between a save and the new page being served; the open
// data and the disk (Builder.Write) follow in the background and are not
// timed here. cpu-ns/op is the CPU time of the Updates over all cores,
// which other users of a busy machine change far less than ns/op.
func BenchmarkUpdateOne(b *testing.B) {
	bld, edit := editedSite(b)
	var rendered int
	var cpu time.Duration // of the Updates alone
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := edit(i)
		start := cputime.Used()
		snap, res, err := bld.Update([]string{p})
		cpu += cputime.Used() - start
		if err != nil {
			b.Fatal(err)
		}
		rendered += res.Rendered
		b.StopTimer()
		if _, err := bld.Write(snap); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	if b.N > 0 {
		b.ReportMetric(float64(rendered)/float64(b.N), "rendered/op")
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	}
}

// editedSite builds the synthetic site in memory and returns its Builder
// and edit, which renames the first service of the i-th of 20 records
// spread over the site, untimed, and returns the record's path.
func editedSite(b *testing.B) (*generator.Builder, func(i int) string) {
	f := newFixture(b, stageSize(b))
	fsys := maps.Clone(f.fsys) // edited below; the fixture's map stays as generated
	bld, err := generator.New(generator.Config{Source: fsys, Out: filepath.Join(scratch(b), "public")})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bld.Build(); err != nil {
		b.Fatal(err)
	}
	targets := agencyRecords(fsys, 20)
	return bld, func(i int) string {
		p := targets[i%len(targets)]
		b.StopTimer()
		defer b.StartTimer()
		data, err := renameService(fsys[p].Data, fmt.Sprintf("Edited service %d", i))
		if err != nil {
			b.Fatalf("%s: %v", p, err)
		}
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return p
	}
}

// agencyRecords returns k English agency records spread evenly over the
// site, in path order.
func agencyRecords(fsys fstest.MapFS, k int) []string {
	var all []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/agencies/") && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".ja.md") {
			all = append(all, p)
		}
	}
	slices.Sort(all)
	out := make([]string, 0, k)
	for i := range min(k, len(all)) {
		out = append(out, all[i*len(all)/min(k, len(all))])
	}
	return out
}

// renameService returns the record with its first service's name replaced
// by name, the edit an editor most often makes.
func renameService(data []byte, name string) ([]byte, error) {
	const key = "[[services]]\nname = \""
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return nil, errors.New("record has no service to rename")
	}
	i += len(key)
	j := bytes.IndexByte(data[i:], '"')
	if j < 0 {
		return nil, errors.New("unterminated service name")
	}
	return slices.Concat(data[:i], []byte(name), data[i+j:]), nil
}

// scratch returns a fresh folder under /dev/shm when the machine has one
// (so the figures measure linewatch and not the disk), else a temporary
// folder; it is removed when the benchmark or test ends.
func scratch(tb testing.TB) string {
	tb.Helper()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "linewatch-stages-"); err == nil {
			tb.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return tb.TempDir()
}
