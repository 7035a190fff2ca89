package corpus_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"linewatch/bench/corpus"
	"linewatch/generator"
	"linewatch/generator/model"
	"linewatch/generator/refdata"
)

// check writes the site for opt and runs the project's own validation over
// it, as `linewatch check` would.
func check(t *testing.T, opt corpus.Options) (model.Input, corpus.Stats, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	stats, err := corpus.Write(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generator.New(generator.Config{SourceDir: dir, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	in, err := b.Check()
	if err != nil {
		t.Fatalf("synthetic site %+v does not validate:\n%v", opt, err)
	}
	return in, stats, dir
}

// TestValidates is the main promise: a synthetic site passes every rule
// the real content must pass, and has the shape of the country.
func TestValidates(t *testing.T) {
	in, stats, _ := check(t, corpus.Options{Agencies: 300, Seed: 1})
	levels := map[model.Level]int{}
	services, sources := 0, 0
	for _, a := range in.Agencies {
		levels[a.Level]++
		services += len(a.Services)
		sources += len(a.Sources)
	}
	for _, e := range in.Events {
		sources += len(e.Sources)
	}
	want := map[model.Level]int{model.National: 3, model.Prefectural: 47, model.Municipality: 250}
	if !maps.Equal(levels, want) {
		t.Errorf("levels = %v, want %v", levels, want)
	}
	got := corpus.Stats{Agencies: len(in.Agencies), Services: services, Sources: sources, Events: len(in.Events), Files: stats.Files}
	if got != stats || stats.Events != 6 {
		t.Errorf("Write reported %+v; the site holds %+v (6 events expected)", stats, got)
	}
}

// TestSizes covers the edges of the shape: tiny sites, exactly the 47
// prefectures, and the defaults that turn Japanese bodies and events off.
func TestSizes(t *testing.T) {
	tests := []struct {
		name                  string
		opt                   corpus.Options
		national, pref, munis int
		events                int
	}{
		{"empty", corpus.Options{}, 0, 0, 0, 0},
		{"one", corpus.Options{Agencies: 1}, 1, 0, 0, 0},
		{"fewer than the prefectures", corpus.Options{Agencies: 10, Events: 2}, 1, 9, 0, 2},
		{"national and 47 prefectures", corpus.Options{Agencies: 48}, 1, 47, 0, 0},
		{"first municipality", corpus.Options{Agencies: 49}, 1, 47, 1, 0},
		{"no Japanese, no events", corpus.Options{Agencies: 120, JapaneseShare: -1, Events: -1}, 1, 47, 72, 0},
		{"all Japanese", corpus.Options{Agencies: 60, JapaneseShare: 5}, 1, 47, 12, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, _, dir := check(t, tt.opt)
			levels := map[model.Level]int{}
			ja := 0
			for _, a := range in.Agencies {
				levels[a.Level]++
				if a.PathJA != "" {
					ja++
				}
			}
			if levels[model.National] != tt.national || levels[model.Prefectural] != tt.pref || levels[model.Municipality] != tt.munis {
				t.Errorf("levels = %v, want %d national, %d prefectural, %d municipal", levels, tt.national, tt.pref, tt.munis)
			}
			if len(in.Events) != tt.events {
				t.Errorf("%d events, want %d", len(in.Events), tt.events)
			}
			switch tt.opt.JapaneseShare {
			case -1:
				if ja != 0 {
					t.Errorf("%d Japanese bodies with JapaneseShare -1", ja)
				}
			case 5:
				if ja != len(in.Agencies) {
					t.Errorf("%d of %d agencies have Japanese bodies with JapaneseShare 5", ja, len(in.Agencies))
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestShape checks a national-size site against the reference data:
// municipalities spread in the real proportions, real codes used once each
// and only in their own prefecture, about the requested share of Japanese
// bodies.
func TestShape(t *testing.T) {
	const n = 2000
	in, _, _ := check(t, corpus.Options{Agencies: n, Seed: 7})
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	perPref := map[string]int{}
	codes := map[string]string{}
	ja := 0
	for _, a := range in.Agencies {
		if a.Level == model.Municipality {
			perPref[a.Prefecture]++
		}
		if a.Code != "" {
			if other, dup := codes[a.Code]; dup {
				t.Errorf("code %s used by %s and %s", a.Code, other, a.Slug)
			}
			codes[a.Code] = a.Slug
		}
		if a.PathJA != "" {
			ja++
		}
	}
	munis, total := n-20-47, 0
	for _, p := range ref.Prefectures {
		total += len(ref.Municipalities(p.Code))
	}
	for _, p := range ref.Prefectures {
		exact := float64(munis) * float64(len(ref.Municipalities(p.Code))) / float64(total)
		if got := float64(perPref[p.Slug]); got < exact-1 || got > exact+1 {
			t.Errorf("%s: %v municipalities, want about %.1f", p.Slug, got, exact)
		}
	}
	// 2,000 agencies hold more municipalities than Japan, so every real
	// municipality code and every prefecture's code is used.
	if want := total + 47; len(codes) != want {
		t.Errorf("%d codes used, want %d", len(codes), want)
	}
	if share := float64(ja) / n; share < 0.25 || share > 0.35 {
		t.Errorf("Japanese share %.2f, want about 0.3", share)
	}
}

// url finds every web address in the written text.
var url = regexp.MustCompile(`https?://[^\s")\]]+`)

// TestObviouslyFake guards the promise that synthetic data can never pass
// for real: every name is labelled, every address is under the reserved
// example.invalid, every publisher is the synthetic one.
func TestObviouslyFake(t *testing.T) {
	in, _, dir := check(t, corpus.Options{Agencies: 400, Seed: 3})
	for _, a := range in.Agencies {
		if !strings.Contains(a.Name, "(SYNTHETIC TEST DATA)") || !strings.HasPrefix(a.NameJA, "合成") || !strings.HasPrefix(a.Slug, "synthetic-") {
			t.Errorf("%s: name %q / %q is not labelled synthetic", a.Path, a.Name, a.NameJA)
		}
		for _, s := range a.Sources {
			if s.Publisher != "Synthetic Publisher" {
				t.Errorf("%s: publisher %q", a.Path, s.Publisher)
			}
		}
	}
	for _, e := range in.Events {
		if !strings.Contains(e.Title, "(SYNTHETIC TEST DATA)") {
			t.Errorf("%s: title %q is not labelled synthetic", e.Path, e.Title)
		}
	}
	if in.Config.Title != "SYNTHETIC TEST SITE — not real data" {
		t.Errorf("site title %q", in.Config.Title)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		for _, u := range url.FindAll(data, -1) {
			if !bytes.HasPrefix(u, []byte("https://example.invalid/")) {
				t.Errorf("%s: address %s is not under example.invalid", p, u)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDeterministic checks that Files and Write agree byte for byte, that
// the same options always give the same site, and that the seed matters.
func TestDeterministic(t *testing.T) {
	opt := corpus.Options{Agencies: 300, Seed: 42}
	first, second := corpus.Files(opt), corpus.Files(opt)
	if !maps.EqualFunc(first, second, bytes.Equal) {
		t.Fatal("two calls of Files with the same options differ")
	}
	dir := t.TempDir()
	stats, err := corpus.Write(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	written := map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		written[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(first, written, bytes.Equal) {
		t.Errorf("Write wrote %d files that differ from Files' %d", len(written), len(first))
	}
	if stats.Files != len(first) {
		t.Errorf("Stats.Files = %d, want %d", stats.Files, len(first))
	}
	// Another seed draws other records at the same paths (only which
	// records have Japanese siblings may differ).
	other := corpus.Files(corpus.Options{Agencies: 300, Seed: 43})
	for p := range first {
		if _, ok := other[p]; !ok && !strings.HasSuffix(p, ".ja.md") {
			t.Errorf("seed 43 lacks %s", p)
		}
	}
	if maps.EqualFunc(first, other, bytes.Equal) {
		t.Error("seeds 42 and 43 give the same site")
	}
}

// TestWriteRefusesFullFolder keeps a mistyped path from mixing synthetic
// records into a real site.
func TestWriteRefusesFullFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"real\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := corpus.Write(dir, corpus.Options{Agencies: 10}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Write into a full folder: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(data) != "title = \"real\"\n" {
		t.Errorf("site.toml was overwritten: %q", data)
	}
}

// BenchmarkFiles measures generating a national-size site in memory, which
// must stay far below the time of building it.
func BenchmarkFiles(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		corpus.Files(corpus.Options{Agencies: 20000, Seed: 1})
	}
}
