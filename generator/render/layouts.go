package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"linewatch/generator/model"
	"linewatch/generator/render/tmplexec"
)

// Layouts are the parsed templates and translations of a site, ready to
// execute pages. They are built once per build (or once per layout change
// in serve mode) and are safe for concurrent Execute calls, which is how
// the Builder fans pages out over all cores.
type Layouts struct {
	fsys fs.FS
	// sets holds one template set per language and page layout: the base
	// layout, the partials and that page's file, with the t and date
	// functions bound to the language. Read-only after LoadLayouts.
	sets map[string]map[string]*template.Template
	// progs holds the same sets compiled by tmplexec, which executes them
	// several times faster with the same output; nil where a site's own
	// layout uses something tmplexec does not execute, so html/template
	// draws those pages as before.
	progs map[string]map[string]*tmplexec.Program
	cats  map[string]catalog // the translations, for files made without templates (feeds)
	bufs  sync.Pool          // of *bytes.Buffer, reused across Execute calls
}

// The file layout of a layouts folder (embedded defaults or a site's own).
const (
	partialsDir = "partials/" // shared pieces, parsed into every set
	staticDir   = "static"    // copied to the output as is
	i18nDir     = "i18n"      // en.toml and ja.toml
)

// pageLayouts are the layouts Plan uses; LoadLayouts insists on each, so
// a missing one fails before any page is rendered.
var pageLayouts = []string{
	"home.html", "prefectures.html", "prefecture.html", "agency.html",
	"national.html", "status.html", "category.html", "timeline.html", "page.html",
	"data.html", "search.html", "404.html",
}

// LoadLayouts parses every *.html file of fsys (outside static/) and the
// translations i18n/en.toml and i18n/ja.toml. baseof.html is the frame
// every page is drawn in; files under partials/ are shared by all; each
// other file is a page layout defining "title" and "main". Errors name the
// template file and line. It also checks, before any page runs, that both
// translation files have the same keys and that every key a template
// names literally ({{t "nav.home"}}) exists.
func LoadLayouts(fsys fs.FS) (*Layouts, error) {
	cats := make(map[string]catalog, len(langs))
	for _, lang := range langs {
		name := i18nDir + "/" + lang + ".toml"
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if cats[lang], err = parseCatalog(name, src); err != nil {
			return nil, err
		}
	}
	if err := sameKeys(cats); err != nil {
		return nil, err
	}

	files, err := htmlFiles(fsys)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(files, baseLayout) {
		return nil, fmt.Errorf("layouts: %s is missing", baseLayout)
	}
	for _, name := range pageLayouts {
		if !slices.Contains(files, name) {
			return nil, fmt.Errorf("layouts: %s is missing", name)
		}
	}

	// Parse with English functions; each language's clone rebinds them.
	md := new(mdMemo) // one for both languages: their pages share bodies
	root := template.New(baseLayout).Funcs(funcs(En, cats[En], md)).Funcs(langFuncs(cats))
	var pages []string
	for _, name := range files {
		switch {
		case name == baseLayout:
			err = parseFile(fsys, root, name)
		case strings.HasPrefix(name, partialsDir):
			err = parseFile(fsys, root.New(name), name)
		default:
			pages = append(pages, name)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := checkKeys(root, cats); err != nil {
		return nil, err
	}

	l := &Layouts{
		fsys:  fsys,
		sets:  make(map[string]map[string]*template.Template),
		progs: make(map[string]map[string]*tmplexec.Program),
		cats:  cats,
	}
	l.bufs.New = func() any { return new(bytes.Buffer) }
	for _, lang := range langs {
		l.sets[lang] = make(map[string]*template.Template, len(pages))
		l.progs[lang] = make(map[string]*tmplexec.Program, len(pages))
	}
	for _, name := range pages {
		// Each language's set is its own clone of root with the page
		// parsed into it: escaping rewrites a set's trees, so the two
		// languages cannot share one, and parsing a page again costs less
		// than a third clone of every partial (12 of 36 clones before).
		for i, lang := range langs {
			ls, err := root.Clone()
			if err != nil {
				return nil, fmt.Errorf("layouts: %s: %w", name, err)
			}
			if err := parseFile(fsys, ls.New(name), name); err != nil {
				return nil, err
			}
			if i == 0 {
				if err := checkKeys(ls.Lookup(name), cats); err != nil {
					return nil, err
				}
			}
			fm := funcs(lang, cats[lang], md)
			ls = ls.Lookup(baseLayout).Funcs(fm)
			inline(ls, cats[lang])
			if err := escapeNow(ls); err != nil {
				return nil, err
			}
			l.sets[lang][name] = ls
			if l.progs[lang][name], err = compile(ls, direct(fm), langFuncs(cats), fm); err != nil {
				return nil, err
			}
		}
	}
	return l, nil
}

// htmlFiles lists the *.html files of fsys outside static/, sorted.
func htmlFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && name == staticDir {
			return fs.SkipDir
		}
		if !d.IsDir() && path.Ext(name) == ".html" {
			files = append(files, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	slices.Sort(files)
	return files, nil
}

// parseFile parses one layout file into t; html/template's errors already
// read "template: agency.html:12: …".
func parseFile(fsys fs.FS, t *template.Template, name string) error {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("layouts: %w", err)
	}
	if _, err := t.Parse(string(src)); err != nil {
		return fmt.Errorf("layouts: %w", err)
	}
	return nil
}

// escapeNow makes html/template analyse the set now rather than on the
// first page, so a layout that breaks contextual escaping (an unclosed
// attribute, a tag split across branches) fails at load with its file and
// line. Executing into a writer that refuses every write, with no data,
// stops at the first text or field access, after the analysis (going on
// to the first field access ran a good part of every layout for
// nothing); only the analysis's own errors matter here.
func escapeNow(t *template.Template) error {
	err := t.Execute(refuseWrites{}, nil)
	var tErr *template.Error
	if errors.As(err, &tErr) {
		return fmt.Errorf("layouts: %w", err)
	}
	return nil
}

// refuseWrites is an io.Writer that fails every write.
type refuseWrites struct{}

func (refuseWrites) Write([]byte) (int, error) { return 0, errRefused }

var errRefused = errors.New("layouts: not written")

// direct lists the functions and methods the layouts call on every date
// and service, for tmplexec to call as Go code rather than through
// reflect; fm is the language's function map, whose date it names.
func direct(fm template.FuncMap) []tmplexec.Direct {
	d := []tmplexec.Direct{
		tmplexec.Method("IsZero", model.Date.IsZero),
		tmplexec.Method("String", model.Date.String),
		tmplexec.Method("True", model.Flag.True),
		tmplexec.Method("Known", model.Flag.Known),
		tmplexec.Method("String", model.Flag.String),
		tmplexec.Method("String", Text.String),
	}
	if date, ok := fm["date"].(func(model.Date) (string, error)); ok {
		d = append(d, tmplexec.Func("date", date))
	}
	return d
}

// compile compiles an escaped set with its functions (later maps win, as
// with successive Funcs calls). A set using what tmplexec does not
// execute gets no program, so its pages run on html/template.
func compile(t *template.Template, direct []tmplexec.Direct, fms ...template.FuncMap) (*tmplexec.Program, error) {
	all := make(template.FuncMap)
	for _, fm := range fms {
		maps.Copy(all, fm)
	}
	p, err := tmplexec.Compile(t, all, direct...)
	if errors.Is(err, tmplexec.ErrUnsupported) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	return p, nil
}

// Execute renders one page to HTML. Errors name the page's URL and, from
// html/template, the template file and line that failed.
func (l *Layouts) Execute(p Page) ([]byte, error) {
	var out []byte
	err := l.ExecuteFunc(p, func(data []byte) error {
		out = bytes.Clone(data) // the buffer goes back to the pool
		return nil
	})
	return out, err
}

// ExecuteFunc renders one page as Execute does and hands the HTML to use,
// whose error it returns. The bytes are valid only until use returns: they
// are the pool's buffer, which spares a copy of every page to a caller
// that only writes it out (a cold build writes 60 MB of pages at 2,000
// agencies).
func (l *Layouts) ExecuteFunc(p Page, use func(data []byte) error) error {
	t := l.sets[p.Lang][p.Layout]
	if t == nil {
		return fmt.Errorf("render %s: no layout %q for language %q", p.URL, p.Layout, p.Lang)
	}
	buf := l.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer l.bufs.Put(buf)
	if prog := l.progs[p.Lang][p.Layout]; prog != nil {
		if err := prog.Execute(buf, p.View); err == nil {
			return use(buf.Bytes())
		}
		// html/template stays the authority: a page the program stopped
		// on (an error, or a value it does not escape exactly) is drawn
		// again by html/template, whose output or error is the answer.
		buf.Reset()
	}
	if err := t.Execute(buf, p.View); err != nil {
		return fmt.Errorf("render %s: %w", p.URL, err)
	}
	return use(buf.Bytes())
}

// Static returns the files under static/ keyed by their output paths
// ("static/style.css" is published as "style.css").
func (l *Layouts) Static() (map[string][]byte, error) {
	out := make(map[string][]byte)
	err := fs.WalkDir(l.fsys, staticDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == staticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(l.fsys, name)
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(name, staticDir+"/")] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("layouts: static: %w", err)
	}
	return out, nil
}
