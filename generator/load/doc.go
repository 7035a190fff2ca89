// Package load turns a site folder into raw documents: it finds every record
// under content/agencies, content/events, content/pages and
// content/surveys, splits Markdown
// files into TOML front matter and body, decodes the TOML into generic maps,
// and indexes where each key sits in the file so later stages can point an
// editor at the exact line and column of a problem.
//
// It takes an fs.FS rooted at the site folder (the one holding site.toml and
// content/) and returns []Doc plus a diag.List of problems that stop a file
// from being read at all: unreadable or oversized files, bad UTF-8, NUL
// bytes, a missing or unclosed +++ front matter, TOML syntax errors. It never
// judges what the fields mean (that is package validate's job), so enums are
// still plain strings and dates still time.Time values here.
//
// # Files
//
// A record is either NAME.md, with TOML front matter between two lines of
// "+++" at the very top and a Markdown body below, or NAME.toml, the whole
// file being fields. A Japanese body lives beside it as NAME.ja.md, whose
// front matter is optional. Other files under content/ (images, notes) are
// skipped, and so are editor leftovers (see Ignored).
//
// Files saved on Windows load the same as others: a UTF-8 byte order mark is
// dropped and CRLF line ends become LF before parsing, so line numbers still
// match what the editor shows.
//
// # TOML
//
// TOML is decoded by the sub-package tomlfast, which gives exactly the
// value BurntSushi/toml would, several times faster and with a quarter of
// the allocations. Whatever it declines, every document with a syntax
// error among them, goes to BurntSushi, so the messages editors see are
// BurntSushi's, at their place in the file.
//
// # Limits
//
// A record file larger than MaxSize (1 MiB) is reported and not parsed: no
// honest record comes near it, and refusing keeps a stray data dump from
// stalling every build. So is a file with a line longer than MaxLine (64
// KiB) or Markdown nested more than MaxNesting (100) lists or block quotes
// deep: goldmark's cost grows with both, to hundreds of megabytes and
// beyond. A symbolic link whose target lies outside the site folder is
// reported and not followed, so a site cannot publish files from elsewhere
// on the machine, and a named pipe, socket or device named like a record is
// reported and never opened (a pipe would block the build).
// docs/content-guide.md, "Limits", lists them for editors.
//
// # Key positions
//
// BurntSushi/toml does not say where a key was written, so load scans the
// TOML text itself for the position of every key path (Doc.Pos), in the
// form validate uses for its messages: "name", "services[1].status",
// "services[2].history[1].date", "sources[1]" (the line of the [[sources]]
// header), "agencies[2]" (an element of an inline array). Positions are in
// the original file's lines and count columns in characters. Only a
// problem needs a position, so a file is scanned on the first call to its
// Pos, not when it is loaded: a site without problems is never scanned,
// and the Builder keeps no index of thousands of clean records in memory.
//
// Files are parsed in parallel; the result is sorted by path, so output is
// the same whatever order the workers finish in.
package load
