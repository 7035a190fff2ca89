package mdfast

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/util"
)

// The byte classes below are this package's copies of rules inside
// goldmark; these tests hold them to goldmark's own functions for every
// ASCII byte.

// TestURLChar checks that every byte a destination may hold as it is
// passes goldmark's util.URLEscape unchanged, and that HTML escaping
// changes none but '&'.
func TestURLChar(t *testing.T) {
	for b := range byte(0x80) {
		if !urlChar[b] {
			continue
		}
		in := []byte{'a', b}
		if got := util.URLEscape(in, true); !bytes.Equal(got, in) {
			t.Errorf("URLEscape(%q) = %q", in, got)
		}
		if got := util.EscapeHTML(in); b != '&' && !bytes.Equal(got, in) {
			t.Errorf("EscapeHTML(%q) = %q", in, got)
		}
	}
}

// TestEmailChar checks emailChar against goldmark's util.FindEmailIndex:
// a byte may end an address's local part exactly when emailChar says so.
func TestEmailChar(t *testing.T) {
	for b := range byte(0x80) {
		in := []byte{b, '@', 'e', 'x', '.', 'o', 'r', 'g'}
		if got, want := emailChar(b), util.FindEmailIndex(in) >= 0; got != want {
			t.Errorf("emailChar(%q) = %v, goldmark finds an address: %v", b, got, want)
		}
	}
}
