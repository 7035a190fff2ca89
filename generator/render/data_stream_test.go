package render_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"linewatch/bench/cputime"
	"linewatch/generator/model"
	"linewatch/generator/render"
)

// TestDataFilesMatchData writes every file of DataFiles, twice, through
// writers that take their bytes in different ways, and checks they are
// byte for byte what Data returns and that WriteTo counts them.
func TestDataFilesMatchData(t *testing.T) {
	sites := []struct {
		name string
		in   model.Input
	}{
		{"fixture", dataFixture()},
		{"hostile strings", hostileDataSite()},
		{"synthetic, several chunks", synthetic(1500)},
		{"empty", model.Input{}},
	}
	for _, st := range sites {
		t.Run(st.name, func(t *testing.T) {
			site := model.New(st.in)
			want, err := render.Data(site, goldenOpt)
			if err != nil {
				t.Fatal(err)
			}
			files := render.DataFiles(site, goldenOpt)
			var paths []string
			for _, f := range files {
				paths = append(paths, f.Path)
				for _, w := range []struct {
					name string
					w    interface {
						io.Writer
						Bytes() []byte
					}
				}{{"buffer", new(bytes.Buffer)}, {"chunk recorder", &recorder{}}} {
					n, err := f.WriteTo(w.w)
					if err != nil {
						t.Fatalf("%s to a %s: %v", f.Path, w.name, err)
					}
					got := w.w.Bytes()
					if n != int64(len(got)) {
						t.Errorf("%s to a %s: WriteTo says %d bytes, wrote %d", f.Path, w.name, n, len(got))
					}
					sameBytes(t, f.Path+" to a "+w.name, got, want[f.Path])
					if r, ok := w.w.(*recorder); ok && r.largest > 128<<10 {
						t.Errorf("%s: a write of %d bytes; the pieces should be about 64 KB", f.Path, r.largest)
					}
				}
			}
			if len(paths) != 3 || paths[0] != render.AgenciesJSON || paths[1] != render.ServicesCSV || paths[2] != render.RecordSchema {
				t.Errorf("DataFiles made %q", paths)
			}
		})
	}
}

// recorder keeps what is written and the largest single write.
type recorder struct {
	bytes.Buffer
	largest int
}

func (r *recorder) Write(p []byte) (int, error) {
	r.largest = max(r.largest, len(p))
	return r.Buffer.Write(p)
}

// TestDataFilesWriterError checks that a failing writer stops WriteTo at
// once with the writer's error, wrapped with the file's path.
func TestDataFilesWriterError(t *testing.T) {
	site := model.New(synthetic(1500))
	for _, f := range render.DataFiles(site, render.Options{}) {
		w := &failAfter{n: 1}
		n, err := f.WriteTo(w)
		if !errors.Is(err, errFailed) || !strings.Contains(err.Error(), f.Path) {
			t.Errorf("%s: error %v, want the writer's", f.Path, err)
		}
		if w.calls != 1 || n != 0 {
			t.Errorf("%s: %d writes after the failure, %d bytes counted; want 1 and 0", f.Path, w.calls, n)
		}
	}
}

var errFailed = errors.New("failed")

// failAfter fails every write from the nth on.
type failAfter struct{ n, calls int }

func (f *failAfter) Write(p []byte) (int, error) {
	f.calls++
	if f.calls >= f.n {
		return 0, errFailed
	}
	return len(p), nil
}

// BenchmarkDataFilesCorpus writes the open data of the 2,000-agency
// synthetic corpus through DataFiles into SHA-256, as a cold build that
// streams it into the publisher does: no file is held whole.
func BenchmarkDataFilesCorpus(b *testing.B) {
	site := corpusSite(b, stageN(b))
	h := sha256.New()
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		for _, f := range render.DataFiles(site, render.Options{}) {
			h.Reset()
			if _, err := f.WriteTo(h); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkDataFilesDiscardCorpus is BenchmarkDataFilesCorpus without the
// hashing: the encoders alone.
func BenchmarkDataFilesDiscardCorpus(b *testing.B) {
	site := corpusSite(b, stageN(b))
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		for _, f := range render.DataFiles(site, render.Options{}) {
			if _, err := f.WriteTo(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

// TestDataFilesFromReuse writes the open data of a synthetic site, then
// of the same site after edits (a service renamed, a Japanese name
// changed, a record removed, one added) copying every unchanged agency
// from the first files, and then once more from those: each time the
// bytes are what Data gives, and the spans say where each agency lies.
func TestDataFilesFromReuse(t *testing.T) {
	in := synthetic(300)
	gen := func(site *model.Site, reuse *render.DataReuse) (map[string][]byte, []render.DataSpan) {
		t.Helper()
		spans := make([]render.DataSpan, len(site.Agencies))
		out := map[string][]byte{}
		for _, f := range render.DataFilesFrom(site, goldenOpt, reuse, spans) {
			var b bytes.Buffer
			if _, err := f.WriteTo(&b); err != nil {
				t.Fatal(err)
			}
			out[f.Path] = b.Bytes()
		}
		want, err := render.Data(site, goldenOpt)
		if err != nil {
			t.Fatal(err)
		}
		for p := range want {
			sameBytes(t, p, out[p], want[p])
		}
		for i, a := range site.Agencies {
			sp := spans[i]
			if sp.Slug != a.Slug {
				t.Fatalf("span %d is %s's, want %s's", i, sp.Slug, a.Slug)
			}
			js := string(out[render.AgenciesJSON][sp.JSON[0]:sp.JSON[1]])
			if !strings.HasPrefix(js, "    {") || !strings.Contains(js, `"slug": "`+a.Slug+`"`) {
				t.Fatalf("%s: agencies.json%v holds %.80q", a.Slug, sp.JSON, js)
			}
			if rows := string(out[render.ServicesCSV][sp.CSV[0]:sp.CSV[1]]); strings.Count(rows, a.Slug+",") < len(a.Services) {
				t.Fatalf("%s: services.csv%v holds %.80q", a.Slug, sp.CSV, rows)
			}
		}
		return out, spans
	}
	reuse := func(files map[string][]byte, spans []render.DataSpan, changed ...string) *render.DataReuse {
		return &render.DataReuse{
			JSON: bytes.NewReader(files[render.AgenciesJSON]), CSV: bytes.NewReader(files[render.ServicesCSV]),
			Spans: spans, Changed: func(slug string) bool { return slices.Contains(changed, slug) },
		}
	}
	first, spans := gen(model.New(in), nil)

	edited := in
	edited.Agencies = slices.Clone(in.Agencies)
	var renamed, retitled string
	for i := range edited.Agencies {
		a := &edited.Agencies[i]
		if renamed == "" && len(a.Services) > 0 {
			a.Services = slices.Clone(a.Services)
			a.Services[0].Name = "A renamed service, with \"quotes\", commas"
			renamed = a.Slug
		} else if retitled == "" && renamed != "" {
			a.NameJA = "改名した機関"
			retitled = a.Slug
		}
	}
	gone := edited.Agencies[7].Slug
	edited.Agencies = slices.Delete(edited.Agencies, 7, 8)
	added := edited.Agencies[20]
	added.Slug = added.Slug + "-zz-added"
	edited.Agencies = append(edited.Agencies, added)
	second, spans := gen(model.New(edited), reuse(first, spans, renamed, retitled, gone))

	// From files that were themselves made by reuse; nothing changed but
	// one record.
	again := edited
	again.Agencies = slices.Clone(edited.Agencies)
	again.Agencies[3].Name = "Renamed once more"
	gen(model.New(again), reuse(second, spans, again.Agencies[3].Slug))

	// Nothing changed: every agency is copied, in runs of about a chunk,
	// each written as it fills.
	site := model.New(edited)
	for _, f := range render.DataFilesFrom(site, goldenOpt, reuse(second, spans), nil) {
		var r recorder
		if _, err := f.WriteTo(&r); err != nil {
			t.Fatal(err)
		}
		sameBytes(t, f.Path+" copied whole", r.Bytes(), second[f.Path])
		if r.largest > 128<<10 {
			t.Errorf("%s copied whole: a write of %d bytes; the pieces should be about 64 KB", f.Path, r.largest)
		}
	}

	// An earlier agencies.json whose bytes between two agencies are not
	// the separator is not the file its spans describe: the write fails
	// rather than copy what lies there.
	broken := maps.Clone(second)
	broken[render.AgenciesJSON] = slices.Clone(second[render.AgenciesJSON])
	at := spans[11].JSON[0] - 2
	if got := string(broken[render.AgenciesJSON][at : at+2]); got != ",\n" {
		t.Fatalf("the separator before agency 11 is %q", got)
	}
	broken[render.AgenciesJSON][at] = ';'
	_, err := render.DataFilesFrom(site, goldenOpt, reuse(broken, spans), nil)[0].WriteTo(io.Discard)
	if err == nil || !strings.Contains(err.Error(), spans[11].Slug) {
		t.Errorf("reusing from an agencies.json with a broken separator: %v, want an error naming %s", err, spans[11].Slug)
	}

	// A source that cannot be read fails the write.
	bad := reuse(second, spans)
	bad.JSON = bytes.NewReader(nil)
	if _, err := render.DataFilesFrom(model.New(edited), goldenOpt, bad, nil)[0].WriteTo(io.Discard); err == nil {
		t.Error("reusing from an empty agencies.json succeeded")
	}
}
