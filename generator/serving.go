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
	"runtime"
	"strings"
	"sync"
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

	// What is served: the newest pages, and the open data as the
	// background writer last made it.
	var (
		siteMu sync.Mutex
		shown  *memFS
	)
	// show serves files and data from now on; a nil map keeps what is
	// served now. Only the background writer hands over data after the
	// first build: the Builder's open data is its to change.
	show := func(files, data map[string][]byte) {
		siteMu.Lock()
		defer siteMu.Unlock()
		if files == nil && shown != nil {
			files = shown.files
		}
		if data == nil && shown != nil {
			data = shown.data
		}
		shown = shown.with(files, data)
		srv.SetSite(shown)
	}

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
			p := b.renderOptions(b.site.Config).BasePath
			base.Store(&p)
		}
		if first {
			show(b.Files(), b.Data())
		} else {
			show(b.Files(), nil)
		}
		srv.Built()
		if first {
			fmt.Fprintf(opt.Stdout, "built: %d of %d pages rendered, %d files written, in %v\n",
				res.Rendered, res.Pages, res.Stats.Written, time.Since(start).Round(time.Microsecond))
		} else {
			fmt.Fprintf(opt.Stdout, "built: %d of %d pages rendered and served in %v\n",
				res.Rendered, res.Pages, time.Since(start).Round(time.Microsecond))
		}
	}

	w, err := watch.New(cfg.SourceDir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", cfg.SourceDir, err)
	}
	defer w.Close()
	watchErrs := w.Errors()

	start := time.Now()
	// serve keeps the site in memory from now on: its heap is marked for
	// huge pages (see hugeHeap) by the site's size before it loads.
	b.markHeap(serveHeapPerRecord)
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

	// The open data and the disk are brought up to date in the
	// background, newest snapshot first; edits that come faster are
	// merged into one write.
	var bg *background
	bg = newBackground(func(s *Snapshot) error {
		start := time.Now()
		st, err := b.Write(s)
		if err != nil {
			fmt.Fprintf(opt.Stderr, "publish failed: %v\nthe site is still served from memory; the next change tries again\n", err)
			return err
		}
		show(nil, b.Data())
		took := time.Since(start)
		// The write leaves the most garbage of an edit (the open data is
		// made anew: over 100 MB at 20,000 agencies), and a collection
		// marks all that serve holds (every page, the model, the plans);
		// run now, while the editor reads the page, it does not fall on
		// the next save's rebuild, which it slowed by a third. A save
		// that comes meanwhile waits only for its share of the CPU.
		if bg.idle() {
			runtime.GC()
		}
		fmt.Fprintf(opt.Stdout, "published: %d files written, %d removed, in %v\n",
			st.Written, st.Removed, took.Round(time.Microsecond))
		return nil
	})
	defer bg.stop()

	for {
		select {
		case <-ctx.Done():
			bg.stop()   // writes the last edit to disk before the server goes
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
			snap, res, err := b.Update(paths)
			report(res, err, start, false)
			if err == nil {
				bg.submit(snap)
			}
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

// background writes snapshots (Builder.Write) on its own goroutine, one at
// a time, so that serve shows an edit without waiting for the open data
// and the disk. A snapshot submitted while another is written waits; a
// third merges into the waiting one, so the disk never falls more than
// one write behind however fast the edits come.
type background struct {
	write  func(*Snapshot) error
	mu     sync.Mutex
	next   *Snapshot // waiting to be written
	failed *Snapshot // the last write that failed, merged into the next
	wake   chan struct{}
	quit   chan struct{}
	done   chan struct{}
	once   sync.Once
}

// newBackground starts the goroutine that calls write for each snapshot.
func newBackground(write func(*Snapshot) error) *background {
	bg := &background{write: write, wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go bg.run()
	return bg
}

// submit hands over a snapshot to write after those before it.
func (bg *background) submit(s *Snapshot) {
	bg.mu.Lock()
	s.merge(bg.next)
	s.merge(bg.failed)
	bg.next, bg.failed = s, nil
	bg.mu.Unlock()
	select {
	case bg.wake <- struct{}{}:
	default:
	}
}

// idle reports whether no snapshot waits to be written.
func (bg *background) idle() bool {
	bg.mu.Lock()
	defer bg.mu.Unlock()
	return bg.next == nil
}

// take returns the waiting snapshot, if any.
func (bg *background) take() *Snapshot {
	bg.mu.Lock()
	defer bg.mu.Unlock()
	s := bg.next
	bg.next = nil
	return s
}

func (bg *background) run() {
	defer close(bg.done)
	for {
		quit := false
		select {
		case <-bg.wake:
		case <-bg.quit:
			quit = true
		}
		if s := bg.take(); s != nil && bg.write(s) != nil {
			// What it changed must be made again with the next edit.
			bg.mu.Lock()
			if bg.next != nil {
				bg.next.merge(s)
			} else {
				bg.failed = s
			}
			bg.mu.Unlock()
		}
		if quit {
			return
		}
	}
}

// stop writes what is still waiting and ends the goroutine; it returns
// when the last write is done. It may be called more than once.
func (bg *background) stop() {
	bg.once.Do(func() { close(bg.quit) })
	<-bg.done
}
