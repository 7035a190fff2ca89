package render

import (
	"fmt"
	"html/template"
	"slices"
)

// The 404 page. Static hosts (GitHub Pages, Netlify, an nginx
// error_page) serve one file for every missing address, whatever its
// language or depth, so the site has one bilingual page at /404.html:
// English and Japanese side by side, each with links home, to the search
// and to the prefecture list in its language. Every link, the style sheet
// included, is base-path-absolute ("/linewatch/ja/"), so the page works
// when served in place of /a/b/c/. It asks search engines not to index it
// and names no canonical or alternate address, since it has none.

// NotFoundURL is the URL of the 404 page; Page.File writes it as
// "404.html".
const NotFoundURL = "/404.html"

// NotFoundView is the bilingual 404 page. It is drawn in English (the
// <html lang>), with the Japanese half marked lang="ja"; its layout
// reads both languages' strings with tl.
type NotFoundView struct {
	Base
	Langs []NotFoundLang // English, then Japanese
}

// NotFoundLang is one language's half of the 404 page.
type NotFoundLang struct {
	Lang        string
	Home        string
	Search      string
	Prefectures string
}

// notFound plans the 404 page. The planner's language (English) draws
// the frame: navigation, header and footer.
func (p planner) notFound() Page {
	b := p.base(NotFoundURL)
	b.URL = p.opt.href(NotFoundURL)
	b.TwinURL = p.opt.href(localURL(twin(p.lang), "/"))
	b.Canonical, b.SelfHref, b.TwinHref = "", "", ""
	b.NoIndex = true
	v := &NotFoundView{Base: b}
	for _, lang := range langs {
		v.Langs = append(v.Langs, NotFoundLang{
			Lang:        lang,
			Home:        p.opt.href(localURL(lang, "/")),
			Search:      p.opt.href(localURL(lang, searchPath)),
			Prefectures: p.opt.href(localURL(lang, "/prefectures/")),
		})
	}
	inputs := []string{"site.toml", "layout/" + baseLayout, "layout/404.html"}
	for _, lang := range langs {
		inputs = append(inputs, "layout/i18n/"+lang+".toml")
	}
	slices.Sort(inputs)
	return Page{URL: NotFoundURL, Lang: p.lang, Layout: "404.html", View: v, Inputs: inputs}
}

// langFuncs returns the template function of pages that speak both
// languages, such as the 404 page:
//
//	tl "ja" "key"      the interface string in the given language
//
// Unknown languages and keys are errors naming the translation file.
func langFuncs(cats map[string]catalog) template.FuncMap {
	return template.FuncMap{
		"tl": func(lang, key string) (string, error) {
			cat, ok := cats[lang]
			if !ok {
				return "", fmt.Errorf("no language %q: want %q", lang, langs)
			}
			s, ok := cat[key]
			if !ok {
				return "", fmt.Errorf("no translation %q in %s/%s.toml", key, i18nDir, lang)
			}
			return s, nil
		},
	}
}
