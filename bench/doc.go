// Package bench holds linewatch's whole-system benchmarks, run against
// synthetic sites from bench/corpus rather than the real content:
// BenchmarkEditToServed measures, in a running `linewatch serve`, the time
// from an editor's save to the new page being served (issue 3, "Measure";
// issue 5, "Targets"), and the stage benchmarks (BenchmarkLoad, Validate,
// Model, Plan, Execute, Data, Publish, Build, RebuildOne) time each stage
// of a build over a 2,000-agency site in memory. The script bench/run
// measures the command against Hugo (bench/cmd/tohugo, bench/hugo); see
// README.md and docs/performance.md for the commands. The package has no
// code of its own; the benchmarks live in its test files.
package bench
