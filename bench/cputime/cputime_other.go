//go:build !unix

// Package cputime tells benchmarks how much CPU time the process has used.
package cputime

import "time"

// Used is not measured where getrusage is missing; benchmarks then report
// zero CPU time.
func Used() time.Duration { return 0 }
