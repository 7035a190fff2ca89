package render_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"linewatch/generator/model"
	"linewatch/generator/render"
	"linewatch/layouts"
)

// dump writes the fixture site to a folder, for looking at it in a browser:
// go test ./generator/render -run TestPages -dump /tmp/site
var dump = flag.String("dump", "", "write the fixture site's pages to this folder")

// contains checks that each want line occurs in got; a line starting with
// "! " must not occur (Hugo's integration-test convention).
func contains(t *testing.T, file, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if neg, ok := strings.CutPrefix(w, "! "); ok {
			if strings.Contains(got, neg) {
				t.Errorf("%s: unexpectedly contains %q", file, neg)
			}
			continue
		}
		if !strings.Contains(got, w) {
			t.Errorf("%s: does not contain %q", file, w)
		}
	}
}

func TestPages(t *testing.T) {
	out := build(t, fixture(), render.Options{})
	if *dump != "" {
		for name, b := range out {
			p := filepath.Join(*dump, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		file string
		want []string
	}{
		// Every page type in both languages, each linking to its twin.
		{"index.html", []string{`<html lang="en">`, "<h1>Test site</h1>", `href="/ja/" hreflang="ja" lang="ja"`, `href="/status/suspended/"`, `href="/about/"`, "2 of 2 municipalities researched"}},
		{"ja/index.html", []string{`<html lang="ja">`, "<h1>テストサイト</h1>", `href="/" hreflang="en" lang="en"`, "停止"}},
		{"prefectures/index.html", []string{"<h1>Prefectures</h1>", `href="/prefectures/osaka/"`, "Prefecture 01", "Prefecture 47", `href="/ja/prefectures/"`}},
		{"ja/prefectures/index.html", []string{"東京都", "大阪府", `href="/prefectures/"`}},
		{"prefectures/osaka/index.html", []string{"<h1>Osaka</h1>", "Osaka City", "2 of 2 municipalities researched", "does not use LINE"}},
		{"prefectures/tokyo/index.html", []string{"<h1>Tokyo</h1>", "No records yet.", `href="/ja/prefectures/tokyo/"`}},
		{"ja/prefectures/tokyo/index.html", []string{"<h1>東京都</h1>", "まだ記録がありません。"}},
		{"agencies/osaka-city/index.html", []string{
			"<h1>Osaka City</h1>", `<p class="alt-name" lang="ja">大阪市</p>`, "Bullying consultation", "since 19 March 2021",
			"The Mainichi", `href="/ja/agencies/osaka-city/"`, `href="/prefectures/osaka/"`, "271004",
			`<blockquote lang="ja">`, "Record: <code>content/agencies/osaka/osaka-city.md</code>", "<em>city</em>",
			"Telephone line", "1 August 2020", "Active",
		}},
		{"ja/agencies/osaka-city/index.html", []string{"<h1>大阪市</h1>", "いじめ相談", "2021年3月19日", "大阪市は2021年3月19日にサービスを停止した。", `href="/agencies/osaka-city/"`}},
		{"agencies/mic/index.html", []string{"Recruitment notices", "date not reported", "MIC asks local governments", `href="/timeline/#event-2021-03-18-request"`}},
		{"ja/agencies/mic/index.html", []string{"日付の記載なし", `<span lang="en">Recruitment notices</span>`, "! alt-name\" lang=\"en\">Recruitment"}},
		{"agencies/sakai-city/index.html", []string{"According to its sources, this body does not use LINE."}},
		{"national/index.html", []string{"<h1>National bodies</h1>", "Ministry of Internal Affairs and Communications", "! Osaka City"}},
		{"ja/national/index.html", []string{"総務省"}},
		{"status/suspended/index.html", []string{"Osaka City", "Recruitment notices", "Bullying consultation", `scope="row"`, "<caption"}},
		{"status/planned/index.html", []string{"No service has this value"}},
		{"ja/status/suspended/index.html", []string{"状況：停止", "大阪市"}},
		{"categories/consultation/index.html", []string{"Bullying consultation", "! Recruitment notices"}},
		{"ja/categories/other/index.html", []string{"その他"}},
		{"timeline/index.html", []string{"MIC asks local governments to report their LINE use", `id="event-2021-03-18-request"`, `href="/agencies/mic/"`}},
		{"ja/timeline/index.html", []string{"総務省が自治体にLINE利用の報告を要請", `<div class="body" lang="en">`}},
		{"about/index.html", []string{"<h1>About</h1>", "About this site."}},
		{"ja/about/index.html", []string{"<h1>このサイトについて</h1>", `lang="en"`, `href="/about/"`}},
	}
	for _, tt := range tests {
		got, ok := out[tt.file]
		if !ok {
			t.Errorf("%s: not rendered", tt.file)
			continue
		}
		contains(t, tt.file, got, tt.want...)
		if n := strings.Count(got, "<h1"); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", tt.file, n)
		}
	}
}

func TestPlanCoversEveryPage(t *testing.T) {
	pages := render.Plan(model.New(fixture()), render.Options{})
	count := map[string]int{}
	for i, p := range pages {
		if i > 0 && pages[i-1].URL >= p.URL {
			t.Errorf("pages not sorted by URL: %s before %s", pages[i-1].URL, p.URL)
		}
		if p.URL == render.NotFoundURL {
			continue // one page for both languages; see TestNotFound
		}
		count[p.Layout+" "+p.Lang]++
		if !strings.HasPrefix(p.URL, "/") || !strings.HasSuffix(p.URL, "/") {
			t.Errorf("URL %q lacks a leading or trailing slash", p.URL)
		}
		if (p.Lang == "ja") != strings.HasPrefix(p.URL, "/ja/") {
			t.Errorf("%s: language %s", p.URL, p.Lang)
		}
	}
	for _, lang := range []string{"en", "ja"} {
		for layout, want := range map[string]int{
			"prefecture.html": 47, "agency.html": 3, "status.html": len(model.Statuses),
			"category.html": len(model.Categories), "home.html": 1, "prefectures.html": 1,
			"national.html": 1, "timeline.html": 1, "page.html": 1, "search.html": 1,
		} {
			if got := count[layout+" "+lang]; got != want {
				t.Errorf("%s %s: %d pages, want %d", layout, lang, got, want)
			}
		}
	}
}

func TestFile(t *testing.T) {
	for url, want := range map[string]string{
		"/":                        "index.html",
		"/agencies/osaka-city/":    "agencies/osaka-city/index.html",
		"/ja/agencies/osaka-city/": "ja/agencies/osaka-city/index.html",
	} {
		if got := (render.Page{URL: url}).File(); got != want {
			t.Errorf("File(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestEscaping(t *testing.T) {
	in := fixture()
	a := &in.Agencies[0]
	a.Name = "Osaka <script>alert(1)</script> City"
	a.Services[0].Note = "note <script>alert(2)</script> and <b>bold</b>"
	a.Services[0].Alternative = `"><img src=x onerror=alert(3)>`
	a.Body = "Para <em>raw</em>.\n\n<div onclick=\"x()\">block</div>\n\n[bad](javascript:alert(4)) [also](JaVaScRiPt:alert(5)) [vb](vbscript:x) [data](data:text/html;base64,AAAA) [ok](https://example.org/) <javascript:alert(6)>\n\n![img](javascript:alert(7))\n"
	out := build(t, in, render.Options{})
	got := out["agencies/osaka-city/index.html"]
	contains(t, "agency", got,
		"Osaka &lt;script&gt;alert(1)&lt;/script&gt; City",
		"note &lt;script&gt;alert(2)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;",
		"&lt;img src=x onerror=alert(3)&gt;",
		"Para &lt;em&gt;raw&lt;/em&gt;.",
		"&lt;div onclick=",
		`<a href="https://example.org/">ok</a>`,
		"bad", "also",
		"! <script>", "! <b>bold", "! <img src=x", "! <em>raw", "! <div onclick",
		"! raw HTML omitted",
	)
	// Script and data URLs may show as text, never as a link or image.
	lower := strings.ToLower(got)
	for _, attr := range []string{"href", "src"} {
		for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.Contains(lower, attr+`="`+scheme) {
				t.Errorf("agency: live %s link %s=%q…", scheme, attr, scheme)
			}
		}
	}
	// The name is escaped in every list that shows it, too.
	for _, file := range []string{"status/suspended/index.html", "prefectures/osaka/index.html", "index.html"} {
		contains(t, file, out[file], "&lt;script&gt;alert(1)", "! <script>")
	}
}

func TestBasePath(t *testing.T) {
	out := build(t, fixture(), render.Options{BasePath: "/linewatch/"})
	for file, got := range out {
		for _, bad := range []string{`href="/agencies`, `href="/ja/`, `href="/status`, `href="/style.css"`, `href="/"`, `href="/prefectures`} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: link %s lacks the base path", file, bad)
			}
		}
		if strings.Contains(got, "http://") || strings.Contains(got, "example.org/linewatch") {
			t.Errorf("%s: absolute URL without base_url", file)
		}
	}
	contains(t, "agency", out["agencies/osaka-city/index.html"],
		`href="/linewatch/style.css"`, `href="/linewatch/ja/agencies/osaka-city/"`, `href="/linewatch/prefectures/osaka/"`,
		"! rel=\"canonical\"")

	out = build(t, fixture(), render.Options{BasePath: "/linewatch/", BaseURL: "https://example.org/linewatch/"})
	contains(t, "agency", out["agencies/osaka-city/index.html"],
		`<link rel="canonical" href="https://example.org/linewatch/agencies/osaka-city/">`,
		`<link rel="alternate" hreflang="ja" href="https://example.org/linewatch/ja/agencies/osaka-city/">`,
		`href="/linewatch/ja/agencies/osaka-city/" hreflang="ja"`)
}

func TestDeterministic(t *testing.T) {
	a := build(t, fixture(), render.Options{})
	b := build(t, fixture(), render.Options{})
	if len(a) != len(b) {
		t.Fatalf("%d pages, then %d", len(a), len(b))
	}
	for file := range a {
		if a[file] != b[file] {
			t.Errorf("%s differs between two runs", file)
		}
	}
}

func TestUnionOverridesOneFile(t *testing.T) {
	site := fstest.MapFS{
		"national.html":    {Data: []byte(`{{define "title"}}N{{end}}{{define "main"}}<h1>Overridden national page</h1>{{end}}`)},
		"static/extra.css": {Data: []byte("p{}")},
	}
	l, err := render.LoadLayouts(render.Union(site, layouts.FS))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range render.Plan(model.New(fixture()), render.Options{}) {
		b, err := l.Execute(p)
		if err != nil {
			t.Fatal(err)
		}
		switch p.URL {
		case "/national/":
			contains(t, p.URL, string(b), "Overridden national page", "<footer")
		case "/agencies/mic/":
			contains(t, p.URL, string(b), "Recruitment notices", "! Overridden")
		}
	}
	static, err := l.Static()
	if err != nil {
		t.Fatal(err)
	}
	if static["style.css"] == nil || string(static["extra.css"]) != "p{}" {
		t.Errorf("Static() = %v keys, want style.css and extra.css", len(static))
	}
}

func TestExecuteErrorsNameThePageAndLine(t *testing.T) {
	site := fstest.MapFS{
		"agency.html": {Data: []byte("{{define \"title\"}}x{{end}}\n{{define \"main\"}}\n<p>{{.NoSuchField}}</p>{{end}}")},
	}
	l, err := render.LoadLayouts(render.Union(site, layouts.FS))
	if err != nil {
		t.Fatal(err)
	}
	p := render.Plan(model.New(fixture()), render.Options{})
	for _, pg := range p {
		if pg.URL != "/ja/agencies/mic/" {
			continue
		}
		_, err := l.Execute(pg)
		if err == nil {
			t.Fatal("no error")
		}
		for _, want := range []string{"render /ja/agencies/mic/", "agency.html:3", "NoSuchField"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
	}
	if _, err := l.Execute(render.Page{URL: "/x/", Lang: "en", Layout: "nope.html"}); err == nil || !strings.Contains(err.Error(), "/x/") {
		t.Errorf("unknown layout: error %v", err)
	}
}

// The status and category pages hold one row per service, so doubling
// the services must not much more than double their size.
func TestListsGrowLinearly(t *testing.T) {
	l := load(t)
	size := func(n int) int {
		for _, p := range render.Plan(model.New(synthetic(n)), render.Options{}) {
			if p.URL == "/status/active/" {
				b, err := l.Execute(p)
				if err != nil {
					t.Fatal(err)
				}
				return len(b)
			}
		}
		t.Fatal("no status page")
		return 0
	}
	small, large := size(200), size(400)
	if ratio := float64(large) / float64(small); ratio > 2.1 {
		t.Errorf("status page grew %.2f× for 2× the services (%d → %d bytes)", ratio, small, large)
	}
}

// Every page links to its twin in the other language, both in the head
// (rel=alternate) and visibly in the header.
func TestEveryPageLinksToItsTwin(t *testing.T) {
	l := load(t)
	for _, p := range render.Plan(model.New(fixture()), render.Options{}) {
		if p.URL == render.NotFoundURL {
			continue // bilingual itself; see TestNotFound
		}
		b, err := l.Execute(p)
		if err != nil {
			t.Fatal(err)
		}
		twin, twinLang := "/ja"+p.URL, "ja"
		if p.Lang == "ja" {
			twin, twinLang = strings.TrimPrefix(p.URL, "/ja"), "en"
		}
		contains(t, p.URL, string(b),
			`<html lang="`+p.Lang+`">`,
			`<link rel="alternate" hreflang="`+twinLang+`" href="`+twin+`">`,
			`<a href="`+twin+`" hreflang="`+twinLang+`" lang="`+twinLang+`"`,
			`<a class="skip" href="#main">`, `<main id="main"`, "<header", "<nav", "<footer")
	}
}

// Latest changes lead with services whose status has a date, newest
// first; undated ones follow by their record's verification date.
func TestLatestChanges(t *testing.T) {
	in := fixture()
	in.Agencies[1].Updated = model.DateOf(2022, time.January, 1) // mic: undated service, newer record
	in.Agencies = append(in.Agencies, model.Agency{
		Slug: "newer", Path: "content/agencies/newer.md", Name: "Newer Body", Level: model.National,
		Updated:  model.DateOf(2021, time.May, 1),
		Services: []model.Service{{Name: "Newer service", Category: model.Other, Status: model.Resumed, Since: model.DateOf(2021, time.May, 1)}},
		Sources:  []model.Source{{Title: "t", Publisher: "p"}},
	})
	home := build(t, in, render.Options{})["index.html"]
	latest := home[strings.Index(home, `id="h-latest"`):]
	order := []string{"Newer service", "Bullying consultation", "Recruitment notices"}
	last := -1
	for _, s := range order {
		i := strings.Index(latest, s)
		if i < 0 || i < last {
			t.Fatalf("latest changes not in the order %q:\n%s", order, latest)
		}
		last = i
	}
	contains(t, "index.html", latest, "1 January 2022", "change not dated")
}
