package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"linewatch/generator/render/mdfast"
)

// markdown is the one goldmark instance of the package. It is built once
// and never changed; goldmark's Convert is safe for concurrent use, and
// building an instance per call would cost more than the conversion.
var markdown = goldmark.New(
	goldmark.WithExtensions(
		// GFM tables: editors tabulate services and dates in bodies.
		extension.Table,
		// ~~struck~~ text: editors mark superseded statements rather than
		// deleting them, which keeps the record's history honest.
		extension.Strikethrough,
		// Bare http(s) URLs and www. addresses become links, as on GitHub
		// where editors preview their records.
		extension.Linkify,
	),
	goldmark.WithParserOptions(
		// Links to javascript:, vbscript: or data: URLs are reduced to their
		// text before rendering, so no record can plant a live script link.
		parser.WithASTTransformers(util.Prioritized(unsafeLinks{}, 100)),
	),
	goldmark.WithRendererOptions(
		// Raw HTML in content is shown as escaped text, never passed
		// through: DESIGN.md "Records". goldmark's default would drop it
		// silently behind a comment, hiding the editor's mistake; its
		// unsafe mode would publish it. Priority 100 beats the default
		// HTML renderer's 1000.
		renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)),
		// Tables scroll inside their own focusable, named region, as the
		// layouts' tables do, so a wide table in a body never widens the
		// page on a phone (the go.dev site wraps its tables the same way).
		renderer.WithNodeRenderers(util.Prioritized(newScrollingTables(), 100)),
	),
	// Everything else stays at goldmark's defaults: CommonMark, no raw
	// HTML (above), no typographer, no heading IDs, hard wraps off.
)

// Markdown renders block Markdown (a record's body, a free page) to HTML.
// Raw HTML is escaped and script links dropped, so the result is safe to
// place in a page as is. Text in the subset package mdfast handles, which
// is nearly every body, is converted there, several times faster and to
// the same bytes; goldmark converts the rest.
func Markdown(src string) (template.HTML, error) {
	if h, ok := mdfast.Convert(src); ok {
		return template.HTML(h), nil
	}
	return goldmarkMarkdown(src)
}

// goldmarkMarkdown is Markdown by goldmark alone.
func goldmarkMarkdown(src string) (template.HTML, error) {
	var b bytes.Buffer
	if err := markdown.Convert([]byte(src), bufWriter{&b}); err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	return template.HTML(b.String()), nil
}

// MarkdownInline renders a short piece of Markdown such as a service's
// note: the same rules as Markdown, without the paragraph around a single
// paragraph, so the result fits in a table cell or a sentence. Like
// Markdown, it tries package mdfast first.
func MarkdownInline(src string) (template.HTML, error) {
	if h, ok := mdfast.ConvertInline(src); ok {
		return template.HTML(h), nil
	}
	return goldmarkMarkdownInline(src)
}

// goldmarkMarkdownInline is MarkdownInline by goldmark alone.
func goldmarkMarkdownInline(src string) (template.HTML, error) {
	source := []byte(src)
	doc := markdown.Parser().Parse(text.NewReader(source))
	var b bytes.Buffer
	if err := markdown.Renderer().Render(bufWriter{&b}, source, doc); err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	out := b.String()
	if doc.ChildCount() == 1 && doc.FirstChild().Kind() == ast.KindParagraph {
		out = strings.TrimSuffix(strings.TrimPrefix(out, "<p>"), "</p>\n")
	}
	return template.HTML(out), nil
}

// bufWriter lets goldmark write straight into a bytes.Buffer: given a
// plain io.Writer it wraps it in a fresh 4 KB bufio.Writer per call,
// which was the largest allocation of an agency page.
type bufWriter struct{ *bytes.Buffer }

// Buffered implements util.BufWriter: nothing is held back.
func (bufWriter) Buffered() int { return 0 }

// Flush implements util.BufWriter: there is nothing to flush.
func (bufWriter) Flush() error { return nil }

// escapedHTML renders raw HTML nodes as visible, escaped text.
type escapedHTML struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (escapedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindRawHTML, renderRawHTML)
}

// renderHTMLBlock writes an HTML block as an escaped paragraph.
func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	var raw []byte
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		raw = append(raw, line.Value(source)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(source)...)
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.WriteString(html.EscapeString(strings.TrimRight(string(raw), "\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// renderRawHTML writes an inline HTML tag as escaped text.
func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(source))))
	}
	return ast.WalkSkipChildren, nil
}

// unsafeLinks replaces links and images whose destination is a script or
// data URL with their text, and such autolinks with the plain URL text.
type unsafeLinks struct{}

// Transform implements parser.ASTTransformer.
func (unsafeLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if unsafeURL(n.Destination) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if unsafeURL(n.Destination) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if unsafeURL(n.URL(source)) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(a.URL(source)))
			continue
		}
		// Keep the link text (an image's alt text) in place of the link.
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// unsafeURL reports whether a link destination would run code or smuggle
// content: javascript:, vbscript: and data: URLs, however cased or padded.
func unsafeURL(dest []byte) bool {
	// Browsers ignore tabs and newlines inside a scheme ("java\tscript:").
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(string(dest))))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(s, scheme) {
			return true
		}
	}
	return false
}

var _ util.BufWriter = bufWriter{}

// scrollingTables renders GFM tables with goldmark's own table renderer,
// inside <div class="table-wrap" role="region" tabindex="0" aria-label=…>.
// The region is named by the table's header cells, which are in the
// language of the body, so no translation is needed here.
type scrollingTables struct{ table renderer.NodeRendererFunc }

func newScrollingTables() scrollingTables {
	var t scrollingTables
	extension.NewTableHTMLRenderer().RegisterFuncs(captureTable{&t.table})
	return t
}

// RegisterFuncs takes over the table node from the table extension.
func (t scrollingTables) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTable, t.render)
}

func (t scrollingTables) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="`)
		w.WriteString(html.EscapeString(headerText(node, source)))
		w.WriteString("\">\n")
	}
	status, err := t.table(w, source, node, entering)
	if !entering {
		w.WriteString("</div>\n")
	}
	return status, err
}

// headerText joins the text of a table's header cells with commas.
func headerText(table ast.Node, source []byte) string {
	var cells []string
	for n := table.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != extast.KindTableHeader {
			continue
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			var b strings.Builder
			_ = ast.Walk(c, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
				if t, ok := m.(*ast.Text); ok && entering {
					b.Write(t.Segment.Value(source))
				}
				return ast.WalkContinue, nil
			})
			if s := strings.TrimSpace(b.String()); s != "" {
				cells = append(cells, s)
			}
		}
	}
	if len(cells) == 0 {
		return "Table"
	}
	return strings.Join(cells, ", ")
}

// captureTable keeps the table extension's renderer for the table node so
// scrollingTables can call it; the rows and cells keep theirs.
type captureTable struct{ table *renderer.NodeRendererFunc }

func (c captureTable) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == extast.KindTable {
		*c.table = f
	}
}
