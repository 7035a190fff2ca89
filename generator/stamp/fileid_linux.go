//go:build linux

package stamp

import (
	"fmt"
	"syscall"
)

// fileID identifies the file at name for ProgramDigest: its device,
// inode, size, and modification and change times in nanoseconds, or ""
// when it cannot be stat'ed; and its change time, Unix nanoseconds. The
// change time cannot be set by a program, so a file rewritten with its
// old modification time still shows.
func fileID(name string) (id string, changed int64) {
	var st syscall.Stat_t
	if err := syscall.Stat(name, &st); err != nil {
		return "", 0
	}
	return fmt.Sprintf("%d:%d:%d:%d.%09d:%d.%09d", st.Dev, st.Ino, st.Size,
		st.Mtim.Sec, st.Mtim.Nsec, st.Ctim.Sec, st.Ctim.Nsec), st.Ctim.Nano()
}
