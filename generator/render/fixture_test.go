package render_test

import (
	"fmt"
	"testing"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
	"linewatch/layouts"
)

// prefectures returns 47 prefectures shaped like the reference data: the
// real Osaka (27) and Tokyo (13) and clearly fake others, so tests need
// not import refdata.
func prefectures() []model.Prefecture {
	var out []model.Prefecture
	for i := 1; i <= 47; i++ {
		p := model.Prefecture{
			Code:     fmt.Sprintf("%02d", i),
			Slug:     fmt.Sprintf("pref-%02d", i),
			Name:     fmt.Sprintf("Prefecture %02d", i),
			NameJA:   fmt.Sprintf("第%d県", i),
			Region:   "Region",
			RegionJA: "地方",
		}
		switch i {
		case 13:
			p.Slug, p.Name, p.NameJA, p.Region, p.RegionJA = "tokyo", "Tokyo", "東京都", "Kanto", "関東"
		case 27:
			p.Slug, p.Name, p.NameJA, p.Region, p.RegionJA = "osaka", "Osaka", "大阪府", "Kinki", "近畿"
			p.LocalGovs = []model.LocalGov{
				{Code: "271004", Name: "Osaka City", NameJA: "大阪市", Kind: "city"},
				{Code: "271403", Name: "Sakai City", NameJA: "堺市", Kind: "city"},
			}
		}
		out = append(out, p)
	}
	return out
}

// fixture is a small site: one municipality with a suspended service, a
// national body whose service has no date, a record stating no LINE use,
// one event and one free page.
func fixture() model.Input {
	return model.Input{
		Config:      model.Config{Title: "Test site", TitleJA: "テストサイト", License: "CC BY 4.0"},
		Prefectures: prefectures(),
		Agencies: []model.Agency{
			{
				Slug: "osaka-city", Path: "content/agencies/osaka/osaka-city.md", PathJA: "content/agencies/osaka/osaka-city.ja.md",
				Name: "Osaka City", NameJA: "大阪市", Level: model.Municipality, Prefecture: "osaka", Code: "271004",
				Updated: model.DateOf(2021, time.March, 19),
				Services: []model.Service{{
					Name: "Bullying consultation", NameJA: "いじめ相談", Category: model.Consultation,
					Status: model.Suspended, Since: model.DateOf(2021, time.March, 19),
					PersonalData: model.Yes, Sensitive: model.Yes, Alternative: "Telephone line",
					Note:    "See the *city* notice.",
					History: []model.Change{{Date: model.DateOf(2020, time.August, 1), Status: model.Active}},
				}},
				Sources: []model.Source{{
					Title: "Japan gov't to review state use of Line app over personal information fears", Publisher: "The Mainichi",
					Kind: model.News, Date: model.DateOf(2021, time.March, 19), URL: "https://example.org/news",
					Quote: "大阪市は相談を停止した。",
				}},
				Body:   "The city halted the service on 19 March 2021.",
				BodyJA: "大阪市は2021年3月19日にサービスを停止した。",
			},
			{
				Slug: "mic", Path: "content/agencies/national/mic.toml",
				Name: "Ministry of Internal Affairs and Communications", NameJA: "総務省", Level: model.National,
				Updated:  model.DateOf(2021, time.March, 19),
				Services: []model.Service{{Name: "Recruitment notices", Category: model.Recruitment, Status: model.Suspended}},
				Sources:  []model.Source{{Title: "A source without a date", Publisher: "Test"}},
			},
			{
				Slug: "sakai-city", Path: "content/agencies/osaka/sakai-city.md",
				Name: "Sakai City", NameJA: "堺市", Level: model.Municipality, Prefecture: "osaka", Code: "271403",
				Updated: model.DateOf(2021, time.April, 1),
				Sources: []model.Source{{Title: "Test statement", Publisher: "Test", Kind: model.Official}},
			},
		},
		Events: []model.Event{{
			Slug: "2021-03-18-request", Path: "content/events/2021-03-18-request.md",
			Date: model.DateOf(2021, time.March, 18), Title: "MIC asks local governments to report their LINE use",
			TitleJA: "総務省が自治体にLINE利用の報告を要請", Agencies: []string{"mic"},
			Sources: []model.Source{{Title: "Test source", Publisher: "Test"}},
			Body:    "Body.",
		}},
		Pages: []model.Page{{Slug: "about", Path: "content/pages/about.md", Title: "About", TitleJA: "このサイトについて", Body: "About this site."}},
	}
}

// load parses the embedded default layouts.
func load(t testing.TB) *render.Layouts {
	t.Helper()
	l, err := render.LoadLayouts(render.Union(nil, layouts.FS))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// build plans and executes every page of in, keyed by output file.
func build(t testing.TB, in model.Input, opt render.Options) map[string]string {
	t.Helper()
	l := load(t)
	out := make(map[string]string)
	for _, p := range render.Plan(model.New(in), opt) {
		b, err := l.Execute(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := out[p.File()]; dup {
			t.Fatalf("two pages write %s", p.File())
		}
		out[p.File()] = string(b)
	}
	return out
}
