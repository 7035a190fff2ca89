package render_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// withSurveys is the fixture with a local and a national survey, as the
// real content has: MIC's figures, one without a total, a Japanese twin.
func withSurveys() model.Input {
	in := fixture()
	in.Surveys = []model.Survey{{
		Slug: "national-2021", Path: "content/surveys/national-2021.md",
		Title: "Survey of government bodies", Surveyed: "23 government bodies", Scope: model.NationalSurvey,
		Figures: []model.Figure{
			{Label: "Bodies using LINE", Value: 18, Total: 23, Note: "The press gives *78.2%*."},
			{Label: "Operations on LINE", Value: 221},
		},
		Sources: []model.Source{{Title: "政府18機関でLINEを業務利用", Publisher: "Security NEXT", Kind: model.News,
			Date: model.DateOf(2021, time.May, 6), URL: "https://www.security-next.com/125835", Quote: "利用している:18機関(221業務)"}},
		Body: "The base of 63 disagrees with 87 + 9.",
	}, {
		Slug: "mic-2021", Path: "content/surveys/mic-2021.md", PathJA: "content/surveys/mic-2021.ja.md",
		Title: "MIC survey of local governments", TitleJA: "総務省の地方公共団体調査",
		Surveyed: "all 1,788 local governments", SurveyedJA: "全1,788団体",
		AsOf: model.DateOf(2021, time.March, 18), Scope: model.LocalSurvey,
		Figures: []model.Figure{
			{Label: "Local governments using LINE", LabelJA: "LINEを利用する団体", Value: 1158, Total: 1788},
			{Label: "Prefectures using LINE", Value: 47, Total: 47},
			{Label: "Services on LINE", LabelJA: "LINEのサービス", Value: 3193},
			{Label: "Services handling personal information", Value: 719, Total: 3193},
		},
		Sources: []model.Source{{Title: "地方公共団体における業務でのLINEの利用状況等について", Publisher: "Ministry of Internal Affairs and Communications",
			Kind: model.Official, URL: "https://www.soumu.go.jp/menu_news/s-news/01gyosei07_02000112.html"}},
		Body:   "Every local government answered.",
		BodyJA: "回答率は100%。",
	}}
	return in
}

func TestSurveyPages(t *testing.T) {
	out := build(t, withSurveys(), render.Options{})
	row := func(label, value, total, share string) string {
		return label + `</th><td class="num">` + value + `</td><td class="num">` + total + `</td><td class="num">` + share + `</td></tr>`
	}
	tests := []struct {
		file string
		want []string
	}{
		{"national/index.html", []string{
			// Every survey, as a captioned table with header cells.
			`<section id="survey-mic-2021" class="survey" aria-labelledby="survey-mic-2021-h">`,
			`<caption id="survey-mic-2021-cap">Figures: MIC survey of local governments</caption>`,
			`<th scope="col" class="num">Share</th>`,
			`<tr><th scope="row">` + row("Local governments using LINE", "1,158", "1,788", "64.8%"),
			row("Prefectures using LINE", "47", "47", "100.0%"),
			row("Services on LINE", "3,193", "–", "–"),
			row("Services handling personal information", "719", "3,193", "22.5%"),
			"Figures as of</dt><dd><time datetime=\"2021-03-18\">18 March 2021</time>",
			"all 1,788 local governments", "Local governments</dd>",
			`<p class="alt-name" lang="ja">総務省の地方公共団体調査</p>`,
			"Every local government answered.",
			// The national survey, its note as inline Markdown, its source with link and quote.
			`<caption id="survey-national-2021-cap">Figures: Survey of government bodies</caption>`,
			`Bodies using LINE<br><span class="meta">The press gives <em>78.2%</em>.</span></th><td class="num">18</td><td class="num">23</td><td class="num">78.3%</td>`,
			"National government bodies</dd>",
			`<a href="https://www.security-next.com/125835" lang="ja">政府18機関でLINEを業務利用</a>`,
			`<blockquote lang="ja"><p>利用している:18機関(221業務)</p></blockquote>`,
			"The base of 63 disagrees with 87 + 9.",
			"Record: <code>content/surveys/national-2021.md</code>",
			"rounded to one decimal place",
			// The records are still listed.
			"Ministry of Internal Affairs and Communications",
		}},
		{"ja/national/index.html", []string{
			`<caption id="survey-mic-2021-cap">調査結果：総務省の地方公共団体調査</caption>`,
			row("LINEを利用する団体", "1,158", "1,788", "64.8%"),
			`<span lang="en">Prefectures using LINE</span>`,
			"2021年3月18日", "全1,788団体", "回答率は100%。",
			`<h3 id="survey-national-2021-h" lang="en">Survey of government bodies</h3>`,
		}},
		{"index.html", []string{
			`<h2 id="h-picture">The national picture</h2>`,
			`<caption id="cap-survey-mic-2021">MIC survey of local governments, as of 18 March 2021</caption>`,
			row("Local governments using LINE", "1,158", "1,788", "64.8%"),
			row("Services handling personal information", "719", "3,193", "22.5%"),
			`<a href="https://www.soumu.go.jp/menu_news/s-news/01gyosei07_02000112.html" lang="ja">`,
			"Ministry of Internal Affairs and Communications · official",
			`href="/national/#survey-mic-2021"`,
			// What the records show: Osaka City and Sakai City of the
			// fixture's two municipalities, one using LINE, one service
			// that handles personal data.
			`<caption id="cap-records">What the records on this site show</caption>`,
			row("Prefectural governments with a record", "0", "47", "0.0%"),
			row("Municipalities with a record", "2", "2", "100.0%"),
			row("of which use LINE", "1", "2", "50.0%"),
			row("LINE services recorded", "1", "–", "–"),
			row("of which handle personal information, as their sources report", "1", "1", "100.0%"),
			row("of which the sources do not say whether they handle personal information", "0", "1", "0.0%"),
			// Only the local survey is on the home page.
			"! Survey of government bodies",
		}},
		{"ja/index.html", []string{
			`<caption id="cap-survey-mic-2021">総務省の地方公共団体調査、2021年3月18日時点</caption>`,
			row("LINEを利用する団体", "1,158", "1,788", "64.8%"),
			row("記録のある市区町村", "2", "2", "100.0%"),
			`href="/ja/national/#survey-mic-2021"`,
		}},
	}
	for _, tt := range tests {
		got, ok := out[tt.file]
		if !ok {
			t.Errorf("%s: not built", tt.file)
			continue
		}
		contains(t, tt.file, got, tt.want...)
	}
}

// A site without surveys shows no empty survey sections.
func TestNoSurveys(t *testing.T) {
	out := build(t, fixture(), render.Options{})
	contains(t, "index.html", out["index.html"], "! h-picture", "! What the records on this site show")
	contains(t, "national/index.html", out["national/index.html"], "! h-surveys", "Bodies with a record")
}

// Pages that show a survey depend on it; the others do not.
func TestSurveyInputs(t *testing.T) {
	for _, p := range render.Plan(model.New(withSurveys()), render.Options{}) {
		local, national := slices.Contains(p.Inputs, "survey/mic-2021"), slices.Contains(p.Inputs, "survey/national-2021")
		path := strings.TrimPrefix(p.URL, "/ja")
		switch path {
		case "/":
			if !local || national {
				t.Errorf("%s: inputs %q, want survey/mic-2021 only", p.URL, p.Inputs)
			}
		case "/national/":
			if !local || !national {
				t.Errorf("%s: inputs %q, want both surveys", p.URL, p.Inputs)
			}
		default:
			if local || national {
				t.Errorf("%s: inputs %q name a survey it does not show", p.URL, p.Inputs)
			}
		}
	}
}

// Every page of a site with surveys still has one h1, its landmarks and
// its twin link, and ids stay unique.
func TestSurveyPagesStructure(t *testing.T) {
	for file, html := range build(t, withSurveys(), render.Options{}) {
		if n := strings.Count(html, "<h1"); n != 1 {
			t.Errorf("%s: %d h1 elements", file, n)
		}
		seen := map[string]bool{}
		for _, part := range strings.Split(html, ` id="`)[1:] {
			id := part[:strings.IndexByte(part, '"')]
			if seen[id] {
				t.Errorf("%s: id %q used twice", file, id)
			}
			seen[id] = true
		}
	}
}
