//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

import "os"

// createFile creates name, which must not exist, holding data.
func createFile(name string, data []byte) error {
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
