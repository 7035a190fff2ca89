// Package tmplexec executes html/template sets several times faster than
// html/template, writing the same bytes.
//
// html/template escapes a set once, by rewriting its parse trees: every
// action gets a chain of escaper functions (_html_template_htmlescaper,
// _html_template_attrescaper, _html_template_urlfilter …) for the
// context it prints in, and templates called in other contexts get
// escaped copies ("title$htmltemplate_stateRCDATA_elementTitle").
// Executing is then text/template's work, which is slow for pages made
// of hundreds of small actions: every function, the escapers included,
// is called through reflect, every field is looked up by name, and every
// value is formatted with fmt.
//
// Compile takes a set after html/template has escaped it and compiles the
// escaped trees once: text as bytes, constant strings already passed
// through their escapers, fields and methods found by index and cached
// per receiver type (a chain such as .A.B.C resolved at once), values
// that need no escaping written as they are, html/template's HTML,
// attribute, RCDATA and URL escapers reimplemented in Go with its exact
// semantics (content types, #ZgotmplZ, percent-encoding, invalid UTF-8
// …), and functions of a few common signatures called directly. Everything else — builtins,
// methods, functions of other shapes, errors and their messages — follows
// text/template's own code, adapted here, so that control flow, truth,
// variables, ranges over maps, integers and iterators behave as they do
// there.
//
// What it does not reproduce it refuses rather than guesses: Compile
// wraps ErrUnsupported for a set using escapers of JavaScript, CSS,
// srcset or attribute-name contexts, or an unescaped set, and Execute
// for a value only html/template's HTML parser could escape
// (template.HTML in an attribute). The caller then executes with
// html/template, as render.Layouts does, so a site's own layouts always
// work, only slower.
//
// The differential tests in this package and in render run every
// construct, context and hostile string, and every page of the shipped
// site, of the fixtures and of a synthetic corpus, through both and
// require identical bytes.
package tmplexec
