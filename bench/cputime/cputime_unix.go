//go:build unix

// Package cputime tells benchmarks how much CPU time the process has used.
// The machines this project is measured on are shared, so benchmarks
// report CPU time per operation beside wall time, which waits on everyone
// else.
package cputime

import (
	"syscall"
	"time"
)

// Used returns the CPU time the process has used so far, user and system,
// garbage collection included.
func Used() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
