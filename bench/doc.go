// Package bench holds linewatch's whole-system benchmarks, run against
// synthetic sites from bench/corpus rather than the real content:
// BenchmarkEditToServed measures, in a running `linewatch serve`, the time
// from an editor's save to the new page being served (issue 3, "Measure";
// issue 5, "Targets"). See README.md for the commands. The package has no
// code of its own; the benchmarks live in its test files.
package bench
