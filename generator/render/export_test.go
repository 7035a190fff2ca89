package render

import "bytes"

// ExecuteBoth executes p with the compiled program and with html/template,
// for the differential tests: compiled is nil when the layout has no
// program.
func (l *Layouts) ExecuteBoth(p Page) (compiled []byte, compiledErr error, html []byte, htmlErr error) {
	if prog := l.progs[p.Lang][p.Layout]; prog != nil {
		var b bytes.Buffer
		compiledErr = prog.Execute(&b, p.View)
		compiled = b.Bytes()
	}
	var b bytes.Buffer
	htmlErr = l.sets[p.Lang][p.Layout].Execute(&b, p.View)
	return compiled, compiledErr, b.Bytes(), htmlErr
}

// Uncompiled lists the "lang/layout" sets that have no program.
func (l *Layouts) Uncompiled() []string {
	var out []string
	for lang, sets := range l.sets {
		for name := range sets {
			if l.progs[lang][name] == nil {
				out = append(out, lang+"/"+name)
			}
		}
	}
	return out
}

// GoldmarkMarkdown and GoldmarkMarkdownInline convert with goldmark
// alone, never package mdfast, for the differential tests of the fast
// path.
var (
	GoldmarkMarkdown       = goldmarkMarkdown
	GoldmarkMarkdownInline = goldmarkMarkdownInline
)
