// Package mdfast converts a conservative subset of Markdown to exactly the
// HTML that the render package's goldmark instance writes for it, several
// times faster, and declines everything else.
//
// Markdown was the largest single CPU cost of a cold build: goldmark
// builds an AST node for every piece of text, runs every inline parser
// that a punctuation character could trigger, and walks the tree again to
// render it. Record bodies and service notes are nearly all plain prose
// with a few headings, lists, links and a small table, which a single
// pass over the text can write directly.
//
// # What it accepts
//
// Convert and ConvertInline accept valid UTF-8 text, without carriage
// returns, tabs or other control characters but the line feed, made of
// these blocks, separated by blank lines:
//
//   - ATX headings: one to six '#', one space, and text that neither
//     starts with a space nor ends with '#'. A heading may follow any
//     block directly.
//   - Thematic breaks: a line of three or more '-', '*' or '_' alone.
//   - Paragraphs: lines that cannot open another block or end the
//     paragraph: none starts with a space, '>', '<' or '=', an ATX
//     heading's hashes, a list marker followed by a space or nothing, a
//     code fence, or a run of '*', '-', '+' or '_' that could be a break;
//     none is made only of '-', '|', ':', '=' and spaces (a setext
//     underline or a table delimiter row).
//   - Tight lists: bullet items ("- ", "* ", "+ ") or ordered items ("1. ",
//     "3) ", up to nine digits), one space after the marker, each item a
//     paragraph of one line or of lines indented by exactly the item's
//     content offset. All items of a list use the same marker; the list
//     ends at a blank line, and what follows it is neither indented nor
//     another list.
//   - GFM tables: a paragraph whose first line starts with '|', whose
//     second is a delimiter row, also starting with '|', with as many
//     columns as the header, and whose other lines start with '|' and
//     have exactly that many cells.
//
// Inside headings, paragraphs, items and cells it accepts text, soft line
// breaks, emphasis and strong emphasis with '*' or '_' and strikethrough
// with '~' or "~~", where runs are one or two long, are classed as
// openers and closers by goldmark's own flanking rules and Unicode
// classes, and every closer closes the innermost open run, which has its
// character and length, or finds none of its character open and stays
// text (so does an opener left open, outside links and header cells); code
// spans between single backticks on one line, not starting or ending with
// a space; and inline links [text](destination) whose text is on one line
// without brackets and whose destination is a plain URL (http:, https:,
// mailto: or no scheme; no spaces, parentheses, quotes or angle
// brackets).
//
// # What it declines
//
// Everything else goes to goldmark: '<' (raw HTML, autolinks) and '\'
// (escapes, hard breaks) anywhere, HTML entities, trailing spaces, leading
// spaces but list continuations, setext headings, indented and fenced
// code, block quotes, loose or nested lists, lazy continuation lines,
// images, reference links and their definitions, link titles, emphasis
// runs that cross one another or would close an opener other than the
// innermost, runs of three or more, bare URLs ("://"), "www." and any
// '@' after address characters that Linkify could read as an e-mail
// address, and tables of any other shape. Declining costs only the time spent looking; the rule is
// one-sided: whatever Convert accepts, it writes byte for byte what
// goldmark writes, which the differential tests and FuzzMarkdownFast in
// package render check against every body and note of the site, of the
// fixtures and of a synthetic corpus.
//
// The output reproduces the render package's goldmark setup: raw HTML
// never reaches it, links to javascript:, vbscript: or data: URLs are
// declined rather than reduced to their text, and a table is wrapped in
// the focusable, named scrolling region that render's table renderer
// writes.
package mdfast
