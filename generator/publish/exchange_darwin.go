package publish

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// exchange swaps the two folders a and b in one step with
// renamex_np(RENAME_SWAP), macOS's twin of Linux's RENAME_EXCHANGE.
func exchange(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP) {
		return fmt.Errorf("%w: %w", errNoExchange, err)
	}
	return err
}
