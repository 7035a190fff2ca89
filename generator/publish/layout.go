package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// layout names the output folder and the hidden siblings publish keeps
// beside it, all named from the output's base name so that two outputs in
// one parent folder never share them.
type layout struct {
	parent  string // the folder holding out and its siblings
	out     string // the live site, what the web server reads
	standby string // .NAME.standby: the previous generation, rebuilt in place into the next
	swap    string // .NAME.swap: the live site, only while the fallback swap moves it aside
	lock    string // .NAME.lock: held while a Swap or Clean runs
	tmp     string // .NAME.tmp-: prefix of one working folder per Swap, for files being written
}

// locate resolves out to an absolute path and names its siblings. A
// symlinked out is followed once, so publish swaps the real folder and the
// link keeps pointing at the live site.
func locate(out string) (layout, error) {
	if out == "" {
		return layout{}, errors.New("no output folder given")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return layout{}, err
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if abs, err = filepath.EvalSymlinks(abs); err != nil {
			return layout{}, err
		}
	}
	parent, name := filepath.Split(abs)
	if name == "" || parent == "" {
		return layout{}, fmt.Errorf("%s: cannot publish to a file system root", out)
	}
	parent = filepath.Clean(parent)
	hidden := filepath.Join(parent, "."+name)
	return layout{
		parent:  parent,
		out:     abs,
		standby: hidden + ".standby",
		swap:    hidden + ".swap",
		lock:    hidden + ".lock",
		tmp:     hidden + ".tmp-",
	}, nil
}
