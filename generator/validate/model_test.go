package validate

import (
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"linewatch/generator/load"
	"linewatch/generator/model"
)

// TestCheckModel checks that valid records come out as the typed values the
// rest of the engine relies on.
func TestCheckModel(t *testing.T) {
	ref := loadRef(t)
	in, diags := run(t, ref, map[string]string{
		"site.toml": "title = \"LINE watch\"\nbase_url = \"https://example.org/lw\"\n",
		"content/agencies/osaka/osaka-city.md": `+++
name = "Osaka City"
level = "municipality"
prefecture = 27
code = "271004"
updated = 2021-03-19

[[services]]
name = "Bullying consultation"
name_ja = "いじめ相談"
category = "consultation"
status = "suspended"
since = 2021-03-19
personal_data = true
sensitive = true
alternative = "Telephone line"
alternative_ja = "電話相談"
note = "Paused *at once*."
note_ja = "直ちに停止"

  [[services.history]]
  date = 2020-08-01
  status = "active"
  note = "Started"

[[sources]]
title = "Japan gov't to review state use of Line app"
publisher = "The Mainichi"
kind = "news"
date = 2021-03-19
url = "https://mainichi.jp/english/"
archive_url = "https://web.archive.org/web/2021/https://mainichi.jp/english/"
quote = "…"

[[sources]]
title = "City page"
publisher = "Osaka City"
+++
Body.
`,
		"content/agencies/osaka/osaka-city.ja.md": "+++\nname_ja = \"大阪市\"\n+++\n本文\n",
		"content/agencies/national/mic.toml": `name = "MIC"
level = "national"
updated = 2021-03-20
[[sources]]
title = "t"
publisher = "p"
`,
		"content/events/2021-03-17-x.md": `+++
date = 2021-03-17
title = "X"
agencies = ["osaka-city", "mic"]
[[sources]]
title = "t"
publisher = "p"
+++
Event.
`,
		"content/events/2021-03-16-y.toml": "date = 2021-03-16\ntitle = \"Y\"\n[[sources]]\ntitle = \"t\"\npublisher = \"p\"\n",
		"content/pages/about.md":           "+++\ntitle = \"About\"\n+++\nAbout.\n",
		"content/pages/about.ja.md":        "概要\n",
	})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags)
	}

	wantCfg := model.Config{Title: "LINE watch", TitleJA: "LINE watch", BaseURL: "https://example.org/lw/", Out: "public"}
	if in.Config != wantCfg {
		t.Errorf("config = %+v, want %+v", in.Config, wantCfg)
	}

	march := func(d int) model.Date { return model.DateOf(2021, time.March, d) }
	osaka := model.Agency{
		Slug:       "osaka-city",
		Path:       "content/agencies/osaka/osaka-city.md",
		PathJA:     "content/agencies/osaka/osaka-city.ja.md",
		Name:       "Osaka City",
		NameJA:     "大阪市",
		Level:      model.Municipality,
		Prefecture: "osaka",
		Code:       "271004",
		Updated:    march(19),
		Services: []model.Service{{
			Name: "Bullying consultation", NameJA: "いじめ相談",
			Category: model.Consultation, Status: model.Suspended, Since: march(19),
			PersonalData: model.Yes, Sensitive: model.Yes,
			Alternative: "Telephone line", AlternativeJA: "電話相談",
			Note: "Paused *at once*.", NoteJA: "直ちに停止",
			History: []model.Change{{Date: model.DateOf(2020, time.August, 1), Status: model.Active, Note: "Started"}},
		}},
		Sources: []model.Source{{
			Title: "Japan gov't to review state use of Line app", Publisher: "The Mainichi",
			Kind: model.News, Date: march(19), URL: "https://mainichi.jp/english/",
			ArchiveURL: "https://web.archive.org/web/2021/https://mainichi.jp/english/", Quote: "…",
		}, {
			Title: "City page", Publisher: "Osaka City",
		}},
		Body:   "Body.\n",
		BodyJA: "本文\n",
	}
	mic := model.Agency{
		Slug: "mic", Path: "content/agencies/national/mic.toml", Name: "MIC", Level: model.National,
		Updated: march(20), Sources: []model.Source{{Title: "t", Publisher: "p"}},
	}
	if want := []model.Agency{mic, osaka}; !reflect.DeepEqual(in.Agencies, want) {
		t.Errorf("agencies:\n got %+v\nwant %+v", in.Agencies, want)
	}

	wantEvents := []model.Event{{
		Slug: "2021-03-16-y", Path: "content/events/2021-03-16-y.toml", Date: march(16), Title: "Y",
		Sources: []model.Source{{Title: "t", Publisher: "p"}},
	}, {
		Slug: "2021-03-17-x", Path: "content/events/2021-03-17-x.md", Date: march(17), Title: "X",
		Agencies: []string{"osaka-city", "mic"}, Sources: []model.Source{{Title: "t", Publisher: "p"}}, Body: "Event.\n",
	}}
	if !reflect.DeepEqual(in.Events, wantEvents) {
		t.Errorf("events:\n got %+v\nwant %+v", in.Events, wantEvents)
	}

	wantPages := []model.Page{{
		Slug: "about", Path: "content/pages/about.md", PathJA: "content/pages/about.ja.md",
		Title: "About", Body: "About.\n", BodyJA: "概要\n",
	}}
	if !reflect.DeepEqual(in.Pages, wantPages) {
		t.Errorf("pages:\n got %+v\nwant %+v", in.Pages, wantPages)
	}
}

func TestConfigDefaults(t *testing.T) {
	ref := loadRef(t)
	tests := []struct {
		name string
		toml *string
		want model.Config
	}{
		{"no site.toml", nil, model.Config{Title: "linewatch", TitleJA: "linewatch", Out: "public"}},
		{"empty", ptr(""), model.Config{Title: "linewatch", TitleJA: "linewatch", Out: "public"}},
		{"title only", ptr(`title = "T"`), model.Config{Title: "T", TitleJA: "T", Out: "public"}},
		{"base_url with slash kept", ptr(`base_url = "http://localhost:1414/"`),
			model.Config{Title: "linewatch", TitleJA: "linewatch", Out: "public", BaseURL: "http://localhost:1414/"}},
		{"everything", ptr("title = \"T\"\ntitle_ja = \"ティー\"\nout = \"dist\"\nlicense = \"CC0\"\n"),
			model.Config{Title: "T", TitleJA: "ティー", Out: "dist", License: "CC0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.toml != nil {
				files["site.toml"] = *tt.toml
			}
			in, diags := run(t, ref, files)
			if len(diags) > 0 {
				t.Fatalf("diagnostics:\n%s", diags)
			}
			if in.Config != tt.want {
				t.Errorf("config = %+v, want %+v", in.Config, tt.want)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestPrefectures(t *testing.T) {
	ref := loadRef(t)
	in, _ := run(t, ref, nil)
	if len(in.Prefectures) != 47 {
		t.Fatalf("got %d prefectures, want 47", len(in.Prefectures))
	}
	total := 0
	for _, p := range in.Prefectures {
		if p.Slug == "" || p.Name == "" || p.NameJA == "" || p.Region == "" || p.RegionJA == "" || len(p.LocalCode) != 6 || len(p.LocalGovs) == 0 {
			t.Errorf("incomplete prefecture %+v", p)
		}
		for _, g := range p.LocalGovs {
			if g.Kind == "prefecture" || g.Kind == "ward" || g.Code[:2] != p.Code {
				t.Errorf("%s lists %+v", p.Slug, g)
			}
		}
		total += len(p.LocalGovs)
	}
	// Japan's 1,741 municipalities: cities, towns, villages, Tokyo's wards.
	if total != 1741 {
		t.Errorf("got %d municipalities, want 1741", total)
	}
	osaka := in.Prefectures[26]
	if osaka.Slug != "osaka" || osaka.LocalCode != "270008" || osaka.LocalGovs[0].Code != "271004" {
		t.Errorf("osaka = %+v", osaka)
	}
}

// TestCheckDeterministic checks that the order of documents does not
// change the result: the Builder's cache may hand them over in any order.
func TestCheckDeterministic(t *testing.T) {
	ref := loadRef(t)
	fsys := fstest.MapFS{}
	for p, text := range map[string]string{
		"content/agencies/b.md":   osakaCity,
		"content/agencies/a.md":   osakaCity,
		"content/agencies/c.md":   "+++\n+++\n",
		"content/events/e.md":     "+++\ndate = 2021-03-17\ntitle = \"T\"\nagencies = [\"zz\"]\n" + src,
		"content/events/d.md":     "+++\ndate = 2021-03-17\ntitle = \"T\"\n" + src,
		"content/pages/p.ja.md":   "x",
		"content/agencies/d.toml": "name = 1",
	} {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	cfg, _ := load.Config(fsys)
	docs, _ := load.Dir(fsys)
	in1, d1 := Check(cfg, docs, ref)
	for i := range docs {
		shuffled := append(slices.Clone(docs[i:]), docs[:i]...)
		slices.Reverse(shuffled[1:])
		in2, d2 := Check(cfg, shuffled, ref)
		if !reflect.DeepEqual(in1, in2) || d1.String() != d2.String() {
			t.Fatalf("order %d changes the result:\n%s\n---\n%s", i, d1, d2)
		}
	}
	if in1.Events[0].Slug != "d" || in1.Agencies[0].Slug != "a" {
		t.Errorf("not sorted: %v %v", in1.Events, in1.Agencies)
	}
}

// TestCheckSurveyModel checks that a survey comes out typed, with its
// Japanese title and body taken from the sibling and figures in file order.
func TestCheckSurveyModel(t *testing.T) {
	in, diags := run(t, loadRef(t), map[string]string{
		"content/surveys/mic-2021.md": `+++
title = "MIC survey"
surveyed = "all 1,788 local governments"
surveyed_ja = "全1,788団体"
as_of = 2021-03-18
scope = "local"

[[figures]]
label = "Local governments using LINE"
label_ja = "LINEを利用する地方公共団体"
value = 1158
total = 1788
note = "100% *responded*"
note_ja = "回答率100%"

[[figures]]
label = "Services"
value = 3193

[[sources]]
title = "地方公共団体における業務でのLINEの利用状況等について"
publisher = "MIC"
kind = "official"
url = "https://www.soumu.go.jp/menu_news/s-news/01gyosei07_02000112.html"
+++
Body.
`,
		"content/surveys/mic-2021.ja.md": "+++\ntitle_ja = \"総務省調査\"\n+++\n本文\n",
		"content/surveys/a.toml":         "title = \"A\"\nsurveyed = \"s\"\nscope = \"national\"\n[[figures]]\nlabel = \"l\"\nvalue = 0\n[[sources]]\ntitle = \"t\"\npublisher = \"p\"\n",
	})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags)
	}
	want := []model.Survey{{
		Slug: "a", Path: "content/surveys/a.toml", Title: "A", Surveyed: "s", Scope: model.NationalSurvey,
		Figures: []model.Figure{{Label: "l"}},
		Sources: []model.Source{{Title: "t", Publisher: "p"}},
	}, {
		Slug: "mic-2021", Path: "content/surveys/mic-2021.md", PathJA: "content/surveys/mic-2021.ja.md",
		Title: "MIC survey", TitleJA: "総務省調査",
		Surveyed: "all 1,788 local governments", SurveyedJA: "全1,788団体",
		AsOf: model.DateOf(2021, time.March, 18), Scope: model.LocalSurvey,
		Figures: []model.Figure{
			{Label: "Local governments using LINE", LabelJA: "LINEを利用する地方公共団体", Value: 1158, Total: 1788, Note: "100% *responded*", NoteJA: "回答率100%"},
			{Label: "Services", Value: 3193},
		},
		Sources: []model.Source{{
			Title: "地方公共団体における業務でのLINEの利用状況等について", Publisher: "MIC", Kind: model.Official,
			URL: "https://www.soumu.go.jp/menu_news/s-news/01gyosei07_02000112.html",
		}},
		Body: "Body.\n", BodyJA: "本文\n",
	}}
	if !reflect.DeepEqual(in.Surveys, want) {
		t.Errorf("surveys:\n got %+v\nwant %+v", in.Surveys, want)
	}
}
