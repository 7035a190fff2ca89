package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Clean removes what killed builds left beside out: working folders
// (.NAME.tmp-*) and, after a kill inside the fallback swap, puts the old
// site back from .NAME.swap. It never touches out's content nor a standby,
// which the next Swap checks and reuses. Swap calls it first; a server may
// call it at start-up to tidy the folder before the first build.
func Clean(out string) error {
	l, err := locate(out)
	if err != nil {
		return fmt.Errorf("clean %s: %w", out, err)
	}
	if _, err := os.Stat(l.parent); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	unlock, err := lockFile(l.lock)
	if err != nil {
		return fmt.Errorf("clean %s: lock: %w", out, err)
	}
	defer unlock()
	o := defaultOptions()
	if err := l.clean(&o); err != nil {
		return fmt.Errorf("clean %s: %w", out, err)
	}
	return nil
}

// clean does Clean's work; the caller holds the lock, so no other build's
// working folder can be removed from under it.
func (l layout) clean(o *options) error {
	entries, err := os.ReadDir(l.parent)
	if err != nil {
		return err
	}
	prefix := filepath.Base(l.tmp)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			if err := o.removeAll(filepath.Join(l.parent, e.Name())); err != nil {
				return err
			}
		}
	}
	if !exists(l.swap) {
		return nil
	}
	switch {
	case !exists(l.out):
		return o.rename(l.swap, l.out)
	case !exists(l.standby):
		return o.rename(l.swap, l.standby)
	default:
		return o.removeAll(l.swap)
	}
}

// exists reports whether name is there, without following a symlink.
func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}
