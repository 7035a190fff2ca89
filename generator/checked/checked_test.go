package checked

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/validate"
)

// fill sets every field reachable from v to a distinct non-zero value:
// strings and integers from *next, slices to two elements each. A kind
// it does not know fails the test, so a new kind of field in the model
// must be taught to the filler, and then to the codec.
func fill(t testing.TB, v reflect.Value, next *int, path string) {
	t.Helper()
	*next++
	n := *next
	switch v.Kind() {
	case reflect.String:
		v.SetString("v" + strconv.Itoa(n) + " 値" + strconv.Itoa(n))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x := int64(n)
		if v.OverflowInt(x) {
			x = int64(n%100 + 1)
		}
		v.SetInt(x)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(t, v.Field(i), next, path+"."+v.Type().Field(i).Name)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(t, s.Index(i), next, path+"["+strconv.Itoa(i)+"]")
		}
		v.Set(s)
	default:
		t.Fatalf("%s is a %s, which fill (and maybe the codec) does not know", path, v.Kind())
	}
}

// filled returns agencies with every field set, all values different.
func filled(t testing.TB, n int) []model.Agency {
	t.Helper()
	next := 0
	out := make([]model.Agency, n)
	for i := range out {
		fill(t, reflect.ValueOf(&out[i]).Elem(), &next, "Agency")
	}
	return out
}

// roundTrip encodes and decodes f, failing the test on an error or any
// difference.
func roundTrip(t *testing.T, f File) {
	t.Helper()
	got, err := Decode(Encode(f))
	if err != nil {
		t.Fatalf("Decode(Encode(f)): %v", err)
	}
	if f.Seen == nil && len(f.Agencies) > 0 {
		f.Seen = make([]Seen, len(f.Agencies)) // Encode writes zeros
	}
	if !reflect.DeepEqual(got, f) {
		if !reflect.DeepEqual(got.Seen, f.Seen) || got.Program != f.Program {
			t.Fatalf("round trip differs: program %q, seen %v; want %q, %v", got.Program, got.Seen, f.Program, f.Seen)
		}
		for i := range min(len(got.Agencies), len(f.Agencies)) {
			if !reflect.DeepEqual(got.Agencies[i], f.Agencies[i]) {
				t.Fatalf("agency %d differs after the round trip:\n got %+v\nwant %+v", i, got.Agencies[i], f.Agencies[i])
			}
		}
		t.Fatalf("round trip differs: %d agencies; want %d", len(got.Agencies), len(f.Agencies))
	}
}

// TestEveryField fails when a field of Agency, Service, Change, Source or
// Date is missing from the codec: each is set to its own value, which
// the round trip must keep.
func TestEveryField(t *testing.T) {
	for _, n := range []int{1, 3, serialBelow + 5} { // serial and parallel decoding
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			f := File{Program: "prog", Agencies: filled(t, n)}
			next := 1000000
			fill(t, reflect.ValueOf(&f.Seen).Elem(), &next, "Seen")
			f.Seen = slices.Repeat(f.Seen, n)[:n]
			for i := range f.Seen {
				f.Seen[i].ModTime += int64(i) << 40 // every one different, and large
			}
			roundTrip(t, f)
		})
	}
}

// TestRealContent round-trips the agencies of the repository's own
// content, as validate makes them.
func TestRealContent(t *testing.T) {
	fsys := os.DirFS("../..")
	cfg, diags := load.Config(fsys)
	docs, more := load.Dir(fsys)
	diags.Append(more)
	in, more := validate.Check(cfg, docs, nil)
	diags.Append(more)
	if len(diags) > 0 {
		t.Fatalf("the repository's content does not validate:\n%v", diags)
	}
	if len(in.Agencies) < 100 {
		t.Fatalf("only %d agencies in the repository's content", len(in.Agencies))
	}
	var noServices, noHistory bool
	for _, a := range in.Agencies {
		noServices = noServices || len(a.Services) == 0
		for _, s := range a.Services {
			noHistory = noHistory || len(s.History) == 0
		}
	}
	if !noServices || !noHistory {
		t.Logf("the content lacks an agency without services (%v) or a service without history (%v); TestEdgeCases has them", !noServices, !noHistory)
	}
	roundTrip(t, File{Agencies: in.Agencies})
}

// TestEdgeCases round-trips the values at the edges: nothing at all,
// empty strings, zero and odd dates, Japanese text, large numbers.
func TestEdgeCases(t *testing.T) {
	ja := "大阪市の「LINE」公式アカウント、相談窓口 🌸"
	tests := []struct {
		name string
		f    File
	}{
		{"no agencies", File{}},
		{"a program and no agencies", File{Program: "prog"}},
		{"zero agency", File{Agencies: []model.Agency{{}}}},
		{"no services", File{Agencies: []model.Agency{{Slug: "a", Name: "A", Sources: []model.Source{{Title: "t", Publisher: "p"}}}}}},
		{"service without history", File{Agencies: []model.Agency{{Slug: "a", Services: []model.Service{{Name: "s", Status: model.Active}}}}}},
		{"zero-valued elements", File{Agencies: []model.Agency{{Services: []model.Service{{History: []model.Change{{}}}}, Sources: []model.Source{{}}}}}},
		{"japanese", File{Agencies: []model.Agency{{Slug: "osaka-city", Name: "Osaka City", NameJA: ja, BodyJA: strings.Repeat(ja+"\n", 100),
			Services: []model.Service{{NameJA: ja, AlternativeJA: ja, NoteJA: ja, History: []model.Change{{NoteJA: ja}}}},
			Sources:  []model.Source{{Title: ja, Publisher: ja, Quote: ja}}}}}},
		{"dates and flags", File{Agencies: []model.Agency{{
			Updated:  model.Date{Year: -1, Month: 13, Day: 1 << 40},
			Services: []model.Service{{Since: model.DateOf(2021, time.March, 19), PersonalData: model.Yes, Sensitive: -128, History: []model.Change{{Date: model.Date{Year: 1 << 62}}}}},
			Sources:  []model.Source{{Date: model.Date{Month: 12}}}}}}},
		{"long string", File{Agencies: []model.Agency{{Body: strings.Repeat("x", 1<<20)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { roundTrip(t, tt.f) })
	}
}

// small is a short valid file of three agencies, for the error tests.
func small(t testing.TB) []byte {
	t.Helper()
	return Encode(File{Program: smallProgram, Agencies: filled(t, 3)})
}

// smallProgram is the program digest of small's file.
const smallProgram = "0123456789abcdef"

// smallIndex is where the index of small's file starts.
const smallIndex = fixed + len(smallProgram)

// withChecksum returns a copy of b with its checksum made right, so that
// damage behind it reaches the structure checks.
func withChecksum(b []byte) []byte {
	b = bytes.Clone(b)
	if len(b) >= countAt {
		binary.LittleEndian.PutUint32(b[crcAt:], checksum(b[countAt:]))
	}
	return b
}

func TestDecodeErrors(t *testing.T) {
	good := small(t)
	withHeader := func(h string) []byte { return append([]byte(h), good[len(header):]...) }
	withCount := func(n uint64) []byte {
		b := bytes.Clone(good)
		binary.LittleEndian.PutUint64(b[countAt:], n)
		return withChecksum(b)
	}
	withOffset := func(i int, off uint64) []byte {
		b := bytes.Clone(good)
		binary.LittleEndian.PutUint64(b[smallIndex+8*i:], off)
		return withChecksum(b)
	}
	tests := []struct {
		name string
		b    []byte
		want string // in the error
	}{
		{"empty", nil, "truncated: 0 bytes, within the header"},
		{"within the header", []byte(header[:len(header)-1]), "within the header"},
		{"not this format", []byte("<html>\n"), "not a checked agencies file"},
		{"other format", withHeader("linewatch checker 1\n"), "not a checked agencies file"},
		{"other version", withHeader("linewatch checked 1\n"), `version "1"`},
		{"header only", []byte(header), "truncated"},
		{"program longer than the file", withChecksum(func() []byte {
			b := bytes.Clone(good)
			binary.LittleEndian.PutUint32(b[progAt:], 1<<31)
			return b
		}()), "program digest"},
		{"flipped byte", func() []byte { b := bytes.Clone(good); b[len(b)/2] ^= 1; return b }(), "checksum mismatch"},
		{"count larger than data", withCount(1 << 60), "count of"},
		// One more or one less moves where the index ends.
		{"count one more", withCount(4), "index"},
		{"count one less", withCount(2), "agency 0"},
		{"first offset not 0", withOffset(0, 1), "index"},
		{"offset past the end", withOffset(1, 1<<40), "index"},
		{"offsets out of order", withOffset(2, 1), "index"},
		{"trailing byte", withChecksum(append(bytes.Clone(good), 0)), "left over"},
		{"string too long", withChecksum(func() []byte {
			b := bytes.Clone(good)
			b[smallIndex+24] = 0x7f // the first agency's slug length
			return b
		}()), "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Decode(tt.b)
			if err == nil {
				t.Fatalf("no error; decoded %d agencies", len(f.Agencies))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

// TestTruncated decodes every prefix of a small file, as it is and with
// its checksum made right: every one must be an error, never a panic.
func TestTruncated(t *testing.T) {
	good := small(t)
	for n := range len(good) {
		if _, err := Decode(good[:n]); err == nil {
			t.Errorf("no error for the first %d of %d bytes", n, len(good))
		}
		if _, err := Decode(withChecksum(good[:n])); err == nil {
			t.Errorf("no error for the first %d of %d bytes with the checksum made right", n, len(good))
		}
	}
}

// TestFlipped flips each bit of a small file: the checksum (or header)
// must refuse every one.
func TestFlipped(t *testing.T) {
	good := small(t)
	for i := range good {
		for bit := range 8 {
			b := bytes.Clone(good)
			b[i] ^= 1 << bit
			if _, err := Decode(b); err == nil {
				t.Fatalf("no error with bit %d of byte %d flipped", bit, i)
			}
		}
	}
}

// TestLoad reads back what Encode made, from a file.
func TestLoad(t *testing.T) {
	name := filepath.Join(t.TempDir(), "checked")
	want := File{Program: "prog", Agencies: filled(t, 3),
		Seen: []Seen{{1, 2, 3, 4}, {5, 6, 0, 0}, {7, 1 << 62, 8, -1}}}
	if err := os.WriteFile(name, Encode(want), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load gave %+v, want %+v", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	if _, err := Load(missing); err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "checked agencies file "+dir) {
		t.Errorf("Load of a folder: %v", err)
	}
	damaged := filepath.Join(dir, "damaged")
	b := small(t)
	b[len(b)-1] ^= 0xff
	if err := os.WriteFile(damaged, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(damaged); err == nil || !strings.Contains(err.Error(), "checked agencies file "+damaged+": checksum mismatch") {
		t.Errorf("Load of a damaged file: %v", err)
	}
}
