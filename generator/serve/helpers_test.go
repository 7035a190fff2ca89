package serve

import (
	"bufio"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// These tests do not run in parallel: the leak check counts goroutines.

// site is a small build output, one file of each kind a site has.
func site() fstest.MapFS {
	page := func(s string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("<!doctype html>\n<html lang=\"en\">\n<head><title>" + s +
			"</title></head>\n<body>\n<h1>" + s + "</h1>\n</body>\n</html>\n")}
	}
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"index.html":                page("Home"),
		"ja/index.html":             page("ホーム"),
		"agencies/osaka/index.html": page("Osaka City"),
		"404.html":                  page("Page not found"),
		"fragment.html":             file("<p>no body here</p>"),
		"style.css":                 file("body { color: black }\n"),
		"search.js":                 file("console.log(1)\n"),
		"data/agencies.json":        file("[]\n"),
		"data/services.csv":         file("agency,service\n"),
		"feed.xml":                  file("<feed/>\n"),
		"sitemap.xml":               file("<urlset/>\n"),
		"robots.txt":                file("User-agent: *\n"),
		"logo.svg":                  file("<svg/>\n"),
		"logo.png":                  file("\x89PNG\r\n\x1a\n"),
		"font.woff2":                file("wOF2"),
		"SHA256SUMS":                file("00  index.html\n"),
	}
}

// newServer serves a new Server on a loopback port, after set (if any)
// has prepared it. Cleanup closes the Server before the listener, as
// linewatch serve should.
func newServer(t *testing.T, set func(*Server)) (*Server, *httptest.Server) {
	t.Helper()
	s := New(Options{Logf: t.Logf})
	if set != nil {
		set(s)
	}
	return s, httptestServer(t, s)
}

// httptestServer serves s on a loopback port until the test ends.
func httptestServer(t *testing.T, s *Server) *httptest.Server {
	ts := httptestServerNoCleanup(s)
	t.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	return ts
}

// serving is the usual set: a Server serving fsys.
func serving(fsys fs.FS) func(*Server) {
	return func(s *Server) { s.SetSite(fsys) }
}

// httptestServerNoCleanup serves s on a loopback port; closing it is
// the caller's job.
func httptestServerNoCleanup(s *Server) *httptest.Server { return httptest.NewServer(s) }

// raw sends one request with the target exactly as given (no client
// cleans or re-encodes it) and returns the response and its body.
func raw(t *testing.T, ts *httptest.Server, method, target string, header ...string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := method + " " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
	for _, h := range header {
		req += h + "\r\n"
	}
	if _, err := io.WriteString(conn, req+"\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, target, err)
	}
	return resp, string(body)
}

// event is one Server-Sent Event; a comment line comes as name ":".
type event struct{ name, data string }

// events reads an event stream until it ends, sending each event on the
// returned channel, which is closed at the end of the stream.
func events(r io.Reader) <-chan event {
	ch := make(chan event, 100)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		var e event
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" || data != nil {
					e.data = strings.Join(data, "\n")
					ch <- e
				}
				e, data = event{}, nil
			case strings.HasPrefix(line, ":"):
				ch <- event{name: ":", data: strings.TrimSpace(line[1:])}
			default:
				field, value, _ := strings.Cut(line, ":")
				value = strings.TrimPrefix(value, " ")
				switch field {
				case "event":
					e.name = value
				case "data":
					data = append(data, value)
				}
			}
		}
	}()
	return ch
}

// subscribe opens a live-reload stream as a page of version v ("" for
// none) and returns its events; closing the stream is left to cleanup.
func subscribe(t *testing.T, ts *httptest.Server, v string) (<-chan event, *http.Response) {
	t.Helper()
	target := ts.URL + "/_linewatch/events"
	if v != "" {
		target += "?v=" + v
	}
	resp, err := ts.Client().Get(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", target, resp.Status)
	}
	return events(resp.Body), resp
}

// next waits for the next event other than a ping.
func next(t *testing.T, ch <-chan event) event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatal("stream ended")
			}
			if e.name == ":" {
				continue
			}
			return e
		case <-timeout:
			t.Fatal("no event within 5s")
		}
	}
}
