// Command linewatch builds the linewatch transparency site: which Japanese
// public bodies use LINE, for what, and what they suspended after March
// 2021. `go run .` builds the site in the current folder into public/.
//
// Usage:
//
//	linewatch [build] [-source DIR] [-out DIR]   build the site (the default command)
//	linewatch check   [-source DIR]              validate all content, write nothing
//	linewatch new     [-source DIR] PATH         scaffold a record with every field
//	linewatch serve   [-source DIR] [-addr A]    build, serve on 127.0.0.1:1414, rebuild on change
//
// Exit codes: 0 ok, 1 content or build errors, 2 usage errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"linewatch/generator"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `linewatch builds a static, bilingual site showing which Japanese public
bodies use the LINE app, from the TOML/Markdown records under content/.

Usage:
  linewatch [build] [-source DIR] [-out DIR]   build the site into the output folder
  linewatch check   [-source DIR]              validate all content; write nothing
  linewatch new     [-source DIR] PATH         write a record scaffold with every field
  linewatch serve   [-source DIR] [-addr HOST:PORT]
                                               build, serve, watch and rebuild, reload the browser

Run "linewatch COMMAND -h" for a command's flags.
Exit codes: 0 ok, 1 content or build errors, 2 usage errors.
`

// run is the whole command line, returning the exit code, so tests can
// call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd := "build"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "build":
		return build(args, stdout, stderr)
	case "check":
		return check(args, stdout, stderr)
	case "new":
		return newRecord(args, stdout, stderr)
	case "serve":
		return serveSite(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "linewatch: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// flags returns a flag set for a command with the common -source flag.
func flags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("source", ".", "the site `folder` holding site.toml, content/ and an optional layouts/")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs, src
}

// parse parses flags; it returns the exit code to stop with, or -1 to go on.
func parse(fs *flag.FlagSet, args []string, wantArgs int) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != wantArgs {
		fmt.Fprintf(fs.Output(), "linewatch %s: expected %d argument(s), got %d\n", fs.Name(), wantArgs, fs.NArg())
		fs.Usage()
		return 2
	}
	return -1
}

func build(args []string, stdout, stderr io.Writer) int {
	fs, src := flags("build", "linewatch build [-source DIR] [-out DIR]\n\nBuilds the site into the output folder. The new site is written beside the\noutput folder and swapped in whole; on any error the old output is kept as it was.", stderr)
	out := fs.String("out", "", "the output `folder` (default: site.toml's out, else public inside the site folder)")
	if code := parse(fs, args, 0); code >= 0 {
		return code
	}
	start := time.Now()
	b, err := generator.New(generator.Config{SourceDir: *src, Out: *out})
	if err != nil {
		fmt.Fprintf(stderr, "linewatch: %v\n", err)
		return 1
	}
	res, err := b.BuildUnlessFresh()
	if err != nil {
		return report(err, stderr, "; nothing was published, the previous output is unchanged")
	}
	if res.Fresh {
		fmt.Fprintf(stdout, "nothing changed since the last build (%d input files checked); %s is up to date, in %v\n",
			res.Files, res.Out, time.Since(start).Round(time.Millisecond))
		return 0
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	rendered := ""
	if res.Rendered < res.Pages {
		rendered = fmt.Sprintf("%d rendered, the others unchanged since the last build; ", res.Rendered)
	}
	fmt.Fprintf(stdout, "built %d pages (%s%d files: %d written, %d unchanged, %d removed) into %s in %v\n",
		res.Pages, rendered, res.Files, res.Stats.Written, res.Stats.Unchanged, res.Stats.Removed, res.Out, time.Since(start).Round(time.Millisecond))
	return 0
}

func check(args []string, stdout, stderr io.Writer) int {
	fs, src := flags("check", "linewatch check [-source DIR]\n\nValidates every record and site.toml and reports every problem at once,\nas path:line:col: field: message. Writes nothing; exits 1 on any problem.", stderr)
	if code := parse(fs, args, 0); code >= 0 {
		return code
	}
	b, err := generator.New(generator.Config{SourceDir: *src})
	if err != nil {
		fmt.Fprintf(stderr, "linewatch: %v\n", err)
		return 1
	}
	in, err := b.Check()
	if err != nil {
		return report(err, stderr, "")
	}
	fmt.Fprintf(stdout, "ok: %d agencies, %d events, %d surveys, %d pages\n", len(in.Agencies), len(in.Events), len(in.Surveys), len(in.Pages))
	return 0
}

func newRecord(args []string, stdout, stderr io.Writer) int {
	fs, src := flags("new", "linewatch new [-source DIR] PATH\n\nWrites a record scaffold at PATH (e.g. content/agencies/osaka/sakai-city.md)\nwith every field present and commented. Never overwrites a file.", stderr)
	if code := parse(fs, args, 1); code >= 0 {
		return code
	}
	path, err := generator.NewRecord(*src, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "linewatch: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: fill in the fields, then run linewatch check\n", path)
	return 0
}

func serveSite(args []string, stdout, stderr io.Writer) int {
	fs, src := flags("serve", "linewatch serve [-source DIR] [-out DIR] [-addr HOST:PORT]\n\nBuilds the site, serves it, watches site.toml, content/ and layouts/, and\nrebuilds at once on every save; open pages reload themselves. A save that\nbreaks the content prints the problems and shows them over the page while\nthe last good site is still served. Ctrl-C stops it.", stderr)
	out := fs.String("out", "", "the output `folder` (default: site.toml's out, else public inside the site folder)")
	addr := fs.String("addr", "127.0.0.1:1414", "the `address` to listen on; keep it on loopback")
	if code := parse(fs, args, 0); code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := generator.Serve(ctx, generator.Config{SourceDir: *src, Out: *out}, generator.ServeOptions{Addr: *addr, Stdout: stdout, Stderr: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "linewatch: %v\n", err)
		return 1
	}
	return 0
}

// report prints a build or check failure: every content problem on its own
// line and a summary, or the engine error.
func report(err error, stderr io.Writer, tail string) int {
	var ce *generator.ContentError
	if errors.As(err, &ce) {
		fmt.Fprint(stderr, ce.Diags.String())
		fmt.Fprintf(stderr, "%s%s\n", ce.Diags.Summary(), tail)
		return 1
	}
	fmt.Fprintf(stderr, "linewatch: %v\n", err)
	return 1
}
