package checked

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"linewatch/generator/model"
)

// synthetic returns n agencies shaped like real records, the same on
// every run: 1 to 6 services with 0 to 3 history entries each, 2 to 4
// sources, an English body of about 3 KB and, for every other agency, a
// Japanese one of about 1 KB. Every name says it is synthetic.
func synthetic(n int) []model.Agency {
	para := "This synthetic agency offers a LINE account for consultations and notices. " +
		"The record cites the body's own announcement and a news report, and notes what the service handles.\n\n"
	paraJA := "この合成機関はLINE公式アカウントで相談と通知を行っています。出典は機関自身の発表と報道です。\n\n"
	out := make([]model.Agency, n)
	for i := range out {
		id := fmt.Sprintf("%05d", i+1)
		a := &out[i]
		a.Slug = "synthetic-agency-" + id
		a.Path = "content/agencies/synthetic/" + a.Slug + ".md"
		if i%2 == 0 {
			a.PathJA = "content/agencies/synthetic/" + a.Slug + ".ja.md"
		}
		a.Name = "Synthetic agency " + id
		a.NameJA = "合成機関 " + id
		a.Level = model.Levels[i%len(model.Levels)]
		if a.Level != model.National {
			a.Prefecture = "osaka"
			a.Code = fmt.Sprintf("27%04d", i%10000)
		}
		a.Updated = model.DateOf(2020+i%6, time.Month(1+i%12), 1+i%28)
		a.Services = make([]model.Service, 1+i%6)
		for j := range a.Services {
			s := &a.Services[j]
			s.Name = fmt.Sprintf("Synthetic service %s-%d", id, j)
			s.NameJA = fmt.Sprintf("合成サービス %s-%d", id, j)
			s.Category = model.Categories[(i+j)%len(model.Categories)]
			s.Status = model.Statuses[(i+j)%len(model.Statuses)]
			s.Since = model.DateOf(2021, time.Month(1+(i+j)%12), 1+j)
			s.PersonalData = model.Flag((i + j) % 3)
			s.Sensitive = model.Flag((i + 2*j) % 3)
			if j%2 == 1 {
				s.Alternative, s.AlternativeJA = "Telephone and the counter", "電話と窓口"
			}
			s.Note, s.NoteJA = "Operated by a contractor.", "委託事業者が運用。"
			if h := (i + j) % 4; h > 0 {
				s.History = make([]model.Change, h)
				for k := range s.History {
					s.History[k] = model.Change{Date: model.DateOf(2018+k, 4, 1), Status: model.Statuses[k%len(model.Statuses)], Note: "Earlier state.", NoteJA: "以前の状態。"}
				}
			}
		}
		a.Sources = make([]model.Source, 2+i%3)
		for j := range a.Sources {
			a.Sources[j] = model.Source{
				Title:      fmt.Sprintf("Synthetic announcement %s-%d", id, j),
				Publisher:  "Synthetic publisher",
				Kind:       model.SourceKinds[j%len(model.SourceKinds)],
				Date:       model.DateOf(2022, 5, 1+j),
				URL:        fmt.Sprintf("https://example.org/synthetic/%s/%d", id, j),
				ArchiveURL: fmt.Sprintf("https://web.archive.org/web/2022/https://example.org/synthetic/%s/%d", id, j),
				Quote:      "合成の引用文です。",
			}
		}
		a.Body = "# " + a.Name + "\n\n" + strings.Repeat(para, 3000/len(para)+1)
		if a.PathJA != "" {
			a.BodyJA = "# " + a.NameJA + "\n\n" + strings.Repeat(paraJA, 1000/len(paraJA)+1)
		}
	}
	return out
}

const benchAgencies = 20000

func BenchmarkEncode(b *testing.B) {
	f := File{Agencies: synthetic(benchAgencies)}
	b.SetBytes(int64(len(Encode(f))))
	b.ReportAllocs()
	for b.Loop() {
		Encode(f)
	}
}

func BenchmarkDecode(b *testing.B) {
	// Only the file stays in memory, as when a build starts: the agencies
	// it was made from would give the collector a heap to walk meanwhile.
	data := Encode(File{Agencies: synthetic(benchAgencies)})
	runtime.GC()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is Decode with the file's reading, what a build pays.
func BenchmarkLoad(b *testing.B) {
	name := filepath.Join(b.TempDir(), "checked")
	f := File{Agencies: synthetic(benchAgencies)}
	if err := os.WriteFile(name, Encode(f), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(Encode(f))))
	f = File{}
	runtime.GC()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(name); err != nil {
			b.Fatal(err)
		}
	}
}
