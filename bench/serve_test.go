package bench_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"linewatch/bench/corpus"
	"linewatch/generator"
)

// BenchmarkEditToServed starts a real server over a synthetic site and, for
// each iteration, saves one agency record as editors do (write a
// temporary file, rename it over the record) with a service renamed to a
// unique marker, then polls that agency's page until the marker is
// served. It reports the median and worst of those latencies; run it with
// -benchtime=20x for the 20 edits issue 3 asks for. It then polls the
// page's file in the output folder until the background write has put the
// marker there, and reports the median and worst time from the save to
// that too (disk-median-ms, disk-worst-ms, and disk-first-ms and
// disk-steady-worst-ms, the first save's and the worst of the others: the
// first write also fills publish's standby copy): the rebuild of one record,
// open data and publishing included, as `hugo server --renderToDisk` is
// timed. The site and its output are in memory (/dev/shm) unless
// LINEWATCH_BENCH_DIR names another folder, such as one on the work disk.
//
// N=20000 takes minutes to set up, so it runs only when -bench names it
// (for example -bench 'EditToServed/N=20000') or LINEWATCH_BENCH_LARGE=1
// is set.
func BenchmarkEditToServed(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			if n > 2000 && !large(n) {
				b.Skip("slow: name it in -bench or set LINEWATCH_BENCH_LARGE=1")
			}
			editToServed(b, n)
		})
	}
}

// large reports whether the caller asked for the large size.
func large(n int) bool {
	if os.Getenv("LINEWATCH_BENCH_LARGE") == "1" {
		return true
	}
	f := flag.Lookup("test.bench")
	return f != nil && strings.Contains(f.Value.String(), fmt.Sprint(n))
}

func editToServed(b *testing.B, n int) {
	root := scratch(b)
	src := filepath.Join(root, "site")
	stats, err := corpus.Write(src, corpus.Options{Agencies: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	targets := records(b, src, 20)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	builds := &counter{word: "built:"}
	// serve writes the open data and the disk in the background after
	// each edit; the next edit waits for that too, so each starts from an
	// idle server.
	writes := &counter{word: "published:"}
	stderr := &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		done <- generator.Serve(ctx, generator.Config{SourceDir: src, Out: filepath.Join(root, "public")}, generator.ServeOptions{
			Addr: "127.0.0.1:0", Stdout: io.MultiWriter(builds, writes), Stderr: stderr,
			Ready: func(addr string) { ready <- addr },
		})
	}()
	var base string
	select {
	case addr := <-ready:
		base = "http://" + addr
	case err := <-done:
		b.Fatalf("serve ended at once: %v\n%s", err, stderr)
	case <-time.After(10 * time.Minute):
		b.Fatal("serve did not start")
	}
	b.Logf("%s; serving after %v (%s)", stats, time.Since(start).Round(time.Millisecond), builds.Last())
	client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	var lat, disk []time.Duration
	firstBuilds := builds.n.Load()
	for i := 0; b.Loop(); i++ {
		t := targets[i%len(targets)]
		marker := fmt.Sprintf("Edited service %d-%d", n, i)
		data, err := os.ReadFile(t.file)
		if err != nil {
			b.Fatal(err)
		}
		edited := rename(b, data, marker)
		url := base + "/agencies/" + t.slug + "/"

		saved := time.Now()
		save(b, t.file, edited)
		for !served(client, url, marker) {
			if time.Since(saved) > 60*time.Second {
				b.Fatalf("edit %d of %s not served after a minute\n%s", i, t.file, stderr)
			}
			// Poll every millisecond at first, then less often as the
			// wait grows (at most 2% of it), so polling does not steal
			// the CPU the rebuild needs on a small machine.
			time.Sleep(min(max(time.Since(saved)/50, time.Millisecond), 10*time.Millisecond))
		}
		lat = append(lat, time.Since(saved))

		// Then the disk, which the benchmark's time does not include.
		b.StopTimer()
		file := filepath.Join(root, "public", "agencies", t.slug, "index.html")
		for !onDisk(file, marker) {
			if time.Since(saved) > 5*time.Minute {
				b.Fatalf("edit %d of %s not on disk after five minutes\n%s", i, t.file, stderr)
			}
			time.Sleep(min(max(time.Since(saved)/50, time.Millisecond), 10*time.Millisecond))
		}
		disk = append(disk, time.Since(saved))

		// Let any rebuild the save set off still finish, so the next edit
		// starts from an idle server; this wait is not timed.
		settle(builds, writes)
		b.StartTimer()
	}
	b.StopTimer()
	if len(lat) > 0 {
		slices.Sort(lat)
		median := (lat[(len(lat)-1)/2] + lat[len(lat)/2]) / 2
		b.ReportMetric(ms(median), "median-ms")
		b.ReportMetric(ms(lat[len(lat)-1]), "worst-ms")
		// The first write after serve's initial build also fills
		// publish's standby copy (every file written once beside the
		// live site), as the first `linewatch build` after a cold one
		// does; the worst of the others is the steady state's.
		b.ReportMetric(ms(disk[0]), "disk-first-ms")
		if len(disk) > 1 {
			b.ReportMetric(ms(slices.Max(disk[1:])), "disk-steady-worst-ms")
		}
		b.Logf("edit-to-disk, in save order: %v", disk)
		slices.Sort(disk)
		b.ReportMetric(ms((disk[(len(disk)-1)/2]+disk[len(disk)/2])/2), "disk-median-ms")
		b.ReportMetric(ms(disk[len(disk)-1]), "disk-worst-ms")
		b.ReportMetric(float64(len(lat)), "edits")
		b.ReportMetric(float64(builds.n.Load()-firstBuilds)/float64(len(lat)), "rebuilds/edit")
		b.Logf("last rebuild: %s", builds.Last())
	}
	if s := stderr.String(); strings.Contains(s, "problem") || strings.Contains(s, "failed") {
		b.Errorf("serve reported problems:\n%s", s)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			b.Errorf("serve: %v", err)
		}
	case <-time.After(time.Minute):
		b.Error("serve did not stop")
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// onDisk reports whether the file holds marker.
func onDisk(file, marker string) bool {
	data, err := os.ReadFile(file)
	return err == nil && bytes.Contains(data, []byte(marker))
}

// scratch returns a fresh folder under LINEWATCH_BENCH_DIR when it is set,
// else in memory under /dev/shm when the machine has it, so the figures
// measure linewatch and not the disk.
func scratch(b *testing.B) string {
	if parent := os.Getenv("LINEWATCH_BENCH_DIR"); parent != "" {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			b.Fatal(err)
		}
		dir, err := os.MkdirTemp(parent, "linewatch-bench-")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { os.RemoveAll(dir) })
		return dir
	}
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "linewatch-bench-")
		if err == nil {
			b.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return b.TempDir()
}

// target is an agency record to edit.
type target struct{ file, slug string }

// records picks k agency records spread evenly over the site, in path
// order, so the edits touch different prefectures.
func records(b *testing.B, src string, k int) []target {
	var all []target
	err := filepath.WalkDir(filepath.Join(src, "content", "agencies"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".ja.md") || !strings.HasSuffix(p, ".md") {
			return err
		}
		all = append(all, target{file: p, slug: strings.TrimSuffix(path.Base(filepath.ToSlash(p)), ".md")})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(all) == 0 {
		b.Fatal("no agency records in the synthetic site")
	}
	out := make([]target, 0, k)
	for i := range k {
		out = append(out, all[i*len(all)/k])
	}
	return out
}

// rename returns the record with its first service renamed to marker.
func rename(b *testing.B, data []byte, marker string) []byte {
	const key = "[[services]]\nname = \""
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		b.Fatal("record has no service to rename")
	}
	i += len(key)
	j := bytes.IndexByte(data[i:], '"')
	return slices.Concat(data[:i], []byte(marker), data[i+j:])
}

// save writes data to a temporary file beside file and renames it over
// file, as VS Code, vim and JetBrains editors save. The temporary name ends
// in .tmp, which the watcher ignores, so only the rename counts.
func save(b *testing.B, file string, data []byte) {
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		b.Fatal(err)
	}
}

// served reports whether the page at url holds marker.
func served(c *http.Client, url, marker string) bool {
	resp, err := c.Get(url)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return err == nil && resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(marker))
}

// settle waits until no build has finished for 50 ms and the background
// writes have caught up with the builds, or 30 seconds.
func settle(builds, writes *counter) {
	deadline := time.Now().Add(30 * time.Second)
	for last := builds.n.Load(); time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		now := builds.n.Load()
		// Every build but the first (written before serving starts) is
		// written in the background, once the edits stop.
		if now == last && writes.n.Load() >= now-1 {
			return
		}
		last = now
	}
}

// counter is an io.Writer that counts the writes holding word; Serve
// prints one "built: …" line per build.
type counter struct {
	word string
	n    atomic.Int64
	mu   sync.Mutex
	last string // the last line holding word, for the log
}

func (c *counter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(c.word)) {
		c.mu.Lock()
		c.last = strings.TrimSpace(string(p))
		c.mu.Unlock()
		c.n.Add(1)
	}
	return len(p), nil
}

// Last returns the last line holding word.
func (c *counter) Last() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// syncBuffer is an io.Writer the server goroutine and the benchmark share:
// sitetest.SyncBuffer, which bench cannot import (it is internal to
// generator/).
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
