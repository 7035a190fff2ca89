package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"

	"linewatch/generator/load"
)

// watcher is the part of *fsnotify.Watcher that tree needs; tests give it a
// fake so the event logic can be driven with synthetic events.
type watcher interface {
	Add(name string) error
	Remove(name string) error
}

// tree is what the watcher knows of the site folder: which folders carry a
// watch, which files exist, and which paths changed since the last batch.
// Only the Watcher's loop goroutine touches it.
type tree struct {
	root string // absolute, cleaned site folder
	fw   watcher

	dirs  map[string]bool // watched folders under content/ and layouts/, slash paths
	known map[string]bool // files seen under them, slash paths

	// gone holds folders just reported as removed or renamed away. A
	// renamed folder's own watch reports the rename a second time under the
	// same name; gone lets that echo pass without reporting the folder's
	// name as if it were a file.
	gone map[string]bool

	pending map[string]bool // paths changed since the last batch
	touched bool            // handle reported a path: the quiet window restarts
	errs    []error         // errors not yet sent
}

// maxErrs bounds the unread errors kept: errors are advice for the log, and
// a consumer that never reads them must not make the watcher grow forever.
const maxErrs = 64

// maxGone bounds the gone set; a removed folder whose echo never comes (rm
// -r sends none) would otherwise stay in it.
const maxGone = 256

func newTree(root string, fw watcher) *tree {
	return &tree{
		root:    root,
		fw:      fw,
		dirs:    make(map[string]bool),
		known:   make(map[string]bool),
		gone:    make(map[string]bool),
		pending: make(map[string]bool),
	}
}

// start watches the site folder itself and every folder under content/ and
// layouts/, and learns the files there without reporting them: they are what
// the first build reads.
func (t *tree) start() error {
	if err := t.fw.Add(t.root); err != nil {
		return fmt.Errorf("watch %s: %w", t.root, err)
	}
	t.addTree("content", false)
	t.addTree("layouts", false)
	return nil
}

// handle applies one fsnotify event: it updates the watches and the set of
// known files, and adds the changed paths to pending.
func (t *tree) handle(ev fsnotify.Event) {
	if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
		return // Chmod alone: the content is the same
	}
	rel, ok := t.rel(ev.Name)
	if !ok {
		return
	}
	if rel == "." {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			t.fail(fmt.Errorf("watch %s: the site folder was removed or renamed; restart to watch it again", t.root))
		}
		return
	}
	if !inScope(rel) || load.Ignored(path.Base(rel)) {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		t.vanished(rel)
	}
	if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) {
		t.appeared(rel)
	}
}

// appeared handles a path created or written: a new folder is watched and
// scanned, a file is reported.
func (t *tree) appeared(rel string) {
	delete(t.gone, rel)
	info, err := os.Lstat(t.abs(rel))
	if err != nil {
		// Gone again before we looked; its removal event follows. Report it
		// anyway, in case it was a file the consumer has already seen.
		if isFile(rel) {
			t.report(rel)
		}
		return
	}
	if info.IsDir() {
		if rel != "site.toml" {
			t.addTree(rel, true)
		}
		return
	}
	if isFile(rel) {
		t.known[rel] = true
		t.report(rel)
	}
}

// vanished handles a path removed or renamed away. A folder is reported as
// every file known under it, and its watches and those below are dropped.
func (t *tree) vanished(rel string) {
	if t.dirs[rel] {
		t.dropTree(rel)
		return
	}
	if t.gone[rel] {
		delete(t.gone, rel) // the echo of a folder already reported
		return
	}
	delete(t.known, rel)
	if isFile(rel) {
		t.report(rel)
	}
}

// addTree watches folder rel and every folder below it, and learns the
// files in them, reporting each when report is set. The watch comes before
// the listing, so a file written in between is seen by one or the other.
func (t *tree) addTree(rel string, report bool) {
	abs := t.abs(rel)
	if err := t.fw.Add(abs); err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return // gone, or replaced by a file, already
		}
		if errors.Is(err, syscall.ENOSPC) {
			err = fmt.Errorf("%w (the system's limit on watches is reached; raise fs.inotify.max_user_watches)", err)
		}
		t.fail(fmt.Errorf("watch %s: %w", rel, err))
		// Keep going: the files are still reported, only later edits in
		// this folder will be missed.
	} else {
		t.dirs[rel] = true
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			t.fail(fmt.Errorf("watch %s: %w", rel, err))
		}
		return
	}
	for _, e := range entries {
		if load.Ignored(e.Name()) {
			continue
		}
		child := rel + "/" + e.Name()
		if e.IsDir() {
			t.addTree(child, report)
			continue
		}
		t.known[child] = true
		if report {
			t.report(child)
		}
	}
}

// dropTree forgets folder rel: it drops the watches on it and below (a
// renamed folder keeps its watches in the kernel, under the old names) and
// reports every file that was known there.
func (t *tree) dropTree(rel string) {
	prefix := rel + "/"
	for d := range t.dirs {
		if d == rel || strings.HasPrefix(d, prefix) {
			// Errors only say the kernel dropped the watch already.
			_ = t.fw.Remove(t.abs(d))
			delete(t.dirs, d)
		}
	}
	for f := range t.known {
		if strings.HasPrefix(f, prefix) {
			delete(t.known, f)
			t.report(f)
		}
	}
	if len(t.gone) >= maxGone {
		clear(t.gone)
	}
	t.gone[rel] = true
}

// rescan recovers from lost events: every watch is set again, and every file
// known before or found now is reported, with site.toml, so the consumer
// re-reads everything that might have changed.
func (t *tree) rescan() {
	for d := range t.dirs {
		_ = t.fw.Remove(t.abs(d))
	}
	clear(t.dirs)
	clear(t.gone)
	for f := range t.known {
		t.report(f)
	}
	clear(t.known)
	t.report("site.toml")
	t.addTree("content", true)
	t.addTree("layouts", true)
}

// report marks rel as changed.
func (t *tree) report(rel string) {
	t.pending[rel] = true
	t.touched = true
}

// fail keeps err to be sent on Errors, unless too many are waiting.
func (t *tree) fail(err error) {
	if len(t.errs) < maxErrs {
		t.errs = append(t.errs, err)
	}
}

// rel turns an absolute name from fsnotify into a slash path relative to
// the site folder; "." is the folder itself.
func (t *tree) rel(name string) (string, bool) {
	name = filepath.Clean(name)
	if name == t.root {
		return ".", true
	}
	rest, ok := strings.CutPrefix(name, t.root+string(filepath.Separator))
	if !ok {
		return "", false
	}
	return filepath.ToSlash(rest), true
}

func (t *tree) abs(rel string) string {
	return filepath.Join(t.root, filepath.FromSlash(rel))
}

// inScope reports whether rel is site.toml or lies in content/ or layouts/
// (the folders themselves included).
func inScope(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	return rel == "site.toml" || top == "content" || top == "layouts"
}

// isFile reports whether rel may be reported as a file: the top folders
// content and layouts are never files of the site.
func isFile(rel string) bool {
	return rel != "content" && rel != "layouts"
}
