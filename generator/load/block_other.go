//go:build !linux

package load

// newBlock returns a zeroed block of size bytes for a textArena. Only
// Linux is told to back it with huge pages (see block_linux.go).
func newBlock(size int) []byte { return make([]byte, size) }
