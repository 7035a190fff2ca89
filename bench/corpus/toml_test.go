package corpus

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// TestQuote round-trips awkward strings through the TOML parser the
// generator uses, so generated text can never break a record.
func TestQuote(t *testing.T) {
	for _, s := range []string{"", "plain", `a "quoted" word`, `back\slash`, "two\nlines", "tab\tand\x01control\x7f", "合成自治体00042", "— dash"} {
		var v struct{ K string }
		if _, err := toml.Decode("K = "+quote(s), &v); err != nil {
			t.Errorf("quote(%q) = %s: %v", s, quote(s), err)
			continue
		}
		if v.K != s {
			t.Errorf("quote(%q) = %s reads back as %q", s, quote(s), v.K)
		}
	}
}
