package sitetest

import (
	"bytes"
	"sync"
)

// SyncBuffer is an io.Writer that a test shares with the goroutines
// writing to it (a server's log, a browser's output), and reads while
// they may still write. The zero SyncBuffer is empty and ready to use.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
