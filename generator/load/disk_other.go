//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package load

import (
	"os"

	"linewatch/generator/internal/quick"
)

// refusesLinks says whether readFileLimited, told a file is regular,
// refuses a link: not here, so load looks at each file first.
const refusesLinks = false

// readFileLimited reads the file at path, or reports it too large when it
// holds more than limit bytes. Only a regular file is read.
// With regular set, a non-nil seen gets what the file's Stat said. Files
// are read into buffers of their own here: the arena (textArena) saves
// page faults measured on Linux only.
func readFileLimited(path string, limit int, regular bool, seen *Seen, _ *textArena, _ quick.Calls) ([]byte, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	size := 512
	if st, err := f.Stat(); err == nil {
		if !st.Mode().IsRegular() {
			return nil, false, &os.PathError{Op: "read", Path: path, Err: errNotRegular}
		}
		if seen != nil && regular && st.Mode().IsRegular() {
			*seen = Seen{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Regular: true}
		}
		if st.Size() > int64(limit) {
			return nil, true, nil
		}
		size = int(max(st.Size(), 0))
	}
	b, err := readAll(f, size)
	if err != nil {
		return nil, false, err
	}
	return b, len(b) > limit, nil
}
