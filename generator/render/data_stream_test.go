package render_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
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
