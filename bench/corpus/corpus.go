package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"linewatch/generator/refdata"
)

// Options describes a synthetic site. The same Options give byte-identical
// files.
type Options struct {
	// Agencies is the number of agency records, all levels together.
	Agencies int
	// Seed selects one of many equally shaped sites.
	Seed int64
	// JapaneseShare is the share of agencies and events that get a
	// NAME.ja.md Japanese body: 0 means the default 0.3, a negative value
	// means none, and values above 1 count as 1.
	JapaneseShare float64
	// Events is the number of timeline events: 0 means Agencies/50, a
	// negative value means none.
	Events int
}

// Stats counts what a synthetic site holds, so a benchmark can report its
// size beside its timings.
type Stats struct {
	Agencies int // agency records, each one page in the site
	Services int // [[services]] entries over all agencies
	Sources  int // [[sources]] entries over all agencies and events
	Events   int // timeline events
	Files    int // files written, site.toml and Japanese siblings included
}

// String formats the counts on one line, for the command and benchmark
// logs.
func (s Stats) String() string {
	return fmt.Sprintf("%d agencies, %d services, %d sources, %d events, %d files",
		s.Agencies, s.Services, s.Sources, s.Events, s.Files)
}

// Files returns the synthetic site for opt as slash paths relative to the
// site folder, mapped to their bytes: site.toml, a README.txt saying what
// the folder is, and content/. It is what Write writes, for benchmarks
// that keep the site in memory (wrap it in an fstest.MapFS).
func Files(opt Options) map[string][]byte {
	files, _ := generate(opt)
	return files
}

// Write writes the synthetic site for opt into dir, creating it if it is
// missing. dir must be empty or missing, so a mistyped path can never mix
// synthetic records into a real site.
func Write(dir string, opt Options) (Stats, error) {
	switch entries, err := os.ReadDir(dir); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return Stats{}, fmt.Errorf("synthetic site %s: %w", dir, err)
	case len(entries) > 0:
		return Stats{}, fmt.Errorf("synthetic site %s: folder is not empty; give an empty or missing folder", dir)
	}
	files, stats := generate(opt)
	paths := slices.Sorted(maps.Keys(files))
	made := map[string]bool{}
	for _, p := range paths {
		if d := path.Dir(p); !made[d] {
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
				return Stats{}, fmt.Errorf("synthetic site %s: %w", dir, err)
			}
			made[d] = true
		}
	}
	// Creating files is mostly kernel time, which parallelises: on the
	// work disks of the project's machines it is most of Write's cost.
	errs := make([]error, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				errs[i] = os.WriteFile(filepath.Join(dir, filepath.FromSlash(paths[i])), files[paths[i]], 0o644)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Stats{}, fmt.Errorf("synthetic site %s: %w", dir, err)
	}
	return stats, nil
}

// generate builds the whole site. Every random draw happens here and in
// the functions it calls, in one fixed order.
func generate(opt Options) (map[string][]byte, Stats) {
	ref, err := refdata.Load()
	if err != nil {
		// The reference data is embedded and tested in refdata; a failure
		// here is a broken build of linewatch, not a caller's mistake.
		panic(err)
	}
	opt = opt.withDefaults()
	g := &gen{
		r:     rand.New(rand.NewPCG(uint64(opt.Seed), uint64(opt.Seed)^0x9e3779b97f4a7c15)),
		opt:   opt,
		files: make(map[string][]byte, opt.Agencies*2+opt.Events*2+2),
	}
	g.files["site.toml"] = []byte(siteTOML)
	g.files["README.txt"] = []byte(readme)
	specs := plan(opt.Agencies, ref)
	for i := range specs {
		g.agency(&specs[i])
	}
	g.slugs = make([]string, len(specs))
	for i, s := range specs {
		g.slugs[i] = s.slug
	}
	slices.Sort(g.slugs)
	for i := range opt.Events {
		g.event(i + 1)
	}
	g.stats.Agencies = len(specs)
	g.stats.Events = opt.Events
	g.stats.Files = len(g.files)
	return g.files, g.stats
}

// withDefaults resolves the zero values documented on Options.
func (o Options) withDefaults() Options {
	o.Agencies = max(o.Agencies, 0)
	switch {
	case o.JapaneseShare == 0:
		o.JapaneseShare = 0.3
	case o.JapaneseShare < 0:
		o.JapaneseShare = 0
	case o.JapaneseShare > 1:
		o.JapaneseShare = 1
	}
	switch {
	case o.Events == 0:
		o.Events = o.Agencies / 50
	case o.Events < 0:
		o.Events = 0
	}
	return o
}

// gen carries the generator's state through one site.
type gen struct {
	r     *rand.Rand
	opt   Options
	files map[string][]byte
	stats Stats
	slugs []string // every agency slug, sorted, for events to name
}

const siteTOML = `# SYNTHETIC TEST SITE, written by linewatch/bench/corpus for benchmarks.
# Nothing here is real data; never copy it into content/.
title = "SYNTHETIC TEST SITE — not real data"
title_ja = "合成テストサイト — 実データではありません"
license = "synthetic test data, not for publication"
`

const readme = `This folder is a SYNTHETIC TEST SITE written by linewatch/bench/corpus
(go run ./bench/cmd/corpus) for benchmarks. Every agency, service, source,
date and event in it is generated at random and is NOT real data; only the
prefecture slugs and local-government codes come from the reference list,
so that the site validates. Never copy these files into content/.
`
