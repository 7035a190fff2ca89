package render_test

import (
	"bytes"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// sameAsHTMLTemplate executes every page of in with the compiled
// programs and with html/template and requires the same bytes, and an
// error from both or from neither.
func sameAsHTMLTemplate(t *testing.T, l *render.Layouts, in model.Input, opt render.Options) int {
	t.Helper()
	n := 0
	for _, p := range render.Plan(model.New(in), opt) {
		fast, fastErr, slow, slowErr := l.ExecuteBoth(p)
		if fast == nil && fastErr == nil {
			t.Fatalf("%s: layout %s/%s has no compiled program", p.URL, p.Lang, p.Layout)
		}
		if (fastErr != nil) != (slowErr != nil) {
			t.Fatalf("%s: compiled error %v, html/template error %v", p.URL, fastErr, slowErr)
		}
		if !bytes.Equal(fast, slow) {
			i := 0
			for i < len(fast) && i < len(slow) && fast[i] == slow[i] {
				i++
			}
			lo := max(0, i-200)
			t.Fatalf("%s: compiled output differs at byte %d:\ncompiled: %q\nhtml/template: %q", p.URL, i, fast[lo:min(len(fast), i+200)], slow[lo:min(len(slow), i+200)])
		}
		n++
	}
	return n
}

func TestCompiledFixture(t *testing.T) {
	l := load(t)
	if u := l.Uncompiled(); len(u) > 0 {
		t.Fatalf("uncompiled: %v", u)
	}
	for _, opt := range []render.Options{{}, goldenOpt} {
		sameAsHTMLTemplate(t, l, fixture(), opt)
		sameAsHTMLTemplate(t, l, hostileSite(), opt)
	}
}
