// Package generator wires linewatch's stages into the commands an editor
// runs: build, check, new (and, in later issues, serve).
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
// the previous output stays exactly as it was. The Builder keeps what does
// not change between builds (the reference data, parsed layouts) so that
// watch mode can rebuild without starting over.
package generator
