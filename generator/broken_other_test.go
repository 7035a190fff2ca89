//go:build !unix

package generator_test

import "testing"

// mkfifo skips: named pipes are a Unix matter.
func mkfifo(t *testing.T, path string) {
	t.Skip("no named pipes on this system")
}
