package serve

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// hub keeps the live-reload streams. Waking them never blocks: each has a
// channel with room for one signal, and a stream that already has one
// pending needs no second, since it reads the latest state when it runs.
type hub struct {
	mu      sync.Mutex
	streams map[chan struct{}]struct{}
	closed  bool
	done    chan struct{} // closed by close: every stream ends
	wg      sync.WaitGroup
}

func (h *hub) init() {
	h.streams = make(map[chan struct{}]struct{})
	h.done = make(chan struct{})
}

// join registers a stream, or says no once the hub is closed. Adding to
// the WaitGroup under the lock, only while open, puts every Add before
// close's Wait.
func (h *hub) join() (chan struct{}, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	c := make(chan struct{}, 1)
	h.streams[c] = struct{}{}
	h.wg.Add(1)
	return c, true
}

func (h *hub) leave(c chan struct{}) {
	h.mu.Lock()
	delete(h.streams, c)
	h.mu.Unlock()
	h.wg.Done()
}

func (h *hub) wake() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.streams {
		select {
		case c <- struct{}{}:
		default: // already woken; it will see this state too
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
	h.mu.Unlock()
	h.wg.Wait()
}

// serveEvents speaks Server-Sent Events to one page until the page goes
// away or the server closes. The page says which build it shows (?v=, the
// version stamped into its script tag); the stream first brings it up to
// date (reload, error or ok, always one of them, so a client knows it is
// connected) and then sends what each change of state asks for.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	wake, ok := s.hub.join()
	if !ok {
		plain(w, r, http.StatusServiceUnavailable, "linewatch is shutting down")
		return
	}
	defer s.hub.leave(wake)

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	out := stream{w: w, rc: http.NewResponseController(w), wait: s.writeWait}
	page := r.URL.Query().Get("v")
	if page == "" {
		page = s.state.Load().version
	}
	// What the page shows; first makes the opening event unconditional.
	first, showing, shown := true, false, ""
	catchUp := func() error {
		for {
			st := s.state.Load()
			var err error
			switch {
			case st.version != page:
				page, showing = st.version, false
				err = out.event("reload", st.version)
			case st.failed && (first || !showing || shown != st.text):
				showing, shown = true, st.text
				err = out.event("error", st.text)
			case !st.failed && (first || showing):
				showing = false
				err = out.event("ok", st.version)
			default:
				return nil
			}
			first = false
			if err != nil {
				return err
			}
		}
	}

	// A reconnecting browser waits a second, not its default three.
	if out.write("retry: 1000\n\n") != nil || catchUp() != nil {
		return
	}
	ping := time.NewTicker(s.ping)
	defer ping.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		case <-wake:
			err = catchUp()
		case <-ping.C:
			err = out.write(": ping\n\n")
		}
		if err != nil {
			return
		}
	}
}

// stream writes to one event-stream response, flushing each write. A
// client that stops reading is cut off after wait rather than holding the
// handler, and Close, forever.
type stream struct {
	w    io.Writer
	rc   *http.ResponseController
	wait time.Duration
}

func (c stream) write(s string) error {
	// Not every ResponseWriter has deadlines (a test recorder has not);
	// without one a write still ends when the connection does.
	_ = c.rc.SetWriteDeadline(time.Now().Add(c.wait))
	if _, err := io.WriteString(c.w, s); err != nil {
		return err
	}
	return c.rc.Flush()
}

// event writes one event. Each line of data gets its own "data:" field,
// as the format requires (a bare CR would end a line too); the browser
// joins them with "\n". There is always one, since an event without data
// is never dispatched.
func (c stream) event(name, data string) error {
	data = strings.ReplaceAll(data, "\r\n", "\n")
	data = strings.ReplaceAll(data, "\r", "\n")
	data = strings.TrimRight(data, "\n")
	var b strings.Builder
	b.WriteString("event: " + name + "\n")
	for line := range strings.SplitSeq(data, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	return c.write(b.String())
}
