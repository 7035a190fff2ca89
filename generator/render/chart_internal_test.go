package render

import (
	"regexp"
	"strings"
	"testing"
)

func TestChartSVG(t *testing.T) {
	c := Chart{Key: "home.by-status.caption", Bars: []Count{
		{Enum: Enum{Key: "status.active"}, N: 1200},
		{Enum: Enum{Key: "status.suspended"}, N: 300},
		{Enum: Enum{Key: "status.planned"}, N: 0},
	}}
	got, err := chartSVG(translate, c)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	name := "[home.by-status.caption]: [status.active] 1,200, [status.suspended] 300, [status.planned] 0"
	for _, want := range []string{
		`role="img" aria-label="` + name + `"`,
		`<title>` + name + `</title>`,
		`height="90"`, // three rows
		// The longest bar takes the whole bar area; the others scale.
		`<rect x="40.00%" y="5" width="48.00%" height="20"`,
		`<rect x="40.00%" y="35" width="12.00%" height="20"`,
		// Every number is written as text beside its bar, zeros included.
		`x="88.00%" dx="6" y="20" font-size="15" font-weight="700" fill="currentColor">1,200</text>`,
		`>300</text>`, `x="40.00%" dx="6" y="80" font-size="15" font-weight="700" fill="currentColor">0</text>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("chart does not contain %s\n%s", want, s)
		}
	}
	if n := strings.Count(s, "<rect"); n != 2 {
		t.Errorf("%d bars drawn, want 2 (none for a zero)", n)
	}
	// An empty chart (no services yet) draws no bars and divides by nothing.
	empty := Chart{Key: "k", Bars: []Count{{Enum: Enum{Key: "status.active"}}}}
	got, err = chartSVG(translate, empty)
	if err != nil || strings.Contains(string(got), "<rect") || regexp.MustCompile(`NaN|Inf`).MatchString(string(got)) {
		t.Errorf("empty chart: %v\n%s", err, got)
	}
}
