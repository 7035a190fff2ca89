//go:build !linux && !darwin

package publish

// exchange has no atomic swap of two folders to call on this system, so
// Swap falls back to two renames.
func exchange(a, b string) error {
	return errNoExchange
}
