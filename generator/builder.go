package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"linewatch/generator/diag"
	"linewatch/generator/load"
	"linewatch/generator/model"
	"linewatch/generator/publish"
	"linewatch/generator/refdata"
	"linewatch/generator/render"
	"linewatch/generator/validate"
	"linewatch/layouts"
)

// Config says where a site comes from and where it goes.
type Config struct {
	// Source is the site folder: site.toml, content/ and an optional
	// layouts/ folder that overrides the embedded layouts file by file.
	Source fs.FS
	// SourceDir is the same folder on disk. It is used to guard the output
	// folder (never the site folder or anything holding it) and to resolve
	// site.toml's out key; it may be "" when Source is not on disk, and
	// then Out must be set.
	SourceDir string
	// Out overrides the output folder; "" means site.toml's out, else
	// "public" inside the site folder.
	Out string
}

// Builder runs the stages for one site. It loads the reference data once
// and is meant to live as long as the process, so that serve can keep
// state between rebuilds. A Builder is not safe for concurrent builds.
type Builder struct {
	cfg Config
	ref *refdata.Data
}

// New returns a Builder for the site described by cfg.
func New(cfg Config) (*Builder, error) {
	if cfg.Source == nil {
		if cfg.SourceDir == "" {
			return nil, errors.New("no site folder given")
		}
		cfg.Source = os.DirFS(cfg.SourceDir)
	}
	ref, err := refdata.Load()
	if err != nil {
		return nil, err
	}
	return &Builder{cfg: cfg, ref: ref}, nil
}

// Result reports what a build did.
type Result struct {
	Out      string        // the output folder written
	Pages    int           // pages rendered
	Files    int           // files published, pages included
	Stats    publish.Stats // written, unchanged, removed
	Warnings []string      // things worth saying that do not stop a build
}

// ContentError is returned when the content has problems an editor must
// fix. It carries every diagnostic, sorted, so the command can print them
// one per line and a summary; nothing was published.
type ContentError struct{ Diags diag.List }

func (e *ContentError) Error() string { return e.Diags.Error() }

// Check loads and validates the whole site and returns the model input,
// without rendering or writing anything. Content problems come back as a
// *ContentError.
func (b *Builder) Check() (model.Input, error) {
	cfgDoc, diags := load.Config(b.cfg.Source)
	docs, more := load.Dir(b.cfg.Source)
	diags.Append(more)
	in, more := validate.Check(cfgDoc, docs, b.ref)
	diags.Append(more)
	if len(diags) > 0 {
		diags.Sort()
		return model.Input{}, &ContentError{Diags: diags}
	}
	return in, nil
}

// Build loads, validates, renders and publishes the site. On a content
// problem or an engine failure nothing is published and the previous
// output is left exactly as it was.
func (b *Builder) Build() (Result, error) {
	in, err := b.Check()
	if err != nil {
		return Result{}, err
	}
	var res Result
	out, err := b.outDir(in.Config)
	if err != nil {
		return Result{}, err
	}
	res.Out = out
	if in.Config.BaseURL == "" {
		res.Warnings = append(res.Warnings, "site.toml: base_url is not set, so pages use root-relative links and no absolute URLs (canonical, hreflang, feeds); set it to where the site is published")
	}
	site := model.New(in)
	files, pages, err := b.render(site)
	if err != nil {
		return Result{}, err
	}
	res.Pages = pages
	res.Files = len(files)
	res.Stats, err = publish.Swap(out, files)
	if err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", out, err)
	}
	return res, nil
}

// render plans every page and executes them over all cores.
func (b *Builder) render(site *model.Site) (map[string][]byte, int, error) {
	lay, err := render.LoadLayouts(render.Union(b.siteLayouts(), layouts.FS))
	if err != nil {
		return nil, 0, fmt.Errorf("layouts: %w", err)
	}
	files, err := lay.Static()
	if err != nil {
		return nil, 0, fmt.Errorf("layouts: %w", err)
	}
	pages := render.Plan(site, renderOptions(site.Config))

	outs := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i], errs[i] = lay.Execute(pages[i])
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	for i, p := range pages {
		if _, dup := files[p.File()]; dup {
			return nil, 0, fmt.Errorf("two outputs for %s", p.File())
		}
		files[p.File()] = outs[i]
	}
	return files, len(pages), nil
}

// siteLayouts returns the site's own layouts folder, or nil when it has none.
func (b *Builder) siteLayouts() fs.FS {
	if fi, err := fs.Stat(b.cfg.Source, "layouts"); err != nil || !fi.IsDir() {
		return nil
	}
	sub, err := fs.Sub(b.cfg.Source, "layouts")
	if err != nil {
		return nil
	}
	return sub
}

// renderOptions derives the link prefix and absolute base from base_url.
func renderOptions(c model.Config) render.Options {
	opt := render.Options{BasePath: "/", BaseURL: c.BaseURL}
	if c.BaseURL != "" {
		if i := strings.Index(c.BaseURL, "://"); i >= 0 {
			rest := c.BaseURL[i+3:]
			if j := strings.IndexByte(rest, '/'); j >= 0 {
				opt.BasePath = rest[j:]
			}
		}
	}
	if !strings.HasSuffix(opt.BasePath, "/") {
		opt.BasePath += "/"
	}
	return opt
}

// outDir decides the output folder and refuses one that would overwrite
// the site itself: the site folder, a folder holding it, or a folder
// inside content/ or layouts/.
func (b *Builder) outDir(c model.Config) (string, error) {
	out := b.cfg.Out
	if out == "" {
		rel := c.Out
		if rel == "" {
			rel = "public"
		}
		if filepath.IsAbs(rel) || b.cfg.SourceDir == "" {
			out = rel
		} else {
			out = filepath.Join(b.cfg.SourceDir, rel)
		}
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return "", fmt.Errorf("output folder %s: %w", out, err)
	}
	absOut = resolve(absOut)
	if b.cfg.SourceDir == "" {
		return absOut, nil
	}
	absSrc, err := filepath.Abs(b.cfg.SourceDir)
	if err != nil {
		return "", fmt.Errorf("site folder %s: %w", b.cfg.SourceDir, err)
	}
	absSrc = resolve(absSrc)
	if within(absSrc, absOut) {
		return "", fmt.Errorf("output folder %s is the site folder or holds it; choose another with -out or site.toml's out", out)
	}
	for _, sub := range []string{"content", "layouts"} {
		if within(absOut, filepath.Join(absSrc, sub)) {
			return "", fmt.Errorf("output folder %s is inside the site's %s/ folder; choose another with -out or site.toml's out", out, sub)
		}
	}
	return absOut, nil
}

// within reports whether path is dir itself or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))))
}

// resolve follows symbolic links in the longest existing prefix of path, so
// a link cannot smuggle the output folder onto the site folder.
func resolve(path string) string {
	rest := ""
	for p := path; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(p) == p {
			return path
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}
