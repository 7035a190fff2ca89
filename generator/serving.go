package generator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"linewatch/generator/serve"
	"linewatch/generator/watch"
)

// ServeOptions configures Serve.
type ServeOptions struct {
	Addr   string    // where to listen, e.g. "127.0.0.1:1414"
	Stdout io.Writer // progress: "rebuilt 14 of 346 pages in 9ms"
	Stderr io.Writer // warnings and content problems, as check prints them
	// Ready, when set, is called with the listening address once the first
	// build is done and the server accepts requests (tests use it to find
	// a random port).
	Ready func(addr string)
}

// Serve builds the site, serves it over HTTP, and rebuilds on every change
// to site.toml, content/ or layouts/ until ctx is cancelled. It serves the
// last good site from memory; when a change breaks the content or a
// layout it prints the problems, keeps serving the last good site with the
// problems laid over every page, and recovers when they are fixed. Pages
// reload themselves after each successful rebuild. It returns nil after a
// clean shutdown.
func Serve(ctx context.Context, cfg Config, opt ServeOptions) error {
	if cfg.SourceDir == "" {
		return errors.New("serve needs a site folder on disk to watch")
	}
	b, err := New(cfg)
	if err != nil {
		return err
	}
	logf := func(format string, args ...any) { fmt.Fprintf(opt.Stderr, format+"\n", args...) }
	srv := serve.New(serve.Options{Logf: logf})
	defer srv.Close()

	// The site is mounted at the path of base_url, as it will be published,
	// so the links it holds work unchanged.
	var base atomic.Pointer[string]
	root := "/"
	base.Store(&root)

	report := func(res Result, err error, start time.Time, first bool) {
		if err != nil {
			text := failureText(err)
			fmt.Fprint(opt.Stderr, text)
			srv.Failed(text)
			return
		}
		if first {
			for _, w := range res.Warnings {
				fmt.Fprintf(opt.Stderr, "warning: %s\n", w)
			}
		}
		if b.site != nil {
			p := renderOptions(b.site.Config).BasePath
			base.Store(&p)
		}
		srv.SetSite(newMemFS(b.Files()))
		srv.Built()
		fmt.Fprintf(opt.Stdout, "built: %d of %d pages rendered, %d files written, in %v\n",
			res.Rendered, res.Pages, res.Stats.Written, time.Since(start).Round(time.Microsecond))
	}

	// Watch before the first build, so no save made during it is missed.
	w, err := watch.New(cfg.SourceDir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", cfg.SourceDir, err)
	}
	defer w.Close()
	watchErrs := w.Errors()

	start := time.Now()
	res, err := b.Build()
	if err != nil {
		// Serve what was published last, if anything, under the problems.
		if last := lastOutput(cfg); last != nil {
			defer last.Close()
			srv.SetSite(last.FS())
		}
	}
	report(res, err, start, true)

	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opt.Addr, err)
	}
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(opt.Stderr, "warning: serving on %s, which other machines can reach; the dev server is meant for 127.0.0.1\n", ln.Addr())
		}
	}
	hs := &http.Server{
		Handler:           mount(&base, srv),
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	p := *base.Load()
	fmt.Fprintf(opt.Stdout, "serving on http://%s%s (Ctrl-C to stop)\n", ln.Addr(), p)
	if opt.Ready != nil {
		opt.Ready(ln.Addr().String())
	}

	for {
		select {
		case <-ctx.Done():
			srv.Close() // ends live-reload streams so Shutdown can finish
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := hs.Shutdown(sctx)
			<-served
			return err
		case err := <-served:
			return fmt.Errorf("http server: %w", err)
		case err, ok := <-watchErrs:
			if !ok {
				watchErrs = nil
				continue
			}
			fmt.Fprintf(opt.Stderr, "watch: %v\n", err)
		case paths, ok := <-w.Batches():
			if !ok {
				return errors.New("watcher stopped")
			}
			start := time.Now()
			res, err := b.Rebuild(paths)
			report(res, err, start, false)
		}
	}
}

// mount serves the site under its base path and sends "/" there.
func mount(base *atomic.Pointer[string], h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := *base.Load()
		if p == "/" || strings.HasPrefix(r.URL.Path, "/_linewatch/") {
			h.ServeHTTP(w, r)
			return
		}
		if r.URL.Path == "/" {
			http.Redirect(w, r, p, http.StatusFound)
			return
		}
		http.StripPrefix(strings.TrimSuffix(p, "/"), h).ServeHTTP(w, r)
	})
}

// failureText formats a failed build as check would print it.
func failureText(err error) string {
	var ce *ContentError
	if errors.As(err, &ce) {
		return ce.Diags.String() + ce.Diags.Summary() + "; the last good site is still served\n"
	}
	return fmt.Sprintf("build failed: %v\nthe last good site is still served\n", err)
}

// lastOutput opens the output folder of an earlier build, for a serve
// that starts on broken content. It guesses the folder from the flags
// alone, since site.toml may be what is broken.
func lastOutput(cfg Config) *os.Root {
	out := cfg.Out
	if out == "" {
		out = filepath.Join(cfg.SourceDir, "public")
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil
	}
	return root
}
