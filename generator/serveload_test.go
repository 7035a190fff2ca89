package generator_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"linewatch/bench/corpus"
	"linewatch/generator"
	"linewatch/generator/internal/sitetest"
)

// The figures of the load test (issue 6, item 6). They hold under -race
// as well: the run is bounded in time, not in requests, so the race
// detector's slowdown lowers the number of requests made, not the number
// of clients, and the test costs the same wall time.
const (
	loadPageClients   = 200       // concurrent clients GETting pages
	loadSlowClients   = 20        // of which read a large file a trickle at a time
	loadPipelined     = 20        // requests a slow client sends at once
	loadStreamClients = 100       // live-reload connections
	loadMaxRequests   = 20_000    // per page client: the loops are bounded in count as well as in time
	loadHeapBound     = 512 << 20 // HeapInuse after the load, and at its peak
)

// TestServeUnderLoad runs linewatch serve on a loopback port under a
// bounded load, as issue 6 asks: 200 concurrent clients GET a mix of
// pages, assets, data files and missing pages for 10 s (3 s with -short),
// while 100 live-reload connections are held open, 40 reading every event,
// 30 never reading a byte and 30 connecting and vanishing again and again.
// Twenty of the page clients ask for the largest file (the open data,
// 284 KiB) twenty times at once on one connection and read a trickle,
// so that slow readers hold handlers in the middle of a response
// throughout, and hang up mid-answer at the end.
//
// Meanwhile the test saves a record several times; each save must be
// served (the page shows the new text) within 60 s despite the slow and
// vanished clients, and every reading stream must see a reload.
//
// It then asserts that no request failed (every answer is 200 for a file
// of the site and 404 for a made-up path, never a transport error or a
// 5xx), that the heap in use of the whole test process, server and
// clients together, stayed below 512 MiB during the load (sampled every
// 250 ms) and after it (about 50 MiB is usual; the bound is generous on
// purpose, to catch growth with the number of clients or requests, not
// to measure), that shutdown completes with non-reading clients still
// connected, and that no goroutine outlives the server.
func TestServeUnderLoad(t *testing.T) {
	duration, rebuilds := 10*time.Second, 5
	if testing.Short() {
		duration, rebuilds = 3*time.Second, 3
	}
	goroutines := runtime.NumGoroutine()

	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Agencies: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	stdout, stderr := &sitetest.SyncBuffer{}, &sitetest.SyncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- generator.Serve(ctx, generator.Config{SourceDir: src, Out: out}, generator.ServeOptions{
			Addr: "127.0.0.1:0", Stdout: stdout, Stderr: stderr,
			Ready: func(addr string) { ready <- addr },
		})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended at once: %v\n%s", err, stderr)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	base := "http://" + addr

	pages, big, bigSize := loadPages(t, out)
	missing := []string{"/no-such-page/", "/agencies/no-such-agency/", "/ja/nothing-here.html", "/data/missing.csv"}
	record, recordURL := loadRecord(t, src)
	t.Logf("%d files in the site; slow clients ask for %s (%d KiB) %d times at once", len(pages), big, bigSize>>10, loadPipelined)

	tr := &http.Transport{MaxIdleConnsPerHost: loadPageClients + 10}
	client := &http.Client{
		Transport: tr,
		Timeout:   60 * time.Second,
		// A redirect is an answer the test does not expect: report it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer tr.CloseIdleConnections()

	var (
		requests, failures atomic.Int64
		errMu              sync.Mutex
		errs               []string
	)
	fail := func(format string, args ...any) {
		failures.Add(1)
		errMu.Lock()
		defer errMu.Unlock()
		if len(errs) < 10 {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}

	start := time.Now()
	deadline := start.Add(duration)
	var clients sync.WaitGroup

	// Page clients.
	for i := range loadPageClients - loadSlowClients {
		clients.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 6))
			for n := 0; n < loadMaxRequests && time.Now().Before(deadline); n++ {
				path, want := pages[r.IntN(len(pages))], http.StatusOK
				if r.IntN(10) == 0 {
					path, want = missing[r.IntN(len(missing))], http.StatusNotFound
				}
				requests.Add(1)
				resp, err := client.Get(base + path)
				if err != nil {
					fail("GET %s: %v", path, err)
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != want {
					fail("GET %s: %d (want %d), body: %v", path, resp.StatusCode, want, err)
				}
			}
		})
	}
	var slowRead atomic.Int64
	for range loadSlowClients {
		clients.Go(func() {
			for n := 0; n < loadMaxRequests && time.Now().Before(deadline); n += loadPipelined {
				requests.Add(loadPipelined)
				read, err := loadTrickle(addr, big, loadPipelined, deadline)
				slowRead.Add(read)
				if err != nil {
					fail("slow GET %s: %v", big, err)
				}
			}
		})
	}

	// Live-reload clients. The readers' client has no timeout, since a
	// stream lasts as long as the server.
	streams := &http.Client{Transport: tr}
	var reloadsSeen atomic.Int64
	var readers sync.WaitGroup // the readers, which end when the server closes their stream
	var silent []net.Conn      // never read, closed only after the server has stopped
	var silentMu sync.Mutex
	for i := range loadStreamClients {
		switch {
		case i < 40: // reads every event until the server ends the stream
			readers.Go(func() {
				resp, err := streams.Get(base + "/_linewatch/events")
				if err != nil {
					fail("events: %v", err)
					return
				}
				defer resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					fail("events: %d", resp.StatusCode)
					return
				}
				sawReload := false
				sc := bufio.NewScanner(resp.Body)
				for sc.Scan() {
					if sc.Text() == "event: reload" && !sawReload {
						sawReload = true
						reloadsSeen.Add(1)
					}
				}
			})
		case i < 70: // connects, asks, and never reads a byte
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatalf("dial: %v", err)
			}
			if _, err := fmt.Fprintf(c, "GET /_linewatch/events HTTP/1.1\r\nHost: %s\r\n\r\n", addr); err != nil {
				t.Fatalf("write: %v", err)
			}
			silentMu.Lock()
			silent = append(silent, c)
			silentMu.Unlock()
		default: // connects, reads the opening event or not, and goes away
			clients.Go(func() {
				for n := 0; n < 1000 && time.Now().Before(deadline); n++ {
					c, err := net.Dial("tcp", addr)
					if err != nil {
						fail("dial: %v", err)
						return
					}
					fmt.Fprintf(c, "GET /_linewatch/events HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
					if n%2 == 0 {
						c.SetReadDeadline(time.Now().Add(30 * time.Second))
						line, err := bufio.NewReader(c).ReadString('\n')
						if err != nil || !strings.HasPrefix(line, "HTTP/1.1 200") {
							fail("events: %q, %v", line, err)
						}
					}
					c.Close()
					time.Sleep(50 * time.Millisecond) // at most 6,000 connections in 10 s, well within the ephemeral ports
				}
			})
		}
	}

	// The heap, sampled through the load.
	var peak atomic.Uint64
	stopSampling := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stopSampling:
				return
			case <-tick.C:
			}
		}
	})

	// Saves during the load, each of which must be served.
	poll := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	for i := range rebuilds {
		time.Sleep(time.Until(start.Add(duration * time.Duration(i+1) / time.Duration(rebuilds+1))))
		mark := fmt.Sprintf("Load test save %d.", i+1)
		saved := time.Now()
		if err := os.WriteFile(record, append(loadBody(t, record), "\n"+mark+"\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		for {
			body, err := loadGet(poll, base+recordURL)
			if err == nil && strings.Contains(body, mark) {
				break
			}
			if time.Since(saved) > 60*time.Second {
				t.Fatalf("save %d not served after 60 s under load (last error: %v)\nserve said:\n%s%s", i+1, err, stdout, stderr)
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Logf("save %d served after %v", i+1, time.Since(saved).Round(time.Millisecond))
	}
	clients.Wait()
	close(stopSampling)
	sampler.Wait()
	elapsed := time.Since(start)

	// Shutdown, with the silent clients still connected.
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop with silent live-reload clients connected")
	}
	readers.Wait()
	for _, c := range silent {
		c.Close()
	}
	tr.CloseIdleConnections()

	t.Logf("%d requests sent in %v by %d page clients (%d slow, who read %d KiB each on average of the %d KiB they asked for) and %d live-reload connections; %d of 40 readers saw a reload; peak heap in use %d MiB",
		requests.Load(), elapsed.Round(time.Millisecond), loadPageClients, loadSlowClients, slowRead.Load()/loadSlowClients>>10, bigSize*loadPipelined>>10,
		loadStreamClients, reloadsSeen.Load(), peak.Load()>>20)
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d requests failed, among them:\n%s", n, requests.Load(), strings.Join(errs, "\n"))
	}
	if n := reloadsSeen.Load(); n != 40 {
		t.Errorf("%d of 40 reading live-reload clients saw a reload", n)
	}
	if p := peak.Load(); p > loadHeapBound {
		t.Errorf("heap in use peaked at %d MiB under load, above the bound of %d MiB", p>>20, loadHeapBound>>20)
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapInuse > loadHeapBound {
		t.Errorf("heap in use after the load: %d MiB, above the bound of %d MiB", m.HeapInuse>>20, loadHeapBound>>20)
	}
	if strings.Contains(stderr.String(), "build failed") || strings.Contains(stderr.String(), "serve:") {
		t.Errorf("serve reported problems:\n%s", stderr)
	}

	// Every goroutine of the server and the clients ends. A few may be
	// other tests' idle connections winding down, hence the slack.
	deadlineG := time.Now().Add(20 * time.Second)
	defer func() { t.Logf("goroutines: %d before the test, %d after", goroutines, runtime.NumGoroutine()) }()
	for runtime.NumGoroutine() > goroutines+3 {
		if time.Now().After(deadlineG) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines after shutdown, %d before the test:\n%s",
				runtime.NumGoroutine(), goroutines, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// loadPages lists the URL of every file of the built site, from its
// SHA256SUMS, with folders for index.html files as links name them, and
// returns the largest file besides, for the slow clients.
func loadPages(t *testing.T, out string) (urls []string, largest string, size int64) {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(sums)) {
		_, p, ok := strings.Cut(strings.TrimRight(line, "\n"), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q", line)
		}
		if fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err == nil && fi.Size() > size {
			size, largest = fi.Size(), "/"+p
		}
		if p == "index.html" {
			urls = append(urls, "/")
		} else if dir, ok := strings.CutSuffix(p, "/index.html"); ok {
			urls = append(urls, "/"+dir+"/")
		} else {
			urls = append(urls, "/"+p)
		}
	}
	if len(urls) < 50 {
		t.Fatalf("only %d files in the site", len(urls))
	}
	slices.Sort(urls)
	return urls, largest, size
}

// loadRecord picks the first agency record of the site and its page.
func loadRecord(t *testing.T, src string) (path, url string) {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(src, "content", "agencies", "*", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range matches {
		if !strings.HasSuffix(m, ".ja.md") {
			slug := strings.TrimSuffix(filepath.Base(m), ".md")
			return m, "/agencies/" + slug + "/"
		}
	}
	t.Fatal("no agency record in the synthetic site")
	return "", ""
}

// loadBody reads a record.
func loadBody(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// loadGet returns the body of a 200 answer, or an error.
func loadGet(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%d", resp.StatusCode)
	}
	return string(b), nil
}

// loadTrickle asks for path n times over one connection with a small
// receive buffer, all requests sent at once (HTTP/1.1 pipelining, which
// the server answers one after the other), and reads the answers 1 KiB
// every 5 ms, at most about 200 KB/s. Once the kernel's buffers are full
// (a few MiB on loopback) the server's handler waits in a write until
// the client reads more, so a slow reader holds a handler mid-answer for
// as long as it asks a few MiB more than it reads. At the deadline it
// hangs up mid-answer, as a closed browser tab would. It returns the
// bytes of body it read; only a status other than 200, or a failure
// before the deadline, is an error.
func loadTrickle(addr, path string, n int, deadline time.Time) (int64, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetReadBuffer(4 << 10)
	}
	c.SetDeadline(deadline.Add(60 * time.Second))
	reqs := strings.Repeat(fmt.Sprintf("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr), n)
	if _, err := io.WriteString(c, reqs); err != nil {
		return 0, err
	}
	br := bufio.NewReaderSize(c, 1<<10)
	buf := make([]byte, 1<<10)
	var read int64
	for range n {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			return read, err
		}
		if resp.StatusCode != http.StatusOK {
			return read, fmt.Errorf("status %s", resp.Status)
		}
		for {
			if !time.Now().Before(deadline) {
				return read, nil
			}
			k, err := resp.Body.Read(buf)
			read += int64(k)
			if err == io.EOF {
				break
			}
			if err != nil {
				return read, err
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	return read, nil
}
