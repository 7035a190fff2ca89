package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"linewatch/generator/internal/sitetest"
)

// pageTimeout bounds everything done with one page: loading it, running
// axe, typing a search. A loaded two-core machine is slow, never this slow.
const pageTimeout = 60 * time.Second

// startBrowser starts one headless Chromium for the test, with a fresh
// profile, and closes it when the test ends. It skips the test when
// LINEWATCH_BROWSER is unset and fails it when the browser does not start,
// so a machine that was asked to run browser tests cannot pass by skipping.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := os.Getenv("LINEWATCH_BROWSER")
	if exe == "" {
		t.Skip("browser tests are off: set LINEWATCH_BROWSER to a Chromium binary (scripts/test sets /usr/bin/chromium)")
	}
	profile := t.TempDir()
	var output sitetest.SyncBuffer
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		// Nothing but the pages may make requests: no QUIC probes, no
		// component or sync traffic (DefaultExecAllocatorOptions already
		// turns off background networking and sync).
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.CombinedOutput(&output),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Do binds the browser's life to ctx, so it must not carry a
	// timeout; the bound on the start is kept here instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start %s: %v\nbrowser output:\n%s", exe, err, output.String())
		}
	case <-time.After(pageTimeout):
		t.Fatalf("start %s: no answer in %v\nbrowser output:\n%s", exe, pageTimeout, output.String())
	}
	return ctx
}

// axeSource reads axe-core's browser bundle, from LINEWATCH_AXE or the
// copy npm installs under tests/node_modules.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("LINEWATCH_AXE")
	if path == "" {
		path = filepath.Join(repoRoot(t), "tests", "node_modules", "axe-core", "axe.min.js")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read axe-core: %v (scripts/test installs it with npm ci --prefix tests)", err)
	}
	return string(data)
}

// repoRoot is the module's root folder, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}
