package serve

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestEvents(t *testing.T) {
	s, ts := newServer(t, serving(site()))
	ch, resp := subscribe(t, ts, "")
	for h, want := range map[string]string{"Content-Type": "text/event-stream", "Cache-Control": "no-store"} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	want := func(name, data string) {
		t.Helper()
		e := next(t, ch)
		if e.name != name || (data != "" && e.data != data) {
			t.Fatalf("got event %q %q, want %q %q", e.name, e.data, name, data)
		}
	}
	want("ok", "") // the opening event says the stream is there

	s.Built()
	want("reload", "")

	const text = "content/agencies/a.md:3:1: status: unknown value \"x\"\ncontent/agencies/b.md: sources: at least one source is required\n"
	s.Failed(text)
	want("error", strings.TrimSuffix(text, "\n"))

	s.Failed(text) // the same errors again: nothing new to show
	s.Failed("site.toml:1:1: title: missing\r\nsecond line")
	want("error", "site.toml:1:1: title: missing\nsecond line")

	s.Built() // fixed: reload shows the page without the box
	want("reload", "")
	s.Built()
	want("reload", "")
}

// TestEventsCatchUp: the page says which build it shows; the stream's
// opening event brings it up to date.
func TestEventsCatchUp(t *testing.T) {
	s, ts := newServer(t, serving(site()))
	version := regexp.MustCompile(`data-version="([^"]+)"`)
	versionOf := func() string {
		_, body := raw(t, ts, "GET", "/")
		m := version.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no data-version in %s", body)
		}
		return m[1]
	}
	current := versionOf()
	for _, tc := range []struct {
		name  string
		setup func()
		v     string
		want  string
	}{
		{"current page", nil, current, "ok"},
		{"page from before a restart", nil, "0-1", "reload"},
		{"page older than the site", func() { s.SetSite(site()) }, current, "reload"},
		{"page older than the build", func() { s.Built() }, current, "reload"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			ch, _ := subscribe(t, ts, tc.v)
			if e := next(t, ch); e.name != tc.want {
				t.Errorf("opening event %q, want %q", e.name, tc.want)
			}
		})
	}

	s.Failed("a.md:1:1: title: missing")
	ch, _ := subscribe(t, ts, versionOf())
	if e := next(t, ch); e.name != "error" || e.data != "a.md:1:1: title: missing" {
		t.Errorf("opening event while failed: %q %q, want the error", e.name, e.data)
	}

	// A rebuild and a failure faster than the stream: the page reloads
	// (and gets the box in its markup) and the stream still names the
	// errors, for a client that does not reload.
	s.Built()
	s.Failed("b.md:2:2: date: not a date")
	for _, want := range []string{"reload", "error"} {
		if e := next(t, ch); e.name != want {
			t.Errorf("after Built and Failed: %q, want %q", e.name, want)
		}
	}
}

func TestEventsPing(t *testing.T) {
	s := New(Options{Logf: t.Logf})
	s.ping = 10 * time.Millisecond
	s.SetSite(site())
	ts := httptestServer(t, s)
	ch, _ := subscribe(t, ts, "")
	pings := 0
	timeout := time.After(5 * time.Second)
	for pings < 3 {
		select {
		case e := <-ch:
			if e.name == ":" {
				pings++
			}
		case <-timeout:
			t.Fatalf("%d pings in 5s", pings)
		}
	}
}

// openStream starts an event stream on a raw connection that never reads
// what the server sends, and waits until the server has it.
func openStream(t *testing.T, s *Server, addr string) net.Conn {
	t.Helper()
	before := streams(s)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, "GET /_linewatch/events HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); streams(s) == before; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the stream never started")
		}
	}
	return conn
}

func streams(s *Server) int {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return len(s.hub.streams)
}

// TestSlowClient: a client that never reads fills its connection until
// the server's writes block; Built and Failed must not notice.
func TestSlowClient(t *testing.T) {
	s := New(Options{Logf: t.Logf})
	s.writeWait = 200 * time.Millisecond
	s.SetSite(site())
	ts := httptestServer(t, s)
	silent := openStream(t, s, ts.Listener.Addr().String())
	silent.(*net.TCPConn).SetReadBuffer(4096)
	ch, _ := subscribe(t, ts, "") // and one that reads
	next(t, ch)

	big := strings.Repeat("content/agencies/x.md:1:1: name: a long error line\n", 2000) // ~100 KB
	done := make(chan time.Duration)
	go func() {
		start := time.Now()
		for i := range 100 {
			s.Built()
			s.Failed(big + strings.Repeat("!", i))
		}
		done <- time.Since(start)
	}()
	select {
	case d := <-done:
		if d > time.Second {
			t.Errorf("100 Built and Failed calls took %v with a client that never reads", d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Built or Failed blocked on a client that never reads")
	}
	// Once the silent client's buffers are full, it is cut off after the
	// write deadline, and the reader still gets the latest state.
	for i := 0; streams(s) > 1; i++ {
		if i == 100 {
			t.Fatal("the client that never reads was never cut off")
		}
		s.Failed(strings.Repeat(big, 3) + strings.Repeat("?", i))
		time.Sleep(20 * time.Millisecond)
	}
	s.Built()
	for e := next(t, ch); e.name != "reload"; e = next(t, ch) {
	}
}

// TestClose: Close ends every stream, refuses new ones, can be called
// twice, and leaves no goroutine behind once the listener is closed.
func TestClose(t *testing.T) {
	before := runtime.NumGoroutine()

	s := New(Options{Logf: t.Logf})
	s.writeWait = 200 * time.Millisecond
	s.SetSite(site())
	ts := httptestServerNoCleanup(s)
	client := &http.Client{Transport: &http.Transport{}}
	var streamsOpen []<-chan event
	for range 3 {
		resp, err := client.Get(ts.URL + "/_linewatch/events")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		ch := events(resp.Body)
		next(t, ch)
		streamsOpen = append(streamsOpen, ch)
	}
	silent := openStream(t, s, ts.Listener.Addr().String())
	s.Failed(strings.Repeat("x.md: name: too long\n", 20000)) // fill the silent one's buffers

	closed := make(chan struct{})
	go func() {
		s.Close()
		s.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	for i, ch := range streamsOpen {
		timeout := time.After(5 * time.Second)
	drain:
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					break drain
				}
			case <-timeout:
				t.Fatalf("stream %d still open after Close", i)
			}
		}
	}
	if n := streams(s); n != 0 {
		t.Errorf("%d streams after Close", n)
	}
	resp, err := client.Get(ts.URL + "/_linewatch/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a stream after Close: %s, want 503", resp.Status)
	}
	if resp, err := client.Get(ts.URL + "/"); err != nil || resp.StatusCode != 200 {
		t.Errorf("GET / after Close: %v %v; files should still be served", resp, err)
	} else {
		resp.Body.Close()
	}

	silent.Close()
	ts.Close()
	client.CloseIdleConnections()
	var after int
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if after = runtime.NumGoroutine(); after <= before {
			t.Logf("goroutines: %d before, %d after", before, after)
			return
		}
	}
	buf := make([]byte, 1<<20)
	t.Errorf("%d goroutines before, %d after Close:\n%s", before, after, buf[:runtime.Stack(buf, true)])
}

// TestEventsOutliveTimeouts: a stream lives longer than the http.Server's
// ReadTimeout and WriteTimeout, which suit files but would cut streams.
func TestEventsOutliveTimeouts(t *testing.T) {
	s := New(Options{Logf: t.Logf})
	s.SetSite(site())
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ReadTimeout = 50 * time.Millisecond
	ts.Config.WriteTimeout = 50 * time.Millisecond
	ts.Start()
	t.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	ch, _ := subscribe(t, ts, "")
	next(t, ch)
	time.Sleep(200 * time.Millisecond)
	s.Built()
	if e := next(t, ch); e.name != "reload" {
		t.Errorf("after the timeouts: %q, want reload", e.name)
	}
}
