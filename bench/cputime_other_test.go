//go:build !unix

package bench

import "time"

// cpuTime is not measured where getrusage is missing; benchmarks then
// report zero CPU time.
func cpuTime() time.Duration { return 0 }
