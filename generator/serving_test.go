package generator_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"linewatch/generator"
	"linewatch/generator/internal/sitetest"
)

// eventually polls cond until it holds or ten seconds pass: the machines
// running these tests are shared and slow, so nothing here is timed.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServe drives a real server on a random loopback port with real file
// operations, as an editor would (issue 3, "Done when").
func TestServe(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	src := siteDir(t, readFixture(t, "testdata/build/minimal.txtar"))
	outDir := t.TempDir()
	out := filepath.Join(outDir, "public")
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	stdout, stderr := &sitetest.SyncBuffer{}, &sitetest.SyncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- generator.Serve(ctx, generator.Config{SourceDir: src, Out: out}, generator.ServeOptions{
			Addr: "127.0.0.1:0", Stdout: stdout, Stderr: stderr,
			Ready: func(addr string) { ready <- addr },
		})
	}()
	var base string
	select {
	case addr := <-ready:
		base = "http://" + addr
	case err := <-done:
		t.Fatalf("serve ended at once: %v\n%s", err, stderr)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}

	osaka := "/agencies/osaka-city/"
	if code, body := get(t, base+osaka); code != 200 || !strings.Contains(body, "Osaka City") || !strings.Contains(body, "/_linewatch/") {
		t.Fatalf("first page: %d, live reload injected: %v\n%s\n%s", code, strings.Contains(body, "/_linewatch/"), stderr, body)
	}

	// A live-reload client.
	events := make(chan string, 100)
	resp, err := http.Get(base + "/_linewatch/events")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			events <- sc.Text()
		}
		close(events)
	}()
	sawEvent := func(prefix string) func() bool {
		return func() bool {
			for {
				select {
				case line, ok := <-events:
					if !ok {
						return false
					}
					if strings.HasPrefix(line, prefix) {
						return true
					}
				default:
					return false
				}
			}
		}
	}

	// An atomic-rename save, as VS Code or vim make it.
	record := filepath.Join(src, "content/agencies/osaka/osaka-city.md")
	data, _ := os.ReadFile(record)
	tmp := record + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Replace(string(data), "Bullying consultation", "Bullying helpline", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, record); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the saved record to be served", func() bool {
		_, body := get(t, base+osaka)
		return strings.Contains(body, "Bullying helpline")
	})
	eventually(t, "a reload event", sawEvent("event: reload"))

	// A record added in a new folder.
	write(t, src, "content/agencies/kyoto/kyoto-city.md", kyoto(string(data)))
	eventually(t, "the new record to be served", func() bool {
		code, body := get(t, base+"/agencies/kyoto-city/")
		return code == 200 && strings.Contains(body, "Kyoto City")
	})

	// A deleted record's page is gone.
	remove(t, src, "content/agencies/kyoto/kyoto-city.md")
	eventually(t, "the deleted record to 404", func() bool {
		code, _ := get(t, base+"/agencies/kyoto-city/")
		return code == 404
	})

	// A typo keeps the old page and names the file.
	good, _ := os.ReadFile(record)
	write(t, src, "content/agencies/osaka/osaka-city.md", strings.Replace(string(good), `status = "suspended"`, `status = "suspend"`, 1))
	eventually(t, "the error over the page", func() bool {
		code, body := get(t, base+osaka)
		return code == 200 && strings.Contains(body, "Bullying helpline") && strings.Contains(body, "content/agencies/osaka/osaka-city.md") && strings.Contains(body, "services[1].status")
	})
	if !strings.Contains(stderr.String(), `did you mean "suspended"`) {
		t.Errorf("the terminal does not show the problem:\n%s", stderr)
	}

	// The fix recovers.
	write(t, src, "content/agencies/osaka/osaka-city.md", string(good))
	eventually(t, "the overlay to clear", func() bool {
		_, body := get(t, base+osaka)
		return strings.Contains(body, "Bullying helpline") && !strings.Contains(body, "services[1].status")
	})

	// A broken layout is handled the same way, and so is its fix.
	write(t, src, "layouts/page.html", "{{define \"main\"}}{{.Title.S}\n")
	eventually(t, "the layout error over the page", func() bool {
		code, body := get(t, base+osaka)
		return code == 200 && strings.Contains(body, "Bullying helpline") && strings.Contains(body, "page.html")
	})
	remove(t, src, "layouts/page.html")
	eventually(t, "the layout error to clear", func() bool {
		_, body := get(t, base+"/about/")
		return strings.Contains(body, "About this site.") && !strings.Contains(body, "page.html")
	})

	// Attempts to leave the site.
	for _, p := range []string{"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/%252e%252e/etc/passwd", "/agencies/..%5c..%5cetc/passwd"} {
		if code, body := get(t, base+p); code != 404 || strings.Contains(body, "root:") {
			t.Errorf("GET %s: %d", p, code)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	entries, _ := os.ReadDir(outDir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	http.DefaultClient.CloseIdleConnections()
	eventually(t, "goroutines to end", func() bool { return runtime.NumGoroutine() <= goroutines+2 })
}
