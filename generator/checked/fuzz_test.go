package checked

import (
	"reflect"
	"testing"

	"linewatch/generator/model"
)

// FuzzDecode feeds Decode damaged files. Most damage stops at the
// checksum, so each input is also decoded with its checksum made right,
// which takes the damage to the checks of the structure behind it. Decode
// must never panic, and what it accepts must survive another round trip.
func FuzzDecode(f *testing.F) {
	// Small seeds: the fuzzer minimizes every input that finds new
	// code, which takes seconds for one of a few kilobytes.
	f.Add(Encode(File{}))
	f.Add(Encode(File{Agencies: []model.Agency{{}, {Slug: "a", Services: []model.Service{{Name: "s"}}}}}))
	f.Add(Encode(File{Program: "p", Agencies: filled(f, 1), Seen: []Seen{{1, 2, 3, 4}}}))
	f.Add([]byte(header))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, in := range [][]byte{b, withChecksum(b)} {
			got, err := Decode(in)
			if err != nil {
				continue
			}
			again, err := Decode(Encode(got))
			if err != nil {
				t.Fatalf("Decode accepted a file whose re-encoding it refuses: %v", err)
			}
			if !reflect.DeepEqual(again, got) {
				t.Fatalf("re-encoding changed the file:\n got %+v\nwant %+v", again, got)
			}
		}
	})
}
