package render_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// update rewrites the golden files of the published data contracts:
// go test ./generator/render -run TestDataGolden -update, then review
// the diff like any other change.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// dataFixture is the page fixture plus one clearly fake record whose
// texts look like spreadsheet formulas, so the golden CSV shows the
// neutralisation a reader will meet.
func dataFixture() model.Input {
	in := fixture()
	in.Agencies = append(in.Agencies, model.Agency{
		Slug: "test-town", Path: "content/agencies/tokyo/test-town.md",
		Name: "Test Town", NameJA: "テスト町", Level: model.Municipality, Prefecture: "tokyo",
		Updated: model.DateOf(2021, time.June, 7),
		Services: []model.Service{
			{
				Name: "=HYPERLINK(\"https://example.org\",\"x\")", NameJA: "＝1+1", Category: model.Other, Status: model.Resumed,
				Since: model.DateOf(2021, time.June, 7), PersonalData: model.No,
				Alternative: "+81 3 0000 0000", Note: "-3", NoteJA: "@mention, \"quoted\"\nsecond line",
				History: []model.Change{
					{Date: model.DateOf(2021, time.March, 24), Status: model.Suspended, Note: "Paused.", NoteJA: "一時停止。"},
				},
			},
		},
		Sources: []model.Source{
			{Title: "A source without an address", Publisher: "Test"},
			{Title: "A source with one", Publisher: "Test", Kind: model.Official, URL: "https://example.org/test-town", ArchiveURL: "https://web.archive.org/web/2021/https://example.org/test-town"},
		},
	})
	return in
}

// goldenOpt publishes the fixture under a sub-path with base_url set, so
// the golden files show absolute page addresses.
var goldenOpt = render.Options{BaseURL: "https://example.org/linewatch/"}

func TestDataGolden(t *testing.T) {
	files, err := render.Data(model.New(dataFixture()), goldenOpt)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Errorf("Data returned %d files, want 3", len(files))
	}
	for _, tt := range []struct{ file, golden string }{
		{render.AgenciesJSON, "agencies.golden.json"},
		{render.ServicesCSV, "services.golden.csv"},
		{render.RecordSchema, "record.schema.golden.json"},
	} {
		got, ok := files[tt.file]
		if !ok {
			t.Errorf("%s: not produced", tt.file)
			continue
		}
		golden(t, filepath.Join("testdata", tt.golden), got)
	}
}

// golden compares got with a golden file, or rewrites it with -update.
// A difference is reported at its line and column, as go/printer's tests do.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	line, col := 1, 1
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			break
		}
		if got[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	t.Errorf("%s:%d:%d: output differs from the golden file (run with -update and review the diff)", path, line, col)
}

func TestServicesCSVFormat(t *testing.T) {
	site := model.New(dataFixture())
	files, err := render.Data(site, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := files[render.ServicesCSV]
	body, ok := bytes.CutPrefix(b, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Fatalf("services.csv does not start with a UTF-8 byte-order mark: % x", b[:min(8, len(b))])
	}
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Error("services.csv does not end with CRLF")
	}
	if n := bytes.Count(body, []byte("\n")); n != bytes.Count(body, []byte("\r\n")) {
		t.Errorf("services.csv has %d bare line feeds; every line must end with CRLF", n-bytes.Count(body, []byte("\r\n")))
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+site.Totals.Services {
		t.Fatalf("%d rows, want a header and %d services", len(rows), site.Totals.Services)
	}
	head := strings.Join(rows[0], ",")
	if !strings.HasPrefix(head, "agency,agency_name,agency_name_ja,level,prefecture,code,updated,service_name") || !strings.Contains(head, ",source_url,") {
		t.Errorf("header %q", head)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	// The row of test-town: formulas and the negative number neutralised,
	// date and empty values untouched, the multi-line note kept whole.
	var town []string
	for _, r := range rows[1:] {
		if r[0] == "test-town" {
			town = r
		}
	}
	for name, want := range map[string]string{
		"service_name":    `'=HYPERLINK("https://example.org","x")`,
		"service_name_ja": "'＝1+1",
		"alternative":     "'+81 3 0000 0000",
		"note":            "'-3",
		"note_ja":         "'@mention, \"quoted\"\nsecond line",
		"since":           "2021-06-07",
		"code":            "",
		"personal_data":   "no",
		"sensitive":       "not-reported",
		"source_url":      "https://example.org/test-town",
		"page_url":        "/agencies/test-town/",
		"page_url_ja":     "/ja/agencies/test-town/",
	} {
		if got := town[col[name]]; got != want {
			t.Errorf("test-town %s = %q, want %q", name, got, want)
		}
	}
	// An agency that does not use LINE has no row.
	for _, r := range rows[1:] {
		if r[0] == "sakai-city" {
			t.Error("sakai-city has no services but a row")
		}
	}
}

// hostile holds strings that break naive JSON or CSV writers.
var hostile = []string{
	`"quoted" and \backslash\`,
	"line\nbreak\r\nand\ttab",
	"line\u2028separator\u2029paragraph",
	"</script><script>alert(1)</script>",
	"nul\x00byte",
	"invalid \xff\xfe UTF-8",
	"=cmd|' /C calc'!A0",
	"",
}

func TestAgenciesJSONHostileStrings(t *testing.T) {
	in := dataFixture()
	a := &in.Agencies[0]
	for _, s := range hostile {
		a.Services = append(a.Services, model.Service{Name: s, NameJA: s, Note: s, Category: model.Other, Status: model.Active})
		a.Sources = append(a.Sources, model.Source{Title: s, Publisher: s, Quote: s, URL: s})
	}
	a.Body, a.Name = hostile[3], hostile[1]
	in.Config.License = hostile[0]
	files, err := render.Data(model.New(in), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	js := files[render.AgenciesJSON]
	if !json.Valid(js) {
		t.Fatal("agencies.json is not valid JSON")
	}
	for _, raw := range []string{"\u2028", "\u2029", "</script>", "\x00"} {
		if bytes.Contains(js, []byte(raw)) {
			t.Errorf("agencies.json contains %q unescaped", raw)
		}
	}
	var back struct {
		License  string
		Agencies []struct {
			Slug     string
			Name     string
			Body     string
			Services []struct{ Name, Note string }
		}
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.License != hostile[0] {
		t.Errorf("license came back as %q", back.License)
	}
	osaka := back.Agencies[slices.IndexFunc(back.Agencies, func(x struct {
		Slug     string
		Name     string
		Body     string
		Services []struct{ Name, Note string }
	}) bool {
		return x.Slug == "osaka-city"
	})]
	if osaka.Name != hostile[1] || osaka.Body != hostile[3] {
		t.Errorf("name %q, body %q did not survive", osaka.Name, osaka.Body)
	}
	for i, s := range hostile {
		want := string([]rune(s)) // each invalid byte becomes U+FFFD
		if got := osaka.Services[1+i].Name; got != want {
			t.Errorf("service name %q came back as %q", s, got)
		}
	}
	// The CSV holds the same strings, readable back, with formulas neutralised.
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files[render.ServicesCSV], []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("services.csv: %v", err)
	}
	for _, r := range rows {
		for _, cell := range r {
			if c := []rune(cell); len(c) > 0 && strings.ContainsRune("=+-@\t\r＝＋－＠", c[0]) {
				t.Errorf("cell %q starts a formula", cell)
			}
		}
	}
}

func TestDataDeterministic(t *testing.T) {
	in := dataFixture()
	first, err := render.Data(model.New(in), goldenOpt)
	if err != nil {
		t.Fatal(err)
	}
	// Another run, with the records in another order: the same bytes.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		rng.Shuffle(len(in.Agencies), func(i, j int) { in.Agencies[i], in.Agencies[j] = in.Agencies[j], in.Agencies[i] })
		again, err := render.Data(model.New(in), goldenOpt)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range first {
			if !bytes.Equal(b, again[name]) {
				t.Errorf("%s differs between runs", name)
			}
		}
	}
	var v struct {
		Agencies []struct{ Slug string }
	}
	if err := json.Unmarshal(first[render.AgenciesJSON], &v); err != nil {
		t.Fatal(err)
	}
	if !slices.IsSortedFunc(v.Agencies, func(a, b struct{ Slug string }) int { return strings.Compare(a.Slug, b.Slug) }) {
		t.Error("agencies.json is not sorted by slug")
	}
}

func TestAgenciesJSONNulls(t *testing.T) {
	in := dataFixture()
	in.Config.License = ""
	files, err := render.Data(model.New(in), render.Options{BasePath: "/sub/"})
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(files[render.AgenciesJSON], &v); err != nil {
		t.Fatal(err)
	}
	if v["license"] != nil || v["version"] != float64(render.DataVersion) || v["generator"] != "linewatch" {
		t.Errorf("top level: license %v, version %v, generator %v", v["license"], v["version"], v["generator"])
	}
	var mic, sakai map[string]any
	for _, x := range v["agencies"].([]any) {
		a := x.(map[string]any)
		switch a["slug"] {
		case "mic":
			mic = a
		case "sakai-city":
			sakai = a
		}
	}
	sv := mic["services"].([]any)[0].(map[string]any)
	src := mic["sources"].([]any)[0].(map[string]any)
	for _, tt := range []struct {
		what string
		got  any
		want any
	}{
		{"mic prefecture", mic["prefecture"], nil},
		{"mic code", mic["code"], nil},
		{"mic url", mic["url"], "/sub/agencies/mic/"},
		{"mic url_ja", mic["url_ja"], "/sub/ja/agencies/mic/"},
		{"mic uses_line", mic["uses_line"], true},
		{"service since", sv["since"], nil},
		{"service name_ja", sv["name_ja"], nil},
		{"service personal_data", sv["personal_data"], "not-reported"},
		{"source date", src["date"], nil},
		{"source kind", src["kind"], nil},
		{"source url", src["url"], nil},
		{"sakai uses_line", sakai["uses_line"], false},
		{"sakai services", len(sakai["services"].([]any)), 0},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %#v, want %#v", tt.what, tt.got, tt.want)
		}
	}
	if strings.Contains(string(files[render.AgenciesJSON]), time.Now().Format("2006-01-02")) {
		t.Error("agencies.json contains today's date: no build time may leak into the data")
	}
}

func TestDataInputs(t *testing.T) {
	keys := render.DataInputs(model.New(dataFixture()))
	if !slices.IsSorted(keys) {
		t.Errorf("inputs not sorted: %q", keys)
	}
	for _, k := range []string{"site.toml", "agency/mic", "agency/test-town", "prefecture/osaka"} {
		if !slices.Contains(keys, k) {
			t.Errorf("inputs lack %q", k)
		}
	}
}

// A site with no records still publishes well-formed files.
func TestDataEmptySite(t *testing.T) {
	files, err := render.Data(model.New(model.Input{}), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"version\": 1,\n  \"generator\": \"linewatch\",\n  \"license\": null,\n  \"agencies\": []\n}\n"
	if got := string(files[render.AgenciesJSON]); got != want {
		t.Errorf("agencies.json of an empty site:\n%s\nwant\n%s", got, want)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files[render.ServicesCSV], []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 1 {
		t.Errorf("services.csv of an empty site: %d rows, %v; want the header alone", len(rows), err)
	}
	if !json.Valid(files[render.RecordSchema]) {
		t.Error("the schema of a site without prefectures is not valid JSON")
	}
}

// BenchmarkData makes the open-data files of a 2,000-agency synthetic
// site, which the Builder does on every rebuild.
func BenchmarkData(b *testing.B) {
	site := model.New(synthetic(2000))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := render.Data(site, render.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
