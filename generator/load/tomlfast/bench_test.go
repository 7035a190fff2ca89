package tomlfast

import (
	"slices"
	"testing"
)

// BenchmarkDecode decodes the TOML of a synthetic site of 2,000 agencies,
// one op being every file, with Decode and with BurntSushi.
func BenchmarkDecode(b *testing.B) {
	var texts []string
	for _, text := range corpusTOML() {
		texts = append(texts, text)
	}
	slices.Sort(texts)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, text := range texts {
				if _, ok := Decode(text); !ok {
					b.Fatal("declined")
				}
			}
		}
	})
	b.Run("burntsushi", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, text := range texts {
				if _, err := slow(text); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
