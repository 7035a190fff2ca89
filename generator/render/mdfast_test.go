package render_test

import (
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"linewatch/bench/corpus"
	"linewatch/generator/internal/sitetest"
	lwload "linewatch/generator/load"
	"linewatch/generator/render"
	"linewatch/generator/render/mdfast"
)

// The tests below are the proof that package mdfast writes exactly what
// goldmark writes: every body and note of the shipped site, of the test
// fixtures and of a synthetic corpus, and a table of tricky cases, go
// through both, and whatever mdfast accepts must come out byte for byte
// the same, as block and as inline Markdown.

// fastCases are hand-written texts at the edges of what mdfast accepts.
// fast marks those it must accept, so that the subset does not shrink
// unnoticed; the others it may accept or decline.
var fastCases = []struct {
	name, src string
	fast      bool
}{
	{"empty", "", true},
	{"only spaces", "   ", true},
	{"only newlines", "\n\n\n", true},
	{"spaces and newlines", " \n  \n", true},
	{"plain", "Hello world.", true},
	{"plain newline", "Hello world.\n", true},
	{"soft breaks", "one\ntwo\nthree\n", true},
	{"two paragraphs", "one\n\ntwo\n", true},
	{"blank line of spaces", "one\n   \ntwo\n", true},
	{"quotes", `He said "yes" and it's 'fine' > 3.`, true},
	{"ampersand", "M&A Online & co", true},
	{"entity", "a &amp; b", false},
	{"entity unknown", "a &foo; b", false},
	{"numeric entity", "a &#65; b &#x41;", false},
	{"ampersand hash", "a &# b", false},
	{"japanese", "日本語の文章です。\n二行目。", true},
	{"full-width space", "全角\u3000スペース\u3000", true},
	{"full-width around strong", "前\u3000**強調**\u3000後", true},
	{"japanese strong", "この記録は**合成テストデータ**であり、実在しない。", true},
	{"japanese strong before punct", "- **合成サービス1**:説明。", true},
	{"japanese em in brackets", "「*強調*」です", true},
	{"nbsp", "a\u00a0*b*\u00a0c", true},
	{"invalid utf8", "a \xff b", false},
	{"invalid utf8 strong", "**a\xfe**", false},
	{"nul", "a\x00b", false},
	{"tab", "a\tb", false},
	{"cr", "a\r\nb\r\n", false},
	{"form feed", "a\fb", false},
	{"del char", "a\x7fb", false},

	{"em", "*a*", true},
	{"em underscore", "_a_", true},
	{"strong", "**a**", true},
	{"strong underscore", "__a__", true},
	{"em in strong", "**a *b* c**", true},
	{"strong in em", "*a **b** c*", true},
	{"em underscore in strong", "**a _b_ c**", true},
	{"unmatched strong", "**a*", false},
	{"unmatched em", "*a**", false},
	{"lone star", "a * b", true},
	{"lone stars", "a ** b", true},
	{"intraword star", "a*b*c", false},
	{"intraword underscore", "snake_case_name", true},
	{"underscore then word", "_a_b", false},
	{"underscore word end", "a_b_", true},
	{"triple", "***a***", false},
	{"crossing", "*a **b* c**", false},
	{"crossing kinds", "*a _b* c_", false},
	{"em across lines", "*a\nb*", true},
	{"strong at line start", "**Bold.** Then text.", true},
	{"strong whole line", "**Bold**", true},
	{"em punct inside", `*"quoted"*`, true},
	{"em after punct", `("*a*")`, true},
	{"star before punct", `a*"b"*`, false},
	{"underscore punct", `_"a"_`, true},
	{"unclosed em", "*a", false},
	{"unopened em", "a*", false},
	{"strike", "~~old~~ new", true},
	{"single tilde", "~a~", false},
	{"triple tilde", "~~~a~~~", false},
	{"strike with em", "~~*a*~~", true},
	{"tilde in text", "about ~ 3", false},
	{"full-width tilde", "2月16日\uff5e3月15日", true},
	{"tilde between", "2月16日~3月15日", true},
	{"single tilde strike", "a ~b~ c", true},

	{"code", "`code`", true},
	{"code with stars", "`*a*` and *b*", true},
	{"code with ampersand", "`a & b`", true},
	{"code with entity", "`&amp;`", false},
	{"code with quote", "`\"q\"`", true},
	{"code padded", "` a `", false},
	{"code double", "``a``", false},
	{"code unclosed", "`a", false},
	{"code across lines", "`a\nb`", false},
	{"code empty", "``", false},
	{"code then backticks", "`a``", false},

	{"link", "[text](https://example.org/a?b=c&d=e#f)", true},
	{"link relative", "[text](/about/)", true},
	{"link mailto", "[mail](mailto:a@example.org)", true},
	{"link in text", "See [the page](https://example.org/) for more.", true},
	{"link em text", "[*a* b](https://example.org/)", true},
	{"strong link", "**[a](https://example.org/)**", true},
	{"link at line start", "[a](https://example.org/) starts", true},
	{"link code text", "[`a`](https://example.org/)", true},
	{"link percent", "[a](https://example.org/%E6%97%A5)", true},
	{"link bad percent", "[a](https://example.org/%zz)", false},
	{"link non-ascii", "[a](https://example.org/日本)", true},
	{"link title", `[a](https://example.org/ "title")`, false},
	{"link angle", "[a](<https://example.org/>)", false},
	{"link parens", "[a](https://example.org/a_(b))", false},
	{"link space", "[a](https://example.org/ a)", false},
	{"link empty dest", "[a]()", false},
	{"link empty text", "[](https://example.org/)", false},
	{"link entity", "[a](https://example.org/?a&amp;b)", false},
	{"javascript link", "[x](javascript:alert(1))", false},
	{"javascript link 2", "[x](javascript:alert)", false},
	{"data link", "[x](data:text/html,hi)", false},
	{"vbscript link", "[x](VBScript:x)", false},
	{"file link", "[x](file:///etc/passwd)", false},
	{"reference link", "[a][b]\n\n[b]: https://example.org/", false},
	{"shortcut", "[a]", false},
	{"definition", "[a]: https://example.org/", false},
	{"image", "![alt](https://example.org/a.png)", false},
	{"bang", "Wow! Really!", true},
	{"brackets in code in link", "[a `]` b](https://example.org/)", false},
	{"code closing past link", "[a `](x)` b](y)", false},
	{"nested brackets", "[a [b] c](https://example.org/)", false},
	{"stray bracket", "a ] b", false},
	{"link across lines", "[a\nb](https://example.org/)", false},
	{"em across link", "*a [b* c](https://example.org/)", false},

	{"bare url", "see https://example.org/x", false},
	{"www", "see www.example.org", false},
	{"email", "write to a@example.org", false},
	{"at handle", "LINE account (ID @bosai)", true},
	{"at japanese", "「ひとりじゃないよ@青森県」", true},
	{"raw html", "a <b>x</b>", false},
	{"autolink", "<https://example.org>", false},
	{"backslash", `a \* b`, false},
	{"hard break spaces", "a  \nb", false},
	{"hard break backslash", "a\\\nb", false},
	{"trailing space", "a \nb", false},
	{"trailing space end", "a ", false},

	{"h1", "# Title", true},
	{"h2 newline", "## Title\n", true},
	{"h6", "###### Six", true},
	{"h7", "####### Seven", false},
	{"heading trailing hashes", "## Title ##", false},
	{"heading hash inside", "## C# code", true},
	{"heading no space", "#hashtag", false},
	{"heading empty", "#", false},
	{"heading two spaces", "#  Title", false},
	{"heading em", "## *Title* here", true},
	{"heading then paragraph", "# T\ntext", true},
	{"paragraph then heading", "text\n# T", false},
	{"heading then break", "# T\n---", true},
	{"setext h1", "Title\n=====", false},
	{"setext h2", "Title\n---", false},
	{"setext single dash", "Title\n-", false},
	{"break", "***", true},
	{"break dashes", "---", true},
	{"break underscores", "___\n\ntext", true},
	{"break spaced", "* * *", false},
	{"break between", "a\n\n---\n\nb", true},

	{"bullet list", "- a\n- b\n- c", true},
	{"star list", "* a\n* b", true},
	{"plus list", "+ a\n+ b", false},
	{"ordered list", "1. a\n2. b\n3. c\n", true},
	{"ordered list paren", "1) a\n2) b", true},
	{"ordered from 3", "3. a\n4. b", true},
	{"ordered from 0", "0. a", true},
	{"ordered leading zeros", "007. a", true},
	{"ordered ten digits", "1234567890. a", false},
	{"list with em", "- **Name** (_status_): text here.\n- *b*", true},
	{"list continued", "- a\n  b\n- c", true},
	{"ordered continued", "1. a\n   b\n2. c", true},
	{"list lazy", "- a\nb", false},
	{"list over-indented", "- a\n   b", false},
	{"list loose", "- a\n\n- b", false},
	{"list then paragraph", "- a\n- b\n\nText.", true},
	{"list then strong paragraph", "- a\n\n**Text.**", true},
	{"list then heading", "- a\n\n## H", true},
	{"list then table", "- a\n\n| x |\n| - |\n| 1 |", true},
	{"list then other list", "- a\n\n1. b", false},
	{"list then list marker", "- a\n* b", false},
	{"list then indented", "- a\n\n  b", false},
	{"nested list", "- a\n  - b", false},
	{"empty item", "-\n- a", false},
	{"item two spaces", "-  a", false},
	{"item heading", "- # a", false},
	{"item quote", "- > a", false},
	{"item break", "- * * *", false},
	{"paragraph then list", "text\n- a", false},
	{"paragraph then ordered", "text\n1. a", false},
	{"number not list", "2021年3月", true},
	{"number dot in text", "In\n2021. Then", false},
	{"number paren then punct", "(Chugoku Shimbun, 27 February\n2021).", true},
	{"number dot at end", "in\n2021.", false},
	{"dash word", "a\n-5 degrees", true},
	{"plus word", "call\n+81 3", true},
	{"hashtag", "#hashtag", true},
	{"hashtag continued", "text\n#tag", true},
	{"seven hashes", "####### x", true},
	{"pipe continued", "a\n| b", true},
	{"colon start", ": a", true},
	{"email in japanese", "「相談ほっとLINE@東京」", true},
	{"email after strong", "**LINE@example.org**", false},
	{"email after code", "`x`LINE@example.org", false},
	{"email after paren", "(LINE@example.org)", false},
	{"email at line start", "a\nLINE@example.org", false},
	{"email underscore", "日本a_b@example.org", false},
	{"email into code span", "0`@0.0`", false},
	{"email inside code span", "日本`a@example.org`", false},
	{"at after space in code span", "日本 `a @b`", true},
	{"block quote", "> quote", false},
	{"indented code", "    code", false},
	{"leading space", " text", false},
	{"fence", "```\ncode\n```", false},
	{"tilde fence", "~~~\ncode\n~~~", false},

	{"table", "| a | b |\n| --- | --- |\n| 1 | 2 |", true},
	{"table no body", "| a | b |\n| --- | --- |", true},
	{"table align", "| a | b | c | d |\n| :-- | --: | :-: | --- |\n| 1 | 2 | 3 | 4 |", true},
	{"table inline", "| **a** | `b` | [c](https://example.org/) |\n| - | - | - |\n| *1* | ~~2~~ | 3 |", true},
	{"table empty header", "| | |\n| - | - |\n| 1 | 2 |", true},
	{"table quotes header", "| \"a\" | M&A |\n| - | - |\n| 1 | 2 |", true},
	{"table literal star header", "| a * b | c |\n| - | - |\n| 1 | 2 |", true},
	{"table fewer cells", "| a | b |\n| - | - |\n| 1 |", false},
	{"table more cells", "| a | b |\n| - | - |\n| 1 | 2 | 3 |", false},
	{"table header mismatch", "| a | b | c |\n| - | - |\n| 1 | 2 |", false},
	{"table escaped pipe", "| a | b |\n| - | - |\n| 1 \\| 2 | 3 |", false},
	{"table pipe in code", "| a | b |\n| - | - |\n| `1 | 2` | 3 |", false},
	{"table no outer pipes", "a | b\n--- | ---\n1 | 2", false},
	{"table row without pipe", "| a |\n| - |\ntext", false},
	{"table then paragraph", "| a |\n| - |\n| 1 |\n\nText.", true},
	{"paragraph then table", "Text\n| a |\n| - |\n| 1 |", false},
	{"pipe paragraph", "| not a table", false},
	{"table empty cells", "| a | b |\n| - | - |\n| | |", true},
	{"table trailing empty cell", "| a | b |\n| - | - |\n| 1 ||", false},
	{"table delimiter colon line", "a\n:-", false},
	{"table delimiter list item", "|a\n- |", false},
	{"table delimiter no pipe start", "| a |\n--- |", false},
	{"table japanese", "| 政府機関(対象23) | 機関 |\n| --- | --- |\n| 利用していない | 5 |", true},
	{"table em start", "| *a* | _b_ |\n| - | - |\n| 1 | 2 |", true},
	{"table strong in cell edge", "|**a**|b|\n|-|-|\n|1|2|", true},
}

// sameAsGoldmark converts src with Markdown and MarkdownInline's fast path
// and with goldmark alone and fails when the fast path accepted src and
// wrote other bytes. It reports whether the fast path accepted the block
// conversion.
func sameAsGoldmark(t *testing.T, name, src string) bool {
	t.Helper()
	fast, ok := mdfast.Convert(src)
	if ok {
		slow, err := render.GoldmarkMarkdown(src)
		if err != nil {
			t.Fatalf("%s: goldmark: %v", name, err)
		}
		if fast != string(slow) {
			t.Errorf("%s: mdfast.Convert(%q)\n = %q\ngoldmark: %q", name, src, fast, slow)
		}
	}
	fastInline, okInline := mdfast.ConvertInline(src)
	if okInline != ok {
		t.Errorf("%s: Convert accepts %v, ConvertInline %v", name, ok, okInline)
	}
	if okInline {
		slow, err := render.GoldmarkMarkdownInline(src)
		if err != nil {
			t.Fatalf("%s: goldmark: %v", name, err)
		}
		if fastInline != string(slow) {
			t.Errorf("%s: mdfast.ConvertInline(%q)\n = %q\ngoldmark: %q", name, src, fastInline, slow)
		}
	}
	return ok
}

func TestMarkdownFastCases(t *testing.T) {
	for _, c := range fastCases {
		if ok := sameAsGoldmark(t, c.name, c.src); c.fast && !ok {
			t.Errorf("%s: %q declined", c.name, c.src)
		}
	}
}

// TestMarkdownFastTexts compares the fast path with goldmark over every
// body and note of the shipped site, of the fixtures and of a synthetic
// site of 2,000 agencies, and reports how many it accepts. It must accept
// nearly all of the synthetic site, whose bodies have the shapes of real
// ones, or the fast path would not be worth having.
func TestMarkdownFastTexts(t *testing.T) {
	sets := []struct {
		name     string
		texts    map[string]string
		minShare float64 // of the texts the fast path must accept
	}{
		{"content", shippedMarkdown(t), 0.9},
		{"fixtures", fixtureMarkdown(t), 0},
		{"corpus", corpusMarkdown(2000), 0.99},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			if len(set.texts) == 0 {
				t.Fatal("no texts")
			}
			accepted := 0
			for name, src := range set.texts {
				if sameAsGoldmark(t, name, src) {
					accepted++
				}
			}
			share := float64(accepted) / float64(len(set.texts))
			t.Logf("%d texts, %d (%.1f%%) accepted by the fast path", len(set.texts), accepted, 100*share)
			if share < set.minShare {
				t.Errorf("the fast path accepts %.1f%% of the texts, want at least %.0f%%", 100*share, 100*set.minShare)
			}
		})
	}
}

// shippedMarkdown returns every body and note of the records under
// content/, by file and key.
func shippedMarkdown(t testing.TB) map[string]string {
	t.Helper()
	return siteMarkdown(t, os.DirFS(filepath.Join("..", "..")))
}

// corpusMarkdown returns every body and note of a synthetic site.
func corpusMarkdown(agencies int) map[string]string {
	fsys := fstest.MapFS{}
	for name, data := range corpus.Files(corpus.Options{Agencies: agencies, Seed: 1}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return siteMarkdown(nil, fsys)
}

// fixtureMarkdown returns the Markdown of every txtar fixture under
// generator/: the bodies and notes of each site as load reads them, and
// the raw text of every .md file (broken ones included), and every string
// of the render package's own fixture sites, the hostile one included.
func fixtureMarkdown(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	var archives []string
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txtar") && strings.Contains(p, "testdata") {
			archives = append(archives, p)
		}
		return err
	})
	if err != nil || len(archives) == 0 {
		t.Fatalf("no fixtures found (%v)", err)
	}
	for _, a := range archives {
		text, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		_, files := sitetest.Parse(string(text))
		fsys := fstest.MapFS{}
		for _, f := range files {
			fsys[f.Name] = &fstest.MapFile{Data: []byte(f.Data)}
			if strings.HasSuffix(f.Name, ".md") {
				out[a+":"+f.Name] = f.Data
				if _, body, ok := strings.Cut(strings.TrimPrefix(f.Data, "+++\n"), "\n+++\n"); ok {
					out[a+":"+f.Name+":body"] = body
				}
			}
		}
		for name, s := range siteMarkdown(nil, fsys) {
			out[a+":"+name] = s
		}
	}
	for name, in := range map[string]any{"fixture": fixture(), "hostile": hostileSite()} {
		k := 0
		eachString(reflect.ValueOf(in), func(s string) {
			out[name+":"+string(rune('a'+k%26))+strings.Repeat("'", k/26)] = s
			k++
		})
	}
	return out
}

// siteMarkdown loads the records of fsys and returns their bodies and
// their notes (any key "note" or "note_ja", however deep), by file and
// key. Problems in the files are ignored: what loads is used.
func siteMarkdown(_ testing.TB, fsys fs.FS) map[string]string {
	docs, _ := lwload.Dir(fsys)
	out := map[string]string{}
	for _, d := range docs {
		if d.Body != "" {
			out[d.Path] = d.Body
		}
		k := 0
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				for key, x := range v {
					if s, ok := x.(string); ok && (key == "note" || key == "note_ja") {
						out[d.Path+":"+key+":"+s] = s
						k++
					}
					walk(x)
				}
			case []map[string]any:
				for _, x := range v {
					walk(x)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			}
		}
		walk(d.Fields)
	}
	return out
}

// eachString calls f with every string reachable from v.
func eachString(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		f(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachString(v.Elem(), f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachString(v.Field(i), f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			eachString(v.Index(i), f)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			eachString(it.Value(), f)
		}
	}
}

// FuzzMarkdownFast holds the fast path to its one promise: whatever it
// accepts, it converts to goldmark's bytes, as block and inline Markdown;
// and it never panics. The seeds are the cases above.
func FuzzMarkdownFast(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		if depth, _ := lwload.Nesting(src); depth > lwload.MaxNesting {
			return
		}
		sameAsGoldmark(t, "fuzz", src)
	})
}

// BenchmarkMarkdownCorpus converts every body of a synthetic site of
// 2,000 agencies, one op being all of them, with Markdown (the fast path,
// goldmark for what it declines) and with goldmark alone.
func BenchmarkMarkdownCorpus(b *testing.B) {
	var bodies []string
	for name, src := range corpusMarkdown(2000) {
		if !strings.Contains(name, ":note") {
			bodies = append(bodies, src)
		}
	}
	slices.Sort(bodies)
	for _, conv := range []struct {
		name string
		f    func(string) (template.HTML, error)
	}{{"fast", render.Markdown}, {"goldmark", render.GoldmarkMarkdown}} {
		b.Run(conv.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, src := range bodies {
					if _, err := conv.f(src); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
