package render

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"testing"
	"time"

	"linewatch/generator/model"
)

// TestXMLEscape holds xmlWriter.escape to encoding/xml's EscapeText: every
// byte alone and between text, and random texts of markup, control
// bytes, broken and whole UTF-8 and the runes at the edges of XML's
// character range.
func TestXMLEscape(t *testing.T) {
	check := func(s string) {
		t.Helper()
		var want bytes.Buffer
		_ = xml.EscapeText(&want, []byte(s))
		var w xmlWriter
		w.escape(s)
		if got := w.b.String(); got != want.String() {
			t.Fatalf("escape(%q) = %q, want %q", s, got, want.String())
		}
	}
	for c := range 256 {
		check(string([]byte{byte(c)}))
		check("a" + string([]byte{byte(c)}) + "b")
	}
	pieces := []string{"a", "日本", "<p>", "&amp;", `"`, "'", "\t", "\n", "\r", "\x00", "\x1f", "\x7f",
		"\x80", "\xe3\x81", "\xff", "\ufffd", "\ufffe", "\uffff", "\U00010000", "\U0010ffff", "\ud7ff", "\ue000", "\u2028"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var s string
		for range r.IntN(8) {
			s += pieces[r.IntN(len(pieces))]
		}
		check(s)
	}
}

// TestAtomTime holds atomTime to time.Format for days of every month of
// a leap year and another, the days past their ends, and years of other
// lengths.
func TestAtomTime(t *testing.T) {
	for _, y := range []int{1, 999, 1000, 2020, 2023, 9999, 10000} {
		for m := time.January; m <= time.December+1; m++ {
			for d := 0; d <= 32; d++ {
				date := model.DateOf(y, m, d)
				if got, want := atomTime(date), date.Time().Format(time.RFC3339); got != want {
					t.Fatalf("atomTime(%v) = %q, want %q", date, got, want)
				}
			}
		}
	}
}
