// Package generator wires linewatch's stages into the commands an editor
// runs: build, check, new and serve.
//
// A build is one pass through packages with one job each, as DESIGN.md
// ("Engine principles") lays out:
//
//	load.Dir        files        → raw documents (front matter split, TOML decoded, key positions)
//	validate.Check  documents    → typed model.Input, plus every problem at once (diag.List)
//	model.New       model.Input  → the immutable site model and its derived views
//	render.Plan     model        → pages, each with its URL, layout, view and inputs
//	Layouts.Execute page         → bytes, in parallel over all cores
//	publish.Swap    bytes        → the output folder, atomically, unchanged files untouched
//
// Content problems stop the pass after validation: nothing is published and
// the previous output stays exactly as it was.
//
// Nothing is done twice that can be kept. serve holds one Builder between
// edits, with the loaded documents, the checked records, the parsed
// layouts and the last plan, so that an edit re-reads only the changed
// files and executes only the pages whose inputs changed (Update); the
// open data and the disk follow in the background (Write). `linewatch
// build` is a new process each time and keeps what it needs on disk
// instead (BuildUnlessFresh): a stamp of every input, so that a build with
// nothing changed does nothing, and what each page read, so that a build
// after an edit executes only the pages the edit reaches (since.go).
package generator
