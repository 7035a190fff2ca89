package render_test

import (
	"regexp"
	"strings"
	"testing"

	"linewatch/generator/model"
	"linewatch/generator/render"
)

// site returns every output file of a site: its pages, the files of
// Extras and Data, and the static files.
func site(t *testing.T, in model.Input, opt render.Options) map[string]string {
	t.Helper()
	out := build(t, in, opt)
	more, err := load(t).Extras(model.New(in), render.Plan(model.New(in), opt), opt)
	if err != nil {
		t.Fatal(err)
	}
	data, err := render.Data(model.New(in), opt)
	if err != nil {
		t.Fatal(err)
	}
	static, err := load(t).Static()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []map[string][]byte{more, data, static} {
		for name, b := range m {
			if _, dup := out[name]; dup {
				t.Fatalf("two outputs for %s", name)
			}
			out[name] = string(b)
		}
	}
	return out
}

var (
	tagRE  = regexp.MustCompile(`(?is)<([a-z][a-z0-9:-]*)\b([^>]*)>`)
	attrRE = regexp.MustCompile(`(?is)([a-z_:][-a-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
)

// Every page carries the Content-Security-Policy and the referrer policy
// in its head, before anything it loads.
func TestCSPOnEveryPage(t *testing.T) {
	meta := `<meta http-equiv="Content-Security-Policy" content="` + render.ContentSecurityPolicy + `">`
	for _, p := range render.Plan(model.New(fixture()), goldenOpt) {
		b, err := load(t).Execute(p)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		i := strings.Index(page, meta)
		if i < 0 {
			t.Errorf("%s: no CSP meta element %s", p.URL, meta)
			continue
		}
		for _, load := range []string{"<link", "<script", "<style", "<img"} {
			if j := strings.Index(page, load); j >= 0 && j < i {
				t.Errorf("%s: %s comes before the CSP", p.URL, load)
			}
		}
		contains(t, p.URL, page, `<meta name="referrer" content="no-referrer">`)
	}
	if strings.Contains(render.ContentSecurityPolicy, "unsafe") || strings.Contains(render.ContentSecurityPolicy, "http") {
		t.Errorf("the policy allows more than the site itself: %s", render.ContentSecurityPolicy)
	}
}

// No output holds an inline script, an inline style, an event handler
// attribute or a script URL, so the CSP never has to block the site's
// own markup; and nothing is loaded from another origin. Links in
// content (sources) may point anywhere: they are followed, not loaded.
func TestNothingInlineNothingThirdParty(t *testing.T) {
	for _, opt := range []render.Options{{}, goldenOpt} {
		for name, body := range site(t, fixture(), opt) {
			switch {
			case strings.HasSuffix(name, ".html"):
				checkMarkup(t, name, body, opt)
			case strings.HasSuffix(name, ".css"):
				if strings.Contains(body, "@import") || regexp.MustCompile(`url\(\s*['"]?(https?:)?//`).MatchString(body) {
					t.Errorf("%s loads something from elsewhere", name)
				}
			case strings.HasSuffix(name, ".js"):
				if strings.Contains(body, "http:") || strings.Contains(body, "https:") {
					t.Errorf("%s names another origin", name)
				}
			}
		}
	}
}

// checkMarkup scans one HTML file's tags.
func checkMarkup(t *testing.T, name, body string, opt render.Options) {
	t.Helper()
	if strings.Contains(strings.ToLower(body), "<style") {
		t.Errorf("%s: a <style> element", name)
	}
	for _, tag := range tagRE.FindAllStringSubmatch(body, -1) {
		el := strings.ToLower(tag[1])
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllStringSubmatch(tag[2], -1) {
			attrs[strings.ToLower(a[1])] = strings.Trim(a[2], `"'`)
		}
		if el == "script" && attrs["src"] == "" {
			t.Errorf("%s: an inline script", name)
		}
		for attr, val := range attrs {
			lower := strings.ToLower(strings.TrimSpace(val))
			switch {
			case attr == "style":
				t.Errorf("%s: an inline style on <%s>", name, el)
			case strings.HasPrefix(attr, "on"):
				t.Errorf("%s: an event handler %s on <%s>", name, attr, el)
			case strings.HasPrefix(lower, "javascript:"), strings.HasPrefix(lower, "vbscript:"):
				t.Errorf("%s: a script URL in %s on <%s>", name, attr, el)
			}
			loads := attr == "src" || attr == "srcset" || attr == "poster" || attr == "data" || attr == "action" ||
				(el == "link" && attr == "href" && !strings.Contains(attrs["rel"], "alternate") && attrs["rel"] != "canonical")
			if loads && (strings.Contains(lower, "//") || strings.Contains(lower, ":")) && (opt.BaseURL == "" || !strings.HasPrefix(val, opt.BaseURL)) {
				t.Errorf("%s: <%s %s=%q> loads from another origin", name, el, attr, val)
			}
			// Head links (canonical, alternates, feeds) are the site's own.
			if el == "link" && attr == "href" && strings.Contains(lower, "://") && (opt.BaseURL == "" || !strings.HasPrefix(val, opt.BaseURL)) {
				t.Errorf("%s: <link href=%q> names another site", name, val)
			}
		}
	}
}

// Open Graph: title, type, site name, description and locale on every
// page, og:url only when the site knows its address.
func TestOpenGraph(t *testing.T) {
	with := build(t, fixture(), goldenOpt)
	contains(t, "agency", with["ja/agencies/osaka-city/index.html"],
		`<meta property="og:type" content="website">`,
		`<meta property="og:site_name" content="テストサイト">`,
		`<meta property="og:title" content="大阪市">`,
		`<meta property="og:locale" content="ja_JP">`,
		`<meta property="og:locale:alternate" content="en_US">`,
		`<meta property="og:url" content="https://example.org/linewatch/ja/agencies/osaka-city/">`,
		`<meta property="og:description" content="`,
		`<meta name="description" content="`,
		`<link rel="canonical" href="https://example.org/linewatch/ja/agencies/osaka-city/">`,
	)
	contains(t, "search", with["search/index.html"],
		`<meta property="og:description" content="Find a public body by its English or Japanese name`,
		`<meta property="og:locale" content="en_US">`)
	without := build(t, fixture(), render.Options{})
	for file, page := range without {
		contains(t, file, page, `<meta property="og:title"`, "! og:url", `! rel="canonical"`)
	}
}
