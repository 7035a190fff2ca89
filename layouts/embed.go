// Package layouts holds linewatch's default templates, translations and
// style sheet, embedded in the binary so that a site folder needs nothing
// but site.toml and content/ to build.
//
// A site may keep its own layouts/ folder; it overrides these files one by
// one (render.Union), so an operator can restyle the home page or reword a
// label without copying the rest. The files are:
//
//	baseof.html          the frame of every page: head, header, nav, footer
//	partials/*.html      pieces shared by several pages (sources, tables)
//	NAME.html            one layout per page type, see package render
//	i18n/en.toml, ja.toml  every interface string, with the same keys
//	static/              copied to the output as is (style.css)
//
// This package only embeds; it imports nothing and has no code to test
// beyond what render's tests execute.
package layouts

import "embed"

// FS is the default layouts tree, rooted at this folder.
//
//go:embed *.html partials i18n static
var FS embed.FS
