package tmplexec_test

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"iter"
	"strings"
	"sync"
	"testing"

	"linewatch/generator/render/tmplexec"
)

// hostile are strings an editor or attacker might put in any field: each
// is run through every template of the table below.
var hostile = []string{
	"", "plain", `"quoted"`, `'single'`, "<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`,
	"a & b &amp; c", "javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "vbscript:x", "data:text/html,x",
	"mailto:a@example.org", "HTTPS://example.org/a b?c=d&e=f#g", "http://x/%41%zz%4", "/path/ok-._~", "a+b=c`d",
	"大阪市", "\xff\xfe invalid", "nul\x00byte", "\ufdd0\ufdef\ufff0\uffff", "tab\tnew\nline\r\f\v", "]]><!-- ' onmouseover='x",
	"{{.S}}", "%", "#frag", "?q=1", "//evil.example", "C:\\path",
}

// Named types that print through methods or fmt, not as plain strings.
type (
	named    string
	stringer struct{ s string }
	ptrStr   struct{ s string }
	flag     int
	errVal   struct{}
)

func (s stringer) String() string { return "S<" + s.s + ">" }
func (p *ptrStr) String() string  { return "P<" + p.s + ">" }
func (f flag) True() bool         { return f == 1 }
func (f flag) Known() bool        { return f != 0 }
func (errVal) Error() string      { return "err<&>" }

// view is the data of the table's templates: one field per kind of value.
type view struct {
	S      string
	H      template.HTML
	U      template.URL
	A      template.HTMLAttr
	N      named
	St     stringer
	Pt     ptrStr
	PtP    *ptrStr
	I      int
	U8     uint8
	F      float64
	B      bool
	P      *string
	Nil    *string
	E      any
	EI     any
	Err    error
	L      []string
	Empty  []string
	Arr    [2]string
	M      map[string]string
	MI     map[int]string
	Sub    sub
	SubP   *sub
	Subs   []sub
	NilSub *sub
	Flag   flag
	Fn     func(string) string
	Seq    iter.Seq[string]
	Seq2   iter.Seq2[int, string]
	O      outer
	OP     *outer
	ON     *outer
	hidden string
}

// outer reaches fields through embedded structs (by value, by pointer,
// unexported), pointers and interfaces, the ways a chain of names can go.
type outer struct {
	EmbVal
	*EmbPtr
	embHidden
	Next *outer
	Any  any
	Sub  sub
	Flag flag
	Subs []sub
}

type (
	EmbVal    struct{ Name, EV string }
	EmbPtr    struct{ EP string }
	embHidden struct{ EH string }
)

type sub struct {
	Name string
	Tags []string
}

func (s sub) Upper() string             { return strings.ToUpper(s.Name) }
func (s sub) String() string            { return "sub<" + s.Name + ">" }
func (s *sub) Ptr() string              { return "ptr:" + s.Name }
func (s sub) Join(sep string) string    { return strings.Join(s.Tags, sep) }
func (s sub) Fail() (string, error)     { return "", errors.New("failed <on purpose>") }
func (s sub) Pair(a string, n int) bool { return len(a) == n }

// newView fills every string of a view with v.
func newView(v string) view {
	p := v
	return view{
		S: v, H: template.HTML(v), U: template.URL(v), A: template.HTMLAttr(v), N: named(v),
		St: stringer{v}, Pt: ptrStr{v}, PtP: &ptrStr{v}, I: len(v) - 3, U8: 7, F: 1.5, B: v != "",
		P: &p, E: v, EI: len(v), Err: errVal{}, L: []string{v, "x", v}, Arr: [2]string{v, "y"},
		M: map[string]string{"b": v, "a": "first", "c": "<c>"}, MI: map[int]string{3: v, 1: "one", 2: "two"},
		Sub: sub{Name: v, Tags: []string{"t1", v}}, SubP: &sub{Name: v}, Subs: []sub{{Name: v}, {Name: "b"}}, Flag: flag(len(v) % 3),
		Fn:   func(s string) string { return "fn(" + s + ")" },
		Seq:  func(yield func(string) bool) { _ = yield(v) && yield("two") && yield("three") },
		Seq2: func(yield func(int, string) bool) { _ = yield(10, v) && yield(20, "b") },
		O: outer{
			EmbVal: EmbVal{Name: "o:" + v, EV: v}, EmbPtr: &EmbPtr{EP: v}, embHidden: embHidden{EH: v},
			Next: &outer{EmbVal: EmbVal{Name: "next", EV: v}, Any: sub{Name: v}}, Any: &sub{Name: v}, Sub: sub{Name: v}, Flag: flag(len(v) % 3),
			Subs: []sub{{Name: v}},
		},
		OP:     &outer{EmbVal: EmbVal{EV: v}, Next: &outer{}},
		hidden: v,
	}
}

// funcs are template functions of the shapes tmplexec calls directly and
// of others it calls through reflect.
var funcs = template.FuncMap{
	"t": func(key string) (string, error) {
		if key == "bad" {
			return "", errors.New("no translation")
		}
		return "T(" + key + ")", nil
	},
	"tf": func(key string, args ...any) (string, error) { return fmt.Sprintf("%s:%v", key, args), nil },
	"up": strings.ToUpper,
	"md": func(s string) (template.HTML, error) {
		return template.HTML("<em>" + template.HTMLEscapeString(s) + "</em>"), nil
	},
	"num":   func(n int) string { return fmt.Sprintf("#%d", n) },
	"pair":  func(a, b string) (string, error) { return a + "|" + b, nil },
	"cat":   func(args ...any) string { return fmt.Sprint(args...) },
	"sub":   subFn,
	"flagf": flagFn,
	"panic": func(string) string { panic("boom") },
	"raw":   func(s string) template.HTML { return template.HTML(s) },
}

// subFn and flagFn are functions of the FuncMap that the tests also give
// Compile as Directs, with methods of the test types.
var (
	subFn  = func(s sub) (string, error) { return "sub:" + s.Name, nil }
	flagFn = func(f flag) (bool, error) { return f.True(), nil }
)

// directs are the Directs the table's programs are compiled with; the
// table also runs without them (TestWithoutDirects).
var directs = []tmplexec.Direct{
	tmplexec.Func("sub", subFn),
	tmplexec.Func("flagf", flagFn),
	tmplexec.Method("True", flag.True),
	tmplexec.Method("Known", flag.Known),
	tmplexec.Method("Upper", sub.Upper),
	tmplexec.Method("String", stringer.String),
}

// cases are templates, one construct or escaping context each. All but
// those marked unsupported must compile.
var cases = []struct {
	name, src   string
	unsupported bool
}{
	{"text", `<p>{{.S}}</p>`, false},
	{"html passes", `<p>{{.H}}</p>`, false},
	{"attr", `<p title="{{.S}}" class='{{.S}}'>`, false},
	{"attr html", `<p title="{{.H}}">`, false},
	{"attr url type", `<p title="{{.U}}">{{.U}}{{.A}}</p>`, false},
	{"unquoted attr", `<p title={{.S}}>x</p>`, false},
	{"href", `<a href="{{.S}}">x</a><a href="{{.U}}">y</a>`, false},
	{"href prefix", `<a href="/x/{{.S}}">x</a>`, false},
	{"href query", `<a href="/x?q={{.S}}&r={{.U}}#{{.S}}">x</a>`, false},
	{"href unquoted", `<a href={{.S}}>x</a>`, false},
	{"rcdata", `<title>{{.S}} {{.H}}</title><textarea>{{.S}}{{.H}}</textarea>`, false},
	{"comment", `<p><!-- {{.S}} -->x</p>`, false},
	{"meta content", `<meta name="description" content="{{.S}}">`, false},
	{"meta refresh", `<meta http-equiv="refresh" content="0; url={{.S}}">`, false},
	{"named and stringers", `{{.N}} {{.St}} {{.Pt}} {{.PtP}} {{.Err}} <p title="{{.St}}">`, false},
	{"numbers", `{{.I}} {{.U8}} {{.F}} {{.B}} {{1}} {{1.5}} {{'a'}} {{0x10}} {{1e3}} {{-2}} {{true}}`, false},
	{"pointers and nil", `[{{.P}}] [{{.Nil}}] [{{.E}}] [{{.EI}}] [{{.NilSub}}]`, false},
	{"interfaces", `{{with .E}}{{.}}{{end}}{{if .EI}}{{.EI}}{{end}}`, false},
	{"missing map key", `[{{.M.zz}}] [{{.M.a}}] <a title="{{.M.zz}}">`, false},
	{"nested fields", `{{.Sub.Name}} {{.SubP.Name}} {{.Sub.Upper}} {{.SubP.Ptr}} {{(.Sub).Name}}`, false},
	{"method with args", `{{.Sub.Join ", "}} {{.Sub.Pair .S 3}} {{.Flag.True}} {{.Flag.Known}}`, false},
	{"method on range element", `{{range .L}}{{.}}{{end}}{{range $i, $e := .L}}{{$i}}={{$e}};{{end}}`, false},
	{"if else", `{{if .S}}yes{{else if .I}}int{{else}}no{{end}}`, false},
	{"with else", `{{with .S}}<b title="{{.}}">{{.}}</b>{{else}}none{{end}}{{with .Empty}}x{{else with .L}}{{len .}}{{end}}`, false},
	{"range slice", `{{range .L}}<li>{{.}}</li>{{else}}empty{{end}}{{range .Empty}}x{{else}}empty{{end}}`, false},
	{"range array", `{{range $i, $v := .Arr}}{{$i}}:{{$v}} {{end}}`, false},
	{"range map", `{{range $k, $v := .M}}{{$k}}={{$v}} {{end}}{{range .MI}}{{.}} {{end}}{{range $k, $v := .MI}}{{$k}}{{end}}`, false},
	{"range int", `{{range 3}}{{.}}{{end}}{{range $i := .U8}}{{$i}}{{end}}`, false},
	{"range iterators", `{{range .Seq}}{{.}},{{end}}{{range $k, $v := .Seq2}}{{$k}}={{$v}},{{end}}{{range .Seq2}}{{.}}{{end}}`, false},
	{"break continue", `{{range $i, $v := .L}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 2}}{{break}}{{end}}{{$v}}{{end}}{{range .Seq}}{{break}}{{end}}`, false},
	{"variables", `{{$x := .S}}{{$y := 1}}{{$x}}{{$x = "re"}}{{$x}}{{with .Sub}}{{$x}}{{$.S}}{{end}}{{range $i, $v := .L}}{{$x = $v}}{{end}}{{$x}}`, false},
	{"range assign", `{{$i := 0}}{{$v := ""}}{{range $i, $v = .L}}{{end}}{{$i}}{{$v}}`, false},
	{"template call", `{{define "x"}}<i title="{{.}}">{{.}}</i>{{end}}{{template "x" .S}}{{template "x" .I}}`, false},
	{"template in attr", `{{define "y"}}{{.}} & {{.}}{{end}}<p title="{{template "y" .S}}">{{template "y" .S}}</p><title>{{template "y" .S}}</title>`, false},
	{"block", `{{block "b" .Sub}}<b>{{.Name}}</b>{{end}}`, false},
	{"template no vars", `{{define "z"}}{{$}}{{end}}{{$x := 1}}{{template "z" .S}}`, false},
	{"recursion", `{{define "r"}}{{if .}}{{index . 0}}{{template "r" (slice . 1)}}{{end}}{{end}}{{template "r" .L}}`, false},
	{"and or not", `{{and .S .I}} {{or .Empty .S}} {{not .B}} {{and 1 0 .Fail}} {{or 0 "" .S}} {{.S | and 1}}`, false},
	{"comparisons", `{{eq .S "x"}} {{eq .I 1 2 -1 27}} {{ne .S ""}} {{lt .I 5}} {{le .I .I}} {{gt .F 1.0}} {{ge .U8 7}} {{eq .U8 7}} {{eq .P .Nil}}`, false},
	{"len index slice", `{{len .L}} {{len .S}} {{index .L 1}} {{index .M "b"}} {{index .MI 3}} {{index .M "zz"}} {{slice .L 1}} {{slice .S 0 1}}`, false},
	{"print family", `{{print .S 1 .I}} {{printf "%q-%d" .S .I}} {{println .S}} {{printf "%v" .H}}`, false},
	{"predefined escapers", `{{html .S}} {{urlquery .S}} {{js .S}} {{.S | html}} <a href="/?q={{.S | urlquery}}">x</a>`, false},
	{"call", `{{call .Fn .S}} {{.S | call .Fn}}`, false},
	{"chain", `{{(index .L 0)}} {{(.Sub).Name}} {{(index .M "b") | printf "%s!"}}`, false},
	{"functions", `{{t .S}} {{tf "k" .S .I}} {{up .S}} {{md .S}} {{num .I}} {{pair .S "b"}} {{cat .S 1 .H}} {{sub .Sub}} {{raw .S}}`, false},
	{"directs", `{{sub .Sub}} {{sub .SubP}} {{.Sub | sub}} {{flagf .Flag}} {{if flagf .Flag}}y{{end}} {{tf "k" (sub .Sub)}} {{.Flag.True}} {{.Flag.Known}} {{.St.String}} {{.Sub.Upper}} {{.Sub.Join "+"}} {{.SubP.Upper}} {{range .Subs}}{{.Upper}}{{.String}}{{end}} <a title="{{.St.String}}">`, false},
	{"error direct", `{{sub .S}}`, false},
	{"error direct nil", `{{sub .NilSub}}`, false},
	{"functions in attrs", `<a title="{{t .S}}" href="{{t .S}}">{{.S | t | up}}</a><p title="{{md .S}}">`, false},
	{"pipelines", `{{.S | printf "%s/%s" "a"}} {{.I | printf "%d"}} {{"const" | up}} {{up "c" | printf "%s"}}`, false},
	{"constants", `{{"<const>"}} <a title="{{"a&b"}}" href="{{"javascript:x"}}">{{""}}</a>`, false},
	{"nil arg", `{{print nil}} {{eq .Nil nil}}`, false},
	{"whitespace trim", "a  {{- .S -}}  b {{/* comment */}} c", false},
	{"paths", `{{.O.EV}} {{.O.EP}} {{.O.EH}} {{.O.Name}} {{.O.Next.EV}} {{.O.Next.Next}} {{.O.Next.Any.Name}} {{.O.Any.Name}} {{.OP.EV}} {{.OP.Next.EV}} {{.O.Sub.Upper}} {{.O.Next.Sub.Upper}} {{.O.Flag.True}} {{.O.Flag}} {{with .O.Next}}{{.Name}}{{.EV}}{{end}} {{range .O.Subs}}{{.Name}}{{.Upper}}{{end}} {{$o := .O}}{{$o.Next.EV}}{{$o.Sub.Name}} {{(.O).Next.Name}} {{t .O.Sub.Name}} {{if .O.Next.EV}}y{{end}}`, false},
	{"paths in attrs", `<a href="{{.O.EV}}" title="{{.O.Sub.Upper}}">{{.O.Next.Sub.Name}}</a>`, false},
	{"path on changing types", `{{define "n"}}[{{.Name}}]{{end}}{{template "n" .Sub}}{{template "n" .O}}{{template "n" .O.Next}}{{template "n" .OP}}{{template "n" .M}}{{template "n" .O.Any}}{{template "n" .O.Next.Any}}{{template "n" .Sub}}{{template "n" .O}}`, false},
	{"path pipelines", `{{if .O.Sub.Upper}}u{{end}}{{with .O.Any}}{{.Name}}{{end}}{{with .O.Next.Any}}{{.Upper}}{{end}}{{range .O.Subs}}{{.Name}}{{end}}{{with $x := .O.Next}}{{$x.EV}}{{end}}{{$o := .O}}{{with $o.Next}}{{.Name}}{{end}}{{if $o.Flag.Known}}k{{end}}{{with .O.Next.Next}}x{{else}}nil{{end}}{{template "p" .O.Sub}}{{define "p"}}<{{.Name}}>{{end}}{{if .E}}{{.E}}{{end}}`, false},
	{"string arguments", `{{t .S}} {{t .Sub.Name}} {{t .Sub.Upper}} {{t .SubP.Name}} {{t .E}} {{up .O.EV}} {{pair .O.Next.Name .S}} <a title="{{t .O.Sub.Name}}">`, false},
	{"error named string argument", `{{t .N}}`, false},
	{"error nil pointer in condition", `{{if .OP.Next.Next.EV}}x{{end}}`, false},
	{"error nil embedded pointer", `{{.OP.EP}}`, false},
	{"error nil pointer on path", `{{.OP.Next.Next.EV}}`, false},
	{"error nil root", `{{.ON.EV}}`, false},
	{"error missing on path", `{{.O.Next.Nope}}`, false},
	{"error missing field", `{{.Nope}}`, false},
	{"error nil pointer", `{{.NilSub.Name}}`, false},
	{"error unexported", `{{.hidden}}`, false},
	{"error func", `{{t "bad"}}`, false},
	{"error method", `{{.Sub.Fail}}`, false},
	{"error wrong type", `{{t .I}}`, false},
	{"error args to field", `{{.S 1}}`, false},
	{"error index", `{{index .L 10}}`, false},
	{"error compare", `{{lt .S 1}}`, false},
	{"error panic", `{{panic .S}}`, false},
	{"error range", `{{range .B}}{{end}}`, false},
	{"error in called template", `{{define "v"}}{{.Nope}}{{end}}{{template "v" .Sub}}`, false},
	{"script", `<script>var x = {{.S}};</script>`, true},
	{"onclick", `<a onclick="f({{.S}})">x</a>`, true},
	{"style", `<p style="color: {{.S}}">x</p>`, true},
	{"srcset", `<img srcset="{{.S}}">`, true},
	{"attr name", `<p {{.A}}="x">`, true},
}

// pair is a template parsed and escaped by html/template and the
// program compiled from it.
type pair struct {
	name string
	h    *template.Template
	prog *tmplexec.Program
}

// prepare parses src, executes it once on data so that html/template
// escapes it, and compiles it; prog is nil when Compile reports
// ErrUnsupported, which must be so exactly when wantCompiled is false.
func prepare(t testing.TB, name, src string, data any, wantCompiled bool, useDirects ...tmplexec.Direct) pair {
	t.Helper()
	h, err := template.New(name).Funcs(funcs).Parse(src)
	if err != nil {
		t.Fatalf("%s: parse: %v", name, err)
	}
	err = h.Execute(io.Discard, data)
	var tErr *template.Error
	if errors.As(err, &tErr) {
		t.Fatalf("%s: html/template cannot escape it: %v", name, err)
	}
	prog, err := tmplexec.Compile(h, funcs, useDirects...)
	if !wantCompiled {
		if !errors.Is(err, tmplexec.ErrUnsupported) {
			t.Fatalf("%s: Compile = %v, want ErrUnsupported", name, err)
		}
		return pair{name: name, h: h}
	}
	if err != nil {
		t.Fatalf("%s: Compile: %v", name, err)
	}
	return pair{name: name, h: h, prog: prog}
}

// compare executes p on data with html/template and with the compiled
// program: the same bytes, and an error from both or from neither. A
// value the program does not escape exactly (ErrUnsupported from
// Execute) is accepted: Layouts then asks html/template.
func compare(t testing.TB, p pair, data any) {
	t.Helper()
	if p.prog == nil {
		return
	}
	var slow, fast bytes.Buffer
	slowErr := p.h.Execute(&slow, data)
	fastErr := p.prog.Execute(&fast, data)
	if errors.Is(fastErr, tmplexec.ErrUnsupported) {
		return
	}
	if (fastErr != nil) != (slowErr != nil) {
		t.Fatalf("%s on %#v: compiled error %v, html/template error %v", p.name, data, fastErr, slowErr)
	}
	if fastErr != nil {
		// The same message, but for a function that panics: the program
		// says "panic: …" at the argument, text/template "error calling
		// …" at the call (known, and harmless: Layouts draws a page that
		// failed again with html/template, whose error is the answer).
		if fastErr.Error() != slowErr.Error() && p.name != "error panic" {
			t.Errorf("%s: error\n%q\nhtml/template's\n%q", p.name, fastErr, slowErr)
		}
		if !strings.HasPrefix(fastErr.Error(), "template: "+p.name+":1:") {
			t.Errorf("%s: error %q does not name the template and line", p.name, fastErr)
		}
		return
	}
	if fast.String() != slow.String() {
		t.Fatalf("%s:\ncompiled:      %q\nhtml/template: %q", p.name, fast.String(), slow.String())
	}
}

// TestPathCasesRun makes sure the path cases meant to print do print,
// rather than both executors agreeing on an error.
func TestPathCasesRun(t *testing.T) {
	for _, c := range cases {
		if !strings.HasPrefix(c.name, "path") {
			continue
		}
		h := template.Must(template.New(c.name).Funcs(funcs).Parse(c.src))
		if err := h.Execute(io.Discard, newView("x")); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// run prepares src and compares it on data.
func run(t testing.TB, name, src string, data any, wantCompiled bool) {
	t.Helper()
	compare(t, prepare(t, name, src, data, wantCompiled, directs...), data)
}

func TestSameAsHTMLTemplate(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range hostile {
				run(t, c.name, c.src, newView(v), !c.unsupported)
				if c.unsupported {
					return
				}
			}
		})
	}
}

// The table again with every call through reflect, as without Directs.
func TestWithoutDirects(t *testing.T) {
	for _, c := range cases {
		if c.unsupported {
			continue
		}
		for _, v := range hostile[:6] {
			data := newView(v)
			compare(t, prepare(t, c.name, c.src, data, true), data)
		}
	}
}

// A Direct must match the function or method it stands for.
func TestDirectMismatch(t *testing.T) {
	h := template.Must(template.New("x").Funcs(funcs).Parse(`{{.}}`))
	if err := h.Execute(io.Discard, 1); err != nil {
		t.Fatal(err)
	}
	for _, d := range []tmplexec.Direct{
		tmplexec.Func("nosuch", subFn),
		tmplexec.Func("t", subFn),
		tmplexec.Method("Nope", sub.Upper),
		tmplexec.Method("Name", sub.Upper),
		tmplexec.Method("Upper", stringer.String),
	} {
		if _, err := tmplexec.Compile(h, funcs, d); err == nil || errors.Is(err, tmplexec.ErrUnsupported) {
			t.Errorf("Compile with a mismatched Direct: %v", err)
		}
	}
}

// Data that is not a struct: nil, a map, a pointer, a string.
func TestOtherData(t *testing.T) {
	for _, data := range []any{nil, map[string]any{"S": "<x>", "L": []int{1, 2}}, &struct{ S string }{"<p>"}, "<s>", 42} {
		for _, src := range []string{`{{.}}`, `{{.S}}`, `{{with .L}}{{range .}}{{.}}{{end}}{{end}}`, `<a href="{{.}}">`} {
			run(t, "data", src, data, true)
		}
	}
}

// Errors name the template, line and column as text/template's do.
func TestErrorNamesTemplate(t *testing.T) {
	h := template.Must(template.New("page.html").Funcs(funcs).Parse("<p>\n{{define \"main\"}}\n  {{.Nope}}{{end}}{{template \"main\" .}}"))
	var b bytes.Buffer
	want := h.Execute(&b, newView("x"))
	prog, err := tmplexec.Compile(h, funcs)
	if err != nil {
		t.Fatal(err)
	}
	got := prog.Execute(&b, newView("x"))
	if got == nil || want == nil || got.Error() != want.Error() {
		t.Fatalf("error %q, html/template's %q", got, want)
	}
}

// A set that was never executed is not escaped, and Compile says so
// rather than printing unescaped values.
func TestUnescapedSet(t *testing.T) {
	h := template.Must(template.New("x").Parse(`<p>{{.}}</p>`))
	if _, err := tmplexec.Compile(h, nil); !errors.Is(err, tmplexec.ErrUnsupported) {
		t.Fatalf("Compile of an unescaped set: %v", err)
	}
}

// template.HTML in an attribute has its tags stripped by html/template;
// the program stops with ErrUnsupported instead of guessing.
func TestHTMLInAttributeUnsupported(t *testing.T) {
	h := template.Must(template.New("x").Parse(`<p title="{{.}}">`))
	var b bytes.Buffer
	if err := h.Execute(&b, template.HTML("<b>x</b>")); err != nil {
		t.Fatal(err)
	}
	prog, err := tmplexec.Compile(h, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := prog.Execute(&b, template.HTML("<b>x</b>")); !errors.Is(err, tmplexec.ErrUnsupported) {
		t.Fatalf("Execute = %v, want ErrUnsupported", err)
	}
}

// FuzzSameAsHTMLTemplate runs random strings through every supported
// template of the table, in every field.
func FuzzSameAsHTMLTemplate(f *testing.F) {
	for _, v := range hostile {
		f.Add(v)
	}
	var pairs []pair
	for _, c := range cases {
		if !c.unsupported {
			pairs = append(pairs, prepare(f, c.name, c.src, newView("x"), true, directs...))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := newView(s)
		for _, p := range pairs {
			compare(t, p, v)
		}
	})
}

// One program executed again and again, after pages that stopped with an
// error in the middle of ranges and template calls, sequentially and from
// several goroutines (run with -race): the states it keeps between
// Executes must carry nothing over.
func TestProgramReused(t *testing.T) {
	src := `{{$a := .S}}{{range $i, $v := .L}}{{$v}}{{if $.B}}{{template "x" $.Sub}}{{$.NilSub.Name}}{{end}}{{end}}{{$a}}{{template "x" .Sub}}` +
		`{{define "x"}}{{$n := .Name}}[{{$n}}|{{$}}]{{end}}`
	p := prepare(t, "reused", src, newView(""), true, directs...)
	for range 3 {
		for _, v := range hostile {
			compare(t, p, newView(v))
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				data := newView(hostile[(g+i)%len(hostile)])
				var slow, fast bytes.Buffer
				slowErr := p.h.Execute(&slow, data)
				fastErr := p.prog.Execute(&fast, data)
				if (slowErr == nil) != (fastErr == nil) || slowErr == nil && slow.String() != fast.String() {
					t.Errorf("concurrently on %q: compiled %q, %v; html/template %q, %v", data.S, fast.String(), fastErr, slow.String(), slowErr)
					return
				}
			}
		})
	}
	wg.Wait()
}
