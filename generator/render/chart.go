package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// Chart is a horizontal bar chart of counts, such as services by status,
// drawn as inline SVG when the page is built (see chartSVG): no script, no
// file of its own. The chart is one image to assistive technology, named
// by its caption and every count ("Number of LINE services by current
// status: Active 132, Under review 5, …"); each bar also shows its number
// as text, and the page keeps a table of the same counts with links.
type Chart struct {
	Key  string  // translation key of the chart's caption, the start of its accessible name
	Bars []Count // in the order shown, zeros included
}

// Geometry of a chart, in CSS pixels and percentages of its width. The
// SVG has no viewBox, so its text keeps the page's size on a phone
// instead of shrinking with the drawing; bars are placed in percentages
// of whatever width the page gives.
const (
	chartRow    = 30   // height of one bar's row
	chartBar    = 20   // height of a bar
	chartFont   = 15   // label and number size
	chartLabels = 40.0 // per cent of the width kept for the labels
	chartBars   = 48.0 // per cent of the width the longest bar takes; the rest is for its number
	chartColour = "#0b57a4"
)

// chartSVG draws a chart. t translates a key of the page's language.
func chartSVG(t func(string) (string, error), c Chart) (template.HTML, error) {
	caption, err := t(c.Key)
	if err != nil {
		return "", err
	}
	colon, err := t("punct.colon")
	if err != nil {
		return "", err
	}
	comma, err := t("punct.comma")
	if err != nil {
		return "", err
	}
	labels := make([]string, len(c.Bars))
	parts := make([]string, len(c.Bars))
	most := 0
	for i, bar := range c.Bars {
		if labels[i], err = t(bar.Key); err != nil {
			return "", err
		}
		parts[i] = labels[i] + " " + formatNum(bar.N)
		most = max(most, bar.N)
	}
	name := caption + colon + strings.Join(parts, comma)

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" width="100%%" height="%d" role="img" aria-label="%s">`,
		len(c.Bars)*chartRow, esc(name))
	fmt.Fprintf(&b, "<title>%s</title>\n", esc(name))
	for i, bar := range c.Bars {
		y := i * chartRow
		base := y + chartRow/2 + chartFont*7/20 // a baseline that centres the text on the bar
		width := 0.0
		if most > 0 {
			width = chartBars * float64(bar.N) / float64(most)
		}
		fmt.Fprintf(&b, `<text x="0" y="%d" font-size="%d" fill="currentColor">%s</text>`, base, chartFont, esc(labels[i]))
		if bar.N > 0 {
			fmt.Fprintf(&b, `<rect x="%s%%" y="%d" width="%s%%" height="%d" fill="%s"/>`,
				pct(chartLabels), y+(chartRow-chartBar)/2, pct(max(width, 0.5)), chartBar, chartColour)
		}
		fmt.Fprintf(&b, `<text x="%s%%" dx="6" y="%d" font-size="%d" font-weight="700" fill="currentColor">%s</text>`,
			pct(chartLabels+width), base, chartFont, formatNum(bar.N))
		b.WriteString("\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String()), nil
}

// pct writes a percentage with at most two decimals, the same on every
// machine.
func pct(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
