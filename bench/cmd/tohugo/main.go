// Command tohugo turns a synthetic linewatch site (from bench/cmd/corpus)
// into Hugo content, so that bench/run can build the same records with
// Hugo and compare (issue 5):
//
//	go run ./bench/cmd/tohugo -source /dev/shm/lw-2000 -out /dev/shm/hugo-2000
//
// It writes OUT/content/agencies/SLUG.md for every agency record: the
// record's own TOML front matter, unchanged, with three keys added at the
// top for Hugo (title, and the taxonomies status and categories from the
// record's services), and the record's Markdown body. The site is English
// only, as the Hugo measurement in issue 5 is: Japanese siblings (.ja.md)
// and timeline events are left out. The configuration and layouts are not
// written here; bench/run copies them from bench/hugo/.
//
// OUT/content must be empty or missing, so a mistyped path cannot mix the
// synthetic records into a real site.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the whole command, returning its exit code: 0 done, 1 the site
// could not be read or written, 2 a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tohugo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("source", "", "the synthetic linewatch site `folder` to read (required)")
	out := fs.String("out", "", "the Hugo site `folder` whose content/ to write (required)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: tohugo -source DIR -out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *src == "" || *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	files, err := Convert(os.DirFS(*src))
	if err != nil {
		fmt.Fprintf(stderr, "tohugo: %v\n", err)
		return 1
	}
	if err := write(filepath.Join(*out, "content"), files); err != nil {
		fmt.Fprintf(stderr, "tohugo: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d Hugo pages, in %v (SYNTHETIC TEST DATA)\n", *out, len(files), time.Since(start).Round(time.Millisecond))
	return 0
}

// write puts files (slash paths relative to dir) under dir, which must be
// empty or missing.
func write(dir string, files map[string][]byte) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", full, err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", full, err)
		}
	}
	return nil
}
