package render_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// The differential tests of the hand-written open-data encoders
// (data_json.go, data_csv.go): agencies.json and services.csv must be
// byte for byte what the old encoders, built on encoding/json and
// encoding/csv and kept in data_reference_test.go, make of the same site.

// hostileDataSite is the data fixture with a hostile string in every free-text
// field of a record, a service, an earlier state and a source, and in the
// licence: quotes, control bytes, HTML, U+2028, invalid UTF-8, formulas.
func hostileDataSite() model.Input {
	in := dataFixture()
	for i, s := range append(hostile, "\u00a0nbsp first", " space first", `\.`, "a,b", "\u3000全角スペース", "\v\f\b\x7f", "\u2028", "\xe2\x80", "😀\xf0\x9f") {
		in.Agencies = append(in.Agencies, model.Agency{
			Slug: fmt.Sprintf("hostile-%02d", i), Name: s, NameJA: s, Level: model.Level(s), Prefecture: s, Code: s,
			Path: fmt.Sprintf("content/agencies/hostile-%02d.md", i),
			Services: []model.Service{
				{Name: s, NameJA: s, Category: model.Category(s), Status: model.Status(s), Alternative: s, AlternativeJA: s, Note: s, NoteJA: s,
					History: []model.Change{{Status: model.Status(s), Note: s, NoteJA: s}, {Note: s}}},
				{Name: s},
			},
			Sources: []model.Source{{Title: s, Publisher: s, Kind: model.SourceKind(s), URL: s, ArchiveURL: s, Quote: s}, {}},
			Body:    s, BodyJA: s,
		})
	}
	in.Config.License = hostile[3]
	return in
}

func TestDataMatchesReference(t *testing.T) {
	sites := []struct {
		name string
		site func(testing.TB) *model.Site
	}{
		{"fixture", func(testing.TB) *model.Site { return model.New(dataFixture()) }},
		{"hostile strings", func(testing.TB) *model.Site { return model.New(hostileDataSite()) }},
		{"synthetic", func(testing.TB) *model.Site { return model.New(synthetic(200)) }},
		{"empty", func(testing.TB) *model.Site { return model.New(model.Input{}) }},
		{"odd dates", func(testing.TB) *model.Site {
			in := dataFixture()
			a := &in.Agencies[0]
			a.Updated = model.Date{Year: 12345, Month: 13, Day: 100}
			a.Services[0].Since = model.Date{Year: -1, Month: 1, Day: 1}
			a.Sources[0].Date = model.Date{Year: 7, Month: 0, Day: 0}
			return model.New(in)
		}},
		{"corpus of 2,000", func(tb testing.TB) *model.Site {
			if testing.Short() {
				tb.Skip("the corpus takes a few seconds to load")
			}
			return corpusSite(tb, 2000)
		}},
	}
	opts := []render.Options{
		{},
		goldenOpt,
		{BasePath: "/sub/"},
		{BasePath: "sub"},
		{BaseURL: "https://example.org/a&b<c>/\u2028"},
	}
	for _, st := range sites {
		t.Run(st.name, func(t *testing.T) {
			site := st.site(t)
			for _, opt := range opts {
				wantJSON, wantCSV, err := render.ReferenceData(site, opt)
				if err != nil {
					t.Fatal(err)
				}
				got, err := render.Data(site, opt)
				if err != nil {
					t.Fatal(err)
				}
				sameBytes(t, fmt.Sprintf("%+v %s", opt, render.AgenciesJSON), got[render.AgenciesJSON], wantJSON)
				sameBytes(t, fmt.Sprintf("%+v %s", opt, render.ServicesCSV), got[render.ServicesCSV], wantCSV)
			}
		})
	}
}

// sameBytes reports where got first differs from want.
func sameBytes(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Errorf("%s differs from the reference at byte %d of %d (want %d):\n got %q\nwant %q",
		what, i, len(got), len(want), got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
}

// TestJSONStringMatchesReference checks the string writer on every byte
// alone and after text, and on the hostile strings.
func TestJSONStringMatchesReference(t *testing.T) {
	var inputs []string
	for b := range 256 {
		inputs = append(inputs, string(rune(b)), string([]byte{byte(b)}), "ab"+string([]byte{byte(b)})+"cd")
	}
	inputs = append(inputs, hostile...)
	inputs = append(inputs, "\u2027\u2028\u2029\u202a", "\xe2\x80\xa8", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "日本語のテキスト", strings.Repeat("<&>", 100))
	for _, s := range inputs {
		if got, want := render.AppendJSONString([]byte("x"), s), append([]byte("x"), render.ReferenceJSONString(s)...); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

// TestCSVFieldMatchesReference does the same for the CSV cell writer.
func TestCSVFieldMatchesReference(t *testing.T) {
	inputs := []string{"", `\.`, `'\.`, "-", " x", "\u3000x", "\u0085x", "\u00a0x", "x y", "a,b", `a"b`, "a\rb", "a\r\nb", "a\nb", "\xff=", "=\xff"}
	for b := range 256 {
		inputs = append(inputs, string([]byte{byte(b)}), string(rune(b)), string(rune(b))+"x\"")
	}
	inputs = append(inputs, hostile...)
	for _, r := range "=+-@\t\r＝＋－＠" {
		inputs = append(inputs, string(r)+"1", string(r)+"a,b", string(r)+" \n")
	}
	for _, s := range inputs {
		if got, want := render.AppendCSVField([]byte("x"), s), append([]byte("x"), render.ReferenceCSVField(s)...); !bytes.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}

// FuzzDataEncoders holds the string and cell writers to encoding/json and
// encoding/csv on arbitrary text, and a whole record with the text in
// every field to the reference encoders.
func FuzzDataEncoders(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("\xe2\x80\xa9 \u3000-3")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := render.AppendJSONString(nil, s), render.ReferenceJSONString(s); !bytes.Equal(got, want) {
			t.Fatalf("JSON string %q: got %s, want %s", s, got, want)
		}
		if got, want := render.AppendCSVField(nil, s), render.ReferenceCSVField(s); !bytes.Equal(got, want) {
			t.Fatalf("CSV cell %q: got %q, want %q", s, got, want)
		}
		if !utf8.ValidString(s) && len(s) > 64 {
			return // the record adds nothing the writers did not cover
		}
		in := dataFixture()
		a := &in.Agencies[0]
		a.Name, a.Body, a.Code = s, s, s
		a.Services = append(a.Services, model.Service{Name: s, NameJA: s, Note: s, NoteJA: s, Alternative: s, Category: model.Category(s), Status: model.Active,
			History: []model.Change{{Note: s}}})
		a.Sources = append(a.Sources, model.Source{Title: s, Publisher: s, Quote: s, URL: s})
		site := model.New(in)
		wantJSON, wantCSV, err := render.ReferenceData(site, render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := render.Data(site, render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameBytes(t, render.AgenciesJSON, got[render.AgenciesJSON], wantJSON)
		sameBytes(t, render.ServicesCSV, got[render.ServicesCSV], wantCSV)
	})
}

// TestDataSizeEstimates checks that the buffers of Data are sized from the
// records closely: on text that needs little escaping the estimate is
// within 2% (or 100 bytes) of the file, so the buffer is neither grown
// nor much too big.
func TestDataSizeEstimates(t *testing.T) {
	sites := []struct {
		name string
		site func(testing.TB) *model.Site
	}{
		{"fixture", func(testing.TB) *model.Site { return model.New(dataFixture()) }},
		{"synthetic", func(testing.TB) *model.Site { return model.New(synthetic(500)) }},
		{"corpus of 300", func(tb testing.TB) *model.Site { return corpusSite(tb, 300) }},
	}
	for _, st := range sites {
		site := st.site(t)
		files, err := render.Data(site, goldenOpt)
		if err != nil {
			t.Fatal(err)
		}
		js, cs := render.SizeEstimates(site, goldenOpt)
		for _, f := range []struct {
			file     string
			estimate int
		}{{render.AgenciesJSON, js}, {render.ServicesCSV, cs}} {
			size := len(files[f.file])
			if d := float64(f.estimate-size) / float64(size); (d < -0.02 || d > 0.02) && (f.estimate-size < -100 || f.estimate-size > 100) {
				t.Errorf("%s: %s estimated at %d bytes, made %d (%+.1f%%)", st.name, f.file, f.estimate, size, 100*d)
			}
		}
	}
}
