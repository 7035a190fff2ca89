package publish

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"linewatch/generator/internal/quick"
)

// options are the knobs tests turn; Swap uses defaultOptions.
type options struct {
	workers    int                         // files written at once: a few overlap the latency of a slow disk
	noExchange bool                        // behave as if RENAME_EXCHANGE were unsupported, to test the fallback
	hook       func(op, path string) error // called before every change to the disk; an error stops Swap there, as a kill would
	calls      quick.Calls                 // how files and folders are made: quick ones for an output held in memory (useCalls)
}

// defaultOptions are what Swap and Clean run with.
func defaultOptions() options {
	return options{workers: 8}
}

// useCalls has o make files and folders with the calls for the folder
// dir, which holds the output, its standby and working files: quick ones
// when it is held in memory (package quick).
func (o *options) useCalls(dir string) { o.calls = quick.For(dir) }

// step runs the test hook before one change to the disk. Every change goes
// through it, so a test can stop a Swap after any number of changes and
// check what a kill at that point would leave behind.
func (o *options) step(op, path string) error {
	if o.hook == nil {
		return nil
	}
	if err := o.hook(op, path); err != nil {
		return fmt.Errorf("%s %s: %w", op, path, err)
	}
	return nil
}

// writeFile creates name, which must not exist, with data. With a test
// hook set it writes in two halves and runs the hook between them, so a
// simulated kill can leave a half-written file, as a real one can.
func (o *options) writeFile(name string, data []byte) error {
	if err := o.step("create", name); err != nil {
		return err
	}
	if o.hook == nil {
		return o.create(name, data)
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	half := len(data) / 2
	_, err = f.Write(data[:half])
	if err == nil {
		err = o.step("write", name)
	}
	if err == nil {
		_, err = f.Write(data[half:])
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeFrom creates name, which must not exist, with the bytes src
// writes, and returns their SHA-256. The bytes pass through a 64 KB
// buffer, so a source that writes little at a time costs few system
// calls. The file is a working file: a kill while it is written leaves it
// half-written in the working folder, which the next publish deletes.
func (o *options) writeFrom(name string, src io.WriterTo) (digest, error) {
	if err := o.step("create", name); err != nil {
		return digest{}, err
	}
	f, err := o.createNew(name)
	if err != nil {
		return digest{}, err
	}
	fw := &hashingFile{f: f, h: sha256.New()}
	bw := bufio.NewWriterSize(fw, 64<<10)
	_, err = src.WriteTo(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	var d digest
	fw.h.Sum(d[:0])
	return d, err
}

// hashingFile writes to a file and a hash at once.
type hashingFile struct {
	f io.Writer
	h hash.Hash
}

func (w *hashingFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.h.Write(p[:n])
	return n, err
}

// mkdirAll is os.MkdirAll with one hook step per folder created, and it
// refuses to pass through anything that is not a real folder (a symlink
// in the way is an error, never followed). It tries to make the folder
// first and looks only when that fails: in a build nearly every folder is
// new and its parent exists, and one system call then does.
func (o *options) mkdirAll(dir string) error {
	if err := o.step("mkdir", dir); err != nil {
		return err
	}
	err := o.mkdir(dir)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		// A folder already (or made by another writer meanwhile), or
		// something else in the way.
		fi, serr := os.Lstat(dir)
		if serr != nil {
			return serr
		}
		if !fi.IsDir() {
			return fmt.Errorf("%s: exists and is not a folder", dir)
		}
		return nil
	case errors.Is(err, fs.ErrNotExist):
		up := filepath.Dir(dir)
		if up == dir {
			return err
		}
		if err := o.mkdirAll(up); err != nil {
			return err
		}
		err = o.mkdir(dir)
		if errors.Is(err, fs.ErrExist) {
			if fi, serr := os.Lstat(dir); serr == nil && fi.IsDir() {
				return nil
			}
		}
		return err
	}
	return err
}

// rename is os.Rename with a hook step.
func (o *options) rename(from, to string) error {
	if err := o.step("rename", to); err != nil {
		return err
	}
	return os.Rename(from, to)
}

// remove is os.Remove with a hook step.
func (o *options) remove(name string) error {
	if err := o.step("remove", name); err != nil {
		return err
	}
	return os.Remove(name)
}

// removeAll is os.RemoveAll with a hook step.
func (o *options) removeAll(name string) error {
	if err := o.step("removeall", name); err != nil {
		return err
	}
	return os.RemoveAll(name)
}
