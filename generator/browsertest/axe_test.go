package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets checked: WCAG 2.0 and 2.1, levels A and AA,
// which is what JIS X 8341-3 level AA asks of Japanese public bodies.
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']`

// axeRun runs axe on the whole document and keeps what the report needs:
// rule counts, and for each violation its nodes.
const axeRun = `(async () => {
	const r = await axe.run(document, {
		runOnly: {type: 'tag', values: ` + axeTags + `},
		resultTypes: ['violations'],
	});
	return {
		passes: r.passes.length,
		incomplete: r.incomplete.map(i => i.id),
		violations: r.violations.map(v => ({
			id: v.id,
			impact: v.impact || '',
			help: v.help,
			nodes: v.nodes.map(n => ({target: String(n.target), html: n.html, summary: n.failureSummary || ''})),
		})),
	};
})()`

// axeResult is the part of axe's results the tests use.
type axeResult struct {
	Passes     int            `json:"passes"`     // rules that passed
	Incomplete []string       `json:"incomplete"` // rules axe could not decide (for a person to look at)
	Violations []axeViolation `json:"violations"`
}

// axeViolation is one failed rule and the elements that fail it.
type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

// axeNode is one failing element.
type axeNode struct {
	Target  string `json:"target"`  // a CSS selector for the element
	HTML    string `json:"html"`    // the element's opening markup
	Summary string `json:"summary"` // how to fix it
}

// runAxe injects axe-core into the loaded page (once per document) and
// runs it.
func runAxe(t *testing.T, tb *tab, source string) axeResult {
	t.Helper()
	if !eval[bool](t, tb, `typeof window.axe === 'object'`) {
		eval[chromedp.Void](t, tb, source)
	}
	return eval[axeResult](t, tb, axeRun)
}

// String is the one-line summary logged for each page.
func (r axeResult) String() string {
	s := fmt.Sprintf("%d rules passed, %d violations", r.Passes, len(r.Violations))
	if len(r.Incomplete) > 0 {
		s += fmt.Sprintf(", %d to review by hand (%s)", len(r.Incomplete), strings.Join(r.Incomplete, ", "))
	}
	return s
}

// report describes every violation, each node on its own line, so a
// failure names the page, the rule and the element.
func (r axeResult) report() string {
	var b strings.Builder
	for _, v := range r.Violations {
		fmt.Fprintf(&b, "\n  %s (%s): %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n    %s\n      %s", n.Target, shorten(n.HTML, 200))
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(shorten(n.Summary, 400), "\n", " "))
			}
		}
	}
	return b.String()
}

// shorten cuts s to at most n bytes on a rune boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
