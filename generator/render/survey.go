package render

import (
	"fmt"

	"linewatch/generator/model"
)

// SurveyView is one survey on the national page (every survey, in full)
// and on the home page (the local surveys, beside the records).
type SurveyView struct {
	ID       string // the anchor of its section on the national page: "survey-SLUG"
	URL      string // link to that section
	Title    Text
	AltTitle Text // the title in the other script, or empty
	Surveyed Text // who was surveyed
	AsOf     model.Date
	Scope    Enum // key "scope.local" or "scope.national"
	Figures  []FigureView
	Body     Text // Markdown
	Sources  []SourceView
	Record   string // the survey's file, "content/surveys/..."
}

// FigureView is one row of a figures table: a survey's figure, or a count
// the site makes from its records (then Key names the label).
type FigureView struct {
	Key   string // translation key of the label for counts the site makes; "" for survey figures
	Label Text   // the survey's label when Key is ""
	Note  Text   // inline Markdown
	Value int
	Total int    // the denominator; 0 when there is none
	Share string // Value/Total as "64.8%", computed at build time; "" without a total
}

// surveyID is the anchor of a survey's section on the national page.
func surveyID(slug string) string { return "survey-" + slug }

// surveyKey is the input key of a survey record.
func surveyKey(slug string) string { return "survey/" + slug }

// survey describes one survey for the page's language.
func (p planner) survey(s *model.Survey) SurveyView {
	v := SurveyView{
		ID:       surveyID(s.Slug),
		URL:      p.link("/national/") + "#" + surveyID(s.Slug),
		Title:    pick(p.lang, s.Title, s.TitleJA),
		AltTitle: other(p.lang, s.Title, s.TitleJA),
		Surveyed: pick(p.lang, s.Surveyed, s.SurveyedJA),
		AsOf:     s.AsOf,
		Scope:    Enum{Value: string(s.Scope), Key: "scope." + string(s.Scope)},
		Body:     pick(p.lang, s.Body, s.BodyJA),
		Sources:  p.sources(s.Sources),
		Record:   s.Path,
	}
	for _, f := range s.Figures {
		v.Figures = append(v.Figures, figureView(FigureView{
			Label: pick(p.lang, f.Label, f.LabelJA),
			Note:  pick(p.lang, f.Note, f.NoteJA),
		}, f.Value, f.Total))
	}
	return v
}

// figureView fills in a row's numbers and its share.
func figureView(v FigureView, value, total int) FigureView {
	v.Value, v.Total = value, total
	if pm, ok := (model.Figure{Value: value, Total: total}).Permille(); ok {
		v.Share = fmt.Sprintf("%d.%d%%", pm/10, pm%10)
	}
	return v
}

// localRecords counts what the records show for local governments, as
// rows shaped like a survey's figures so the home page can set the two
// side by side: prefectural governments and municipalities with a record,
// out of all in the reference data; how many of those use LINE; their
// services, how many of those handle personal data as reported, and how
// many have no report either way (so a low share is not read as a finding).
// Shares here are of the records, never of all bodies. It reads every
// agency, as the home page already does for coverage.
func (p planner) localRecords() []FigureView {
	var prefs, prefsUsing, munis, munisUsing, services, personal, unknown int
	for _, a := range p.site.Agencies {
		switch a.Level {
		case model.Prefectural:
			prefs++
			if a.UsesLINE() {
				prefsUsing++
			}
		case model.Municipality:
			munis++
			if a.UsesLINE() {
				munisUsing++
			}
		default:
			continue
		}
		services += len(a.Services)
		for i := range a.Services {
			switch pd := a.Services[i].PersonalData; {
			case pd.True():
				personal++
			case !pd.Known():
				unknown++
			}
		}
	}
	allMunis := 0
	for i := range p.site.Prefectures {
		allMunis += len(p.site.Prefectures[i].LocalGovs)
	}
	return []FigureView{
		figureView(FigureView{Key: "records.prefectures"}, prefs, len(p.site.Prefectures)),
		figureView(FigureView{Key: "records.prefectures.using"}, prefsUsing, prefs),
		figureView(FigureView{Key: "records.municipalities"}, munis, allMunis),
		figureView(FigureView{Key: "records.municipalities.using"}, munisUsing, munis),
		figureView(FigureView{Key: "records.services"}, services, 0),
		figureView(FigureView{Key: "records.personal-data"}, personal, services),
		figureView(FigureView{Key: "records.personal-data.unknown"}, unknown, services),
	}
}
