package render_test

import (
	"strings"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// One 404 page for both languages, at the root, that works wherever a
// host serves it: every link and the style sheet start with the base
// path. It is kept out of search engines and claims no address.
func TestNotFound(t *testing.T) {
	var pages []render.Page
	for _, p := range render.Plan(model.New(fixture()), goldenOpt) {
		if p.Layout == "404.html" {
			pages = append(pages, p)
		}
	}
	if len(pages) != 1 || pages[0].URL != render.NotFoundURL || pages[0].File() != "404.html" {
		t.Fatalf("404 pages: %+v; want one, written to 404.html", pages)
	}
	got := build(t, fixture(), goldenOpt)["404.html"]
	contains(t, "404.html", got,
		`<html lang="en">`,
		`<meta name="robots" content="noindex">`,
		"<title>Page not found / ページが見つかりません | Test site</title>",
		`<h1>Page not found<br><span lang="ja">ページが見つかりません</span></h1>`,
		`<section lang="en" aria-label="English">`, `<section lang="ja" aria-label="日本語">`,
		"There is no page at this address.", "このアドレスのページはありません。",
		`<a href="/linewatch/">Overview</a>`, `<a href="/linewatch/ja/">トップページ</a>`,
		`<a href="/linewatch/search/">`, `<a href="/linewatch/ja/search/">`,
		`<a href="/linewatch/prefectures/">`, `<a href="/linewatch/ja/prefectures/">`,
		`<link rel="stylesheet" href="/linewatch/style.css">`,
		`<p class="twin"><a href="/linewatch/ja/" hreflang="ja" lang="ja">`,
		`! rel="canonical"`, `! hreflang="ja" href="https://`, "! og:url", "! 404.html\"",
	)
	if n := strings.Count(got, "<h1"); n != 1 {
		t.Errorf("404.html: %d h1 elements", n)
	}
	// No relative link: the page must work at /a/b/c/ as well as at /.
	for _, attr := range []string{`href="`, `src="`, `action="`} {
		for _, rest := range strings.Split(got, attr)[1:] {
			if !strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "#") && !strings.HasPrefix(rest, "https://example.org/linewatch/") {
				t.Errorf("404.html: relative %s%s", attr, rest[:min(len(rest), 30)])
			}
		}
	}
}
