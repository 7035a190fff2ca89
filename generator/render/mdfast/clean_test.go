package mdfast

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// cleanByByte is cleanText one byte at a time, as its doc states it.
func cleanByByte(src string) bool {
	for i := 0; i < len(src); i++ {
		if bad(src[i]) {
			return false
		}
	}
	return utf8.ValidString(src)
}

// TestCleanText holds cleanText, which tests eight bytes at a time, to
// the byte-by-byte rule: every byte value at every place of a word and
// of the tail, and random texts mixing the bytes either side of each
// class's edges with UTF-8 sequences whole and broken.
func TestCleanText(t *testing.T) {
	for c := range 256 {
		for at := range 19 {
			b := []byte("abcdefghijklmnopqrs")
			b[at] = byte(c)
			if got, want := cleanText(string(b)), cleanByByte(string(b)); got != want {
				t.Fatalf("cleanText(%q) = %v, want %v", b, got, want)
			}
		}
	}
	edges := []byte("a \n\x00\x1f\x20\x21;<=[\\]~\x7f\x80\xbf\xe3\x81\x82")
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = byte(r.IntN(256))
			} else {
				b[i] = edges[r.IntN(len(edges))]
			}
		}
		if got, want := cleanText(string(b)), cleanByByte(string(b)); got != want {
			t.Fatalf("cleanText(%q) = %v, want %v", b, got, want)
		}
	}
}
