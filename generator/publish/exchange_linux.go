package publish

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// exchange swaps the two folders a and b in one step with
// renameat2(RENAME_EXCHANGE): at every instant each name holds a whole
// tree, so a reader of either never finds it missing.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		// Old kernels and some file systems (NFS, FUSE) lack it.
		return fmt.Errorf("%w: %w", errNoExchange, err)
	}
	return err
}
