//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

import (
	"io"
	"os"
)

// create creates name, which must not exist, holding data.
func (o *options) create(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// mkdir is os.Mkdir(dir, 0o755).
func (o *options) mkdir(dir string) error { return os.Mkdir(dir, 0o755) }

// createNew creates name, which must not exist, for writing.
func (o *options) createNew(name string) (io.WriteCloser, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
