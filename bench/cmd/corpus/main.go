// Command corpus writes a synthetic linewatch site for benchmarks:
//
//	go run ./bench/cmd/corpus -n 2000 -seed 1 -out /dev/shm/lw-2000
//
// The folder must be empty or missing. The site is obviously fake (see
// package linewatch/bench/corpus) and must never be copied into content/.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"linewatch/bench/corpus"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the whole command, returning its exit code: 0 done, 1 the site
// could not be written, 2 a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 2000, "number of agencies")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same files")
	ja := fs.Float64("ja", 0, "share of records with a Japanese body (0 means the default 0.3, negative none)")
	events := fs.Int("events", 0, "number of timeline events (0 means n/50, negative none)")
	out := fs.String("out", "", "folder to write, empty or missing (required)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corpus -n N [-seed S] [-ja SHARE] [-events E] -out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 || *n < 0 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	stats, err := corpus.Write(*out, corpus.Options{Agencies: *n, Seed: *seed, JapaneseShare: *ja, Events: *events})
	if err != nil {
		fmt.Fprintf(stderr, "corpus: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %s, in %v (SYNTHETIC TEST DATA)\n", *out, stats, time.Since(start).Round(time.Millisecond))
	return 0
}
