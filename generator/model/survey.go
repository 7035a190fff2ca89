package model

// Survey is a published count of LINE use across many bodies, such as
// MIC's 2021 survey of every local government. Its figures give the
// national picture that per-body records cannot: how far the records reach
// is measured against them. Every figure is as the survey gives it; the
// site computes only shares (see Figure.Permille).
type Survey struct {
	Slug       string // unique among surveys; the file name without extension
	Path       string // the record's file, relative to the site folder
	PathJA     string // the Japanese body's file, or ""
	Title      string
	TitleJA    string
	Surveyed   string // who was surveyed, in short: "all 1,788 local governments"
	SurveyedJA string
	AsOf       Date // the day the figures describe; zero when the sources do not say
	Scope      SurveyScope
	Figures    []Figure // in the record's order, which is the order pages show
	Sources    []Source
	Body       string // Markdown
	BodyJA     string // Markdown, from the .ja.md sibling
}

// Figure is one number a survey reports, with the number it is out of
// when the survey gives one.
type Figure struct {
	Label   string
	LabelJA string
	Value   int
	Total   int    // the denominator; 0 when the survey gives none. Value <= Total otherwise
	Note    string // Markdown inline
	NoteJA  string
}

// Permille returns the figure as a share of its total in tenths of a
// percent, rounded half up (1,158 of 1,788 gives 648, read 64.8%), and
// false when the figure has no total. Integer arithmetic keeps the result
// exact and the same on every machine, so pages stay byte-identical.
func (f Figure) Permille() (int, bool) {
	if f.Total <= 0 || f.Value < 0 {
		return 0, false
	}
	return (f.Value*1000 + f.Total/2) / f.Total, true
}
