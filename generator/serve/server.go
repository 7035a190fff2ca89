package serve

import (
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server.
type Options struct {
	// Logf reports what an operator may want to know but a browser must
	// not see, such as a symlink refused for pointing out of the site.
	// Nil means silence.
	Logf func(format string, args ...any)
}

// Server serves the latest good site and tells browsers to reload. Its
// methods are safe for concurrent use; ServeHTTP may run while the Builder
// calls SetSite, Built and Failed from another goroutine.
type Server struct {
	logf func(format string, args ...any)

	// instance tells this process's builds from those of a server that
	// ran before it, so a page left open across a restart reloads.
	instance string

	mu    sync.Mutex            // serializes writers of state
	state atomic.Pointer[state] // read without locks by every request

	hub hub

	// ping is how often a stream sends a comment to keep proxies from
	// closing it; writeWait is how long one write to a stream may take
	// before the client is given up. Tests shorten both.
	ping      time.Duration
	writeWait time.Duration
}

// state is one consistent view of what to serve: the site and the build it
// came from, and whether the latest rebuild failed. It is never changed
// once stored, so a request that loads it once sees one site throughout.
type state struct {
	site    fs.FS  // nil until the first SetSite
	gen     uint64 // counts SetSite and Built calls
	version string // names site and build: instance and gen
	failed  bool
	text    string // the errors of the failed build
}

// New returns a Server with no site yet: until SetSite, every page is a
// short notice (with the errors, if the first build failed) that reloads
// once a build succeeds.
func New(opt Options) *Server {
	s := &Server{
		logf:      opt.Logf,
		instance:  strconv.FormatInt(time.Now().UnixNano(), 36),
		ping:      15 * time.Second,
		writeWait: 10 * time.Second,
	}
	s.hub.init()
	s.state.Store(&state{version: s.versionOf(0)})
	return s
}

func (s *Server) versionOf(gen uint64) string {
	return s.instance + "-" + strconv.FormatUint(gen, 10)
}

// update stores the state f derives from the current one, under a new
// version when bump is set.
func (s *Server) update(bump bool, f func(*state)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := *s.state.Load()
	f(&next)
	if bump {
		next.gen++
		next.version = s.versionOf(next.gen)
	}
	s.state.Store(&next)
}

// SetSite makes fsys the site to serve from now on. Requests already
// running finish with the site they started with. It changes the version
// pages are stamped with, so pages served from the old site reload when
// their stream next connects, but it tells no one: Built does that, so
// call SetSite first. A Server never closes what it is given.
//
// linewatch serve passes os.OpenRoot(out).FS(), which refuses symlinks
// leading out of the folder. An os.Root holds the folder itself, not its
// name: publish.Swap exchanges the live folder with its standby, so after
// each Swap the root must be opened again and set here, or the server
// would go on reading the old generation, which the next Swap rewrites.
func (s *Server) SetSite(fsys fs.FS) {
	s.update(true, func(st *state) { st.site = fsys })
}

// Built records that a rebuild succeeded: it clears the error overlay and
// tells every live-reload client to reload. It never waits for a client.
func (s *Server) Built() {
	s.update(true, func(st *state) { st.failed, st.text = false, "" })
	s.hub.wake()
}

// Failed records that a rebuild failed with the given text (the lines
// `linewatch check` prints, path:line:col: field: message). The last good
// site keeps being served, with text laid over every HTML page, and open
// pages show it at once. It never waits for a client.
func (s *Server) Failed(text string) {
	s.update(false, func(st *state) { st.failed, st.text = true, text })
	s.hub.wake()
}

// Close ends every live-reload stream and waits until their handlers have
// returned, so that http.Server.Shutdown, which waits for running
// requests, can finish. Later streams are refused; files are still
// served. Close may be called more than once.
func (s *Server) Close() { s.hub.close() }

// ServeHTTP answers GET and HEAD with the site, the live-reload script and
// stream; any other method gets 405.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		plain(w, r, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, reserved); ok {
		s.serveOwn(w, r, rest)
		return
	}
	s.serveSite(w, r, s.state.Load())
}

// plain writes a short text/plain answer; HEAD gets the headers only.
func plain(w http.ResponseWriter, r *http.Request, code int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(msg)+1))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write([]byte(msg + "\n"))
	}
}

func (s *Server) log(format string, args ...any) {
	if s.logf != nil {
		s.logf(format, args...)
	}
}
